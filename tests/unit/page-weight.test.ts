/** The tool-page weight measure and the server-page ceiling (src/verify/page-weight.ts) on small pages written here. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
	checkBudget,
	checkCeiling,
	formatWeights,
	gzipSize,
	median,
	pageSizes,
	sections,
	serverPages,
	toolPages,
	weighPages,
} from '../../src/verify/page-weight.ts';

const page = (body: string) =>
	`<!DOCTYPE html><html><head><title>t</title></head><body><header>h</header><main><h1>x</h1>` +
	`<section aria-labelledby="facts"><p>${body}</p><section><p>nested</p></section></section>\n<p>note</p>` +
	`<section aria-labelledby="policy"><pre>${body.repeat(3)}</pre></section></main><footer>f</footer></body></html>`;

describe('sections', () => {
	it('splits a page into head, top-level sections by their label, what lies between, and the footer, adding up to the page', () => {
		const html = page('Some text about the tool.');
		const spans = sections(html);
		expect(spans.map((s) => s.name)).toEqual(['head+header', 'facts', 'policy', 'between', 'footer']);
		expect(html.slice(spans[1]!.start, spans[1]!.end)).toBe(
			'<section aria-labelledby="facts"><p>Some text about the tool.</p><section><p>nested</p></section></section>',
		);
		expect(spans[3]!.text).toBe('\n<p>note</p>');
		const length = spans.reduce((n, s) => n + (s.name === 'between' ? s.text!.length : s.end - s.start), 0);
		expect(length).toBe(html.length);
	});

	it.each([
		[[], 0],
		[[3], 3],
		[[5, 1, 3], 3],
		[[4, 1, 3, 2], 2.5],
	])('median of %j is %d', (xs, m) => {
		expect(median(xs)).toBe(m);
	});
});

describe('weighing tool pages', () => {
	const dist = mkdtempSync(join(tmpdir(), 'toolrisk-weight-test-'));
	afterAll(() => rmSync(dist, { recursive: true, force: true }));
	const root = join(dist, 'tools');
	const bodies = ['a'.repeat(100), 'b'.repeat(300), 'c'.repeat(200)];
	bodies.forEach((body, i) => {
		mkdirSync(join(root, 'server', `tool-${i}`), { recursive: true });
		writeFileSync(join(root, 'server', `tool-${i}`, 'index.html'), page(body));
	});
	// Not tool pages: the server's own page, and a tool folder without one.
	writeFileSync(join(root, 'server', 'index.html'), page('server'));
	mkdirSync(join(root, 'server', 'empty'));

	it('finds every <server>/<tool>/index.html and nothing else', () => {
		expect([...toolPages(root)].map((p) => p.slice(root.length + 1)).sort()).toEqual([
			'server/tool-0/index.html',
			'server/tool-1/index.html',
			'server/tool-2/index.html',
		]);
	});

	it('gives the medians, every N-th page, and each section with its marginal gzip cost, heaviest first', () => {
		const files = [...toolPages(root)].sort();
		const w = weighPages(files, { bySection: true });
		const middle = page('c'.repeat(200));
		expect(w).toMatchObject({ pages: 3, medianRaw: Buffer.byteLength(middle), medianGzip: gzipSize(middle) });
		expect(w.sections.map((s) => s.section).sort()).toEqual(['facts', 'footer', 'head+header', 'policy']);
		expect(w.sections[0]!.medianGzipMarginal).toBeGreaterThanOrEqual(w.sections.at(-1)!.medianGzipMarginal);
		expect(weighPages(files, { every: 2 })).toMatchObject({ pages: 2, sections: [] });
		const text = formatWeights(w, root);
		expect(text.split('\n')[0]).toBe(
			`3 tool pages in ${root}: median ${w.medianRaw} B raw (${(w.medianRaw / 1000).toFixed(2)} kB), ${w.medianGzip} B gzip -9 (${(w.medianGzip / 1000).toFixed(2)} kB)`,
		);
		expect(text).toMatch(/^facts +3 +\d+ +\d+$/m);
	});

	it('passes a budget only when both medians are under it, and never with no pages', () => {
		const w = weighPages(toolPages(root));
		expect(checkBudget(w, root, [w.medianRaw + 1, w.medianGzip + 1])).toEqual({
			ok: true,
			line: `3 tool pages in ${root}: median ${w.medianRaw} B raw (budget ${w.medianRaw + 1}), ${w.medianGzip} B gzip -9 (budget ${w.medianGzip + 1})`,
		});
		expect(checkBudget(w, root, [w.medianRaw, w.medianGzip + 1]).ok).toBe(false);
		expect(checkBudget(w, root, [w.medianRaw + 1, w.medianGzip]).ok).toBe(false);
		expect(checkBudget(weighPages([]), root, [1e9, 1e9]).ok).toBe(false);
	});
});

describe('the server-page ceiling', () => {
	const dist = mkdtempSync(join(tmpdir(), 'toolrisk-weight-servers-'));
	afterAll(() => rmSync(dist, { recursive: true, force: true }));
	const root = join(dist, 'servers');
	const write = (name: string, bytes: number) => {
		mkdirSync(join(root, name), { recursive: true });
		writeFileSync(join(root, name, 'index.html'), 'x'.repeat(bytes));
	};
	write('small', 1000);
	write('large', 5000);
	write('middle', 3000);
	// Not server pages: a JSON twin beside the folders, the directory's later pages (no index.html of its own).
	writeFileSync(join(root, 'small.json'), '{}');
	mkdirSync(join(root, 'all', '2'), { recursive: true });
	writeFileSync(join(root, 'all', '2', 'index.html'), 'x'.repeat(9000));

	it('finds every <server>/index.html, heaviest first', () => {
		expect(pageSizes(serverPages(root)).map((s) => [s.file.slice(root.length + 1), s.bytes])).toEqual([
			['large/index.html', 5000],
			['middle/index.html', 3000],
			['small/index.html', 1000],
		]);
	});

	it.each([
		[5001, true, []],
		[5000, false, ['large']],
		[2000, false, ['large', 'middle']],
	])('a ceiling of %d B: passes %s, over it %j', (max, ok, over) => {
		const result = checkCeiling(pageSizes(serverPages(root)), root, max);
		expect(result.ok).toBe(ok);
		expect(result.over.map((s) => s.file.slice(root.length + 1).split('/')[0])).toEqual(over);
		expect(result.line).toBe(
			`3 server pages in ${root}: heaviest 5000 B raw (${join(root, 'large', 'index.html')}), limit ${max}; ${over.length} at or over it`,
		);
	});

	it('fails with no server pages', () => {
		expect(checkCeiling([], root, 1e9)).toEqual({ ok: false, line: `no server pages in ${root}`, over: [] });
	});
});
