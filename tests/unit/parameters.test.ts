/**
 * listParameters: the schema walk every signal rule depends on. Third-party schemas are odd (cycles,
 * boolean schemas, unions, absurd depth), so besides the ordinary shapes this checks that the walk never
 * throws, always terminates, and says when it stopped early.
 */
import { describe, expect, it } from 'vitest';
import { listParameters, type Parameter } from '../../src/lib/content/parameters.ts';

/** `{ path: [types, required] }`: the compact shape most rows assert. */
function shape(parameters: readonly Parameter[]): Record<string, [string[], boolean]> {
	return Object.fromEntries(parameters.map((p) => [p.path, [p.types, p.required]]));
}

const paths = (schema: unknown) => listParameters(schema).parameters.map((p) => p.path);

/** `depth` objects nested under property `a`, built iteratively (a recursive builder would be the thing overflowing). */
function nestedProperties(depth: number): Record<string, unknown> {
	let node: Record<string, unknown> = { type: 'string' };
	for (let i = 0; i < depth; i++) node = { type: 'object', properties: { a: node } };
	return node;
}

describe('listParameters: nesting', () => {
	it('lists nested objects and arrays of objects with a.b and a[].b paths', () => {
		const schema = {
			type: 'object',
			properties: {
				to: { type: 'array', items: { type: 'string' } },
				attachments: {
					type: 'array',
					items: {
						type: 'object',
						properties: { filename: { type: 'string' }, url: { type: 'string', format: 'uri' } },
						required: ['url'],
					},
				},
				options: { type: 'object', properties: { retry: { type: 'object', properties: { max: { type: 'integer' } } } } },
			},
			required: ['to'],
		};
		const { parameters, truncated } = listParameters(schema);
		expect(truncated).toBe(false);
		expect(shape(parameters)).toEqual({
			to: [['array'], true],
			attachments: [['array'], false],
			'attachments[].filename': [['string'], false],
			'attachments[].url': [['string'], true],
			options: [['object'], false],
			'options.retry': [['object'], false],
			'options.retry.max': [['integer'], false],
		});
		const url = parameters.find((p) => p.path === 'attachments[].url');
		expect(url).toMatchObject({ name: 'url', depth: 1, format: 'uri', pointer: '/properties/attachments/items/properties/url' });
		expect(parameters.find((p) => p.path === 'options.retry.max')?.depth).toBe(2);
	});

	it('reads tuple-form items (an array of schemas)', () => {
		expect(
			paths({
				type: 'object',
				properties: {
					pair: {
						type: 'array',
						items: [
							{ type: 'object', properties: { k: {} } },
							{ type: 'object', properties: { v: {} } },
						],
					},
				},
			}),
		).toEqual(['pair', 'pair[].k', 'pair[].v']);
	});

	it('escapes property names in JSON Pointers', () => {
		const p = listParameters({ type: 'object', properties: { 'a/b~c': { type: 'string' } } }).parameters[0];
		expect(p).toMatchObject({ path: 'a/b~c', name: 'a/b~c', pointer: '/properties/a~1b~0c' });
	});

	it('keeps descriptions (falling back to title), enums, defaults and formats', () => {
		const [a, b, c] = listParameters({
			type: 'object',
			properties: {
				a: { type: 'string', description: 'The A', enum: ['x', 'y'], default: 'x' },
				b: { type: 'string', title: 'Bee', default: null },
				c: { type: 'string', format: 'date-time' },
			},
		}).parameters;
		expect(a).toMatchObject({ description: 'The A', enum: ['x', 'y'], default: 'x', hasDefault: true });
		expect(b).toMatchObject({ description: 'Bee', default: null, hasDefault: true });
		expect(c).toMatchObject({ format: 'date-time', hasDefault: false });
		expect(c).not.toHaveProperty('default');
	});
});

describe('listParameters: required flags', () => {
	it('marks names listed in the declaring object only, at every level', () => {
		const { parameters } = listParameters({
			type: 'object',
			properties: {
				a: { type: 'string' },
				b: { type: 'object', properties: { a: { type: 'string' }, c: { type: 'string' } }, required: ['c'] },
			},
			required: ['a', 'missing', 42],
		});
		expect(shape(parameters)).toEqual({
			a: [['string'], true],
			b: [['object'], false],
			'b.a': [['string'], false],
			'b.c': [['string'], true],
		});
	});

	it('merges required lists of allOf parts', () => {
		const { parameters } = listParameters({ allOf: [{ type: 'object', properties: { a: {}, b: {} } }, { required: ['b'] }] });
		expect(shape(parameters)).toEqual({ a: [[], false], b: [[], true] });
	});
});

describe('listParameters: $ref', () => {
	it('follows $ref to $defs and to draft-07 definitions', () => {
		const schema = {
			type: 'object',
			properties: { user: { $ref: '#/$defs/User' }, address: { $ref: '#/definitions/Address', description: 'Where to ship' } },
			$defs: { User: { type: 'object', properties: { email: { type: 'string' } }, required: ['email'] } },
			definitions: { Address: { type: 'object', properties: { line1: { type: 'string' } } } },
		};
		const { parameters, truncated } = listParameters(schema);
		expect(truncated).toBe(false);
		expect(shape(parameters)).toEqual({
			user: [['object'], false],
			'user.email': [['string'], true],
			address: [['object'], false],
			'address.line1': [['string'], false],
		});
		// The referring schema's own keywords win over the target's (it is listed first).
		expect(parameters.find((p) => p.path === 'address')?.description).toBe('Where to ship');
	});

	it('follows a root $ref (pydantic style)', () => {
		expect(paths({ $ref: '#/$defs/Args', $defs: { Args: { type: 'object', properties: { q: { type: 'string' } } } } })).toEqual(['q']);
	});

	it('ignores remote, unresolvable and non-string refs', () => {
		const { parameters, truncated } = listParameters({
			type: 'object',
			properties: {
				a: { $ref: 'https://example.com/schema.json' },
				b: { $ref: '#/$defs/nope' },
				c: { $ref: 42 },
				d: { $ref: '#/properties/a/../../x' },
			},
		});
		expect(truncated).toBe(false);
		expect(shape(parameters)).toEqual({ a: [[], false], b: [[], false], c: [[], false], d: [[], false] });
	});

	it('terminates on a $ref cycle, listing the real properties first and reporting the cut', () => {
		const schema = {
			$ref: '#/$defs/node',
			$defs: { node: { type: 'object', properties: { name: { type: 'string' }, child: { $ref: '#/$defs/node' } } } },
		};
		const started = performance.now();
		const { parameters, truncated } = listParameters(schema);
		expect(performance.now() - started).toBeLessThan(1_000);
		expect(parameters.slice(0, 3).map((p) => p.path)).toEqual(['name', 'child', 'child.name']);
		expect(parameters.find((p) => p.path === 'child')?.types).toEqual(['object']);
		// Either the walk cut the cycle where it closed (nothing missing, nothing to report) or it ran to its
		// depth budget and says so; a long list without the flag would hide that parameters are missing.
		const cutAtCycle = parameters.length === 3 && !truncated;
		const cutAtBudget = truncated && parameters.length <= 2 * 26;
		expect(cutAtCycle || cutAtBudget, `${parameters.length} parameters, truncated ${truncated}`).toBe(true);
	});

	it('terminates on mutual and self-referencing refs', () => {
		expect(listParameters({ $ref: '#' }).parameters).toEqual([]);
		const mutual = listParameters({ $ref: '#/$defs/a', $defs: { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } } });
		expect(mutual).toEqual({ parameters: [], truncated: false });
	});

	// Regression (visitObject once passed its caller's refs on): the module promises to follow "each $ref once per
	// branch", but visitObject passes its caller's `seen` set on, never the refs `variants` followed, so a
	// recursive schema is unrolled to the depth budget: this two-property tree lists 49 parameters
	// (`child.child.child...`) and classifyTool reports many-parameters ("49 properties") for it.
	it('follows each $ref once per branch, so a two-property recursive schema lists three parameters', () => {
		const { parameters } = listParameters({
			$ref: '#/$defs/node',
			$defs: { node: { type: 'object', properties: { name: { type: 'string' }, child: { $ref: '#/$defs/node' } } } },
		});
		expect(parameters.map((p) => p.path)).toEqual(['name', 'child', 'child.name']);
	});

	// Regression (resolveRef): `decodeURIComponent` throws URIError on a malformed
	// escape, so `$ref: "#/%"` makes listParameters (and classifyTool, and the whole build) throw, although
	// the walk "never throws".
	it('does not throw on a $ref with a malformed percent escape', () => {
		expect(() => listParameters({ type: 'object', properties: { x: { $ref: '#/%' } } })).not.toThrow();
	});
});

describe('listParameters: unions and odd schemas', () => {
	it('merges anyOf / oneOf types, nullable included', () => {
		const { parameters } = listParameters({
			type: 'object',
			properties: {
				name: { anyOf: [{ type: 'string' }, { type: 'null' }], default: null, title: 'Name' },
				count: { type: ['integer', 'null'] },
				either: { oneOf: [{ type: 'string' }, { type: 'object', properties: { id: { type: 'string' } } }] },
			},
		});
		expect(shape(parameters)).toEqual({
			name: [['string', 'null'], false],
			count: [['integer', 'null'], false],
			either: [['string', 'object'], false],
			'either.id': [['string'], false],
		});
		expect(parameters[0]).toMatchObject({ hasDefault: true, default: null, description: 'Name' });
	});

	it.each([
		['true', true],
		['false', false],
		['null', null],
		['undefined', undefined],
		['a string', 'object'],
		['a number', 42],
		['an array', [{ type: 'object' }]],
		['an object without properties', { type: 'object' }],
		['properties as an array', { type: 'object', properties: ['a', 'b'] }],
		['properties as null', { type: 'object', properties: null }],
	])('returns an empty list for a root that is %s', (_label, schema) => {
		expect(listParameters(schema)).toEqual({ parameters: [], truncated: false });
	});

	it('lists boolean and null property schemas with no types', () => {
		const { parameters } = listParameters({
			type: 'object',
			properties: { yes: true, no: false, nothing: null, wrong: { type: 7, required: 'x', enum: 'y' } },
		});
		expect(shape(parameters)).toEqual({ yes: [[], false], no: [[], false], nothing: [[], false], wrong: [[], false] });
		expect(parameters.find((p) => p.path === 'wrong')).not.toHaveProperty('enum');
	});
});

describe('listParameters: free-form objects', () => {
	it('marks objects with no declared properties at the parameter, and arrays of them at path[]', () => {
		const { parameters } = listParameters({
			type: 'object',
			properties: {
				data: { type: 'object', description: 'Arbitrary fields' },
				meta: { type: 'object', additionalProperties: true },
				nullable: { anyOf: [{ type: 'object', additionalProperties: true }, { type: 'null' }] },
				contacts: { type: 'array', items: { type: 'object' } },
				closed: { type: 'object', additionalProperties: false },
				shaped: { type: 'object', properties: { id: { type: 'string' } } },
				text: { type: 'string' },
				list: { type: 'array', items: { type: 'string' } },
			},
		});
		const freeForm = Object.fromEntries(parameters.filter((p) => p.freeFormAt !== undefined).map((p) => [p.path, p.freeFormAt]));
		expect(freeForm).toEqual({ data: 'data', meta: 'meta', nullable: 'nullable', contacts: 'contacts[]' });
	});
});

describe('listParameters: budgets', () => {
	it('survives 5,000 levels of nested properties quickly and reports truncation', () => {
		const schema = nestedProperties(5_000);
		const started = performance.now();
		const { parameters, truncated } = listParameters(schema);
		expect(performance.now() - started).toBeLessThan(1_000);
		expect(truncated).toBe(true);
		expect(parameters.length).toBeGreaterThan(0);
		expect(parameters.length).toBeLessThanOrEqual(26);
		expect(parameters[0]?.path).toBe('a');
	});

	it('survives 5,000 levels of nested allOf, array items and $ref chains without throwing', () => {
		let allOf: unknown = { type: 'object', properties: { x: { type: 'string' } } };
		let items: unknown = { type: 'object', properties: { x: { type: 'string' } } };
		const defs: Record<string, unknown> = { d5000: { type: 'object', properties: { x: { type: 'string' } } } };
		for (let i = 0; i < 5_000; i++) {
			allOf = { allOf: [allOf] };
			items = { type: 'array', items };
			defs[`d${i}`] = { $ref: `#/$defs/d${i + 1}` };
		}
		const started = performance.now();
		for (const schema of [allOf, { type: 'object', properties: { items } }, { $ref: '#/$defs/d0', $defs: defs }]) {
			expect(() => listParameters(schema)).not.toThrow();
		}
		expect(performance.now() - started).toBeLessThan(2_000);
	});

	it('stops at the node budget on a very wide schema and says so', () => {
		const properties: Record<string, unknown> = {};
		for (let i = 0; i < 6_000; i++) properties[`p${i}`] = { type: 'string' };
		const { parameters, truncated } = listParameters({ type: 'object', properties });
		expect(truncated).toBe(true);
		expect(parameters.length).toBeLessThanOrEqual(5_000);
		expect(parameters[0]?.path).toBe('p0');
	});

	it('honours custom limits', () => {
		const { parameters, truncated } = listParameters(nestedProperties(10), { maxDepth: 2, maxNodes: 100 });
		expect(parameters.map((p) => p.path)).toEqual(['a', 'a.a', 'a.a.a']);
		expect(truncated).toBe(true);
	});

	// Regression (variants): past maxDepth the combinator walk returns without
	// setting `truncated`, so a schema wrapped in 5,000 allOf layers yields no parameters and
	// `truncated: false`, which reads as "this tool takes no arguments".
	it('reports truncation when allOf nesting exceeds the depth budget', () => {
		let schema: unknown = { type: 'object', properties: { x: { type: 'string' } } };
		for (let i = 0; i < 5_000; i++) schema = { allOf: [schema] };
		expect(listParameters(schema).truncated).toBe(true);
	});

	// Regression (visitObject): `items` were only read on a parameter's own schema,
	// so the properties of an array of arrays are never visited: `rows[][].url` is missing (no url-input
	// signal) and `truncated` stays false.
	it('lists properties inside arrays of arrays', () => {
		const schema = {
			type: 'object',
			properties: { rows: { type: 'array', items: { type: 'array', items: { type: 'object', properties: { url: { type: 'string' } } } } } },
		};
		expect(paths(schema)).toContain('rows[][].url');
	});
});
