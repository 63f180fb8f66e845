/**
 * The content security policies pages carry (as a meta tag, so they hold on any static host).
 * No inline scripts and no eval: scripts come only from this origin. No third-party text can reach
 * an attribute unescaped.
 */
const ALWAYS = ["object-src 'none'", "base-uri 'none'", "form-action 'self'"];

/**
 * Every page but tool pages: Pagefind's WebAssembly needs `wasm-unsafe-eval` and its search worker a
 * blob: URL; inline style attributes are allowed for the colours of the attack pages' code blocks
 * (Astro's Shiki); policy snippets are coloured by class (src/lib/present/highlight.ts).
 */
export const CONTENT_SECURITY_POLICY = [
	"default-src 'self'",
	"script-src 'self' 'wasm-unsafe-eval'",
	"worker-src 'self' blob:",
	"style-src 'self' 'unsafe-inline'",
	"img-src 'self' data:",
	"connect-src 'self'",
	...ALWAYS,
].join('; ');

/**
 * Tool pages load only the stylesheet and the enhancement script, and have no search, images or
 * inline styles, so they carry the policy without those allowances: stricter, and shorter on the
 * page kind there are hundreds of thousands of.
 */
export const TOOL_PAGE_CSP = ["default-src 'self'", ...ALWAYS].join('; ');
