/**
 * The sitemap check: the sitemap index and its chunks list every HTML page of the build exactly
 * once and nothing else, each chunk within the protocol's 50,000 URLs, and robots.txt names the
 * index. Only `<loc>` elements are read (the sitemaps are generated, so their markup is regular).
 */

/** The sitemaps.org limit on URLs per sitemap file. */
const SITEMAP_URL_LIMIT = 50_000;

/** The `<loc>` values of a sitemap or sitemap index, entity-decoded. */
function sitemapLocs(xml) {
	const locs = [];
	for (const m of xml.matchAll(/<loc>([^<]*)<\/loc>/g)) {
		locs.push(
			m[1]
				.replace(/&lt;/g, '<')
				.replace(/&gt;/g, '>')
				.replace(/&quot;/g, '"')
				.replace(/&apos;/g, "'")
				.replace(/&amp;/g, '&'),
		);
	}
	return locs;
}

/** HTML files that are pages with an address of their own (not the 404 page, not Pagefind's files). */
function isListedPage(file) {
	return file.endsWith('.html') && file !== '404.html' && !file.startsWith('pagefind/');
}

/**
 * Compares the sitemaps of a build with its HTML pages.
 *
 * @param {{ files: Set<string>, read: (file: string) => Promise<string>, origin: string | undefined,
 *   urlPathOf: (file: string) => string }} site
 * @returns {Promise<{ file: string, message: string }[] | undefined>} problems, or undefined when the build has no sitemap index
 */
export async function checkSitemaps({ files, read, origin, urlPathOf }) {
	if (!files.has('sitemap-index.xml')) return undefined;
	const problems = [];
	const pathOf = (file, loc) => {
		let url;
		try {
			url = new URL(loc);
		} catch {
			problems.push({ file, message: `<loc>${loc}</loc> is not an absolute URL` });
			return undefined;
		}
		if (origin !== undefined && url.origin !== origin) {
			problems.push({ file, message: `<loc>${loc}</loc> is not on the site's origin ${origin}` });
			return undefined;
		}
		return decodeURIComponent(url.pathname);
	};
	const listed = new Map();
	for (const loc of sitemapLocs(await read('sitemap-index.xml'))) {
		const path = pathOf('sitemap-index.xml', loc);
		if (path === undefined) continue;
		const chunk = path.replace(/^\//, '');
		if (!files.has(chunk)) {
			problems.push({ file: 'sitemap-index.xml', message: `names ${loc}, which is not in the build` });
			continue;
		}
		const locs = sitemapLocs(await read(chunk));
		if (locs.length > SITEMAP_URL_LIMIT)
			problems.push({ file: chunk, message: `${locs.length} URLs; a sitemap may hold at most ${SITEMAP_URL_LIMIT}` });
		for (const pageLoc of locs) {
			const pagePath = pathOf(chunk, pageLoc);
			if (pagePath === undefined) continue;
			if (listed.has(pagePath)) problems.push({ file: chunk, message: `${pagePath} is listed twice (first in ${listed.get(pagePath)})` });
			else listed.set(pagePath, chunk);
		}
	}
	const pages = new Set();
	for (const file of files) if (isListedPage(file)) pages.add(urlPathOf(file));
	for (const [path, chunk] of listed)
		if (!pages.has(path)) problems.push({ file: chunk, message: `lists ${path}, which is not an HTML page of the build` });
	for (const path of pages)
		if (!listed.has(path)) problems.push({ file: 'sitemap-index.xml', message: `the page ${path} is in no sitemap` });
	if (files.has('robots.txt')) {
		const robots = await read('robots.txt');
		const named = [...robots.matchAll(/^Sitemap:\s*(\S+)/gim)].map((m) => m[1]);
		if (
			!named.some((u) => {
				try {
					return new URL(u).pathname === '/sitemap-index.xml';
				} catch {
					return false;
				}
			})
		) {
			problems.push({ file: 'robots.txt', message: 'does not name the sitemap index (Sitemap: <origin>/sitemap-index.xml)' });
		}
	} else problems.push({ file: 'robots.txt', message: 'missing: robots.txt must name the sitemap index' });
	return problems;
}
