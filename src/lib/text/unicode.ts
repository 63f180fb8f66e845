/**
 * What a reader cannot see in third-party text, and what the model reads there instead.
 *
 * Tool poisoning hides text from the person reviewing a definition while the model still reads it:
 * zero-width and bidirectional control characters, Unicode tag characters that spell ASCII invisibly,
 * runs of variation selectors that encode bytes after an emoji, and terminal escape sequences that
 * repaint a console. `inspectHidden` finds them (as `U+200B` codes a page can show) and, in the same
 * pass, builds the *revealed* text the other poisoning rules scan: smuggled payloads decoded, invisible
 * characters removed (so `ig<U+200B>nore` reads `ignore`) and compatibility forms folded (NFKC turns
 * fullwidth and mathematical letters into plain ones).
 *
 * Everything here is one left-to-right pass with bounded look-around, so cost stays linear in the text.
 */

/**
 * Characters that are invisible or control-like wherever they appear: C0 and C1 controls except tab,
 * line feed and carriage return (ESC starts terminal escapes), the soft hyphen, combining grapheme
 * joiner, Arabic letter mark, Hangul fillers, Khmer inherent vowels, Mongolian vowel separator,
 * zero-width space/joiners and direction marks, bidirectional embeddings, overrides and isolates,
 * invisible operators and deprecated format characters, the BOM, interlinear annotation marks, musical
 * formatting controls, and the tag and unassigned default-ignorable planes (variation selectors aside,
 * which `inspectHidden` judges in context).
 *
 * Pages use this to show such characters as visible markers, and the terminal report to escape them.
 */
export const HIDDEN =
	/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB\u{1D173}-\u{1D17A}\u{E0000}-\u{E00FF}\u{E01F0}-\u{E0FFF}]/gu;

/**
 * One scan token: a terminal escape sequence (7-bit `ESC …` or 8-bit CSI), a run of variation
 * selectors, a run of tag characters, or a single hidden character. The classes inside each escape form
 * are disjoint and the OSC body is bounded, so matching never backtracks beyond a constant.
 */
const TOKEN = new RegExp(
	[
		'\\u001B(?:\\[[\\u0030-\\u003F]*[\\u0020-\\u002F]*[\\u0040-\\u007E]|\\][^\\u0007\\u001B]{0,256}(?:\\u0007|\\u001B\\\\)?|[\\u0020-\\u007E])?',
		'\\u009B[\\u0030-\\u003F]*[\\u0020-\\u002F]*[\\u0040-\\u007E]',
		'[\\uFE00-\\uFE0F\\u{E0100}-\\u{E01EF}]+',
		'[\\u{E0000}-\\u{E007F}]+',
		HIDDEN.source, // any other hidden character, one at a time
	].join('|'),
	'gu',
);

const VARIATION = /^[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/u;
const TAG = /^[\u{E0000}-\u{E007F}]/u;

/** A single text-presentation or emoji-presentation selector after an emoji is ordinary emoji text. */
const EMOJI = /\p{Emoji}/u;
/** Standardized variation sequences: maths symbols, other symbols and a few scripts use VS1–VS14. */
const STANDARD_VS_BASE = /[\p{Sm}\p{So}\p{sc=Han}\p{sc=Myanmar}\p{sc=Phags_Pa}\p{sc=Manichaean}]/u;
/** Ideographic variation sequences (VS17–VS256) follow CJK ideographs, e.g. in Japanese names. */
const IDEOGRAPH = /[\p{sc=Han}\p{Ideographic}]/u;
/** Scripts whose letters join, where ZWJ/ZWNJ choose a letter form: ordinary writing, not smuggling. */
const JOINING_SCRIPT =
	/[\p{sc=Arabic}\p{sc=Syriac}\p{sc=Nko}\p{sc=Mongolian}\p{sc=Devanagari}\p{sc=Bengali}\p{sc=Gurmukhi}\p{sc=Gujarati}\p{sc=Oriya}\p{sc=Tamil}\p{sc=Telugu}\p{sc=Kannada}\p{sc=Malayalam}\p{sc=Sinhala}\p{sc=Myanmar}\p{sc=Khmer}\p{sc=Tibetan}]/u;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
const EMOJI_MODIFIER = /\p{Emoji_Modifier}/u;
/** Subdivision flags (🏴 + lower-case tag letters + cancel tag) are the one ordinary use of tag characters. */
const FLAG_TAGS = /^[\u{E0030}-\u{E0039}\u{E0061}-\u{E007A}]{2,6}\u{E007F}$/u;
const BLACK_FLAG = 0x1f3f4;

/** `U+200B`: four hex digits at least, upper case. */
export function codeOf(cp: number): string {
	return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The code point just before `index` (surrogate pairs read whole), or undefined at the start. */
function before(text: string, index: number): number | undefined {
	if (index === 0) return undefined;
	const low = text.charCodeAt(index - 1);
	if (low >= 0xdc00 && low <= 0xdfff && index >= 2) {
		const high = text.charCodeAt(index - 2);
		if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(index - 2);
	}
	return low;
}

const charOf = (cp: number | undefined) => (cp === undefined ? '' : String.fromCodePoint(cp));

/** True when one variation selector after `prev` is ordinary text rather than a smuggled byte. */
function sanctionedSelector(selector: number, prev: number | undefined): boolean {
	const base = charOf(prev);
	if (base === '' || VARIATION.test(base)) return false;
	if (selector === 0xfe0e || selector === 0xfe0f) return EMOJI.test(base);
	if (selector <= 0xfe0d) return STANDARD_VS_BASE.test(base);
	return IDEOGRAPH.test(base);
}

/** True for a zero-width joiner inside an emoji sequence, or ZWJ/ZWNJ between letters of a joining script. */
function sanctionedJoiner(cp: number, prev: number | undefined, next: number | undefined): boolean {
	if (cp !== 0x200c && cp !== 0x200d) return false;
	const [p, n] = [charOf(prev), charOf(next)];
	if (p === '' || n === '') return false;
	if (cp === 0x200d && (PICTOGRAPH.test(p) || p === '\uFE0F' || EMOJI_MODIFIER.test(p)) && PICTOGRAPH.test(n)) return true;
	return JOINING_SCRIPT.test(p) && JOINING_SCRIPT.test(n);
}

/**
 * Decodes a run of variation selectors the way "emoji smuggling" encodes bytes (VS1–VS16 carry 0–15,
 * VS17–VS256 carry 16–255) and returns the text when it is printable UTF-8, else ''.
 */
function decodeSelectors(run: string): string {
	const bytes: number[] = [];
	for (const ch of run) {
		const cp = ch.codePointAt(0)!;
		bytes.push(cp <= 0xfe0f ? cp - 0xfe00 : cp - 0xe0100 + 16);
	}
	let decoded: string;
	try {
		decoded = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
	} catch {
		return '';
	}
	return /^[^\p{Cc}\p{Cf}]*$/u.test(decoded.replace(/[\t\n\r]/g, ' ')) ? decoded : '';
}

/** Tag characters U+E0020–U+E007E spell the ASCII characters 0x20–0x7E; the rest (language tag, cancel) spell nothing. */
function decodeTags(run: string): string {
	let out = '';
	for (const ch of run) {
		const cp = ch.codePointAt(0)!;
		if (cp >= 0xe0020 && cp <= 0xe007e) out += String.fromCharCode(cp - 0xe0000);
	}
	return out;
}

/** Writes an escape sequence with its control characters as codes: `U+001B[2J`. */
function showEscape(sequence: string): string {
	return sequence.replace(/[\u0000-\u001F\u007F-\u009F]/g, (c) => codeOf(c.charCodeAt(0)));
}

export interface HiddenReport {
	/** Distinct hidden code points in order of first appearance, as `U+200B`. Tag characters are counted, not listed. */
	codes: string[];
	/** Terminal escape sequences as written, control characters shown as codes (`U+001B[31m`). */
	escapes: string[];
	/** How many tag characters (U+E0000–U+E007F) outside subdivision flags. */
	tagCount: number;
	/** What smuggled runs spell: decoded tag characters and variation-selector bytes. */
	smuggled: string[];
	/** The text the model reads, made scannable: payloads decoded, hidden characters removed, NFKC. */
	revealed: string;
}

const ASCII_ONLY = /^[\u0009\u000A\u000D\u0020-\u007E]*$/;

/** Finds what a reader cannot see in `text` and reveals it. Never throws; linear in the text. */
export function inspectHidden(text: string): HiddenReport {
	if (ASCII_ONLY.test(text)) return { codes: [], escapes: [], tagCount: 0, smuggled: [], revealed: text };
	const codes = new Set<string>();
	const escapes: string[] = [];
	const smuggled: string[] = [];
	let tagCount = 0;
	let revealed = '';
	let last = 0;
	for (const m of text.matchAll(TOKEN)) {
		const token = m[0];
		const at = m.index;
		const first = token.codePointAt(0)!;
		revealed += text.slice(last, at);
		last = at + token.length;
		if (first === 0x1b || first === 0x9b) {
			codes.add(codeOf(first));
			if (token.length > 1 && escapes.length < 8) escapes.push(showEscape(token));
			revealed += ' ';
		} else if (VARIATION.test(token)) {
			const run = [...token];
			if (run.length === 1 && sanctionedSelector(first, before(text, at))) {
				revealed += token; // NFKC keeps it; nothing is hidden
				continue;
			}
			for (const ch of run) codes.add(codeOf(ch.codePointAt(0)!));
			const decoded = run.length > 1 ? decodeSelectors(token) : '';
			if (decoded.trim() !== '') {
				smuggled.push(decoded);
				revealed += ` ${decoded} `;
			}
		} else if (TAG.test(token)) {
			if (before(text, at) === BLACK_FLAG && FLAG_TAGS.test(token)) {
				revealed += token;
				continue;
			}
			tagCount += [...token].length;
			const decoded = decodeTags(token);
			if (decoded.trim() !== '') {
				smuggled.push(decoded);
				revealed += ` ${decoded} `;
			}
		} else {
			const next = last < text.length ? text.codePointAt(last) : undefined;
			if (sanctionedJoiner(first, before(text, at), next)) {
				revealed += token;
				continue;
			}
			codes.add(codeOf(first));
			// Controls separate words (a NUL between two words is not a join); format characters vanish.
			if (first <= 0x9f) revealed += ' ';
		}
	}
	revealed += text.slice(last);
	return { codes: [...codes], escapes, tagCount, smuggled, revealed: revealed.normalize('NFKC') };
}

/** True when the inspection found anything a reader cannot see. */
export function hasHidden(report: HiddenReport): boolean {
	return report.codes.length > 0 || report.tagCount > 0;
}

/** Hidden characters, variation selectors and lone surrogates (which reach a page as U+FFFD). */
const CODED = new RegExp(`${HIDDEN.source}|[\\uFE00-\\uFE0F\\u{E0100}-\\u{E01EF}\\uD800-\\uDFFF]`, 'gu');

/** A hidden character, or a run of variation selectors (judged by `markedCharacters`). */
const MARKABLE = new RegExp(`${HIDDEN.source}|[\\uFE00-\\uFE0F\\u{E0100}-\\u{E01EF}]+`, 'gu');

/**
 * The characters a page shows as visible `U+…` markers instead of rendering them: every hidden
 * character (`HIDDEN`: invisible, bidirectional and control characters, tag characters, the soft
 * hyphen), and variation selectors except a single one after a base that takes it (an emoji's
 * text/emoji presentation, a standardized or ideographic variation sequence). Runs of selectors, and
 * selectors after anything else, are how bytes are smuggled after an emoji, so each is marked.
 *
 * One definition for every place that shows third-party text and for the site check that fails a page
 * holding any of them raw (src/verify/site-html.mjs).
 */
export function* markedCharacters(text: string): Generator<{ index: number; char: string }> {
	if (ASCII_ONLY.test(text)) return;
	for (const m of text.matchAll(MARKABLE)) {
		const token = m[0];
		if (!VARIATION.test(token)) {
			yield { index: m.index, char: token };
			continue;
		}
		const run = [...token];
		if (run.length === 1 && sanctionedSelector(token.codePointAt(0)!, before(text, m.index))) continue;
		let at = m.index;
		for (const ch of run) {
			yield { index: at, char: ch };
			at += ch.length;
		}
	}
}

/** Whether `text` holds anything `markedCharacters` would mark. */
export function hasMarked(text: string): boolean {
	return !markedCharacters(text).next().done;
}

/**
 * `text` with each marked character replaced by its code (`U+202E`): for places that hold text only,
 * such as `<title>`, attribute values, search metadata and the site's own plain-text echoes.
 */
export function withMarkers(text: string): string {
	let out = '';
	let last = 0;
	for (const { index, char } of markedCharacters(text)) {
		out += text.slice(last, index) + codeOf(char.codePointAt(0)!);
		last = index + char.length;
	}
	return last === 0 ? text : out + text.slice(last);
}

/**
 * Replaces every hidden character in `text` with its code, so quoted evidence never carries the
 * characters themselves (a page or terminal would otherwise render them).
 */
export function withCodes(text: string): string {
	return text.replace(CODED, (c) => codeOf(c.codePointAt(0)!));
}

const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, '0');

/**
 * `text` (a JSON or YAML double-quoted text) with each marked character written as an escape that
 * decodes to the same character: `\u202E`; above U+FFFF a surrogate pair in JSON (`\uDB40\uDC41`) and
 * `\U000E0041` in YAML. Only for text where such characters can stand only inside strings that take
 * escapes: JSON, or YAML whose scalars holding them are double-quoted.
 */
export function escapeMarked(text: string, format: 'json' | 'yaml'): string {
	let out = '';
	let last = 0;
	for (const { index, char } of markedCharacters(text)) {
		const cp = char.codePointAt(0)!;
		let escape: string;
		if (cp <= 0xffff) escape = `\\u${hex(cp, 4)}`;
		else if (format === 'yaml') escape = `\\U${hex(cp, 8)}`;
		else {
			const v = cp - 0x10000;
			escape = `\\u${hex(0xd800 + (v >> 10), 4)}\\u${hex(0xdc00 + (v & 0x3ff), 4)}`;
		}
		out += text.slice(last, index) + escape;
		last = index + char.length;
	}
	return last === 0 ? text : out + text.slice(last);
}
