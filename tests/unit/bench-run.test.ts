/** The benchmark's parts that need no build (src/bench/run.ts, weights.ts, search.ts, baseline.ts, report.ts, run-bench.ts). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { baselineRenderMs, baselineTools } from '../../src/bench/baseline.ts';
import { benchmarkReport } from '../../src/bench/report.ts';
import type { BuildRun, SizeResult } from '../../src/bench/results.ts';
import { earlierResults, serversFor } from '../../src/bench/run-bench.ts';
import { pagesFromLog, phasesOf } from '../../src/bench/run.ts';
import { serve } from '../../src/bench/search.ts';
import { outputSize, pageWeights } from '../../src/bench/weights.ts';
import { buildServerFile } from '../../src/lib/content/server-file.ts';

describe('a measured run', () => {
	it('takes each phase from its slowest shard and adds the shards up for one process', () => {
		expect(
			phasesOf([
				{ phase: 'render', ms: 100, shard: '0/2' },
				{ phase: 'render', ms: 40, shard: '0/2' },
				{ phase: 'render', ms: 120, shard: '1/2' },
				{ phase: 'content', ms: 5, shard: '1/2', pages: 7 },
				{ phase: 'merge', ms: 3 },
			]),
		).toEqual({ phases: { render: 140, content: 5, merge: 3 }, processPhases: { render: 260, content: 5, merge: 3 }, shards: 2, pages: 7 });
		expect(phasesOf([])).toEqual({ phases: {}, processPhases: {}, shards: 1, pages: 0 });
	});

	it('reads the last page count a build printed', () => {
		expect(pagesFromLog('[shard 1/2] 10 page(s) built in 3s\n[build] 25 page(s) built in 0m 4s (2 shards)\n')).toBe(25);
		expect(pagesFromLog('nothing built')).toBeUndefined();
	});
});

describe('the baseline', () => {
	it('reads its rendering time in every form Astro prints', () => {
		const log = (t: string) => `generating static routes\n ... \nCompleted in ${t}.\n`;
		expect(baselineRenderMs(log('812ms'))).toBe(812);
		expect(baselineRenderMs(log('21.37s'))).toBeCloseTo(21_370);
		expect(baselineRenderMs(log('1m 59s'))).toBe(119_000);
		expect(baselineRenderMs('Completed in 5s')).toBeUndefined();
	});

	it('gives every tool a record with its schema and a small policy', () => {
		const server = buildServerFile(
			{
				slug: 'notes',
				name: 'Notes',
				distributions: [{ kind: 'npm', package: 'notes-mcp', version: '1.0.0' }],
				provenance: { method: 'import', obtainedAt: '2026-01-02', sources: [{ title: 'test', ref: 'x' }], completeness: 'complete' },
				tools: [{ definition: { name: 'read_note', inputSchema: { type: 'object' } } }],
			},
			'notes.json',
		);
		const [tool] = baselineTools([server]);
		expect(tool).toMatchObject({ id: 'notes--0', name: 'read_note', description: '', schema: '{\n  "type": "object"\n}' });
		expect(tool!.policy).toContain('"read_note":\n    rules:');
	});
});

describe('sizes and merged runs', () => {
	it('gives one server per ~28 tools, and always one more than the real ones', () => {
		expect(serversFor(250_000, 213)).toBe(9000);
		expect(serversFor(10_000, 213)).toBe(360);
		expect(serversFor(300, 213)).toBe(214);
	});

	it('keeps earlier results of other sizes that say how they were measured', () => {
		const r = (tools: number, command?: string) => ({ tools, ...(command && { command }) }) as SizeResult;
		expect(earlierResults([r(10_000, 'a'), r(50_000, 'b'), r(250_000)], [10_000]).map((x) => x.tools)).toEqual([50_000]);
	});
});

describe('output and page weight', () => {
	const dist = mkdtempSync(join(tmpdir(), 'toolrisk-bench-test-'));
	afterAll(() => rmSync(dist, { recursive: true, force: true }));
	mkdirSync(join(dist, '_astro'));
	mkdirSync(join(dist, 'tools', 'a', 'b'), { recursive: true });
	mkdirSync(join(dist, 'pagefind'));
	writeFileSync(join(dist, '_astro', 'site.css'), 'body{color:red}');
	writeFileSync(join(dist, '_astro', 'page.js'), 'import"./chunk.js";');
	writeFileSync(join(dist, '_astro', 'chunk.js'), 'export const x=1;');
	writeFileSync(join(dist, 'index.html'), '<link rel="stylesheet" href="/_astro/site.css"><h1>home</h1>');
	writeFileSync(
		join(dist, 'tools', 'a', 'b', 'index.html'),
		'<link rel="stylesheet" href="/_astro/site.css"><script type="module" src="/_astro/page.js"></script><h1>tool</h1>',
	);
	writeFileSync(join(dist, 'pagefind', 'index.html'), 'not a page');

	it('counts bytes and files, and weighs each page type with the CSS and JS it loads, imports included', () => {
		expect(outputSize(dist).files).toBe(6);
		const weights = pageWeights(dist);
		expect(Object.keys(weights)).toEqual(['home', 'tools']);
		expect(weights['tools']).toMatchObject({
			pages: 1,
			css: { median: 15 },
			js: { median: 'import"./chunk.js";'.length + 'export const x=1;'.length },
		});
		expect(weights['home']).toMatchObject({ pages: 1, js: { median: 0 } });
	});

	it('serves the site on loopback and counts what it sends, search files apart', async () => {
		const { server, port, sent, sentSearch } = await serve(dist);
		try {
			expect(await (await fetch(`http://127.0.0.1:${port}/tools/a/b/`)).text()).toContain('<h1>tool</h1>');
			expect((await fetch(`http://127.0.0.1:${port}/pagefind/`)).status).toBe(200);
			expect((await fetch(`http://127.0.0.1:${port}/missing`)).status).toBe(404);
			expect(sentSearch()).toBe('not a page'.length);
			expect(sent()).toBeGreaterThan(sentSearch());
		} finally {
			server.close();
		}
	});
});

describe('the report', () => {
	const build = (render: number, pages: number, extra: Partial<BuildRun> = {}): BuildRun => ({
		wallMs: 60_000,
		phases: { content: 1000, classification: 2000, render, exports: 100, 'search-index': 3000 },
		pages,
		memory: { treeBytes: 2 * 1024 ** 3, byCommand: { node: 1024 ** 3, pagefind: 256 * 1024 ** 2 } },
		exitCode: 0,
		log: 'x.log',
		...extra,
	});
	const weights = {
		tools: {
			pages: 10,
			html: { median: 12_000, p95: 14_000, gzMedian: 3800, gzP95: 4000 },
			css: { median: 9000, gz: 2500 },
			js: { median: 0, gz: 0 },
		},
	};
	const result = (tools: number, extra: Partial<SizeResult> = {}): SizeResult => ({
		command: 'npm run bench',
		date: '2026-12-01',
		tools,
		servers: 100,
		generateMs: 1,
		cold: build(tools * 2, tools),
		output: { bytes: 1024 ** 2, files: 3 },
		weights,
		...extra,
	});
	const machine = { cores: 2, cpu: 'Test CPU', memoryBytes: 8 * 1024 ** 3, node: 'v24.0.0' };

	it('names the machine and gives a row per size, with the ratio to the first size and the baseline', () => {
		const text = benchmarkReport([result(10_000, { baseline: build(5000, 10_001) }), result(50_000)], machine);
		expect(text.startsWith('# Benchmarks\n\nMeasured by `npm run bench` (2026-12-01) on 2 cores (Test CPU), 8 GiB, Node v24.0.0.')).toBe(
			true,
		);
		expect(text).toMatch(
			/^\| 10000 \| 10000 \| 1 \| 60\.0 s \| 1\.0 s \| 2\.0 s \| 20\.0 s \| 0\.1 s \| 3\.0 s \| 500 \| 2\.00 \| 2\.00 \| 1\.00 \| 0\.50 \| 4\.00 \| 2048 MB \| 1024 MB \| 256 MB \|$/m,
		);
		expect(text).toMatch(/^\| 50000 \| 50000 \| 1 \|.*\| 2\.00 \| 2\.00 \| 1\.00 \| – \| – \|/m);
		expect(text).toContain('## Output and page weight');
		expect(text).not.toContain('## Rebuild after one server changed');
		expect(text).not.toContain('## Search');
	});

	it('adds the warm rebuild and search sections when a size has them', () => {
		const search = { first: [{ bytes: 2048, ms: 300, settledMs: 500, pageBytes: 1024 }], later: [{ bytes: 1024, ms: 80, settledMs: 100 }] };
		const text = benchmarkReport([result(10_000, { warm: build(10_000, 10_000), search })], machine);
		expect(text).toMatch(/^\| 10000 \| render \| 20\.0 s \| 10\.0 s \| 0\.50 \|$/m);
		expect(text).toMatch(/^\| 10000 \| 1\.0 KB \| 2\.0 KB \| 300 \| 500 \| 1\.0 KB \/ 1\.0 KB \| 80 \| 100 \|$/m);
	});
});
