import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';
import type { SearchDocument } from '../../lib/present/search-index.ts';
import { installSearchIndexStart, searchDocuments } from '../handoff.ts';
import { currentShard, isPrimary } from '../shard.ts';
import { recordTiming } from '../timings.ts';

/** Throws when a Pagefind response carries errors, so a broken index fails the build. */
function assertOk(step: string, response: { errors: string[] }): void {
	if (response.errors.length > 0) throw new Error(`pagefind ${step} failed:\n${response.errors.join('\n')}`);
}

/** Indexes the search documents into `<outDir>/pagefind`; resolves with how many there were. */
async function buildIndex(outDir: string): Promise<number> {
	const documents = searchDocuments();
	if (!documents)
		throw new Error('pagefind: no search documents were registered; src/build/data.ts registers them when a page reads the catalogue');
	const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
	try {
		if (!index) throw new Error(`pagefind could not start:\n${errors.join('\n')}`);
		// Added in batches: each call is one message to the Pagefind process. The documents are let go
		// once sent, since the pages render on while Pagefind writes the index.
		let list: SearchDocument[] | undefined = await documents();
		const count = list.length;
		for (let i = 0; i < count; i += 200) {
			const batch = await Promise.all(list.slice(i, i + 200).map((d) => index.addHTMLFile({ url: d.url, content: d.html })));
			for (const added of batch) assertOk('addHTMLFile', added);
		}
		list = undefined;
		assertOk('writeFiles', await index.writeFiles({ outputPath: `${outDir}/pagefind` }));
		return count;
	} finally {
		await pagefind.close();
	}
}

/**
 * Builds the Pagefind index from the search documents of src/lib/present/search-index.ts (one per server with
 * its tools as sub-results, one per attack), not by re-reading every page: the index holds what people
 * search by, and its metadata stays small at 250,000 tools. Since the documents come from the
 * catalogue, indexing starts as soon as the catalogue is built (src/build/data.ts calls the starter
 * this installs) and runs in Pagefind's own process while the pages render; the build waits for it
 * when the pages are done. Only the primary shard builds the index.
 */
export function pagefindIntegration(): AstroIntegration {
	const primary = isPrimary(currentShard());
	let outDir: string | undefined;
	let started: number | undefined;
	let indexing: Promise<{ documents: number } | { error: unknown }> | undefined;
	const start = () => {
		if (indexing || outDir === undefined) return;
		started = performance.now();
		indexing = buildIndex(outDir).then(
			(documents) => ({ documents }),
			(error: unknown) => ({ error }),
		);
	};
	return {
		name: 'toolrisk-pagefind',
		hooks: {
			'astro:config:setup': ({ command }) => {
				if (command === 'build' && primary) installSearchIndexStart(start);
			},
			'astro:config:done': ({ config }) => {
				outDir = fileURLToPath(config.outDir);
			},
			'astro:build:done': async ({ dir, logger }) => {
				if (!primary) return logger.info('search index: built by the primary shard');
				if (fileURLToPath(dir) !== outDir)
					throw new Error(`pagefind: the pages were written to ${fileURLToPath(dir)}, not to the configured ${outDir}`);
				const waiting = performance.now();
				start();
				const result = await indexing!;
				if ('error' in result) throw result.error;
				const now = performance.now();
				logger.info(
					`indexed ${result.documents} search documents in ${Math.round(now - started!)} ms, ${Math.round(now - waiting)} ms of it after the pages`,
				);
				recordTiming('search-index', now - started!, { documents: result.documents });
				// The part of it the build waited for, once the pages were done.
				recordTiming('search-index-wait', now - waiting);
			},
		},
	};
}
