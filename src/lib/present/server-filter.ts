/**
 * The server directory's filter: reads the compact index (`/api/servers-index.json`, built by
 * `serverIndex` in browse.ts), matches a query against every server and keeps the state in the URL.
 * Runs in the browser, so it imports nothing at run time (types only).
 */
import type { IndexName, ServerIndex } from './directory.ts';

export const SORTS = {
	name: 'Name',
	tools: 'Most tools',
	risk: 'Most severe first',
} as const;
export type Sort = keyof typeof SORTS;
const SORT_IDS = Object.keys(SORTS) as Sort[];

export interface DirectoryQuery {
	/** Free text; every word must appear in the server's name, slug or a package name. */
	q: string;
	/** A level id: keep servers with at least one tool at this level; '' for any. */
	risk: string;
	sort: Sort;
}

export interface DirectoryRow {
	slug: string;
	name: IndexName;
	/** The name as plain text (invisible characters included, as the reader would type around them). */
	text: string;
	packages: readonly string[];
	tools: number;
	/** Tool counts per level, in the index's `levels` order. */
	counts: readonly number[];
	obtained: string;
	/** Lower-case name, slug and package names, for matching. */
	haystack: string;
	/** Position in the index (directory order), which breaks every tie. */
	order: number;
}

export interface DirectoryData {
	levels: readonly string[];
	rows: readonly DirectoryRow[];
}

const plain = (name: IndexName) => (typeof name === 'string' ? name : name.map((p) => (typeof p === 'string' ? p : '')).join(''));

/** Reads the index, refusing anything that is not version 1 of its format. */
export function decodeIndex(data: unknown): DirectoryData {
	const index = data as ServerIndex;
	if (!index || index.version !== 1 || !Array.isArray(index.servers) || !Array.isArray(index.levels))
		throw new Error('server index: expected version 1 with levels and servers');
	return {
		levels: index.levels,
		rows: index.servers.map(([slug, name, packages, tools, counts, obtained], order) => {
			const text = plain(name);
			return { slug, name, text, packages, tools, counts, obtained, haystack: [text, slug, ...packages].join(' ').toLowerCase(), order };
		}),
	};
}

/** The query in a URL's search part; unknown levels and sorts are ignored. */
export function parseQuery(search: string, levels: readonly string[]): DirectoryQuery {
	const params = new URLSearchParams(search);
	const risk = params.get('risk') ?? '';
	const sort = params.get('sort') ?? '';
	return {
		q: (params.get('q') ?? '').trim(),
		risk: levels.includes(risk) ? risk : '',
		sort: (SORT_IDS as string[]).includes(sort) ? (sort as Sort) : 'name',
	};
}

/** The URL search part for a query ('' for the default view), defaults left out. */
export function queryString(query: DirectoryQuery): string {
	const params = new URLSearchParams();
	if (query.q.trim()) params.set('q', query.q.trim());
	if (query.risk) params.set('risk', query.risk);
	if (query.sort !== 'name') params.set('sort', query.sort);
	const s = params.toString();
	return s ? `?${s}` : '';
}

/** True when the query shows the plain directory (no filter, default order). */
export function isDefault(query: DirectoryQuery): boolean {
	return query.q.trim() === '' && query.risk === '' && query.sort === 'name';
}

/** 0: the name or slug is the query; 1: the name or slug starts with it; 2: it appears elsewhere. */
function closeness(row: DirectoryRow, q: string): number {
	const name = row.text.toLowerCase();
	if (name === q || row.slug === q) return 0;
	if (name.startsWith(q) || row.slug.startsWith(q)) return 1;
	return 2;
}

/**
 * The rows matching a query, in the order asked for. Rows arrive in directory order (by name); that
 * order breaks every tie, so the result is stable. Sorted by name, exact and prefix matches come first,
 * which is what Enter opens.
 */
export function filterRows(dir: DirectoryData, query: DirectoryQuery): DirectoryRow[] {
	const words = query.q.toLowerCase().split(/\s+/).filter(Boolean);
	const level = dir.levels.indexOf(query.risk);
	const rows = dir.rows.filter((r) => (level < 0 || (r.counts[level] ?? 0) > 0) && words.every((w) => r.haystack.includes(w)));
	const tie = (a: DirectoryRow, b: DirectoryRow) => a.order - b.order;
	switch (query.sort) {
		case 'name': {
			const q = words.join(' ');
			return q === '' ? rows : rows.sort((a, b) => closeness(a, q) - closeness(b, q) || tie(a, b));
		}
		case 'tools':
			return rows.sort((a, b) => b.tools - a.tools || tie(a, b));
		case 'risk':
			return rows.sort((a, b) => {
				for (let i = 0; i < dir.levels.length; i++) {
					const d = (b.counts[i] ?? 0) - (a.counts[i] ?? 0);
					if (d !== 0) return d;
				}
				return tie(a, b);
			});
	}
}

/** What the live region says about a result. */
export function resultMessage(shown: number, matched: number, total: number): string {
	if (matched === 0) return `No server of ${total} matches.`;
	const servers = matched === 1 ? 'server matches' : 'servers match';
	return shown < matched ? `${matched} of ${total} ${servers}; showing the first ${shown}.` : `${matched} of ${total} ${servers}.`;
}
