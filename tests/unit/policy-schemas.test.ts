/**
 * The policy-format validators: every rule in shared/research/policy-formats.md has a row here that
 * breaks it (and must be reported at the right field), and the shapes our generators emit must pass.
 */
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { validateInterceptPolicy } from '../../src/lib/policy/intercept-schema.ts';
import { validatePolicyLayerPolicy } from '../../src/lib/policy/policylayer-schema.ts';
import { checkRe2 } from '../../src/lib/policy/re2.ts';

/** One invalid document: the field path the problem must be reported at, and optionally a message fragment. */
type InvalidRow = { label: string; doc: unknown; path: string; message?: string };

/** Asserts that `problems` has one reported exactly at `path` (and mentioning `message`, if given). */
function expectProblemAt(problems: string[], path: string, message?: string): void {
	const atPath = problems.filter((problem) => problem.startsWith(`${path}: `));
	expect(atPath, `no problem at ${path}; got:\n${problems.join('\n')}`).not.toHaveLength(0);
	if (message !== undefined) expect(atPath.join('\n')).toContain(message);
}

// -------------------------------------------------------------------------------------------------------
// RE2

describe('checkRe2', () => {
	it.each([
		'^https://(www\\.)?example\\.com/',
		'^[a-z0-9._%+-]+@example\\.org$',
		'(?i)^(drop|truncate)\\s',
		'\\d{4}-\\d{2}-\\d{2}',
		'^(?P<scheme>https?)://',
		'\\bpassword\\b',
		'',
	])('accepts %j', (pattern) => {
		expect(checkRe2(pattern)).toEqual({ ok: true });
	});

	it.each([
		{ label: 'look-ahead', pattern: 'foo(?=bar)', fragment: '(?=' },
		{ label: 'negative look-ahead', pattern: '^(?!admin)', fragment: '(?!' },
		{ label: 'look-behind', pattern: '(?<=\\$)\\d+', fragment: '(?<=' },
		{ label: 'negative look-behind', pattern: '(?<!un)safe', fragment: '(?<!' },
		{ label: 'back-reference', pattern: '(a)\\1', fragment: '\\1' },
		{ label: 'named back-reference', pattern: '(?<q>[\'"]).*\\k<q>', fragment: '\\k' },
		{ label: 'atomic group', pattern: '(?>ab)', fragment: '(?>' },
		{ label: 'possessive quantifier', pattern: 'a++', fragment: '++' },
		{ label: 'unclosed group', pattern: '(abc', fragment: 'missing closing )' },
		{ label: 'unclosed class', pattern: '[abc', fragment: 'missing closing ]' },
		{ label: 'repeat count over 1000', pattern: 'a{1001}', fragment: '{1001}' },
	])('rejects $label with the parser message', ({ pattern, fragment }) => {
		const verdict = checkRe2(pattern);
		expect(verdict.ok).toBe(false);
		if (!verdict.ok) expect(verdict.error).toContain(fragment);
	});
});

// -------------------------------------------------------------------------------------------------------
// Intercept

const TOOL = 'send_message';
/** A policy with one tool holding `rules`. */
const rulesDoc = (rules: unknown[], tool = TOOL): unknown => ({ version: '1', tools: { [tool]: { rules } } });
/** A policy with one rule holding one condition. */
const conditionDoc = (condition: unknown): unknown => rulesDoc([{ name: 'check', conditions: [condition] }]);
/** A policy with one rule holding `state` (and a valid condition, so only the state is at fault). */
const stateDoc = (state: unknown): unknown =>
	rulesDoc([{ name: 'count', state, conditions: [{ path: 'args.amount', op: 'exists', value: true }] }]);
const R0 = `tools.${TOOL}.rules[0]`;
const C0 = `${R0}.conditions[0]`;

describe('validateInterceptPolicy: valid documents', () => {
	it.each([
		{ label: 'allow via rules: []', doc: { version: '1', tools: { [TOOL]: { rules: [] } } } },
		{
			label: 'rate_limit shorthand (two windows on one tool)',
			doc: rulesDoc([
				{ name: 'burst', rate_limit: '30/minute', on_deny: 'Slow down: 30 messages a minute.' },
				{ name: 'daily', rate_limit: '500/day' },
			]),
		},
		{
			label: 'deny with on_deny',
			doc: {
				version: '1',
				default: 'allow',
				tools: {
					delete_repository: {
						rules: [{ name: 'block', action: 'deny', on_deny: 'Deleting repositories needs a person.' }],
					},
				},
			},
		},
		{
			label: 'spend cap: state + increment_from + a condition reading the counter',
			doc: {
				version: '1',
				description: 'Cap charges per day',
				tools: {
					create_charge: {
						rules: [
							{
								name: 'daily spend cap',
								action: 'evaluate',
								conditions: [{ path: 'state.create_charge.daily_spend', op: 'lte', value: 100000 }],
								state: { counter: 'daily_spend', window: 'day', increment_from: 'args.amount' },
								on_deny: 'Daily spend cap reached.',
							},
							{ name: 'single charge cap', conditions: [{ path: 'args.amount', op: 'lte', value: 10000 }] },
						],
					},
				},
			},
		},
		{
			label: 'counter read by a different rule of the same tool, with increment',
			doc: rulesDoc([
				{ name: 'read', conditions: [{ path: `state.${TOOL}.hourly`, op: 'lt', value: 100 }] },
				{
					name: 'count',
					state: { counter: 'hourly', window: 'hour', increment: 2 },
					conditions: [{ path: 'args.to', op: 'exists', value: true }],
				},
			]),
		},
		{
			label: '"*" wildcard rule using state._global',
			doc: {
				version: '1',
				tools: {
					'*': {
						rules: [
							{
								name: 'global hourly cap',
								conditions: [{ path: 'state._global.calls', op: 'lt', value: 1000 }],
								state: { counter: 'calls', window: 'hour' },
							},
						],
					},
				},
			},
		},
		{ label: 'hide with "*"', doc: { version: '1', default: 'deny', hide: ['*'], tools: {} } },
		{
			label: 'hide with names',
			doc: { version: '1', hide: ['delete_repository', 'drop_table'], tools: { [TOOL]: { rules: [] } } },
		},
		{
			label: 'every operator with its value type',
			doc: rulesDoc([
				{
					name: 'all operators',
					conditions: [
						{ path: 'args.channel', op: 'eq', value: 'general' },
						{ path: 'args.channel', op: 'neq', value: null },
						{ path: 'args.priority', op: 'in', value: ['low', 'normal'] },
						{ path: 'args.priority', op: 'not_in', value: [] },
						{ path: 'args.count', op: 'lt', value: 10 },
						{ path: 'args.count', op: 'lte', value: 10.5 },
						{ path: 'args.count', op: 'gt', value: -1 },
						{ path: 'args.count', op: 'gte', value: 0 },
						{ path: 'args.url', op: 'regex', value: '^https://(www\\.)?example\\.com/' },
						{ path: 'args.body', op: 'contains', value: 'unsubscribe' },
						{ path: 'args.tags', op: 'contains', value: 3 },
						{ path: 'args.thread.id', op: 'exists', value: false },
					],
				},
			]),
		},
	])('$label', ({ doc }) => {
		expect(validateInterceptPolicy(doc)).toEqual([]);
	});

	it('accepts a YAML file as the proxy reads it', () => {
		const yaml = [
			'version: "1"',
			'default: deny',
			'hide: [drop_table]',
			'tools:',
			'  create_charge:',
			'    rules:',
			'      - name: daily spend cap',
			'        conditions:',
			'          - path: state.create_charge.daily_spend',
			'            op: lte',
			'            value: 100000',
			'        state:',
			'          counter: daily_spend',
			'          window: day',
			'          increment_from: args.amount',
			'  send_message:',
			'    rules:',
			'      - name: burst',
			'        rate_limit: 30/minute',
			'  list_channels:',
			'    rules: []',
		].join('\n');
		expect(validateInterceptPolicy(parseYaml(yaml))).toEqual([]);
	});
});

const interceptInvalid: InvalidRow[] = [
	// top level
	{ label: 'not a mapping', doc: 'version: 1', path: '(root)' },
	{ label: 'wrong version', doc: { version: '2', tools: {} }, path: 'version' },
	{ label: 'version as a YAML number', doc: { version: 1, tools: {} }, path: 'version', message: 'quote it' },
	{ label: 'missing version', doc: { tools: {} }, path: 'version' },
	{ label: 'wrong default', doc: { version: '1', default: 'block', tools: {} }, path: 'default' },
	{ label: 'missing tools', doc: { version: '1' }, path: 'tools' },
	{ label: 'unknown top-level key', doc: { version: '1', tools: {}, rules: [] }, path: '(root)', message: '"rules"' },
	{ label: 'tool entry without rules', doc: { version: '1', tools: { [TOOL]: {} } }, path: `tools.${TOOL}.rules` },
	{ label: 'empty hide entry', doc: { version: '1', hide: [''], tools: {} }, path: 'hide[0]' },
	{ label: 'duplicate hide entry', doc: { version: '1', hide: ['a', 'b', 'a'], tools: {} }, path: 'hide[2]' },
	// rule fields
	{ label: 'rule without name', doc: rulesDoc([{ rate_limit: '5/minute' }]), path: `${R0}.name` },
	{ label: 'rule with empty name', doc: rulesDoc([{ name: '', rate_limit: '5/minute' }]), path: `${R0}.name` },
	{ label: 'unknown action', doc: rulesDoc([{ name: 'x', action: 'block' }]), path: `${R0}.action` },
	{
		label: 'action: allow',
		doc: rulesDoc([{ name: 'x', action: 'allow' }]),
		path: `${R0}.action`,
		message: 'there is no "allow" action',
	},
	{
		label: 'unknown rule key',
		doc: rulesDoc([{ name: 'x', rate_limit: '5/minute', max: 5 }]),
		path: R0,
		message: '"max"',
	},
	{
		label: 'deny rule with conditions',
		doc: rulesDoc([{ name: 'x', action: 'deny', conditions: [{ path: 'args.a', op: 'eq', value: 1 }] }]),
		path: `${R0}.conditions`,
	},
	{
		label: 'deny rule with state',
		doc: rulesDoc([{ name: 'x', action: 'deny', state: { counter: 'c', window: 'day' } }]),
		path: `${R0}.state`,
	},
	{ label: 'evaluate rule without conditions', doc: rulesDoc([{ name: 'x' }]), path: `${R0}.conditions` },
	{
		label: 'evaluate rule with an empty condition list',
		doc: rulesDoc([{ name: 'x', action: 'evaluate', conditions: [] }]),
		path: `${R0}.conditions`,
	},
	{
		label: 'evaluate rule with only state',
		doc: rulesDoc([{ name: 'x', state: { counter: 'c', window: 'day' } }]),
		path: `${R0}.conditions`,
	},
	// conditions
	{ label: 'path without prefix', doc: conditionDoc({ path: 'amount', op: 'lt', value: 5 }), path: `${C0}.path` },
	{
		label: 'path with another prefix',
		doc: conditionDoc({ path: 'arguments.amount', op: 'lt', value: 5 }),
		path: `${C0}.path`,
	},
	{
		label: 'path with an empty segment',
		doc: conditionDoc({ path: 'args..amount', op: 'lt', value: 5 }),
		path: `${C0}.path`,
	},
	{ label: 'bare args. path', doc: conditionDoc({ path: 'args.', op: 'lt', value: 5 }), path: `${C0}.path` },
	{ label: 'unknown operator', doc: conditionDoc({ path: 'args.a', op: 'like', value: 'x' }), path: `${C0}.op` },
	{ label: 'missing operator', doc: conditionDoc({ path: 'args.a', value: 'x' }), path: `${C0}.op` },
	{ label: 'eq without a value', doc: conditionDoc({ path: 'args.a', op: 'eq' }), path: `${C0}.value` },
	{ label: 'contains without a value', doc: conditionDoc({ path: 'args.a', op: 'contains' }), path: `${C0}.value` },
	{
		label: 'in with a string value',
		doc: conditionDoc({ path: 'args.a', op: 'in', value: 'a,b' }),
		path: `${C0}.value`,
	},
	{
		label: 'not_in with a number value',
		doc: conditionDoc({ path: 'args.a', op: 'not_in', value: 3 }),
		path: `${C0}.value`,
	},
	{
		label: 'lt with a string value',
		doc: conditionDoc({ path: 'args.a', op: 'lt', value: '10' }),
		path: `${C0}.value`,
	},
	{ label: 'lte with a list value', doc: conditionDoc({ path: 'args.a', op: 'lte', value: [1] }), path: `${C0}.value` },
	{ label: 'gt with null', doc: conditionDoc({ path: 'args.a', op: 'gt', value: null }), path: `${C0}.value` },
	{ label: 'gte with a boolean', doc: conditionDoc({ path: 'args.a', op: 'gte', value: true }), path: `${C0}.value` },
	{
		label: 'regex with a number value',
		doc: conditionDoc({ path: 'args.a', op: 'regex', value: 5 }),
		path: `${C0}.value`,
	},
	{
		label: 'exists with a string value',
		doc: conditionDoc({ path: 'args.a', op: 'exists', value: 'yes' }),
		path: `${C0}.value`,
	},
	{ label: 'unknown condition key', doc: conditionDoc({ path: 'args.a', op: 'eq', value: 1, negate: true }), path: C0 },
	{
		label: 'regex that does not compile',
		doc: conditionDoc({ path: 'args.a', op: 'regex', value: '([a-z]+' }),
		path: `${C0}.value`,
		message: 'RE2',
	},
	{
		label: 'regex with look-ahead',
		doc: conditionDoc({ path: 'args.a', op: 'regex', value: '^(?=.*@)' }),
		path: `${C0}.value`,
	},
	{
		label: 'regex with negative look-ahead',
		doc: conditionDoc({ path: 'args.a', op: 'regex', value: '^(?!admin)' }),
		path: `${C0}.value`,
	},
	{
		label: 'regex with look-behind',
		doc: conditionDoc({ path: 'args.a', op: 'regex', value: '(?<=@)example' }),
		path: `${C0}.value`,
	},
	{
		label: 'regex with negative look-behind',
		doc: conditionDoc({ path: 'args.a', op: 'regex', value: '(?<!\\.)com' }),
		path: `${C0}.value`,
	},
	{
		label: 'regex with a back-reference',
		doc: conditionDoc({ path: 'args.a', op: 'regex', value: '(\\w)\\1' }),
		path: `${C0}.value`,
	},
	// state
	{ label: 'empty counter', doc: stateDoc({ counter: '', window: 'day' }), path: `${R0}.state.counter` },
	{ label: 'missing counter', doc: stateDoc({ window: 'day' }), path: `${R0}.state.counter` },
	{ label: 'counter with a dot', doc: stateDoc({ counter: 'a.b', window: 'day' }), path: `${R0}.state.counter` },
	{ label: 'wrong state window', doc: stateDoc({ counter: 'c', window: 'week' }), path: `${R0}.state.window` },
	{ label: 'state window in seconds', doc: stateDoc({ counter: 'c', window: 60 }), path: `${R0}.state.window` },
	{
		label: 'zero increment',
		doc: stateDoc({ counter: 'c', window: 'day', increment: 0 }),
		path: `${R0}.state.increment`,
	},
	{
		label: 'increment_from not under args.',
		doc: stateDoc({ counter: 'c', window: 'day', increment_from: 'amount' }),
		path: `${R0}.state.increment_from`,
	},
	{
		label: 'increment_from under state.',
		doc: stateDoc({ counter: 'c', window: 'day', increment_from: `state.${TOOL}.c` }),
		path: `${R0}.state.increment_from`,
	},
	{ label: 'unknown state key', doc: stateDoc({ counter: 'c', window: 'day', max: 3 }), path: `${R0}.state` },
	{
		label: 'condition reading an undeclared counter',
		doc: conditionDoc({ path: `state.${TOOL}.daily`, op: 'lt', value: 5 }),
		path: `${C0}.path`,
		message: 'no rule',
	},
	{
		label: "condition reading another tool's counter",
		doc: {
			version: '1',
			tools: {
				other: {
					rules: [
						{
							name: 'count',
							state: { counter: 'c', window: 'day' },
							conditions: [{ path: 'args.a', op: 'exists', value: true }],
						},
					],
				},
				[TOOL]: { rules: [{ name: 'read', conditions: [{ path: 'state.other.c', op: 'lt', value: 5 }] }] },
			},
		},
		path: `${C0}.path`,
	},
	{
		label: 'state path with too many segments',
		doc: rulesDoc([
			{
				name: 'count',
				state: { counter: 'c', window: 'day' },
				conditions: [{ path: `state.${TOOL}.c.total`, op: 'lt', value: 5 }],
			},
		]),
		path: `${C0}.path`,
	},
	{
		label: 'state path naming the tool under "*"',
		doc: rulesDoc(
			[
				{
					name: 'count',
					state: { counter: 'calls', window: 'day' },
					conditions: [{ path: 'state.*.calls', op: 'lt', value: 5 }],
				},
			],
			'*',
		),
		path: 'tools.*.rules[0].conditions[0].path',
	},
	{
		label: 'state._global outside "*"',
		doc: rulesDoc([
			{
				name: 'count',
				state: { counter: 'calls', window: 'day' },
				conditions: [{ path: 'state._global.calls', op: 'lt', value: 5 }],
			},
		]),
		path: `${C0}.path`,
	},
	{
		label: 'duplicate counter on one tool',
		doc: rulesDoc([
			{
				name: 'a',
				state: { counter: 'c', window: 'day' },
				conditions: [{ path: 'args.a', op: 'exists', value: true }],
			},
			{
				name: 'b',
				state: { counter: 'c', window: 'hour' },
				conditions: [{ path: 'args.b', op: 'exists', value: true }],
			},
		]),
		path: `tools.${TOOL}.rules[1].state.counter`,
	},
	// rate_limit
	{ label: 'rate_limit count 0', doc: rulesDoc([{ name: 'x', rate_limit: '0/minute' }]), path: `${R0}.rate_limit` },
	{
		label: 'negative rate_limit count',
		doc: rulesDoc([{ name: 'x', rate_limit: '-5/minute' }]),
		path: `${R0}.rate_limit`,
	},
	{
		label: 'fractional rate_limit count',
		doc: rulesDoc([{ name: 'x', rate_limit: '2.5/minute' }]),
		path: `${R0}.rate_limit`,
	},
	{
		label: 'non-numeric rate_limit count',
		doc: rulesDoc([{ name: 'x', rate_limit: 'ten/minute' }]),
		path: `${R0}.rate_limit`,
	},
	{ label: 'wrong rate_limit window', doc: rulesDoc([{ name: 'x', rate_limit: '5/week' }]), path: `${R0}.rate_limit` },
	{
		label: 'rate_limit window in seconds',
		doc: rulesDoc([{ name: 'x', rate_limit: '30/60' }]),
		path: `${R0}.rate_limit`,
	},
	{ label: 'rate_limit without a window', doc: rulesDoc([{ name: 'x', rate_limit: '30' }]), path: `${R0}.rate_limit` },
	{ label: 'rate_limit as a number', doc: rulesDoc([{ name: 'x', rate_limit: 30 }]), path: `${R0}.rate_limit` },
	{
		label: 'rate_limit as an object',
		doc: rulesDoc([{ name: 'x', rate_limit: { max: 30, window: 60 } }]),
		path: `${R0}.rate_limit`,
		message: 'shorthand string "N/window"',
	},
	{
		label: 'rate_limit combined with conditions',
		doc: rulesDoc([{ name: 'x', rate_limit: '5/minute', conditions: [{ path: 'args.a', op: 'exists', value: true }] }]),
		path: `${R0}.conditions`,
	},
	{
		label: 'rate_limit combined with state',
		doc: rulesDoc([{ name: 'x', rate_limit: '5/minute', state: { counter: 'c', window: 'minute' } }]),
		path: `${R0}.state`,
	},
	{
		label: 'rate_limit combined with action: deny',
		doc: rulesDoc([{ name: 'x', action: 'deny', rate_limit: '5/minute' }]),
		path: `${R0}.rate_limit`,
	},
	{
		label: 'duplicate shorthand window on one tool',
		doc: rulesDoc([
			{ name: 'a', rate_limit: '5/minute' },
			{ name: 'b', rate_limit: '10/hour' },
			{ name: 'c', rate_limit: '8/minute' },
		]),
		path: `tools.${TOOL}.rules[2].rate_limit`,
		message: 'collide',
	},
];

describe('validateInterceptPolicy: invalid documents', () => {
	it.each(interceptInvalid)('$label → $path', ({ doc, path, message }) => {
		expectProblemAt(validateInterceptPolicy(doc), path, message);
	});

	it('formats every problem as "<path>: <message>"', () => {
		for (const { doc } of interceptInvalid) {
			for (const problem of validateInterceptPolicy(doc)) expect(problem).toMatch(/^\S+: \S/);
		}
	});

	it('reports document-level problems alongside field problems in one pass', () => {
		const problems = validateInterceptPolicy({
			version: 1,
			tools: {
				[TOOL]: {
					rules: [
						{ name: 'a', rate_limit: '5/minute' },
						{ name: 'b', rate_limit: '6/minute' },
						{ name: 'c', conditions: [{ path: `state.${TOOL}.missing`, op: 'lt', value: 5 }] },
						{ name: 'd', conditions: [{ path: 'args.a', op: 'eq' }] },
					],
				},
			},
		});
		expectProblemAt(problems, 'version');
		expectProblemAt(problems, `tools.${TOOL}.rules[1].rate_limit`);
		expectProblemAt(problems, `tools.${TOOL}.rules[2].conditions[0].path`);
		expectProblemAt(problems, `tools.${TOOL}.rules[3].conditions[0].value`);
	});

	it('allows the same counter name on different tools', () => {
		const rule = {
			name: 'count',
			state: { counter: 'daily', window: 'day' },
			conditions: [{ path: 'args.a', op: 'exists', value: true }],
		};
		expect(validateInterceptPolicy({ version: '1', tools: { a: { rules: [rule] }, b: { rules: [rule] } } })).toEqual([]);
	});
});

// -------------------------------------------------------------------------------------------------------
// PolicyLayer

const limit = (counter: string, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
	counter,
	window: 'minute',
	max: 30,
	scope: 'grant',
	...overrides,
});
/** A deny-by-default policy with one tool holding `limits`. */
const limitsDoc = (limits: unknown[]): unknown => ({ version: '1', default: 'deny', tools: { [TOOL]: { limits } } });
const L0 = `tools.${TOOL}.limits[0]`;

describe('validatePolicyLayerPolicy: valid documents', () => {
	it.each([
		{
			label: 'the seed shape',
			doc: {
				version: '1',
				default: 'deny',
				tools: {
					send_message: { limits: [{ counter: 'send_message_rate', window: 'minute', max: 30, scope: 'grant' }] },
				},
			},
		},
		{ label: 'minimal', doc: { version: '1', default: 'allow' } },
		{ label: '{} tool entries', doc: { version: '1', default: 'deny', tools: { list_channels: {}, get_user: {} } } },
		{ label: 'hide with names', doc: { version: '1', default: 'allow', hide: ['delete_repository', 'drop_table'] } },
		{ label: 'hide with "*"', doc: { version: '1', default: 'deny', hide: ['*'], tools: {} } },
		{
			label: 'all_tools limits beside tool limits, every window',
			doc: {
				version: '1',
				default: 'allow',
				all_tools: {
					limits: [limit('all_calls_hour', { window: 'hour', max: 1000 }), limit('all_calls_day', { window: 'day', max: 5000 })],
				},
				tools: { [TOOL]: { limits: [limit('send_message_rate')] }, other: { limits: [] } },
			},
		},
	])('$label', ({ doc }) => {
		expect(validatePolicyLayerPolicy(doc)).toEqual([]);
	});
});

const policyLayerInvalid: InvalidRow[] = [
	{ label: 'not an object', doc: [], path: '(root)' },
	{ label: 'wrong version', doc: { version: '2', default: 'deny' }, path: 'version' },
	{ label: 'version as a number', doc: { version: 1, default: 'deny' }, path: 'version' },
	{ label: 'missing default', doc: { version: '1' }, path: 'default', message: 'required' },
	{ label: 'wrong default', doc: { version: '1', default: 'block' }, path: 'default' },
	{
		label: 'unknown top-level key',
		doc: { version: '1', default: 'deny', limits: [] },
		path: '(root)',
		message: '"limits"',
	},
	{ label: 'empty hide entry', doc: { version: '1', default: 'deny', hide: [''] }, path: 'hide[0]' },
	{ label: 'duplicate hide entry', doc: { version: '1', default: 'deny', hide: ['a', 'a'] }, path: 'hide[1]' },
	{ label: 'hide as a string', doc: { version: '1', default: 'deny', hide: '*' }, path: 'hide' },
	{
		label: 'all_tools without limits',
		doc: { version: '1', default: 'deny', all_tools: {} },
		path: 'all_tools.limits',
	},
	{
		label: 'unknown all_tools key',
		doc: { version: '1', default: 'deny', all_tools: { limits: [], max: 3 } },
		path: 'all_tools',
	},
	{ label: 'tools as a list', doc: { version: '1', default: 'deny', tools: [TOOL] }, path: 'tools' },
	{
		label: 'unknown tool entry key',
		doc: { version: '1', default: 'deny', tools: { [TOOL]: { rate_limit: '30/minute' } } },
		path: `tools.${TOOL}`,
	},
	{
		label: 'require conditions',
		doc: { version: '1', default: 'deny', tools: { refund: { require: [{ path: 'args.reason' }] } } },
		path: 'tools.refund.require',
		message: 'not published',
	},
	{
		label: 'empty require list',
		doc: { version: '1', default: 'deny', tools: { refund: { require: [] } } },
		path: 'tools.refund.require',
	},
	{
		label: 'deny_if conditions',
		doc: {
			version: '1',
			default: 'deny',
			tools: { charge: { deny_if: [{ path: 'args.amount', op: 'gt', value: 10000 }] } },
		},
		path: 'tools.charge.deny_if',
		message: 'not published',
	},
	{ label: 'missing counter', doc: limitsDoc([{ window: 'minute', max: 30, scope: 'grant' }]), path: `${L0}.counter` },
	{ label: 'empty counter', doc: limitsDoc([limit('')]), path: `${L0}.counter` },
	{ label: 'wrong window', doc: limitsDoc([limit('c', { window: 'week' })]), path: `${L0}.window` },
	{ label: 'window in seconds', doc: limitsDoc([limit('c', { window: 60 })]), path: `${L0}.window` },
	{ label: 'max 0', doc: limitsDoc([limit('c', { max: 0 })]), path: `${L0}.max` },
	{ label: 'negative max', doc: limitsDoc([limit('c', { max: -5 })]), path: `${L0}.max` },
	{ label: 'fractional max', doc: limitsDoc([limit('c', { max: 2.5 })]), path: `${L0}.max` },
	{ label: 'max as a string', doc: limitsDoc([limit('c', { max: '30' })]), path: `${L0}.max` },
	{ label: 'missing max', doc: limitsDoc([{ counter: 'c', window: 'minute', scope: 'grant' }]), path: `${L0}.max` },
	{ label: 'wrong scope', doc: limitsDoc([limit('c', { scope: 'user' })]), path: `${L0}.scope` },
	{ label: 'missing scope', doc: limitsDoc([{ counter: 'c', window: 'minute', max: 30 }]), path: `${L0}.scope` },
	{ label: 'unknown limit key', doc: limitsDoc([limit('c', { burst: 5 })]), path: L0, message: '"burst"' },
	{
		label: 'duplicate counter on one tool',
		doc: limitsDoc([limit('c'), limit('c', { window: 'day', max: 500 })]),
		path: `tools.${TOOL}.limits[1].counter`,
		message: 'share one budget',
	},
	{
		label: 'duplicate counter across tools',
		doc: {
			version: '1',
			default: 'deny',
			tools: { a: { limits: [limit('shared')] }, b: { limits: [limit('shared')] } },
		},
		path: 'tools.b.limits[0].counter',
	},
	{
		label: 'duplicate counter between all_tools and a tool',
		doc: {
			version: '1',
			default: 'allow',
			all_tools: { limits: [limit('calls')] },
			tools: { a: { limits: [limit('calls')] } },
		},
		path: 'tools.a.limits[0].counter',
		message: 'all_tools.limits[0].counter',
	},
];

describe('validatePolicyLayerPolicy: invalid documents', () => {
	it.each(policyLayerInvalid)('$label → $path', ({ doc, path, message }) => {
		expectProblemAt(validatePolicyLayerPolicy(doc), path, message);
	});

	it('formats every problem as "<path>: <message>"', () => {
		for (const { doc } of policyLayerInvalid) {
			for (const problem of validatePolicyLayerPolicy(doc)) expect(problem).toMatch(/^\S+: \S/);
		}
	});

	it('reports duplicate counters alongside field problems in one pass', () => {
		const problems = validatePolicyLayerPolicy({
			version: '1',
			default: 'deny',
			tools: { a: { limits: [limit('c', { max: 1.5 })] }, b: { limits: [limit('c')] } },
		});
		expectProblemAt(problems, 'tools.a.limits[0].max');
		expectProblemAt(problems, 'tools.b.limits[0].counter');
	});
});
