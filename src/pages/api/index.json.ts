import type { APIRoute } from 'astro';
import { getAttacks, getCatalogue } from '../../build/data.ts';
import { dataIndex } from '../../lib/exports/bulk.ts';
import { datasetMeta } from '../../lib/exports/dataset.ts';
import { FEEDS } from '../../lib/present/feeds.ts';
import { sitemapChunkCount, sitemapPaths } from '../../lib/present/sitemap.ts';

/** `/api/index.json`: counts, dataset version, licence and links to every export, feed and schema. */
export const GET: APIRoute = async ({ site }) => {
	const [catalogue, attacks] = await Promise.all([getCatalogue(), getAttacks()]);
	const body = dataIndex(catalogue, {
		meta: datasetMeta(catalogue, site!),
		attacks: attacks.attacks.length,
		sitemapChunks: sitemapChunkCount(
			sitemapPaths(
				catalogue,
				attacks.attacks.map((a) => a.slug),
			).length,
		),
		feeds: FEEDS,
	});
	return new Response(`${JSON.stringify(body, null, 2)}\n`, { headers: { 'Content-Type': 'application/json' } });
};
