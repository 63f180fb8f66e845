#!/usr/bin/env node
/**
 * bench: build the site at catalogue sizes that matter and report what it costs, against a bare Astro
 * baseline built in the same run (so the result is a ratio, not a machine-dependent number). The run is
 * src/bench/run-bench.ts; the report, src/bench/report.ts.
 *
 * Timings on a shared 2-core machine are noisy: compare ratios within one run.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { benchmarkReport } from '../src/bench/report.ts';
import { runBench } from '../src/bench/run-bench.ts';
import { defineCommand, main, UsageError } from './lib/cli.ts';

const ROOT = resolve(import.meta.dirname, '..');

const command = defineCommand({
	name: 'bench',
	usage: [
		'npm run bench [-- [--sizes <n,...>] [--work <dir>] [--out <file>] [--seed <s>] [--no-search] [--no-baseline] [--no-warm] [--keep] [--merge]]',
	],
	about:
		'For each size: generate the catalogue (the real servers plus generated ones, one server per ~28 tools as\n' +
		'in the largest public catalogue), build it cold with phase timings (content sync, classification,\n' +
		'rendering, search indexing), sample the memory of the whole process tree every 200 ms, measure output\n' +
		'bytes, files and page weights per page type, rebuild after one server changed (warm), build the baseline\n' +
		'(one minimal page per tool with two highlighted snippets), and measure search in headless Chromium on\n' +
		'localhost over a fixed query list. Timings on a shared machine are noisy: compare ratios within one run.',
	options: {
		sizes: {
			type: 'string',
			value: '<n,...>',
			default: '10000,50000,250000',
			description: 'tool counts, comma-separated, each at least 300',
		},
		work: {
			type: 'string',
			value: '<dir>',
			default: '.cache/bench',
			description: 'working folder (catalogues, builds, logs, results.json)',
		},
		out: { type: 'string', value: '<file>', default: 'BENCHMARKS.md', description: 'the report' },
		seed: { type: 'string', value: '<s>', default: 'toolrisk-bench', description: 'seed of the generated catalogues' },
		'no-search': { type: 'boolean', default: false, description: 'skip the search measurement (the browser part)' },
		'no-baseline': { type: 'boolean', default: false, description: 'skip the bare Astro baseline' },
		'no-warm': { type: 'boolean', default: false, description: 'skip the rebuild after one server changed' },
		keep: { type: 'boolean', default: false, description: 'keep the generated catalogues and baseline projects' },
		merge: {
			type: 'boolean',
			default: false,
			description: "keep the other sizes of the last run's results (in --work) and report them too",
		},
	},
	examples: [
		'npm run bench -- --sizes 10000 --no-search',
		"npm run bench -- --sizes 250000 --no-warm --no-baseline --merge   # add a size to the last run's results",
	],
});

await main(command, async (args) => {
	const { values } = args;
	const sizes = args.numbers('sizes', { integer: true, min: 300, expected: 'a tool count of at least 300' })!;
	if (sizes.length === 0) throw new UsageError('--sizes: give at least one tool count');
	const results = await runBench({
		root: ROOT,
		work: resolve(values.work),
		sizes,
		seed: values.seed,
		search: !values['no-search'],
		warm: !values['no-warm'],
		baseline: !values['no-baseline'],
		keep: values.keep,
		merge: values.merge,
		command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
		log: (line) => console.log(line),
	});
	const machine = { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown CPU', memoryBytes: totalmem(), node: process.version };
	writeFileSync(values.out, benchmarkReport(results, machine));
	console.log(`\nwrote ${values.out}`);
});
