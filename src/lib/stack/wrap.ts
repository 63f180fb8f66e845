/**
 * Hands the checked configuration back with every catalogued server behind Intercept: each matched,
 * enabled entry is rewritten to start the gateway (`policy/gateway.ts` holds the command's facts), with
 * one policy file per server (per sub-server) named in it; everything else in the configuration is
 * kept as it was, `env` and `headers` values included (the file goes back to its owner, never over the
 * network). Entries it cannot wrap are listed with the reason.
 *
 * Pure code shared with the browser: no zod, no DOM. The policies themselves are rendered by the
 * caller (with the renderers, loaded on first use) from `unitFacts`.
 */
import { HOME_PLACEHOLDER, INTERCEPT, interceptArgv, type Upstream } from '../policy/gateway.ts';
import { readConfig } from './config.ts';
import type { StackIndex, StackServer, StackUnit } from './index.ts';
import { parseJsonc, type JsonValue } from './jsonc.ts';
import { checkStack } from './match.ts';

type JsonObject = { [key: string]: JsonValue };

export interface WrappedEntry {
	entry: string;
	server: StackServer;
	unit: StackUnit;
	/** The policy file the entry now names. */
	file: string;
}

export interface Unjudged {
	entry: string;
	why: string;
}

export interface PolicyToWrite {
	file: string;
	server: StackServer;
	unit: StackUnit;
}

export type WrapResult =
	| {
			ok: true;
			/** The whole configuration, rewritten (comments are not kept). */
			text: string;
			/** A name for the rewritten file. */
			configFile: string;
			/** The folder the configuration names policies in. */
			folder: string;
			wrapped: WrappedEntry[];
			unjudged: Unjudged[];
			/** One per server (or sub-server) wrapped, in first-seen order. */
			policies: PolicyToWrite[];
	  }
	| { ok: false; error: string };

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: JsonObject, k: string): JsonValue | undefined => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);

/** An object with no prototype, its keys set in order (any key, `__proto__` included, is plain data). */
function object(pairs: readonly [string, JsonValue][]): JsonObject {
	const o = Object.create(null) as JsonObject;
	for (const [k, v] of pairs) o[k] = v;
	return o;
}

/** Clients that read `servers` (VS Code) substitute `${userHome}`; the others need the folder spelled out. */
export function defaultPolicyFolder(shape: string): string {
	return shape === 'servers' || shape === 'mcp.servers'
		? `\${userHome}/${INTERCEPT.policyFolder}`
		: `${HOME_PLACEHOLDER}/${INTERCEPT.policyFolder}`;
}

/** The policy file of a server's unit: `<slug>.intercept.yaml`, or `<slug>.<unit>.intercept.yaml` for sub-servers. */
export function policyFileName(server: StackServer, unit: StackUnit): string {
	const base = server.units.length > 1 ? `${server.slug}.${unit.id}` : server.slug;
	return `${base.replace(/[^A-Za-z0-9._-]/g, '_')}.intercept.yaml`;
}

/** Keys of an entry the wrapped entry replaces. */
const REPLACED = new Set(['command', 'args', 'url', 'serverUrl', 'httpUrl', 'headers', 'type', 'transport']);

/** The upstream an entry runs, or why it cannot be wrapped. */
function upstreamOf(raw: JsonObject): Upstream | { why: string } {
	if (own(raw, 'requestInit') !== undefined) return { why: 'its request options (requestInit) cannot be passed through the gateway' };
	const url = [own(raw, 'url'), own(raw, 'serverUrl'), own(raw, 'httpUrl')].find((v): v is string => typeof v === 'string');
	if (url !== undefined) {
		const headersRaw = own(raw, 'headers');
		const headers: string[] = [];
		if (isObject(headersRaw)) {
			for (const k of Object.keys(headersRaw)) {
				const v = headersRaw[k];
				if (typeof v !== 'string') return { why: `the header ${k} is not text` };
				headers.push(`${k}: ${v}`);
			}
		}
		return { kind: 'remote', url, headers };
	}
	const command = own(raw, 'command');
	if (typeof command !== 'string' || command.trim() === '') return { why: 'it has no command or url' };
	const argsRaw = own(raw, 'args') ?? [];
	if (!Array.isArray(argsRaw) || argsRaw.some((a) => typeof a !== 'string')) return { why: 'its args are not a list of text' };
	const parts = command.trim().split(/\s+/);
	return { kind: 'stdio', command: parts[0]!, args: [...parts.slice(1), ...(argsRaw as string[])] };
}

/** The entry rewritten to start Intercept in front of its upstream; other keys kept in order. */
function wrapEntry(raw: JsonObject, upstream: Upstream, policy: string, typed: boolean): JsonObject {
	const argv = interceptArgv(upstream, policy);
	const pairs: [string, JsonValue][] = [];
	if (typed || own(raw, 'type') !== undefined) pairs.push(['type', 'stdio']);
	pairs.push(['command', argv.command], ['args', argv.args]);
	for (const k of Object.keys(raw)) if (!REPLACED.has(k)) pairs.push([k, raw[k]!]);
	return object(pairs);
}

/** Where the server map sits in a configuration of each shape `readConfig` names. */
function serverMap(root: JsonValue, shape: string): JsonObject | JsonValue[] | undefined {
	if (shape === 'list') return Array.isArray(root) ? root : undefined;
	if (!isObject(root)) return undefined;
	const at = (v: JsonValue | undefined) => (isObject(v) || Array.isArray(v) ? v : undefined);
	switch (shape) {
		case 'mcpServers':
		case 'servers':
		case 'context_servers':
			return at(own(root, shape));
		case 'mcp.servers': {
			const mcp = own(root, 'mcp');
			return isObject(mcp) ? at(own(mcp, 'servers')) : undefined;
		}
		case 'bare map':
			return root;
		default:
			return undefined;
	}
}

/**
 * Reads the configuration, matches it, and rewrites every matched, enabled entry. `folder` is where the
 * policies will be saved, as the client should read it (default: `defaultPolicyFolder`).
 */
export function wrapConfiguration(text: string, index: StackIndex, folder?: string): WrapResult {
	const read = readConfig(text);
	if (!read.ok) return read;
	const parsed = parseJsonc(text);
	if (!parsed.ok) return { ok: false, error: parsed.error };
	const root = parsed.value;
	const dir = (folder?.trim() || defaultPolicyFolder(read.shape)).replace(/[\\/]+$/, '');
	const report = checkStack(read.entries, index);
	const wrapped: WrappedEntry[] = [];
	const unjudged: Unjudged[] = [];
	const policies: PolicyToWrite[] = [];
	if (read.shape === 'single entry')
		return { ok: false, error: 'a single entry has no name to keep: paste the whole configuration ({"mcpServers": {…}})' };
	const map = serverMap(root, read.shape);
	if (!map) return { ok: false, error: 'the server map could not be found again' };
	const keys = Array.isArray(map) ? map.map((_, i) => String(i)) : Object.keys(map);
	const typed = read.shape === 'servers' || read.shape === 'mcp.servers';
	report.results.forEach((r, i) => {
		const key = keys[i];
		const raw = key === undefined ? undefined : Array.isArray(map) ? map[Number(key)] : map[key];
		const name = r.entry.name;
		if (!r.match) return unjudged.push({ entry: name, why: 'not in the catalogue: nobody here has reviewed its tools' });
		if (r.entry.disabled) return unjudged.push({ entry: name, why: 'disabled in this configuration; left as it is' });
		if (r.match.units.length !== 1)
			return unjudged.push({
				entry: name,
				why: `it runs one of ${r.match.server.units.length} sub-servers of ${r.match.server.name} and does not say which`,
			});
		if (!isObject(raw)) return unjudged.push({ entry: name, why: 'the entry is not an object' });
		const upstream = upstreamOf(raw);
		if ('why' in upstream) return unjudged.push({ entry: name, why: upstream.why });
		const unit = r.match.units[0]!;
		const file = policyFileName(r.match.server, unit);
		const next = wrapEntry(raw, upstream, `${dir}/${file}`, typed);
		if (Array.isArray(map)) map[Number(key)] = next;
		else map[key!] = next;
		wrapped.push({ entry: name, server: r.match.server, unit, file });
		if (!policies.some((p) => p.file === file)) policies.push({ file, server: r.match.server, unit });
		return undefined;
	});
	const configFile = typed ? 'mcp.json' : 'mcp-config.json';
	return { ok: true, text: `${JSON.stringify(root, null, 2)}\n`, configFile, folder: dir, wrapped, unjudged, policies };
}
