import type { APIRoute } from 'astro';
import { getCatalogue } from '../../build/data.ts';
import { serverIndex } from '../../lib/present/directory.ts';

/** The compact list of every server the directory's filter fetches (one line per server keeps it small and diffable). */
export const GET: APIRoute = async () => {
	const index = serverIndex(await getCatalogue());
	const { servers, ...head } = index;
	const body = `${JSON.stringify(head).slice(0, -1)},"servers":[\n${servers.map((s) => JSON.stringify(s)).join(',\n')}\n]}\n`;
	return new Response(body, { headers: { 'Content-Type': 'application/json' } });
};
