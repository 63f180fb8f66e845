import type { APIRoute, GetStaticPaths } from 'astro';
import { getCatalogue, primaryOnly } from '../../build/data.ts';
import { datasetMeta } from '../../lib/exports/dataset.ts';
import { serverExport } from '../../lib/exports/server.ts';

/** `/servers/<server>.json`: the server's facts and the judgement on each tool (schema: /api/schemas/server.schema.json). */
export const getStaticPaths = primaryOnly((async () => {
	const catalogue = await getCatalogue();
	return catalogue.servers.map((s) => ({ params: { server: s.slug } }));
}) satisfies GetStaticPaths);

export const GET: APIRoute = async ({ params, site }) => {
	const catalogue = await getCatalogue();
	const body = serverExport(catalogue.server(params.server!)!, datasetMeta(catalogue, site!));
	return new Response(`${JSON.stringify(body, null, 2)}\n`, { headers: { 'Content-Type': 'application/json' } });
};
