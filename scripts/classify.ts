#!/usr/bin/env node
/**
 * `classify`: judge the tools of a private (uncatalogued) MCP server and print the result, or write a
 * starter policy for it. Reads a tools-list JSON file, or lists a server live with the scanner's client.
 * Never publishes anything and never writes content files: what a private server exposes stays local.
 *
 * Exit codes: 0 done, 1 bad input or a failed listing, 2 bad usage.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DataError } from '../src/lib/content/errors.ts';
import type { ToolEntry } from '../src/lib/content/server.ts';
import type { PolicyFormat } from '../src/lib/present/classify-report.ts';
import type { ListTarget, ScanError } from '../src/ingest/mcp-list.ts';
import type { ArgSpec, EnvSpec, Sandbox } from '../src/ingest/scan.ts';
import { writeFileAtomic } from '../src/ingest/write-atomic.ts';

// Only cheap modules load up front, so usage errors and --help answer at once. The classifier and
// schemas (zod, yaml: about half a second) load once the command line is valid, and the live-listing
// client (the MCP SDK) only for live listings.

const POLICY_FORMATS = ['intercept', 'policylayer'] as const satisfies readonly PolicyFormat[];

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

const USAGE = `usage:
  node scripts/classify.ts <tools.json | -> [options]
  node scripts/classify.ts --command <executable> [--arg <value>]... [--env NAME=value]... [options] [-- <arg> ...]
  node scripts/classify.ts --npm <package>[@version] [--bin <name>] [--env NAME=value]... [options] [-- <arg> ...]
  node scripts/classify.ts --url <https://...> [--header "Name: value"]... [options]

Classifies every tool (category, risk level, signals with the fields they point at) the way the
catalogue does. The file may be a tools/list result ({"tools": [...]}), an array of tools, a
research file with x- notes, or a content file; "-" reads standard input.

Live listings never call a tool. The server gets only PATH, an empty HOME and TMPDIR, and the --env
variables you give; --command runs in the current directory, --npm in an empty temporary one.
Nothing is published and no content file is written.

options:
  --json                     print a JSON array instead of the table
  --policy intercept|policylayer
                             print the whole starter policy in that format instead
  --out <file>               write the output to <file> instead of standard output
  --name <server name>       title for the report and the policy description
                             (default: the file's "name", the server's serverInfo.name, or the file name)
  --sub-server <id>          only the tools of one sub-server (research files of monorepos)
  --arg <value>              a server argument (repeatable; or put them after --)
  --env NAME=value           an environment variable for the server (repeatable)
  --header "Name: value"     an HTTP request header for --url (repeatable)
  --bin <name>               which executable of an npm package to run (if it has several)
  --cache <dir>              npm install cache (default: .cache/scan; install scripts never run)
  --connect-timeout <s>      live listing: start + initialize limit (default 60)
  --total-timeout <s>        live listing: whole listing limit (default 180)
  -h, --help

example:
  node scripts/classify.ts tools.json --policy intercept --out policy.yaml --name "Billing MCP"`;

class UsageError extends Error {}

const OPTIONS = {
	json: { type: 'boolean' },
	policy: { type: 'string' },
	out: { type: 'string' },
	name: { type: 'string' },
	'sub-server': { type: 'string' },
	command: { type: 'string' },
	npm: { type: 'string' },
	url: { type: 'string' },
	bin: { type: 'string' },
	arg: { type: 'string', multiple: true },
	env: { type: 'string', multiple: true },
	header: { type: 'string', multiple: true },
	cache: { type: 'string' },
	'connect-timeout': { type: 'string' },
	'total-timeout': { type: 'string' },
	help: { type: 'boolean', short: 'h' },
} as const;

/** The tools to judge and what to call them. */
interface Listing {
	entries: ToolEntry[];
	/** A name the source gives itself, if any. */
	name: string | undefined;
	/** Where the tools came from, for error messages. */
	label: string;
}

function parseCommandLine(argv: string[]) {
	try {
		return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, tokens: true, strict: true });
	} catch (error) {
		throw new UsageError((error as Error).message);
	}
}

function seconds(raw: string | undefined, flag: string): number | undefined {
	if (raw === undefined) return undefined;
	const n = Number(raw);
	if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag}: expected a number of seconds`);
	return n * 1000;
}

/** Reads a tools file (or stdin for `-`) into entries; any problem is a DataError naming the file. */
async function readToolsFile(path: string): Promise<Listing> {
	const label = path === '-' ? '(stdin)' : path;
	let text: string;
	try {
		text = readFileSync(path === '-' ? 0 : path, 'utf8');
	} catch (error) {
		throw new DataError(label, [`cannot read the file: ${(error as Error).message}`]);
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		throw new DataError(label, [`not valid JSON: ${(error as Error).message}`]);
	}
	if (isContentFile(parsed)) {
		// A catalogue content file: its entries already carry statuses and known parameters.
		const [{ parseOrThrow }, { serverFileSchema }] = await Promise.all([
			import('../src/lib/content/errors.ts'),
			import('../src/lib/content/server.ts'),
		]);
		const server = parseOrThrow(serverFileSchema, parsed, label);
		return { entries: server.tools, name: server.name, label };
	}
	const { importToolsList } = await import('../src/ingest/import.ts');
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

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{ "slug": ..., "tools": [{ "definition": {...} }] }`: the shape of content/servers/*.json. */
function isContentFile(value: unknown): boolean {
	if (!isRecord(value) || !Array.isArray(value['tools']) || value['tools'].length === 0) return false;
	return value['tools'].every((t) => isRecord(t) && isRecord(t['definition']));
}

function parseEnv(entries: readonly string[]): EnvSpec[] {
	const env: EnvSpec[] = [];
	for (const entry of entries) {
		const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(entry);
		if (!m) throw new UsageError(`--env ${JSON.stringify(entry)}: expected NAME=value`);
		const name = m[1]!;
		if (['PATH', 'HOME', 'TMPDIR'].includes(name)) throw new UsageError(`--env ${name}: set for the server by classify`);
		if (env.some((e) => e.name === name)) throw new UsageError(`--env ${name} given twice`);
		env.push({ name, value: m[2]!, required: true, secret: true });
	}
	return env;
}

function parseHeaders(entries: readonly string[]): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const h of entries) {
		const m = /^([!#$%&'*+.^`|~\w-]+):\s*(.*)$/.exec(h);
		if (!m) throw new UsageError(`--header ${JSON.stringify(h)}: expected "Name: value"`);
		headers[m[1]!] = m[2]!;
	}
	return headers;
}

/** Lists a server live through the scanner's client (which kills a stdio server's process group when done). */
async function listLive(values: ReturnType<typeof parseCommandLine>['values'], args: readonly ArgSpec[]): Promise<Listing> {
	const options = {
		...(values['connect-timeout'] !== undefined && { connectTimeoutMs: seconds(values['connect-timeout'], '--connect-timeout')! }),
		...(values['total-timeout'] !== undefined && { totalTimeoutMs: seconds(values['total-timeout'], '--total-timeout')! }),
	};
	const env = parseEnv(values.env ?? []);
	const { listTools } = await import('../src/ingest/mcp-list.ts');
	const { installNpmPackage, makeSandbox, resolveFrom } = await import('../src/ingest/scan.ts');
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
				const cache = values.cache ? resolveFrom(process.cwd(), values.cache) : join(ROOT, '.cache', 'scan');
				console.error(`classify: resolving and installing ${values.npm} (install scripts disabled) ...`);
				const pkg = await installNpmPackage(values.npm, cache, values.bin);
				target = { kind: 'stdio', command: process.execPath, args: [pkg.binPath, ...sandbox.args], env: sandbox.env, cwd: sandbox.cwd };
				label = `${pkg.name}@${pkg.version}`;
			} else {
				// Your own server: relative paths in its arguments mean what they mean in your shell.
				target = { kind: 'stdio', command: values.command!, args: sandbox.args, env: sandbox.env, cwd: process.cwd() };
				label = [values.command!, ...sandbox.args].join(' ');
			}
		}
		console.error(`classify: listing the tools of ${label} ...`);
		const listing = await listTools(target, options);
		const { importToolsList } = await import('../src/ingest/import.ts');
		const imported = importToolsList({ tools: listing.tools });
		return { entries: imported.entries, name: listing.serverInfo.name || undefined, label };
	} finally {
		await sandbox?.cleanup();
	}
}

/** Refuses output paths inside content/: this command must never create or overwrite a content file. */
function checkOutPath(out: string): string {
	const path = resolve(process.cwd(), out);
	const inContent = relative(join(ROOT, 'content'), path);
	if (inContent === '' || (!inContent.startsWith('..') && !isAbsolute(inContent))) {
		throw new UsageError(`--out ${out}: classify never writes into content/ (catalogue entries are made with import or scan)`);
	}
	return path;
}

async function main(argv: string[]): Promise<number> {
	const { values, tokens } = parseCommandLine(argv);
	if (values.help) {
		process.stdout.write(`${USAGE}\n`);
		return 0;
	}
	const live = [values.command, values.npm, values.url].filter((v) => v !== undefined);
	if (live.length > 1) throw new UsageError('give at most one of --command, --npm or --url');

	// Server arguments: --arg values and whatever follows `--`, in order. Before `--`, one positional is the file.
	const args: ArgSpec[] = [];
	const files: string[] = [];
	let afterTerminator = false;
	for (const token of tokens) {
		if (token.kind === 'option-terminator') afterTerminator = true;
		else if (token.kind === 'positional') {
			if (afterTerminator) args.push({ kind: 'literal', value: token.value });
			else files.push(token.value);
		} else if (token.kind === 'option' && token.name === 'arg' && token.value !== undefined)
			args.push({ kind: 'literal', value: token.value });
	}
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
	const outPath = values.out === undefined ? undefined : checkOutPath(values.out);
	if (values.name !== undefined && !values.name.trim()) throw new UsageError('--name: expected a non-empty name');

	const listing = live.length > 0 ? await listLive(values, args) : await readToolsFile(files[0]!);
	let entries = listing.entries;
	if (values['sub-server'] !== undefined) {
		const id = values['sub-server'];
		const known = [...new Set(entries.flatMap((e) => (e.subServer ? [e.subServer] : [])))];
		if (!known.includes(id))
			throw new UsageError(
				`--sub-server ${id}: ${known.length > 0 ? `expected one of ${known.join(', ')}` : `${listing.label} names no sub-servers`}`,
			);
		entries = entries.filter((e) => e.subServer === id);
	}
	const { checkDefinitions, classifyEntries, duplicateNames, renderPolicy, renderTable, toJson } =
		await import('../src/lib/present/classify-report.ts');
	checkDefinitions(entries, listing.label);
	if (entries.length === 0) throw new DataError(listing.label, ['tools: the list is empty; there is nothing to classify']);

	const title =
		values.name?.trim() ?? listing.name ?? (files[0] && files[0] !== '-' ? basename(files[0]).replace(/\.json$/i, '') : 'MCP server');
	const tools = classifyEntries(entries);
	let text: string;
	if (format) {
		const duplicates = duplicateNames(entries);
		if (duplicates.length > 0) {
			throw new DataError(listing.label, [
				`tools: names listed more than once: ${duplicates.join('; ')}; a policy maps each name to one set of rules${entries.some((e) => e.subServer) ? ' (pick one with --sub-server)' : ''}`,
			]);
		}
		text = renderPolicy(tools, title, format);
	} else if (values.json) text = `${JSON.stringify(toJson(tools), null, 2)}\n`;
	else text = renderTable(tools, title);

	if (outPath) {
		writeFileAtomic(outPath, text);
		console.error(`classify: wrote ${values.out} (${tools.length} tool${tools.length === 1 ? '' : 's'})`);
	} else process.stdout.write(text);
	return 0;
}

/** A ScanError from the lazily loaded listing client (checked by shape, so the client stays unloaded otherwise). */
function isScanError(error: unknown): error is ScanError {
	return error instanceof Error && error.name === 'ScanError' && typeof (error as { kind?: unknown }).kind === 'string';
}

// Ctrl-C during a live listing: exit through process.exit so the client's exit hook kills the server.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

try {
	process.exitCode = await main(process.argv.slice(2));
} catch (error) {
	if (error instanceof UsageError) {
		console.error(`classify: ${error.message}\n(node scripts/classify.ts --help shows the usage)`);
		process.exitCode = 2;
	} else if (error instanceof DataError) {
		console.error(`classify: ${error.message}`);
		process.exitCode = 1;
	} else if (isScanError(error)) {
		console.error(`classify: listing failed (${error.kind}): ${error.message}`);
		process.exitCode = 1;
	} else if (error instanceof Error && error.name === 'PolicyValidationError') {
		console.error(`classify: ${error.message}\nThis is a bug in toolrisk's policy generator; please report it with the tools file.`);
		process.exitCode = 1;
	} else {
		console.error(`classify failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
		process.exitCode = 1;
	}
}
