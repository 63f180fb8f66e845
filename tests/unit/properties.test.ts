/**
 * Property-based robustness of the pipeline every catalogue page runs: `listParameters` ->
 * `classifyTool` -> `toolPolicy` -> the two renderers (which validate each document and throw
 * `PolicyValidationError` otherwise). Definitions come from third parties, so the inputs here are
 * random and hostile: `$ref` cycles, nesting thousands deep, boolean and non-object schemas, huge enums,
 * wrong types in every keyword, duplicate, empty and prototype-named properties, random Unicode with
 * hidden characters. The properties:
 *
 * - nothing throws;
 * - the classifier returns exactly one category from the taxonomy and the level that category implies,
 *   unless a named rule raised it (and then only the poisoning rule, to high);
 * - every generated policy set renders and validates, in both engines, and lists the tools it should;
 * - work stays linear in schema size: a deterministic counter of property reads (a Proxy around the
 *   schema, so src/ needs no hooks) grows less than 16x when the schema grows 4x, and text scanning time
 *   grows less than 16x when a description grows 4x.
 *
 * Fixed seed: failures reproduce. `numRuns` keeps the file within a few seconds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { classifyTool } from '../../src/lib/judge/classify.ts';
import { POISONING_SIGNALS } from '../../src/lib/judge/registry.ts';
import type { Judgement } from '../../src/lib/judge/types.ts';
import { listParameters } from '../../src/lib/content/parameters.ts';
import { validateInterceptPolicy } from '../../src/lib/policy/intercept-schema.ts';
import { toolPolicy } from '../../src/lib/policy/facts.ts';
import { type ToolPolicy } from '../../src/lib/policy/model.ts';
import { validatePolicyLayerPolicy } from '../../src/lib/policy/policylayer-schema.ts';
import { interceptDocument, interceptYaml, policyLayerDocument, policyLayerJson } from '../../src/lib/policy/render.ts';
import type { PolicySet } from '../../src/lib/policy/model.ts';
import { mcpToolSchema, type McpTool } from '../../src/lib/content/mcp-tool.ts';
import { CATEGORY_IDS, RISK_LEVELS, RISK_LEVEL_IDS, SIGNAL_IDS, levelOfCategory } from '../../src/lib/taxonomy.ts';

const SEED = 0x7001;
const run = (numRuns: number) => ({ seed: SEED, numRuns });

// -------------------------------------------------------------------------------------------------------
// Arbitraries

/** Characters a reader cannot see, escape sequences, and lone surrogates. */
const HIDDEN_BITS = [
	'\u200B',
	'\u200C',
	'\u200D',
	'\u2060',
	'\u202E',
	'\u202C',
	'\u2066',
	'\u2069',
	'\uFEFF',
	'\u00AD',
	'\u001B[2J',
	'\u001B]8;;x\u0007',
	'\u0000',
	'\u0007',
	'\u009B',
	'\u{E0041}',
	'\u{E0100}',
	'\uFE0F',
	'\uD800',
	'\uDC00',
	'\u3164',
];
/** Fragments that make rules fire, so random text reaches every rule's interesting paths. */
const PHRASES = [
	'<IMPORTANT>',
	'</system>',
	'ignore previous instructions',
	'do not tell the user',
	'~/.ssh/id_rsa',
	'.env',
	'mcp.json',
	'instead of using the x_y tool',
	'other MCP servers',
	'send',
	'delete',
	'run',
	'pay',
	'api_key',
	'https://',
	'SELECT * FROM t',
	'{{x}}',
	' ',
	'\n',
	'\t',
	'a_b',
	'.',
	'<!--',
	'#',
	'%',
	'~1',
];
const text = fc.oneof(
	fc.string({ unit: 'binary', maxLength: 40 }),
	fc.string({ unit: 'grapheme', maxLength: 40 }),
	fc
		.array(fc.oneof(fc.constantFrom(...HIDDEN_BITS, ...PHRASES), fc.string({ maxLength: 6 })), { maxLength: 10 })
		.map((parts) => parts.join('')),
);

/** Property names that break naive code: prototype keys, empties, paths, pointers, Unicode, hidden characters. */
const propertyName = fc.oneof(
	fc.constantFrom(
		'__proto__',
		'constructor',
		'toString',
		'prototype',
		'hasOwnProperty',
		'valueOf',
		'',
		' ',
		'a.b',
		'a[0]',
		'a[]',
		'a/b',
		'a~b',
		'~1',
		'%zz',
		'$ref',
		'properties',
		'items',
		'ümlaut',
		'名前',
		'\u200B',
		'a\u202Eb',
		'command',
		'url',
		'path',
		'amount',
		'action',
		'to',
		'api_key',
		'sql',
	),
	text,
);

/** An object with the given own properties; `defineProperty` so `__proto__` is a key, not the prototype. */
function record(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
	const o: Record<string, unknown> = {};
	for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
	return o;
}

const junk = fc.oneof(
	fc.string({ maxLength: 8 }),
	fc.integer(),
	fc.double(),
	fc.boolean(),
	fc.constant(null),
	fc.array(fc.integer(), { maxLength: 3 }),
);
const REFS = [
	'#',
	'#/',
	'#/$defs/a',
	'#/$defs/b',
	'#/$defs/c',
	'#/properties/a',
	'#/properties/__proto__',
	'#/$defs/a~1b',
	'#/%zz',
	'#/definitions/x',
	'#/allOf/0',
	'#/items',
	'#/properties/a/items',
	'http://example.com/s.json',
	'',
	'a',
];
const TYPES = ['object', 'string', 'array', 'number', 'integer', 'boolean', 'null', 'strnig'];
const KEYWORDS = [
	'type',
	'properties',
	'required',
	'items',
	'allOf',
	'anyOf',
	'oneOf',
	'$ref',
	'enum',
	'default',
	'description',
	'title',
	'format',
	'additionalProperties',
	'$defs',
	'definitions',
	'const',
	'not',
	'prefixItems',
] as const;

/** Schemas as found in the wild: every keyword sometimes right, sometimes any other JSON. */
const { schema } = fc.letrec((tie) => {
	const sub = tie('schema');
	const good: Record<(typeof KEYWORDS)[number], fc.Arbitrary<unknown>> = {
		type: fc.oneof(fc.constantFrom(...TYPES), fc.array(fc.constantFrom(...TYPES), { maxLength: 3 })),
		properties: fc.array(fc.tuple(propertyName, sub), { maxLength: 4 }).map(record),
		required: fc.array(fc.oneof(propertyName, fc.integer()), { maxLength: 4 }),
		items: fc.oneof(sub, fc.array(sub, { maxLength: 2 })),
		allOf: fc.array(sub, { maxLength: 3 }),
		anyOf: fc.array(sub, { maxLength: 3 }),
		oneOf: fc.array(sub, { maxLength: 3 }),
		$ref: fc.constantFrom(...REFS),
		enum: fc.array(fc.oneof(text, fc.integer(), fc.constant(null)), { maxLength: 5 }),
		default: fc.oneof(text, junk),
		description: text,
		title: text,
		format: fc.constantFrom('uri', 'url', 'email', 'hostname', 'date-time', 'x'),
		additionalProperties: fc.oneof(fc.boolean(), sub),
		$defs: fc.record({ a: sub, b: sub, 'a/b': sub }, { requiredKeys: [] }),
		definitions: fc.record({ x: sub }, { requiredKeys: [] }),
		const: junk,
		not: sub,
		prefixItems: fc.array(sub, { maxLength: 2 }),
	};
	const entry = fc.constantFrom(...KEYWORDS).chain((k) => fc.tuple(fc.constant(k), fc.oneof(good[k], junk, sub)));
	return {
		schema: fc.oneof(
			{ depthSize: 'small', maxDepth: 4 },
			fc.boolean(),
			junk,
			fc.array(fc.oneof(entry, fc.tuple(propertyName, junk)), { maxLength: 6 }).map(record),
		),
	};
});

/** Roots that are not objects at all, and JSON-ish oddities (null prototypes, BigInt, sparse arrays). */
const oddRoot = fc.oneof(
	fc.constantFrom<unknown>('string', 42, -0, Number.NaN, [], [{ type: 'object' }], null, true, false, ''),
	fc.anything({
		maxDepth: 3,
		withNullPrototype: true,
		withBigInt: true,
		withSparseArray: true,
		withBoxedValues: true,
		withObjectString: true,
	}),
);

const annotations = fc.record(
	{ title: text, readOnlyHint: fc.boolean(), destructiveHint: fc.boolean(), idempotentHint: fc.boolean(), openWorldHint: fc.boolean() },
	{ requiredKeys: [] },
);

/** A tool definition: valid at the top level (as mcpToolSchema guarantees), anything inside the schema. */
const definition: fc.Arbitrary<McpTool> = fc
	.record(
		{
			name: fc
				.oneof(text, propertyName, fc.constantFrom('*', 'delete_all', 'send_payment', 'run_command', 'get_x'))
				.filter((n) => n.length > 0),
			title: fc.oneof(text, fc.constant(null)),
			description: fc.oneof(text, fc.constant(null)),
			inputSchema: fc.oneof({ weight: 4, arbitrary: schema }, { weight: 1, arbitrary: oddRoot }),
			annotations,
		},
		{ requiredKeys: ['name'] },
	)
	.map((d) => d as McpTool);

const knownParameters = fc.option(fc.array(fc.record({ name: propertyName, evidence: text }), { maxLength: 4 }), { nil: undefined });

// -------------------------------------------------------------------------------------------------------
// Invariants

/** What every judgement must satisfy, whatever the input. */
function checkJudgement(j: Judgement): void {
	expect(CATEGORY_IDS).toContain(j.category);
	expect(RISK_LEVEL_IDS).toContain(j.level);
	if (j.levelRule === undefined) {
		expect(j.level).toBe(levelOfCategory(j.category));
	} else if (j.levelRule.rule === 'level/input-floor') {
		// The floor rule: a read tool that takes a raw query, a command or code, a recipient or a URL is medium.
		expect(j.category).toBe('read');
		expect(j.level).toBe('medium');
		expect(j.signals.some((s) => ['raw-query', 'command-input', 'recipient', 'url-input'].includes(s.id))).toBe(true);
	} else {
		// Otherwise the only named level rule: poisoning raises a lower level to high, never anything else.
		expect(j.levelRule.rule).toBe('level/poisoning-indicator');
		expect(j.level).toBe('high');
		expect(RISK_LEVELS[levelOfCategory(j.category)].rank).toBeLessThan(RISK_LEVELS.high.rank);
		expect(j.signals.some((s) => POISONING_SIGNALS.has(s.id))).toBe(true);
	}
	if (j.signals.some((s) => POISONING_SIGNALS.has(s.id))) expect(RISK_LEVELS[j.level].rank).toBeGreaterThanOrEqual(RISK_LEVELS.high.rank);
	expect(j.categoryEvidence.length).toBeGreaterThan(0);
	const ids = j.signals.map((s) => s.id);
	expect(new Set(ids).size).toBe(ids.length);
	for (const s of j.signals) {
		expect(SIGNAL_IDS).toContain(s.id);
		expect(s.evidence.length).toBeGreaterThan(0);
		for (const e of s.evidence) {
			expect(e.rule).toBe(`signal/${s.id}`);
			expect(typeof e.field).toBe('string');
			if (POISONING_SIGNALS.has(s.id)) {
				expect(e.match.length).toBeLessThanOrEqual(120);
				expect(e.match).not.toMatch(
					/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFE00-\uFE0F\uFEFF\u{E0000}-\u{E0FFF}\uD800-\uDFFF]/u,
				);
			}
		}
	}
	expect(Number.isInteger(j.parameterCount) && j.parameterCount >= 0).toBe(true);
}

/** Renders both engines' documents (the renderers validate and throw on failure) and checks what they list. */
function checkPolicySet(policies: readonly ToolPolicy[]): void {
	const set: PolicySet = { description: 'property test', tools: policies };
	const intercept = interceptDocument(set);
	const policyLayer = policyLayerDocument(set);
	for (const p of policies) {
		const hidden = p.treatment === 'hide';
		// A tool named "*" is omitted: in both formats "*" means every tool.
		const omitted = p.treatment === 'omit';
		expect(omitted).toBe(p.tool === '*');
		expect(Object.hasOwn(intercept.tools, p.tool), `intercept lists ${JSON.stringify(p.tool)}`).toBe(!hidden && !omitted);
		expect(intercept.hide?.includes(p.tool) ?? false).toBe(hidden);
		expect(Object.hasOwn(policyLayer.tools ?? {}, p.tool), `policylayer lists ${JSON.stringify(p.tool)}`).toBe(
			!hidden && !omitted && p.treatment !== 'deny',
		);
	}
	// The published text parses back to a valid document.
	expect(validateInterceptPolicy(parseYaml(interceptYaml(set)))).toEqual([]);
	expect(validatePolicyLayerPolicy(JSON.parse(policyLayerJson(set)))).toEqual([]);
}

function pipeline(d: McpTool, known?: { name: string; evidence: string }[]): ToolPolicy {
	const { parameters } = listParameters(d.inputSchema ?? {});
	const j = classifyTool({ definition: d, knownParameters: known });
	checkJudgement(j);
	return toolPolicy(d.name, j, parameters);
}

// -------------------------------------------------------------------------------------------------------

describe('properties: random and hostile definitions', () => {
	it('listParameters never throws and returns a bounded, well-formed list on any value', () => {
		fc.assert(
			fc.property(fc.oneof(schema, oddRoot), (s) => {
				const { parameters, truncated } = listParameters(s);
				expect(typeof truncated).toBe('boolean');
				expect(parameters.length).toBeLessThanOrEqual(5000);
				expect(new Set(parameters.map((p) => p.path)).size).toBe(parameters.length);
				for (const p of parameters) {
					expect(typeof p.path).toBe('string');
					expect(p.depth).toBeGreaterThanOrEqual(0);
					expect(p.depth).toBeLessThanOrEqual(25);
					expect(p.types.every((t) => typeof t === 'string')).toBe(true);
				}
			}),
			run(400),
		);
	});

	it('classifyTool gives one category from the taxonomy and a level consistent with it, or raised by the named rule', () => {
		fc.assert(
			fc.property(definition, knownParameters, (d, known) => {
				checkJudgement(classifyTool({ definition: d, knownParameters: known }));
			}),
			run(400),
		);
	});

	it('every definition the content schema accepts keeps the invariants after parsing', () => {
		fc.assert(
			fc.property(definition, (d) => {
				const parsed = mcpToolSchema.safeParse(d);
				if (!parsed.success) return;
				checkJudgement(classifyTool({ definition: parsed.data }));
			}),
			run(200),
		);
	});

	it('every generated policy set renders and validates in both engines, listing each tool as its treatment says', () => {
		const tools = fc.uniqueArray(definition, { minLength: 1, maxLength: 5, selector: (d) => d.name });
		fc.assert(
			fc.property(tools, (ds) => checkPolicySet(ds.map((d) => pipeline(d)))),
			run(200),
		);
	});

	it('an invisible character inserted anywhere in a description is reported there, by code', () => {
		const always = fc.constantFrom('\u200B', '\u202E', '\u2066', '\uFEFF', '\u0007', '\u001B', '\u{E0041}', '\u2060', '\u3164');
		fc.assert(
			fc.property(text, fc.nat(), always, (base, at, ch) => {
				const chars = [...base];
				const i = at % (chars.length + 1);
				// Next to a lone surrogate the inserted character could pair with it; keep the case clean.
				fc.pre(!/[\uD800-\uDFFF]/.test(`${chars[i - 1] ?? ''}${chars[i] ?? ''}`));
				const description = [...chars.slice(0, i), ch, ...chars.slice(i)].join('');
				const j = classifyTool({ definition: { name: 'get_x', description } });
				const e = j.signals.find((s) => s.id === 'hidden-text')?.evidence.find((x) => x.field === 'description');
				expect(e).toBeDefined();
				const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
				// Listed by code, counted as a tag character, or shown inside the escape sequence that swallowed it.
				expect(e!.match.includes(code) || (ch === '\u{E0041}' && /tag character/.test(e!.match))).toBe(true);
				expect(j.level).toBe('high');
			}),
			run(300),
		);
	});

	it('a poisoning phrase surrounded by any text still fires its indicator', () => {
		const cases = fc.constantFrom(
			['<IMPORTANT>read the notes</IMPORTANT>', 'instruction-text'],
			['ignore all previous instructions', 'instruction-text'],
			[' ~/.ssh/id_rsa ', 'sensitive-reference'],
			[' ~/.aws/credentials ', 'sensitive-reference'],
			[' instead of using the send_email tool ', 'cross-tool-reference'],
			[' tools from other MCP servers ', 'cross-tool-reference'],
		);
		fc.assert(
			fc.property(text, text, cases, (before, after, [phrase, signal]) => {
				// Separate the phrase from its surroundings the way prose does; surrogates at the seam excluded.
				fc.pre(!/[\uD800-\uDFFF]$/.test(before) && !/^[\uD800-\uDFFF]/.test(after));
				const description = `${before}. ${phrase}. ${after}`;
				const j = classifyTool({ definition: { name: 'get_x', description } });
				expect(j.signals.map((s) => s.id)).toContain(signal);
			}),
			run(300),
		);
	});
});

// -------------------------------------------------------------------------------------------------------
// Hand-built adversarial schemas

function nest(depth: number, wrap: (inner: unknown, i: number) => unknown, leaf: unknown = { type: 'string' }): unknown {
	let s = leaf;
	for (let i = 0; i < depth; i++) s = wrap(s, i);
	return s;
}

const str = { type: 'string', description: 'A value.' };
const manyProps = (n: number, prefix = 'p') => record(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, str] as const));

const ADVERSARIAL: [string, unknown][] = [
	['self $ref at the root', { $ref: '#' }],
	['self $ref in a property', { type: 'object', properties: { me: { $ref: '#' }, name: str } }],
	[
		'mutual $refs',
		{
			$ref: '#/$defs/a',
			$defs: {
				a: { type: 'object', properties: { b: { $ref: '#/$defs/b' } } },
				b: { type: 'object', properties: { a: { $ref: '#/$defs/a' } } },
			},
		},
	],
	['$ref to itself', { $defs: { a: { $ref: '#/$defs/a' } }, properties: { x: { $ref: '#/$defs/a' } } }],
	[
		'$ref cycle through allOf and items',
		{
			$defs: { n: { allOf: [{ $ref: '#/$defs/n' }], type: 'array', items: { $ref: '#/$defs/n' } } },
			properties: { list: { $ref: '#/$defs/n' } },
		},
	],
	['10,000 nested objects', nest(10_000, (inner) => ({ type: 'object', properties: { child: inner, name: str } }))],
	[
		'10,000 nested arrays',
		{ properties: { a: nest(10_000, (inner) => ({ type: 'array', items: inner }), { type: 'object', properties: { x: str } }) } },
	],
	['10,000 nested allOf', nest(10_000, (inner) => ({ allOf: [inner] }), { type: 'object', properties: { x: str } })],
	[
		'10,000 chained $refs',
		{
			$defs: record(
				Array.from({ length: 10_000 }, (_, i) => [`d${i}`, { $ref: `#/$defs/d${i + 1}`, properties: { [`x${i}`]: str } }] as const),
			),
			$ref: '#/$defs/d0',
		},
	],
	['boolean root true', true],
	['boolean root false', false],
	['boolean property schemas', { type: 'object', properties: { yes: true, no: false }, additionalProperties: false }],
	['string root', 'object'],
	['number root', 42],
	['array root', [{ type: 'object', properties: { a: str } }]],
	['null root', null],
	[
		'100,000-value enum',
		{ type: 'object', properties: { format: { type: 'string', enum: Array.from({ length: 100_000 }, (_, i) => `v${i}`) } } },
	],
	[
		'100,000-value action enum of verbs',
		{
			type: 'object',
			properties: { action: { enum: Array.from({ length: 100_000 }, (_, i) => ['get', 'list', 'update', 'delete', 'pay'][i % 5]! + i) } },
		},
	],
	['properties as an array', { type: 'object', properties: [{ name: 'a' }, str] }],
	['properties as a string', { type: 'object', properties: 'a,b' }],
	['properties as a number', { type: 'object', properties: 3 }],
	['required as an object', { type: 'object', properties: { a: str }, required: { a: true } }],
	['required with junk and duplicates', { type: 'object', properties: { a: str }, required: ['a', 'a', 1, null, {}] }],
	['items as a number', { type: 'object', properties: { a: { type: 'array', items: 7 } } }],
	['type as a number', { type: 7, properties: { a: { type: { not: 'string' } } } }],
	['type as an object', { type: { object: true }, properties: { a: str } }],
	['enum as an object', { type: 'object', properties: { action: { enum: { delete: 1 } } } }],
	['$ref as a number', { $ref: 5, properties: { a: { $ref: {} } } }],
	['allOf as a string', { allOf: 'x', anyOf: {}, oneOf: 3 }],
	['malformed pointer escapes', { $ref: '#/%E0%A4%A', properties: { a: { $ref: '#/~2/%' } } }],
	[
		'duplicate property names (last wins in JSON)',
		JSON.parse(
			'{"type":"object","properties":{"a":{"type":"string"},"a":{"type":"number"},"b":{},"b":{"type":"string","description":"<IMPORTANT>x</IMPORTANT>"}}}',
		),
	],
	[
		'empty and prototype property names',
		JSON.parse(
			'{"type":"object","properties":{"":{"type":"string"},"__proto__":{"type":"string","description":"p"},"constructor":{"type":"object"},"toString":{"type":"string"}},"required":["__proto__",""]}',
		),
	],
	[
		'names with dots, brackets, slashes and Unicode',
		{
			type: 'object',
			properties: record([
				['a.b', str],
				['c[0]', str],
				['d/e', str],
				['f~1g', str],
				['名前', str],
				['\u200Bhidden', str],
				['a\u202Eb', str],
			]),
		},
	],
	['5,000 properties (the walk budget)', { type: 'object', properties: manyProps(5_000) }],
	['50,000 properties (over the budget)', { type: 'object', properties: manyProps(50_000) }],
	[
		'$ref fan-in: 3,000 properties sharing a 3,000-property definition',
		{
			$defs: { big: { type: 'object', properties: manyProps(3_000, 'q') } },
			properties: record(Array.from({ length: 3_000 }, (_, i) => [`p${i}`, { $ref: '#/$defs/big' }] as const)),
		},
	],
];

describe('properties: hand-built adversarial schemas', () => {
	it.each(ADVERSARIAL)('%s: classifies, renders and validates', (_, inputSchema) => {
		const d = { name: 'manage_things', description: 'Manage things.', inputSchema } as McpTool;
		const { parameters, truncated } = listParameters(inputSchema);
		expect(parameters.length).toBeLessThanOrEqual(5000);
		expect(typeof truncated).toBe('boolean');
		checkPolicySet([pipeline(d), pipeline({ ...d, name: 'second' })]);
	});

	it('renders tools named like prototype keys as their own entries, and leaves a tool named "*" out', () => {
		const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '*', 'a.b', '名前'];
		checkPolicySet(names.map((name) => pipeline({ name: `get_${name}` })).concat(names.map((name) => pipeline({ name }))));
	});
});

// -------------------------------------------------------------------------------------------------------
// Linear work

/** Wraps a JSON value so every property read, key listing and `in` check on it (at any depth) is counted. */
function counted(value: unknown, counter: { reads: number }): unknown {
	const seen = new WeakMap<object, unknown>();
	const wrap = (v: unknown): unknown => {
		if (typeof v !== 'object' || v === null) return v;
		const hit = seen.get(v);
		if (hit !== undefined) return hit;
		const proxy = new Proxy(v, {
			get(t, k, r) {
				counter.reads++;
				return wrap(Reflect.get(t, k, r));
			},
			ownKeys(t) {
				counter.reads++;
				return Reflect.ownKeys(t);
			},
			getOwnPropertyDescriptor(t, k) {
				counter.reads++;
				const desc = Reflect.getOwnPropertyDescriptor(t, k);
				if (desc && 'value' in desc) desc.value = wrap(desc.value);
				return desc;
			},
			has(t, k) {
				counter.reads++;
				return Reflect.has(t, k);
			},
		});
		seen.set(v, proxy);
		return proxy;
	};
	return wrap(value);
}

/** Property reads by the whole classifier (schema walk plus every rule) on one schema. */
function work(inputSchema: unknown): number {
	const counter = { reads: 0 };
	classifyTool({
		definition: {
			name: 'manage_things',
			description: 'Manage things.',
			inputSchema: counted(inputSchema, counter) as Record<string, unknown>,
		},
	});
	return counter.reads;
}

/** JSON nodes in a value: the schema size work is measured against. */
function size(v: unknown): number {
	if (typeof v !== 'object' || v === null) return 1;
	let n = 1;
	for (const x of Object.values(v)) n += size(x);
	return n;
}

/** Schema families that grow with n, each exercising a different part of the walk. */
const SHAPES: Record<string, (n: number) => unknown> = {
	wide: (n) => ({ type: 'object', properties: manyProps(n) }),
	'allOf fan-out': (n) => ({ allOf: Array.from({ length: n }, (_, i) => ({ properties: { [`p${i}`]: str } })) }),
	'anyOf of objects': (n) => ({
		properties: { a: { anyOf: Array.from({ length: n }, (_, i) => ({ type: 'object', properties: { [`v${i}`]: str, shared: str } })) } },
	}),
	'nested and wide': (n) =>
		nest(20, (inner) => ({
			type: 'object',
			properties: record([['child', inner], ...Array.from({ length: Math.max(1, Math.round(n / 20)) }, (_, i) => [`k${i}`, str] as const)]),
		})),
	'$ref fan-in': (n) => ({
		$defs: { big: { type: 'object', properties: manyProps(n, 'q') } },
		properties: record(Array.from({ length: n }, (_, i) => [`p${i}`, { $ref: '#/$defs/big' }] as const)),
	}),
	'$ref chain': (n) => ({
		$defs: record(Array.from({ length: n }, (_, i) => [`d${i}`, { $ref: `#/$defs/d${i + 1}`, properties: { [`x${i}`]: str } }] as const)),
		$ref: '#/$defs/d0',
	}),
	'mutual cycles': (n) => ({
		$defs: record(
			Array.from(
				{ length: n },
				(_, i) =>
					[
						`n${i}`,
						{ type: 'object', properties: { next: { $ref: `#/$defs/n${(i + 1) % n}` }, back: { $ref: `#/$defs/n${(i + n - 1) % n}` } } },
					] as const,
			),
		),
		$ref: '#/$defs/n0',
	}),
	deep: (n) => nest(n, (inner) => ({ type: 'object', properties: { a: inner } })),
	'action enum': (n) => ({ properties: { action: { type: 'string', enum: Array.from({ length: n * 10 }, (_, i) => `update_${i}`) } } }),
	'array items': (n) => ({
		properties: { list: nest(n, (inner) => ({ type: 'array', items: inner }), { type: 'object', properties: manyProps(n) }) },
	}),
};

describe('properties: linear work', () => {
	it('property reads grow less than 16x when a schema grows 4x (deterministic counter)', () => {
		fc.assert(
			fc.property(fc.constantFrom(...Object.keys(SHAPES)), fc.integer({ min: 10, max: 400 }), (shape, n) => {
				const make = SHAPES[shape]!;
				const [small, large] = [make(n), make(4 * n)];
				const [w1, w4] = [work(small), work(large)];
				expect(w4, `${shape} n=${n}: ${w1} -> ${w4} reads`).toBeLessThan(16 * w1);
				// And bounded by size: a few reads per node, plus the walk budget for shapes that fan in.
				expect(w4, `${shape} n=${4 * n}`).toBeLessThan(40 * size(large) + 150_000);
			}),
			run(40),
		);
	});

	it('text scanning time grows less than 16x when a description grows 4x', () => {
		// Adversarial text for the phrase rules: starts of many patterns, long runs, hidden characters.
		const parts = [
			'ignore ',
			'you must ',
			'< ',
			'the ',
			'tool ',
			'\u200B',
			'instead of using ',
			'a_b ',
			'.env ',
			'~/',
			'# system ',
			'cc to a@',
			'<!--',
			'. Assistant, ',
			'\u001B[',
			'read and include it in ',
			'\u{E0041}',
			'\u{E0100}',
		];
		const adversarial = (n: number) => {
			let s = '';
			for (let i = 0; s.length < n; i++) s += parts[(i * 7919) % parts.length]!;
			return s;
		};
		const median = (n: number): number => {
			const description = adversarial(n);
			const times: number[] = [];
			for (let r = 0; r < 3; r++) {
				const t = performance.now();
				classifyTool({
					definition: { name: 'get_x', description, inputSchema: { type: 'object', properties: { q: { type: 'string', description } } } },
				});
				times.push(performance.now() - t);
			}
			return times.sort((a, b) => a - b)[1]!;
		};
		const small = median(50_000);
		const large = median(200_000);
		// A floor on the small time keeps a near-zero measurement from making the ratio meaningless.
		expect(large).toBeLessThan(16 * Math.max(small, 5));
	});
});
