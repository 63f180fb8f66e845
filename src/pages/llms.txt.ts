import type { APIRoute } from 'astro';
import { getCatalogue } from '../build/data.ts';
import { datasetMeta } from '../lib/exports/dataset.ts';
import { llmsTxt } from '../lib/exports/llms.ts';
import { FEEDS } from '../lib/present/feeds.ts';

/** `/llms.txt`: the site in brief for language models, from the same dataset as every page. */
export const GET: APIRoute = async ({ site }) => {
	const catalogue = await getCatalogue();
	return new Response(llmsTxt(catalogue, datasetMeta(catalogue, site!), FEEDS), {
		headers: { 'Content-Type': 'text/plain; charset=utf-8' },
	});
};
