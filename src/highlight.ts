/**
 * Syntax highlighting for policy snippets: one synchronous Shiki highlighter with only the two
 * grammars and the one theme the site uses, created once per build and memoised by input (many tools
 * share the same snippet text shape, and a page may ask twice).
 */
import { createHighlighterCoreSync } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import json from 'shiki/dist/langs/json.mjs';
import yaml from 'shiki/dist/langs/yaml.mjs';
import theme from 'shiki/dist/themes/github-light-high-contrast.mjs';

const highlighter = createHighlighterCoreSync({ themes: [theme], langs: [json, yaml], engine: createJavaScriptRegexEngine() });
const cache = new Map<string, string>();
const MAX_CACHE = 2000;

/** Highlighted HTML (`<pre class="shiki">…`) for a JSON or YAML snippet. Shiki escapes the code. */
export function highlight(code: string, lang: 'json' | 'yaml'): string {
	const key = `${lang}\u0000${code}`;
	const hit = cache.get(key);
	if (hit !== undefined) return hit;
	const html = highlighter.codeToHtml(code, { lang, theme: 'github-light-high-contrast' });
	if (cache.size >= MAX_CACHE) cache.clear();
	cache.set(key, html);
	return html;
}
