#!/usr/bin/env node
/**
 * import: turn a tools-list JSON file into `content/servers/<slug>.json`.
 *
 *   npm run import -- <tools.json> --slug agentmail --name Agentmail --npm agentmail-mcp@0.2.2 \
 *     --source-title "agentmail-toolkit node/src/schemas.ts" --source-url https://github.com/agentmail-to/agentmail-toolkit
 *
 * The file may be a raw `tools/list` result, an array of tools, or a research file with `x-` notes
 * (see src/ingest/import.ts). Nothing is written unless the result validates.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { importToolsList, referencedOnly } from '../src/ingest/import.ts';
import { DataError } from '../src/lib/content/errors.ts';
import { PART_STATUSES, type Distribution, type PartStatus, type ServerFileInput } from '../src/lib/content/server.ts';
import { buildServerFile, serializeServerFile } from '../src/lib/content/server-file.ts';
import { writeFileAtomic } from '../src/ingest/write-atomic.ts';

const USAGE = `usage: npm run import -- <tools.json> --slug <slug> --name <name>
  (--npm <pkg@version> | --pypi <pkg[@version]> | --oci <image> | --remote <streamable-http url> | --remote-sse <url>)...
  [--source-title <t> --source-url <url> | --source-ref <ref>]... [--description <text>] [--homepage <url>] [--repository <url>]
  [--obtained-at <YYYY-MM-DD>] [--schema-status reconstructed|exact|...] [--output-schema-status ...] [--partial]
  [--claimed <n> --claim-source <text>] [--notes <text>] [--out content/servers]`;

function fail(message: string): never {
	console.error(`import: ${message}`);
	process.exit(1);
}

function splitVersion(spec: string): [string, string | undefined] {
	const at = spec.lastIndexOf('@');
	return at > 0 ? [spec.slice(0, at), spec.slice(at + 1)] : [spec, undefined];
}

function partStatus(value: string | undefined, flag: string): PartStatus | undefined {
	if (value === undefined) return undefined;
	if (!(value in PART_STATUSES)) fail(`${flag} must be one of ${Object.keys(PART_STATUSES).join(', ')}`);
	return value as PartStatus;
}

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		slug: { type: 'string' },
		name: { type: 'string' },
		description: { type: 'string' },
		homepage: { type: 'string' },
		repository: { type: 'string' },
		npm: { type: 'string', multiple: true },
		pypi: { type: 'string', multiple: true },
		oci: { type: 'string', multiple: true },
		remote: { type: 'string', multiple: true },
		'remote-sse': { type: 'string', multiple: true },
		'source-title': { type: 'string', multiple: true },
		'source-url': { type: 'string', multiple: true },
		'source-ref': { type: 'string', multiple: true },
		'obtained-at': { type: 'string' },
		'schema-status': { type: 'string' },
		'output-schema-status': { type: 'string' },
		partial: { type: 'boolean', default: false },
		claimed: { type: 'string' },
		'claim-source': { type: 'string' },
		notes: { type: 'string' },
		out: { type: 'string', default: 'content/servers' },
		help: { type: 'boolean', default: false },
	},
});
if (values.help) {
	console.log(USAGE);
	process.exit(0);
}
const [inputPath] = positionals;
if (!inputPath || !values.slug || !values.name) fail(`a file, --slug and --name are required\n${USAGE}`);

let parsed: unknown;
try {
	parsed = JSON.parse(readFileSync(inputPath, 'utf8'));
} catch (error) {
	fail(`cannot read ${inputPath} as JSON: ${(error as Error).message}`);
}

const schemaStatus = partStatus(values['schema-status'], '--schema-status');
const outputSchemaStatus = partStatus(values['output-schema-status'], '--output-schema-status');
let imported;
try {
	imported = importToolsList(parsed, { ...(schemaStatus && { schemaStatus }), ...(outputSchemaStatus && { outputSchemaStatus }) });
} catch (error) {
	fail(`${inputPath}: ${(error as Error).message}`);
}
const tools = [...imported.entries, ...referencedOnly(imported.meta)];

const distributions: Distribution[] = [];
for (const spec of values.npm ?? []) {
	const [pkg, version] = splitVersion(spec);
	if (!version) fail(`--npm needs an exact version: ${spec}@<version>`);
	distributions.push({ kind: 'npm', package: pkg, version, transport: 'stdio', args: [], env: [] });
}
for (const spec of values.pypi ?? []) {
	const [pkg, version] = splitVersion(spec);
	distributions.push({ kind: 'pypi', package: pkg, ...(version && { version }), transport: 'stdio', args: [], env: [] });
}
for (const image of values.oci ?? []) distributions.push({ kind: 'oci', image, transport: 'stdio', env: [] });
for (const url of values.remote ?? []) distributions.push({ kind: 'remote', url, transport: 'streamable-http' });
for (const url of values['remote-sse'] ?? []) distributions.push({ kind: 'remote', url, transport: 'sse' });

const titles = values['source-title'] ?? [];
const urls = values['source-url'] ?? [];
const refs = values['source-ref'] ?? [];
const sources = titles.map((title, i) => ({ title, ...(urls[i] && { url: urls[i] }), ...(refs[i] && { ref: refs[i] }) }));
if (sources.length === 0) sources.push({ title: 'imported tools list', ref: inputPath });

const completeness =
	values.partial || tools.some((t) => t.status?.inputSchema === 'unpublished' || t.status?.description === 'truncated')
		? 'partial'
		: 'complete';
const input = {
	slug: values.slug,
	name: values.name,
	...(values.description && { description: values.description }),
	...(values.homepage && { homepage: values.homepage }),
	...(values.repository && { repository: values.repository }),
	distributions,
	provenance: {
		method: 'import' as const,
		obtainedAt: values['obtained-at'] ?? new Date().toISOString().slice(0, 10),
		sources,
		completeness: completeness as 'complete' | 'partial',
		...(values.claimed && { toolCountClaimed: Number(values.claimed) }),
		...(values['claim-source'] && { claimSource: values['claim-source'] }),
		...(values.notes && { notes: values.notes }),
	},
	...(imported.subServers.length > 0 && { subServers: imported.subServers }),
	tools,
} as Omit<ServerFileInput, 'provenance'> & { provenance: Omit<ServerFileInput['provenance'], 'toolsHash'> };

const out = join(values.out, `${values.slug}.json`);
try {
	const server = buildServerFile(input, out);
	writeFileAtomic(out, serializeServerFile(server));
	console.log(`import: wrote ${out} (${server.tools.length} tools, ${server.provenance.toolsHash})`);
} catch (error) {
	if (error instanceof DataError) fail(error.message);
	throw error;
}
