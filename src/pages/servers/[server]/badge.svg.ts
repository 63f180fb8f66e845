import type { APIRoute, GetStaticPaths } from 'astro';
import { getCatalogue, primaryOnly } from '../../../build/data.ts';
import { badgeSvg } from '../../../lib/present/badge.ts';

/** The server's risk badge, at a stable URL for READMEs: `/servers/<server>/badge.svg`. */
export const getStaticPaths = primaryOnly((async () => {
	const catalogue = await getCatalogue();
	return catalogue.servers.map((s) => ({ params: { server: s.slug }, props: { slug: s.slug } }));
}) satisfies GetStaticPaths);

export const GET: APIRoute = async ({ props }) => {
	const server = (await getCatalogue()).server(props.slug as string)!;
	return new Response(badgeSvg({ serverName: server.file.name, levelCounts: server.levelCounts }), {
		headers: { 'Content-Type': 'image/svg+xml' },
	});
};
