import type { APIRoute } from 'astro';
import { getAttacks, getCatalogue } from '../build/data.ts';
import { sitemapChunkCount, sitemapIndexXml, sitemapPaths } from '../lib/present/sitemap.ts';

/** `/sitemap-index.xml`: names every sitemap chunk under /sitemaps/. */
export const GET: APIRoute = async ({ site }) => {
	const [catalogue, attacks] = await Promise.all([getCatalogue(), getAttacks()]);
	const count = sitemapPaths(
		catalogue,
		attacks.attacks.map((a) => a.slug),
	).length;
	return new Response(sitemapIndexXml(site!, sitemapChunkCount(count)), { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
