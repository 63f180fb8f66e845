/**
 * Keeps every HTML page free of the characters the HTML standard forbids in a document. Astro escapes
 * third-party text, but escaping leaves control characters alone: a tool named `term_\u001b[31m` would
 * put a raw ESC (or NUL) into the title, meta tags and lists, where browsers drop it or show nothing and
 * the page is no longer valid HTML. Where third-party text is the content, `UntrustedText` has already
 * turned such characters into visible `U+001B` markers; this catches every other place (titles,
 * attributes, lists), replacing C0 controls with their Unicode control pictures (ESC becomes U+241B)
 * and C1 controls and noncharacters with U+FFFD. JSON twins and policy files keep the exact text.
 */
import { defineMiddleware } from 'astro:middleware';

const FORBIDDEN = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\p{Noncharacter_Code_Point}]/gu;

function visible(c: string): string {
	const code = c.codePointAt(0)!;
	if (code < 0x20) return String.fromCodePoint(0x2400 + code);
	return code === 0x7f ? '\u2421' : '\uFFFD';
}

export const onRequest = defineMiddleware(async (_context, next) => {
	const response = await next();
	if (!response.headers.get('content-type')?.startsWith('text/html')) return response;
	const html = await response.text();
	// `replace` with a global pattern always scans from the start (unlike `test`, which would keep `lastIndex` between pages).
	return new Response(html.replace(FORBIDDEN, visible), response);
});
