import { describe, expect, it } from 'vitest';
import {
	assetsOf,
	MemoryPeak,
	pageTypeOf,
	percentile,
	readProcesses,
	staticImportsOf,
	table,
	treeOf,
	type ProcessSample,
} from '../../src/bench/measure.ts';

describe('benchmark helpers', () => {
	it.each([
		['/index.html', 'home'],
		['/tools/a/b/index.html', 'tools'],
		['/servers/x/index.html', 'servers'],
		['/risk/critical/index.html', 'risk'],
		['/about/index.html', 'other'],
		['/404.html', 'other'],
	])('page type of %s is %s', (path, type) => {
		expect(pageTypeOf(path)).toBe(type);
	});

	it.each([
		{ values: [], q: 0.5, expected: 0 },
		{ values: [3, 1, 2], q: 0.5, expected: 2 },
		{ values: [1, 2, 3, 4], q: 0.5, expected: 2 },
		{ values: Array.from({ length: 100 }, (_, i) => i + 1), q: 0.95, expected: 95 },
		{ values: [7], q: 0.95, expected: 7 },
	])('percentile $q of $values', ({ values, q, expected }) => {
		expect(percentile(values, q)).toBe(expected);
	});

	it('finds a page’s own stylesheets and scripts, not external ones', () => {
		const html =
			'<link rel="stylesheet" href="/_astro/a.css"><link rel="icon" href="/f.svg"><link rel="stylesheet" href="https://x/y.css"><script type="module" src="/_astro/b.js"></script>';
		expect(assetsOf(html)).toEqual({ css: ['/_astro/a.css'], js: ['/_astro/b.js'] });
	});

	it('lists static imports of a bundle', () => {
		expect(staticImportsOf('import{a as b}from"./chunk.js";import "./side.js";const x=import("./lazy.js")')).toEqual([
			'./chunk.js',
			'./side.js',
		]);
	});

	it('sums a process tree and keeps the largest process per program', () => {
		const ps: ProcessSample[] = [
			{ pid: 1, ppid: 0, comm: 'init', rssBytes: 5 },
			{ pid: 10, ppid: 1, comm: 'node', rssBytes: 100 },
			{ pid: 11, ppid: 10, comm: 'pagefind', rssBytes: 50 },
			{ pid: 12, ppid: 11, comm: 'node', rssBytes: 20 },
			{ pid: 13, ppid: 1, comm: 'other', rssBytes: 999 },
		];
		const tree = treeOf(10, ps);
		expect(tree.map((p) => p.pid).sort()).toEqual([10, 11, 12]);
		const peak = new MemoryPeak();
		peak.add(tree);
		peak.add([{ pid: 10, ppid: 1, comm: 'node', rssBytes: 130 }]);
		expect(peak.tree).toBe(170);
		expect(Object.fromEntries(peak.byCommand)).toEqual({ node: 130, pagefind: 50 });
	});

	it('reads this process from /proc', () => {
		const me = readProcesses().find((p) => p.pid === process.pid);
		expect(me?.rssBytes).toBeGreaterThan(1024 * 1024);
	});

	it('renders a Markdown table', () => {
		expect(table(['a', 'b'], [['1', '2']])).toBe('| a | b |\n| --- | --- |\n| 1 | 2 |');
	});
});
