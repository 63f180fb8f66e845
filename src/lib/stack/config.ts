/**
 * The stack checker's pure core, shared by the build (which writes the index) and the browser (which
 * reads a pasted MCP client configuration and matches it against the index). Nothing here touches the
 * network or the DOM, and nothing it returns holds an `env` or `headers` value, or any argument other
 * than the package or address it read: a configuration is full of secrets.
 *
 * This module reads the entries of a pasted client configuration; `index.ts`, `names.ts`, `jsonc.ts`
 * and `match.ts` hold the rest. Only type imports from the rest of `src/lib`, so the browser bundle
 * stays small (no zod).
 */
import type { PackageKind } from './index.ts';
import { LIMITS, parseJsonc, type JsonValue } from './jsonc.ts';
import { npmSpec, ociKey, pypiKey, pypiSpec, urlKey } from './names.ts';

/** What we could read from one server entry; never a secret. */
export interface ConfigEntry {
	/** The entry's key in the configuration (capped). */
	name: string;
	disabled: boolean;
	/** The launcher, as a bare program name (`npx`, `uvx`, `docker`), for stdio entries. */
	command?: string;
	kind: PackageKind | 'remote' | 'unknown';
	/** npm or PyPI name, or image name, as `pypiKey`/`ociKey`/lower-case npm name. */
	package?: string;
	/** The pinned version or tag, when the configuration gives one. */
	version?: string;
	/** `urlKey` of the remote endpoint. */
	url?: string;
	/** Arguments after the package that could name a sub-server: lower-case words only; never shown. */
	words: string[];
	/** How many environment variables and headers the entry sets (their values are never read). */
	secretsSkipped: number;
	/** Things we could not read. */
	notes: string[];
}

const cap = (s: string) => (s.length > LIMITS.maxShown ? `${s.slice(0, LIMITS.maxShown - 1)}…` : s);
const isObject = (v: unknown): v is Record<string, JsonValue> => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Record<string, JsonValue>, k: string): JsonValue | undefined =>
	Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;

/** A program path or name as a bare lower-case name: `/usr/local/bin/npx.cmd` → `npx`. */
function program(path: string): string {
	return (path.split(/[\\/]/).pop() ?? path).toLowerCase().replace(/\.(cmd|exe|bat|ps1)$/, '');
}

/** Flags that take a value, per launcher; any other flag is taken to stand alone. */
const VALUE_FLAGS: Record<string, ReadonlySet<string>> = {
	npx: new Set(['-p', '--package', '--registry', '--cache', '--userconfig', '-c', '--call', '--workspace', '-w']),
	bunx: new Set(['-p', '--package', '--registry', '--cwd']),
	pnpm: new Set(['--package', '--dir', '-C', '--filter', '--registry']),
	yarn: new Set(['-p', '--package', '--cwd']),
	uvx: new Set([
		'--from',
		'--with',
		'--with-editable',
		'--with-requirements',
		'--python',
		'-p',
		'--index',
		'--index-url',
		'--extra-index-url',
		'--default-index',
		'--find-links',
		'-f',
		'--directory',
		'--project',
		'--cache-dir',
		'--config-file',
		'--env-file',
		'--python-preference',
		'--resolution',
		'--prerelease',
		'--index-strategy',
		'--keyring-provider',
		'--exclude-newer',
		'--link-mode',
		'--color',
		'--allow-insecure-host',
		'--refresh-package',
		'--reinstall-package',
		'--upgrade-package',
		'-P',
		'--constraints',
		'--overrides',
		'--build-constraints',
		'-c',
		'-b',
	]),
	pipx: new Set(['--spec', '--python', '--index-url', '-i', '--pip-args', '--backend']),
	docker: new Set([
		'-e',
		'--env',
		'--env-file',
		'-v',
		'--volume',
		'--mount',
		'--name',
		'-p',
		'--publish',
		'--network',
		'--net',
		'-w',
		'--workdir',
		'-u',
		'--user',
		'--entrypoint',
		'--platform',
		'-l',
		'--label',
		'--label-file',
		'--cpus',
		'-m',
		'--memory',
		'--add-host',
		'--cap-add',
		'--cap-drop',
		'--security-opt',
		'--device',
		'--pull',
		'--restart',
		'-h',
		'--hostname',
		'--dns',
		'--log-driver',
		'--log-opt',
		'--tmpfs',
		'--ulimit',
		'--gpus',
		'--ipc',
		'--pid',
		'--runtime',
		'--stop-signal',
		'--shm-size',
		'--cidfile',
		'--group-add',
		'--expose',
		'--link',
		'--memory-swap',
		'--cpu-shares',
		'--userns',
		'--uts',
		'--volumes-from',
		'--health-cmd',
		'--mac-address',
		'--ip',
		'--sysctl',
		'--storage-opt',
		'-a',
		'--attach',
	]),
};

/** Splits `args` at the first positional argument, honouring the launcher's flags that take a value; `--` ends the flags. */
function firstPositional(args: readonly string[], flags: ReadonlySet<string>): { flags: Map<string, string>; rest: string[] } {
	const seen = new Map<string, string>();
	for (let i = 0; i < args.length; i++) {
		const a = args[i]!;
		if (a === '--') return { flags: seen, rest: args.slice(i + 1) };
		if (!a.startsWith('-') || a === '-') return { flags: seen, rest: args.slice(i) };
		const eq = a.indexOf('=');
		if (eq !== -1) seen.set(a.slice(0, eq), a.slice(eq + 1));
		else if (flags.has(a)) {
			seen.set(a, args[i + 1] ?? '');
			i++;
		} else seen.set(a, '');
	}
	return { flags: seen, rest: [] };
}

/**
 * Words after the package that could name a sub-server (`tool omni`). Only lower-case letters, `-`
 * and `_`, so a token or password given as an argument is not kept; they are never shown either.
 */
const plainWords = (rest: readonly string[]) => rest.filter((w) => /^[a-z][a-z_-]{0,39}$/.test(w)).slice(0, 8);

type Reading = Pick<ConfigEntry, 'kind' | 'package' | 'version' | 'url' | 'words'> & { notes?: string[] };

function readNpm(spec: string | undefined, rest: readonly string[]): Reading {
	const parsed = spec === undefined ? undefined : npmSpec(spec);
	if (!parsed) return { kind: 'unknown', words: [], notes: ['the package could not be read'] };
	// mcp-remote (and the like) only bridges to a remote server: the server is the URL.
	if (parsed.name === 'mcp-remote') {
		const url = rest.map(urlKey).find((u) => u !== undefined);
		return url
			? { kind: 'remote', url, words: [] }
			: { kind: 'unknown', package: parsed.name, words: [], notes: ['mcp-remote without a URL'] };
	}
	return { kind: 'npm', package: parsed.name, ...(parsed.version && { version: parsed.version }), words: plainWords(rest) };
}

function readPypi(spec: string | undefined, rest: readonly string[]): Reading {
	const parsed = spec === undefined ? undefined : pypiSpec(spec);
	if (!parsed) return { kind: 'unknown', words: [], notes: ['the package could not be read'] };
	return { kind: 'pypi', package: pypiKey(parsed.name), ...(parsed.version && { version: parsed.version }), words: plainWords(rest) };
}

/** Reads a stdio launch line: which package or image it starts. */
export function readCommand(command: string, args: readonly string[]): Reading {
	let prog = program(command);
	let list = [...args];
	// Windows wrappers: `cmd /c npx ...`.
	if (prog === 'cmd' && (list[0]?.toLowerCase() === '/c' || list[0]?.toLowerCase() === '/k')) {
		prog = program(list[1] ?? '');
		list = list.slice(2);
	}
	switch (prog) {
		case 'npx':
		case 'bunx': {
			const { flags, rest } = firstPositional(list, VALUE_FLAGS[prog]!);
			const pkg = flags.get('--package') ?? flags.get('-p');
			return pkg ? readNpm(pkg, rest) : readNpm(rest[0], rest.slice(1));
		}
		case 'npm':
		case 'pnpm':
		case 'yarn': {
			const flags = VALUE_FLAGS[prog] ?? VALUE_FLAGS['npx']!;
			const lead = firstPositional(list, flags);
			const sub = lead.rest[0];
			if (sub !== 'dlx' && sub !== 'exec' && sub !== 'x')
				return { kind: 'unknown', words: [], notes: [`${prog} ${sub ?? ''} does not name a package we can read`.trim()] };
			const { flags: more, rest } = firstPositional(lead.rest.slice(1), flags);
			const pkg = more.get('--package') ?? more.get('-p');
			return pkg ? readNpm(pkg, rest) : readNpm(rest[0], rest.slice(1));
		}
		case 'node': {
			const script = list.find((a) => !a.startsWith('-'));
			const m = script
				? /(?:^|[\\/])node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/@]+)/.exec(
						script.replace(/.*node_modules[\\/](?=.*node_modules[\\/])/, 'node_modules/'),
					)
				: null;
			if (m) return readNpm(m[1]!.replace(/\\/g, '/'), []);
			return { kind: 'unknown', words: [], notes: ['a local script, not a published package'] };
		}
		case 'uvx':
		case 'uv': {
			let rest = list;
			if (prog === 'uv') {
				const lead = firstPositional(list, VALUE_FLAGS['uvx']!);
				if (lead.rest[0] === 'tool' && lead.rest[1] === 'run') rest = lead.rest.slice(2);
				else if (lead.rest[0] === 'tool' && lead.rest[1] === 'uvx') rest = lead.rest.slice(2);
				else return { kind: 'unknown', words: [], notes: ['uv runs a local project or script here, not a published package'] };
			}
			const { flags, rest: pos } = firstPositional(rest, VALUE_FLAGS['uvx']!);
			const from = flags.get('--from');
			return from ? readPypi(from, pos.slice(1)) : readPypi(pos[0], pos.slice(1));
		}
		case 'pipx': {
			const lead = firstPositional(list, VALUE_FLAGS['pipx']!);
			if (lead.rest[0] !== 'run') return { kind: 'unknown', words: [], notes: ['pipx without run'] };
			const { flags, rest } = firstPositional(lead.rest.slice(1), VALUE_FLAGS['pipx']!);
			const spec = flags.get('--spec');
			return spec ? readPypi(spec, rest.slice(1)) : readPypi(rest[0], rest.slice(1));
		}
		case 'docker':
		case 'podman': {
			const lead = firstPositional(list, VALUE_FLAGS['docker']!);
			let rest = lead.rest;
			if (rest[0] === 'container') rest = rest.slice(1);
			if (rest[0] !== 'run') return { kind: 'unknown', words: [], notes: [`${prog} without run`] };
			const { rest: pos } = firstPositional(rest.slice(1), VALUE_FLAGS['docker']!);
			const image = pos[0];
			if (!image || !/^[a-z0-9][\w.:/@-]*$/i.test(image)) return { kind: 'unknown', words: [], notes: ['the image could not be read'] };
			const key = ociKey(image);
			return { kind: 'oci', package: key.name, ...(key.tag && { version: key.tag }), words: plainWords(pos.slice(1)) };
		}
		default: {
			if (/^python(\d(\.\d+)?)?$|^py$/.test(prog)) {
				const at = list.indexOf('-m');
				if (at !== -1 && list[at + 1]) return readPypi(list[at + 1]!, list.slice(at + 2));
				return { kind: 'unknown', words: [], notes: ['a local script, not a published package'] };
			}
			return { kind: 'unknown', words: [], notes: [] };
		}
	}
}

/** Reads one entry of a configuration's server map. */
export function readEntry(name: string, raw: JsonValue): ConfigEntry {
	const base = { name: cap(name), disabled: false, words: [] as string[], secretsSkipped: 0, notes: [] as string[] };
	if (!isObject(raw)) return { ...base, kind: 'unknown', notes: ['the entry is not an object'] };
	const entry: ConfigEntry = { ...base, kind: 'unknown' };
	const disabled = own(raw, 'disabled');
	const enabled = own(raw, 'enabled');
	entry.disabled = disabled === true || enabled === false;
	for (const k of ['env', 'headers', 'requestInit']) {
		const v = own(raw, k);
		if (isObject(v)) entry.secretsSkipped += Object.keys(v).length;
	}
	const url = [own(raw, 'url'), own(raw, 'serverUrl'), own(raw, 'httpUrl')].find((v): v is string => typeof v === 'string');
	const command = own(raw, 'command');
	let reading: Reading | undefined;
	if (url !== undefined) {
		const key = urlKey(url);
		reading = key ? { kind: 'remote', url: key, words: [] } : { kind: 'unknown', words: [], notes: ['the URL is not an http(s) URL'] };
		const type = own(raw, 'type') ?? own(raw, 'transport');
		if (
			typeof type === 'string' &&
			!['http', 'sse', 'streamable-http', 'streamablehttp', 'streamable_http', 'remote'].includes(type.toLowerCase())
		) {
			entry.notes.push('the transport type is not one we know');
		}
	} else if (typeof command === 'string' && command.trim() !== '') {
		const rawArgs = own(raw, 'args');
		let args: string[] = [];
		if (Array.isArray(rawArgs)) {
			args = rawArgs.filter((a): a is string => typeof a === 'string');
			if (args.length !== rawArgs.length) entry.notes.push(`${rawArgs.length - args.length} argument(s) that are not text were ignored`);
		} else if (rawArgs !== undefined) entry.notes.push('args is not a list; ignored');
		// A whole command line in `command` (some clients accept it).
		const parts = command.trim().split(/\s+/);
		if (parts.length > 1) args = [...parts.slice(1), ...args];
		entry.command = cap(program(parts[0]!));
		reading = readCommand(parts[0]!, args.slice(0, 200));
	} else {
		entry.notes.push('no command or url');
	}
	if (reading) {
		entry.kind = reading.kind;
		if (reading.package !== undefined) entry.package = cap(reading.package);
		if (reading.version !== undefined) entry.version = cap(reading.version);
		if (reading.url !== undefined) entry.url = cap(reading.url);
		entry.words = reading.words;
		entry.notes.push(...(reading.notes ?? []));
	}
	return entry;
}

type ConfigShape = 'mcpServers' | 'servers' | 'mcp.servers' | 'context_servers' | 'bare map' | 'single entry' | 'list';

type ReadResult = { ok: true; shape: ConfigShape; entries: ConfigEntry[]; notes: string[] } | { ok: false; error: string };

const looksLikeEntry = (v: JsonValue | undefined) =>
	isObject(v) && ['command', 'url', 'serverUrl', 'httpUrl'].some((k) => own(v, k) !== undefined);

/** Finds the server map in any of the common configuration shapes and reads every entry. */
export function readConfig(text: string): ReadResult {
	if (text.trim() === '') return { ok: false, error: 'paste a configuration first' };
	const parsed = parseJsonc(text);
	if (!parsed.ok) return { ok: false, error: `not valid JSON: ${parsed.error}` };
	const root = parsed.value;
	if (!isObject(root) && !Array.isArray(root)) return { ok: false, error: 'expected a JSON object such as {"mcpServers": {…}}' };
	let shape: ConfigShape;
	let pairs: [string, JsonValue][];
	const notes: string[] = [];
	const mcp = isObject(root) ? own(root, 'mcp') : undefined;
	const candidates: [ConfigShape, JsonValue | undefined][] = isObject(root)
		? [
				['mcpServers', own(root, 'mcpServers')],
				['servers', own(root, 'servers')],
				['mcp.servers', isObject(mcp) ? own(mcp, 'servers') : undefined],
				['context_servers', own(root, 'context_servers')],
			]
		: [['list', root]];
	const found = candidates.find(([, v]) => isObject(v) || Array.isArray(v));
	if (found) {
		shape = found[0];
		const map = found[1]!;
		pairs = Array.isArray(map)
			? map.map((v, i): [string, JsonValue] => [
					isObject(v) && typeof own(v, 'name') === 'string' ? (own(v, 'name') as string) : `#${i + 1}`,
					v,
				])
			: Object.keys(map as Record<string, JsonValue>).map((k) => [k, (map as Record<string, JsonValue>)[k]!]);
		if (Array.isArray(map) && shape !== 'list') notes.push(`${shape} is a list; entries are named by their "name" or position`);
	} else if (isObject(root) && looksLikeEntry(root)) {
		shape = 'single entry';
		pairs = [['(unnamed)', root]];
	} else if (
		isObject(root) &&
		Object.keys(root).length > 0 &&
		Object.keys(root).every((k) => isObject(own(root, k))) &&
		Object.keys(root).some((k) => looksLikeEntry(own(root, k)))
	) {
		shape = 'bare map';
		pairs = Object.keys(root).map((k) => [k, root[k]!]);
	} else {
		return {
			ok: false,
			error: 'no server entries found: expected "mcpServers", "servers", "mcp.servers" or a map of entries with a command or url',
		};
	}
	if (pairs.length > LIMITS.maxEntries) {
		notes.push(`${pairs.length} entries; only the first ${LIMITS.maxEntries} were read`);
		pairs = pairs.slice(0, LIMITS.maxEntries);
	}
	return { ok: true, shape, entries: pairs.map(([k, v]) => readEntry(k, v)), notes };
}
