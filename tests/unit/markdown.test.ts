import { describe, expect, it } from 'vitest';
import {
	inlineText,
	markdownToPlain,
	parseInlines,
	parseMarkdown,
	safeHref,
	type Block,
	type Inline,
} from '../../src/lib/text/markdown.ts';

const text = (t: string): Inline => ({ kind: 'text', text: t });
const para = (...children: Inline[]): Block => ({ kind: 'paragraph', children });

/** Every link target in a tree. */
function hrefs(blocks: readonly Block[]): string[] {
	const out: string[] = [];
	const inl = (nodes: readonly Inline[]) => {
		for (const n of nodes) {
			if (n.kind === 'link') out.push(n.href);
			if ('children' in n) inl(n.children);
		}
	};
	const blk = (bs: readonly Block[]) => {
		for (const b of bs) {
			if (b.kind === 'paragraph' || b.kind === 'heading') inl(b.children);
			if (b.kind === 'list') b.items.forEach(blk);
		}
	};
	blk(blocks);
	return out;
}

describe('parseMarkdown: structure', () => {
	it.each<[string, string, Block[]]>([
		['plain text is one paragraph', 'Reads a file.', [para(text('Reads a file.'))]],
		['blank lines split paragraphs', 'One.\n\nTwo.', [para(text('One.')), para(text('Two.'))]],
		['single line breaks stay inside the paragraph', 'Line one\nline two', [para(text('Line one\nline two'))]],
		['CRLF reads as LF', 'One.\r\n\r\nTwo.', [para(text('One.')), para(text('Two.'))]],
		['bold label then text', '**Purpose:** Send mail.', [para({ kind: 'strong', children: [text('Purpose:')] }, text(' Send mail.'))]],
		[
			'a bullet list after a paragraph line',
			'When to use:\n- one\n- two',
			[para(text('When to use:')), { kind: 'list', ordered: false, start: 1, items: [[para(text('one'))], [para(text('two'))]] }],
		],
		[
			'an ordered list keeps its start',
			'3. three\n4. four',
			[{ kind: 'list', ordered: true, start: 3, items: [[para(text('three'))], [para(text('four'))]] }],
		],
		[
			'a nested list',
			'- a\n  - b\n- c',
			[
				{
					kind: 'list',
					ordered: false,
					start: 1,
					items: [[para(text('a')), { kind: 'list', ordered: false, start: 1, items: [[para(text('b'))]] }], [para(text('c'))]],
				},
			],
		],
		['a fenced code block keeps its text exactly', '```json\n{"a": 1}\n  <b>\n```', [{ kind: 'code', text: '{"a": 1}\n  <b>' }]],
		['an unclosed fence runs to the end', '~~~\nx\ny', [{ kind: 'code', text: 'x\ny' }]],
		['a heading', '## Returns', [{ kind: 'heading', children: [text('Returns')] }]],
		['a hashtag is not a heading', '#tag here', [para(text('#tag here'))]],
		['a rule', 'a\n\n---\n\nb', [para(text('a')), { kind: 'rule' }, para(text('b'))]],
	])('%s', (_name, input, expected) => {
		expect(parseMarkdown(input)).toEqual(expected);
	});
});

describe('parseInlines', () => {
	it.each<[string, string, Inline[]]>([
		['inline code', 'use `list_files` first', [text('use '), { kind: 'code', text: 'list_files' }, text(' first')]],
		['code keeps markup as text', '`**not bold**`', [{ kind: 'code', text: '**not bold**' }]],
		['double backticks hold a backtick', '`` a`b ``', [{ kind: 'code', text: 'a`b' }]],
		['an unmatched backtick is text', 'a ` b', [text('a ` b')]],
		['emphasis', '*only* this', [{ kind: 'em', children: [text('only')] }, text(' this')]],
		['snake_case is not emphasis', 'get_user_by_id and list_all_items', [text('get_user_by_id and list_all_items')]],
		['a star between spaces is text', '2 * 3 * 4', [text('2 * 3 * 4')]],
		['a glob is text', 'matches *.txt and *.md', [text('matches *.txt and *.md')]],
		['stars inside a word are text', '7*7 and a*b*c and {{7*7}} {{8*8}}', [text('7*7 and a*b*c and {{7*7}} {{8*8}}')]],
		['a backslash escapes', '\\*not em\\*', [text('*not em*')]],
		[
			'an http(s) link with its host',
			'[docs](https://example.com/a?b=1)',
			[{ kind: 'link', href: 'https://example.com/a?b=1', host: 'example.com', bare: false, children: [text('docs')] }],
		],
		[
			'a bare URL, trailing full stop left out',
			'See https://example.com/x.',
			[
				text('See '),
				{ kind: 'link', href: 'https://example.com/x', host: 'example.com', bare: true, children: [text('https://example.com/x')] },
				text('.'),
			],
		],
		[
			'an autolink',
			'<https://example.com>',
			[{ kind: 'link', href: 'https://example.com/', host: 'example.com', bare: true, children: [text('https://example.com')] }],
		],
	])('%s', (_name, input, expected) => {
		expect(parseInlines(input)).toEqual(expected);
	});
});

describe('hostile input stays text', () => {
	it.each<[string, string]>([
		['a script element', '<script>alert(1)</script>'],
		['an image with an event handler', '<img src=x onerror=alert(1)>'],
		['an HTML comment', '<!-- hidden instructions -->'],
		['an iframe in a list', '- <iframe src="https://evil.example"></iframe>'],
		['an HTML entity', '&lt;b&gt; &amp; &#x202E;'],
	])('%s is kept, character for character, as text', (_name, input) => {
		const blocks = parseMarkdown(input);
		expect(markdownToPlain(input).replace(/^- /, '')).toBe(input.replace(/^- /, ''));
		expect(hrefs(blocks)).toEqual([]);
	});

	it.each([
		'[click](javascript:alert(1))',
		'[click](JaVaScRiPt:alert(1))',
		'[click](data:text/html,<script>alert(1)</script>)',
		'[click](vbscript:msgbox)',
		'[click](//evil.example/x)',
		'[click](/relative)',
		'[click](file:///etc/passwd)',
		'<javascript:alert(1)>',
		'java\u0000script:alert(1)',
	])('%s makes no link and shows the text as written', (input) => {
		const blocks = parseMarkdown(input);
		expect(hrefs(blocks)).toEqual([]);
		expect(markdownToPlain(input)).toBe(input);
	});

	it('a link cannot smuggle a quote or angle bracket into its target', () => {
		const [href] = hrefs(parseMarkdown('[x](https://example.com/"onmouseover="alert(1))'));
		expect(href === undefined || !/["<>]/.test(href)).toBe(true);
	});

	it('invisible and bidirectional characters are kept for the markers to show', () => {
		const input = '**safe\u202Efdp.exe** and `a\u200Bb`';
		expect(markdownToPlain(input)).toBe('safe\u202Efdp.exe and a\u200Bb');
	});

	it('an http(s) link to a host with a look-alike name shows the punycode host', () => {
		const link = parseInlines('[bank](https://exаmple.com/)')[0]!;
		expect(link.kind === 'link' && link.host).toBe('xn--exmple-4nf.com');
	});

	it.each([
		['many stars', '*a '.repeat(20_000)],
		['many underscores', '_a '.repeat(20_000)],
		['many brackets', '['.repeat(20_000) + ']('.repeat(10_000)],
		['many backticks', '`a '.repeat(20_000)],
		['deep nesting', '- '.repeat(5_000) + 'x'],
		['deep emphasis', '*'.repeat(10_000) + 'x' + '*'.repeat(10_000)],
	])('%s parses quickly and loses no text', (_name, input) => {
		const started = performance.now();
		const plain = markdownToPlain(input);
		expect(performance.now() - started).toBeLessThan(2_000);
		expect(plain.replace(/[\s*_\-`[\]()]/g, '').length).toBe(input.replace(/[\s*_\-`[\]()]/g, '').length);
	});
});

describe('safeHref', () => {
	it.each<[string, string | undefined]>([
		['https://example.com', 'https://example.com/'],
		['HTTP://Example.COM/a', 'http://example.com/a'],
		['https://', undefined],
		['ftp://example.com', undefined],
		['javascript:alert(1)', undefined],
		['https:/\\evil', undefined],
	])('%s → %s', (input, expected) => {
		expect(safeHref(input)?.href).toBe(expected);
	});
});

describe('markdownToPlain', () => {
	it('drops the markup and keeps the words', () => {
		expect(markdownToPlain('**Purpose:** Send a *single* email with `to`.')).toBe('Purpose: Send a single email with to.');
		expect(inlineText(parseInlines('[docs](https://example.com)'))).toBe('docs');
	});
});
