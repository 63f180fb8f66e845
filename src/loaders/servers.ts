import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Loader } from 'astro/loaders';
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
 */
export function serversLoader(dir: string): Loader {
	return {
		name: 'toolrisk-servers',
		async load({ store, generateDigest, logger }) {
			const started = performance.now();
			const names = (await readdir(dir)).filter((n) => n.endsWith('.json') && !n.startsWith('_')).sort();
			store.clear();
			for (const name of names) {
				const path = join(dir, name);
				const file = relative(process.cwd(), path);
				const text = await readFile(path, 'utf8');
				let json: unknown;
				try {
					json = JSON.parse(text);
				} catch (error) {
					throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
				}
				const server = parseServerFile(json, file);
				store.set({ id: server.slug, data: { json: JSON.stringify(server) } satisfies StoredServer, digest: generateDigest(text), filePath: file });
			}
			logger.info(`loaded ${names.length} server files from ${dir}`);
			recordTiming('content', performance.now() - started, { files: names.length });
		},
	};
}
