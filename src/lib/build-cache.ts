/**
 * A rebuild reuses the work done for every server that did not change: its validated content, its
 * tools' judgements, and its policy documents. Each cached value is stored under a key made of the
 * content file's digest and a digest of the code that computes it (every source file under the
 * folders given), so editing a rule, a schema or a renderer invalidates what it computed without a
 * version number anyone must remember to bump.
 *
 * The store is one JSON file per server and kind, written atomically; a missing, unreadable or stale
 * file is a miss. Nothing here is needed for correctness: with no cache the build computes everything.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** sha256 over the path and contents of every `.ts` file under `dirs` (sorted), 16 hex digits. */
export function sourceDigest(dirs: readonly string[], root = process.cwd()): string {
	const hash = createHash('sha256');
	const files = dirs
		.flatMap((d) => {
			const abs = join(root, d);
			try {
				return readdirSync(abs, { recursive: true, withFileTypes: true })
					.filter((e) => e.isFile() && e.name.endsWith('.ts'))
					.map((e) => join(e.parentPath, e.name));
			} catch {
				return [];
			}
		})
		.sort();
	for (const f of files) hash.update(relative(root, f)).update('\0').update(readFileSync(f)).update('\0');
	return hash.digest('hex').slice(0, 16);
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
export function cachedFor<T>(cache: ServerCache<T>, slug: string, key: string | undefined, usable: (value: T) => boolean, compute: () => T): T {
	if (key === undefined) return compute();
	const hit = cache.get(slug, key);
	if (hit !== undefined && usable(hit)) return hit;
	const value = compute();
	cache.set(slug, key, value);
	return value;
}

interface Stored<T> {
	key: string;
	value: T;
}

/** A file-backed cache under `dir/<kind>/<slug>.json`; `kind` separates what is cached. */
export function fileCache<T>(dir: string, kind: string): ServerCache<T> {
	const base = join(dir, kind);
	let made = false;
	return {
		get(slug, key) {
			try {
				const stored = JSON.parse(readFileSync(join(base, `${slug}.json`), 'utf8')) as Stored<T>;
				return stored.key === key ? stored.value : undefined;
			} catch {
				return undefined;
			}
		},
		set(slug, key, value) {
			if (!made) {
				mkdirSync(base, { recursive: true });
				made = true;
			}
			const path = join(base, `${slug}.json`);
			const temp = `${path}.${process.pid}.tmp`;
			writeFileSync(temp, JSON.stringify({ key, value } satisfies Stored<T>));
			renameSync(temp, path);
		},
	};
}

/** A cache in memory, for tests; counts hits and misses. */
export function memoryCache<T>(): ServerCache<T> & { hits: number; misses: number; size: number } {
	const map = new Map<string, string>();
	const cache = {
		hits: 0,
		misses: 0,
		get size() {
			return map.size;
		},
		get(slug: string, key: string): T | undefined {
			const text = map.get(`${slug}\0${key}`);
			if (text === undefined) {
				cache.misses++;
				return undefined;
			}
			cache.hits++;
			// Stored as JSON, as on disk, so a test sees exactly what a rebuild would read.
			return JSON.parse(text) as T;
		},
		set(slug: string, key: string, value: T): void {
			for (const k of map.keys()) if (k.startsWith(`${slug}\0`)) map.delete(k);
			map.set(`${slug}\0${key}`, JSON.stringify(value));
		},
	};
	return cache;
}
