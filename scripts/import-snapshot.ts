#!/usr/bin/env node
/**
 * import-snapshot: tool definitions published in a server's repository -> content/servers/<slug>.json
 * (provenance method `snapshot`). Reads a fetched mirror (a bare git directory) at one revision; runs
 * nothing from it. The parsing is src/ingest/snapshot.ts.
 *
 *   npm run import:snapshot -- --git-dir <mirror> --rev v1.10.1 --path pkg/github/__toolsnaps__ --ext .snap \
 *     --format tool-files --repository https://github.com/github/github-mcp-server --version 1.10.1 \
 *     --slug github --name "GitHub MCP Server" --oci ghcr.io/github/github-mcp-server:v1.10.1
 */
import { parseArgs } from 'node:util';
import { listFiles, readFile, resolveCommit } from '../src/ingest/git-read.ts';
import { droppedNote, importSnapshot, SNAPSHOT_FORMATS, type SnapshotFormat } from '../src/ingest/snapshot.ts';
import { parseDistributions, parseMatchesRelease, writeSourcedServer } from '../src/ingest/sourced.ts';

const USAGE = `usage: npm run import:snapshot -- --git-dir <dir> --rev <tag|commit> --path <file|folder> --format <${Object.keys(SNAPSHOT_FORMATS).join('|')}>
  --repository <url> --slug <slug> --name <name> (--npm <pkg@v> | --pypi <pkg[@v]> | --oci <image> | --remote <url> | --remote-sse <url>)...
  [--ext .snap] [--version <released version>] [--matches-release true|false|unknown --release-note <text>]
  [--listed-only-if <field>=<value>:<condition>]... [--source-root <folder/>] [--description <t>] [--homepage <url>]
  [--note <text>]... [--partial] [--claimed <n> --claim-source <t>] [--obtained-at YYYY-MM-DD] [--out content/servers]
The release match defaults to true when --rev is a tag containing --version, else it must be given.`;

function fail(message: string, code = 1): never {
	console.error(`import-snapshot: ${message}`);
	process.exit(code);
}

let parsed;
try {
	parsed = parseArgs({
		options: {
			'git-dir': { type: 'string' },
			rev: { type: 'string' },
			path: { type: 'string', multiple: true },
			ext: { type: 'string' },
			format: { type: 'string' },
			repository: { type: 'string' },
			slug: { type: 'string' },
			name: { type: 'string' },
			description: { type: 'string' },
			homepage: { type: 'string' },
			version: { type: 'string' },
			'matches-release': { type: 'string' },
			'release-note': { type: 'string' },
			'listed-only-if': { type: 'string', multiple: true },
			'source-root': { type: 'string' },
			note: { type: 'string', multiple: true },
			claimed: { type: 'string' },
			'claim-source': { type: 'string' },
			partial: { type: 'boolean', default: false },
			'obtained-at': { type: 'string' },
			npm: { type: 'string', multiple: true },
			pypi: { type: 'string', multiple: true },
			oci: { type: 'string', multiple: true },
			remote: { type: 'string', multiple: true },
			'remote-sse': { type: 'string', multiple: true },
			out: { type: 'string', default: 'content/servers' },
			help: { type: 'boolean', default: false },
		},
	});
} catch (error) {
	fail(`${(error as Error).message}\n${USAGE}`, 2);
}
const { values } = parsed;
if (values.help) {
	console.log(USAGE);
	process.exit(0);
}
const gitDir = values['git-dir'];
const { rev, format, repository, slug, name } = values;
if (!gitDir || !rev || !values.path || !format || !repository || !slug || !name) fail(`missing a required option\n${USAGE}`, 2);
if (!(format in SNAPSHOT_FORMATS)) fail(`--format must be one of ${Object.keys(SNAPSHOT_FORMATS).join(', ')}`, 2);

try {
	const at = resolveCommit(gitDir, rev);
	const paths = values.path.flatMap((p) => listFiles(gitDir, at.commit, p)).filter((p) => !values.ext || p.endsWith(values.ext));
	if (paths.length === 0) fail(`nothing under ${values.path.join(', ')} at ${rev}`);
	const listedOnlyIf = (values['listed-only-if'] ?? []).map((spec) => {
		const m = /^([^=]+)=([^:]+):(.+)$/s.exec(spec);
		if (!m) fail(`--listed-only-if ${JSON.stringify(spec)}: expected <field>=<value>:<condition>`, 2);
		return { field: m[1]!, value: m[2]!, text: m[3]! };
	});
	const result = importSnapshot(
		paths.map((p) => ({ path: p, text: readFile(gitDir, at.commit, p) })),
		{ format: format as SnapshotFormat, listedOnlyIf, ...(values['source-root'] && { sourceRoot: values['source-root'] }) },
	);
	const isReleaseTag = values.version !== undefined && at.tags.some((t) => t.includes(values.version!)) && rev !== at.commit;
	const matchesRelease = parseMatchesRelease(values['matches-release'], isReleaseTag ? true : 'unknown');
	if (matchesRelease !== true && !values['release-note']) fail('--release-note is required unless the release match is true', 2);
	const pathLabel =
		values.path.length === 1 ? `${values.path[0]}${format === 'tool-files' ? `/*${values.ext ?? ''}` : ''}` : values.path.join(', ');
	const notes = [
		`${result.entries.length} tool definitions read from ${paths.length} file(s) under ${values.path.join(', ')} at ${rev} (${at.commit}, ${at.date}).`,
		...(droppedNote(result) ? [droppedNote(result)!] : []),
		...(result.schemasNotJsonSchema.length > 0
			? [
					`${result.schemasNotJsonSchema.length} tools' published schemas are not JSON Schema; their parameter names are kept as known parameters.`,
				]
			: []),
		...(values.note ?? []),
	];
	const { file, server, changes } = writeSourcedServer(
		{
			slug,
			name,
			...(values.description && { description: values.description }),
			...(values.homepage && { homepage: values.homepage }),
			repository,
			distributions: parseDistributions(values),
			method: 'snapshot',
			origin: {
				...(values.version && { version: values.version }),
				repository,
				commit: at.commit,
				...(rev !== at.commit && { ref: rev }),
				path: pathLabel,
				date: at.date,
				matchesRelease,
				...(values['release-note'] && { releaseNote: values['release-note'] }),
			},
			sources: [
				{
					title: `${repository.replace(/^https:\/\/github\.com\//, '')} ${pathLabel} at ${rev}`,
					url: `${repository}/tree/${at.commit}/${values.path[0]}`,
					ref: at.commit,
				},
			],
			obtainedAt: values['obtained-at'] ?? new Date().toISOString().slice(0, 10),
			notes,
			tools: result.entries,
			...(values.claimed && { toolCountClaimed: Number(values.claimed) }),
			...(values['claim-source'] && { claimSource: values['claim-source'] }),
			...(values.partial && { completeness: 'partial' as const }),
		},
		values.out,
	);
	console.log(
		`import-snapshot: wrote ${file} (${server.tools.length} tools, ${server.provenance.completeness}${changes > 0 ? ', history entry added' : ''})`,
	);
} catch (error) {
	fail(error instanceof Error ? error.message : String(error));
}
