/**
 * A small Markdown reader for third-party descriptions: it finds their structure (paragraphs, lists,
 * headings, fenced code, inline code, emphasis, links) and returns it as a tree of text nodes, never as
 * HTML. The page renders the tree with elements of its own choosing (src/components/RichText.astro),
 * every piece of text through the same escaping and invisible-character markers as any other
 * third-party text, so:
 *
 * - raw HTML is not HTML here: `<script>` or `<img onerror>` stay text, shown as written;
 * - a link is a link only when its target is an absolute http(s) URL (`javascript:`, `data:`, relative
 *   and protocol-relative targets stay text, shown as written), and the page shows the link's host
 *   beside its label, so a label cannot pretend to point elsewhere;
 * - nothing is dropped: whatever is not recognised is shown as the text it is.
 *
 * The reader is linear in the input (no backtracking search for closing delimiters: a delimiter with
 * no closer after one position has none after any later one either) and nests at most `MAX_DEPTH` deep.
 */

export type Inline =
	| { kind: 'text'; text: string }
	| { kind: 'code'; text: string }
	| { kind: 'strong'; children: Inline[] }
	| { kind: 'em'; children: Inline[] }
	| { kind: 'link'; href: string; host: string; children: Inline[]; bare: boolean };

export type Block =
	| { kind: 'paragraph'; children: Inline[] }
	| { kind: 'heading'; children: Inline[] }
	| { kind: 'code'; text: string }
	| { kind: 'rule' }
	| { kind: 'list'; ordered: boolean; start: number; items: Block[][] };

/** Lists in lists, emphasis in emphasis: deeper nesting is read as plain text. */
const MAX_DEPTH = 6;

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const ITEM = /^( {0,12})([-*+]|(\d{1,9})[.)])([ \t]+|$)(.*)$/;

const isBlank = (line: string) => line.trim() === '';
const indentOf = (line: string) => line.length - line.trimStart().length;

/** The Markdown structure of a text (Windows and old Mac line ends read as Unix ones). */
export function parseMarkdown(text: string): Block[] {
	return parseBlocks(text.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').split('\n'), 0);
}

function parseBlocks(lines: readonly string[], depth: number): Block[] {
	const blocks: Block[] = [];
	let i = 0;
	while (i < lines.length) {
		const line = lines[i]!;
		if (isBlank(line)) {
			i++;
			continue;
		}
		const fence = FENCE.exec(line);
		if (fence && !(fence[1]!.startsWith('`') && fence[2]!.includes('`'))) {
			const marker = fence[1]!;
			const indent = indentOf(line);
			const body: string[] = [];
			i++;
			while (i < lines.length) {
				const closing = FENCE.exec(lines[i]!);
				if (closing && closing[1]![0] === marker[0] && closing[1]!.length >= marker.length && closing[2]!.trim() === '') break;
				body.push(dedent(lines[i]!, indent));
				i++;
			}
			i++; // the closing fence, or past the end when there is none
			blocks.push({ kind: 'code', text: body.join('\n') });
			continue;
		}
		if (RULE.test(line)) {
			blocks.push({ kind: 'rule' });
			i++;
			continue;
		}
		const heading = HEADING.exec(line);
		if (heading) {
			blocks.push({ kind: 'heading', children: parseInlines(heading[2] ?? '', depth) });
			i++;
			continue;
		}
		if (depth < MAX_DEPTH && ITEM.test(line)) {
			i = parseList(lines, i, depth, blocks);
			continue;
		}
		const paragraph: string[] = [line.trim()];
		i++;
		while (i < lines.length && !isBlank(lines[i]!) && !startsBlock(lines[i]!, depth)) paragraph.push(lines[i++]!.trim());
		blocks.push({ kind: 'paragraph', children: parseInlines(paragraph.join('\n'), depth) });
	}
	return blocks;
}

/** Whether a line ends the paragraph before it by starting a block of its own. */
function startsBlock(line: string, depth: number): boolean {
	if (FENCE.test(line) || HEADING.test(line) || RULE.test(line)) return true;
	return depth < MAX_DEPTH && ITEM.test(line);
}

/** Reads the list starting at `lines[start]` into `blocks` and returns the index after it. */
function parseList(lines: readonly string[], start: number, depth: number, blocks: Block[]): number {
	const first = ITEM.exec(lines[start]!)!;
	const ordered = first[3] !== undefined;
	const baseIndent = first[1]!.length;
	const list: Extract<Block, { kind: 'list' }> = { kind: 'list', ordered, start: ordered ? Number(first[3]) : 1, items: [] };
	let i = start;
	while (i < lines.length) {
		const m = ITEM.exec(lines[i]!);
		if (!m || m[1]!.length !== baseIndent || (m[3] !== undefined) !== ordered) break;
		const contentIndent = baseIndent + m[2]!.length + Math.max(1, m[4]!.length);
		const body: string[] = [m[5]!];
		i++;
		while (i < lines.length) {
			const next = lines[i]!;
			if (isBlank(next)) {
				// A blank line ends the item unless the item goes on, indented, after it.
				let j = i;
				while (j < lines.length && isBlank(lines[j]!)) j++;
				if (j < lines.length && indentOf(lines[j]!) >= contentIndent) {
					for (; i < j; i++) body.push('');
					continue;
				}
				break;
			}
			const indent = indentOf(next);
			if (indent >= contentIndent) {
				body.push(dedent(next, contentIndent));
			} else if (indent > baseIndent && ITEM.test(next)) {
				// A sub-list indented less than the item's text: still the item's.
				body.push(next.trimStart());
			} else if (ITEM.test(next) || FENCE.test(next) || HEADING.test(next) || RULE.test(next)) {
				break;
			} else {
				body.push(next.trim()); // a lazy continuation line of the item's paragraph
			}
			i++;
		}
		list.items.push(parseBlocks(body, depth + 1));
		// A blank line between items keeps the list going.
		let j = i;
		while (j < lines.length && isBlank(lines[j]!)) j++;
		const after = j < lines.length ? ITEM.exec(lines[j]!) : null;
		if (j > i && after && after[1]!.length === baseIndent && (after[3] !== undefined) === ordered) i = j;
	}
	blocks.push(list);
	return i;
}

function dedent(line: string, by: number): string {
	const indent = Math.min(by, indentOf(line));
	return line.slice(indent);
}

/** ASCII punctuation a backslash can escape. */
const ESCAPABLE = /[!-/:-@[-`{-~]/;
const BARE_URL = /^https?:\/\/[^\s<>"'`]+/;

/** An absolute http(s) URL, normalised, or nothing. */
export function safeHref(raw: string): { href: string; host: string } | undefined {
	if (!/^https?:\/\//i.test(raw)) return undefined;
	try {
		const url = new URL(raw);
		if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return undefined;
		return { href: url.href, host: url.hostname };
	} catch {
		return undefined;
	}
}

/** Drops trailing punctuation from a bare URL, and a closing parenthesis the URL did not open. */
function trimBareUrl(url: string): string {
	let end = url.length;
	for (;;) {
		const c = url[end - 1];
		if (c && '.,;:!?*_~'.includes(c)) end--;
		else if (c === ')' && count(url.slice(0, end), '(') < count(url.slice(0, end), ')')) end--;
		else break;
	}
	return url.slice(0, end);
}

function count(text: string, c: string): number {
	let n = 0;
	for (const ch of text) if (ch === c) n++;
	return n;
}

const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);
const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** The inline structure of a paragraph's text. */
export function parseInlines(text: string, depth = 0): Inline[] {
	const out: Inline[] = [];
	let buffer = '';
	const flush = () => {
		if (buffer) out.push({ kind: 'text', text: buffer });
		buffer = '';
	};
	// For each delimiter, a position from which it is known to have no closer.
	const noCloserFrom = new Map<string, number>();
	let i = 0;
	while (i < text.length) {
		const c = text[i]!;
		if (c === '\\' && i + 1 < text.length && ESCAPABLE.test(text[i + 1]!)) {
			buffer += text[i + 1];
			i += 2;
			continue;
		}
		if (c === '`') {
			let run = 1;
			while (text[i + run] === '`') run++;
			const fence = '`'.repeat(run);
			let close = text.indexOf(fence, i + run);
			while (close !== -1 && text[close + run] === '`') {
				let k = close;
				while (text[k] === '`') k++;
				close = text.indexOf(fence, k);
			}
			if (close === -1) {
				buffer += fence;
				i += run;
				continue;
			}
			let code = text.slice(i + run, close).replace(/\n/g, ' ');
			if (code.length > 1 && code.startsWith(' ') && code.endsWith(' ') && code.trim() !== '') code = code.slice(1, -1);
			flush();
			out.push({ kind: 'code', text: code });
			i = close + run;
			continue;
		}
		if (c === '<') {
			const auto = /^<(https?:\/\/[^\s<>]+)>/i.exec(text.slice(i, i + 2048));
			const target = auto && safeHref(auto[1]!);
			if (auto && target) {
				flush();
				out.push({ kind: 'link', ...target, bare: true, children: [{ kind: 'text', text: auto[1]! }] });
				i += auto[0].length;
				continue;
			}
		}
		if (c === '[' && depth < MAX_DEPTH) {
			const link = readLink(text, i);
			if (link) {
				const target = safeHref(link.url);
				if (target) {
					flush();
					out.push({ kind: 'link', ...target, bare: false, children: parseInlines(link.label, MAX_DEPTH) });
				} else {
					buffer += text.slice(i, link.end); // not a web link: shown as written
				}
				i = link.end;
				continue;
			}
		}
		if ((c === 'h' || c === 'H') && (i === 0 || /[\s(]/.test(text[i - 1]!))) {
			const bare = BARE_URL.exec(text.slice(i, i + 2048));
			if (bare) {
				const url = trimBareUrl(bare[0]);
				const target = safeHref(url);
				if (target) {
					flush();
					out.push({ kind: 'link', ...target, bare: true, children: [{ kind: 'text', text: url }] });
					i += url.length;
					continue;
				}
			}
		}
		if ((c === '*' || c === '_') && depth < MAX_DEPTH) {
			const strong = text[i + 1] === c;
			const delimiter = strong ? c + c : c;
			const span = readEmphasis(text, i, delimiter, noCloserFrom);
			if (span) {
				flush();
				out.push({ kind: strong ? 'strong' : 'em', children: parseInlines(span.inner, depth + 1) });
				i = span.end;
				continue;
			}
			buffer += delimiter;
			i += delimiter.length;
			continue;
		}
		buffer += c;
		i++;
	}
	flush();
	return out;
}

/** `[label](url "title")` at `start`: its label, target and end, or nothing. */
function readLink(text: string, start: number): { label: string; url: string; end: number } | undefined {
	let depth = 0;
	let close = -1;
	for (let k = start + 1; k < text.length && k < start + 1024; k++) {
		const ch = text[k];
		if (ch === '\\') k++;
		else if (ch === '[') depth++;
		else if (ch === ']') {
			if (depth === 0) {
				close = k;
				break;
			}
			depth--;
		}
	}
	if (close === -1 || text[close + 1] !== '(') return undefined;
	const target = /^\(\s*(<[^<>\n]*>|[^\s()<>]*(?:\([^\s()<>]*\)[^\s()<>]*)*)(?:\s+("[^"\n]*"|'[^'\n]*'))?\s*\)/.exec(
		text.slice(close + 1, close + 2049),
	);
	if (!target) return undefined;
	const url = target[1]!.startsWith('<') ? target[1]!.slice(1, -1) : target[1]!;
	return { label: text.slice(start + 1, close), url, end: close + 1 + target[0].length };
}

/** An emphasis span opened by `delimiter` at `start`, following CommonMark's flanking rules in brief. */
function readEmphasis(
	text: string,
	start: number,
	delimiter: string,
	noCloserFrom: Map<string, number>,
): { inner: string; end: number } | undefined {
	const n = delimiter.length;
	const after = text[start + n];
	// An opener is followed by a non-space and not preceded by a letter or digit: snake_case, 7*7 and a*b*c stay as written.
	if (isSpace(after) || after === delimiter[0] || isWordChar(text[start - 1])) return undefined;
	const known = noCloserFrom.get(delimiter);
	if (known !== undefined && start + n >= known) return undefined;
	let from = start + n + 1;
	for (;;) {
		const close = text.indexOf(delimiter, from);
		if (close === -1) {
			noCloserFrom.set(delimiter, Math.min(known ?? Infinity, start + n));
			return undefined;
		}
		const before = text[close - 1];
		const next = text[close + n];
		const closes = !isSpace(before) && next !== delimiter[0] && !isWordChar(next);
		if (closes) return { inner: text.slice(start + n, close), end: close + n };
		from = close + 1;
	}
}

/** The text of a tree, without its markup: for summaries and metadata. */
export function plainText(blocks: readonly Block[]): string {
	return blocks.map(blockText).join('\n\n');
}

function blockText(block: Block): string {
	switch (block.kind) {
		case 'paragraph':
		case 'heading':
			return inlineText(block.children);
		case 'code':
			return block.text;
		case 'rule':
			return '';
		case 'list':
			return block.items.map((item) => `- ${item.map(blockText).join(' ')}`).join('\n');
	}
}

export function inlineText(inlines: readonly Inline[]): string {
	return inlines.map((n) => (n.kind === 'text' || n.kind === 'code' ? n.text : inlineText(n.children))).join('');
}

/**
 * The text a rendered tree shows, as the DOM's `textContent` reads it: blocks and list items run
 * together, and a labelled link is followed by its host in brackets (RichInline.astro).
 */
export function renderedText(blocks: readonly Block[]): string {
	const inline = (nodes: readonly Inline[]): string =>
		nodes
			.map((n) =>
				n.kind === 'text' || n.kind === 'code'
					? n.text
					: n.kind === 'link'
						? inline(n.children) + (n.bare ? '' : ` (${n.host})`)
						: inline(n.children),
			)
			.join('');
	return blocks
		.map((b) =>
			b.kind === 'paragraph' || b.kind === 'heading'
				? inline(b.children)
				: b.kind === 'code'
					? b.text
					: b.kind === 'list'
						? b.items.map((item) => renderedText(item)).join('')
						: '',
		)
		.join('');
}

/** Markdown reduced to its text: `**Purpose:** Send` is `Purpose: Send`. */
export function markdownToPlain(text: string): string {
	return plainText(parseMarkdown(text));
}
