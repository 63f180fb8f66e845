/**
 * Text that cannot lie: which characters a page shows as visible markers (markedCharacters, withMarkers,
 * visibleSegments, visibleNodes), the policy texts that write them as escapes, and the site check's
 * `hidden-characters` rule, which fails a page holding any of them raw (planted violations).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { interceptText, policyLayerText } from '../../src/lib/policy/render.ts';
import type { InterceptPolicy } from '../../src/lib/policy/intercept-schema.ts';
import type { PolicyLayerPolicy } from '../../src/lib/policy/policylayer-schema.ts';
import { hasMarked, withMarkers } from '../../src/lib/text/unicode.ts';
import { jsonMayHoldUnsafe, markHtml, visibleNodes, visibleSegments } from '../../src/lib/text/visible-text.ts';
import { checkSites } from '../../src/verify/site-check.ts';
import { hiddenCharacters } from '../../src/verify/site-html.mjs';

const ROOT = join(import.meta.dirname, '..', '..');
const tags = (text: string) => [...text].map((c) => String.fromCodePoint(0xe0000 + c.codePointAt(0)!)).join('');

describe('marked characters', () => {
	it.each([
		['plain ASCII', 'send_email', 'send_email'],
		['a right-to-left override', 'read\u202Etxt.exe', 'readU+202Etxt.exe'],
		['isolates and embeddings', 'a\u2066b\u2069c\u202Ad\u202C', 'aU+2066bU+2069cU+202AdU+202C'],
		['zero-width characters and the BOM', 'get\u200Bweather\u2060\uFEFF', 'getU+200BweatherU+2060U+FEFF'],
		['the soft hyphen', 'soft\u00ADhyphen', 'softU+00ADhyphen'],
		['direction marks', 'a\u200Eb\u200Fc\u061C', 'aU+200EbU+200FcU+061C'],
		['tag characters', `x${tags('hi')}`, 'xU+E0068U+E0069'],
		['a run of variation selectors after an emoji', '😀\uFE01\uFE02', '😀U+FE01U+FE02'],
		['a selector after a letter', 'a\uFE0F', 'aU+FE0F'],
		['an emoji with its presentation selector (ordinary text)', '❤\uFE0F ok', '❤\uFE0F ok'],
		['accents and other scripts (ordinary text)', 'café Ωμέγα 日本', 'café Ωμέγα 日本'],
	])('%s: %j shows as %j', (_what, text, shown) => {
		expect(withMarkers(text)).toBe(shown);
		expect(hasMarked(text)).toBe(shown !== text);
		expect(
			visibleSegments(text)
				.map((s) => s.hidden ?? s.text)
				.join(''),
		).toBe(shown);
	});

	it('builds DOM nodes with a marker element per character, never HTML', () => {
		const doc = {
			createTextNode: (text: string): object => ({ text }),
			createElement: () => ({ className: '', title: '', textContent: '' as string | null }),
		};
		const nodes = visibleNodes('<b>a\u202Eb</b>', doc);
		expect(nodes).toEqual([
			{ text: '<b>a' },
			{ className: 'hidden-char', title: 'invisible character', textContent: 'U+202E' },
			{ text: 'b</b>' },
		]);
	});

	it('flags server files that may hold them, escaped or raw, so the page is cleaned', () => {
		expect(jsonMayHoldUnsafe('{"name":"plain"}')).toBe(false);
		expect(jsonMayHoldUnsafe('{"name":"a\u202Eb"}')).toBe(true);
		expect(jsonMayHoldUnsafe('{"name":"a\\u202eb"}')).toBe(true);
		expect(jsonMayHoldUnsafe('{"name":"a\\u00adb"}')).toBe(true);
		expect(jsonMayHoldUnsafe('{"name":"a\\udb40\\udc41"}')).toBe(true);
	});
});

describe('policy texts', () => {
	const intercept = { version: '1', tools: { 'read\u202Etxt': { note: 'zero\u200Bwidth', tag: `t${tags('A')}`, ok: 'plain ❤\uFE0F' } } };
	it('write marked characters as escapes that decode to the exact policy', () => {
		const yaml = interceptText(intercept as unknown as InterceptPolicy);
		const json = policyLayerText(intercept as unknown as PolicyLayerPolicy);
		for (const text of [yaml, json]) expect(hasMarked(text)).toBe(false);
		expect(yaml).toContain('"read\\u202Etxt":');
		expect(yaml).toContain('"t\\U000E0041"');
		expect(json).toContain('"t\\uDB40\\uDC41"');
		expect(parse(yaml)).toEqual(intercept);
		expect(JSON.parse(json)).toEqual(intercept);
	});
	it('leave a policy without them as it was', () => {
		const plain = { version: '1', tools: { read: { ok: 'plain' } } };
		expect(interceptText(plain as unknown as InterceptPolicy)).toBe('version: "1"\ntools:\n  read:\n    ok: plain\n');
	});
});

describe('the site check fails raw invisible and bidirectional characters', () => {
	it.each([
		['a text node', '<p>read\u202Etxt.exe</p>', ['U+202E']],
		['an attribute', '<a title="get\u200Bweather" href="#">x</a>', ['U+200B']],
		['the title', '<title>a\u2066b\u2069</title>', ['U+2066', 'U+2069']],
		['a meta description', '<meta name="description" content="soft\u00ADhyphen">', ['U+00AD']],
		['tag characters', `<p>x${tags('ab')}</p>`, ['U+E0061', 'U+E0062']],
		['smuggling selectors', '<p>😀\uFE01\uFE02</p>', ['U+FE01', 'U+FE02']],
		['markers (what pages show instead)', '<p>read<span class="hidden-char">U+202E</span>txt</p>', []],
		['an emoji with its presentation selector', '<p>❤\uFE0F</p>', []],
		['controls (left to the forbidden-character check)', '<p>a\u0001b</p>', []],
	])('in %s', (_where, html, codes) => expect(hiddenCharacters(html, 100).map((c: { code: string }) => c.code)).toEqual(codes));

	it('caps what one page reports', () => expect(hiddenCharacters('\u200B'.repeat(20))).toHaveLength(5));

	const temp = mkdtempSync(join(tmpdir(), 'toolrisk-hidden-check-'));
	afterAll(() => rmSync(temp, { recursive: true, force: true }));
	it('reports each with file, line and code, and passes a page that shows markers', { timeout: 60_000 }, async () => {
		const social =
			'<meta property="og:title" content="t"><meta property="og:description" content="d"><meta property="og:type" content="website"><meta property="og:site_name" content="toolrisk"><meta name="twitter:card" content="summary">';
		const page = (title: string, body: string) =>
			`<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${title}</title>${social}</head><body><main id="main">\n${body}\n</main></body></html>\n`;
		const dir = join(temp, 'site');
		mkdirSync(join(dir, 'ok'), { recursive: true });
		writeFileSync(join(dir, 'index.html'), page('read\u202Etxt', '<p>one</p>\n<p title="a\u200Bb">two</p>'));
		writeFileSync(join(dir, 'ok', 'index.html'), page('readU+202Etxt', '<p>read<span class="hidden-char">U+202E</span>txt</p>'));
		const result = await checkSites([dir], { root: ROOT, jobs: 1 });
		const hidden = result.problems.filter((p) => p.check === 'hidden-characters');
		expect(hidden.map((p) => [p.file.slice(dir.length + 1), p.line, p.message.split(' ')[1]])).toEqual([
			['index.html', 2, 'U+202E'],
			['index.html', 4, 'U+200B'],
		]);
	});
});

describe('markHtml (the middleware)', () => {
	it.each([
		['clean pages unchanged', '<p title="a">b</p>', '<p title="a">b</p>'],
		['text gets the marker element', '<p>a\u202Eb</p>', '<p>a<span class="hidden-char" title="invisible character">U+202E</span>b</p>'],
		['attributes get the code', '<meta content="a\u200Bb">', '<meta content="aU+200Bb">'],
		['the title gets the code', '<title>a\u2066b</title><p>c</p>', '<title>aU+2066b</title><p>c</p>'],
		['options get the code', '<select><option>a\u00ADb</option></select>', '<select><option>aU+00ADb</option></select>'],
		['markers already there stay', '<span class="hidden-char">U+202E</span>', '<span class="hidden-char">U+202E</span>'],
	])('%s', (_what, html, out) => expect(markHtml(html)).toBe(out));
});
