import type { APIRoute } from 'astro';
import { getAttacks } from '../../build/data.ts';
import { attacksExport } from '../../lib/exports/attacks.ts';

/** Every attack entry's facts (frontmatter) with its exposure counts; the prose stays on the pages. */
export const GET: APIRoute = async ({ site }) => {
	const body = attacksExport(await getAttacks(), site!);
	return new Response(`${JSON.stringify(body, null, 2)}\n`, { headers: { 'Content-Type': 'application/json' } });
};
