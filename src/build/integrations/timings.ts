import type { AstroIntegration } from 'astro';
import { recordTiming, renderStart } from '../timings.ts';

/**
 * Records two build phases for the benchmark: bundling (from the start of the build to the first
 * route asking for the catalogue) and page rendering (from there to the end of static generation).
 * The catalogue's own construction (classification) falls inside rendering and is recorded on its
 * own by src/build/data.ts.
 */
export function timingsIntegration(): AstroIntegration {
	let started: number | undefined;
	return {
		name: 'toolrisk-timings',
		hooks: {
			'astro:build:start': () => {
				started = performance.now();
			},
			'astro:build:generated': () => {
				const now = performance.now();
				const rendering = renderStart();
				if (started !== undefined && rendering !== undefined) recordTiming('bundle', rendering - started);
				if (rendering !== undefined) recordTiming('render', now - rendering);
			},
		},
	};
}
