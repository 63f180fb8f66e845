/**
 * Weight of the built tool pages (scripts/page-weight.ts): median raw and gzip (level 9) bytes of every
 * `<dist>/tools/<server>/<tool>/index.html`, and per section the median raw bytes and the median
 * marginal gzip cost (gzip of the page minus gzip of the page without that section), so a change can
 * aim at what gzip actually pays for (unique text) rather than at repeated markup. Server pages
 * (`<dist>/servers/<server>/index.html`) are held to a ceiling on the heaviest one instead.
 *
 * Sizes are bytes; kB means 1000 bytes. gzip is zlib at level 9 without a file name in the header
 * (what a server sends), a few bytes under `gzip -9 <file` and `gzip -9 file`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Every tool page under `root` (`<root>/<server>/<tool>/index.html`), in directory order. */
export function* toolPages(root: string, dir = root): Generator<string> {
	for (const name of readdirSync(dir)) {
		const p = join(dir, name);
		if (!statSync(p).isDirectory()) continue;
		if (p.slice(root.length + 1).split('/').length === 2) {
			const index = join(p, 'index.html');
			try {
				statSync(index);
				yield index;
			} catch {
				// A tool folder without a page: nothing to weigh.
			}
		} else yield* toolPages(root, p);
	}
}

export interface Span {
	name: string;
	start: number;
	end: number;
}

/**
 * The page split into named spans: `head+header` (up to the first section in main), each top-level
 * `<section>` named by its `aria-labelledby`, `between` (whatever sits between the sections, counted
 * so the parts add up; its text is given, its start and end are -1) and `footer`.
 */
export function sections(html: string): (Span & { text?: string })[] {
	const out: (Span & { text?: string })[] = [];
	const main = html.indexOf('<main');
	const firstSection = html.indexOf('<section', main);
	out.push({ name: 'head+header', start: 0, end: firstSection });
	const re = /<section\b[^>]*>|<\/section>/g;
	re.lastIndex = firstSection;
	let open = 0;
	let start = -1;
	let name = '';
	for (let m; (m = re.exec(html));) {
		if (m[0].startsWith('</')) {
			open--;
			if (open === 0) out.push({ name, start, end: re.lastIndex });
		} else {
			if (open === 0) {
				start = m.index;
				name = /aria-labelledby="([^"]+)"/.exec(m[0])?.[1] ?? 'section';
			}
			open++;
		}
	}
	const last = out.at(-1)!.end;
	let between = '';
	for (let i = 1; i < out.length; i++) between += html.slice(out[i - 1]!.end, out[i]!.start);
	out.push({ name: 'between', start: -1, end: -1, text: between });
	out.push({ name: 'footer', start: last, end: html.length });
	return out;
}

export const gzipSize = (s: string): number => gzipSync(s, { level: 9 }).length;

export function median(xs: readonly number[]): number {
	if (xs.length === 0) return 0;
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export interface SectionWeight {
	section: string;
	pages: number;
	medianRaw: number;
	medianGzipMarginal: number;
}

export interface PageWeights {
	pages: number;
	medianRaw: number;
	medianGzip: number;
	/** Heaviest marginal gzip cost first; empty when sections were not measured. */
	sections: SectionWeight[];
}

/** Weighs every `every`-th page of `files`; with `bySection`, each section's share too (slower). */
export function weighPages(files: Iterable<string>, options: { every?: number; bySection?: boolean } = {}): PageWeights {
	const every = options.every ?? 1;
	const raw: number[] = [];
	const zipped: number[] = [];
	const per = new Map<string, { raw: number[]; marginal: number[]; present: number }>();
	let seen = 0;
	for (const file of files) {
		if (seen++ % every !== 0) continue;
		const html = readFileSync(file, 'utf8');
		const g = gzipSize(html);
		raw.push(Buffer.byteLength(html));
		zipped.push(g);
		if (!options.bySection) continue;
		for (const s of sections(html)) {
			if (s.name === 'between') continue;
			const entry = per.get(s.name) ?? { raw: [], marginal: [], present: 0 };
			entry.raw.push(Buffer.byteLength(html.slice(s.start, s.end)));
			entry.marginal.push(g - gzipSize(html.slice(0, s.start) + html.slice(s.end)));
			entry.present++;
			per.set(s.name, entry);
		}
	}
	const rows = [...per].map(([name, e]) => ({
		section: name,
		pages: e.present,
		medianRaw: median(e.raw),
		medianGzipMarginal: median(e.marginal),
	}));
	rows.sort((a, b) => b.medianGzipMarginal - a.medianGzipMarginal);
	return { pages: raw.length, medianRaw: median(raw), medianGzip: median(zipped), sections: rows };
}

/** The budget line, and whether the medians are under both limits (no pages is a failure). */
export function checkBudget(w: PageWeights, root: string, [maxRaw, maxGzip]: readonly [number, number]): { ok: boolean; line: string } {
	const line = `${w.pages} tool pages in ${root}: median ${w.medianRaw} B raw (budget ${maxRaw}), ${w.medianGzip} B gzip -9 (budget ${maxGzip})`;
	return { ok: w.pages > 0 && w.medianRaw < maxRaw && w.medianGzip < maxGzip, line };
}

/** Every server page under `root` (`<root>/<server>/index.html`; the directory's own pages have no such file). */
export function* serverPages(root: string): Generator<string> {
	for (const name of readdirSync(root)) {
		const index = join(root, name, 'index.html');
		try {
			if (statSync(index).isFile()) yield index;
		} catch {
			// Not a page folder (a server's JSON twin, a folder without a page).
		}
	}
}

export interface PageSize {
	file: string;
	bytes: number;
}

/** Raw bytes of each file, heaviest first (ties by name, so the order is stable). */
export function pageSizes(files: Iterable<string>): PageSize[] {
	return [...files].map((file) => ({ file, bytes: statSync(file).size })).sort((a, b) => b.bytes - a.bytes || a.file.localeCompare(b.file));
}

/**
 * Whether every page is under `max` raw bytes (no pages is a failure), with the heaviest page and every
 * page over the limit. Server pages carry every tool's row and the composer's data, so they grow with the
 * server: the limit keeps the largest readable and light on a phone (issue 20: under ~150 kB).
 */
export function checkCeiling(sizes: readonly PageSize[], root: string, max: number): { ok: boolean; line: string; over: PageSize[] } {
	const over = sizes.filter((s) => s.bytes >= max);
	const top = sizes[0];
	const line = top
		? `${sizes.length} server pages in ${root}: heaviest ${top.bytes} B raw (${top.file}), limit ${max}; ${over.length} at or over it`
		: `no server pages in ${root}`;
	return { ok: sizes.length > 0 && over.length === 0, line, over };
}

/** The medians, then a table of sections. */
export function formatWeights(w: PageWeights, root: string): string {
	const lines = [
		`${w.pages} tool pages in ${root}: median ${w.medianRaw} B raw (${(w.medianRaw / 1000).toFixed(2)} kB), ${w.medianGzip} B gzip -9 (${(w.medianGzip / 1000).toFixed(2)} kB)`,
		`${'section'.padEnd(14)} ${'pages'.padStart(6)} ${'raw B'.padStart(8)} ${'gzip B (marginal)'.padStart(18)}`,
		...w.sections.map(
			(r) =>
				`${r.section.padEnd(14)} ${String(r.pages).padStart(6)} ${String(r.medianRaw).padStart(8)} ${String(r.medianGzipMarginal).padStart(18)}`,
		),
	];
	return `${lines.join('\n')}\n`;
}
