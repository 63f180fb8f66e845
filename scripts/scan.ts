/**
 * `scan`: start an MCP server, list its tools (never call one) and write `content/servers/<slug>.json`.
 * The scanner is src/ingest/scan.ts; what the options mean, src/ingest/scan-plan.ts and server-options.ts.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ScanError } from '../src/ingest/mcp-list.ts';
import { installNpmPackage, makeSandbox, npmPlan, resolveFrom, scanToServerFile, type Sandbox, type ScanPlan } from '../src/ingest/scan.ts';
import {
	capabilityNote,
	checkSlug,
	commandPlan,
	describeChanges,
	listenOption,
	previousOption,
	urlPlan,
	workFileNote,
} from '../src/ingest/scan-plan.ts';
import { parseClientCapabilities, parseEnv, pickDefined, serverArgs } from '../src/ingest/server-options.ts';
import { probeSandbox, unavailableMessage, unsafeWarning } from '../src/ingest/sandbox/probe.ts';
import type { SandboxHost } from '../src/ingest/sandbox/sandbox.ts';
import { SERVICE_KINDS } from '../src/ingest/sandbox/services.ts';
import { sandboxedServer, type SandboxedRun } from '../src/ingest/sandbox/server.ts';
import { defineCommand, main, UsageError } from './lib/cli.ts';

const ROOT = join(import.meta.dirname, '..');

const command = defineCommand({
	name: 'scan',
	usage: [
		'node scripts/scan.ts --npm <package>[@version] [options] [-- <arg> ...]',
		'node scripts/scan.ts --command <executable> --dist <npm:pkg@ver|pypi:pkg[@ver]|oci:image> --slug <slug> [options] [-- <arg> ...]',
		'node scripts/scan.ts --url <https://...> [--header "Name: value" ...] [--auth <text>] [options]',
	],
	about:
		'Starts the server (stdio: in a bubblewrap sandbox that sees only the runtime and, read-only, the\n' +
		"package (--npm) or the executable's folder (--command), with an empty private HOME and working folder,\n" +
		'no network but its own loopback, and resource limits; with only PATH, HOME, TMPDIR and the given\n' +
		'environment; HTTP: streamable HTTP to the URL, outside any sandbox), runs initialize and tools/list to\n' +
		'the last page, never calls a tool, and writes <out>/<slug>.json atomically. On failure nothing is\n' +
		'written. When the sandbox is unavailable nothing is scanned, unless --unsafe-no-sandbox.',
	positionals: { name: '-- <arg> ...', description: 'server arguments (stdio), after any options' },
	options: {
		npm: {
			type: 'string',
			value: '<package>[@version]',
			description: 'an npm package: installed into the cache with install scripts disabled',
		},
		command: { type: 'string', value: '<executable>', description: 'a server you start yourself (needs --dist and --slug)' },
		url: { type: 'string', value: '<https://...>', description: 'a remote server over streamable HTTP' },
		dist: {
			type: 'string',
			value: '<npm:..|pypi:..|oci:..>',
			description: 'with --command: how to obtain the server, recorded in the content file',
		},
		slug: { type: 'string', value: '<slug>', description: 'file name and id (default: from the package name or URL)' },
		name: { type: 'string', value: '<name>', description: "display name (default: the server's serverInfo.name)" },
		description: { type: 'string', value: '<text>', description: '(default with --npm: the package description)' },
		arg: {
			type: 'string',
			multiple: true,
			value: '<value>',
			description: 'a server argument, passed and recorded as is (kept in order;\nuse --arg=--flag for values starting with a dash)',
		},
		'temp-dir-arg': {
			type: 'string',
			multiple: true,
			value: '<placeholder>',
			description: 'pass a fresh empty directory, record <placeholder> (e.g. /path/to/allowed/dir)',
		},
		env: {
			type: 'string',
			multiple: true,
			value: 'NAME=placeholder',
			description: 'an environment variable, recorded by name only as required and secret',
		},
		optional: { type: 'string', multiple: true, value: 'NAME', description: 'mark an --env variable as optional' },
		'not-secret': { type: 'string', multiple: true, value: 'NAME', description: 'mark an --env variable as not secret' },
		header: {
			type: 'string',
			multiple: true,
			value: '"Name: value"',
			description: 'an HTTP request header for --url (its name is recorded, not its value)',
		},
		auth: { type: 'string', value: '<text>', description: 'with --url: how the endpoint authenticates, recorded in the distribution' },
		bin: { type: 'string', value: '<name>', description: 'which executable of an npm package to run (if it has several)' },
		note: { type: 'string', value: '<text>', description: 'added to provenance.notes' },
		out: { type: 'string', value: '<dir>', description: 'content folder (default: content/servers)' },
		previous: {
			type: 'string',
			value: '<file>',
			description:
				'the content file this scan replaces (default: <out>/<slug>.json when it\nexists); the re-scan keeps its first-catalogued date and history and\nrecords which tools were added, removed, changed or renamed',
		},
		fresh: { type: 'boolean', description: 'ignore an existing <out>/<slug>.json: overwrite it and drop its history' },
		cache: { type: 'string', value: '<dir>', description: 'npm install cache (default: .cache/scan)' },
		'connect-timeout': { type: 'string', value: '<s>', description: 'start + initialize limit (default 60)' },
		'page-timeout': { type: 'string', value: '<s>', description: 'per tools/list page (default 60)' },
		'total-timeout': { type: 'string', value: '<s>', description: 'whole scan (default 180)' },
		'package-dir': {
			type: 'string',
			value: '<dir>',
			description:
				"with --command: the folder the sandbox shows read-only at /opt/package\n(default: the executable's folder; the executable must be inside it)",
		},
		'unsafe-no-sandbox': {
			type: 'boolean',
			description:
				"run the server WITHOUT the sandbox, with your user's rights (its code can\nread your files and credentials, write anywhere you can, use the network)",
		},
		node: {
			type: 'string',
			value: '<path>',
			description:
				"with --npm: run the server on this Node binary instead of the scanner's own\n(e.g. /usr/bin/node for a server that needs an older Node); recorded in provenance.notes",
		},
		'stub-native': {
			type: 'boolean',
			description:
				'with --npm: a native addon (*.node) that install scripts would have built is\nreplaced at load time by a stub that throws when used; recorded in provenance.notes',
		},
		service: {
			type: 'string',
			multiple: true,
			value: '<postgres|redis>',
			description:
				'start a throwaway PostgreSQL (postgres@127.0.0.1:5432, trust) or Redis\n(127.0.0.1:6379) on the sandbox loopback before the server; recorded in provenance.notes',
		},
		listen: {
			type: 'string',
			value: '<port>[/path]',
			description:
				'with --command: the server listens for streamable HTTP on this port of the\nsandbox loopback (path default /mcp) instead of speaking on stdio; the\nscanner reaches it through a relay. Recorded as transport streamable-http',
		},
		'address-space': {
			type: 'string',
			value: '<GiB>',
			description:
				"the sandbox's virtual memory limit (default 8); servers that start worker\nthreads reserve several GiB of address space each",
		},
		'work-file': {
			type: 'string',
			multiple: true,
			value: '<path>',
			description:
				"a file or folder copied into the server's working folder before it starts (a\nconfiguration it needs); its name is recorded in provenance.notes",
		},
		'client-capabilities': {
			type: 'string',
			value: '<json>',
			description:
				'capabilities to declare in initialize (default {}); some servers list\nmore tools to clients declaring sampling, elicitation or roots. Recorded\nin provenance.notes',
		},
	},
	notes: 'Exit codes: 0 written, 1 the scan failed (nothing written), 2 bad usage.',
	examples: [
		'node scripts/scan.ts --npm @modelcontextprotocol/server-filesystem@2026.8.31 \\\n    --slug modelcontextprotocol-filesystem --temp-dir-arg /path/to/allowed/dir',
	],
});

class SandboxUnavailable extends Error {}

/** The probed sandbox; throws SandboxUnavailable with the message to print. */
async function sandboxHost(node?: string): Promise<SandboxHost> {
	const probe = await probeSandbox(node === undefined ? {} : { node });
	if (!probe.ok) throw new SandboxUnavailable(unavailableMessage(probe.reason));
	return probe.host;
}

const STUB_NATIVE_NOTE =
	'Native addons that install scripts would have built were replaced at load time by stubs that throw when used (the listing does not use them).';

/** The provenance note for --node: which Node ran the server. */
function nodeNote(path: string): string {
	const run = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 10_000 });
	const version = run.status === 0 ? run.stdout.trim() : undefined;
	if (!version) throw new UsageError(`--node ${path}: \`${path} --version\` failed`);
	return `Run on Node ${version.replace(/^v/, '')} (not the scanner's Node ${process.versions.node}).`;
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

await main(
	command,
	async (cli) => {
		const { values } = cli;
		const cwd = process.cwd();
		const modes = [values.npm, values.command, values.url].filter((v) => v !== undefined);
		if (modes.length !== 1) throw new UsageError('give exactly one of --npm, --command or --url');
		const { args, before } = serverArgs(cli.tokens);
		if (before.length > 0)
			throw new UsageError(`unexpected argument ${JSON.stringify(before[0])}; put server arguments after --, or use --arg`);
		const env = parseEnv(values.env ?? [], {
			optional: values.optional ?? [],
			notSecret: values['not-secret'] ?? [],
			valueWord: 'placeholder',
			reservedBy: 'by the scanner',
		});
		const outDir = values.out ? resolveFrom(cwd, values.out) : join(ROOT, 'content', 'servers');
		const ms = (name: 'connect-timeout' | 'page-timeout' | 'total-timeout') => {
			const s = cli.number(name, { positive: true, expected: 'a number of seconds' });
			return s === undefined ? undefined : s * 1000;
		};
		const clientCapabilities = parseClientCapabilities(values['client-capabilities']);
		const list = pickDefined({
			connectTimeoutMs: ms('connect-timeout'),
			pageTimeoutMs: ms('page-timeout'),
			totalTimeoutMs: ms('total-timeout'),
			clientCapabilities,
		});
		const nodePath = values.node === undefined ? undefined : resolveFrom(cwd, values.node);
		if ((nodePath !== undefined || values['stub-native']) && values.npm === undefined)
			throw new UsageError('--node and --stub-native apply to --npm');
		const workFiles = (values['work-file'] ?? []).map((p) => resolveFrom(cwd, p));
		const listen = listenOption(values.listen);
		const addressSpace = cli.number('address-space', { positive: true, expected: 'a number of GiB' });
		const limits = addressSpace === undefined ? {} : { limits: { addressSpaceBytes: Math.round(addressSpace * 1024 ** 3) } };
		if (listen !== undefined && values.command === undefined) throw new UsageError('--listen applies to --command');
		const services = (values.service ?? []).map((name) => {
			const kind = SERVICE_KINDS.find((k) => k === name);
			if (kind === undefined) throw new UsageError(`--service ${name}: expected one of ${SERVICE_KINDS.join(', ')}`);
			return kind;
		});
		const note =
			[
				capabilityNote(clientCapabilities),
				nodePath !== undefined ? nodeNote(nodePath) : undefined,
				values['stub-native'] ? STUB_NATIVE_NOTE : undefined,
				services.length > 0 ? `A throwaway, empty ${services.join(' and ')} ran on the sandbox loopback.` : undefined,
				workFileNote(workFiles),
				values.note,
			]
				.filter(Boolean)
				.join(' ') || undefined;
		checkSlug(values.slug);
		const previous = previousOption(values, cwd);

		let sandbox: Sandbox | undefined;
		let isolated: SandboxedRun | undefined;
		try {
			let plan: ScanPlan;
			if (values.url !== undefined) {
				if (args.length > 0 || env.length > 0) throw new UsageError('--arg, --temp-dir-arg and --env apply to stdio servers, not --url');
				plan = urlPlan(values.url, values.header ?? [], { ...values, note });
			} else {
				// Fail closed: no sandbox, no scan, unless the user asked for an unsafe run by name.
				if (values['unsafe-no-sandbox'] && (workFiles.length > 0 || values['stub-native'] || services.length > 0))
					throw new UsageError('--work-file, --service and --stub-native need the sandbox');
				const host = values['unsafe-no-sandbox'] ? undefined : await sandboxHost(nodePath);
				sandbox = await makeSandbox(args, env);
				activeSandboxRoot = sandbox.root;
				const placeholders = Object.fromEntries(env.map((e) => [e.name, e.value]));
				if (values.npm !== undefined) {
					const cache = values.cache ? resolveFrom(cwd, values.cache) : join(ROOT, '.cache', 'scan');
					console.error(`resolving and installing ${values.npm} (scripts disabled) ...`);
					const pkg = await installNpmPackage(values.npm, cache, values.bin);
					console.error(
						`starting ${pkg.name}@${pkg.version} (${pkg.binName}) ${host ? `in a sandbox (${host.version})` : 'WITHOUT a sandbox'} ...`,
					);
					plan = npmPlan(
						pkg,
						sandbox,
						args,
						env,
						pickDefined({ slug: values.slug, name: values.name, description: values.description, note }),
					);
					if (host) {
						isolated = await sandboxedServer(host, {
							packageDir: pkg.installDir,
							program: pkg.binPath,
							runWithNode: true,
							args,
							env: placeholders,
							workFiles,
							services,
							...limits,
							stubNativeAddons: values['stub-native'] === true,
						});
						plan.target = isolated.target;
					}
				} else {
					plan = commandPlan(values.command!, sandbox, args, env, { ...values, note }, cwd);
					if (listen && !host) throw new UsageError('--listen needs the sandbox');
					if (host && plan.target.kind === 'stdio') {
						const program = plan.target.command;
						const packageDir = values['package-dir']
							? resolveFrom(cwd, values['package-dir'])
							: program.includes('/')
								? dirname(program)
								: undefined;
						isolated = await sandboxedServer(host, {
							packageDir,
							program,
							runWithNode: false,
							args,
							env: placeholders,
							workFiles,
							services,
							...limits,
							...(listen ? { http: listen } : {}),
						});
						plan.target = isolated.target;
						if (listen && 'transport' in plan.distribution) plan.distribution.transport = 'streamable-http';
					}
				}
				if (!host) console.error(unsafeWarning(plan.targetLabel));
			}
			const {
				file,
				server,
				listing,
				previous: replaced,
				recorded,
			} = await scanToServerFile(plan, {
				outDir,
				list: isolated ? { maxStderrBytes: isolated.limits.stderrBytes, ...list } : list,
				...previous,
			});
			const info = listing.serverInfo;
			console.log(
				`wrote ${file}: ${server.tools.length} tool${server.tools.length === 1 ? '' : 's'} in ${listing.pages} page${listing.pages === 1 ? '' : 's'} ` +
					`from ${info.name}${info.version ? ` ${info.version}` : ''} (protocol ${listing.protocolVersion})`,
			);
			if (replaced)
				console.log(
					recorded ? `re-scan: ${describeChanges(recorded)} recorded in history (${recorded.date})` : 're-scan: no tool definition changed',
				);
			return 0;
		} finally {
			await isolated?.cleanup();
			await sandbox?.cleanup();
			activeSandboxRoot = undefined;
		}
	},
	{
		failureNote: 'Nothing was written.',
		explain: (error) =>
			error instanceof ScanError
				? { message: `scan failed (${error.kind}): ${error.message}`, exitCode: 1, bare: true }
				: error instanceof SandboxUnavailable
					? { message: error.message, exitCode: 1 }
					: undefined,
	},
);
