/**
 * The server directory: `/servers/` and its paginated pages without JavaScript, and the compact index
 * its instant filter fetches (`/api/servers-index.json`). Order, pages and filter counts are computed
 * once per catalogue and shared by its pages.
 */
import type { Catalogue, ServerView } from '../catalogue.ts';
import { RISK_LEVEL_IDS, type RiskLevel } from '../taxonomy.ts';
import { visibleSegments } from '../text/visible-text.ts';
import { obtainedShort } from './provenance.ts';

/** Levels, most severe first: the order of each index row's counts. */
const LEVELS_DOWN = [...RISK_LEVEL_IDS].reverse();

/** Servers per page of the directory without JavaScript. */
export const SERVERS_PER_PAGE = 100;

/** Page 1 of the directory is `/servers/`; later pages are `/servers/all/<n>/` (`all` is a reserved server slug). */
export function directoryHref(page: number): string {
	return page <= 1 ? '/servers/' : `/servers/all/${page}/`;
}

export interface DirectoryPage<T> {
	current: number;
	last: number;
	items: readonly T[];
	prev: string | undefined;
	next: string | undefined;
}

/** Splits the directory into pages (an empty directory is one empty page). */
export function directoryPages<T>(items: readonly T[], size = SERVERS_PER_PAGE): DirectoryPage<T>[] {
	if (!Number.isInteger(size) || size < 1) throw new RangeError(`page size must be a positive integer, got ${size}`);
	const last = Math.max(1, Math.ceil(items.length / size));
	return Array.from({ length: last }, (_, i) => ({
		current: i + 1,
		last,
		items: items.slice(i * size, (i + 1) * size),
		prev: i === 0 ? undefined : directoryHref(i),
		next: i + 1 === last ? undefined : directoryHref(i + 2),
	}));
}

/** The directory's order: by name, then slug (the same in the static pages and the filter). */
function directoryOrder(servers: readonly ServerView[]): ServerView[] {
	return [...servers].sort((a, b) => a.file.name.localeCompare(b.file.name, 'en') || a.slug.localeCompare(b.slug, 'en'));
}

interface Directory {
	/** Every server, in directory order. */
	servers: readonly ServerView[];
	pages: readonly DirectoryPage<ServerView>[];
	/** For each level, how many servers have at least one tool at it (the filter's options). */
	withLevel: Record<RiskLevel, number>;
}

const directoryMemo = new WeakMap<Catalogue, Directory>();

/** The directory's order, pages and filter counts, computed once per catalogue and shared by its pages. */
export function directory(catalogue: Catalogue): Directory {
	const hit = directoryMemo.get(catalogue);
	if (hit) return hit;
	const servers = directoryOrder(catalogue.servers);
	const result = { servers, pages: directoryPages(servers), withLevel: serversWithLevel(catalogue.servers) };
	directoryMemo.set(catalogue, result);
	return result;
}

/** What a reader might search a server by besides its name: npm and PyPI packages, container images, and remote servers' hosts. */
export function packageNames(server: ServerView): string[] {
	const names = server.file.distributions.map((d) => {
		switch (d.kind) {
			case 'npm':
			case 'pypi':
				return d.package;
			case 'oci':
				return d.image;
			case 'remote':
				return new URL(d.url).host;
		}
	});
	return [...new Set(names)];
}

/** How the tool list was obtained, as the directory shows it. */
export function obtainedLabel(server: ServerView): string {
	return obtainedShort(server.file);
}

/**
 * A name as the directory renders it: plain text, or (when it holds invisible characters) parts where
 * `[code]` stands for an invisible character to show as a visible marker.
 */
export type IndexName = string | (string | [string])[];

/** One server in the index: slug, name, package names, tool count, tool counts per level (in `levels` order), how obtained. */
type IndexRow = [slug: string, name: IndexName, packages: string[], tools: number, counts: number[], obtained: string];

export interface ServerIndex {
	version: 1;
	/** Level ids, most severe first: the order of each row's counts. */
	levels: RiskLevel[];
	columns: ['slug', 'name', 'packages', 'tools', 'counts', 'obtained'];
	servers: IndexRow[];
}

function indexName(name: string): IndexName {
	const parts = visibleSegments(name);
	if (parts.every((p) => p.hidden === undefined)) return name;
	return parts.map((p) => (p.hidden === undefined ? p.text : [p.hidden]));
}

/** The compact index the directory's filter fetches: every server, in directory order. */
export function serverIndex(catalogue: Catalogue): ServerIndex {
	return {
		version: 1,
		levels: LEVELS_DOWN,
		columns: ['slug', 'name', 'packages', 'tools', 'counts', 'obtained'],
		servers: directory(catalogue).servers.map((s) => [
			s.slug,
			indexName(s.file.name),
			packageNames(s),
			s.tools.length,
			LEVELS_DOWN.map((l) => s.levelCounts[l]),
			obtainedLabel(s),
		]),
	};
}

/** For each level, how many servers have at least one tool at it (the directory filter's options). */
function serversWithLevel(servers: readonly ServerView[]): Record<RiskLevel, number> {
	const counts = Object.fromEntries(RISK_LEVEL_IDS.map((l) => [l, 0])) as Record<RiskLevel, number>;
	for (const s of servers) for (const l of RISK_LEVEL_IDS) if (s.levelCounts[l] > 0) counts[l]++;
	return counts;
}
