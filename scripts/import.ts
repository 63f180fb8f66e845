#!/usr/bin/env node
/**
 * import: turn a tools-list JSON file into `content/servers/<slug>.json`. The tools are read by
 * src/ingest/import.ts, the rest of the file is made from the options by src/ingest/import-input.ts.
 * Nothing is written unless the result validates.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importToolsList } from '../src/ingest/import.ts';
import { importedServerInput, partStatus } from '../src/ingest/import-input.ts';
import { writeFileAtomic } from '../src/ingest/write-atomic.ts';
import { buildServerFile, serializeServerFile } from '../src/lib/content/server-file.ts';
import { DataError, defineCommand, main, UsageError } from './lib/cli.ts';

const command = defineCommand({
	name: 'import',
	usage: [
		'npm run import -- <tools.json> --slug <slug> --name <name>',
		'  (--npm <pkg@version> | --pypi <pkg[@version]> | --oci <image> | --remote <streamable-http url> | --remote-sse <url>)...',
		'  [--source-title <t> --source-url <url> | --source-ref <ref>]... [--description <text>] [--homepage <url>] [--repository <url>]',
		'  [--obtained-at <YYYY-MM-DD>] [--schema-status reconstructed|exact|...] [--output-schema-status ...] [--partial]',
		'  [--claimed <n> --claim-source <text>] [--notes <text>] [--out content/servers]',
	],
	about:
		'The file may be a raw tools/list result, an array of tools, or a research file with x- notes\n' +
		'(see src/ingest/import.ts). Nothing is written unless the result validates.',
	positionals: { name: '<tools.json>', description: 'the tools-list file', max: 1 },
	options: {
		slug: { type: 'string', value: '<slug>', description: 'file name and id (required)' },
		name: { type: 'string', value: '<name>', description: 'display name (required)' },
		description: { type: 'string', value: '<text>', description: 'what the server is' },
		homepage: { type: 'string', value: '<url>', description: "the server's home page" },
		repository: { type: 'string', value: '<url>', description: "the server's source repository" },
		npm: { type: 'string', multiple: true, value: '<pkg@version>', description: 'an npm package, exact version' },
		pypi: { type: 'string', multiple: true, value: '<pkg[@version]>', description: 'a PyPI package' },
		oci: { type: 'string', multiple: true, value: '<image>', description: 'an OCI image' },
		remote: { type: 'string', multiple: true, value: '<url>', description: 'a streamable HTTP endpoint' },
		'remote-sse': { type: 'string', multiple: true, value: '<url>', description: 'an SSE endpoint' },
		'source-title': { type: 'string', multiple: true, value: '<t>', description: 'a source of the tool list (default: the file)' },
		'source-url': { type: 'string', multiple: true, value: '<url>', description: "the URL of the source with the same position's title" },
		'source-ref': {
			type: 'string',
			multiple: true,
			value: '<ref>',
			description: "a reference (commit, path) for the same position's title",
		},
		'obtained-at': { type: 'string', value: '<YYYY-MM-DD>', description: 'when the list was obtained (default today)' },
		'schema-status': {
			type: 'string',
			value: '<status>',
			description: 'status of every input schema without its own note (exact, reconstructed, ...)',
		},
		'output-schema-status': { type: 'string', value: '<status>', description: 'the same for output schemas' },
		partial: { type: 'boolean', default: false, description: 'the list is known to be incomplete' },
		claimed: { type: 'string', value: '<n>', description: 'how many tools a third party claims the server has' },
		'claim-source': { type: 'string', value: '<text>', description: 'who claims it' },
		notes: { type: 'string', value: '<text>', description: 'provenance notes' },
		out: { type: 'string', value: '<dir>', default: 'content/servers', description: 'content folder' },
	},
});

await main(command, (args) => {
	const { values } = args;
	const [inputPath] = args.positionals;
	if (!inputPath || !values.slug || !values.name) throw new UsageError('a file, --slug and --name are required');
	let parsed: unknown;
	try {
		parsed = JSON.parse(readFileSync(inputPath, 'utf8'));
	} catch (error) {
		throw new DataError(inputPath, [`cannot read it as JSON: ${(error as Error).message}`]);
	}
	const schemaStatus = partStatus(values['schema-status'], '--schema-status');
	const outputSchemaStatus = partStatus(values['output-schema-status'], '--output-schema-status');
	const claimed = args.number('claimed', { integer: true, min: 0 });
	let imported;
	try {
		imported = importToolsList(parsed, { ...(schemaStatus && { schemaStatus }), ...(outputSchemaStatus && { outputSchemaStatus }) });
	} catch (error) {
		throw new DataError(inputPath, [(error as Error).message]);
	}
	const input = importedServerInput(
		imported,
		inputPath,
		{
			slug: values.slug,
			name: values.name,
			description: values.description,
			homepage: values.homepage,
			repository: values.repository,
			npm: values.npm,
			pypi: values.pypi,
			oci: values.oci,
			remote: values.remote,
			remoteSse: values['remote-sse'],
			sourceTitles: values['source-title'],
			sourceUrls: values['source-url'],
			sourceRefs: values['source-ref'],
			obtainedAt: values['obtained-at'],
			partial: values.partial,
			claimed,
			claimSource: values['claim-source'],
			notes: values.notes,
		},
		new Date().toISOString().slice(0, 10),
	);
	const out = join(values.out, `${values.slug}.json`);
	const server = buildServerFile(input, out);
	writeFileAtomic(out, serializeServerFile(server));
	console.log(`import: wrote ${out} (${server.tools.length} tools, ${server.provenance.toolsHash})`);
});
