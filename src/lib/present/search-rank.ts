/**
 * How the search page turns Pagefind's answer into the list a reader sees: the hits inside each search
 * document (a server's matching tools, the server itself, an attack entry), filtered, and their order.
 * Shared by the browser (`SearchPanel.client.ts`) and the relevance evaluation (`scripts/eval-search.ts`),
 * so what is measured is what is shown; it imports nothing but the anchor codec, and the caller passes
 * in how it recognises a level and a category.
 */
import { parseToolAnchor } from './search-anchor.ts';

export interface PagefindSubResult {
	title: string;
	url: string;
	excerpt: string;
	weighted_locations?: { balanced_score: number }[];
}
/** What Pagefind's `result.data()` gives for one search document (the fields used here). */
export interface PagefindDocument {
	url: string;
	excerpt: string;
	meta: Record<string, string | undefined>;
	sub_results?: PagefindSubResult[];
}

/**
 * The options the search page gives Pagefind. On the page's thread (`noWorker`): Pagefind's worker costs
 * another 43 KB script and a worker start before the first results, and these searches (one short
 * document per server) take milliseconds.
 */
export const PAGEFIND_OPTIONS = { excerptLength: 24, noWorker: true } as const;

export const FILTER_KEYS = ['risk', 'category'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Record<FilterKey, string[]>;

export interface Vocabulary {
	isLevel: (s: string) => s is string;
	isCategory: (s: string) => s is string;
}

export interface Hit {
	kind: 'tool' | 'server' | 'attack';
	title: string;
	url: string;
	/** Pagefind's excerpt: escaped HTML with `<mark>` around the matched words. */
	excerpt: string;
	/** The server a tool belongs to (its display name). */
	server?: string;
	level?: string;
	category?: string;
	score: number;
	/** Position of the search document in Pagefind's order. */
	order: number;
}

const anyFilter = (f: Filters) => f.risk.length + f.category.length > 0;
const scoreOf = (locations: { balanced_score: number }[] | undefined) => (locations ?? []).reduce((s, l) => s + l.balanced_score, 0);

/** The hits inside one search document: its matching tools (filtered), or the server or attack itself. */
export function hitsOf(d: PagefindDocument, filters: Filters, order: number, vocabulary: Vocabulary): Hit[] {
	if (d.meta['kind'] === 'attack') {
		if (anyFilter(filters)) return [];
		return [
			{
				kind: 'attack',
				title: d.meta['title'] ?? d.url,
				url: d.url,
				excerpt: d.excerpt,
				score: scoreOf(d.sub_results?.[0]?.weighted_locations),
				order,
			},
		];
	}
	const server = d.meta['title'] ?? d.url;
	const slug = /^\/servers\/([^/]+)\/$/.exec(d.url)?.[1];
	const hits: Hit[] = [];
	for (const sub of d.sub_results ?? []) {
		const hash = sub.url.split('#')[1];
		const anchor = hash ? parseToolAnchor(decodeURIComponent(hash), vocabulary.isLevel, vocabulary.isCategory) : undefined;
		if (!anchor || !slug) {
			if (!anyFilter(filters))
				hits.push({ kind: 'server', title: server, url: d.url, excerpt: sub.excerpt, score: scoreOf(sub.weighted_locations), order });
			continue;
		}
		const { level, category, segment } = anchor;
		if (filters.risk.length > 0 && !filters.risk.includes(level)) continue;
		if (filters.category.length > 0 && !filters.category.includes(category)) continue;
		hits.push({
			kind: 'tool',
			title: sub.title,
			url: `/tools/${slug}/${segment}/`,
			excerpt: sub.excerpt,
			server,
			level,
			category,
			score: scoreOf(sub.weighted_locations),
			order,
		});
	}
	return hits;
}

/** Best first. */
export function compareHits(a: Hit, b: Hit): number {
	return b.score - a.score || a.order - b.order;
}

/** Search documents read per step: each is one fragment request. */
export const DOCUMENTS_PER_STEP = 8;

/**
 * Reads search documents in steps until there are `want` hits or none are left, as the search page
 * does; `onHits` sees the sorted hits after each document. Resolves with how many documents were read.
 */
export async function gatherHits(
	results: readonly { data(): Promise<PagefindDocument> }[],
	state: { read: number; hits: Hit[]; want: number; filters: Filters },
	vocabulary: Vocabulary,
	onHits: () => boolean | void = () => undefined,
): Promise<boolean> {
	while (state.hits.length < state.want && state.read < results.length) {
		const start = state.read;
		const step = results.slice(start, start + DOCUMENTS_PER_STEP);
		state.read += step.length;
		let stale = false;
		await Promise.all(
			step.map(async (r, i) => {
				const d = await r.data();
				if (stale) return;
				state.hits.push(...hitsOf(d, state.filters, start + i, vocabulary));
				// Best first: a later document can hold a better tool than an earlier one.
				state.hits.sort(compareHits);
				if (onHits() === false) stale = true;
			}),
		);
		if (stale) return false;
	}
	return true;
}

/** Whether the page should say that no catalogued server answers the query (decided in the next step). */
export function notCatalogued(_query: string, _hits: readonly Hit[]): boolean {
	return false;
}
