/**
 * A rebuild reuses the work done for every server that did not change: its validated content, its
 * tools' judgements, and its policy documents. Each cached value is stored under a key made of the
 * content file's digest and a digest of the code that computes it (every source file under the
 * folders given), so editing a rule, a schema or a renderer invalidates what it computed without a
 * version number anyone must remember to bump.
 *
 * The store is one file per server and kind, written atomically; a missing, unreadable or stale
 * file is a miss. Nothing here is needed for correctness: with no cache the build computes everything.
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ServerCache } from '../lib/catalogue.ts';

/** Where the build cache lives: beside Astro's own (`node_modules/.astro`), unless TOOLRISK_CACHE_DIR names another folder. */
export const BUILD_CACHE_DIR = process.env['TOOLRISK_CACHE_DIR'] ?? 'node_modules/.astro/toolrisk';

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

/** A file-backed cache, with reads that skip parsing. */
interface FileCache<T> extends ServerCache<T> {
	/** The stored value's JSON text, when it is stored under `key`. */
	getText(slug: string, key: string): string | undefined;
	/** Whether a value is stored under `key`, without reading it. */
	has(slug: string, key: string): boolean;
}

/**
 * A file-backed cache under `dir/<kind>/<slug>.json`; `kind` separates what is cached. A file holds
 * the key as a JSON string on its first line and the value's JSON text after it, so the key can be
 * checked without reading the value and the value's text handed on without parsing it.
 */
export function fileCache<T>(dir: string, kind: string): FileCache<T> {
	const base = join(dir, kind);
	const pathOf = (slug: string) => join(base, `${slug}.json`);
	let made = false;
	const getText = (slug: string, key: string): string | undefined => {
		try {
			const text = readFileSync(pathOf(slug), 'utf8');
			const newline = text.indexOf('\n');
			return newline > 0 && JSON.parse(text.slice(0, newline)) === key ? text.slice(newline + 1) : undefined;
		} catch {
			return undefined;
		}
	};
	return {
		getText,
		get(slug, key) {
			const text = getText(slug, key);
			try {
				return text === undefined ? undefined : (JSON.parse(text) as T);
			} catch {
				return undefined;
			}
		},
		has(slug, key) {
			const head = JSON.stringify(key) + '\n';
			const bytes = Buffer.alloc(Buffer.byteLength(head));
			let fd: number | undefined;
			try {
				fd = openSync(pathOf(slug), 'r');
				return readSync(fd, bytes, 0, bytes.length, 0) === bytes.length && bytes.toString('utf8') === head;
			} catch {
				return false;
			} finally {
				if (fd !== undefined) closeSync(fd);
			}
		},
		set(slug, key, value) {
			if (!made) {
				mkdirSync(base, { recursive: true });
				made = true;
			}
			const path = pathOf(slug);
			const temp = `${path}.${process.pid}.tmp`;
			writeFileSync(temp, `${JSON.stringify(key)}\n${JSON.stringify(value)}`);
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
