import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Loader } from 'astro/loaders';
import { fileCache, sourceDigest } from './cache.ts';
import type { ServerFile } from '../lib/content/server.ts';
import { parseServerFile } from '../lib/content/server-file.ts';
import { recordTiming } from './timings.ts';

/**
 * What the data store keeps of a server: a summary. The validated file itself is written once, as JSON
 * text, to the build cache (`<cache>/servers/<slug>.json`, under the entry's digest) and read from
 * there when the catalogue is built. Astro's data store embeds all its entries in one generated module
 * that every build bundles, parses and keeps in memory; at 250,000 tools the definitions made that
 * module hundreds of megabytes and the build minutes slower before the first page. JSON text also
 * round-trips every value a content file can hold, exactly: devalue refuses an object with a
 * `__proto__` key, and a server may well name a parameter `__proto__`.
 */
interface StoredServer extends Record<string, unknown> {
	name: string;
	tools: number;
}

/** The validated copies of server files, by slug and digest. */
export function validatedServers(cacheDir: string) {
	return fileCache<ServerFile>(cacheDir, 'servers');
}

/**
 * The validated server file behind a `servers` collection entry, and its JSON text: from the build
 * cache when the copy written at sync is there, otherwise read and validated again from the source file.
 */
export function serverFromEntry(
	entry: { id: string; digest?: string | number; filePath?: string },
	cacheDir: string,
): { server: ServerFile; text: string } {
	const cached = entry.digest === undefined ? undefined : validatedServers(cacheDir).getText(entry.id, String(entry.digest));
	if (cached !== undefined) return { server: JSON.parse(cached) as ServerFile, text: cached };
	if (entry.filePath === undefined) throw new Error(`server ${entry.id}: no validated copy in ${cacheDir} and no source file`);
	const server = parseServerFile(JSON.parse(readFileSync(entry.filePath, 'utf8')), entry.filePath);
	return { server, text: JSON.stringify(server) };
}

/**
 * Loads every `*.json` server file in `dir`. Files whose names start with `_` are skipped (drafts);
 * everything else is validated, and the first invalid file stops the build with a readable error.
 *
 * A file whose text is unchanged since the last sync (same digest, computed over the text and the
 * library's code, so a schema change revalidates everything) keeps its stored entry without being
 * parsed or validated again; entries whose files are gone are removed.
 */
export function serversLoader(dir: string, cacheDir: string): Loader {
	const validated = validatedServers(cacheDir);
	return {
		name: 'toolrisk-servers',
		async load({ store, generateDigest, logger }) {
			const started = performance.now();
			const code = sourceDigest(['src/lib', 'src/build']);
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
				if (before && before.digest === digest && !kept.has(before.id) && validated.has(before.id, String(digest))) {
					kept.add(before.id);
					reused++;
					continue;
				}
				let json: unknown;
				try {
					json = JSON.parse(text);
				} catch (error) {
					throw new Error(`${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
				}
				const server = parseServerFile(json, file);
				if (before && before.id !== server.slug) store.delete(before.id);
				validated.set(server.slug, String(digest), server);
				store.set({
					id: server.slug,
					data: { name: server.name, tools: server.tools.length } satisfies StoredServer,
					digest,
					filePath: file,
				});
				kept.add(server.slug);
			}
			for (const id of store.keys()) if (!kept.has(id)) store.delete(id);
			logger.info(`loaded ${names.length} server files from ${dir} (${reused} unchanged since the last build)`);
			recordTiming('content', performance.now() - started, { files: names.length, reused });
		},
	};
}
