/**
 * Keeps every HTML page free of the characters the HTML standard forbids in a document. Astro escapes
 * third-party text, but escaping leaves control characters alone: a tool named `term_\u001b[31m` would
 * put a raw ESC (or NUL) into the title, meta tags and lists, where browsers drop it or show nothing and
 * the page is no longer valid HTML. Where third-party text is the content, `UntrustedText` has already
 * turned such characters into visible `U+001B` markers; this catches every other place (titles,
 * attributes, lists), replacing C0 controls with their Unicode control pictures (ESC becomes U+241B)
 * and C1 controls and noncharacters with U+FFFD. JSON twins and policy files keep the exact text.
 *
 * It also shows every invisible or bidirectional character still raw in the page (`markedCharacters`:
 * zero-width and direction controls, tag characters, smuggling variation selectors): in text as the
 * marker `UntrustedText` renders, in a `<title>`, a meta tag or another attribute (which can only hold
 * text) as its code, `U+202E` (`markHtml`). A page must never carry one raw (the site check's
 * `hidden-characters` rule fails it).
 */
import { defineMiddleware } from 'astro:middleware';
import { documentSafe, markHtml } from './lib/text/visible-text.ts';

export const onRequest = defineMiddleware(async (context, next) => {
	const response = await next();
	// A tool page whose sources are all clean says so (documentSafeFrom in src/build/data.ts); the site check reads every page anyway.
	if (context.locals.documentSafe === true || !response.headers.get('content-type')?.startsWith('text/html')) return response;
	return new Response(markHtml(documentSafe(await response.text())), response);
});
