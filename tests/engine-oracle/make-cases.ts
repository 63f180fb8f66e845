/**
 * Writes the cases the Intercept engine's own code decides (see README.md here): policies as YAML
 * text, each with a sequence of calls (time, tool, JSON arguments, how the upstream answers). The
 * recorded answers are compared with `src/lib/policy/evaluate.ts` in tests/unit/policy-evaluate.test.ts.
 *
 *   node scripts/with-node.mjs node tests/engine-oracle/make-cases.ts > tests/fixtures/engine-oracle/cases.json
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

interface Step {
	at?: string;
	tool: string;
	args?: unknown;
	upstream?: 'ok' | 'rpc-error' | 'tool-error';
}
interface Case {
	id: string;
	policy: string;
	steps: Step[];
	list?: string[];
}

const cases: Case[] = [];
const y = (v: unknown) => JSON.stringify(v);
/** A one-rule policy on tool "t" (default allow) with one condition. */
const oneCondition = (path: string, op: string, value: unknown) =>
	`version: "1"\ntools:\n  t:\n    rules:\n      - name: check\n        conditions:\n          - path: ${path}\n            op: ${op}\n            value: ${y(value)}\n        on_deny: refused\n`;

// ---- Operators against every kind of argument value (E6-E13)
const ARG_VALUES: unknown[] = [
	'5',
	'5.5',
	'abc',
	'',
	'true',
	'false',
	'1e+06',
	'1000000',
	'<nil>',
	'[1 2]',
	'[a b]',
	'map[a:1]',
	'ABC',
	'xabcx',
	'0',
	5,
	5.5,
	0,
	-1,
	1000000,
	1234567,
	123456,
	0.00001,
	1e21,
	2 ** 53,
	true,
	false,
	null,
	[1, 2],
	['a', 'b'],
	[],
	[5],
	['5'],
	[true],
	[[1]],
	[{ a: 1 }],
	{ a: 1 },
	{},
	{ a: 1, b: 'x' },
];
const steps = (values: unknown[]): Step[] => [{ tool: 't', args: {} }, ...values.map((x) => ({ tool: 't', args: { x } }))];
const OP_VALUES: [string, unknown[]][] = [
	['eq', [5, 5.5, '5', 'abc', true, 'true', 1000000, 123456, 0, '', [1, 2], ['a', 'b'], { a: 1 }, '<nil>', 'map[a:1]', '[1 2]']],
	['neq', [5, 'abc', true, [1, 2]]],
	['in', [[5, 'abc'], ['5'], [true], ['true'], [1000000], [[1, 2]], [], [0, '']]],
	['not_in', [[5, 'abc'], ['true'], []]],
	['lt', [5, 5.5, 0, 1000000]],
	['lte', [5, 0]],
	['gt', [5, -1]],
	['gte', [5, 1e21]],
	['contains', ['a', 'b', '', 5, '5', true, 'true', 1]],
	['exists', [true, false]],
	['regex', ['^abc$', 'abc', 'b', '^$', '^[0-9]+$', '5', 'true', '1e', '(?i)^abc$', '.*']],
];
for (const [op, values] of OP_VALUES) {
	values.forEach((value, i) => cases.push({ id: `op-${op}-${i}`, policy: oneCondition('args.x', op, value), steps: steps(ARG_VALUES) }));
}

// ---- Regex is Go RE2 MatchString (E11)
const REGEX_INPUTS = [
	'abc',
	'xabcx',
	'abc\n',
	'\nabc',
	'ABC',
	'a\nc',
	'a c',
	'',
	' ',
	'é',
	'e\u0301',
	'😀',
	'a😀b',
	'/tmp/x',
	'../etc/passwd',
	'..\\windows',
	'SELECT 1; DROP TABLE t',
	'select*from t',
	'rm -rf /',
	'a$(b)',
	'https://example.com/x',
	'http://example.com',
	'日本語',
	'\u2028',
	'tab\there',
];
const PATTERNS = [
	'^abc$',
	'abc',
	'^abc',
	'abc$',
	'(?i)abc',
	'(?s)a.c',
	'a.c',
	'(?m)^abc$',
	'^.$',
	'^..$',
	'\\x{1F600}',
	'\\pL+',
	'^\\p{Greek}',
	'[[:alpha:]]+',
	'\\bc\\b',
	'^\\s*$',
	'\\.\\.',
	'^/tmp/',
	'^[^;]*$',
	'(?i)^\\s*select\\b',
	'^https://',
	'[$`|;&<>]',
	'\\\\',
	'^\\S+$',
	'^[\\w./-]+$',
	'\\A abc',
	'c\\z',
	'^\\d+$',
	'[^\\x00-\\x7F]',
	'\\Q.*\\E',
	'^(a|ab)(c|bcd)$',
	'a{2,}',
	'(?U)a+',
	'^\\P{L}*$',
	'\\p{Han}',
];
PATTERNS.forEach((pattern, i) =>
	cases.push({
		id: `regex-${i}`,
		policy: oneCondition('args.x', 'regex', pattern),
		steps: REGEX_INPUTS.map((x) => ({ tool: 't', args: { x } })),
	}),
);

// ---- Paths (E6)
cases.push({
	id: 'path-nested',
	policy: oneCondition('args.a.b', 'eq', 1),
	steps: [
		{ tool: 't', args: { a: { b: 1 } } },
		{ tool: 't', args: { a: { b: '1' } } },
		{ tool: 't', args: { a: { b: 2 } } },
		{ tool: 't', args: { a: [{ b: 1 }] } },
		{ tool: 't', args: { a: 'b' } },
		{ tool: 't', args: { a: null } },
		{ tool: 't', args: { 'a.b': 1 } },
		{ tool: 't', args: {} },
		{ tool: 't' },
		{ tool: 't', args: null },
	],
});
cases.push({
	id: 'path-index',
	policy: oneCondition('args.a.0', 'eq', 5),
	steps: [
		{ tool: 't', args: { a: [5] } },
		{ tool: 't', args: { a: { '0': 5 } } },
	],
});
cases.push({
	id: 'path-exists-nested',
	policy: oneCondition('args.a.b', 'exists', true),
	steps: [
		{ tool: 't', args: { a: { b: null } } },
		{ tool: 't', args: { a: { b: 0 } } },
		{ tool: 't', args: { a: [] } },
	],
});
cases.push({
	id: 'path-exists-false',
	policy: oneCondition('args.a', 'exists', false),
	steps: [
		{ tool: 't', args: {} },
		{ tool: 't', args: { a: null } },
		{ tool: 't', args: { a: '' } },
	],
});

// ---- Arguments the proxy cannot decode are forwarded unchecked (E20)
cases.push({
	id: 'args-not-object',
	policy: 'version: "1"\ntools:\n  t:\n    rules:\n      - name: deny\n        action: deny\n',
	steps: [
		{ tool: 't', args: [1, 2] },
		{ tool: 't', args: 'x' },
		{ tool: 't', args: 5 },
		{ tool: 't', args: true },
		{ tool: 't', args: {} },
		{ tool: 't', args: null },
	],
});

// ---- Hide, default deny, rule order, messages (E3-E5, E18, E19)
const names = ['a', 'b', 'c', 'd', 'say "hi"', 'tab\tname', 'new\nline', 'é😀', '\u0000nul', '\u2028sep', '*'];
cases.push({
	id: 'hide-some',
	policy:
		'version: "1"\nhide: [b, "say \\"hi\\"", "tab\\tname", "new\\nline", "é😀", "\\0nul", "\\u2028sep"]\ntools:\n  b:\n    rules: []\n',
	steps: names.map((tool) => ({ tool, args: {} })),
	list: names,
});
cases.push({
	id: 'hide-all',
	policy: 'version: "1"\nhide: ["*"]\ntools:\n  a:\n    rules: []\n',
	steps: names.map((tool) => ({ tool, args: {} })),
	list: names,
});
cases.push({
	id: 'default-deny',
	policy:
		'version: "1"\ndefault: deny\ntools:\n  a:\n    rules: []\n  b:\n    rules:\n      - name: only small\n        conditions: [{path: args.n, op: lt, value: 10}]\n  "*":\n    rules:\n      - name: no secrets\n        conditions: [{path: args.secret, op: exists, value: false}]\n        on_deny: no secrets please\n',
	steps: [
		{ tool: 'a', args: {} },
		{ tool: 'a', args: { secret: 1 } },
		{ tool: 'b', args: { n: 5 } },
		{ tool: 'b', args: { n: 50, secret: 1 } },
		{ tool: 'b', args: { n: 5, secret: 1 } },
		{ tool: 'c', args: {} },
		{ tool: 'say "hi"', args: {} },
		{ tool: 'new\nline', args: {} },
		{ tool: '*', args: { secret: 1 } },
	],
	list: ['a', 'b', 'c'],
});
cases.push({
	id: 'rule-order',
	policy:
		'version: "1"\ntools:\n  t:\n    rules:\n      - name: first\n        conditions: [{path: args.a, op: eq, value: 1}]\n        on_deny: first refused\n      - name: "second \\"quoted\\""\n        conditions: [{path: args.b, op: eq, value: 1}]\n      - name: third\n        action: deny\n        on_deny: third refused\n  "*":\n    rules:\n      - name: wild\n        action: deny\n        on_deny: wildcard refused\n  u:\n    rules:\n      - name: u ok\n        conditions: [{path: args.a, op: exists, value: true}]\n',
	steps: [
		{ tool: 't', args: {} },
		{ tool: 't', args: { a: 1 } },
		{ tool: 't', args: { a: 1, b: 1 } },
		{ tool: 'u', args: {} },
		{ tool: 'u', args: { a: 1 } },
		{ tool: 'v', args: {} },
	],
});
cases.push({
	id: 'default-allow-wildcard-deny',
	policy: 'version: "1"\ndefault: allow\ntools:\n  "*":\n    rules:\n      - name: block\n        action: deny\n',
	steps: [
		{ tool: 'x', args: {} },
		{ tool: '*', args: {} },
	],
});

// ---- Rate limits and counters (E2, E14-E17)
const at = (s: string) => `2025-01-01T${s}Z`;
cases.push({
	id: 'rate-limit-minute-boundary',
	policy: 'version: "1"\ndefault: deny\ntools:\n  t:\n    rules:\n      - name: rate\n        rate_limit: 2/minute\n',
	steps: ['00:00:10', '00:00:58', '00:00:59', '00:01:00', '00:01:00.5', '00:01:59.999', '00:02:00'].map((s) => ({
		at: at(s),
		tool: 't',
		args: {},
	})),
});
cases.push({
	id: 'rate-limit-own-message-hour-day',
	policy:
		'version: "1"\ntools:\n  t:\n    rules:\n      - name: hourly\n        rate_limit: 2/hour\n        on_deny: two an hour\n      - name: daily\n        rate_limit: 3/day\n',
	steps: ['00:10:00', '00:20:00', '00:30:00', '01:00:00', '01:10:00', '02:00:00', '23:59:59']
		.map((s) => ({ at: at(s), tool: 't', args: {} }))
		.concat([{ at: '2025-01-02T00:00:00Z', tool: 't', args: {} }]),
});
cases.push({
	id: 'rollback',
	policy: 'version: "1"\ntools:\n  t:\n    rules:\n      - name: rate\n        rate_limit: 2/minute\n',
	steps: [
		{ tool: 't', args: {}, upstream: 'rpc-error' },
		{ tool: 't', args: {}, upstream: 'rpc-error' },
		{ tool: 't', args: {}, upstream: 'tool-error' },
		{ tool: 't', args: {}, upstream: 'ok' },
		{ tool: 't', args: {}, upstream: 'ok' },
	],
});
cases.push({
	id: 'wildcard-and-tool-counters',
	policy:
		'version: "1"\ntools:\n  t:\n    rules:\n      - name: tool hourly\n        rate_limit: 3/hour\n  "*":\n    rules:\n      - name: global\n        rate_limit: 2/minute\n        on_deny: global limit\n',
	steps: [
		{ at: at('00:00:01'), tool: 't', args: {} },
		{ at: at('00:00:02'), tool: 'u', args: {} },
		{ at: at('00:00:03'), tool: 't', args: {} },
		{ at: at('00:01:01'), tool: 't', args: {} },
		{ at: at('00:01:02'), tool: 't', args: {} },
		{ at: at('00:02:01'), tool: 't', args: {} },
		{ at: at('00:02:02'), tool: 'u', args: {} },
	],
});
cases.push({
	id: 'spend-increment-from',
	policy:
		'version: "1"\ntools:\n  pay:\n    rules:\n      - name: daily spend\n        conditions:\n          - path: state.pay.spent\n            op: lte\n            value: 100\n        state:\n          counter: spent\n          window: day\n          increment_from: args.amount\n        on_deny: spend cap\n',
	steps: [
		{ tool: 'pay', args: { amount: 60 } },
		{ tool: 'pay', args: { amount: 50 } },
		{ tool: 'pay', args: { amount: 40.9 } },
		{ tool: 'pay', args: { amount: 0.5 } },
		{ tool: 'pay', args: { amount: '1' } },
		{ tool: 'pay', args: {} },
		{ tool: 'pay', args: { amount: -30 } },
		{ tool: 'pay', args: { amount: 30 } },
		{ tool: 'pay', args: { amount: 1 } },
	],
});
cases.push({
	id: 'state-lt-and-increment',
	policy:
		'version: "1"\ntools:\n  t:\n    rules:\n      - name: by threes\n        conditions: [{path: state.t.n, op: lt, value: 10}]\n        state: {counter: n, window: minute, increment: 3}\n',
	steps: [1, 2, 3, 4].map(() => ({ tool: 't', args: {} })),
});
cases.push({
	id: 'state-without-limit-never-counts',
	policy:
		'version: "1"\ntools:\n  t:\n    rules:\n      - name: watcher\n        conditions: [{path: state.t.n, op: gte, value: 0}]\n        state: {counter: n, window: minute}\n      - name: reader\n        conditions: [{path: state.t.n, op: lt, value: 1}]\n        on_deny: counted\n',
	steps: [1, 2, 3].map(() => ({ tool: 't', args: {} })),
});
cases.push({
	id: 'state-cross-tool-read',
	policy:
		'version: "1"\ntools:\n  a:\n    rules:\n      - name: a rate\n        rate_limit: 5/minute\n  b:\n    rules:\n      - name: only after a\n        conditions: [{path: state.a._rate_minute, op: gte, value: 2}]\n        on_deny: call a twice first\n',
	steps: [
		{ at: at('00:00:01'), tool: 'b', args: {} },
		{ tool: 'a', args: {} },
		{ tool: 'b', args: {} },
		{ tool: 'a', args: {} },
		{ tool: 'b', args: {} },
		{ at: at('00:00:59.999'), tool: 'b', args: {} },
		{ at: at('00:01:00'), tool: 'b', args: {} },
	],
});

cases.push({
	id: 'refused-calls-not-counted',
	policy:
		'version: "1"\ntools:\n  t:\n    rules:\n      - name: rate\n        rate_limit: 2/minute\n      - name: small\n        conditions: [{path: args.n, op: lt, value: 10}]\n        on_deny: too big\n',
	steps: [50, 50, 50, 1, 1, 1].map((n) => ({ tool: 't', args: { n } })),
});
cases.push({
	id: 'increment-from-nested',
	policy:
		'version: "1"\ntools:\n  t:\n    rules:\n      - name: rows\n        conditions: [{path: state.t.rows, op: lte, value: 10}]\n        state: {counter: rows, window: hour, increment_from: args.q.limit}\n',
	steps: [
		{ tool: 't', args: { q: { limit: 4 } } },
		{ tool: 't', args: { q: { limit: 4 } } },
		{ tool: 't', args: { q: { limit: 4 } } },
		{ tool: 't', args: { q: [4] } },
		{ tool: 't', args: { q: { limit: 2 } } },
	],
});
cases.push({
	id: 'state-exists',
	policy:
		'version: "1"\ntools:\n  t:\n    rules:\n      - name: never\n        conditions: [{path: state.t.n, op: exists, value: false}]\n        state: {counter: n, window: minute}\n  u:\n    rules:\n      - name: always\n        conditions: [{path: state.u.n, op: exists, value: true}]\n        state: {counter: n, window: minute}\n',
	steps: [
		{ tool: 't', args: {} },
		{ tool: 'u', args: {} },
	],
});

// ---- Policies the proxy refuses to load (E1)
const base = (rule: string) => `version: "1"\ntools:\n  t:\n    rules:\n${rule}`;
const invalid: [string, string][] = [
	['version-2', 'version: "2"\ntools: {}\n'],
	['version-number', 'version: 1\ntools:\n  t:\n    rules: []\n'],
	['default-block', 'version: "1"\ndefault: block\ntools: {}\n'],
	['hide-dup', 'version: "1"\nhide: [a, a]\ntools: {}\n'],
	['hide-empty', 'version: "1"\nhide: [" "]\ntools: {}\n'],
	['no-name', base('      - action: deny\n')],
	['allow-action', base('      - name: x\n        action: allow\n')],
	['deny-with-conditions', base('      - name: x\n        action: deny\n        conditions: [{path: args.a, op: exists, value: true}]\n')],
	['evaluate-empty', base('      - name: x\n')],
	['bad-path', base('      - name: x\n        conditions: [{path: a, op: exists, value: true}]\n')],
	['bad-op', base('      - name: x\n        conditions: [{path: args.a, op: like, value: "x"}]\n')],
	['in-scalar', base('      - name: x\n        conditions: [{path: args.a, op: in, value: "x"}]\n')],
	['lt-string', base('      - name: x\n        conditions: [{path: args.a, op: lt, value: "5"}]\n')],
	['exists-string', base('      - name: x\n        conditions: [{path: args.a, op: exists, value: "yes"}]\n')],
	['regex-lookahead', base('      - name: x\n        conditions: [{path: args.a, op: regex, value: "^(?!x)"}]\n')],
	['regex-backref', base('      - name: x\n        conditions: [{path: args.a, op: regex, value: "(a)\\\\1"}]\n')],
	['regex-number', base('      - name: x\n        conditions: [{path: args.a, op: regex, value: 5}]\n')],
	['rate-zero', base('      - name: x\n        rate_limit: 0/minute\n')],
	['rate-week', base('      - name: x\n        rate_limit: 5/week\n')],
	['rate-text', base('      - name: x\n        rate_limit: lots\n')],
	[
		'rate-with-conditions',
		base('      - name: x\n        rate_limit: 5/minute\n        conditions: [{path: args.a, op: exists, value: true}]\n'),
	],
	['rate-with-deny', base('      - name: x\n        rate_limit: 5/minute\n        action: deny\n')],
	['rate-same-window', base('      - name: x\n        rate_limit: 5/minute\n      - name: y\n        rate_limit: 9/minute\n')],
	['state-undeclared', base('      - name: x\n        conditions: [{path: state.t.n, op: lt, value: 5}]\n')],
	[
		'state-window',
		base('      - name: x\n        conditions: [{path: state.t.n, op: lt, value: 5}]\n        state: {counter: n, window: week}\n'),
	],
	[
		'state-empty-counter',
		base('      - name: x\n        conditions: [{path: args.a, op: exists, value: true}]\n        state: {counter: "", window: day}\n'),
	],
	[
		'increment-from-bare',
		base(
			'      - name: x\n        conditions: [{path: state.t.n, op: lt, value: 5}]\n        state: {counter: n, window: day, increment_from: amount}\n',
		),
	],
	['rate-plus-sign', base('      - name: x\n        rate_limit: +3/minute\n')],
];
for (const [id, policy] of invalid) cases.push({ id: `load-${id}`, policy, steps: [{ tool: 't', args: { a: 1 } }] });

// ---- Every golden Intercept policy the site emits loads, and each listed tool is decided
const GOLDEN = 'tests/fixtures/policies';
for (const dir of readdirSync(GOLDEN).sort()) {
	for (const file of readdirSync(join(GOLDEN, dir))
		.filter((f) => f.endsWith('intercept.yaml'))
		.sort()) {
		const policy = readFileSync(join(GOLDEN, dir, file), 'utf8');
		const doc = parse(policy) as { hide?: string[]; tools: Record<string, { rules: { conditions?: { path: string }[] }[] }> };
		const names = [...Object.keys(doc.tools), ...(doc.hide ?? [])].filter((n) => n !== '*');
		const golden: Step[] = [];
		for (const tool of names) {
			const paths = (doc.tools[tool]?.rules ?? []).flatMap((r) => r.conditions ?? []).map((c) => c.path.replace(/^args\./, ''));
			golden.push({ tool, args: {} });
			for (const value of ['report.txt', '../etc/passwd', 'SELECT 1', 'ls -la', 'https://example.com/x'])
				golden.push({ tool, args: Object.fromEntries(paths.map((p) => [p, value])) });
		}
		golden.push({ tool: 'a_tool_not_listed', args: {} });
		cases.push({ id: `golden-${dir}-${file}`, policy, steps: golden, list: [...names, 'a_tool_not_listed'] });
	}
}

// One case per line, so a change of the engine or the cases reads as a short diff.
process.stdout.write(`[\n${cases.map((c) => JSON.stringify(c)).join(',\n')}\n]\n`);
