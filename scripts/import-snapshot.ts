#!/usr/bin/env node
/**
 * import-snapshot: tool definitions published in a server's repository -> content/servers/<slug>.json
 * (provenance method `snapshot`). Reads a fetched mirror (a bare git directory) at one revision; runs
 * nothing from it. The parsing is src/ingest/snapshot.ts, the file src/ingest/sourced.ts.
 */
import { listFiles, readFile, resolveCommit } from '../src/ingest/git-read.ts';
import { droppedNote, importSnapshot, SNAPSHOT_FORMATS, SnapshotError, type SnapshotFormat } from '../src/ingest/snapshot.ts';
import { parseDistributions, releaseMatch, repositorySourced, writeSourcedServer } from '../src/ingest/sourced.ts';
import { defineCommand, main, UsageError } from './lib/cli.ts';
import { IDENTITY_OPTIONS, RELEASE_OPTIONS } from './lib/sourced-options.ts';

const command = defineCommand({
	name: 'import:snapshot',
	usage: [
		`npm run import:snapshot -- --git-dir <dir> --rev <tag> --path <file|folder> --format <${Object.keys(SNAPSHOT_FORMATS).join('|')}>`,
		'  --repository <url> --slug <slug> --name <name> (--npm <pkg@v> | --pypi <pkg[@v]> | --oci <image> | --remote <url>)... [options]',
	],
	about: `Formats: ${Object.entries(SNAPSHOT_FORMATS)
		.map(([k, v]) => `${k}: ${v}`)
		.join('; ')}.`,
	options: {
		...RELEASE_OPTIONS,
		path: { type: 'string', multiple: true, value: '<file|folder>', description: 'what to read in the repository (required)' },
		ext: { type: 'string', value: '<.snap>', description: 'only files ending so' },
		format: { type: 'string', value: '<format>', description: 'how the files hold the definitions (required)' },
		'listed-only-if': {
			type: 'string',
			multiple: true,
			value: '<field>=<value>:<text>',
			description: 'tools whose field has the value are listed only under the condition <text>',
		},
		'source-root': { type: 'string', value: '<folder/>', description: 'prefix for source files the snapshot names relative to a folder' },
		claimed: { type: 'string', value: '<n>', description: 'how many tools another source claims' },
		'claim-source': { type: 'string', value: '<text>', description: 'who claims it' },
		...IDENTITY_OPTIONS,
	},
	examples: [
		'npm run import:snapshot -- --git-dir <mirror> --rev v1.10.1 --path pkg/github/__toolsnaps__ --ext .snap --format tool-files \\\n' +
			'    --repository https://github.com/github/github-mcp-server --version 1.10.1 --slug github-mcp-server --name "GitHub MCP Server" \\\n' +
			'    --oci ghcr.io/github/github-mcp-server:v1.10.1',
	],
});

await main(
	command,
	(args) => {
		const { values } = args;
		const gitDir = values['git-dir'];
		const { rev, format, repository, slug, name } = values;
		if (!gitDir || !rev || !values.path || !format || !repository || !slug || !name)
			throw new UsageError('--git-dir, --rev, --path, --format, --repository, --slug and --name are required');
		if (!(format in SNAPSHOT_FORMATS)) throw new UsageError(`--format must be one of ${Object.keys(SNAPSHOT_FORMATS).join(', ')}`);
		const listedOnlyIf = (values['listed-only-if'] ?? []).map((spec) => {
			const m = /^([^=]+)=([^:]+):(.+)$/s.exec(spec);
			if (!m) throw new UsageError(`--listed-only-if ${JSON.stringify(spec)}: expected <field>=<value>:<condition>`);
			return { field: m[1]!, value: m[2]!, text: m[3]! };
		});
		const distributions = parseDistributions(values);
		const claimed = args.number('claimed', { integer: true, min: 0 });
		const at = resolveCommit(gitDir, rev);
		const paths = values.path.flatMap((p) => listFiles(gitDir, at.commit, p)).filter((p) => !values.ext || p.endsWith(values.ext));
		if (paths.length === 0) throw new SnapshotError(`nothing under ${values.path.join(', ')} at ${rev}`);
		const result = importSnapshot(
			paths.map((p) => ({ path: p, text: readFile(gitDir, at.commit, p) })),
			{ format: format as SnapshotFormat, listedOnlyIf, ...(values['source-root'] && { sourceRoot: values['source-root'] }) },
		);
		releaseMatch({ ...values, slug, name }, at, rev);
		const pathLabel =
			values.path.length === 1 ? `${values.path[0]}${format === 'tool-files' ? `/*${values.ext ?? ''}` : ''}` : values.path.join(', ');
		const dropped = droppedNote(result);
		const notes = [
			`${result.entries.length} tool definitions read from ${paths.length} file(s) under ${values.path.join(', ')} at ${rev} (${at.commit}, ${at.date}).`,
			...(dropped ? [dropped] : []),
			...(result.schemasNotJsonSchema.length > 0
				? [
						`${result.schemasNotJsonSchema.length} tools' published schemas are not JSON Schema; their parameter names are kept as known parameters.`,
					]
				: []),
			...(values.note ?? []),
		];
		const { file, server, changes } = writeSourcedServer(
			repositorySourced({
				values: { ...values, slug, name },
				repository,
				distributions,
				method: 'snapshot',
				at,
				rev,
				path: pathLabel,
				label: pathLabel,
				folder: values.path[0]!,
				notes,
				tools: result.entries,
				toolCountClaimed: claimed,
				claimSource: values['claim-source'],
			}),
			values.out,
		);
		console.log(
			`import-snapshot: wrote ${file} (${server.tools.length} tools, ${server.provenance.completeness}${changes > 0 ? ', history entry added' : ''})`,
		);
	},
	{
		explain: (error) =>
			error instanceof SnapshotError || (error instanceof Error && error.message.startsWith('git '))
				? { message: error.message, exitCode: 1 }
				: undefined,
		failureNote: 'Nothing was written.',
	},
);
