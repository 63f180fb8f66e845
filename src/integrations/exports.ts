import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { EXPORT_FILES, type ExportFile } from '../lib/exports/files.ts';
import { recordTiming } from '../timings.ts';

/**
 * Writes the per-tool JSON twins after the pages, straight to the output folder. They are the same
 * bytes the `tools/[server]/[tool].json.ts` route serves in development (one function makes both),
 * but an Astro route per tool costs as much as the tool's page itself (a request, a response and the
 * middleware for each), so a build writes them here. src/catalogue.ts registers the files.
 */
export function exportsIntegration(): AstroIntegration {
	return {
		name: 'toolrisk-exports',
		hooks: {
			'astro:build:done': async ({ dir, logger }) => {
				const files = (globalThis as { [EXPORT_FILES]?: () => AsyncIterable<ExportFile> })[EXPORT_FILES];
				if (!files) throw new Error('exports: no export files were registered; src/catalogue.ts registers them when a page reads the catalogue');
				const outDir = fileURLToPath(dir);
				const started = performance.now();
				const made = new Set<string>();
				let count = 0;
				for await (const f of files()) {
					const path = join(outDir, f.path);
					const folder = dirname(path);
					if (!made.has(folder)) {
						mkdirSync(folder, { recursive: true });
						made.add(folder);
					}
					writeFileSync(path, f.text, { flag: 'wx' });
					count++;
				}
				logger.info(`wrote ${count} tool twins in ${Math.round(performance.now() - started)} ms`);
				recordTiming('exports', performance.now() - started, { files: count });
			},
		},
	};
}
