import type { APIRoute, GetStaticPaths } from 'astro';
import { getCatalogue, primaryOnly } from '../../build/data.ts';
import { atomFeed } from '../../lib/present/atom.ts';
import { datasetMeta } from '../../lib/exports/dataset.ts';
import { TOOL_FEED_IDS, toolFeed, type ToolFeedId } from '../../lib/present/feeds.ts';

/** `/feeds/new-tools.xml`, `/feeds/changed-tools.xml`, `/feeds/critical.xml`: Atom feeds dated from the data. */
export const getStaticPaths = primaryOnly((() => TOOL_FEED_IDS.map((feed) => ({ params: { feed } }))) satisfies GetStaticPaths);

export const GET: APIRoute = async ({ params, site }) => {
	const catalogue = await getCatalogue();
	const xml = atomFeed(toolFeed(params.feed as ToolFeedId, catalogue, site!, datasetMeta(catalogue, site!).updated));
	return new Response(xml, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
};
