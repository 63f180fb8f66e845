import { codeOf, markedCharacters } from '../lib/text/unicode.ts';

/**
 * A light HTML scanner for the site check: finds start tags and their attributes, element ids and the
 * URLs a page points at, without building a DOM. The site is generated, so its markup is regular;
 * html-validate (run on the same text) is what judges whether the markup is well-formed. What this
 * adds is speed: link checking needs only tags, and one regular expression over the text is far
 * cheaper than a second parse.
 */

/**
 * Comments, doctype and processing instructions, end tags, and start tags with their attribute text
 * (quoted values may contain `>`). Alternatives start with different characters, so it cannot backtrack
 * badly on generated markup.
 */
const TOKEN = /<!--[\s\S]*?(?:-->|$)|<[!?][^>]*>?|<\/[^>]*>?|<([A-Za-z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
/** Elements whose content is text up to their end tag, never markup. */
const RAW_TEXT = new Map(
	['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes'].map((n) => [n, new RegExp(`</${n}[\\s/>]`, 'gi')]),
);

/** Attributes holding one URL, by element (`*` for any element). */
const URL_ATTRIBUTES = {
	'*': ['href', 'src', 'action', 'formaction', 'poster', 'background', 'cite', 'longdesc', 'manifest'],
	object: ['data'],
};

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * Decodes the character references a generator puts in attribute values.
 * @param {string} text
 */
function decodeEntities(text) {
	if (!text.includes('&')) return text;
	return text.replace(/&(?:#(\d+)|#[xX]([0-9A-Fa-f]+)|([A-Za-z]+));?/g, (whole, dec, hex, name) => {
		if (dec || hex) {
			const code = Number.parseInt(dec ?? hex, dec ? 10 : 16);
			return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
		}
		return ENTITIES[name.toLowerCase()] ?? whole;
	});
}

/**
 * Calls `onTag(name, attributes, offset)` for every start tag, in document order. `attributes` is a
 * Map of lower-case names to decoded values (the first occurrence wins, as in browsers).
 *
 * @param {string} html
 * @param {(name: string, attributes: Map<string, string>, offset: number) => void} onTag
 */
export function scanTags(html, onTag) {
	TOKEN.lastIndex = 0;
	for (let m = TOKEN.exec(html); m !== null; m = TOKEN.exec(html)) {
		if (m[1] === undefined) continue;
		const name = m[1].toLowerCase();
		const attributes = new Map();
		if (m[2]) {
			ATTRIBUTE.lastIndex = 0;
			for (let a = ATTRIBUTE.exec(m[2]); a !== null; a = ATTRIBUTE.exec(m[2])) {
				const key = a[1].toLowerCase();
				if (!attributes.has(key)) attributes.set(key, decodeEntities(a[2] ?? a[3] ?? a[4] ?? ''));
			}
		}
		onTag(name, attributes, m.index);
		const end = RAW_TEXT.get(name);
		if (end) {
			end.lastIndex = TOKEN.lastIndex;
			const close = end.exec(html);
			TOKEN.lastIndex = close ? close.index : html.length;
		}
	}
}

/**
 * Returns `(offset) => { line, column }` (1-based) for `text`. Offsets usually come in document order,
 * so each call counts line breaks from the previous one, not from the start: a page is scanned once.
 */
export function locator(text) {
	let offset = 0;
	let line = 1;
	let lineStart = 0;
	return (target) => {
		if (target < offset) {
			offset = 0;
			line = 1;
			lineStart = 0;
		}
		for (let i = text.indexOf('\n', offset); i !== -1 && i < target; i = text.indexOf('\n', i + 1)) {
			line++;
			lineStart = i + 1;
		}
		offset = target;
		return { line, column: target - lineStart + 1 };
	};
}

/**
 * Everything the link check needs from one page: its ids (and `<a name>` anchors) and every URL it
 * points at, with where. `srcset` lists several URLs; each is checked.
 */
export function pageOutline(html) {
	const ids = new Set();
	const urls = [];
	/** `<meta property|name=... content=...>`, first occurrence of each key, with its offset. */
	const metas = new Map();
	scanTags(html, (name, attributes, offset) => {
		if (name === 'meta') {
			const key = attributes.get('property') ?? attributes.get('name');
			if (key && !metas.has(key)) metas.set(key, { content: attributes.get('content') ?? '', offset });
		}
		if (name === 'link' && attributes.get('rel') === 'canonical' && !metas.has('canonical'))
			metas.set('canonical', { content: attributes.get('href') ?? '', offset });
		const id = attributes.get('id');
		if (id) ids.add(id);
		if (name === 'a' && attributes.get('name')) ids.add(attributes.get('name'));
		for (const key of [...URL_ATTRIBUTES['*'], ...(URL_ATTRIBUTES[name] ?? [])]) {
			const value = attributes.get(key);
			if (value !== undefined) urls.push({ url: value, attribute: key, offset });
		}
		const srcset = attributes.get('srcset');
		if (srcset)
			for (const candidate of srcset.split(',')) urls.push({ url: candidate.trim().split(/\s+/)[0] ?? '', attribute: 'srcset', offset });
	});
	return { ids, urls, metas };
}

/**
 * Social metadata every page must carry (Open Graph and the Twitter card); `og:url` only on pages
 * with a canonical address (the 404 page has none). Returns the missing or empty keys.
 *
 * @param {Map<string, { content: string }>} metas
 */
export function missingSocialMetadata(metas) {
	const required = ['og:title', 'og:description', 'og:type', 'og:site_name', 'twitter:card', ...(metas.has('canonical') ? ['og:url'] : [])];
	return required.filter((key) => !metas.get(key)?.content);
}

/** The ids of a page (for fragments that point into it from elsewhere). */
export function pageIds(html) {
	return pageOutline(html).ids;
}

/** Schemes a page may link to; anything else (`javascript:`, `data:`, `vbscript:`, `file:`) is refused. */
const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto']);
/** A base for resolving relative URLs that cannot collide with a real origin. */
const LOCAL = 'http://site.invalid';

/**
 * Classifies one URL found on the page at `pagePath` (`/tools/x/`). Browsers ignore leading and
 * trailing spaces and control characters and drop tabs and line breaks anywhere, so `java\tscript:`
 * is still `javascript:`; the scheme is judged after the same clean-up. Absolute URLs on the site's
 * own origin (canonical links) count as internal.
 *
 * @param {string} raw
 * @param {string} pagePath
 * @param {string | undefined} siteOrigin
 * @returns {{ kind: 'external' } | { kind: 'bad', reason: string } | { kind: 'internal', path: string, fragment: string }}
 *   the path and fragment of an internal URL are percent-decoded.
 */
export function classifyUrl(raw, pagePath, siteOrigin) {
	const url = raw.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
	const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase();
	if (scheme !== undefined && !ALLOWED_SCHEMES.has(scheme)) return { kind: 'bad', reason: `a ${scheme}: URL` };
	if (scheme === 'mailto') return { kind: 'external' };
	let parsed;
	try {
		parsed = new URL(url, LOCAL + pagePath);
	} catch {
		return { kind: 'bad', reason: 'not a valid URL' };
	}
	if (parsed.origin !== LOCAL && parsed.origin !== siteOrigin) return { kind: 'external' };
	try {
		return { kind: 'internal', path: decodeURIComponent(parsed.pathname), fragment: decodeURIComponent(parsed.hash.slice(1)) };
	} catch {
		return { kind: 'bad', reason: 'a malformed %-escape' };
	}
}

/**
 * The URL path a file in the output is served at: `about/index.html` → `/about/`.
 * @param {string} file
 */
export function urlPathOf(file) {
	return `/${file.endsWith('/index.html') || file === 'index.html' ? file.slice(0, -'index.html'.length) : file}`;
}

/**
 * The output file a URL path is served from, or undefined: directory URLs serve their `index.html`,
 * and a directory named without its trailing slash is accepted (static hosts redirect it).
 *
 * @param {string} path
 * @param {{ has(file: string): boolean }} files
 * @returns {string | undefined}
 */
export function fileFor(path, files) {
	const rel = path.replace(/^\/+/, '');
	if (rel === '' || rel.endsWith('/')) return files.has(`${rel}index.html`) ? `${rel}index.html` : undefined;
	if (files.has(rel)) return rel;
	return files.has(`${rel}/index.html`) ? `${rel}/index.html` : undefined;
}

/** A fragment that needs no element: the empty one and `#top` (the top of the document, per HTML). */
export function fragmentNeedsNoTarget(fragment) {
	return fragment === '' || fragment.toLowerCase() === 'top';
}

/**
 * Code points the HTML standard makes parse errors in a document: controls other than ASCII
 * whitespace (NUL included) and noncharacters. Browsers drop or replace them, so text carrying them
 * is not what a reader sees, and html-validate does not look for them.
 */
const FORBIDDEN_CHARACTERS = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\p{Noncharacter_Code_Point}]/gu;

/** Up to `limit` forbidden characters in `text`, with their offsets. */
export function forbiddenCharacters(text, limit = 5) {
	const found = [];
	FORBIDDEN_CHARACTERS.lastIndex = 0;
	for (let m = FORBIDDEN_CHARACTERS.exec(text); m !== null && found.length < limit; m = FORBIDDEN_CHARACTERS.exec(text)) {
		found.push({ offset: m.index, code: `U+${m[0].codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}` });
	}
	return found;
}

/**
 * Up to `limit` raw invisible or bidirectional characters in `text` (a whole page: text, attribute
 * values, `<title>`), with their offsets: every character a page must show as a visible `U+…` marker
 * (`markedCharacters` in src/lib/text/unicode.ts: zero-width and direction controls, bidi overrides and
 * isolates, tag characters, the soft hyphen, smuggling variation selectors…). Controls below U+00A0 are
 * left to `forbiddenCharacters`. A right-to-left override in a tool name reverses what a reader sees and
 * a zero-width space hides inside it; the page must show the marker, never the character.
 *
 * @param {string} text
 * @param {number} [limit]
 */
export function hiddenCharacters(text, limit = 5) {
	const found = [];
	for (const { index, char } of markedCharacters(text)) {
		const code = char.codePointAt(0);
		if (code < 0xa0) continue;
		found.push({ offset: index, code: codeOf(code) });
		if (found.length >= limit) break;
	}
	return found;
}
