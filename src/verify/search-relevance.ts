/**
 * The search relevance evaluation (`npm run eval:search`): a committed set of queries with the results a
 * reader expects near the top, run through the built site's own Pagefind bundle in Node and ranked by the
 * search page's own code (src/lib/present/search-rank.ts), then scored.
 *
 * - top-3 hit rate: the share of queries with an expected URL among the first three results;
 * - MRR: the mean of 1 / (position of the first expected URL), 0 when none is in the first 20;
 * - missing: queries naming servers that are not catalogued, which must get the "not catalogued yet"
 *   notice (scored on their own, since they have no expected result).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { CATEGORY_IDS, RISK_LEVEL_IDS } from '../lib/taxonomy.ts';
import { gatherHits, notCatalogued, parseQuery, type Hit, type PagefindDocument, type Vocabulary } from '../lib/present/search-rank.ts';

export const RelevanceQuery = z.strictObject({
	q: z.string().min(1),
	/** URL paths (`/servers/x/`), any of which counts as the right answer. */
	expect: z.array(z.string().regex(/^\/(servers|tools|attacks)\/.+\/$/)),
	/** A server that is not catalogued: the page must say so. */
	missing: z.boolean().optional(),
	why: z.string().min(1),
});
export type RelevanceQuery = z.infer<typeof RelevanceQuery>;

export const RelevanceSet = z.strictObject({
	about: z.string(),
	queries: z.array(RelevanceQuery).min(1),
});
export type RelevanceSet = z.infer<typeof RelevanceSet>;

/** What one query returned: the result URLs in order and whether the notice showed. */
export interface QueryOutcome {
	urls: string[];
	notice: boolean;
}

export interface QueryScore {
	query: RelevanceQuery;
	/** 1-based position of the first expected URL, or undefined. */
	rank: number | undefined;
	top: string[];
	notice: boolean;
}

export interface RelevanceScore {
	scored: QueryScore[];
	/** Queries with expected results. */
	ranked: number;
	top3: number;
	mrr: number;
	missing: number;
	missingNoticed: number;
	/** A `missing` query that got no notice, or one with expectations that got it: both are failures. */
}

/** Positions beyond this count as not found. */
export const DEPTH = 20;

/** Scores outcomes against the set (pure: the unit tests feed it made-up outcomes). */
export function scoreRelevance(set: RelevanceSet, outcomes: ReadonlyMap<string, QueryOutcome>): RelevanceScore {
	const scored: QueryScore[] = [];
	let top3 = 0;
	let rr = 0;
	let ranked = 0;
	let missing = 0;
	let missingNoticed = 0;
	for (const query of set.queries) {
		const outcome = outcomes.get(query.q) ?? { urls: [], notice: false };
		const at = outcome.urls.slice(0, DEPTH).findIndex((u) => query.expect.includes(u));
		const rank = at === -1 ? undefined : at + 1;
		scored.push({ query, rank, top: outcome.urls.slice(0, 3), notice: outcome.notice });
		if (query.missing) {
			missing++;
			if (outcome.notice) missingNoticed++;
			continue;
		}
		ranked++;
		if (rank !== undefined && rank <= 3) top3++;
		if (rank !== undefined) rr += 1 / rank;
	}
	return { scored, ranked, top3: ranked ? top3 / ranked : 0, mrr: ranked ? rr / ranked : 0, missing, missingNoticed };
}

interface PagefindModule {
	options(o: Record<string, unknown>): Promise<void>;
	init(): Promise<void>;
	search(q: string): Promise<{ results: { data(): Promise<PagefindDocument> }[] }>;
}

/**
 * Loads `<dist>/pagefind/pagefind.js` in Node. The bundle fetches its index files next to itself; Node's
 * fetch cannot read `file:` URLs, so for the duration a fetch that can is installed (others pass through).
 */
export async function loadPagefind(dist: string, options: Record<string, unknown>): Promise<{ pagefind: PagefindModule; base: string }> {
	const real = globalThis.fetch;
	globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
		const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
		if (!url.startsWith('file:')) return real(input, init);
		const body = await readFile(new URL(url.split('?')[0]!));
		return new Response(body, {
			status: 200,
			headers: { 'content-type': url.includes('wasm') ? 'application/wasm' : 'application/octet-stream' },
		});
	}) as typeof fetch;
	const base = pathToFileURL(join(dist, '/')).href;
	const pagefind = (await import(new URL('pagefind/pagefind.js', base).href)) as PagefindModule;
	await pagefind.options(options);
	await pagefind.init();
	return { pagefind, base };
}

const vocabulary: Vocabulary = {
	isLevel: (s: string): s is string => (RISK_LEVEL_IDS as readonly string[]).includes(s),
	isCategory: (s: string): s is string => (CATEGORY_IDS as readonly string[]).includes(s),
};

/** The path a result URL stands for: Pagefind prefixes the bundle's base (here a `file:` path). */
function sitePath(url: string, base: string): string {
	const basePath = new URL(base).pathname;
	const i = url.indexOf(basePath);
	return i === -1 ? url : `/${url.slice(i + basePath.length)}`;
}

/** Runs one query as the search page does (first page of 20, no filters) and returns its outcome. */
export async function runQuery(pagefind: PagefindModule, base: string, q: string): Promise<QueryOutcome & { hits: Hit[] }> {
	const search = await pagefind.search(q);
	const results = search.results.map((r) => ({
		data: async (): Promise<PagefindDocument> => {
			const d = await r.data();
			const doc: PagefindDocument = { ...d, url: sitePath(d.url, base) };
			if (d.sub_results) doc.sub_results = d.sub_results.map((s) => ({ ...s, url: sitePath(s.url, base) }));
			return doc;
		},
	}));
	const state = { read: 0, hits: [] as Hit[], want: DEPTH, filters: { risk: [], category: [] }, query: parseQuery(q) };
	await gatherHits(results, state, vocabulary);
	return { urls: state.hits.map((h) => h.url), notice: notCatalogued(q, state.hits), hits: state.hits };
}
