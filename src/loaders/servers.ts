import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Loader } from 'astro/loaders';
import { parseServerFile } from '../lib/server-file.ts';

/**
 * Loads every `*.json` server file in `dir`. Files whose names start with `_` are skipped (drafts);
 * everything else is validated, and the first invalid file stops the build with a readable error.
 */
export function serversLoader(dir: string): Loader {
	return {
		name: 'toolrisk-servers',
		async load({ store, generateDigest, logger }) {
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
				store.set({ id: server.slug, data: server as unknown as Record<string, unknown>, digest: generateDigest(text) });
			}
			logger.info(`loaded ${names.length} server files from ${dir}`);
		},
	};
}
