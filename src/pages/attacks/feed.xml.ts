import type { APIRoute } from 'astro';
import { getAttacks } from '../../build/data.ts';
import { atomFeed } from '../../lib/present/atom.ts';

/** Atom feed of attack entries, newest disclosure first. Dates come from the entries, so the feed is deterministic. */
export const GET: APIRoute = async ({ site }) => {
	const index = await getAttacks();
	const base = site ?? new URL('https://toolrisk.dev');
	const xml = atomFeed({
		id: new URL('/attacks/', base).href,
		title: 'toolrisk: MCP attack database',
		selfUrl: new URL('/attacks/feed.xml', base).href,
		pageUrl: new URL('/attacks/', base).href,
		entries: index.attacks.map((a) => ({
			id: new URL(`/attacks/${a.slug}/`, base).href,
			title: a.data.title,
			url: new URL(`/attacks/${a.slug}/`, base).href,
			updated: a.data.disclosed,
			summary: `${a.data.kind === 'pattern' ? 'Attack pattern' : 'Incident'} (${a.data.verification}): ${a.data.summary}`,
		})),
	});
	return new Response(xml, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
};
