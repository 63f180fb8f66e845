/**
 * Decides a tool call under a policy the way the gateway does: `evaluateIntercept` for the Intercept
 * YAML format (the open-source proxy, whose code was read), `evaluatePolicyLayer` for the documented
 * subset of the PolicyLayer JSON format (a hosted gateway whose code is not public).
 *
 * Framework-free and small: it runs in tests, on attack pages and in the browser's "try a call" box, so
 * it imports only `re2js` (the same RE2 parser as the proxy's Go `regexp`). It is not a validator: the
 * zod schemas in `intercept-schema.ts` / `policylayer-schema.ts` say what we emit; this module reports
 * only what the proxy itself would refuse to load (`reason: 'invalid-policy'`).
 *
 * Engine facts, read from github.com/policylayer/intercept at commit
 * 77f042909607bfca53837d6d5921c5a40c2c1dc6 (paths and line numbers at that commit; the prose in
 * docs/engine-decision.md says the same at more length):
 *
 *  E1  Loading: a file that fails `config.Validate` stops the proxy from starting
 *      (cmd/root.go:137-148). Omitted `default` means allow, omitted `action` means evaluate, an
 *      omitted or zero `increment` means 1 (internal/config/config.go:71-73, 113-118). Scalars are
 *      read as text where text is expected, so `version: 1` loads; `increment` is an integer field
 *      and a fraction is truncated.
 *  E2  `rate_limit: "N/w"` becomes an evaluate rule with the condition `state.<tool>._rate_<w> lte N`
 *      (`_global` under "*"), a state block counting 1 per call per window w, and, when `on_deny` is
 *      empty, the message "Rate limit of N per w reached. Try again later." (config.go:79-111).
 *  E3  Hide first: a tool named in `hide`, or any tool when "*" is there, is refused with
 *      `Tool "<name>" is hidden by policy` (internal/engine/engine.go:74-83).
 *  E4  Then, under `default: deny`, a tool without its own key under `tools` is refused with
 *      `Tool "<name>" is not permitted by policy`; "*" rules do not rescue it (engine.go:85-93).
 *  E5  Then the tool's own rules in order, then the "*" rules (not added when the tool is itself
 *      named "*") (engine.go:95-107, 112-127). A deny rule refuses; an evaluate rule refuses unless
 *      every condition holds (engine.go:97-107, 129-137). The first refusal wins; its message is its
 *      `on_deny`, or `Denied by rule "<name>"` when that is empty (internal/proxy/handler.go:86-98).
 *  E6  A condition path `args.a.b` splits on "." and walks JSON objects only: an array on the way,
 *      a missing key or a non-object makes the path missing (internal/engine/resolve.go:27-43).
 *      A missing path fails every operator except `exists` (engine.go:146-161). `exists` is true
 *      when the path resolves to a non-null value (an argument sent as null is "absent"); a
 *      non-boolean `exists` value fails (engine.go:148-155).
 *  E7  Numbers are only float64/float32/int/int64 values: JSON numbers in arguments, YAML numbers
 *      in the policy, counters. A string is never a number (internal/conv/conv.go:9-22).
 *  E8  `eq`: two numbers compare as numbers; otherwise both sides are printed with Go's `%v` and the
 *      texts compared, so the argument "5" equals the value 5, the argument true equals the value
 *      "true", and an argument 1000000 (float64, printed "1e+06") does not equal the string
 *      "1000000". `neq` is the negation of `eq` (internal/engine/operators.go:20-23, 47-54).
 *  E9  `in`: the value must be a list; true when `eq` holds for some element. `not_in` is the
 *      negation (so a non-list value makes `not_in` true) (operators.go:24-27, 57-68).
 *  E10 `lt lte gt gte`: both sides must be numbers, else false; "5" is not less than 10
 *      (operators.go:28-35, 72-79).
 *  E11 `regex`: the argument must be a string and the pattern must compile, else false; the match is
 *      Go `MatchString`, an unanchored search (operators.go:36-37, 83-101).
 *  E12 `contains`: a string argument needs a string value (substring test); a list argument is
 *      tested element by element with `eq`; anything else is false (operators.go:38-39, 105-121).
 *  E13 An unknown operator is false (operators.go:40-41).
 *  E14 State: a `state.` path reads the counter `<rest of path>` from the store: 0 when it has never
 *      been counted or its window has passed (internal/state/sqlite.go:178-204); with no store at all
 *      state conditions pass (engine.go:141-144), but the proxy always opens one (cmd/root.go:155, 182).
 *  E15 After every rule passed, each rule with a state block is reserved, the tool's own first, then
 *      the "*" rules under the scope `_global` (handler.go:100, 151-171). Per rule: the increment is
 *      `increment`, or the integer part of the number at `increment_from` (missing or non-number:
 *      the call is refused with "Internal policy error") (handler.go:112-121, 189-193, 234-246); the
 *      limit is the first `lt` (value-1) or `lte` (value) condition on the rule's own counter path;
 *      a state rule without one is never counted (handler.go:195-198, 251-271). The counter
 *      `<scope>.<counter>` refuses when value + increment > limit; then the reservations already
 *      made are handed back and the message is `on_deny` or `Rate limit exceeded for <name>`
 *      (handler.go:200-214; sqlite.go:93-95).
 *  E16 Windows are calendar-aligned UTC minutes, hours and days; a counter whose window has changed
 *      starts again at 0 (internal/state/store.go:40-53; sqlite.go:88-90), so up to twice the limit
 *      can pass around a boundary.
 *  E17 Reservations are handed back (floored at 0) only when the upstream answers with a JSON-RPC
 *      `error`; a tool result with `isError: true` keeps them (handler.go:134-138;
 *      internal/proxy/response.go:42-50; sqlite.go:114-141).
 *  E18 Every refusal reaches the agent as an `isError` tool result whose text is
 *      "[INTERCEPT POLICY DENIED] " followed by the message (response.go:26-37).
 *  E19 `tools/list` loses only hidden tools (all of them under "*"); under `default: deny` the tools
 *      not listed stay visible and are refused on call (internal/proxy/filter.go:38-52).
 *  E20 A `tools/call` whose params do not decode (arguments not a JSON object, name not a string)
 *      is forwarded without any check (internal/transport/jsonrpc.go:64-73).
 */
import { RE2JS } from 're2js';

// ---------------------------------------------------------------------------------------------------
// Types

export type Window = 'minute' | 'hour' | 'day';

/** What the upstream server answers to a forwarded call; only `rpc-error` hands reservations back (E17). */
export type Upstream = 'ok' | 'rpc-error' | 'tool-error';

/** A `tools/call`: the tool's name and its `arguments` as decoded from JSON. */
export interface ToolCall {
	tool: string;
	args?: unknown;
	/** How the upstream answers if the call is forwarded (default `ok`). */
	upstream?: Upstream;
	/** For {@link simulate}: when the call arrives (epoch milliseconds or an ISO 8601 time). */
	at?: number | string;
}

export type Reason =
	| 'allowed'
	| 'hidden'
	| 'not-listed'
	| 'deny-rule'
	| 'condition-failed'
	| 'rate-limited'
	/** `increment_from` did not resolve to a number: the proxy refuses with "Internal policy error". */
	| 'internal-error'
	/** The arguments are not a JSON object: the proxy forwards the call unchecked (E20). */
	| 'not-evaluated'
	/** The proxy would refuse to load this policy, so it would not run at all (E1). */
	| 'invalid-policy';

export interface FailedCondition {
	path: string;
	op: string;
	value: unknown;
	/** Whether the path resolved; `actual` is its value when it did. */
	present: boolean;
	actual?: unknown;
}

export interface Decision {
	allowed: boolean;
	reason: Reason;
	/** The tool is removed from `tools/list` as well as refused. */
	hidden?: true;
	/** The deciding rule's name; the engine's own "(hidden)" and "(default deny)" before any rule. */
	rule?: string;
	/** Where the deciding rule sits: the tool's name or "*". */
	scope?: string;
	failedCondition?: FailedCondition;
	/** The engine's message (the rule's `on_deny` or the engine's own wording), without the prefix. */
	message?: string;
	/** Exactly the text the agent receives when refused (E18). */
	text?: string;
	/** Why the policy would not load (`invalid-policy`), or which unsupported fields were met. */
	problems?: string[];
	/** Counters this call reserved, as `<scope>.<counter>`, with the value after reserving. */
	counters?: { key: string; value: number }[];
	/** The upstream answered with a JSON-RPC error and the reservations were handed back. */
	rolledBack?: true;
}

/** The prefix the proxy puts before every refusal message (E18). */
export const DENIED_PREFIX = '[INTERCEPT POLICY DENIED] ';

// ---------------------------------------------------------------------------------------------------
// Counters

const WINDOW_MS: Record<Window, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
const isWindow = (w: unknown): w is Window => w === 'minute' || w === 'hour' || w === 'day';

/** Counters with calendar-aligned UTC windows, as the proxy's SQLite and Redis stores keep them (E14-E17). */
export interface CounterStore {
	/** The store's clock, in epoch milliseconds. */
	now(): number;
	/** The counter's value in its current window (0 if never counted or the window has passed). */
	read(key: string): number;
	/** Adds `amount` unless the total would exceed `limit`; says whether it did. */
	reserve(key: string, amount: number, limit: number, window: Window): boolean;
	/** Takes `amount` back, never below 0. */
	rollback(key: string, amount: number): void;
}

/** An in-memory {@link CounterStore}; `now` is its clock (a proxy started at that moment, with no counts). */
export function counterStore(now: () => number = Date.now): CounterStore {
	const rows = new Map<string, { value: number; start: number; span: number }>();
	// Epoch milliseconds are UTC without leap seconds, so flooring aligns to UTC minutes, hours, days.
	const start = (span: number) => Math.floor(now() / span) * span;
	return {
		now,
		read(key) {
			const row = rows.get(key);
			return row && row.start === start(row.span) ? row.value : 0;
		},
		reserve(key, amount, limit, window) {
			const span = WINDOW_MS[window];
			const row = rows.get(key);
			const value = row && row.start === start(span) ? row.value : 0;
			if (value + amount > limit) return false;
			rows.set(key, { value: value + amount, start: start(span), span });
			return true;
		},
		rollback(key, amount) {
			const row = rows.get(key);
			if (row) row.value = Math.max(0, row.value - amount);
		},
	};
}

// ---------------------------------------------------------------------------------------------------
// Go's view of values

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Obj, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/** A number in Go's sense (E7): JSON and YAML numbers and counters; never a string or a boolean. */
function goNumber(v: unknown): number | undefined {
	if (typeof v === 'number') return v;
	if (typeof v === 'bigint') return Number(v);
	return undefined;
}

/** Go's `%v` of a float64: shortest digits, exponent form when the exponent is < -4 or >= 6 ("1e+06"). */
function goFloat(n: number): string {
	if (Number.isNaN(n)) return 'NaN';
	if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
	if (n === 0) return Object.is(n, -0) ? '-0' : '0';
	const [digits = '', exp = '0'] = n.toExponential().split('e');
	const e = Number(exp);
	if (e >= -4 && e < 6) return String(n);
	return `${digits}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/**
 * Go's `%v` of a decoded value (E8). Numbers in the arguments are JSON, so float64; whole numbers in
 * the policy are YAML integers (`int`), printed without exponent. YAML `5.0` is a float in Go but a
 * plain 5 once parsed here; the two print differently only from 1e6 up ("1e+06" against "1000000").
 */
function goText(v: unknown, fromPolicy: boolean): string {
	if (v === null || v === undefined) return '<nil>';
	if (typeof v === 'string') return v;
	if (typeof v === 'boolean') return String(v);
	if (typeof v === 'bigint') return v.toString();
	if (typeof v === 'number') {
		return fromPolicy && Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? BigInt(v).toString() : goFloat(v);
	}
	if (Array.isArray(v)) return `[${v.map((item) => goText(item, fromPolicy)).join(' ')}]`;
	if (isObj(v)) {
		const keys = Object.keys(v).sort();
		return `map[${keys.map((k) => `${k}:${goText(v[k], fromPolicy)}`).join(' ')}]`;
	}
	return String(v);
}

const QUOTE_ESCAPES: Record<string, string> = {
	'"': '\\"',
	'\\': '\\\\',
	'\u0007': '\\a',
	'\b': '\\b',
	'\f': '\\f',
	'\n': '\\n',
	'\r': '\\r',
	'\t': '\\t',
	'\v': '\\v',
};

/** Go's `%q` (strconv.Quote) of a tool or rule name, as in the proxy's own messages. */
function goQuote(s: string): string {
	let out = '"';
	for (const ch of s) {
		const c = ch.codePointAt(0) ?? 0;
		const simple = QUOTE_ESCAPES[ch];
		if (simple !== undefined) out += simple;
		else if (ch === ' ' || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch)) out += ch;
		else if (c < 0x80) out += `\\x${c.toString(16).padStart(2, '0')}`;
		else if (c < 0x10000) out += `\\u${c.toString(16).padStart(4, '0')}`;
		else out += `\\U${c.toString(16).padStart(8, '0')}`;
	}
	return `${out}"`;
}

/**
 * What the proxy's JSON decoder would hand the engine (E20): `undefined` when it would not decode
 * (not an object, or a number JSON cannot hold); lone surrogates become U+FFFD as Go decodes them.
 */
function decodeArgs(args: unknown): Obj | undefined {
	const fix = (s: string) => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
	let ok = true;
	const walk = (v: unknown): unknown => {
		if (typeof v === 'string') return fix(v);
		if (typeof v === 'number' && !Number.isFinite(v)) ok = false;
		if (Array.isArray(v)) return v.map(walk);
		if (isObj(v)) {
			const out: Obj = {};
			for (const [k, item] of Object.entries(v))
				if (item !== undefined)
					Object.defineProperty(out, fix(k), { value: walk(item), enumerable: true, writable: true, configurable: true });
			return out;
		}
		return v;
	};
	if (args === undefined || args === null) return {};
	if (!isObj(args)) return undefined;
	const decoded = walk(args) as Obj;
	return ok ? decoded : undefined;
}

/** Walks `a.b.c` through objects only (E6). */
function resolveArgs(args: Obj, path: string): { present: boolean; value?: unknown } {
	let current: unknown = args;
	for (const part of path.split('.')) {
		if (!isObj(current) || !own(current, part)) return { present: false };
		current = current[part];
	}
	return { present: true, value: current };
}

// ---------------------------------------------------------------------------------------------------
// Operators (E8-E13)

const regexCache = new Map<string, RE2JS | null>();

function compile(pattern: string): RE2JS | null {
	let re = regexCache.get(pattern);
	if (re === undefined) {
		try {
			re = RE2JS.compile(pattern);
		} catch {
			re = null;
		}
		regexCache.set(pattern, re);
	}
	return re;
}

function goEq(actual: unknown, expected: unknown): boolean {
	const a = goNumber(actual);
	const e = goNumber(expected);
	if (a !== undefined && e !== undefined) return a === e;
	return goText(actual, false) === goText(expected, true);
}

const inList = (actual: unknown, expected: unknown): boolean => Array.isArray(expected) && expected.some((item) => goEq(actual, item));

function numeric(actual: unknown, expected: unknown, cmp: (a: number, b: number) => boolean): boolean {
	const a = goNumber(actual);
	const e = goNumber(expected);
	return a !== undefined && e !== undefined && cmp(a, e);
}

function evalOp(op: string, actual: unknown, expected: unknown): boolean {
	switch (op) {
		case 'eq':
			return goEq(actual, expected);
		case 'neq':
			return !goEq(actual, expected);
		case 'in':
			return inList(actual, expected);
		case 'not_in':
			return !inList(actual, expected);
		case 'lt':
			return numeric(actual, expected, (a, b) => a < b);
		case 'lte':
			return numeric(actual, expected, (a, b) => a <= b);
		case 'gt':
			return numeric(actual, expected, (a, b) => a > b);
		case 'gte':
			return numeric(actual, expected, (a, b) => a >= b);
		case 'regex': {
			if (typeof actual !== 'string' || typeof expected !== 'string') return false;
			return compile(expected)?.test(actual) ?? false;
		}
		case 'contains':
			if (typeof actual === 'string') return typeof expected === 'string' && actual.includes(expected);
			return Array.isArray(actual) && actual.some((item) => goEq(item, expected));
		default:
			return false;
	}
}

// ---------------------------------------------------------------------------------------------------
// Loading an Intercept document as the proxy does (E1, E2)

interface Condition {
	path: string;
	op: string;
	value: unknown;
}
interface StateDef {
	counter: string;
	window: string;
	increment: number;
	incrementFrom: string;
}
interface Rule {
	name: string;
	action: string;
	conditions: Condition[];
	onDeny: string;
	state: StateDef | undefined;
	/** Left set only when the shorthand could not be expanded (then the policy does not load). */
	rateLimit: string;
}
interface Loaded {
	hide: string[];
	defaultDeny: boolean;
	tools: Map<string, Rule[]>;
	problems: string[];
}

const OPS = new Set(['eq', 'neq', 'in', 'not_in', 'lt', 'lte', 'gt', 'gte', 'regex', 'contains', 'exists']);

function parseRateLimit(text: string): { count: number; window: Window } | string {
	const slash = text.indexOf('/');
	if (slash < 0) return `rate_limit must look like "N/window", got ${goQuote(text)}`;
	const count = text.slice(0, slash);
	const window = text.slice(slash + 1);
	// Go's strconv.Atoi: optional sign, decimal digits, within int64.
	if (!/^[+-]?[0-9]+$/.test(count) || Number(count) <= 0 || Number(count) > 2 ** 63 - 1) {
		return `rate_limit count must be a positive integer, got ${goQuote(count)}`;
	}
	if (!isWindow(window)) return `rate_limit window must be minute, hour or day, got ${goQuote(window)}`;
	return { count: Number(count), window };
}

/** Reads the proxy's policy from a parsed YAML document: defaults, shorthand expansion, load problems. */
function loadIntercept(doc: unknown): Loaded {
	const problems: string[] = [];
	const text = (v: unknown, where: string): string => {
		if (v === undefined || v === null) return '';
		if (typeof v === 'string') return v;
		if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
		problems.push(`${where}: expected a scalar, got a ${Array.isArray(v) ? 'list' : 'mapping'}`);
		return '';
	};
	const list = (v: unknown, where: string): unknown[] => {
		if (v === undefined || v === null) return [];
		if (Array.isArray(v)) return v;
		problems.push(`${where}: expected a list`);
		return [];
	};
	const mapping = (v: unknown, where: string): Obj => {
		if (v === undefined || v === null) return {};
		if (isObj(v)) return v;
		problems.push(`${where}: expected a mapping`);
		return {};
	};
	const d = mapping(doc, 'policy');
	if (text(d['version'], 'version') !== '1') problems.push(`version must be "1"`);
	const def = text(d['default'], 'default') || 'allow';
	if (def !== 'allow' && def !== 'deny') problems.push(`default must be "allow" or "deny", got ${goQuote(def)}`);
	const hide = list(d['hide'], 'hide').map((h, i) => text(h, `hide[${i}]`));
	hide.forEach((h, i) => {
		if (h.trim() === '') problems.push(`hide[${i}]: entry must not be empty`);
		else if (hide.indexOf(h) < i) problems.push(`hide: duplicate entry ${goQuote(h)}`);
	});

	const tools = new Map<string, Rule[]>();
	for (const [tool, entry] of Object.entries(mapping(d['tools'], 'tools'))) {
		const scope = tool === '*' ? '_global' : tool;
		const rules = list(mapping(entry, `tools.${tool}`)['rules'], `tools.${tool}.rules`).map((raw, i): Rule => {
			const where = `tools.${tool}.rules[${i}]`;
			const r = mapping(raw, where);
			const conditions = list(r['conditions'], `${where}.conditions`).map((c, j) => {
				const m = mapping(c, `${where}.conditions[${j}]`);
				return {
					path: text(m['path'], `${where}.conditions[${j}].path`),
					op: text(m['op'], `${where}.conditions[${j}].op`),
					value: m['value'],
				};
			});
			let state: StateDef | undefined;
			if (r['state'] !== undefined && r['state'] !== null) {
				const s = mapping(r['state'], `${where}.state`);
				const inc = s['increment'];
				if (inc !== undefined && inc !== null && goNumber(inc) === undefined)
					problems.push(`${where}.state.increment: expected an integer`);
				state = {
					counter: text(s['counter'], `${where}.state.counter`),
					window: text(s['window'], `${where}.state.window`),
					increment: Math.trunc(goNumber(inc) ?? 0),
					incrementFrom: text(s['increment_from'], `${where}.state.increment_from`),
				};
			}
			const rule: Rule = {
				name: text(r['name'], `${where}.name`),
				action: text(r['action'], `${where}.action`),
				conditions,
				onDeny: text(r['on_deny'], `${where}.on_deny`),
				state,
				rateLimit: text(r['rate_limit'], `${where}.rate_limit`),
			};
			if (rule.rateLimit !== '' && conditions.length === 0 && !state && rule.action !== 'deny') {
				const parsed = parseRateLimit(rule.rateLimit);
				if (typeof parsed !== 'string') {
					const counter = `_rate_${parsed.window}`;
					rule.action = 'evaluate';
					rule.conditions = [{ path: `state.${scope}.${counter}`, op: 'lte', value: parsed.count }];
					rule.state = { counter, window: parsed.window, increment: 1, incrementFrom: '' };
					if (rule.onDeny === '') rule.onDeny = `Rate limit of ${parsed.count} per ${parsed.window} reached. Try again later.`;
					rule.rateLimit = '';
				}
			}
			if (rule.action === '') rule.action = 'evaluate';
			if (rule.state && rule.state.increment === 0) rule.state.increment = 1;
			return rule;
		});
		tools.set(tool, rules);
	}

	// The proxy's validation (internal/config/validate.go), in our words.
	for (const [tool, rules] of tools) {
		const seen = new Map<string, number>();
		rules.forEach((rule, i) => {
			if (!rule.state) return;
			const first = seen.get(rule.state.counter);
			if (first === undefined) seen.set(rule.state.counter, i);
			else problems.push(`tools.${tool}.rules[${i}]: counter ${goQuote(rule.state.counter)} is also used by rules[${first}]`);
		});
		rules.forEach((rule, i) => {
			const where = `tools.${tool}.rules[${i}]`;
			if (rule.rateLimit !== '') {
				const parsed = parseRateLimit(rule.rateLimit);
				if (typeof parsed === 'string') problems.push(`${where}: ${parsed}`);
				if (rule.conditions.length > 0 || rule.state) problems.push(`${where}: rate_limit cannot be combined with conditions or state`);
				if (rule.action === 'deny') problems.push(`${where}: rate_limit cannot be used with action "deny"`);
				return;
			}
			if (rule.name === '') problems.push(`${where}: a rule needs a name`);
			if (rule.action !== 'evaluate' && rule.action !== 'deny')
				problems.push(`${where}: action must be "evaluate" or "deny", got ${goQuote(rule.action)}`);
			if (rule.action === 'deny' && rule.conditions.length > 0) problems.push(`${where}: a deny rule takes no conditions`);
			if (rule.action === 'evaluate' && rule.conditions.length === 0) problems.push(`${where}: an evaluate rule needs a condition`);
			rule.conditions.forEach((c, j) => {
				const at = `${where}.conditions[${j}]`;
				if (!c.path.startsWith('args.') && !c.path.startsWith('state.')) problems.push(`${at}: path must start with "args." or "state."`);
				if (!OPS.has(c.op)) problems.push(`${at}: unknown operator ${goQuote(c.op)}`);
				if ((c.op === 'in' || c.op === 'not_in') && !Array.isArray(c.value)) problems.push(`${at}: ${c.op} needs a list value`);
				if (['lt', 'lte', 'gt', 'gte'].includes(c.op) && goNumber(c.value) === undefined)
					problems.push(`${at}: ${c.op} needs a numeric value`);
				if (c.op === 'exists' && typeof c.value !== 'boolean') problems.push(`${at}: exists needs true or false`);
				if (c.op === 'regex' && (typeof c.value !== 'string' || compile(c.value) === null))
					problems.push(`${at}: regex needs a pattern that compiles under RE2`);
				const parts = c.path.split('.');
				if (parts[0] === 'state' && parts.length >= 3) {
					const [, owner = '', ...rest] = parts;
					const counter = rest.join('.');
					const declaring = tools.get(owner) ?? (owner === '_global' ? tools.get('*') : undefined);
					if (!declaring?.some((r) => r.state?.counter === counter))
						problems.push(`${at}: no rule of ${goQuote(owner)} declares the counter ${goQuote(counter)}`);
				}
			});
			if (rule.state) {
				if (rule.state.counter === '') problems.push(`${where}.state: counter must not be empty`);
				if (!isWindow(rule.state.window)) problems.push(`${where}.state: window must be minute, hour or day`);
				if (rule.state.incrementFrom !== '' && !rule.state.incrementFrom.startsWith('args.'))
					problems.push(`${where}.state: increment_from must start with "args."`);
			}
		});
	}
	return { hide, defaultDeny: def === 'deny', tools, problems };
}

// ---------------------------------------------------------------------------------------------------
// Deciding a call (E3-E20)

function refuse(reason: Reason, message: string, extra: Partial<Decision> = {}): Decision {
	return { allowed: false, reason, ...extra, message, text: DENIED_PREFIX + message };
}

function check(cond: Condition, args: Obj, store: CounterStore): FailedCondition | undefined {
	let found: { present: boolean; value?: unknown } = { present: false };
	if (cond.path.startsWith('args.')) found = resolveArgs(args, cond.path.slice(5));
	else if (cond.path.startsWith('state.')) found = { present: true, value: store.read(cond.path.slice(6)) };
	const holds =
		cond.op === 'exists'
			? typeof cond.value === 'boolean' && (found.present && found.value !== null) === cond.value
			: found.present && evalOp(cond.op, found.value, cond.value);
	if (holds) return undefined;
	return { path: cond.path, op: cond.op, value: cond.value, present: found.present, ...(found.present && { actual: found.value }) };
}

/**
 * Decides one call as the Intercept proxy would. `store` carries counters between calls; without one,
 * the call is decided by a proxy that has just started (every counter at 0).
 */
export function evaluateIntercept(policy: unknown, call: ToolCall, store: CounterStore = counterStore()): Decision {
	const loaded = loadIntercept(policy);
	if (loaded.problems.length > 0) return { allowed: false, reason: 'invalid-policy', problems: loaded.problems };
	const args = decodeArgs(call.args);
	if (!args) return { allowed: true, reason: 'not-evaluated' };
	const name = call.tool;

	if (loaded.hide.some((h) => h === name || h === '*'))
		return refuse('hidden', `Tool ${goQuote(name)} is hidden by policy`, { hidden: true, rule: '(hidden)' });
	const listed = loaded.tools.get(name);
	if (loaded.defaultDeny && !listed)
		return refuse('not-listed', `Tool ${goQuote(name)} is not permitted by policy`, { rule: '(default deny)' });

	const wildcard = name === '*' ? [] : (loaded.tools.get('*') ?? []);
	const matching = [...(listed ?? []).map((rule) => ({ rule, scope: name })), ...wildcard.map((rule) => ({ rule, scope: '*' }))];
	for (const { rule, scope } of matching) {
		const message = rule.onDeny || `Denied by rule ${goQuote(rule.name)}`;
		if (rule.action === 'deny') return refuse('deny-rule', message, { rule: rule.name, scope });
		if (rule.action === 'evaluate') {
			for (const cond of rule.conditions) {
				const failed = check(cond, args, store);
				if (failed) return refuse('condition-failed', message, { rule: rule.name, scope, failedCondition: failed });
			}
		}
	}

	// Reservations (E15): the tool's stateful rules, then the "*" ones under `_global`.
	const stateful = [
		...(listed ?? []).filter((r) => r.state).map((rule) => ({ rule, scope: name, key: name })),
		...(loaded.tools.get('*') ?? []).filter((r) => r.state).map((rule) => ({ rule, scope: '*', key: '_global' })),
	];
	const reserved: { key: string; amount: number }[] = [];
	const giveBack = () => reserved.forEach((r) => store.rollback(r.key, r.amount));
	for (const { rule, scope, key: owner } of stateful) {
		const state = rule.state as StateDef;
		const key = `${owner}.${state.counter}`;
		let amount = state.increment;
		if (state.incrementFrom !== '') {
			const found = resolveArgs(args, state.incrementFrom.replace(/^args\./, ''));
			const n = found.present ? goNumber(found.value) : undefined;
			if (n === undefined) {
				giveBack();
				return refuse('internal-error', 'Internal policy error', { rule: rule.name, scope });
			}
			amount = Math.trunc(n);
		}
		const counterPath = `state.${key}`;
		const limitCond = rule.conditions.find(
			(c) => c.path === counterPath && goNumber(c.value) !== undefined && (c.op === 'lt' || c.op === 'lte'),
		);
		if (!limitCond) continue;
		const limit = Math.trunc(goNumber(limitCond.value) as number) - (limitCond.op === 'lt' ? 1 : 0);
		if (!store.reserve(key, amount, limit, state.window as Window)) {
			giveBack();
			return refuse('rate-limited', rule.onDeny || `Rate limit exceeded for ${rule.name}`, { rule: rule.name, scope });
		}
		reserved.push({ key, amount });
	}

	const decision: Decision = { allowed: true, reason: 'allowed' };
	if (reserved.length > 0) decision.counters = reserved.map((r) => ({ key: r.key, value: store.read(r.key) }));
	if (reserved.length > 0 && call.upstream === 'rpc-error') {
		giveBack();
		decision.rolledBack = true;
	}
	return decision;
}

/** The tools an agent sees in `tools/list` through the proxy: only hidden ones are removed (E19). */
export function listVisible(policy: unknown, toolNames: readonly string[]): string[] {
	const hide = isObj(policy) && Array.isArray(policy['hide']) ? policy['hide'].map(String) : [];
	if (hide.includes('*')) return [];
	return toolNames.filter((name) => !hide.includes(name));
}

/**
 * Decides a sequence of calls against one set of counters. Each call's `at` (epoch milliseconds or
 * ISO time) sets the clock; a call without one happens at the previous call's time (the first at
 * `start`, by default 2025-01-01T00:00:00Z).
 */
export function simulate(
	policy: unknown,
	calls: readonly ToolCall[],
	options: { start?: number | string; engine?: 'intercept' | 'policylayer' } = {},
): Decision[] {
	const ms = (t: number | string) => (typeof t === 'number' ? t : Date.parse(t));
	let now = ms(options.start ?? Date.UTC(2025, 0, 1));
	const store = counterStore(() => now);
	const decide = options.engine === 'policylayer' ? evaluatePolicyLayer : evaluateIntercept;
	return calls.map((call) => {
		if (call.at !== undefined) now = ms(call.at);
		return decide(policy, call, store);
	});
}

// ---------------------------------------------------------------------------------------------------
// PolicyLayer (documented subset)

/** The document uses a PolicyLayer feature whose semantics are not published, so no decision is made. */
export class UnsupportedPolicyError extends Error {
	override name = 'UnsupportedPolicyError';
	readonly fields: readonly string[];
	constructor(fields: readonly string[]) {
		super(
			`cannot decide under this PolicyLayer policy: ${fields.join(', ')} use argument conditions, whose syntax and semantics are not published in full`,
		);
		this.fields = fields;
	}
}

/**
 * Decides one call under a PolicyLayer JSON policy, as far as its documentation goes: `hide` (with
 * "*") refuses and removes, a tool without its own entry follows `default`, a listed tool is allowed,
 * and `limits` (the tool's, then `all_tools`) allow at most `max` calls per window per grant.
 *
 * Assumptions, because the gateway's code is not public: limits count per calendar-aligned UTC
 * window as Intercept does, every allowed call counts (nothing is handed back), and the gateway's
 * refusal wording is unknown (no `message`). Non-empty `require` or `deny_if` throws
 * {@link UnsupportedPolicyError}: we never emit them and cannot decide them.
 */
export function evaluatePolicyLayer(doc: unknown, call: ToolCall, store: CounterStore = counterStore()): Decision {
	const d = isObj(doc) ? doc : {};
	const tools = isObj(d['tools']) ? d['tools'] : {};
	const unsupported: string[] = [];
	for (const [tool, entry] of Object.entries(tools)) {
		for (const key of ['require', 'deny_if']) {
			const v = isObj(entry) ? entry[key] : undefined;
			if (v !== undefined && !(Array.isArray(v) && v.length === 0)) unsupported.push(`tools.${tool}.${key}`);
		}
	}
	if (unsupported.length > 0) throw new UnsupportedPolicyError(unsupported);
	const problems: string[] = [];
	if (d['version'] !== '1') problems.push('version must be "1"');
	if (d['default'] !== 'allow' && d['default'] !== 'deny') problems.push('default must be "allow" or "deny"');
	if (problems.length > 0) return { allowed: false, reason: 'invalid-policy', problems };

	const hide = Array.isArray(d['hide']) ? d['hide'] : [];
	if (hide.some((h) => h === call.tool || h === '*')) return { allowed: false, reason: 'hidden', hidden: true };
	const entry = own(tools, call.tool) ? tools[call.tool] : undefined;
	if (entry === undefined && d['default'] === 'deny') return { allowed: false, reason: 'not-listed' };

	const limitsOf = (holder: unknown, scope: string) =>
		(isObj(holder) && Array.isArray(holder['limits']) ? holder['limits'] : []).filter(isObj).map((limit) => ({ limit, scope }));
	const limits = [...limitsOf(entry, call.tool), ...limitsOf(d['all_tools'], '*')];
	const reserved: string[] = [];
	for (const { limit, scope } of limits) {
		const key = `grant.${String(limit['counter'])}`;
		const max = goNumber(limit['max']) ?? 0;
		const window = isWindow(limit['window']) ? limit['window'] : 'minute';
		if (!store.reserve(key, 1, max, window)) {
			reserved.forEach((k) => store.rollback(k, 1));
			return { allowed: false, reason: 'rate-limited', rule: String(limit['counter']), scope };
		}
		reserved.push(key);
	}
	const decision: Decision = { allowed: true, reason: 'allowed' };
	if (reserved.length > 0) decision.counters = reserved.map((key) => ({ key, value: store.read(key) }));
	return decision;
}
