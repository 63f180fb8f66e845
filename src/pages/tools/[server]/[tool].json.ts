/**
 * The JSON twin of a tool page, in development. A build writes the same files from
 * src/build/integrations/exports.ts (`toolTwinText`, one function for both) rather than through a route per
 * tool, so here getStaticPaths lists nothing outside `astro dev`.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCatalogue, toolTwinText } from '../../../build/data.ts';

export const getStaticPaths = (async () => {
	if (!import.meta.env.DEV) return [];
	const catalogue = await getCatalogue();
	return catalogue.tools.map((t) => ({ params: { server: t.server, tool: t.segment }, props: { id: t.id } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) =>
	new Response(await toolTwinText(props.id as string), { headers: { 'Content-Type': 'application/json' } });
