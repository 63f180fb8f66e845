import type { APIRoute, GetStaticPaths } from 'astro';
import { getAttacks, getCatalogue } from '../../../catalogue.ts';
import { toolTwin } from '../../../lib/exports/tool.ts';
import { toolPageModel } from '../../../lib/tool-page.ts';

export const getStaticPaths = (async () => {
	const catalogue = await getCatalogue();
	return catalogue.tools.map((t) => ({ params: { server: t.server, tool: t.segment }, props: { id: t.id } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
	const [catalogue, attacks] = await Promise.all([getCatalogue(), getAttacks()]);
	const model = toolPageModel(catalogue, attacks, catalogue.tool(props.id as string)!);
	return new Response(`${JSON.stringify(toolTwin(model), null, 2)}\n`, { headers: { 'Content-Type': 'application/json' } });
};
