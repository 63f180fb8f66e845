/**
 * What the commands that start or reach a live server (scripts/scan.ts, scripts/classify.ts) make of
 * their options: the server's arguments in order, its environment, HTTP headers, listing limits. A wrong
 * value is a UsageError naming the option. Cheap to load (no schemas, no MCP client), so a command line
 * is checked before anything heavy loads.
 */
import { UsageError } from '../lib/content/errors.ts';
import type { ListOptions } from './mcp-list.ts';
import type { ArgSpec, EnvSpec } from './scan.ts';

/** A parsed command line's tokens (scripts/lib/cli.ts), as far as the server arguments need them. */
export type ArgToken =
	{ kind: 'option'; name: string; value?: string | undefined } | { kind: 'positional'; value: string } | { kind: 'option-terminator' };

/**
 * The server's arguments in the order given: `--arg` values, `--temp-dir-arg` placeholders (fresh empty
 * folders) and whatever follows `--`. Positionals before `--` are returned as `before` (a command that
 * takes none refuses them).
 */
export function serverArgs(tokens: readonly ArgToken[]): { args: ArgSpec[]; before: string[] } {
	const args: ArgSpec[] = [];
	const before: string[] = [];
	let afterTerminator = false;
	for (const token of tokens) {
		if (token.kind === 'option-terminator') afterTerminator = true;
		else if (token.kind === 'positional') {
			if (afterTerminator) args.push({ kind: 'literal', value: token.value });
			else before.push(token.value);
		} else if (token.value !== undefined) {
			if (token.name === 'arg') args.push({ kind: 'literal', value: token.value });
			if (token.name === 'temp-dir-arg') args.push({ kind: 'temp-dir', placeholder: token.value });
		}
	}
	return { args, before };
}

export interface EnvOptions {
	/** Names whose variable is optional (default: every one is required). */
	optional?: readonly string[];
	/** Names whose variable is not a secret (default: every one is). */
	notSecret?: readonly string[];
	/** What the value is called in messages: `NAME=placeholder`, `NAME=value`. */
	valueWord: string;
	/** Who sets PATH, HOME and TMPDIR, for the message refusing them. */
	reservedBy: string;
}

/** `--env NAME=value` options: each name once, never PATH, HOME or TMPDIR; --optional and --not-secret name given variables. */
export function parseEnv(entries: readonly string[], options: EnvOptions): EnvSpec[] {
	const optional = options.optional ?? [];
	const notSecret = options.notSecret ?? [];
	const env: EnvSpec[] = [];
	for (const entry of entries) {
		const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(entry);
		if (!m) throw new UsageError(`--env ${JSON.stringify(entry)}: expected NAME=${options.valueWord}`);
		const name = m[1]!;
		if (['PATH', 'HOME', 'TMPDIR'].includes(name)) throw new UsageError(`--env ${name}: set ${options.reservedBy}`);
		if (env.some((e) => e.name === name)) throw new UsageError(`--env ${name} given twice`);
		env.push({ name, value: m[2]!, required: !optional.includes(name), secret: !notSecret.includes(name) });
	}
	for (const name of [...optional, ...notSecret]) {
		if (!env.some((e) => e.name === name)) throw new UsageError(`--optional/--not-secret ${name}: no --env ${name}=... given`);
	}
	return env;
}

/** `--header "Name: value"` options as a header record. */
export function parseHeaders(entries: readonly string[]): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const h of entries) {
		const m = /^([!#$%&'*+.^`|~\w-]+):\s*(.*)$/.exec(h);
		if (!m) throw new UsageError(`--header ${JSON.stringify(h)}: expected "Name: value"`);
		headers[m[1]!] = m[2]!;
	}
	return headers;
}

/** `--client-capabilities <json>`: a JSON object. */
export function parseClientCapabilities(raw: string | undefined): ListOptions['clientCapabilities'] {
	if (raw === undefined) return undefined;
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch {
		parsed = undefined;
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
		throw new UsageError('--client-capabilities: expected a JSON object such as {"sampling":{},"roots":{}}');
	return parsed as ListOptions['clientCapabilities'];
}

/** Drops undefined values (exactOptionalPropertyTypes: optional fields must be absent, not undefined). */
export function pickDefined<T extends Record<string, unknown>>(record: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
	return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}
