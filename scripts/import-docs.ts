#!/usr/bin/env node
/**
 * import-docs: what a vendor documents about a hosted server's tools (content/docs/<slug>.json) ->
 * content/servers/<slug>.json, marked `docs` and partial. The parsing is src/ingest/docs.ts, the file
 * src/ingest/sourced.ts.
 */
import { readFileSync } from 'node:fs';
import { docsEntries, parseDocsFile } from '../src/ingest/docs.ts';
import { parseDistributions, writeSourcedServer } from '../src/ingest/sourced.ts';
import { DataError, defineCommand, main, UsageError } from './lib/cli.ts';
import { IDENTITY_OPTIONS } from './lib/sourced-options.ts';

const command = defineCommand({
	name: 'import:docs',
	usage: [
		'npm run import:docs -- <docs.json> --slug <slug> --name <name> (--remote <url> | --remote-sse <url> | --npm <pkg@v> ...)... [options]',
	],
	about: 'Names and documented descriptions, parameters or schemas only where the page gives them; the file is always partial.',
	positionals: { name: '<docs.json>', description: 'the docs file (content/docs/<slug>.json)', max: 1 },
	options: {
		repository: { type: 'string', value: '<url>', description: "the server's source repository, if public" },
		claimed: { type: 'string', value: '<n>', description: 'how many tools the documentation says there are' },
		'claim-source': { type: 'string', value: '<text>', description: 'where it says so' },
		...IDENTITY_OPTIONS,
	},
	examples: [
		'npm run import:docs -- content/docs/deepwiki.json --slug deepwiki --name "DeepWiki MCP (Devin)" --remote https://mcp.deepwiki.com/mcp',
	],
});

await main(
	command,
	(args) => {
		const { values } = args;
		const [input] = args.positionals;
		if (!input || !values.slug || !values.name) throw new UsageError('a docs file, --slug and --name are required');
		const distributions = parseDistributions(values);
		const claimed = args.number('claimed', { integer: true, min: 0 });
		let raw: unknown;
		try {
			raw = JSON.parse(readFileSync(input, 'utf8'));
		} catch (error) {
			throw new DataError(input, [`cannot read it as JSON: ${(error as Error).message}`]);
		}
		const docs = parseDocsFile(raw, input);
		const tools = docsEntries(docs);
		const { file, server } = writeSourcedServer(
			{
				slug: values.slug,
				name: values.name,
				...(values.description && { description: values.description }),
				...(values.homepage && { homepage: values.homepage }),
				...(values.repository && { repository: values.repository }),
				distributions,
				method: 'docs',
				origin: {
					url: docs.url,
					date: docs.date,
					matchesRelease: 'unknown',
					releaseNote:
						'a hosted server has no release to compare with: it can change at any time, and the documentation describes it as of its date',
				},
				sources: [{ title: docs.title, url: docs.url }, ...(docs.alsoRead ?? [])],
				obtainedAt: values['obtained-at'] ?? new Date().toISOString().slice(0, 10),
				notes: [
					`${tools.length} tools as the vendor documents them (${docs.url}, read ${docs.date}). Names are as documented; descriptions are the documentation's, which may differ from what the server returns; schemas only where the page gives them. A live tools/list would make this exact.`,
					...(values.note ?? []),
				],
				tools,
				...(claimed !== undefined && { toolCountClaimed: claimed }),
				...(values['claim-source'] && { claimSource: values['claim-source'] }),
			},
			values.out,
		);
		console.log(`import-docs: wrote ${file} (${server.tools.length} tools, ${server.provenance.completeness})`);
	},
	{ failureNote: 'Nothing was written.' },
);
