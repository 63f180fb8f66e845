/**
 * Where `classify` (scripts/classify.ts) gets the tools it judges: a tools-list or content file, or a
 * live listing through the scanner's client, and what its options mean together. Cheap to load: the
 * schemas, the importer and the MCP client load only when a listing is read, so usage errors and
 * --help answer at once.
 */
import { isAbsolute, join, relative, resolve } from 'node:path';
import { DataError, UsageError } from '../lib/content/errors.ts';
import type { ToolEntry } from '../lib/content/server.ts';
import { POLICY_FORMATS, type PolicyFormat } from '../lib/taxonomy.ts';
import type { ListOptions, ListTarget, ScanError } from './mcp-list.ts';
import type { ArgSpec, Sandbox } from './scan.ts';
import { parseEnv, parseHeaders, serverArgs, type ArgToken } from './server-options.ts';

/** The tools to judge and what to call them. */
export interface Listing {
	entries: ToolEntry[];
	/** A name the source gives itself, if any. */
	name: string | undefined;
	/** Where the tools came from, for error messages. */
	label: string;
}

/** The options classify interprets (as parsed; see scripts/classify.ts for their meaning). */
export interface ClassifyOptions {
	json?: boolean | undefined;
	policy?: string | undefined;
	name?: string | undefined;
	command?: string | undefined;
	npm?: string | undefined;
	url?: string | undefined;
	bin?: string | undefined;
	env?: readonly string[] | undefined;
	header?: readonly string[] | undefined;
	cache?: string | undefined;
	'connect-timeout'?: string | undefined;
	'total-timeout'?: string | undefined;
}

/** What to classify: a file (or `-`), or a live server with its arguments; and the output format. */
export interface ClassifyRequest {
	file: string | undefined;
	args: ArgSpec[];
	format: PolicyFormat | undefined;
}

/** Checks that the options go together: one source, options only where they apply, one output. */
export function classifyRequest(values: ClassifyOptions, tokens: readonly ArgToken[]): ClassifyRequest {
	const live = [values.command, values.npm, values.url].filter((v) => v !== undefined);
	if (live.length > 1) throw new UsageError('give at most one of --command, --npm or --url');
	// Server arguments: --arg values and whatever follows `--`, in order. Before `--`, one positional is the file.
	const { args, before: files } = serverArgs(tokens);
	if (live.length === 0) {
		if (args.length > 0) throw new UsageError('server arguments (--arg, after --) need --command or --npm');
		if (files.length !== 1)
			throw new UsageError(
				files.length === 0
					? 'give a tools-list JSON file (or - for standard input)'
					: `give one file, not ${files.length}: ${files.join(', ')}`,
			);
	} else if (files.length > 0)
		throw new UsageError(
			`unexpected argument ${JSON.stringify(files[0])}: classify a file or a live server, not both (server arguments go after --)`,
		);
	const stdio = values.command !== undefined || values.npm !== undefined;
	if (!stdio && ((values.env ?? []).length > 0 || args.length > 0))
		throw new UsageError('--env and server arguments apply to --command and --npm');
	if (values.url === undefined && (values.header ?? []).length > 0) throw new UsageError('--header applies to --url');
	if (values.npm === undefined && (values.bin !== undefined || values.cache !== undefined))
		throw new UsageError('--bin and --cache apply to --npm');
	if (live.length === 0 && (values['connect-timeout'] !== undefined || values['total-timeout'] !== undefined))
		throw new UsageError('--connect-timeout and --total-timeout apply to live listings');

	let format: PolicyFormat | undefined;
	if (values.policy !== undefined) {
		if (!(POLICY_FORMATS as readonly string[]).includes(values.policy))
			throw new UsageError(`--policy ${JSON.stringify(values.policy)}: expected ${POLICY_FORMATS.join(' or ')}`);
		format = values.policy as PolicyFormat;
		if (values.json) throw new UsageError('--json and --policy are different outputs; give one');
	}
	if (values.name !== undefined && !values.name.trim()) throw new UsageError('--name: expected a non-empty name');
	return { file: files[0], args, format };
}

/** Refuses output paths inside `<root>/content/`: classify must never create or overwrite a content file. */
export function checkOutPath(out: string, root: string, cwd: string): string {
	const path = resolve(cwd, out);
	const inContent = relative(join(root, 'content'), path);
	if (inContent === '' || (!inContent.startsWith('..') && !isAbsolute(inContent))) {
		throw new UsageError(`--out ${out}: classify never writes into content/ (catalogue entries are made with import or scan)`);
	}
	return path;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{ "slug": ..., "tools": [{ "definition": {...} }] }`: the shape of content/servers/*.json. */
export function isContentFile(value: unknown): boolean {
	if (!isRecord(value) || !Array.isArray(value['tools']) || value['tools'].length === 0) return false;
	return value['tools'].every((t) => isRecord(t) && isRecord(t['definition']));
}

/** Reads a tools file's text into entries; any problem is a DataError naming `label`. */
export async function toolsFromText(text: string, label: string): Promise<Listing> {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		throw new DataError(label, [`not valid JSON: ${(error as Error).message}`]);
	}
	if (isContentFile(parsed)) {
		// A catalogue content file: its entries already carry statuses and known parameters.
		const [{ parseOrThrow }, { serverFileSchema }] = await Promise.all([
			import('../lib/content/errors.ts'),
			import('../lib/content/server.ts'),
		]);
		const server = parseOrThrow(serverFileSchema, parsed, label);
		return { entries: server.tools, name: server.name, label };
	}
	const { importToolsList } = await import('./import.ts');
	let imported;
	try {
		imported = importToolsList(parsed);
	} catch (error) {
		const hint =
			isRecord(parsed) && typeof parsed['name'] === 'string' && 'inputSchema' in parsed
				? '; this looks like a single tool definition: wrap it in [ ]'
				: '';
		throw new DataError(label, [`${(error as Error).message}${hint}`]);
	}
	const name = typeof imported.meta['name'] === 'string' && imported.meta['name'].trim() ? imported.meta['name'].trim() : undefined;
	return { entries: imported.entries, name, label };
}

/**
 * Lists a server live through the scanner's client (which kills a stdio server's process group when
 * done). The server gets only PATH, an empty HOME and TMPDIR, and the --env variables; --command runs in
 * `cwd` (your own server: relative paths in its arguments mean what they mean in your shell), --npm in
 * an empty temporary folder; an npm package is installed into --cache (default `<root>/.cache/scan`).
 */
export async function listLive(
	values: ClassifyOptions,
	args: readonly ArgSpec[],
	options: { list: ListOptions; root: string; cwd: string; log: (line: string) => void },
): Promise<Listing> {
	const env = parseEnv(values.env ?? [], { valueWord: 'value', reservedBy: 'for the server by classify' });
	const { listTools } = await import('./mcp-list.ts');
	const { installNpmPackage, makeSandbox, resolveFrom } = await import('./scan.ts');
	let target: ListTarget;
	let label: string;
	let sandbox: Sandbox | undefined;
	try {
		if (values.url !== undefined) {
			target = { kind: 'http', url: values.url, headers: parseHeaders(values.header ?? []) };
			label = values.url;
		} else {
			sandbox = await makeSandbox(args, env);
			if (values.npm !== undefined) {
				const cache = values.cache ? resolveFrom(options.cwd, values.cache) : join(options.root, '.cache', 'scan');
				options.log(`resolving and installing ${values.npm} (install scripts disabled) ...`);
				const pkg = await installNpmPackage(values.npm, cache, values.bin);
				target = { kind: 'stdio', command: process.execPath, args: [pkg.binPath, ...sandbox.args], env: sandbox.env, cwd: sandbox.cwd };
				label = `${pkg.name}@${pkg.version}`;
			} else {
				target = { kind: 'stdio', command: values.command!, args: sandbox.args, env: sandbox.env, cwd: options.cwd };
				label = [values.command!, ...sandbox.args].join(' ');
			}
		}
		options.log(`listing the tools of ${label} ...`);
		const listing = await listTools(target, options.list);
		const { importToolsList } = await import('./import.ts');
		const imported = importToolsList({ tools: listing.tools });
		return { entries: imported.entries, name: listing.serverInfo.name || undefined, label };
	} finally {
		await sandbox?.cleanup();
	}
}

/** Only the tools of sub-server `id` (research files of monorepos). */
export function subServerEntries(listing: Listing, id: string): ToolEntry[] {
	const known = [...new Set(listing.entries.flatMap((e) => (e.subServer ? [e.subServer] : [])))];
	if (!known.includes(id))
		throw new UsageError(
			`--sub-server ${id}: ${known.length > 0 ? `expected one of ${known.join(', ')}` : `${listing.label} names no sub-servers`}`,
		);
	return listing.entries.filter((e) => e.subServer === id);
}

/** A ScanError from the lazily loaded listing client (checked by shape, so the client stays unloaded otherwise). */
export function isScanError(error: unknown): error is ScanError {
	return error instanceof Error && error.name === 'ScanError' && typeof (error as { kind?: unknown }).kind === 'string';
}
