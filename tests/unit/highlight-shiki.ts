/**
 * The reference the policy highlighter is held to: Shiki's JSON and YAML grammars under the site's
 * theme. Shared by highlight.test.ts (fixtures, hostile and generated names) and
 * highlight.catalogue.test.ts (every policy of the live catalogue).
 */
import { createHighlighterCoreSync } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import json from 'shiki/dist/langs/json.mjs';
import yaml from 'shiki/dist/langs/yaml.mjs';
import theme from 'shiki/dist/themes/github-light-high-contrast.mjs';
import { expect } from 'vitest';
import { TOKEN_COLOURS, tokenizeJson, tokenizeYaml } from '../../src/lib/present/highlight.ts';
import { interceptYaml, policyLayerJson } from '../../src/lib/policy/render.ts';
import type { PolicySet } from '../../src/lib/policy/model.ts';

const shiki = createHighlighterCoreSync({ themes: [theme], langs: [json, yaml], engine: createJavaScriptRegexEngine() });
const THEME = 'github-light-high-contrast';

/**
 * One colour per UTF-16 unit, or a description of the first difference from Shiki's (whitespace is not compared: it has no
 * visible colour).
 */
export function firstDifference(code: string, lang: 'json' | 'yaml'): string | undefined {
	const expected: string[] = [];
	// No time limit: on a loaded machine Shiki otherwise gives up on a line after 500 ms and leaves it uncoloured.
	shiki.codeToTokensBase(code, { lang, theme: THEME, tokenizeTimeLimit: 0 }).forEach((line, i) => {
		if (i > 0) expected.push('');
		for (const t of line) for (let k = 0; k < t.content.length; k++) expected.push((t.color ?? '').toUpperCase());
	});
	const actual: string[] = [];
	for (const t of lang === 'json' ? tokenizeJson(code) : tokenizeYaml(code))
		for (let k = 0; k < t.text.length; k++) actual.push(TOKEN_COLOURS[t.kind].toUpperCase());
	if (actual.length !== code.length) return `tokens cover ${actual.length} of ${code.length} characters`;
	for (let i = 0; i < code.length; i++) {
		if (/\s/.test(code[i]!) || expected[i] === actual[i]) continue;
		const start = code.lastIndexOf('\n', i) + 1;
		const end = code.indexOf('\n', i);
		return `${JSON.stringify(code.slice(start, end < 0 ? undefined : end))} column ${i - start}: Shiki ${expected[i]}, ours ${actual[i]}`;
	}
	return undefined;
}

/** Both documents of a policy set get Shiki's colours, character for character. */
export function expectSameColours(set: PolicySet, label: string): void {
	expect(firstDifference(interceptYaml(set), 'yaml'), `${label} (YAML)`).toBeUndefined();
	expect(firstDifference(policyLayerJson(set), 'json'), `${label} (JSON)`).toBeUndefined();
}
