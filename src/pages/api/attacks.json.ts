import type { APIRoute } from 'astro';
import { getAttacks } from '../../catalogue.ts';

/** Every attack entry's facts (frontmatter) with its exposure counts; the prose stays on the pages. */
export const GET: APIRoute = async () => {
	const index = await getAttacks();
	const body = {
		count: index.attacks.length,
		attacks: index.attacks.map((a) => {
			const exposure = index.exposure(a.slug);
			return {
				slug: a.slug,
				url: `/attacks/${a.slug}/`,
				...a.data,
				exposure: { tools: exposure.total, servers: exposure.servers.map((s) => ({ server: s.server, tools: s.count })) },
			};
		}),
	};
	return new Response(`${JSON.stringify(body, null, 2)}\n`, { headers: { 'Content-Type': 'application/json' } });
};
