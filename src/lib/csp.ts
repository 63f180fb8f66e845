/**
 * The content security policy every page carries (as a meta tag, so it holds on any static host).
 * No inline scripts and no eval: scripts come only from this origin; Pagefind's WebAssembly needs
 * `wasm-unsafe-eval` and its search worker a blob: URL. Inline style attributes are allowed for the
 * colours of the attack pages' code blocks (Astro's Shiki); policy snippets are coloured by class
 * (src/lib/highlight.ts). No third-party text can reach an attribute unescaped.
 */
export const CONTENT_SECURITY_POLICY = [
	"default-src 'self'",
	"script-src 'self' 'wasm-unsafe-eval'",
	"worker-src 'self' blob:",
	"style-src 'self' 'unsafe-inline'",
	"img-src 'self' data:",
	"connect-src 'self'",
	"object-src 'none'",
	"base-uri 'none'",
	"form-action 'self'",
].join('; ');
