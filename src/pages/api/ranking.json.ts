import type { APIRoute } from 'astro';
import { getRanking } from '../../build/ranking.ts';
import type { RankingIndex } from '../../lib/present/missing-server.ts';

/** The ranking of the most used MCP servers, compact, for the not-found page of a server that is not catalogued (one line per server). */
export const GET: APIRoute = () => {
	const ranking = getRanking();
	const index: RankingIndex = {
		version: 1,
		asOf: ranking?.asOf ?? '',
		servers: (ranking?.servers ?? []).map((e) => ({
			id: e.id,
			name: e.name,
			vendor: e.vendor,
			official: e.official,
			rank: e.rank,
			evidence: e.evidence,
			packages: e.packages.map((p) => ({ registry: p.registry, name: p.name })),
			remote: e.remote?.url ?? null,
			catalogued: e.catalogued,
			howToObtain: e.howToObtain,
		})),
	};
	const { servers, ...head } = index;
	const body = `${JSON.stringify(head).slice(0, -1)},"servers":[\n${servers.map((s) => JSON.stringify(s)).join(',\n')}\n]}\n`;
	return new Response(body, { headers: { 'Content-Type': 'application/json' } });
};
