/**
 * A large catalogue builds in shards: several `astro build` processes, one per core, each rendering
 * the tool pages of its own servers, and the first (the primary) also rendering every other page and
 * the search index (scripts/build.ts starts them and merges their output). Rendering is one thread
 * per process, so this is how a build uses more than one core.
 *
 * Which shard a process is comes from `TOOLRISK_SHARD` ("<index>/<count>", e.g. "1/2"); without it a
 * build is the only shard and renders everything.
 */

interface Shard {
	/** 0 for the primary. */
	readonly index: number;
	readonly count: number;
}

export const SOLE_SHARD: Shard = { index: 0, count: 1 };

/** Reads `TOOLRISK_SHARD`'s value; throws on anything but "<index>/<count>" with 0 ≤ index < count. */
export function parseShard(text: string | undefined): Shard {
	if (text === undefined || text === '') return SOLE_SHARD;
	const m = /^(\d+)\/(\d+)$/.exec(text.trim());
	const index = Number(m?.[1]);
	const count = Number(m?.[2]);
	if (!m || !(count >= 1) || !(index < count))
		throw new Error(`TOOLRISK_SHARD: expected "<index>/<count>" with 0 <= index < count, found "${text}"`);
	return { index, count };
}

/** The shard this process builds. */
export function currentShard(env: Record<string, string | undefined> = process.env): Shard {
	return parseShard(env['TOOLRISK_SHARD']);
}

export const isPrimary = (shard: Shard) => shard.index === 0;

/**
 * Tool pages the primary's other pages are worth, per server. On a 50,000-tool build (1,800 servers)
 * the non-tool pages took 25 s of page time (server pages, their sub-pages and the browse pages) and a
 * tool page 1.9 ms (Astro's per-page times in the build log): 7.3 tool pages a server. At 250,000 tools
 * (9,000 servers, BENCHMARKS.md) the primary's 80,000 tool pages and the rest took 635 s and the
 * secondary's 170,000 tool pages 733 s (4.3 ms each), which makes the rest 7.5 tool pages a server.
 * The search index is built in Pagefind's own process beside both shards' rendering, so it is not
 * counted. With 8, a 250,000-tool build's secondary finished 35 s after the primary; with 7 the two
 * finished within 2 s of each other (8 min 24 s and 8 min 25 s).
 */
export const PRIMARY_EXTRA_PER_SERVER = 7;

/**
 * Assigns each server (all its tool pages together: they share cached policies) to a shard, so that
 * shards get about the same work: largest servers first, each to the shard with the least so far,
 * the primary starting with its other pages' worth. Deterministic: every shard computes the same
 * assignment from the same catalogue.
 */
export function assignShards(servers: readonly { slug: string; tools: number }[], count: number): Map<string, number> {
	const load = Array.from({ length: count }, (_, i) => (i === 0 && count > 1 ? servers.length * PRIMARY_EXTRA_PER_SERVER : 0));
	const order = [...servers].sort((a, b) => b.tools - a.tools || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
	const assigned = new Map<string, number>();
	for (const s of order) {
		let best = 0;
		for (let i = 1; i < count; i++) if (load[i]! < load[best]!) best = i;
		assigned.set(s.slug, best);
		load[best]! += s.tools;
	}
	return assigned;
}
