import type { APIRoute, GetStaticPaths } from 'astro';
import { getAttacks, getCatalogue, primaryOnly } from '../../build/data.ts';
import { sitemapChunk, sitemapChunkCount, sitemapPaths, sitemapXml } from '../../lib/present/sitemap.ts';

let paths: Promise<string[]> | undefined;
/** Every page's path, computed once for all chunks. */
function allPaths(): Promise<string[]> {
	paths ??= Promise.all([getCatalogue(), getAttacks()]).then(([catalogue, attacks]) =>
		sitemapPaths(
			catalogue,
			attacks.attacks.map((a) => a.slug),
		),
	);
	return paths;
}

/** `/sitemaps/<n>.xml`: the n-th chunk of at most SITEMAP_CHUNK_SIZE page URLs. */
export const getStaticPaths = primaryOnly((async () => {
	const count = sitemapChunkCount((await allPaths()).length);
	return Array.from({ length: count }, (_, i) => ({ params: { n: String(i + 1) } }));
}) satisfies GetStaticPaths);

export const GET: APIRoute = async ({ params, site }) =>
	new Response(sitemapXml(site!, sitemapChunk(await allPaths(), Number(params.n))), {
		headers: { 'Content-Type': 'application/xml; charset=utf-8' },
	});
