/** Output size and page weight of a built site, per page type, for the benchmark (scripts/bench.ts). */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { assetsOf, pageTypeOf, percentile, staticImportsOf } from './measure.ts';
import type { Weights } from './results.ts';

/** Pages per type whose weight is measured (a deterministic spread; gzip of 250k pages would dominate the run). */
export const WEIGHT_SAMPLE = 3000;

export function filesUnder(dir: string): { path: string; size: number }[] {
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((e) => e.isFile())
		.map((e) => {
			const path = join(e.parentPath, e.name);
			return { path, size: statSync(path).size };
		});
}

/** Bytes and files under `dir`. */
export function outputSize(dir: string): { bytes: number; files: number } {
	return filesUnder(dir).reduce((s, f) => ({ bytes: s.bytes + f.size, files: s.files + 1 }), { bytes: 0, files: 0 });
}

/** Page weight per page type: HTML raw and gzip, and the CSS and JS each page loads (with their static imports). */
export function pageWeights(dist: string, sample = WEIGHT_SAMPLE): Record<string, Weights> {
	const byType = new Map<string, string[]>();
	for (const f of filesUnder(dist)) {
		if (!f.path.endsWith('.html') || f.path.includes(`${join(dist, 'pagefind')}`)) continue;
		const url = `/${relative(dist, f.path)}`;
		const type = pageTypeOf(url);
		const list = byType.get(type);
		if (list) list.push(f.path);
		else byType.set(type, [f.path]);
	}
	/** Each asset's own size and, for scripts, the site paths it imports: read and compressed once per run. */
	const assetCache = new Map<string, { raw: number; gz: number; imports: string[] }>();
	const asset = (href: string, seen: Set<string>): { raw: number; gz: number } => {
		const path = join(dist, href.split('?')[0]!);
		if (seen.has(path) || !existsSync(path)) return { raw: 0, gz: 0 };
		seen.add(path);
		let own = assetCache.get(path);
		if (!own) {
			const text = readFileSync(path);
			const imports = path.endsWith('.js')
				? staticImportsOf(text.toString())
						.filter((spec) => spec.startsWith('.') || spec.startsWith('/'))
						.map((spec) => (spec.startsWith('/') ? spec : `/${relative(dist, resolve(join(path, '..'), spec))}`))
				: [];
			own = { raw: text.length, gz: gzipSync(text).length, imports };
			assetCache.set(path, own);
		}
		let raw = own.raw;
		let gz = own.gz;
		for (const next of own.imports) {
			const sub = asset(next, seen);
			raw += sub.raw;
			gz += sub.gz;
		}
		return { raw, gz };
	};
	const out: Record<string, Weights> = {};
	for (const [type, paths] of [...byType].sort()) {
		paths.sort();
		const step = Math.max(1, Math.floor(paths.length / sample));
		const picked = paths.filter((_, i) => i % step === 0);
		const html: number[] = [];
		const htmlGz: number[] = [];
		const css: number[] = [];
		const cssGz: number[] = [];
		const js: number[] = [];
		const jsGz: number[] = [];
		for (const p of picked) {
			const text = readFileSync(p);
			html.push(text.length);
			htmlGz.push(gzipSync(text).length);
			const refs = assetsOf(text.toString());
			const seen = new Set<string>();
			const c = refs.css.map((h) => asset(h, seen)).reduce((s, x) => ({ raw: s.raw + x.raw, gz: s.gz + x.gz }), { raw: 0, gz: 0 });
			const j = refs.js.map((h) => asset(h, seen)).reduce((s, x) => ({ raw: s.raw + x.raw, gz: s.gz + x.gz }), { raw: 0, gz: 0 });
			css.push(c.raw);
			cssGz.push(c.gz);
			js.push(j.raw);
			jsGz.push(j.gz);
		}
		out[type] = {
			pages: paths.length,
			html: {
				median: percentile(html, 0.5),
				p95: percentile(html, 0.95),
				gzMedian: percentile(htmlGz, 0.5),
				gzP95: percentile(htmlGz, 0.95),
			},
			css: { median: percentile(css, 0.5), gz: percentile(cssGz, 0.5) },
			js: { median: percentile(js, 0.5), gz: percentile(jsGz, 0.5) },
		};
	}
	return out;
}
