#!/usr/bin/env node
/**
 * Weight of the built tool pages: median raw and gzip (level 9) bytes of every
 * `dist/tools/<server>/<tool>/index.html`, and per section the median raw bytes and the median
 * marginal gzip cost (gzip of the page minus gzip of the page without that section), so a change can
 * aim at what gzip actually pays for (unique text) rather than at repeated markup.
 *
 * Sizes are bytes; kB below means 1000 bytes. gzip is zlib at level 9 without a file name in the
 * header (what a server sends), a few bytes under `gzip -9 <file` and `gzip -9 file`.
 *
 *   node scripts/page-weight.mjs [dist] [--json] [--every N]   (--every 10: every tenth page, faster)
 *   node scripts/page-weight.mjs dist --budget 15000,4000       (medians only; exits 1 over either)
 *
 * `npm run check:weight` (part of `npm test`) holds the real catalogue's tool pages to the budget of
 * issue 5: a median under 15 kB raw and 4 kB gzip.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const dist = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--every' && args[i - 1] !== '--budget') ?? 'dist';
const asJson = args.includes('--json');
const everyAt = args.indexOf('--every');
const every = everyAt >= 0 ? Number(args[everyAt + 1]) : 1;
if (!(every >= 1)) throw new Error('--every takes a whole number of 1 or more');
const budgetAt = args.indexOf('--budget');
const budget = budgetAt >= 0 ? (args[budgetAt + 1] ?? '').split(',').map(Number) : undefined;
if (budget && !(budget.length === 2 && budget.every((b) => b > 0)))
	throw new Error('--budget takes <raw bytes>,<gzip bytes>, e.g. 15000,4000');

function* pages(dir) {
	for (const name of readdirSync(dir)) {
		const p = join(dir, name);
		if (statSync(p).isDirectory()) {
			const index = join(p, 'index.html');
			if (depth(p) === 2) {
				try {
					statSync(index);
					yield index;
				} catch {}
			} else yield* pages(p);
		}
	}
}
const root = join(dist, 'tools');
const depth = (p) => p.slice(root.length + 1).split('/').length;

/** The page split into named spans: head and header, each top-level `<section aria-labelledby>`, footer. */
function sections(html) {
	const out = [];
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
	const last = out.at(-1).end;
	out.push({ name: 'between', start: -1, end: -1, text: gapsOf(html, out) });
	out.push({ name: 'footer', start: last, end: html.length });
	return out;
}
/** Whatever sits between the top-level sections (notices, stray markup): counted so the parts add up. */
function gapsOf(html, spans) {
	let s = '';
	for (let i = 1; i < spans.length; i++) s += html.slice(spans[i - 1].end, spans[i].start);
	return s;
}

const gz = (s) => gzipSync(s, { level: 9 }).length;
const median = (xs) => {
	if (xs.length === 0) return 0;
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const raw = [];
const zipped = [];
const per = new Map();
let count = 0;
let seen = 0;
for (const file of pages(root)) {
	if (seen++ % every !== 0) continue;
	const html = readFileSync(file, 'utf8');
	const bytes = Buffer.byteLength(html);
	const g = gz(html);
	raw.push(bytes);
	zipped.push(g);
	count++;
	if (budget) continue;
	for (const s of sections(html)) {
		if (s.name === 'between') continue;
		const text = html.slice(s.start, s.end);
		const without = html.slice(0, s.start) + html.slice(s.end);
		const entry = per.get(s.name) ?? { raw: [], marginal: [], present: 0 };
		entry.raw.push(Buffer.byteLength(text));
		entry.marginal.push(g - gz(without));
		entry.present++;
		per.set(s.name, entry);
	}
}

if (budget) {
	const [maxRaw, maxGzip] = budget;
	const line = `${count} tool pages in ${root}: median ${median(raw)} B raw (budget ${maxRaw}), ${median(zipped)} B gzip -9 (budget ${maxGzip})`;
	if (count === 0 || median(raw) >= maxRaw || median(zipped) >= maxGzip) {
		console.error(`page weight over budget: ${line}`);
		process.exit(1);
	}
	console.log(`page weight: ${line}`);
	process.exit(0);
}

const rows = [...per].map(([name, e]) => ({
	section: name,
	pages: e.present,
	medianRaw: median(e.raw),
	medianGzipMarginal: median(e.marginal),
}));
rows.sort((a, b) => b.medianGzipMarginal - a.medianGzipMarginal);
const result = { pages: count, medianRaw: median(raw), medianGzip: median(zipped), sections: rows };
if (asJson) console.log(JSON.stringify(result, null, 2));
else {
	console.log(
		`${count} tool pages in ${root}: median ${result.medianRaw} B raw (${(result.medianRaw / 1000).toFixed(2)} kB), ${result.medianGzip} B gzip -9 (${(result.medianGzip / 1000).toFixed(2)} kB)`,
	);
	console.log('section'.padEnd(14), 'pages'.padStart(6), 'raw B'.padStart(8), 'gzip B (marginal)'.padStart(18));
	for (const r of rows)
		console.log(
			r.section.padEnd(14),
			String(r.pages).padStart(6),
			String(r.medianRaw).padStart(8),
			String(r.medianGzipMarginal).padStart(18),
		);
}
