/**
 * The sitemaps (sitemaps.org protocol): every HTML page exactly once, derived from the catalogue and
 * the site's known routes, split into chunks of at most `SITEMAP_CHUNK_SIZE` URLs under one sitemap
 * index. The site check compares the listed URLs with the HTML files of the build, so a page added
 * without a line here (or a line without a page) fails it.
 */
import { escapeXml } from './atom.ts';
import type { Catalogue } from '../catalogue.ts';
import { absolute, serverPagePath, sitemapChunkPath, toolPagePath } from '../exports/paths.ts';
import { LISTING_PAGE_SIZE } from './class-pages.ts';
import { directory, directoryHref } from './directory.ts';
import { CATEGORY_IDS, RISK_LEVEL_IDS, SIGNAL_IDS } from '../taxonomy.ts';

/** URLs per sitemap file: the protocol's limit (a file may also not exceed 50 MB, far above our URL lengths). */
export const SITEMAP_CHUNK_SIZE = 50_000;

export { LISTING_PAGE_SIZE };

/** Pages that exist once, whatever the content (the 404 page answers for missing URLs and is not listed). */
export const STATIC_PAGES = ['/', '/about/', '/search/', '/attacks/', '/data/', '/check/'] as const;

/** `/base/`, `/base/2/`, ... for a listing of `count` items (one page even when empty, as Astro's paginate does). */
function listingPages(base: string, count: number): string[] {
	const pages = Math.max(1, Math.ceil(count / LISTING_PAGE_SIZE));
	return Array.from({ length: pages }, (_, i) => (i === 0 ? base : `${base}${i + 1}/`));
}

/** Every HTML page's path, in a fixed order: static pages, listings, attacks, servers, tools. O(n). */
export function sitemapPaths(catalogue: Catalogue, attackSlugs: readonly string[]): string[] {
	const paths: string[] = [...STATIC_PAGES];
	for (const page of directory(catalogue).pages) paths.push(directoryHref(page.current));
	for (const l of RISK_LEVEL_IDS) paths.push(...listingPages(`/risk/${l}/`, catalogue.byLevel[l].length));
	for (const c of CATEGORY_IDS) paths.push(...listingPages(`/categories/${c}/`, catalogue.byCategory[c].length));
	for (const s of SIGNAL_IDS) paths.push(...listingPages(`/signals/${s}/`, catalogue.bySignal[s].length));
	for (const a of attackSlugs) paths.push(`/attacks/${a}/`);
	for (const s of catalogue.servers) paths.push(serverPagePath(s.slug));
	for (const t of catalogue.tools) paths.push(toolPagePath(t.id));
	return paths;
}

/** How many sitemap files `count` URLs need (at least one, so the index is never empty). */
export function sitemapChunkCount(count: number, size = SITEMAP_CHUNK_SIZE): number {
	return Math.max(1, Math.ceil(count / size));
}

/** The paths of chunk `n` (1-based). */
export function sitemapChunk(paths: readonly string[], n: number, size = SITEMAP_CHUNK_SIZE): readonly string[] {
	return paths.slice((n - 1) * size, n * size);
}

/** One sitemap file. */
export function sitemapXml(site: URL, paths: readonly string[]): string {
	const urls = paths.map((p) => `  <url><loc>${escapeXml(absolute(site, p))}</loc></url>\n`);
	return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('')}</urlset>\n`;
}

/** The sitemap index naming every chunk. */
export function sitemapIndexXml(site: URL, chunks: number): string {
	const entries = Array.from(
		{ length: chunks },
		(_, i) => `  <sitemap><loc>${escapeXml(absolute(site, sitemapChunkPath(i + 1)))}</loc></sitemap>\n`,
	);
	return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('')}</sitemapindex>\n`;
}

/** `robots.txt`: everything may be crawled; the sitemap index is named. */
export function robotsTxt(site: URL, sitemapIndexPath: string): string {
	return `User-agent: *\nAllow: /\n\nSitemap: ${absolute(site, sitemapIndexPath)}\n`;
}
