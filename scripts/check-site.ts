#!/usr/bin/env node
/**
 * check-site: checks built sites as a whole, the things no single page test can see (links and
 * fragments, HTML validity, metadata, data files, sitemaps: src/verify/site-check.ts), and optionally
 * that a build is deterministic (src/verify/site-determinism.mjs).
 */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { checkSites, formatDeterminism, formatSiteCheck } from '../src/verify/site-check.ts';
import { checkDeterminism } from '../src/verify/site-determinism.mjs';
import { defineCommand, main, UsageError } from './lib/cli.ts';

const ROOT = join(import.meta.dirname, '..');

const command = defineCommand({
	name: 'check-site',
	usage: [
		'node scripts/check-site.ts <dist-dir>... [--determinism | --determinism-against <dir>] [--keep-builds] [--jobs <n>] [--max-problems <n>]',
	],
	about:
		'For every folder: every internal link and #fragment resolves, every page passes html-validate, is valid\n' +
		'UTF-8 and carries Open Graph and Twitter card metadata, every JSON, NDJSON, YAML and XML file parses, and\n' +
		'the sitemaps list every HTML page exactly once. Problems are printed as file:line:column: check: message.',
	positionals: { name: '<dist-dir>...', description: 'built sites to check', min: 1 },
	options: {
		determinism: { type: 'boolean', default: false, description: 'also build the site twice and compare the builds byte for byte' },
		'determinism-against': {
			type: 'string',
			value: '<dir>',
			description:
				'build once, under a shifted clock, zone, locale and path, and compare with <dir>,\na build just made from the same source (saves one build)',
		},
		'keep-builds': { type: 'boolean', default: false, description: 'keep the determinism builds (they are kept anyway when they differ)' },
		jobs: { type: 'string', value: '<n>', description: 'worker threads (default: one per CPU, at most 8)' },
		'max-problems': { type: 'string', value: '<n>', default: '200', description: 'problems printed (all are counted)' },
	},
	notes: 'Exit codes: 0 no problem, 1 any problem, 2 bad usage or a folder that is not there.',
});

await main(command, async (args) => {
	const { values, positionals: dirs } = args;
	for (const dir of dirs)
		if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${dir} is not a directory (build the site first)`);
	const jobs = args.number('jobs', { integer: true, positive: true }, Math.min(availableParallelism(), 8));
	const maxProblems = args.number('max-problems', { integer: true, positive: true }, 200);

	const result = await checkSites(dirs, { root: ROOT, jobs });
	console.log(formatSiteCheck(result, maxProblems).join('\n'));
	let failed = result.problems.length > 0;
	if (values.determinism || values['determinism-against'] !== undefined) {
		const started = performance.now();
		try {
			const d = await checkDeterminism(ROOT, { keep: values['keep-builds'], against: values['determinism-against'] });
			console.log(formatDeterminism(d, maxProblems, performance.now() - started).join('\n'));
			if (d.differences.length > 0) failed = true;
		} catch (error) {
			console.log(`check-site: determinism: ${(error as Error).message}`);
			failed = true;
		}
	}
	return failed ? 1 : 0;
});
