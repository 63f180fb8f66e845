import { codeOf, hasMarked, markedCharacters, withMarkers } from './unicode.ts';

export { hasMarked, withMarkers } from './unicode.ts';

interface TextSegment {
	text: string;
	/** Set for an invisible or bidirectional character: its code point as `U+200B`. */
	hidden?: string;
}

/**
 * Splits third-party text so invisible and bidirectional characters (and smuggling variation
 * selectors: `markedCharacters`) can be shown as visible markers.
 */
export function visibleSegments(text: string): TextSegment[] {
	const out: TextSegment[] = [];
	let last = 0;
	for (const { index, char } of markedCharacters(text)) {
		if (index > last) out.push({ text: text.slice(last, index) });
		out.push({ text: char, hidden: codeOf(char.codePointAt(0)!) });
		last = index + char.length;
	}
	if (last < text.length) out.push({ text: text.slice(last) });
	return out;
}

/**
 * Drops spaces and tabs at the end of each line of third-party text before it is shown: they are
 * invisible either way and would leave trailing whitespace in the page's HTML.
 */
export function trimLineEnds(text: string): string {
	return text.replace(/[ \t]+(?=\r?\n)/g, '');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text escaped for HTML content and attribute values: `& < > " '`. */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Characters the HTML standard forbids in a document: C0 and C1 controls (but tab, LF, FF, CR) and noncharacters. */
const FORBIDDEN_IN_HTML = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\p{Noncharacter_Code_Point}]/gu;

function controlPicture(c: string): string {
	const code = c.codePointAt(0)!;
	if (code < 0x20) return String.fromCodePoint(0x2400 + code);
	return code === 0x7f ? '\u2421' : '\uFFFD';
}

/**
 * Text that can stand anywhere in an HTML document: C0 controls become their Unicode control
 * pictures (ESC is U+241B), DEL U+2421, C1 controls, noncharacters and lone surrogates U+FFFD.
 */
export function documentSafe(text: string): string {
	return text.toWellFormed().replace(FORBIDDEN_IN_HTML, controlPicture);
}

/**
 * Whether a JSON text may decode to strings that `documentSafe` would change or a page must mark
 * (`markedCharacters`): escaped C0 controls or surrogates, raw C1 controls or noncharacters, and any
 * escaped or raw invisible, bidirectional or variation-selector character. It errs towards yes (an
 * escaped backslash before `u00` counts too, and so does any escaped format character), never towards no.
 */
export function jsonMayHoldUnsafe(json: string): boolean {
	return (
		/\\u00(?:0[0-8bBeEfF]|1[0-9a-fA-F]|7[fF]|[89][0-9a-fA-F]|[aA][dD])|\\u[dD][89a-fA-F]|\\u(?:034[fF]|061[cC]|115[fF]|116[0-9]|17[bB][45]|180[eE]|20[0-6][0-9a-fA-F]|3164|[fF][eE]0[0-9a-fA-F]|[fF][eE][fF][fF]|[fF][fF][aA]0|[fF][fF][fF][9a-bA-B])|[\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD83F\uD87F\uD8BF\uD8FF\uD93F\uD97F\uD9BF\uD9FF\uDA3F\uDA7F\uDABF\uDAFF\uDB3F\uDB7F\uDBBF\uDBFF][\uDFFE\uDFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(
			json,
		) || hasMarked(json)
	);
}

/** What `visibleNodes` needs of a DOM document. */
interface NodeFactory<N> {
	createTextNode(text: string): N;
	createElement(tag: 'span'): N & { className: string; title: string; textContent: string | null };
}

/**
 * Third-party or pasted text as DOM nodes for browser code: text nodes, with each invisible or
 * bidirectional character as a `<span class="hidden-char">U+202E</span>` marker, as `UntrustedText`
 * renders it on the server. Never HTML.
 */
export function visibleNodes<N>(text: string, doc: NodeFactory<N>): N[] {
	return visibleSegments(text).map((s) => {
		if (!s.hidden) return doc.createTextNode(s.text);
		const marker = doc.createElement('span');
		marker.className = 'hidden-char';
		marker.title = 'invisible character';
		marker.textContent = s.hidden;
		return marker;
	});
}

/** Elements whose content is text only: a marker element cannot go there, so their characters become codes. */
const TEXT_ONLY = /^(?:title|textarea|script|style|option)$/i;
const TAG = /<(\/?)([A-Za-z][A-Za-z0-9-]*)[^>]*>|<!--[\s\S]*?-->|<![^>]*>/g;
const MARKER = (code: string) => `<span class="hidden-char" title="invisible character">${code}</span>`;

/**
 * A whole generated HTML page with every invisible or bidirectional character still raw made visible:
 * in text content as the marker element `UntrustedText` renders (`<span class="hidden-char">U+202E</span>`),
 * in attribute values, comments and text-only elements (`<title>`, `<option>`…) as the code alone.
 * For markup this site generates, where `>` inside attribute values is always escaped.
 */
export function markHtml(html: string): string {
	if (!hasMarked(html)) return html;
	let out = '';
	let last = 0;
	let textOnly: string | undefined;
	const text = (s: string) =>
		textOnly !== undefined
			? withMarkers(s)
			: visibleSegments(s)
					.map((seg) => (seg.hidden ? MARKER(seg.hidden) : seg.text))
					.join('');
	for (const m of html.matchAll(TAG)) {
		out += text(html.slice(last, m.index)) + withMarkers(m[0]);
		last = m.index + m[0].length;
		const name = m[2]?.toLowerCase();
		if (name === undefined) continue;
		if (m[1] === '' && TEXT_ONLY.test(name)) textOnly = name;
		else if (m[1] === '/' && name === textOnly) textOnly = undefined;
	}
	return out + text(html.slice(last));
}
