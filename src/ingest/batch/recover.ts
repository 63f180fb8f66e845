/**
 * The batch's automatic recoveries: when a listing fails in a way that a general change of how the
 * server is started can fix, the batch starts it again with that change and records what it tried.
 *
 * Each rule reads only the failure (its kind, phase and message with the server's last stderr lines)
 * and what was already tried; none names a package. Per-package arguments and variables stay data in
 * `content/scan/servers.tsv`. The rules, in the order they are tried (the first that applies wins):
 *
 * 1. `node`: it crashed on the scanner's Node with an error that only a Node version explains (a global
 *    that became read-only, a removed syntax or built-in): start it once on the fallback Node.
 * 2. `native-stub`: a native module it loads was never built (install scripts are off): replace that
 *    package, through the preload of `sandbox/native-stubs.ts`, by a stub that loads and throws a clear
 *    error only when used (the SQLite bindings by a working stand-in).
 * 3. `env`: stderr names environment variables it requires: set each once, to a well-formed placeholder
 *    of its kind (URL, token, path, email, id...).
 * 4. `flag`: stderr names a required command-line flag: pass it once, with a placeholder of its kind.
 * 5. `credential-files`: stderr names a credentials or configuration file that is missing: put dummy
 *    files (fake values only) in the sandbox home and working folder, once.
 * 6. `http`: it announced an HTTP server instead of speaking on stdio: the `--stdio` flag, then the
 *    `stdio` subcommand.
 * 7. `subcommand`: it printed help or usage text, said "unknown command", or exited at once without
 *    speaking MCP: try the usual subcommands in order, then the usual flags.
 * 8. `quiet`: it wrote lines that are not JSON to stdout before speaking (banners, telemetry): start it
 *    once with the common "be quiet" variables. A server that is clean when started quietly is
 *    catalogued with those variables recorded.
 * 9. `skip-stdout`: it still wrote lines that are not JSON-RPC messages to stdout (plain text, or JSON
 *    that is not JSON-RPC): read its stdout as the MCP SDKs' stdio clients do, skipping such lines. The
 *    TypeScript SDK's `StdioClientTransport` hands the line's parse error to `onerror` and reads on, the
 *    Python SDK's `stdio_client` logs it and continues: users of those clients get the tools, so the
 *    catalogue lists them too, and the content file's notes say how many lines were skipped (a strict
 *    client would fail). Tried last, so that a server that can be started cleanly is recorded that
 *    way; the quiet variables are dropped again for it (they did not help). A first attempt stays strict,
 *    so every skip is a recorded decision.
 */
import type { ScanErrorKind } from '../mcp-list.ts';
import { hasStandin } from '../sandbox/sqlite-standin.ts';

/** Subcommands that start the MCP server of a command-line tool, in the order they are tried. */
export const SUBCOMMANDS = ['stdio', 'mcp', 'start', 'serve', 'run', 'server'] as const;
/** Flags that select the stdio transport, tried after the subcommands. */
export const MODE_FLAGS = ['--stdio'] as const;
/** Variables that silence banners, colours, telemetry and logs on stdout. */
export const QUIET_ENV: Readonly<Record<string, string>> = Object.freeze({
	NO_COLOR: '1',
	FORCE_COLOR: '0',
	DO_NOT_TRACK: '1',
	NODE_NO_WARNINGS: '1',
	OTEL_SDK_DISABLED: 'true',
	OTEL_TRACES_EXPORTER: 'none',
	OTEL_METRICS_EXPORTER: 'none',
	OTEL_LOGS_EXPORTER: 'none',
	LOG_LEVEL: 'error',
	// dotenv 17 logs "injected env (n) from .env" to stdout unless told to be quiet.
	DOTENV_CONFIG_QUIET: 'true',
	LOGLEVEL: 'error',
});
/** At most this many listing attempts per package (the first included). */
export const MAX_ATTEMPTS = 9;
const MAX_NAMES_PER_RETRY = 6;

/** How a server is started, beyond the list's own arguments and variables. */
export interface StartVariant {
	/** A subcommand put before the list's arguments. */
	lead: string[];
	/**
	 * Arguments put after the list's (a mode flag, placeholder flags and their values); `stored` is what a
	 * content file records for a placeholder value (`<access-token>`), never the value given.
	 */
	tail: { value: string; stored?: string }[];
	/** Variables set besides the list's and the documented ones (name -> placeholder). */
	env: Record<string, string>;
	/** The fallback Node instead of the scanner's. */
	fallbackNode: boolean;
	/** Packages replaced by a stub (native modules never built). */
	stubs: string[];
	/** Dummy credential and configuration files in the sandbox home and working folder. */
	credentialFiles: boolean;
	/** Further dummy files at the paths stderr named (`~/...` or `./...`). */
	namedFiles: string[];
	/** Read stdout as the SDK's client does: skip lines that are not JSON-RPC messages. */
	skipNonJsonStdout: boolean;
	/** Every step taken so far, in words (for the report and the provenance notes). */
	steps: string[];
	/** Identifiers of the rules already applied (`sub:stdio`, `env:FOO_KEY`...). */
	applied: string[];
}

export const FIRST_ATTEMPT: StartVariant = Object.freeze({
	lead: [],
	tail: [],
	env: {},
	fallbackNode: false,
	stubs: [],
	credentialFiles: false,
	namedFiles: [],
	skipNonJsonStdout: false,
	steps: [],
	applied: [],
}) as StartVariant;

/** What the failed attempt looked like. */
export interface Failure {
	kind: ScanErrorKind | 'other';
	phase?: 'connect' | 'list' | undefined;
	/** The whole message, stderr lines included. */
	message: string;
}

export interface RecoveryContext {
	/** The scanner's Node version (`v24.1.0`) and the fallback's, when there is one. */
	node: string;
	fallbackNode?: string | undefined;
	/** The package itself (never stubbed). */
	packageName: string;
	/** Variable names already given a value (list, documentation, earlier retries). */
	envNames: readonly string[];
	/** The list's own arguments. */
	args: readonly string[];
	/** Whether native modules can be stubbed (the server runs on Node, which loads the preload). */
	canStub: boolean;
	/** The server's HOME and working folder as it sees them (paths in stderr under them name files to make). */
	home?: string | undefined;
	cwd?: string | undefined;
	/** Services running for this server (their URLs are used for database placeholders). */
	services?: { postgres?: string | undefined; redis?: string | undefined; mysql?: string | undefined };
}

export interface Recovery {
	variant: StartVariant;
	/** What this retry changes, in words. */
	step: string;
}

/** The next start to try after `failure`, or undefined when no rule applies (or the attempts ran out). */
export function nextRecovery(failure: Failure, current: StartVariant, context: RecoveryContext): Recovery | undefined {
	if (current.applied.length + 1 >= MAX_ATTEMPTS) return undefined;
	if (failure.kind === 'install' || failure.kind === 'too-large' || failure.kind === 'duplicate-tools' || failure.kind === 'cursor-loop')
		return undefined;
	const text = failure.message;
	const has = (id: string): boolean => current.applied.includes(id);
	const make = (id: string, step: string, change: Partial<StartVariant>): Recovery => ({
		step,
		variant: { ...current, ...change, steps: [...current.steps, step], applied: [...current.applied, id] },
	});

	// 1. Node version.
	if (failure.kind === 'crashed' && context.fallbackNode && !current.fallbackNode && !has('node') && NODE_VERSION_TEXT.test(text)) {
		const why = NODE_VERSION_TEXT.exec(text)?.[0] ?? '';
		return make('node', `ran on Node ${context.fallbackNode} (it crashed on Node ${context.node}: ${JSON.stringify(why)})`, {
			fallbackNode: true,
		});
	}

	// 2. Native modules never built.
	if (failure.kind === 'crashed' && context.canStub) {
		const natives = missingNativeModules(text).filter((n) => n !== context.packageName && !current.stubs.includes(n));
		if (natives.length > 0) {
			const standins = natives.filter(hasStandin);
			const stubs = natives.filter((n) => !hasStandin(n));
			const said = [
				stubs.length > 0 ? `${stubs.join(', ')} by a stub that throws only when used` : '',
				standins.length > 0 ? `${standins.join(', ')} by a stand-in over Node's built-in SQLite (node:sqlite)` : '',
			].filter(Boolean);
			return make(
				`stub:${natives.join(',')}`,
				`replaced the native module${natives.length > 1 ? 's' : ''} (never built: install scripts are off) ${said.join(', and ')}`,
				{
					stubs: [...current.stubs, ...natives],
				},
			);
		}
	}

	// 3. Missing variables.
	if (failure.kind === 'crashed' || failure.kind === 'timeout' || failure.kind === 'protocol') {
		const names = missingEnvNames(text).filter((n) => !context.envNames.includes(n) && !(n in current.env) && !has(`env:${n}`));
		if (names.length > 0) {
			const picked = names.slice(0, MAX_NAMES_PER_RETRY);
			const env = { ...current.env };
			for (const n of picked) env[n] = placeholderFor(n, context.services);
			return {
				step: `set the variable${picked.length > 1 ? 's' : ''} ${picked.join(', ')} it asked for to placeholder${picked.length > 1 ? 's' : ''}`,
				variant: {
					...current,
					env,
					steps: [
						...current.steps,
						`set the variable${picked.length > 1 ? 's' : ''} ${picked.join(', ')} it asked for to placeholder${picked.length > 1 ? 's' : ''}`,
					],
					applied: [...current.applied, ...picked.map((n) => `env:${n}`)],
				},
			};
		}
	}

	// 4. Missing flags.
	if (failure.kind === 'crashed' || failure.kind === 'protocol') {
		const given = new Set([...context.args, ...current.lead, ...current.tail.map((t) => t.value)].map((a) => a.split('=')[0]));
		const flags = missingFlags(text).filter((f) => !given.has(f) && !has(`flag:${f}`));
		if (flags.length > 0) {
			const picked = flags.slice(0, MAX_NAMES_PER_RETRY);
			const tail = [...current.tail];
			for (const f of picked) tail.push({ value: f }, { value: placeholderFor(f, context.services), stored: `<${f.replace(/^--?/, '')}>` });
			const step = `passed the flag${picked.length > 1 ? 's' : ''} ${picked.join(', ')} it asked for, with placeholder value${picked.length > 1 ? 's' : ''}`;
			return {
				step,
				variant: { ...current, tail, steps: [...current.steps, step], applied: [...current.applied, ...picked.map((f) => `flag:${f}`)] },
			};
		}
	}

	// 5. Credential and configuration files.
	if ((failure.kind === 'crashed' || failure.kind === 'protocol') && !current.credentialFiles && CREDENTIAL_FILE_TEXT.test(text)) {
		const named = namedMissingFiles(text, context.home, context.cwd);
		return make(
			'credential-files',
			`put dummy credential files (fake values) in the sandbox home and working folder${named.length > 0 ? `, and at ${named.join(', ')}` : ''}`,
			{ credentialFiles: true, namedFiles: named },
		);
	}

	// 6. It started an HTTP server instead of stdio: the stdio flag, then the stdio subcommand.
	if (failure.phase !== 'list' && (failure.kind === 'protocol' || failure.kind === 'timeout') && LISTENING_TEXT.test(text)) {
		for (const flag of MODE_FLAGS) {
			if (has(`flag:${flag}`) || context.args.includes(flag)) continue;
			return make(`flag:${flag}`, `started it with the flag "${flag}" (it started an HTTP server instead)`, {
				tail: [...current.tail, { value: flag }],
			});
		}
		if (!has('sub:stdio') && !context.args.includes('stdio'))
			return make('sub:stdio', 'started it with the subcommand "stdio" (it started an HTTP server instead)', { lead: ['stdio'] });
	}

	// 7. Help text: subcommands, then mode flags.
	if (failure.phase !== 'list' && looksLikeHelp(failure)) {
		for (const sub of SUBCOMMANDS) {
			if (has(`sub:${sub}`) || context.args.includes(sub)) continue;
			return make(`sub:${sub}`, `started it with the subcommand "${sub}" (it printed help or usage text)`, { lead: [sub] });
		}
		for (const flag of MODE_FLAGS) {
			if (has(`flag:${flag}`) || context.args.includes(flag)) continue;
			return make(`flag:${flag}`, `started it with the flag "${flag}" (it printed help or usage text)`, {
				lead: [],
				tail: [...current.tail, { value: flag }],
			});
		}
		return undefined;
	}

	// 8. A stdout preamble.
	if (failure.kind === 'protocol' && /not JSON to stdout/.test(text) && !has('quiet')) {
		return make('quiet', `set ${Object.keys(QUIET_ENV).join(', ')} to silence what it wrote to stdout before JSON-RPC`, {
			env: { ...current.env, ...QUIET_ENV },
		});
	}

	// 9. Still not only JSON-RPC on stdout: read it as the SDK's client does.
	if (failure.kind === 'protocol' && NOT_JSON_RPC_TEXT.test(text) && !current.skipNonJsonStdout) {
		const env = { ...current.env };
		if (has('quiet')) for (const name of Object.keys(QUIET_ENV)) delete env[name];
		return make(
			'skip-stdout',
			`read its stdout as the MCP SDK's stdio client does, skipping the lines that are not JSON-RPC messages${has('quiet') ? ' (without the quiet variables, which did not help)' : ''}`,
			{ env, skipNonJsonStdout: true },
		);
	}
	return undefined;
}

/** The strict listing's words for a stdout line that is not a JSON-RPC message. */
const NOT_JSON_RPC_TEXT = /wrote something that is not JSON to stdout|wrote JSON to stdout that is not a JSON-RPC 2\.0 message/;

/** It says it serves MCP over HTTP (and stdout carries that news, not JSON-RPC). */
const LISTENING_TEXT = /(?:listening|running|started|available|serving)\b[^\n]{0,40}\b(?:on|at)\s+(?:https?:\/\/|port\s+\d)/i;

/** Errors only a Node version explains. */
const NODE_VERSION_TEXT =
	/Cannot set property \w+ of #<Object> which has only a getter|ERR_REQUIRE_ASYNC_MODULE|ERR_UNKNOWN_BUILTIN_MODULE|Unexpected identifier 'assert'|SlowBuffer is not a (?:function|constructor)|requires? Node(?:\.js)? (?:version )?v?(?:1[4-9]|2[0-2])\b[^\n]*|The engine "node" is incompatible|unsupported (?:node(?:\.js)? )?(?:engine|version)[^\n]*/i;

/** Words of a command-line tool's help or usage text. */
const HELP_TEXT =
	/\busage\b|^\s*options:|^\s*commands:|unknown (?:command|subcommand|option|argument)|missing (?:required )?(?:command|subcommand)|required command|specify a command|no command (?:given|specified)|too many arguments|Run .* --help|for more information|did you mean/im;

/** Whether the failure is a command-line tool's help (or an immediate clean exit without MCP). */
export function looksLikeHelp(failure: Failure): boolean {
	// A clean exit says nothing, unless it printed an error first (then the error is the story, not a missing subcommand).
	if (failure.kind === 'crashed' && / exited with code 0 /.test(failure.message))
		return HELP_TEXT.test(failure.message) || !/\b\w*Error\b:/.test(failure.message);
	if (failure.kind !== 'crashed' && failure.kind !== 'protocol') return false;
	if (failure.kind === 'protocol' && !/not JSON to stdout/.test(failure.message)) return false;
	return HELP_TEXT.test(failure.message);
}

/**
 * The packages whose native module (`.node` file) was not found: the `node_modules/<name>` of the
 * lines that say a native binding is missing.
 */
export function missingNativeModules(text: string): string[] {
	if (!/\.node\b|bindings file|No native build|native module|prebuilds?\//i.test(text)) return [];
	// The loader's words, or (when stderr was cut) the list of places it looked for the binding.
	const triedPaths = /['"][^'"\n]*node_modules\/[^'"\n]*\.node['"]/.test(text);
	const loaderWords =
		/Cannot find module|Could not locate the bindings file|No native build was found|Failed to load native module|was compiled against a different|MODULE_NOT_FOUND|ERR_DLOPEN_FAILED/i;
	if (!triedPaths && !loaderWords.test(text)) return [];
	const names: string[] = [];
	// Only what the server wrote: the first line names the scanner's own command (its Node may sit in a node_modules).
	const marker = text.indexOf('\nLast lines the server wrote to stderr:\n');
	const written = marker === -1 ? text : text.slice(marker);
	for (const line of written.split('\n')) {
		if (!/\.node\b|bindings|native|prebuilds?\/|build\/(?:Release|Debug)/i.test(line)) continue;
		for (const m of line.matchAll(/node_modules\/((?:@[\w.-]+\/)?[\w.-]+)\//g)) {
			const name = m[1] as string;
			if (name === 'bindings' || name === 'node-gyp-build' || name === 'prebuild-install') continue;
			if (!names.includes(name)) names.push(name);
		}
	}
	// "Cannot find module '../build/Release/x.node'": the module that asked is the first of the require stack.
	if (names.length === 0) {
		const stack = /Require stack:\s*\n[\s|]*-\s*[^\n]*?node_modules\/((?:@[\w.-]+\/)?[\w.-]+)\//.exec(text);
		if (stack) names.push(stack[1] as string);
	}
	// The innermost package of a path is the one whose binding is missing.
	return names.filter((n) => n !== 'bindings' && n !== 'node-gyp-build').slice(-2);
}

const ENV_NAME = String.raw`[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+`;
const NOT_ENV =
	/^(?:ERR|NODE|E[A-Z]+_[A-Z]+|MODULE|HTTP|HTTPS|PATH|HOME|TMPDIR|JSON|UTF|ISO|MCP_SERVER|STDIO)(?:_|$)|^[A-Z]+_(?:NOT_FOUND|FAILED|ERROR)$/;
const ENV_PATTERNS: RegExp[] = [
	// FOO_KEY is required / is not set / must be set / is missing / not provided / not configured
	new RegExp(
		String.raw`\b(${ENV_NAME})\b['"\`]?(?: (?:environment|env) variable)?\s+(?:is |are )?(?:required|not set|not defined|must be (?:set|provided|defined)|is missing|missing|not (?:found|provided|configured|specified)|undefined|is empty|needs to be set)`,
		'g',
	),
	// missing (required) environment variable(s): FOO_KEY, BAR_URL / please set FOO_KEY / set the FOO_KEY environment variable
	new RegExp(
		String.raw`(?:missing|required|please (?:set|provide|define|export)|you must set|set the|provide|requires?)\b[^\n]{0,60}?\b(${ENV_NAME}(?:\s*(?:,|\band\b|\bor\b|/)\s*${ENV_NAME})*)`,
		'gi',
	),
	// zod-style: "FOO_KEY: Required", "github.FOO_KEY: Invalid input: expected string, received undefined"
	new RegExp(
		String.raw`(?:^|[\s.'"-])(${ENV_NAME})['"]?: (?:Required|Invalid input: expected \w+, received undefined|String must contain at least)`,
		'gm',
	),
];

/** Environment variable names stderr says are required (with an underscore: `FOO_API_KEY`, not `ERROR`). */
export function missingEnvNames(text: string): string[] {
	const names: string[] = [];
	for (const pattern of ENV_PATTERNS) {
		for (const m of text.matchAll(pattern)) {
			for (const name of (m[1] as string).split(/\s*(?:,|\band\b|\bor\b|\/)\s*/i)) {
				const n = name.trim();
				if (!new RegExp(`^${ENV_NAME}$`).test(n) || NOT_ENV.test(n) || names.includes(n)) continue;
				names.push(n);
			}
		}
	}
	return names;
}

const FLAG_LINE =
	/required|missing|please (?:provide|specify|pass|use|set)|must (?:be )?(?:provide|specif|pass|set)|not specified|provide (?:a |an |the )?[\w -]*(?:--|with)|use one of|\bwith the --/i;

/** Command-line flags stderr says are required (`--access-token`; never --help or --version). */
export function missingFlags(text: string): string[] {
	const flags: string[] = [];
	for (const line of text.split('\n')) {
		if (!FLAG_LINE.test(line)) continue;
		// "required option '-i, --input <file>'": the long form; "--apiUrl flag", "--endpoint or X", "--domain=value"
		for (const m of line.matchAll(/(?<![\w-])(--[a-zA-Z][\w-]*[a-zA-Z0-9])(?=[\s'"`,.=:;)<\]]|$)/g)) {
			const flag = m[1] as string;
			if (/^--(?:help|version|verbose|debug|stdio|setup|init)$/.test(flag) || flags.includes(flag)) continue;
			flags.push(flag);
		}
		// "Use one of: --a, --b or --c": one is enough.
		if (/\bone of\b|\beither\b/i.test(line) && flags.length > 0) return flags.slice(0, 1);
	}
	return flags;
}

/** stderr names a credentials, token or configuration file that is missing (a file name, not a flag or variable). */
const CREDENTIAL_FILE_TEXT =
	/^(?=[^\n]*(?:not (?:found|exist)|missing|ENOENT|no such file|please place|could not (?:find|read|load|open)|unable to (?:find|read|load|open)|does not exist))[^\n]*(?:[\w.-]*(?:credential|oauth|key|token|secret|service[-_]?account|client[-_]?secret|config)[\w.-]*\.(?:json|ya?ml|toml|ini)\b|\.aws\/|\.kube\/|kubeconfig|gcloud)/im;

/**
 * Files under the server's HOME or working folder that stderr names (`/home/x/.app/keys.json`,
 * `~/.app/token.json`), as `~/...` or `./...`; JSON, YAML and INI names only, at most three.
 */
export function namedMissingFiles(text: string, home?: string, cwd?: string): string[] {
	const out: string[] = [];
	const roots: [string, string][] = [['~/', '~/']];
	if (home) roots.push([`${home.replace(/\/$/, '')}/`, '~/']);
	if (cwd) roots.push([`${cwd.replace(/\/$/, '')}/`, './']);
	for (const m of text.matchAll(/(?:~|\/[\w.-]+(?:\/[\w.-]+)*)\/[\w.-]+(?:\/[\w.-]+)*\.(?:json|ya?ml|ini|toml)\b/g)) {
		const found = m[0];
		for (const [root, as] of roots) {
			if (!found.startsWith(root)) continue;
			const rel = found.slice(root.length);
			if (rel.split('/').includes('..') || rel === '') continue;
			const path = `${as}${rel}`;
			if (!out.includes(path)) out.push(path);
		}
	}
	return out.slice(0, 3);
}

/**
 * A well-formed placeholder for a variable or flag, by what its name says it holds: a URL (loopback
 * services for database URLs), an email, a path, a domain, an id, a region, a phone number, or a token.
 * Values are never recorded; names are.
 */
export function placeholderFor(name: string, services: RecoveryContext['services'] = {}): string {
	const words = name
		.replace(/^--?/, '')
		.replace(/([a-z0-9])([A-Z])/g, '$1_$2')
		.toUpperCase()
		.replace(/-/g, '_');
	const has = (re: RegExp): boolean => re.test(words);
	// The parts of a running loopback database's URL (MYSQL_HOST, PGUSER, POSTGRES_PASSWORD...).
	for (const [re, url] of [
		[/MYSQL|MARIADB/, services?.mysql],
		[/POSTGRES|^PG/, services?.postgres],
	] as const) {
		if (!url || !has(re) || has(/URL|URI|DSN/)) continue;
		const u = new URL(url);
		if (has(/HOST/)) return u.hostname;
		if (has(/PORT/)) return u.port;
		if (has(/USER/)) return decodeURIComponent(u.username);
		if (has(/PASS/)) return decodeURIComponent(u.password);
		if (has(/DATABASE|DB(?:_NAME)?$|_NAME$/)) return u.pathname.slice(1);
	}
	if (has(/MONGO/) && has(/URL|URI|DSN|CONN|STRING/)) return 'mongodb://127.0.0.1:27017/placeholder';
	if (has(/REDIS/) && has(/URL|URI|DSN|HOST|CONN/)) return services?.redis ?? 'redis://127.0.0.1:6379';
	if (has(/MYSQL|MARIADB/) && has(/URL|URI|DSN|CONN/))
		return services?.mysql ?? 'mysql://placeholder:placeholder@127.0.0.1:3306/placeholder';
	if (has(/POSTGRES|PG_|^PG|DATABASE|(?:^|_)DB(?:_|$)|_DSN$|^DSN$|SQL/) && has(/URL|URI|DSN|CONN/))
		return services?.postgres ?? 'postgresql://placeholder:placeholder@127.0.0.1:5432/placeholder';
	if (has(/(?:^|_)(?:URL|URI|ENDPOINT|BASE|SERVER|INSTANCE|API_HOST|HOST_URL|WEBHOOK)(?:_|$)/)) return 'https://placeholder.example.com';
	if (has(/EMAIL|MAIL_(?:USER|FROM|ADDRESS)/)) return 'placeholder@example.com';
	if (has(/(?:^|_)(?:DIR|DIRECTORY|FOLDER|ROOT|WORKSPACE_PATH|PROJECT_PATH|ALLOWED_PATHS?)(?:_|$)/)) return '.';
	if (has(/(?:^|_)(?:PATH|FILE|CONFIG|KUBECONFIG|KEYFILE|INPUT|SPEC)(?:_|$)/)) return './placeholder.json';
	if (has(/(?:^|_)(?:DOMAIN|HOST|HOSTNAME|SITE|SUBDOMAIN)(?:_|$)/)) return 'placeholder.example.com';
	if (has(/(?:^|_)PORT(?:_|$)/)) return '3000';
	if (has(/(?:^|_)REGION(?:_|$)/)) return 'us-east-1';
	if (has(/PHONE|(?:^|_)NUMBER$/)) return '+15550100000';
	if (has(/(?:^|_)(?:ID|SID|NUMBER)$/) && !has(/CLIENT_ID|APP_ID/)) return '1234567890';
	if (has(/(?:^|_)(?:USER|USERNAME|LOGIN|OWNER|ORG|ORGANIZATION|REPO|PROJECT|TEAM|WORKSPACE|ACCOUNT|TENANT|CLIENT_ID|APP_ID)(?:_|$)/))
		return 'placeholder';
	return 'toolrisk-placeholder-not-a-real-credential';
}

/**
 * Dummy credential and configuration files (fake values, well-formed) for the sandbox home (`~/`) and
 * working folder (`./`): an OAuth client JSON under the names servers look for, a Google service
 * account, a kubeconfig, AWS credentials and config.
 */
export function dummyCredentialFiles(): { path: string; content: string }[] {
	const oauth = `${JSON.stringify(
		{
			installed: {
				client_id: 'toolrisk-placeholder.apps.googleusercontent.com',
				project_id: 'toolrisk-placeholder',
				auth_uri: 'https://accounts.google.com/o/oauth2/auth',
				token_uri: 'https://oauth2.googleapis.com/token',
				client_secret: 'toolrisk-placeholder-not-a-real-secret',
				redirect_uris: ['http://localhost'],
			},
		},
		null,
		2,
	)}\n`;
	const token = `${JSON.stringify({ access_token: 'toolrisk-placeholder', refresh_token: 'toolrisk-placeholder', token_type: 'Bearer', expiry_date: 4102444800000 }, null, 2)}\n`;
	const kube = [
		'apiVersion: v1',
		'kind: Config',
		'clusters:',
		'- name: placeholder',
		'  cluster:',
		'    server: https://127.0.0.1:6443',
		'    insecure-skip-tls-verify: true',
		'users:',
		'- name: placeholder',
		'  user:',
		'    token: toolrisk-placeholder-not-a-real-credential',
		'contexts:',
		'- name: placeholder',
		'  context:',
		'    cluster: placeholder',
		'    user: placeholder',
		'current-context: placeholder',
		'',
	].join('\n');
	const aws = '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = toolrisk/placeholder/not-a-real-secret\n';
	return [
		{ path: './gcp-oauth.keys.json', content: oauth },
		{ path: './credentials.json', content: oauth },
		{ path: './client_secret.json', content: oauth },
		{ path: './token.json', content: token },
		{ path: '~/gcp-oauth.keys.json', content: oauth },
		{ path: '~/credentials.json', content: oauth },
		{
			path: '~/.config/gcloud/application_default_credentials.json',
			content: `${JSON.stringify({ type: 'authorized_user', client_id: 'toolrisk-placeholder', client_secret: 'toolrisk-placeholder', refresh_token: 'toolrisk-placeholder' }, null, 2)}\n`,
		},
		{ path: '~/.kube/config', content: kube },
		{ path: '~/.aws/credentials', content: aws },
		{ path: '~/.aws/config', content: '[default]\nregion = us-east-1\n' },
	];
}
