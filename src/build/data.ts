/**
 * The one place routes get the catalogue and the attack index: the collections are read and
 * classified once per build and shared by every page (never re-read per page). Per-tool work is
 * reused from the build cache (src/build/cache.ts) for every server whose file and code did not
 * change since the last build.
 */
import { getCollection } from 'astro:content';
import { buildAttackIndex, type AttackIndex } from '../lib/present/attacks.ts';
import { BUILD_CACHE_DIR, fileCache, sourceDigest } from './cache.ts';
import { serverPolicySet } from '../lib/policy/sets.ts';
import { buildCatalogue, cachedFor, type Catalogue, type ComputedTool, type ServerView, type ToolView } from '../lib/catalogue.ts';
import { setOwn } from '../lib/text/objects.ts';
import { assignShards, currentShard, isPrimary } from './shard.ts';
import { interceptYaml, policyLayerJson } from '../lib/policy/render.ts';
import { toolTwin } from '../lib/exports/tool.ts';
import { toolJsonPath } from '../lib/exports/paths.ts';
import { serverToolPolicies, toolPageModel, type ToolPageModel, type ToolPolicies } from '../lib/present/tool-page.ts';
import { jsonMayHoldUnsafe } from '../lib/text/visible-text.ts';
import { searchDocuments } from '../lib/present/search-index.ts';
import { exportSink, markRenderStart, provideExportFiles, provideSearchDocuments, startSearchIndex } from './handoff.ts';
import { serverFromEntry } from './servers-loader.ts';
import { recordTiming } from './timings.ts';
import { rankingFactsFor } from './ranking.ts';

/** The code a cached value depends on: the whole framework-free library. */
const CODE_DIGEST = sourceDigest(['src/lib']);

/** The shard this build is (src/build/shard.ts); the sole shard unless scripts/build.ts started several. */
const SHARD = currentShard();
/** Whether this build renders the pages other than tool pages, and the search index. */
const PRIMARY = isPrimary(SHARD);
/** Each server's shard, once the catalogue is built. */
let shardOf: Map<string, number> | undefined;

/**
 * Wraps a route's getStaticPaths so that only the primary shard lists its pages: every page but a
 * tool page is built once, by the primary.
 */
export function primaryOnly<F extends (...args: never[]) => unknown>(getStaticPaths: F): F {
	return ((...args: Parameters<F>) => (PRIMARY ? getStaticPaths(...args) : [])) as F;
}

/** Whether this shard builds a server's tool pages and JSON twins. Call after getCatalogue() has resolved. */
export function ownsServer(slug: string): boolean {
	if (SHARD.count === 1) return true;
	if (!shardOf) throw new Error('ownsServer: the catalogue is not built yet');
	return shardOf.get(slug) === SHARD.index;
}

let catalogue: Promise<Catalogue> | undefined;
let attacks: Promise<AttackIndex> | undefined;
/** Servers whose files may hold characters an HTML document may not contain (the middleware must clean their pages). */
const unsafeText = new Set<string>();
/** Content digests by server slug, for cache keys. */
const digests = new Map<string, string>();
const cacheKey = (slug: string) => {
	const digest = digests.get(slug);
	return digest === undefined ? undefined : `${CODE_DIGEST}:${digest}`;
};

export function getCatalogue(): Promise<Catalogue> {
	markRenderStart();
	if (catalogue) return catalogue;
	// The Pagefind integration indexes these documents, in the primary shard only (src/build/integrations/pagefind.ts).
	provideSearchDocuments(async () => {
		const [built, index] = await Promise.all([getCatalogue(), getAttacks()]);
		return searchDocuments(built, index.attacks);
	});
	// Every tool's JSON twin this shard must write: tool pages write theirs while they render
	// (emitTwin); the exports integration writes any still missing once the pages are done.
	provideExportFiles(async function* () {
		const built = await getCatalogue();
		for (const tool of built.tools) if (ownsServer(tool.server)) yield { path: twinPath(tool.id), text: () => toolTwinText(tool.id) };
	});
	catalogue = getCollection('servers').then((entries) => {
		const started = performance.now();
		const bySlug = new Map(entries.map((e) => [e.id, e]));
		const files = entries.map((e) => {
			const { server, text } = serverFromEntry(e, BUILD_CACHE_DIR);
			if (e.digest !== undefined) digests.set(e.id, String(e.digest));
			if (jsonMayHoldUnsafe(text)) unsafeText.add(e.id);
			return server;
		});
		const store = fileCache<ComputedTool[]>(BUILD_CACHE_DIR, 'tools');
		let reused = 0;
		const built = buildCatalogue(
			files,
			(slug) => bySlug.get(slug)?.filePath ?? slug,
			{
				store: {
					get(slug, key) {
						const hit = store.get(slug, key);
						if (hit) reused++;
						return hit;
					},
					set: store.set,
				},
				key: cacheKey,
				// Shards classify at once: each starts at its own share and reads the others' from the cache.
				startAt: SHARD.index / SHARD.count,
			},
			rankingFactsFor(new Set(files.map((f) => f.slug))),
		);
		recordTiming('classification', performance.now() - started, { tools: built.tools.length, reusedServers: reused });
		if (SHARD.count > 1)
			shardOf = assignShards(
				built.servers.map((s) => ({ slug: s.slug, tools: s.tools.length })),
				SHARD.count,
			);
		return built;
	});
	// The search index is built from the catalogue, not from the pages, so it can start now (src/build/integrations/pagefind.ts).
	catalogue.then(
		() => startSearchIndex(),
		() => {},
	);
	return catalogue;
}

/** Whether any attack entry's text holds a character the middleware must clean or mark (set when the attacks load). */
let attacksUnsafe = false;

export function getAttacks(): Promise<AttackIndex> {
	attacks ??= Promise.all([getCollection('attacks'), getCatalogue()]).then(([entries, cat]) => {
		attacksUnsafe = entries.some((e) => jsonMayHoldUnsafe(JSON.stringify(e.data)));
		return buildAttackIndex(
			entries.map((e) => ({ slug: e.id, data: e.data })),
			cat,
		);
	});
	return attacks;
}

const policyStore = fileCache<Record<string, ToolPolicies>>(BUILD_CACHE_DIR, 'policies');
/** The servers whose policies were read last: a tool route renders one server's tools one after another. */
const recentPolicies = new Map<string, Record<string, ToolPolicies>>();

/**
 * A tool's validated policy documents and text. They are built for the whole server at once, kept
 * for the server's other pages and its JSON twins, and cached on disk for the next build.
 */
export function policiesOf(server: ServerView, tool: ToolView): () => ToolPolicies {
	return () => {
		let all = recentPolicies.get(server.slug);
		if (!all) {
			all = cachedFor(
				policyStore,
				server.slug,
				cacheKey(server.slug),
				(stored) => server.tools.every((t) => Object.hasOwn(stored, t.segment)),
				() => serverToolPolicies(server),
			);
			recentPolicies.set(server.slug, all);
			if (recentPolicies.size > 4) recentPolicies.delete(recentPolicies.keys().next().value!);
		}
		return all[tool.segment]!;
	};
}

/** A tool's JSON twin as a path under the output folder. */
const twinPath = (id: string) => toolJsonPath(id).replace(/^\//, '');

/** The text of the JSON twin of the tool a page model is for, validated against its export shape. */
const twinText = (m: ToolPageModel) => `${JSON.stringify(toolTwin(m), null, 2)}\n`;

/** The text of a tool's JSON twin (`/tools/<server>/<tool>.json`), validated against its export shape. */
export async function toolTwinText(id: string): Promise<string> {
	const [built, index] = await Promise.all([getCatalogue(), getAttacks()]);
	const tool = built.tool(id);
	if (!tool) throw new Error(`no tool ${id}`);
	return twinText(toolPageModel(built, index, tool, policiesOf(built.server(tool.server)!, tool)));
}

/**
 * Writes a tool's JSON twin from the model its page renders, during `astro build` (the exports
 * integration installs the writer; in `astro dev` the twin's own route serves it). The twin is the
 * text `toolTwinText` makes, from the same model, so the model is built once per tool. Await the
 * result: it holds the page back while too many writes are in flight.
 */
export function emitTwin(m: ToolPageModel): Promise<void> | undefined {
	const sink = exportSink();
	return sink?.(twinPath(m.tool.id), twinText(m));
}

/**
 * Whether a page whose third-party text comes only from these servers (and the attack entries) needs
 * no cleaning by the middleware (src/middleware.ts). Call after getCatalogue() and getAttacks() have resolved.
 */
export function documentSafeFrom(slugs: Iterable<string>): boolean {
	if (attacksUnsafe) return false;
	for (const s of slugs) if (unsafeText.has(s)) return false;
	return true;
}

const unitStore = fileCache<Record<string, { yaml: string; json: string }>>(BUILD_CACHE_DIR, 'server-policies');

/**
 * The whole-server policy texts of each deployable unit, by unit id: built and validated once per
 * server (the server page and its two download files share them) and cached for the next build.
 */
export function unitPolicies(server: ServerView): Record<string, { yaml: string; json: string }> {
	return cachedFor(
		unitStore,
		server.slug,
		cacheKey(server.slug),
		(stored) => server.units.every((u) => Object.hasOwn(stored, u.id)),
		() => {
			const texts: Record<string, { yaml: string; json: string }> = {};
			for (const u of server.units) {
				const set = serverPolicySet(
					u.name,
					u.tools.map((t) => t.policy),
				);
				setOwn(texts, u.id, { yaml: interceptYaml(set), json: policyLayerJson(set) });
			}
			return texts;
		},
	);
}
