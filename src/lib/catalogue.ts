/**
 * The build-time dataset: every server and tool with its judgement, computed once and indexed. Every
 * number on the site comes from here, so no two pages can disagree.
 */
import { classifyTool } from './judge/classify.ts';
import type { Judgement } from './judge/types.ts';
import { toolHistory, type ToolHistoryItem } from './content/history.ts';
import { listParameters, type Parameter } from './content/parameters.ts';
import { toolPolicy } from './policy/facts.ts';
import { type ToolPolicy } from './policy/model.ts';
import type { ServerFile, ToolEntry } from './content/server.ts';
import type { Identity, Popularity, RankingFacts } from './content/ranking.ts';
import { toolSegment } from './text/slug.ts';
import {
	CATEGORY_IDS,
	CATEGORY_SEVERITY,
	RISK_LEVEL_IDS,
	RISK_LEVELS,
	SIGNAL_IDS,
	type Category,
	type RiskLevel,
	type SignalId,
} from './taxonomy.ts';

export interface ToolView {
	/** `<server>/<segment>`: the tool's id and the tail of its URL. */
	id: string;
	server: string;
	segment: string;
	name: string;
	entry: ToolEntry;
	parameters: Parameter[];
	/** Dated changes found by re-scans, oldest first; empty for most tools. */
	history: readonly ToolHistoryItem[];
	judgement: Judgement;
	policy: ToolPolicy;
	/** Position in the catalogue, for deterministic spreading of related links. */
	index: number;
}

/** One independently deployed MCP server inside a server entry (the entry itself, or one of its sub-servers). */
interface PolicyUnit {
	id: string;
	name: string;
	tools: ToolView[];
}

export interface ServerView {
	file: ServerFile;
	slug: string;
	tools: ToolView[];
	levelCounts: Record<RiskLevel, number>;
	categoryCounts: Record<Category, number>;
	units: PolicyUnit[];
	/** The server's place among the most used MCP servers (content/ranking), when it is ranked. */
	popularity?: Popularity;
	/** Vendor or community, deprecated, archived, superseded, look-alikes (content/ranking), when it is ranked. */
	identity?: Identity;
}

export interface Catalogue {
	servers: ServerView[];
	tools: ToolView[];
	server(slug: string): ServerView | undefined;
	tool(id: string): ToolView | undefined;
	byCategory: Record<Category, ToolView[]>;
	byLevel: Record<RiskLevel, ToolView[]>;
	bySignal: Record<SignalId, ToolView[]>;
	/** Tools that do the same kind of thing elsewhere in the catalogue, most alike first. */
	related(tool: ToolView, limit?: number): { sameServer: ToolView[]; elsewhere: ToolView[] };
}

function zeroCounts<K extends string>(keys: readonly K[]): Record<K, number> {
	return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

function groupBy<K extends string>(keys: readonly K[]): Record<K, ToolView[]> {
	return Object.fromEntries(keys.map((k) => [k, []])) as unknown as Record<K, ToolView[]>;
}

/** Orders tools most severe first, then by name: the order of every tool listing. */
function bySeverity(a: ToolView, b: ToolView): number {
	return (
		RISK_LEVELS[b.judgement.level].rank - RISK_LEVELS[a.judgement.level].rank ||
		CATEGORY_SEVERITY[b.judgement.category] - CATEGORY_SEVERITY[a.judgement.category] ||
		a.name.localeCompare(b.name, 'en') ||
		a.id.localeCompare(b.id, 'en')
	);
}

/** Thrown when two tools would share a URL, or a server's URL would collide with one of the site's own. */
export class CatalogueError extends Error {
	override name = 'CatalogueError';
}

/**
 * Slugs the site keeps for its own pages under `/servers/`: the server directory's later pages live at
 * `/servers/all/<n>/`, so a server called `all` would collide with them.
 */
const RESERVED_SERVER_SLUGS: ReadonlySet<string> = new Set(['all']);

function segmentsFor(server: ServerFile, fileOf: (slug: string) => string): string[] {
	const counts = new Map<string, number>();
	for (const t of server.tools) counts.set(t.definition.name, (counts.get(t.definition.name) ?? 0) + 1);
	const segments = server.tools.map((t) => {
		const base = toolSegment(t.definition.name);
		return (counts.get(t.definition.name) ?? 0) > 1 && t.subServer ? `${base}--${t.subServer}` : base;
	});
	// Case-insensitive: the output must survive file systems that fold case.
	const seen = new Map<string, number>();
	segments.forEach((s, i) => {
		const key = s.toLowerCase();
		const first = seen.get(key);
		if (first !== undefined) {
			throw new CatalogueError(
				`${fileOf(server.slug)}: tools[${i}] "${server.tools[i]!.definition.name}" and tools[${first}] "${server.tools[first]!.definition.name}" would share the URL /tools/${server.slug}/${s}/`,
			);
		}
		seen.set(key, i);
	});
	return segments;
}

/** A value cached per server: `get` answers only for the same key it was stored under. */
export interface ServerCache<T> {
	get(slug: string, key: string): T | undefined;
	set(slug: string, key: string, value: T): void;
}

/**
 * The cached value for a server when there is one under `key` and `usable` accepts it; otherwise
 * `compute()`, stored under `key` for the next build. An undefined key means "do not cache".
 */
export function cachedFor<T>(
	cache: ServerCache<T>,
	slug: string,
	key: string | undefined,
	usable: (value: T) => boolean,
	compute: () => T,
): T {
	if (key === undefined) return compute();
	const hit = cache.get(slug, key);
	if (hit !== undefined && usable(hit)) return hit;
	const value = compute();
	cache.set(slug, key, value);
	return value;
}

/** What is computed per tool from its definition alone, and so can be reused while neither it nor the code changes. */
export interface ComputedTool {
	parameters: Parameter[];
	judgement: Judgement;
	policy: ToolPolicy;
}

/** Reuse of per-tool work across builds: `key` is the cache key of a server's file (undefined: compute). */
interface CatalogueCache {
	store: ServerCache<ComputedTool[]>;
	key(slug: string): string | undefined;
	/**
	 * Where in the servers (sorted by slug; 0 to 1) to start computing. Shards of one build share the
	 * store and each starts at its own share, so each reads most of the others' work from the store
	 * instead of computing everything itself. The result does not depend on it.
	 */
	startAt?: number;
}

function computeTool(entry: ToolEntry, history: readonly ToolHistoryItem[], siblings: readonly string[]): ComputedTool {
	const listed = listParameters(entry.definition.inputSchema ?? {});
	const judgement = classifyTool({ definition: entry.definition, knownParameters: entry.knownParameters, history, listed, siblings });
	return { parameters: listed.parameters, judgement, policy: toolPolicy(entry.definition, judgement, listed.parameters) };
}

/** Each tool's computed parts, from the cache when the server's file and the code are unchanged. */
function computedTools(
	file: ServerFile,
	histories: readonly (readonly ToolHistoryItem[])[],
	cache: CatalogueCache | undefined,
): ComputedTool[] {
	const names = file.tools.map((t) => t.definition.name);
	const compute = () => file.tools.map((entry, i) => computeTool(entry, histories[i]!, names));
	if (!cache) return compute();
	return cachedFor(cache.store, file.slug, cache.key(file.slug), (hit) => hit.length === file.tools.length, compute);
}

/**
 * Builds the catalogue from validated content files. Pure but for the optional cache; call once per
 * build. `fileOf` names a server's content file in errors (the content folder can be moved with
 * TOOLRISK_CONTENT_DIR).
 */
export function buildCatalogue(
	files: readonly ServerFile[],
	fileOf: (slug: string) => string = (slug) => `content/servers/${slug}.json`,
	cache?: CatalogueCache,
	/** What the ranking of the most used servers says about each catalogued server, by slug. */
	ranking?: ReadonlyMap<string, RankingFacts>,
): Catalogue {
	const servers: ServerView[] = [];
	const tools: ToolView[] = [];
	const seenSlugs = new Set<string>();
	const sorted = [...files].sort((a, b) => a.slug.localeCompare(b.slug, 'en'));
	// With a start, each server's tools are computed first, in order from there round to the end.
	const start = Math.floor((cache?.startAt ?? 0) * sorted.length);
	const rotated = start > 0 && start < sorted.length ? [...sorted.slice(start), ...sorted.slice(0, start)] : [];
	// Each tool's history, read once per build: the judgement (on a cache miss) and the view both use it.
	const historiesOf = new Map(sorted.map((file) => [file, file.tools.map((entry) => toolHistory(file, entry))] as const));
	const early = new Map(rotated.map((file) => [file, computedTools(file, historiesOf.get(file)!, cache)] as const));
	for (const file of sorted) {
		if (seenSlugs.has(file.slug)) throw new CatalogueError(`two content files declare the server slug "${file.slug}"`);
		seenSlugs.add(file.slug);
		if (RESERVED_SERVER_SLUGS.has(file.slug)) {
			throw new CatalogueError(
				`${fileOf(file.slug)}: the server slug "${file.slug}" is reserved (/servers/${file.slug}/ holds the server directory's pages); choose another slug and rename the file`,
			);
		}
		const segments = segmentsFor(file, fileOf);
		const histories = historiesOf.get(file)!;
		const computed = early.get(file) ?? computedTools(file, histories, cache);
		const views = file.tools.map((entry, i): ToolView => {
			const segment = segments[i]!;
			return {
				id: `${file.slug}/${segment}`,
				server: file.slug,
				segment,
				name: entry.definition.name,
				entry,
				...computed[i]!,
				history: histories[i]!,
				index: tools.length + i,
			};
		});
		tools.push(...views);
		const levelCounts = zeroCounts(RISK_LEVEL_IDS);
		const categoryCounts = zeroCounts(CATEGORY_IDS);
		for (const t of views) {
			levelCounts[t.judgement.level]++;
			categoryCounts[t.judgement.category]++;
		}
		const units: PolicyUnit[] = file.subServers
			? file.subServers.map((s) => ({ id: s.id, name: s.name, tools: views.filter((t) => t.entry.subServer === s.id) }))
			: [{ id: file.slug, name: file.name, tools: views }];
		const ranked = ranking?.get(file.slug);
		servers.push({
			file,
			slug: file.slug,
			tools: [...views].sort(bySeverity),
			levelCounts,
			categoryCounts,
			units,
			...(ranked && { popularity: ranked.popularity, identity: ranked.identity }),
		});
	}

	const serverMap = new Map(servers.map((s) => [s.slug, s]));
	const toolMap = new Map(tools.map((t) => [t.id, t]));
	const byCategory = groupBy(CATEGORY_IDS);
	const byLevel = groupBy(RISK_LEVEL_IDS);
	const bySignal = groupBy(SIGNAL_IDS);
	// Related tools share a category and the deciding word (send, delete, run...).
	const byKind = new Map<string, ToolView[]>();
	for (const t of tools) {
		byCategory[t.judgement.category].push(t);
		byLevel[t.judgement.level].push(t);
		for (const s of t.judgement.signals) bySignal[s.id].push(t);
		const kind = `${t.judgement.category}:${t.judgement.categoryEvidence[0]?.match ?? ''}`;
		const list = byKind.get(kind);
		if (list) list.push(t);
		else byKind.set(kind, [t]);
	}

	return {
		servers,
		tools,
		server: (slug) => serverMap.get(slug),
		tool: (id) => toolMap.get(id),
		byCategory,
		byLevel,
		bySignal,
		related(tool, limit = 6) {
			const sameServer = (serverMap.get(tool.server)?.tools ?? [])
				.filter((t) => t !== tool && t.judgement.category === tool.judgement.category)
				.slice(0, limit);
			const kind = byKind.get(`${tool.judgement.category}:${tool.judgement.categoryEvidence[0]?.match ?? ''}`) ?? [];
			const category = byCategory[tool.judgement.category];
			// The second pass reads the same-kind tools followed by the whole category, indexed in place
			// rather than copied: a copy per page would make the build quadratic in the catalogue size.
			const kindThenCategory = (i: number) => (i < kind.length ? kind[i] : category[i - kind.length])!;
			const passes: [number, (i: number) => ToolView][] = [
				[kind.length, (i) => kind[i]!],
				[kind.length + category.length, kindThenCategory],
			];
			const elsewhere: ToolView[] = [];
			const seen = new Set<string>();
			// Start at a position derived from the tool's index so links spread across the catalogue.
			for (const [n, at] of passes) {
				for (let k = 0; k < n && elsewhere.length < limit; k++) {
					const t = at((tool.index * 7 + k) % n);
					if (t.server === tool.server || seen.has(t.id)) continue;
					seen.add(t.id);
					elsewhere.push(t);
				}
				if (elsewhere.length >= limit) break;
			}
			return { sameServer, elsewhere };
		},
	};
}
