/**
 * `scan`: start an MCP server, list its tools (never call one) and write `content/servers/<slug>.json`.
 * The command line around src/ingest/scan.ts; run `node scripts/scan.ts --help` for usage.
 *
 * Exit codes: 0 written, 1 the scan failed (nothing written), 2 bad usage.
 */
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { HistoryEntry } from '../src/lib/content/server.ts';
import { ScanError, type ListOptions } from '../src/ingest/mcp-list.ts';
import {
	installNpmPackage,
	makeSandbox,
	npmPlan,
	parsePackageSpec,
	placeholderNotes,
	resolveFrom,
	scanToServerFile,
	slugify,
	type ArgSpec,
	type EnvSpec,
	type Sandbox,
	type ScanPlan,
} from '../src/ingest/scan.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

const USAGE = `usage:
  node scripts/scan.ts --npm <package>[@version] [options] [-- <arg> ...]
  node scripts/scan.ts --command <executable> --dist <npm:pkg@ver|pypi:pkg[@ver]|oci:image> --slug <slug> [options] [-- <arg> ...]
  node scripts/scan.ts --url <https://...> [--header "Name: value" ...] [--auth <text>] [options]

Starts the server (stdio: as a child process in its own process group, with only PATH, an empty HOME
and the given environment, in an empty temporary working folder, so give server arguments as absolute
paths; HTTP: streamable HTTP), runs initialize and tools/list to the last page, never calls a tool,
and writes <out>/<slug>.json atomically. On failure nothing is written.

options:
  --slug <slug>              file name and id (default: from the package name or URL)
  --name <name>              display name (default: the server's serverInfo.name)
  --description <text>       (default with --npm: the package description)
  --arg <value>              a server argument, passed and recorded as is (repeatable, kept in order;
                             use --arg=--flag for values starting with a dash)
  --temp-dir-arg <placeholder>
                             pass a fresh empty directory, record <placeholder> (e.g. /path/to/allowed/dir)
  --env NAME=placeholder     an environment variable, recorded by name only as required and secret
  --optional NAME            mark an --env variable as optional
  --not-secret NAME          mark an --env variable as not secret
  --bin <name>               which executable of an npm package to run (if it has several)
  --note <text>              added to provenance.notes
  --out <dir>                content folder (default: content/servers)
  --previous <file>          the content file this scan replaces (default: <out>/<slug>.json when it
                             exists); the re-scan keeps its first-catalogued date and history and
                             records which tools were added, removed, changed or renamed
  --fresh                    ignore an existing <out>/<slug>.json: overwrite it and drop its history
  --cache <dir>              npm install cache (default: .cache/scan)
  --connect-timeout <s>      start + initialize limit (default 60)
  --page-timeout <s>         per tools/list page (default 60)
  --total-timeout <s>        whole scan (default 180)
  --client-capabilities <json>
                             capabilities to declare in initialize (default {}); some servers list
                             more tools to clients declaring sampling, elicitation or roots. Recorded
                             in provenance.notes

example:
  node scripts/scan.ts --npm @modelcontextprotocol/server-filesystem@2026.8.31 \\
    --slug modelcontextprotocol-filesystem --temp-dir-arg /path/to/allowed/dir`;

class UsageError extends Error {}

const OPTIONS = {
	npm: { type: 'string' },
	command: { type: 'string' },
	url: { type: 'string' },
	dist: { type: 'string' },
	slug: { type: 'string' },
	name: { type: 'string' },
	description: { type: 'string' },
	arg: { type: 'string', multiple: true },
	'temp-dir-arg': { type: 'string', multiple: true },
	env: { type: 'string', multiple: true },
	optional: { type: 'string', multiple: true },
	'not-secret': { type: 'string', multiple: true },
	header: { type: 'string', multiple: true },
	auth: { type: 'string' },
	bin: { type: 'string' },
	note: { type: 'string' },
	out: { type: 'string' },
	previous: { type: 'string' },
	fresh: { type: 'boolean' },
	cache: { type: 'string' },
	'connect-timeout': { type: 'string' },
	'page-timeout': { type: 'string' },
	'total-timeout': { type: 'string' },
	'client-capabilities': { type: 'string' },
	help: { type: 'boolean', short: 'h' },
} as const;

function parseCommandLine(argv: string[]) {
	try {
		return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, tokens: true, strict: true });
	} catch (error) {
		throw new UsageError((error as Error).message);
	}
}

async function main(argv: string[]): Promise<number> {
	const { values, tokens } = parseCommandLine(argv);
	if (values.help) {
		console.log(USAGE);
		return 0;
	}
	const modes = [values.npm, values.command, values.url].filter((v) => v !== undefined);
	if (modes.length !== 1) throw new UsageError('give exactly one of --npm, --command or --url');

	// Arguments in the order given; whatever follows `--` comes last.
	const args: ArgSpec[] = [];
	let afterTerminator = false;
	for (const token of tokens) {
		if (token.kind === 'option-terminator') afterTerminator = true;
		else if (token.kind === 'positional') {
			if (!afterTerminator)
				throw new UsageError(`unexpected argument ${JSON.stringify(token.value)}; put server arguments after --, or use --arg`);
			args.push({ kind: 'literal', value: token.value });
		} else if (token.kind === 'option' && token.value !== undefined) {
			if (token.name === 'arg') args.push({ kind: 'literal', value: token.value });
			if (token.name === 'temp-dir-arg') args.push({ kind: 'temp-dir', placeholder: token.value });
		}
	}
	const env = parseEnv(values.env ?? [], values.optional ?? [], values['not-secret'] ?? []);
	const outDir = values.out ? resolveFrom(process.cwd(), values.out) : join(ROOT, 'content', 'servers');
	const list = listOptions(values);
	const capabilityNote = list.clientCapabilities
		? `Scanned as a client declaring the capabilities ${JSON.stringify(list.clientCapabilities)} (requests the server sent were not served).`
		: undefined;
	const note = [capabilityNote, values.note].filter(Boolean).join(' ') || undefined;
	if (values.slug !== undefined && slugify(values.slug) !== values.slug)
		throw new UsageError(`--slug ${JSON.stringify(values.slug)}: expected lower-case letters, digits and single hyphens`);

	let sandbox: Sandbox | undefined;
	try {
		let plan: ScanPlan;
		if (values.url !== undefined) {
			if (args.length > 0 || env.length > 0) throw new UsageError('--arg, --temp-dir-arg and --env apply to stdio servers, not --url');
			plan = urlPlan(values.url, values.header ?? [], { ...values, note });
		} else {
			sandbox = await makeSandbox(args, env);
			activeSandboxRoot = sandbox.root;
			if (values.npm !== undefined) {
				const cache = values.cache ? resolveFrom(process.cwd(), values.cache) : join(ROOT, '.cache', 'scan');
				console.error(`resolving and installing ${values.npm} (scripts disabled) ...`);
				const pkg = await installNpmPackage(values.npm, cache, values.bin);
				console.error(`starting ${pkg.name}@${pkg.version} (${pkg.binName}) ...`);
				plan = npmPlan(
					pkg,
					sandbox,
					args,
					env,
					pickDefined({ slug: values.slug, name: values.name, description: values.description, note }),
				);
			} else {
				plan = commandPlan(values.command as string, sandbox, args, env, { ...values, note });
			}
		}
		const { file, server, listing, previous, recorded } = await scanToServerFile(plan, { outDir, list, ...previousOption(values) });
		const info = listing.serverInfo;
		console.log(
			`wrote ${file}: ${server.tools.length} tool${server.tools.length === 1 ? '' : 's'} in ${listing.pages} page${listing.pages === 1 ? '' : 's'} ` +
				`from ${info.name}${info.version ? ` ${info.version}` : ''} (protocol ${listing.protocolVersion})`,
		);
		if (previous)
			console.log(
				recorded ? `re-scan: ${describeChanges(recorded)} recorded in history (${recorded.date})` : 're-scan: no tool definition changed',
			);
		return 0;
	} finally {
		await sandbox?.cleanup();
		activeSandboxRoot = undefined;
	}
}

function urlPlan(
	url: string,
	headerArgs: string[],
	values: {
		slug?: string | undefined;
		name?: string | undefined;
		description?: string | undefined;
		auth?: string | undefined;
		note?: string | undefined;
	},
): ScanPlan {
	const parsedUrl = URL.parse(url);
	if (!parsedUrl || !/^https?:$/.test(parsedUrl.protocol)) throw new UsageError(`--url ${JSON.stringify(url)}: expected an http(s) URL`);
	const headers: Record<string, string> = {};
	for (const h of headerArgs) {
		const m = /^([!#$%&'*+.^`|~\w-]+):\s*(.*)$/.exec(h);
		if (!m) throw new UsageError(`--header ${JSON.stringify(h)}: expected "Name: value"`);
		headers[m[1] as string] = m[2] as string;
	}
	const names = Object.keys(headers);
	const notes = [names.length > 0 ? `Scanned with request headers ${names.join(', ')} (values not recorded).` : '', values.note ?? '']
		.filter(Boolean)
		.join(' ');
	return {
		target: { kind: 'http', url, headers },
		targetLabel: url,
		slug: values.slug ?? slugify(`${parsedUrl.hostname}${parsedUrl.pathname}`),
		...pickDefined({ name: values.name, description: values.description }),
		distribution: { kind: 'remote', url, transport: 'streamable-http', ...pickDefined({ auth: values.auth }) },
		sources: [{ title: `remote MCP endpoint ${url}`, url }],
		...(notes ? { notes } : {}),
	};
}

function commandPlan(
	command: string,
	sandbox: Sandbox,
	args: readonly ArgSpec[],
	env: readonly EnvSpec[],
	values: {
		dist?: string | undefined;
		slug?: string | undefined;
		name?: string | undefined;
		description?: string | undefined;
		note?: string | undefined;
	},
): ScanPlan {
	if (values.dist === undefined)
		throw new UsageError(
			'--command needs --dist (npm:<pkg>@<version>, pypi:<pkg>[@<version>] or oci:<image>): a content file records how to obtain the server',
		);
	if (values.slug === undefined) throw new UsageError('--command needs --slug');
	const envRecord = env.map((e) => ({ name: e.name, required: e.required, secret: e.secret }));
	const [kind, ...rest] = values.dist.split(':');
	const ref = rest.join(':');
	let distribution: ScanPlan['distribution'];
	let source: ScanPlan['sources'][number];
	if (kind === 'npm') {
		const { name, range } = parsePackageSpec(ref);
		if (range === 'latest') throw new UsageError('--dist npm: give an exact version (npm:<pkg>@<version>)');
		distribution = { kind: 'npm', package: name, version: range, transport: 'stdio', args: sandbox.storedArgs, env: envRecord };
		source = { title: `npm package ${name}@${range}`, url: `https://www.npmjs.com/package/${name}/v/${range}` };
	} else if (kind === 'pypi' && /^[A-Za-z0-9][\w.-]*(@[\w.+!-]+)?$/.test(ref)) {
		const [name = '', version] = ref.split('@');
		distribution = {
			kind: 'pypi',
			package: name,
			...pickDefined({ version }),
			transport: 'stdio',
			args: sandbox.storedArgs,
			env: envRecord,
		};
		source = { title: `PyPI package ${ref.replace('@', ' ')}`, url: `https://pypi.org/project/${name}/${version ? `${version}/` : ''}` };
	} else if (kind === 'oci' && ref) {
		distribution = { kind: 'oci', image: ref, transport: 'stdio', env: envRecord };
		source = { title: `OCI image ${ref}`, ref };
	} else {
		throw new UsageError(`--dist ${JSON.stringify(values.dist)}: expected npm:<pkg>@<version>, pypi:<pkg>[@<version>] or oci:<image>`);
	}
	const notes = placeholderNotes(args, env, values.note);
	// The server runs in an empty temporary folder, so a relative command path is taken from here.
	const executable = command.includes('/') ? resolveFrom(process.cwd(), command) : command;
	return {
		target: { kind: 'stdio', command: executable, args: sandbox.args, env: sandbox.env, cwd: sandbox.cwd },
		targetLabel: [command, ...sandbox.storedArgs].join(' '),
		slug: values.slug,
		...pickDefined({ name: values.name, description: values.description, notes }),
		distribution,
		sources: [source],
	};
}

function parseEnv(entries: string[], optional: string[], notSecret: string[]): EnvSpec[] {
	const env: EnvSpec[] = [];
	for (const entry of entries) {
		const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(entry);
		if (!m) throw new UsageError(`--env ${JSON.stringify(entry)}: expected NAME=placeholder`);
		const name = m[1] as string;
		if (['PATH', 'HOME', 'TMPDIR'].includes(name)) throw new UsageError(`--env ${name}: set by the scanner`);
		if (env.some((e) => e.name === name)) throw new UsageError(`--env ${name} given twice`);
		env.push({ name, value: m[2] as string, required: !optional.includes(name), secret: !notSecret.includes(name) });
	}
	for (const name of [...optional, ...notSecret]) {
		if (!env.some((e) => e.name === name)) throw new UsageError(`--optional/--not-secret ${name}: no --env ${name}=... given`);
	}
	return env;
}

/** `--previous <file>` or `--fresh` (not both); neither means "the output file, if it exists". */
function previousOption(values: { previous?: string | undefined; fresh?: boolean | undefined }): { previous?: string | false } {
	if (values.previous !== undefined && values.fresh) throw new UsageError('give --previous or --fresh, not both');
	if (values.fresh) return { previous: false };
	return values.previous !== undefined ? { previous: resolveFrom(process.cwd(), values.previous) } : {};
}

/** "2 changed, 1 added" for the history entry a re-scan recorded. */
function describeChanges(entry: HistoryEntry): string {
	const counts = new Map<string, number>();
	for (const c of entry.changes) counts.set(c.change, (counts.get(c.change) ?? 0) + 1);
	return [...counts].map(([kind, n]) => `${n} ${kind}`).join(', ');
}

function listOptions(values: Record<string, unknown>): ListOptions {
	const seconds = (key: string): number | undefined => {
		const raw = values[key];
		if (raw === undefined) return undefined;
		const n = Number(raw);
		if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${key}: expected a number of seconds`);
		return n * 1000;
	};
	let clientCapabilities: ListOptions['clientCapabilities'];
	if (typeof values['client-capabilities'] === 'string') {
		try {
			clientCapabilities = JSON.parse(values['client-capabilities']) as ListOptions['clientCapabilities'];
		} catch {
			clientCapabilities = undefined;
		}
		if (typeof clientCapabilities !== 'object' || clientCapabilities === null || Array.isArray(clientCapabilities)) {
			throw new UsageError('--client-capabilities: expected a JSON object such as {"sampling":{},"roots":{}}');
		}
	}
	return pickDefined({
		connectTimeoutMs: seconds('connect-timeout'),
		pageTimeoutMs: seconds('page-timeout'),
		totalTimeoutMs: seconds('total-timeout'),
		clientCapabilities,
	});
}

/** Drops undefined values (exactOptionalPropertyTypes: optional fields must be absent, not undefined). */
function pickDefined<T extends Record<string, unknown>>(record: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
	return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/** The sandbox of the scan in progress, removed on Ctrl-C (a signal skips the `finally`). */
let activeSandboxRoot: string | undefined;

// Ctrl-C: exit through process.exit so the scanner's exit hook kills the server's process group.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => {
		if (activeSandboxRoot) rmSync(activeSandboxRoot, { recursive: true, force: true });
		process.exit(130);
	});
}

try {
	process.exitCode = await main(process.argv.slice(2));
} catch (error) {
	if (error instanceof UsageError) {
		console.error(`scan: ${error.message}\n\n${USAGE}`);
		process.exitCode = 2;
	} else if (error instanceof ScanError) {
		console.error(`scan failed (${error.kind}): ${error.message}\nNothing was written.`);
		process.exitCode = 1;
	} else {
		console.error(`scan failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\nNothing was written.`);
		process.exitCode = 1;
	}
}
