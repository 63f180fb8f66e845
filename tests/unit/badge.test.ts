/**
 * The server badge: wording rule, widths, colours (contrast), escaping, golden files, and that every
 * badge, hostile names included, is well-formed XML with exactly the elements and text we put there.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
	BADGE_COLOURS,
	BADGE_TEXT_COLOUR,
	badgeSnippets,
	badgeSummary,
	badgeSvg,
	escapeXml,
	textWidth,
} from '../../src/lib/present/badge.ts';
import type { RiskLevel } from '../../src/lib/taxonomy.ts';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'badges');

/** sax (strict mode, a pinned dev dependency) checks that every badge is well-formed XML. */
interface SaxParser {
	onerror: (e: Error) => void;
	onopentag: (tag: { name: string; attributes: Record<string, string> }) => void;
	ontext: (t: string) => void;
	write(s: string): SaxParser;
	close(): void;
}
const sax = createRequire(import.meta.url)('sax') as { parser(strict: boolean): SaxParser };

/** Parses strictly; returns the element names in order, each element's attributes and all text. */
function parseXml(xml: string): { tags: string[]; attributes: Record<string, string>[]; text: string } {
	const p = sax.parser(true);
	const tags: string[] = [];
	const attributes: Record<string, string>[] = [];
	let text = '';
	p.onerror = (e) => {
		throw e;
	};
	p.onopentag = (t) => {
		tags.push(t.name);
		attributes.push(t.attributes);
	};
	p.ontext = (t) => {
		text += t;
	};
	p.write(xml).close();
	return { tags, attributes, text };
}

const counts = (c: Partial<Record<RiskLevel, number>>): Record<RiskLevel, number> => ({ low: 0, medium: 0, high: 0, critical: 0, ...c });

const HOSTILE = [
	'<script>alert(1)</script>',
	'"><svg onload=alert(1)>',
	"' onmouseover='x",
	'&amp; &lt; ]]> <![CDATA[x]]>',
	'<!-- --> <?xml version="1.0"?> <!DOCTYPE x [<!ENTITY a "b">]>',
	'ctrl\u0000\u0001\u0008\u000b\u001f\ufffe\uffff end',
	'lone \ud800 surrogate \udc00',
	'\u202eevil\u202c \u200b zero',
	'x'.repeat(1000),
];

describe('badge wording', () => {
	it.each([
		[counts({ critical: 2, high: 1, medium: 5, low: 3 }), '2 critical · 1 high', 'critical'],
		[counts({ critical: 2, medium: 5, low: 3 }), '2 critical · 5 medium', 'critical'],
		[counts({ medium: 4, low: 7 }), '4 medium · 7 low', 'medium'],
		[counts({ low: 1 }), '1 low', 'low'],
		[counts({ high: 12 }), '12 high', 'high'],
		[counts({}), 'no tools', undefined],
	])('%j → %s', (c, text, level) => {
		expect(badgeSummary(c)).toEqual({ text, level });
	});
});

describe('badge geometry and colours', () => {
	it('measures text from the width table: wider letters, longer texts, zero-width marks', () => {
		expect(textWidth('')).toBe(0);
		expect(textWidth('W')).toBeGreaterThan(textWidth('i'));
		expect(textWidth('MCP risk')).toBeGreaterThan(40);
		expect(textWidth('MCP risk')).toBeLessThan(55);
		expect(textWidth('e\u0301')).toBe(textWidth('e'));
		expect(textWidth('漢')).toBeGreaterThan(textWidth('a'));
		expect(textWidth('aa')).toBeCloseTo(2 * textWidth('a'), 1);
	});

	it('sizes the value half to its text and sets textLength to the measured width', () => {
		const short = parseXml(badgeSvg({ serverName: 's', levelCounts: counts({ low: 1 }) }));
		const long = parseXml(badgeSvg({ serverName: 's', levelCounts: counts({ critical: 1234, high: 5678 }) }));
		expect(Number(long.attributes[0]!['width'])).toBeGreaterThan(Number(short.attributes[0]!['width']));
		const texts = long.attributes.filter((_, i) => long.tags[i] === 'text');
		expect(texts.map((a) => Number(a['textLength']))).toEqual([textWidth('MCP risk'), textWidth('1234 critical · 5678 high')]);
	});

	/** WCAG relative luminance and contrast ratio. */
	const luminance = (hex: string) => {
		const [r, g, b] = [1, 3, 5]
			.map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
			.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
		return 0.2126 * r + 0.7152 * g + 0.0722 * b;
	};
	const contrast = (a: string, b: string) => {
		const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
		return (hi + 0.05) / (lo + 0.05);
	};
	it.each(Object.entries(BADGE_COLOURS))('%s (%s) against white text: contrast at least 4.5:1', (_, colour) => {
		expect(contrast(colour, BADGE_TEXT_COLOUR)).toBeGreaterThanOrEqual(4.5);
	});
	it('the badge colour is the most severe level present', () => {
		const { attributes, tags } = parseXml(badgeSvg({ serverName: 's', levelCounts: counts({ critical: 1, low: 3 }) }));
		const rects = attributes.filter((_, i) => tags[i] === 'rect');
		expect(rects.map((r) => r['fill'])).toEqual([BADGE_COLOURS.label, BADGE_COLOURS.critical]);
	});
});

describe('badge goldens', () => {
	it.each([
		['agentmail', { serverName: 'Agentmail', levelCounts: counts({ critical: 1, medium: 5, low: 5 }) }],
		['read-only', { serverName: 'Fetch', levelCounts: counts({ low: 3 }) }],
		['empty', { serverName: 'Empty server', levelCounts: counts({}) }],
		['hostile', { serverName: '<script>alert("server")</script> & "quotes" \u0000', levelCounts: counts({ high: 2, critical: 10 }) }],
	])('%s', async (name, input) => {
		await expect(badgeSvg(input)).toMatchFileSnapshot(join(FIXTURES, `${name}.svg`));
	});
});

describe('badge escaping', () => {
	it('escapes the five XML specials and replaces characters XML cannot carry', () => {
		expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
		expect(escapeXml('a\u0000b\u000bc\ud800d')).toBe('a\ufffdb\ufffdc\ufffdd');
		expect(escapeXml('tab\tnew\nline 😀')).toBe('tab\tnew\nline 😀');
	});

	it.each(HOSTILE)('a server named %j gives well-formed XML with only our elements, and the name only as text', (serverName) => {
		const svg = badgeSvg({ serverName, levelCounts: counts({ critical: 1, medium: 2 }) });
		const { tags, attributes, text } = parseXml(svg);
		expect(tags).toEqual(['svg', 'title', 'g', 'rect', 'rect', 'g', 'text', 'text']);
		expect(Object.keys(attributes[0]!).sort()).toEqual(['aria-label', 'height', 'role', 'viewBox', 'width', 'xmlns']);
		expect(attributes[0]!['role']).toBe('img');
		expect(attributes[0]!['aria-label']).toMatch(/^MCP risk of .*: 1 critical · 2 medium$/s);
		expect(text).toContain('MCP risk');
		expect(svg.length).toBeLessThan(1500);
	});

	it('snippets link the badge image to the server page with absolute URLs, escaped', () => {
		const s = badgeSnippets('https://toolrisk.dev', 'agentmail', 'Agent [mail] "x" <y>');
		expect(s.markdown).toBe(
			'[![MCP risk of Agent \\[mail\\] "x" <y>](https://toolrisk.dev/servers/agentmail/badge.svg)](https://toolrisk.dev/servers/agentmail/)',
		);
		expect(s.html).toBe(
			'<a href="https://toolrisk.dev/servers/agentmail/"><img src="https://toolrisk.dev/servers/agentmail/badge.svg" alt="MCP risk of Agent [mail] &quot;x&quot; &lt;y&gt;"></a>',
		);
	});
});
