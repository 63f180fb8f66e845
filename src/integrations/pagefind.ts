import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';
import { SEARCH_DOCUMENTS, type SearchDocument } from '../lib/search-index.ts';
import { currentShard, isPrimary } from '../lib/shard.ts';
import { recordTiming } from '../timings.ts';

/** Throws when a Pagefind response carries errors, so a broken index fails the build. */
function assertOk(step: string, response: { errors: string[] }): void {
	if (response.errors.length > 0) throw new Error(`pagefind ${step} failed:\n${response.errors.join('\n')}`);
}

/**
 * Builds the Pagefind index after every build from the search documents of src/lib/search-index.ts
 * (one per server with its tools as sub-results, one per attack), not by re-reading every page: the
 * index holds what people search by, and its metadata stays small at 250,000 tools.
 */
export function pagefindIntegration(): AstroIntegration {
	return {
		name: 'toolrisk-pagefind',
		hooks: {
			'astro:build:done': async ({ dir, logger }) => {
				if (!isPrimary(currentShard())) return logger.info('search index: built by the primary shard');
				const documents = (globalThis as { [SEARCH_DOCUMENTS]?: () => Promise<SearchDocument[]> })[SEARCH_DOCUMENTS];
				if (!documents) throw new Error('pagefind: no search documents were registered; src/catalogue.ts registers them when a page reads the catalogue');
				const outDir = fileURLToPath(dir);
				const started = performance.now();
				const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
				try {
					if (!index) throw new Error(`pagefind could not start:\n${errors.join('\n')}`);
					const list = await documents();
					// Added in batches: each call is one message to the Pagefind process.
					for (let i = 0; i < list.length; i += 200) {
						const batch = await Promise.all(list.slice(i, i + 200).map((d) => index.addHTMLFile({ url: d.url, content: d.html })));
						for (const added of batch) assertOk('addHTMLFile', added);
					}
					assertOk('writeFiles', await index.writeFiles({ outputPath: `${outDir}/pagefind` }));
					logger.info(`indexed ${list.length} search documents in ${Math.round(performance.now() - started)} ms`);
					recordTiming('search-index', performance.now() - started, { documents: list.length });
				} finally {
					await pagefind.close();
				}
			},
		},
	};
}
