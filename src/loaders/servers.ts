import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Loader } from 'astro/loaders';
import { sourceDigest } from '../lib/build-cache.ts';
import type { ServerFile } from '../lib/schemas/server.ts';
import { parseServerFile } from '../lib/server-file.ts';
import { recordTiming } from '../timings.ts';

/**
 * Each server is stored as its validated JSON text, not as an object: Astro's data store serialises
 * entries with devalue, which refuses objects with a `__proto__` key, and a server may well name a
 * parameter `__proto__`. JSON text round-trips every value a content file can hold, exactly.
 */
interface StoredServer extends Record<string, unknown> {
	json: string;
}

/** The validated server file behind a `servers` collection entry. */
export function serverFromEntry(data: Record<string, unknown>): ServerFile {
	return JSON.parse((data as StoredServer).json) as ServerFile;
}

/**
 * Loads every `*.json` server file in `dir`. Files whose names start with `_` are skipped (drafts);
 * everything else is validated, and the first invalid file stops the build with a readable error.
 *
 * A file whose text is unchanged since the last sync (same digest, computed over the text and the
 * library's code, so a schema change revalidates everything) keeps its stored entry without being
 * parsed or validated again; entries whose files are gone are removed.
 */
export function serversLoader(dir: string): Loader {
	return {
		name: 'toolrisk-servers',
		async load({ store, generateDigest, logger }) {
			const started = performance.now();
			const code = sourceDigest(['src/lib', 'src/loaders']);
			const names = (await readdir(dir)).filter((n) => n.endsWith('.json') && !n.startsWith('_')).sort();
			const previous = new Map(store.values().map((e) => [e.filePath, e]));
			const kept = new Set<string>();
			let reused = 0;
			for (const name of names) {
				const path = join(dir, name);
				const file = relative(process.cwd(), path);
				const text = await readFile(path, 'utf8');
				const digest = generateDigest(`${code}\0${text}`);
				const before = previous.get(file);
				if (before && before.digest === digest && !kept.has(before.id)) {
					kept.add(before.id);
					reused++;
					continue;
				}
				let json: unknown;
				try {
					json = JSON.parse(text);
				} catch (error) {
					throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
				}
				const server = parseServerFile(json, file);
				if (before && before.id !== server.slug) store.delete(before.id);
				store.set({ id: server.slug, data: { json: JSON.stringify(server) } satisfies StoredServer, digest, filePath: file });
				kept.add(server.slug);
			}
			for (const id of store.keys()) if (!kept.has(id)) store.delete(id);
			logger.info(`loaded ${names.length} server files from ${dir} (${reused} unchanged since the last build)`);
			recordTiming('content', performance.now() - started, { files: names.length, reused });
		},
	};
}
