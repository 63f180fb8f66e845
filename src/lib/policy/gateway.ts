/**
 * Running the gateway: the command line that puts Intercept in front of a server, and the client
 * configuration snippets that use it. Every fact about Intercept's command line and every fact about a
 * client's configuration format is kept here, once, with where it was read (`SOURCES`); the rest of the
 * site (server pages, the stack checker's wrapped configuration) builds on these functions.
 *
 * Pure and small: no zod, no YAML, no DOM, so the stack checker can use it in the browser.
 *
 * Facts (read 2026-12, restated in our words):
 *
 *  G1  Intercept is published on npm as `@policylayer/intercept` and runs with
 *      `npx -y @policylayer/intercept …`; it also installs with `npm install -g @policylayer/intercept`
 *      (command `intercept`) or `go install github.com/policylayer/intercept@latest` (README).
 *  G2  The proxy command is `intercept -c <policy-file> [flags] -- <upstream-command…>` for a server it
 *      launches itself (stdio child process: it proxies stdin/stdout and exits with the child's status),
 *      and `intercept -c <policy-file> [flags] --upstream <url>` for a server reached over HTTP, in which
 *      case the client still talks to Intercept over stdio (the default transport with `--upstream`).
 *      `-c`/`--config` is required (USAGE.md, "Proxy command", "Transport modes").
 *  G3  `--header "Name: value"` (repeatable) adds a header to every upstream request, e.g. a bearer token
 *      (USAGE.md, flags).
 *  G4  `intercept validate -c <policy-file>` checks a policy file and reports its errors without running
 *      the proxy (README, "Validate policies").
 *  G5  State (rate-limit counters) is kept under `~/.intercept/state` by default (`--state-dir`), so
 *      `~/.intercept/` is Intercept's own folder; keeping policies in `~/.intercept/policies/` is this
 *      site's suggestion, not an Intercept default.
 *  C1  Claude Desktop reads `claude_desktop_config.json` (macOS: `~/Library/Application Support/Claude/`,
 *      Windows: `%APPDATA%\Claude\`): a top-level `mcpServers` object of `{command, args, env}` entries.
 *      Paths are not expanded: `~` and variables stay as written.
 *  C2  Claude Code adds a stdio server with `claude mcp add <name> [--env KEY=value …] -- <command> [args…]`;
 *      `--scope project` writes it to `.mcp.json` for everyone on the project.
 *  C3  Cursor reads `~/.cursor/mcp.json` (every project) or `.cursor/mcp.json` (one project), with the same
 *      `mcpServers` shape as Claude Desktop.
 *  C4  VS Code reads `.vscode/mcp.json` (or the user profile's `mcp.json`): a top-level `servers` object whose
 *      stdio entries carry `"type": "stdio"`, `command`, `args`, `env`; predefined variables such as
 *      `${userHome}` are substituted.
 */

/** Where each fact above was read. */
export const SOURCES = {
	interceptReadme: 'https://github.com/policylayer/intercept#readme',
	interceptUsage: 'https://github.com/policylayer/intercept/blob/main/USAGE.md',
	interceptNpm: 'https://www.npmjs.com/package/@policylayer/intercept',
	claudeDesktop: 'https://modelcontextprotocol.io/quickstart/user',
	claudeCode: 'https://docs.anthropic.com/en/docs/claude-code/mcp',
	cursor: 'https://docs.cursor.com/context/model-context-protocol',
	vscode: 'https://code.visualstudio.com/docs/copilot/reference/mcp-configuration',
	vscodeVariables: 'https://code.visualstudio.com/docs/reference/variables-reference',
} as const;

/** Intercept's command-line facts (G1-G5). */
export const INTERCEPT = {
	name: 'Intercept',
	npmPackage: '@policylayer/intercept',
	/** How a client starts it without installing anything first (G1). */
	launcher: ['npx', '-y', '@policylayer/intercept'],
	install: { npm: 'npm install -g @policylayer/intercept', go: 'go install github.com/policylayer/intercept@latest' },
	configFlag: '-c',
	upstreamFlag: '--upstream',
	headerFlag: '--header',
	validateCommand: 'validate',
	/** The folder this site suggests for policy files, under the home folder (G5). */
	policyFolder: '.intercept/policies',
} as const;

/** How the wrapped server is reached: a command the gateway launches, or a URL it forwards to. */
export type Upstream =
	{ kind: 'stdio'; command: string; args: readonly string[] } | { kind: 'remote'; url: string; headers?: readonly string[] };

/** An environment variable a client should set for the server (its value is the user's). */
export interface EnvVar {
	name: string;
	/** What to write in place of the value. */
	placeholder: string;
}

/**
 * A path to the policy file. `home` is relative to the user's home folder; each client writes it in
 * its own way (a shell expands `~`, VS Code substitutes `${userHome}`, other clients need it spelled out).
 */
export type PolicyPath = { home: string } | { absolute: string };

/** The policy file's usual place: `~/.intercept/policies/<file>`. */
export function policyPath(file: string): PolicyPath {
	return { home: `${INTERCEPT.policyFolder}/${file}` };
}

/** The home-folder placeholder in clients that expand nothing (C1, C3). */
export const HOME_PLACEHOLDER = '/ABSOLUTE/PATH/TO/HOME';

/** How a client writes a path (see `PolicyPath`). */
export type PathStyle = 'shell' | 'vscode' | 'literal';

/** A command line as an argument vector: the program and its arguments, never joined by hand. */
export interface Argv {
	command: string;
	args: string[];
}

/** A path as one client writes it; `shell` paths are already quoted for a POSIX shell. */
export function pathFor(p: PolicyPath, style: PathStyle): string {
	if ('absolute' in p) return style === 'shell' ? shellQuote(p.absolute) : p.absolute;
	switch (style) {
		case 'shell':
			return `~/${shellQuote(p.home)}`;
		case 'vscode':
			return `\${userHome}/${p.home}`;
		case 'literal':
			return `${HOME_PLACEHOLDER}/${p.home}`;
	}
}

/** The command that runs Intercept in front of the upstream (G2, G3), with the policy path already written for `style`. */
export function interceptArgv(upstream: Upstream, policy: string): Argv {
	const [command, ...lead] = INTERCEPT.launcher;
	const head = [...lead, INTERCEPT.configFlag, policy];
	if (upstream.kind === 'stdio') return { command, args: [...head, '--', upstream.command, ...upstream.args] };
	const headers = (upstream.headers ?? []).flatMap((h) => [INTERCEPT.headerFlag, h]);
	return { command, args: [...head, INTERCEPT.upstreamFlag, upstream.url, ...headers] };
}

/** The command that checks a policy file (G4). */
export function validateArgv(policy: string): Argv {
	const [command, ...lead] = INTERCEPT.launcher;
	return { command, args: [...lead, INTERCEPT.validateCommand, INTERCEPT.configFlag, policy] };
}

/** Characters a POSIX shell never treats specially in an unquoted word. */
const SAFE_WORD = /^[A-Za-z0-9@%+=:,./_-]+$/;

/**
 * One word quoted for a POSIX shell (sh, bash, zsh): left bare when it holds only safe characters,
 * otherwise in single quotes, inside which nothing is special; a single quote is written `'\''`.
 */
export function shellQuote(word: string): string {
	if (word !== '' && SAFE_WORD.test(word)) return word;
	return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A command line for a POSIX shell. Words marked `pre` are already quoted (a `~/…` path). */
export function shellLine(words: readonly (string | { pre: string })[]): string {
	return words.map((w) => (typeof w === 'string' ? shellQuote(w) : w.pre)).join(' ');
}

/** The words of an argument vector whose policy path (`policy`, already quoted for the shell) must keep its `~`. */
function wordsWithPath(argv: Argv, policy: string): (string | { pre: string })[] {
	return [argv.command, ...argv.args.map((a) => (a === policy ? { pre: policy } : a))];
}

/** Everything a reader needs to run one server behind Intercept. */
export interface RunIt {
	/** The policy file's name, as downloaded. */
	file: string;
	/** The policy file's suggested place, as a shell writes it. */
	where: string;
	/** Shell line: run the gateway by hand. */
	command: string;
	/** Shell line: check the policy file. */
	validate: string;
	clients: ClientSnippet[];
}

export type ClientId = 'claude-desktop' | 'claude-code' | 'cursor' | 'vscode';

export interface ClientSnippet {
	id: ClientId;
	label: string;
	/** Where the snippet goes, in words. */
	where: string;
	language: 'json' | 'shell';
	text: string;
	source: string;
}

/** The env object of a client entry, or nothing. */
function envObject(env: readonly EnvVar[]): { env?: Record<string, string> } {
	if (env.length === 0) return {};
	const out: Record<string, string> = {};
	for (const e of env) Object.defineProperty(out, e.name, { value: e.placeholder, enumerable: true, writable: true, configurable: true });
	return { env: out };
}

/** A JSON document as the snippets show it: two-space indent, no trailing newline. */
const json = (value: unknown) => JSON.stringify(value, null, 2);

/** An object with one own key (safe for any key, `__proto__` included). */
function single(key: string, value: unknown): Record<string, unknown> {
	const o: Record<string, unknown> = {};
	Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
	return o;
}

/**
 * The run instructions for one server: `name` is the key the client entry gets, `file` the downloaded
 * policy file's name, `env` the variables the server reads.
 */
export function runIt(name: string, upstream: Upstream, file: string, env: readonly EnvVar[] = []): RunIt {
	const path = policyPath(file);
	const shellPath = pathFor(path, 'shell');
	const literal = interceptArgv(upstream, pathFor(path, 'literal'));
	const vscode = interceptArgv(upstream, pathFor(path, 'vscode'));
	const shellArgv = interceptArgv(upstream, shellPath);
	const envWords = env.flatMap((e) => ['--env', `${e.name}=${e.placeholder}`]);
	const claudeCode = shellLine(['claude', 'mcp', 'add', name, ...envWords, '--', ...wordsWithPath(shellArgv, shellPath)]);
	const entry = { command: literal.command, args: literal.args, ...envObject(env) };
	return {
		file,
		where: shellPath,
		command: shellLine(wordsWithPath(shellArgv, shellPath)),
		validate: shellLine(wordsWithPath(validateArgv(shellPath), shellPath)),
		clients: [
			{
				id: 'claude-desktop',
				label: 'Claude Desktop',
				where: `claude_desktop_config.json (replace ${HOME_PLACEHOLDER} with your home folder: Claude Desktop does not expand ~)`,
				language: 'json',
				text: json({ mcpServers: single(name, entry) }),
				source: SOURCES.claudeDesktop,
			},
			{
				id: 'claude-code',
				label: 'Claude Code',
				where: 'a terminal (add --scope project to share it in .mcp.json)',
				language: 'shell',
				text: claudeCode,
				source: SOURCES.claudeCode,
			},
			{
				id: 'cursor',
				label: 'Cursor',
				where: `~/.cursor/mcp.json or .cursor/mcp.json (replace ${HOME_PLACEHOLDER} with your home folder)`,
				language: 'json',
				text: json({ mcpServers: single(name, entry) }),
				source: SOURCES.cursor,
			},
			{
				id: 'vscode',
				label: 'VS Code',
				where: '.vscode/mcp.json (VS Code fills in ${userHome})',
				language: 'json',
				text: json({ servers: single(name, { type: 'stdio', command: vscode.command, args: vscode.args, ...envObject(env) }) }),
				source: SOURCES.vscode,
			},
		],
	};
}
