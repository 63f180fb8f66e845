/**
 * The policy highlighter (src/lib/present/highlight.ts) against Shiki: for every whole-server policy in the
 * fixture catalogue and the hostile fixtures, every tool policy of the hostile fixtures, and generated
 * hostile tool names, each visible character must get the colour Shiki's JSON and YAML grammars give it
 * under the site's theme. Also: the HTML escapes everything and its text is the input, exactly. The
 * same comparison over every policy of the live catalogue is highlight.catalogue.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCatalogue } from '../../src/lib/catalogue.ts';
import { serverPolicySet, toolPolicySet } from '../../src/lib/policy/sets.ts';
import { classifyTool } from '../../src/lib/judge/classify.ts';
import { highlight, tokenizeYaml } from '../../src/lib/present/highlight.ts';
import { listParameters } from '../../src/lib/content/parameters.ts';
import { toolPolicy } from '../../src/lib/policy/facts.ts';
import { interceptYaml, policyLayerJson } from '../../src/lib/policy/render.ts';
import type { PolicySet } from '../../src/lib/policy/model.ts';
import { expectSameColours, firstDifference } from './highlight-shiki.ts';
import { fixtureCatalogue, readServerFiles } from './support.ts';

describe('policy highlighting matches Shiki', () => {
	it('for every whole-server policy in the fixture catalogue', () => {
		const catalogue = fixtureCatalogue();
		let units = 0;
		for (const server of catalogue.servers) {
			for (const unit of server.units) {
				expectSameColours(
					serverPolicySet(
						unit.name,
						unit.tools.map((t) => t.policy),
					),
					server.slug,
				);
				units++;
			}
		}
		// 20 servers with one policy each, and Automagik's 10 sub-servers.
		expect(units).toBe(30);
	});

	it('for every server and tool policy of the hostile fixtures', () => {
		const catalogue = buildCatalogue(readServerFiles('tests/fixtures/hostile-servers'));
		for (const server of catalogue.servers) {
			for (const unit of server.units)
				expectSameColours(
					serverPolicySet(
						unit.name,
						unit.tools.map((t) => t.policy),
					),
					server.slug,
				);
			for (const tool of server.tools) expectSameColours(toolPolicySet(server.file.name, tool.name, tool.policy), tool.id);
		}
		expect(catalogue.tools.length).toBeGreaterThan(20);
	});

	it('for generated tool names and descriptions', () => {
		const text = fc.string({ unit: 'grapheme', maxLength: 24 });
		const pieces = fc.constantFrom(
			'"',
			"'",
			'\\',
			':',
			': ',
			'- ',
			'#',
			'|',
			'>',
			'..',
			'yes',
			'0x1F',
			'1:30',
			'2024-01-01',
			'\\u001b',
			'\u001b',
			'\n',
			'  ',
			'{',
			'[',
			'<script>',
			'&amp;',
		);
		const name = fc
			.array(fc.oneof(text, pieces), { minLength: 1, maxLength: 5 })
			.map((p) => p.join(''))
			.filter((n) => n !== '');
		fc.assert(
			fc.property(name, fc.option(name), (toolName, param) => {
				const definition = {
					name: toolName,
					description: `delete ${toolName}`,
					inputSchema: {
						type: 'object' as const,
						properties: param ? { [param]: { type: 'string' }, path: { type: 'string' }, command: { type: 'string' } } : {},
					},
				};
				const judgement = classifyTool({ definition });
				const { parameters } = listParameters(definition.inputSchema);
				const set: PolicySet = { description: `${toolName}: generated`, tools: [toolPolicy(toolName, judgement, parameters)] };
				const yamlText = interceptYaml(set);
				// Shiki's YAML grammar ignores a block scalar's indentation digit (`|2-`, written when the text
				// starts with spaces) and misreads what follows; those documents are checked below instead.
				if (!/: [|>]\d/.test(yamlText) && !/- [|>]\d/.test(yamlText)) expect(firstDifference(yamlText, 'yaml'), yamlText).toBeUndefined();
				expect(firstDifference(policyLayerJson(set), 'json'), policyLayerJson(set)).toBeUndefined();
			}),
			{ numRuns: 300, seed: 5 },
		);
	});
});

describe('YAML block scalars', () => {
	const kinds = (code: string) => tokenizeYaml(code).map((t) => `${t.kind}:${JSON.stringify(t.text)}`);
	it('reads an indentation digit as YAML does: content starts that far past the holding node', () => {
		// What the yaml package writes for texts that begin with spaces (see src/lib/policy/render.ts).
		const code = 'hide:\n  - |2-\n      a\n    b\nk:\n  on_deny: |2-\n      q\n    r\nafter: x\n';
		const tokens = kinds(code);
		for (const content of ['      a', '    b', '      q', '    r']) expect(tokens).toContain(`string:${JSON.stringify(content)}`);
		expect(tokens).toContain('key:"after"');
		expect(tokens).toContain('constant:"2"');
	});
	it('keeps blank lines inside the scalar and ends it at a less-indented line', () => {
		const tokens = kinds('x: |-\n  a\n\n  b\nc: d\n');
		expect(tokens).toEqual(expect.arrayContaining(['indicator:"|-"', 'string:"  a"', 'string:"  b"', 'key:"c"', 'string:"d"']));
	});
});

describe('policy highlighting output', () => {
	const textOf = (html: string) =>
		html
			.replace(/<[^>]+>/g, '')
			.replace(/&lt;/g, '<')
			.replace(/&gt;/g, '>')
			.replace(/&quot;/g, '"')
			.replace(/&#39;/g, "'")
			.replace(/&amp;/g, '&');

	it.each([
		['json', '{\n  "<script>alert(1)</script>": "a&b",\n  "x": 30\n}\n'],
		['yaml', "tools:\n  \"<img src=x onerror=alert(1)>\":\n    rules: []\n  a&b: 'it''s'\n"],
	] as const)('escapes every character of %s and keeps the text', (lang, code) => {
		const html = highlight(code, lang);
		expect(html).not.toMatch(/<(?!\/?(?:pre|code|span)[\s>])/);
		expect(html).not.toContain('onerror=alert(1)>');
		expect(textOf(html)).toBe(code);
	});

	it('keeps the text of any input', () => {
		fc.assert(
			fc.property(
				fc.string({ unit: 'binary', maxLength: 200 }),
				fc.constantFrom('json' as const, 'yaml' as const),
				(code, lang) => textOf(highlight(code, lang)) === code,
			),
			{ numRuns: 500, seed: 7 },
		);
	});

	it.each([
		['json', '{\n  "max": 30,\n  "ok": true\n}', ['hk', 'hn']],
		['yaml', 'default: deny\nrate: 30\nkey: "a\\"b"\n', ['hk', 'hs', 'hn', 'he']],
	] as const)('colours %s by class, never by inline style', (lang, code, classes) => {
		const html = highlight(code, lang);
		expect(html).not.toContain('style=');
		for (const c of classes) expect(html).toContain(`class="${c}"`);
	});
});
