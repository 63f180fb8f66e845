/**
 * The gold set: its file formats (src/lib/content/gold.ts) and the sampler (src/lib/judge/gold-sample.ts). The
 * committed sample itself is checked in gold.catalogue.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { agreementSample, batches, features, nameTokens, select, toolHash, type CatalogueTool } from '../../src/lib/judge/gold-sample.ts';
import { goldDefinition, goldLabelSchema, goldToolSchema, parseJsonLines } from '../../src/lib/content/gold.ts';
import { fixtureServer } from './support.ts';

describe('parseJsonLines', () => {
	it('parses valid labels and skips blank lines', () => {
		const text = '{"server":"s","tool":"t","category":"read","reason":"lists rows","labeller":"A"}\n\n';
		expect(parseJsonLines(text, 'x.jsonl', goldLabelSchema)).toEqual([
			{ server: 's', tool: 't', category: 'read', reason: 'lists rows', labeller: 'A' },
		]);
	});

	it.each([
		['not JSON', '{server', /line 1: expected one JSON value/],
		['an unknown category', '{"server":"s","tool":"t","category":"danger","reason":"x y z","labeller":"A"}', /line 1: category: /],
		[
			'a two-line reason',
			'{"server":"s","tool":"t","category":"write","reason":"one\\ntwo","labeller":"B"}',
			/line 1: reason: expected one line/,
		],
		['an unknown labeller', '{"server":"s","tool":"t","category":"write","reason":"adds a row","labeller":"C"}', /line 1: labeller: /],
		['a missing tool', '{"server":"s","category":"write","reason":"adds a row","labeller":"A"}', /line 1: tool: /],
		[
			'an extra field',
			'{"server":"s","tool":"t","category":"write","reason":"adds a row","labeller":"A","level":"low"}',
			/line 1: .*level/,
		],
	])('rejects %s, naming the file, line and field', (_, text, message) => {
		expect(() => parseJsonLines(text, 'labels/batch-1.jsonl', goldLabelSchema)).toThrow(/labels\/batch-1\.jsonl is invalid/);
		expect(() => parseJsonLines(text, 'labels/batch-1.jsonl', goldLabelSchema)).toThrow(message);
	});

	it('rejects a sample line whose why is not a stratum', () => {
		expect(() => parseJsonLines('{"server":"s","tool":"t","why":"because"}', 'tools.jsonl', goldToolSchema)).toThrow(/line 1: why: /);
	});
});

describe('nameTokens', () => {
	it.each([
		['browser_click', ['browser', 'click']],
		['API-create-a-comment', ['api', 'create', 'a', 'comment']],
		['billing_createPurchaseOrderV1', ['billing', 'create', 'purchase', 'order']],
		['getHTMLPage', ['get', 'html', 'page']],
		['mcp_howtocook_getAllRecipes', ['mcp', 'howtocook', 'get', 'all', 'recipes']],
	])('%s', (name, tokens) => expect(nameTokens(name)).toEqual(tokens));
});

describe('features (the sampling proxy)', () => {
	it.each([
		[{ name: 'list_files', description: 'List files in a folder.' }, 'read'],
		[{ name: 'create_issue', description: 'Create an issue.' }, 'write'],
		[{ name: 'delete_branch', description: 'Delete a branch.' }, 'destructive'],
		[{ name: 'read-command', description: 'Execute a read-only command on the host.' }, 'execute'],
		[
			{ name: 'query', description: 'Query the database.', inputSchema: { type: 'object', properties: { sql: { type: 'string' } } } },
			'execute',
		],
		[{ name: 'create-payment', description: 'Create a payment against an invoice.' }, 'financial'],
		[{ name: 'place-market-order', description: 'Place a market order on an exchange' }, 'financial'],
		[{ name: 'get_test_case', description: 'Get a test case by id.' }, 'read'],
		[{ name: 'frobnicate', description: 'Frobnicate the widget.' }, 'unknown'],
	])('%o → %s', (def, proxy) => expect(features(def).proxy).toBe(proxy));

	it('notes read-only markers, compound openings, leading blank lines and declared hints', () => {
		const f = features({
			name: 'deploy_plan',
			description: '\n\nCompute the plan (dry-run, makes no changes) and then apply it.',
			annotations: { readOnlyHint: true },
		});
		expect(f).toMatchObject({ readOnlyMarker: true, compound: true, leadingWhitespace: true, annotated: true });
		expect(features({ name: 'x', description: '只读查询，不产生任何变更' }).readOnlyMarker).toBe(true);
		expect(features({ name: 'x', description: '获取城市的天气信息和预报' }).language).toBe('Chinese');
	});
});

function syntheticCatalogue(): CatalogueTool[] {
	const verbs = ['get', 'list', 'create', 'update', 'delete', 'run', 'pay'];
	const tools: CatalogueTool[] = [];
	for (let s = 0; s < 30; s++) {
		for (let i = 0; i < 12; i++) {
			const definition = { name: `${verbs[(s + i) % verbs.length]}_thing_${i}`, description: `Does thing ${i}.` };
			tools.push({
				server: `server-${s}`,
				index: i,
				definition,
				features: features(definition),
				hash: toolHash('t', `server-${s}`, undefined, definition.name),
			});
		}
	}
	return tools;
}

describe('select, batches, agreementSample', () => {
	const tools = syntheticCatalogue();
	const top = new Set(['server-0', 'server-1']);

	it('is deterministic, includes every top server tool, and covers every server', () => {
		const a = select(tools, top, 200);
		const b = select([...tools].reverse(), top, 200);
		expect(a.map((p) => `${p.server}/${p.definition.name}`).sort()).toEqual(b.map((p) => `${p.server}/${p.definition.name}`).sort());
		expect(a.filter((p) => p.why === 'top-40')).toHaveLength(24);
		expect(new Set(a.map((p) => p.server)).size).toBe(30);
		expect(new Set(a.map((p) => `${p.server}/${p.definition.name}`)).size).toBe(a.length);
		expect(a.length).toBeGreaterThanOrEqual(200);
		// Strata are drawn whole; the fill only tops the sample up to the size asked for.
		expect(select(tools, top, 360)).toHaveLength(360);
	});

	it('deals batches of equal size (within one) that together are the sample', () => {
		const sample = select(tools, top, 203);
		const list = batches(sample, 5);
		const sizes = list.map((b) => b.length);
		expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
		expect(
			list
				.flat()
				.map((p) => p.hash)
				.sort(),
		).toEqual(sample.map((p) => p.hash).sort());
	});

	it('draws the agreement sample evenly from the batches, each tool from its own batch', () => {
		const list = batches(select(tools, top, 250), 5);
		const agreement = agreementSample(list, 60);
		expect(agreement).toHaveLength(60);
		for (let b = 1; b <= 5; b++) expect(agreement.filter((a) => a.batch === b)).toHaveLength(12);
		for (const a of agreement) expect(list[a.batch - 1]).toContain(a.tool);
	});
});

describe('goldDefinition', () => {
	it('turns a line back into an MCP definition', () => {
		// A real tool (its fixture copy), written as a sample line the way the sampler writes one.
		const { name, title, description, inputSchema, annotations } = fixtureServer('agentmail').tools[0]!.definition;
		const line = goldToolSchema.parse({ server: 'agentmail', tool: name, title, description, inputSchema, annotations });
		expect(goldDefinition(line)).toEqual({ name, title, description, inputSchema, annotations });
		expect(goldDefinition(line).name).toBe(line.tool);
		expect(goldDefinition(line).description).toBe(line.description);
	});
});
