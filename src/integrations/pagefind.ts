import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';
import { recordTiming } from '../timings.ts';

/** Throws when a Pagefind response carries errors, so a broken index fails the build. */
function assertOk(step: string, response: { errors: string[] }): void {
	if (response.errors.length > 0) throw new Error(`pagefind ${step} failed:\n${response.errors.join('\n')}`);
}

/** Indexes the built site with Pagefind's Node API after every build. Only `data-pagefind-body` regions are indexed. */
export function pagefindIntegration(): AstroIntegration {
	return {
		name: 'toolrisk-pagefind',
		hooks: {
			'astro:build:done': async ({ dir, logger }) => {
				const outDir = fileURLToPath(dir);
				const started = performance.now();
				const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
				try {
					if (!index) throw new Error(`pagefind could not start:\n${errors.join('\n')}`);
					const added = await index.addDirectory({ path: outDir });
					assertOk('addDirectory', added);
					assertOk('writeFiles', await index.writeFiles({ outputPath: `${outDir}/pagefind` }));
					logger.info(`indexed ${added.page_count} pages in ${Math.round(performance.now() - started)} ms`);
					recordTiming('search-index', performance.now() - started, { pages: added.page_count });
				} finally {
					await pagefind.close();
				}
			},
		},
	};
}
