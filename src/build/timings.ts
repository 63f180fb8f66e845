/**
 * Build-phase timings for the benchmark (scripts/bench.ts): when TOOLRISK_TIMINGS names a file, each
 * phase appends one JSON line `{ phase, ms, ... }` to it. Does nothing otherwise.
 */
import { appendFileSync } from 'node:fs';

export function recordTiming(phase: string, ms: number, extra: Record<string, number | string> = {}): void {
	const file = process.env['TOOLRISK_TIMINGS'];
	if (!file) return;
	// A sharded build (scripts/build.ts) has several processes appending: each line says whose it is.
	const shard = process.env['TOOLRISK_SHARD'];
	appendFileSync(file, `${JSON.stringify({ phase, ms: Math.round(ms), ...extra, ...(shard && { shard }) })}\n`);
}

const RENDER_START = Symbol.for('toolrisk.renderStart');

/** Called when the first route asks for the catalogue: static generation has begun. */
export function markRenderStart(): void {
	const g = globalThis as { [RENDER_START]?: number };
	g[RENDER_START] ??= performance.now();
}

/** When static generation began, if it has. */
export function renderStart(): number | undefined {
	return (globalThis as { [RENDER_START]?: number })[RENDER_START];
}
