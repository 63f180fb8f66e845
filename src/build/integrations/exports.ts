import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { exportFiles, installExportSink, type ExportSink } from '../handoff.ts';
import { recordTiming } from '../timings.ts';

/** Writes in flight from which a page waits for one to finish before it goes on. */
const MAX_IN_FLIGHT = 32;

/**
 * Export files written beside the pages, straight to the output folder: the per-tool JSON twins. They
 * are the same bytes the `tools/[server]/[tool].json.ts` route serves in development (one function
 * makes both), but an Astro route per tool costs as much as the tool's page itself (a request, a
 * response and the middleware for each), so a build writes them here.
 *
 * During `astro build` a tool page hands its twin to the writer this installs (`emitTwin` in
 * src/build/data.ts), from the model it renders, and the file is written on the thread pool while the
 * next pages render. Once the pages are done, every export file src/build/data.ts registers that was not
 * written that way is made and written here, so none is missing whatever pages ran; each path is
 * written once (`flag: 'wx'`).
 */
export function exportsIntegration(): AstroIntegration {
	let outDir: string | undefined;
	const written = new Set<string>();
	const inFlight = new Set<Promise<void>>();
	const failures: Error[] = [];
	const folders = new Map<string, Promise<unknown>>();

	const write = (path: string, text: string): Promise<void> => {
		if (outDir === undefined) throw new Error('exports: a file was written before the build started');
		if (written.has(path)) throw new Error(`exports: ${path} was written twice`);
		written.add(path);
		const file = join(outDir, path);
		const folder = dirname(file);
		let made = folders.get(folder);
		if (!made) folders.set(folder, (made = mkdir(folder, { recursive: true })));
		const done = made
			.then(() => writeFile(file, text, { flag: 'wx' }))
			.catch((error: Error) => void failures.push(new Error(`exports: could not write ${path}: ${error.message}`)))
			.finally(() => inFlight.delete(done));
		inFlight.add(done);
		return done;
	};

	const sink: ExportSink = (path, text) => {
		write(path, text);
		return inFlight.size >= MAX_IN_FLIGHT ? Promise.race(inFlight) : undefined;
	};

	return {
		name: 'toolrisk-exports',
		hooks: {
			'astro:config:setup': ({ command }) => {
				if (command === 'build') installExportSink(sink);
			},
			'astro:config:done': ({ config }) => {
				outDir = fileURLToPath(config.outDir);
			},
			'astro:build:done': async ({ dir, logger }) => {
				const files = exportFiles();
				if (!files)
					throw new Error('exports: no export files were registered; src/build/data.ts registers them when a page reads the catalogue');
				if (fileURLToPath(dir) !== outDir)
					throw new Error(`exports: the pages were written to ${fileURLToPath(dir)}, not to the configured ${outDir}`);
				const started = performance.now();
				const duringRender = written.size;
				let count = 0;
				let late = 0;
				for await (const f of files()) {
					count++;
					if (written.has(f.path)) continue;
					late++;
					await write(f.path, await f.text());
				}
				await Promise.all(inFlight);
				if (failures.length > 0) throw new AggregateError(failures, failures.map((e) => e.message).join('\n'));
				if (written.size !== count) throw new Error(`exports: ${written.size} files were written, but ${count} are registered`);
				logger.info(
					`${count} tool twins: ${duringRender} written as their pages rendered, ${late} after; ${Math.round(performance.now() - started)} ms after the pages`,
				);
				recordTiming('exports', performance.now() - started, { files: count, late });
			},
		},
	};
}
