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
 * Pagefind's ranking. Search documents are short and of very different lengths (a server with 3 tools,
 * one with 120), so the length of a document should not decide its rank (`pageLength` low); a term that
 * appears many times in a 120-tool server is not a better answer than one that names it once
 * (`termSaturation` low: repetition stops counting early). Exact words count more than longer words the
 * query is only the start of (`termSimilarity` high). Matches in the search-only metadata count like
 * the title: a server's `names` (slug, packages) and an attack entry's `aliases` (SSRF, RCE…).
 */
const RANKING = {
	pageLength: 0.1,
	termSaturation: 0.6,
	termSimilarity: 3,
	metaWeights: { title: 5, names: 5, aliases: 4 },
} as const;

/**
 * The options the search page gives Pagefind. On the page's thread (`noWorker`): Pagefind's worker costs
 * another 43 KB script and a worker start before the first results, and these searches (one short
 * document per server) take milliseconds.
 */
export const PAGEFIND_OPTIONS = { excerptLength: 24, noWorker: true, ranking: RANKING } as const;

export const FILTER_KEYS = ['risk', 'category'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Record<FilterKey, string[]>;

export interface Vocabulary {
	isLevel: (s: string) => s is string;
	isCategory: (s: string) => s is string;
}

export interface Hit {
	kind: 'tool' | 'server' | 'attack';
	/** How directly the hit answers the query (`tierOf`); lower first. */
	tier: number;
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
	/** A server hit's place among the most used MCP servers (content/ranking), when it is ranked. */
	popularity?: number;
}

const anyFilter = (f: Filters) => f.risk.length + f.category.length > 0;
const scoreOf = (locations: { balanced_score: number }[] | undefined) => (locations ?? []).reduce((s, l) => s + l.balanced_score, 0);

/**
 * The words of a name or a query, lower case: split at anything but letters and digits, and also at
 * camel-case humps (`createMemory` and `GitHub` give both the whole word and its parts).
 */
export function wordsOf(text: string): string[] {
	const plain = text.toLowerCase().split(/[^\p{L}\p{N}]+/u);
	const humps = text
		.replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
		.toLowerCase()
		.split(/[^\p{L}\p{N}]+/u);
	return [...new Set([...plain, ...humps])].filter(Boolean);
}

/** The words of an identifier joined with spaces: `create_memory` and `createMemory` both give `create memory`. */
export function nameWords(name: string): string {
	return name
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.split(/[^\p{L}\p{N}]+/u)
		.filter(Boolean)
		.join(' ')
		.toLowerCase();
}

/** Letters and digits only, lower case: how names are compared whole (`@sentry/mcp-server` → `sentrymcpserver`). */
const squash = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** The query as the ranking reads it. */
export interface Query {
	text: string;
	squashed: string;
	words: string[];
}
export function parseQuery(text: string): Query {
	return {
		text,
		squashed: squash(text),
		words: text
			.toLowerCase()
			.split(/[^\p{L}\p{N}]+/u)
			.filter(Boolean),
	};
}

/** Every query word is a whole word of `words`. */
const allWhole = (q: Query, words: readonly string[]) => q.words.length > 0 && q.words.every((w) => words.includes(w));
/** Every query word begins a word of `words` (the reader is still typing). */
const allPrefix = (q: Query, words: readonly string[]) => q.words.length > 0 && q.words.every((w) => words.some((x) => x.startsWith(w)));

/** The words Pagefind marked in an excerpt (escaped HTML with `<mark>` around each match). */
export function markedWords(excerpt: string): string[] {
	return [...excerpt.matchAll(/<mark>([^<]*)<\/mark>/g)].flatMap((m) => wordsOf(m[1]!));
}

/**
 * The tiers, best first. Within a tier Pagefind's score decides.
 *
 * 0. a server's name or package exactly as typed (case aside): `@playwright/mcp`;
 * 1. the same compared on letters and digits only: `sentry mcp`, `mongodb-mcp-server`, `agentmail`;
 * 2. a server whose name, slug or package has every query word as a whole word: `sentry`, `brave search`;
 * 3. a tool's name, compared on letters and digits only: `browser_click` (after the servers of that name);
 * 4. a tool whose name, or an attack entry whose title or aliases (SSRF, RCE…), holds every query word whole;
 * 5. a server whose name, slug or package words begin with the query words, as while typing: `playw` (whole
 *    words first: `sqli` is the SQL injection entry's alias before it is the start of `sqlite`);
 * 6. any other hit whose matched words all begin with a query word;
 * 7. a hit Pagefind found only through a stem or a longer word (`sent` for `sentry`): whole words first.
 */
export const TIER = { exact: 0, name: 1, nameWords: 2, toolName: 3, titleWords: 4, namePrefix: 5, text: 6, stem: 7 } as const;

function nameTier(q: Query, names: readonly string[]): number | undefined {
	const typed = q.text.trim().toLowerCase();
	if (typed !== '' && names.some((n) => n.toLowerCase() === typed)) return TIER.exact;
	if (q.squashed !== '' && names.some((n) => squash(n) === q.squashed)) return TIER.name;
	const words = names.flatMap(wordsOf);
	if (allWhole(q, words)) return TIER.nameWords;
	if (allPrefix(q, words)) return TIER.namePrefix;
	return undefined;
}

/** A hit that matched only through text: whole or prefix words, or only through stems. */
function textTier(q: Query, excerpt: string): number {
	const marked = markedWords(excerpt);
	return q.words.every((w) => marked.some((m) => m.startsWith(w))) ? TIER.text : TIER.stem;
}

/** Between the names in a server's `names` metadata (search-index.ts writes it). */
export const NAMES_SEPARATOR = ' | ';

/** A server's names: its display name, then the search-only `names` metadata (slug, packages, their words). */
const namesOf = (d: PagefindDocument) =>
	[d.meta['title'] ?? '', ...(d.meta['names'] ?? '').split(NAMES_SEPARATOR)].map((n) => n.trim()).filter(Boolean);

/** The hits inside one search document: its matching tools (filtered), the server itself, or an attack entry. */
export function hitsOf(d: PagefindDocument, filters: Filters, order: number, vocabulary: Vocabulary, query: Query = parseQuery('')): Hit[] {
	if (d.meta['kind'] === 'attack') {
		if (anyFilter(filters)) return [];
		const title = d.meta['title'] ?? d.url;
		const words = [...wordsOf(title), ...wordsOf(d.meta['aliases'] ?? '')];
		const tier = allWhole(query, words) ? TIER.titleWords : textTier(query, d.excerpt);
		return [{ kind: 'attack', tier, title, url: d.url, excerpt: d.excerpt, score: scoreOf(d.sub_results?.[0]?.weighted_locations), order }];
	}
	const server = d.meta['title'] ?? d.url;
	const slug = /^\/servers\/([^/]+)\/$/.exec(d.url)?.[1];
	const place = Number(d.meta['rank']);
	const popularity = Number.isInteger(place) && place > 0 ? { popularity: place } : {};
	const byName = nameTier(query, namesOf(d));
	const hits: Hit[] = [];
	let serverHit = false;
	for (const sub of d.sub_results ?? []) {
		const hash = sub.url.split('#')[1];
		const anchor = hash ? parseToolAnchor(decodeURIComponent(hash), vocabulary.isLevel, vocabulary.isCategory) : undefined;
		if (!anchor || !slug) {
			if (!anyFilter(filters) && !serverHit) {
				serverHit = true;
				hits.push({
					kind: 'server',
					tier: byName ?? textTier(query, sub.excerpt),
					title: server,
					url: d.url,
					excerpt: sub.excerpt,
					score: scoreOf(sub.weighted_locations),
					order,
					...popularity,
				});
			}
			continue;
		}
		const { level, category, segment } = anchor;
		if (filters.risk.length > 0 && !filters.risk.includes(level)) continue;
		if (filters.category.length > 0 && !filters.category.includes(category)) continue;
		const toolWords = wordsOf(sub.title);
		const tier =
			query.squashed !== '' && squash(sub.title) === query.squashed
				? TIER.toolName
				: allWhole(query, toolWords)
					? TIER.titleWords
					: textTier(query, sub.excerpt);
		hits.push({
			kind: 'tool',
			tier,
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
	// A server found by its name is an answer even when Pagefind matched only its metadata (no section of its text).
	if (byName !== undefined && !serverHit && !anyFilter(filters))
		hits.push({
			kind: 'server',
			tier: byName,
			title: server,
			url: d.url,
			excerpt: d.excerpt,
			score: Math.max(0, ...(d.sub_results ?? []).map((x) => scoreOf(x.weighted_locations))),
			order,
			...popularity,
		});
	return hits;
}

/** Unranked servers come after every ranked server of their tier. */
const UNRANKED = Number.MAX_SAFE_INTEGER;

/** Within a name tier, a server's place among the most used; elsewhere no hit is preferred for it. */
const placeIn = (h: Hit) => (h.tier <= TIER.namePrefix ? (h.popularity ?? UNRANKED) : UNRANKED);

/**
 * Best first: by tier; within a tier found by name, servers by their place among the most used (the one
 * people run is the likelier answer to "stripe" or "salesforce" than a look-alike); then Pagefind's score,
 * then Pagefind's document order.
 */
export function compareHits(a: Hit, b: Hit): number {
	return a.tier - b.tier || placeIn(a) - placeIn(b) || b.score - a.score || a.order - b.order;
}

/** Search documents read per step: each is one fragment request. */
export const DOCUMENTS_PER_STEP = 8;

/**
 * Reads search documents in steps until there are `want` hits or none are left, as the search page
 * does; `onHits` sees the sorted hits after each document. Resolves with how many documents were read.
 */
export async function gatherHits(
	results: readonly { data(): Promise<PagefindDocument> }[],
	state: { read: number; hits: Hit[]; want: number; filters: Filters; query: Query },
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
				state.hits.push(...hitsOf(d, state.filters, start + i, vocabulary, state.query));
				// Best first: a later document can hold a better tool than an earlier one.
				state.hits.sort(compareHits);
				if (onHits() === false) stale = true;
			}),
		);
		if (stale) return false;
	}
	return true;
}

/**
 * Whether the page should say that no catalogued server answers the query ("not catalogued yet", with
 * a request link): no server matches it by name (or begins with it), and no tool name or attack entry
 * holds it whole, so it is not a tool or a security term either. A query that only matches descriptions
 * (`stripe` in "…stripe of colour…") gets the notice; `delete` (tool names) and `ssrf` (an attack's
 * alias) do not.
 */
export function notCatalogued(query: string, hits: readonly Hit[]): boolean {
	const q = parseQuery(query);
	if (q.words.length === 0 || q.words.length > 4) return false;
	return !hits.some((h) => h.tier <= TIER.namePrefix);
}
