/**
 * Build-phase timings for the benchmark (scripts/bench.ts): when TOOLRISK_TIMINGS names a file, each
 * phase appends one JSON line `{ phase, ms, ... }` to it. Does nothing otherwise. Also the integration
 * that records the bundling and rendering phases.
 */
import { appendFileSync } from 'node:fs';
import type { AstroIntegration } from 'astro';
import { renderStart } from './handoff.ts';

export function recordTiming(phase: string, ms: number, extra: Record<string, number | string> = {}): void {
	const file = process.env['TOOLRISK_TIMINGS'];
	if (!file) return;
	// A sharded build (scripts/build.ts) has several processes appending: each line says whose it is.
	const shard = process.env['TOOLRISK_SHARD'];
	appendFileSync(file, `${JSON.stringify({ phase, ms: Math.round(ms), ...extra, ...(shard && { shard }) })}\n`);
}

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
