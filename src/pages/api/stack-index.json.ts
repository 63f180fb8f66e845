import type { APIRoute } from 'astro';
import { getCatalogue } from '../../build/data.ts';
import { buildStackIndex } from '../../lib/present/stack-index.ts';

/** What the stack checker (/check/) matches a pasted configuration against; fetched whole, so no request names a server. */
export const GET: APIRoute = async () => {
	const index = buildStackIndex(await getCatalogue());
	return new Response(JSON.stringify(index), { headers: { 'Content-Type': 'application/json' } });
};
