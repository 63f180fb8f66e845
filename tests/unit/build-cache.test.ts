/**
 * Reuse across builds: the servers loader keeps unchanged files without parsing them again, the
 * catalogue reuses per-tool work under the right key only, and what comes out of a cache is exactly
 * what computing would give.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileCache, memoryCache, sourceDigest } from '../../src/build/cache.ts';
import { buildCatalogue, type ComputedTool } from '../../src/lib/catalogue.ts';
import { parseServerFile } from '../../src/lib/content/server-file.ts';
import { serverToolPolicies } from '../../src/lib/present/tool-page.ts';
import { serverFromEntry, serversLoader, validatedServers } from '../../src/build/servers-loader.ts';
import { fixtureServerPath, ROOT } from './support.ts';

const temps: string[] = [];
function temp(): string {
	const dir = mkdtempSync(join(tmpdir(), 'toolrisk-cache-'));
	temps.push(dir);
	return dir;
}
afterEach(() => {
	for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

const SERVERS = ['agentmail', 'modelcontextprotocol-github', 'modelcontextprotocol-filesystem'];
/** The text of a real server file (its copy in the fixture catalogue). */
const serverText = (slug: string) => readFileSync(join(ROOT, fixtureServerPath(slug)), 'utf8');
const serverFile = (slug: string) => parseServerFile(JSON.parse(serverText(slug)), `${slug}.json`);

/** A data store like Astro's, in memory, that counts what the loader writes. */
function fakeStore() {
	const map = new Map<string, { id: string; data: Record<string, unknown>; digest?: string | number; filePath?: string }>();
	const counts = { sets: 0, deletes: 0 };
	return {
		counts,
		map,
		store: {
			get: (id: string) => map.get(id),
			entries: () => [...map.entries()],
			values: () => [...map.values()],
			keys: () => [...map.keys()],
			set: (e: { id: string; data: Record<string, unknown>; digest?: string | number; filePath?: string }) => {
				counts.sets++;
				map.set(e.id, e);
				return true;
			},
			delete: (id: string) => {
				counts.deletes++;
				map.delete(id);
			},
			clear: () => map.clear(),
			has: (id: string) => map.has(id),
			addModuleImport: () => {},
		},
	};
}

/** Each loader test's build cache: beside its content folder. */
const cacheOf = (dir: string) => join(dir, '.cache');

async function load(dir: string, store: ReturnType<typeof fakeStore>) {
	const loader = serversLoader(dir, cacheOf(dir));
	const logs: string[] = [];
	await loader.load({
		store: store.store,
		generateDigest: (d: string) => String(fnv1a(d)),
		logger: { info: (m: string) => logs.push(m), warn: () => {}, error: () => {}, debug: () => {} },
	} as never);
	return logs.join('\n');
}
/** A stand-in for Astro's digest: any stable hash of the text does. */
function fnv1a(text: string): number {
	let h = 2166136261;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
	return h >>> 0;
}

describe('servers loader', () => {
	it('keeps unchanged files, re-reads changed ones and drops removed ones', async () => {
		const dir = temp();
		for (const s of SERVERS) writeFileSync(join(dir, `${s}.json`), serverText(s));
		const store = fakeStore();
		expect(await load(dir, store)).toContain('(0 unchanged');
		expect(store.counts.sets).toBe(3);

		expect(await load(dir, store)).toContain('(3 unchanged');
		expect(store.counts.sets).toBe(3);

		const changed = JSON.parse(serverText('agentmail'));
		changed.name = 'Agentmail, renamed';
		writeFileSync(join(dir, 'agentmail.json'), JSON.stringify(changed));
		rmSync(join(dir, 'modelcontextprotocol-filesystem.json'));
		expect(await load(dir, store)).toContain('(1 unchanged');
		expect(store.counts.sets).toBe(4);
		expect([...store.map.keys()].sort()).toEqual(['agentmail', 'modelcontextprotocol-github']);
		const entry = store.map.get('agentmail')!;
		expect(entry.data).toEqual({ name: 'Agentmail, renamed', tools: changed.tools.length });
		expect(serverFromEntry(entry as never, cacheOf(dir)).server.name).toBe('Agentmail, renamed');
	});

	it('keeps the validated file in the build cache, and re-makes it when the cache lost it', async () => {
		const dir = temp();
		writeFileSync(join(dir, 'agentmail.json'), serverText('agentmail'));
		const store = fakeStore();
		await load(dir, store);
		const entry = store.map.get('agentmail')!;
		const { server, text } = serverFromEntry(entry as never, cacheOf(dir));
		expect(server).toEqual(serverFile('agentmail'));
		expect(text).toBe(JSON.stringify(serverFile('agentmail')));
		// The data store keeps a summary only, not the definitions.
		expect(JSON.stringify(entry.data).length).toBeLessThan(100);

		rmSync(cacheOf(dir), { recursive: true });
		// Without its copy, an entry is read and validated again from its source file.
		expect(serverFromEntry({ ...entry, filePath: join(dir, 'agentmail.json') } as never, cacheOf(dir)).server).toEqual(
			serverFile('agentmail'),
		);
		// A sync re-makes a lost copy rather than keeping the entry.
		expect(await load(dir, store)).toContain('(0 unchanged');
		expect(validatedServers(cacheOf(dir)).has('agentmail', String(entry.digest))).toBe(true);
	});

	it('still refuses an invalid file after a build that cached the others', async () => {
		const dir = temp();
		writeFileSync(join(dir, 'agentmail.json'), serverText('agentmail'));
		const store = fakeStore();
		await load(dir, store);
		writeFileSync(join(dir, 'broken.json'), JSON.stringify({ ...JSON.parse(serverText('modelcontextprotocol-github')), tools: 'none' }));
		await expect(load(dir, store)).rejects.toThrow(/broken\.json.*tools/s);
	});

	it('refuses a copy of a cached file under another name (its slug must be its file name)', async () => {
		const dir = temp();
		writeFileSync(join(dir, 'agentmail.json'), serverText('agentmail'));
		const store = fakeStore();
		await load(dir, store);
		writeFileSync(join(dir, 'copy.json'), serverText('agentmail'));
		await expect(load(dir, store)).rejects.toThrow(/copy\.json.*slug.*"agentmail"/s);
	});
});

describe('catalogue cache', () => {
	const files = SERVERS.map(serverFile);
	const strip = (c: ReturnType<typeof buildCatalogue>) => c.tools.map(({ entry: _e, ...rest }) => rest);

	it('gives the same catalogue from any starting point, computing from there (as shards do)', () => {
		const store = memoryCache<ComputedTool[]>();
		const order: string[] = [];
		const recording = {
			get: (slug: string, key: string) => store.get(slug, key),
			set: (slug: string, key: string, value: ComputedTool[]) => (order.push(slug), store.set(slug, key, value)),
		};
		const rotated = buildCatalogue(files, undefined, { store: recording, key: (slug) => `k:${slug}`, startAt: 0.5 });
		expect(strip(rotated)).toEqual(strip(buildCatalogue(files)));
		const sorted = [...SERVERS].sort();
		expect(order).toEqual([sorted[1], sorted[2], sorted[0]]);
		// A second shard starting elsewhere finds everything the first computed.
		buildCatalogue(files, undefined, { store: recording, key: (slug) => `k:${slug}`, startAt: 0 });
		expect(order).toHaveLength(3);
		expect(store.hits).toBe(3);
	});

	it('gives exactly what computing gives, and reuses it for the same key only', () => {
		const store = memoryCache<ComputedTool[]>();
		const fresh = buildCatalogue(files);
		const first = buildCatalogue(files, undefined, { store, key: (slug) => `k1:${slug}` });
		expect(store.misses).toBe(3);
		const second = buildCatalogue(files, undefined, { store, key: (slug) => `k1:${slug}` });
		expect(store.hits).toBe(3);
		expect(strip(second)).toEqual(strip(fresh));
		expect(strip(first)).toEqual(strip(fresh));
		// A new key (changed file or code) is a miss, and an undefined key is never cached.
		buildCatalogue(files, undefined, { store, key: (slug) => (slug === 'agentmail' ? 'k2:agentmail' : `k1:${slug}`) });
		expect(store.hits).toBe(5);
		expect(store.misses).toBe(4);
		buildCatalogue(files, undefined, { store, key: () => undefined });
		expect(store.hits + store.misses).toBe(9);
	});

	it('survives the disk round trip for every tool policy, byte for byte', () => {
		const dir = temp();
		const cache = fileCache<ReturnType<typeof serverToolPolicies>>(dir, 'policies');
		const catalogue = buildCatalogue(files);
		for (const server of catalogue.servers) {
			const computed = serverToolPolicies(server);
			cache.set(server.slug, 'k', computed);
			expect(cache.get(server.slug, 'other')).toBeUndefined();
			const read = cache.get(server.slug, 'k')!;
			expect(JSON.stringify(read)).toBe(JSON.stringify(computed));
			expect(Object.keys(read)).toEqual(server.tools.map((t) => t.segment));
		}
	});

	it('treats an unreadable cache file as a miss', () => {
		const dir = temp();
		const cache = fileCache<number>(dir, 'x');
		cache.set('a', 'k', 1);
		writeFileSync(join(dir, 'x', 'a.json'), '{"key":"k","value":');
		expect(cache.get('a', 'k')).toBeUndefined();
		expect(cache.has('a', 'k')).toBe(false);
	});

	it('answers has and getText for the stored key only', () => {
		const cache = fileCache<{ a: number[] }>(temp(), 'x');
		expect(cache.has('s', 'k')).toBe(false);
		cache.set('s', 'k', { a: [1, 2] });
		expect(cache.has('s', 'k')).toBe(true);
		expect(cache.has('s', 'k2')).toBe(false);
		expect(cache.has('s', 'kk')).toBe(false);
		expect(cache.getText('s', 'k')).toBe('{"a":[1,2]}');
		expect(cache.getText('s', 'other')).toBeUndefined();
		expect(cache.get('s', 'k')).toEqual({ a: [1, 2] });
	});
});

describe('sourceDigest', () => {
	it('changes with any file under the folders, and only then', () => {
		const root = temp();
		const dir = join(root, 'lib');
		writeFileSync(join(root, 'outside.ts'), 'x');
		mkdirSync(dir);
		writeFileSync(join(dir, 'a.ts'), 'export const a = 1;');
		const one = sourceDigest(['lib'], root);
		expect(sourceDigest(['lib'], root)).toBe(one);
		writeFileSync(join(root, 'outside.ts'), 'y');
		expect(sourceDigest(['lib'], root)).toBe(one);
		writeFileSync(join(dir, 'a.ts'), 'export const a = 2;');
		expect(sourceDigest(['lib'], root)).not.toBe(one);
	});
});
