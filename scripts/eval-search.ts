#!/usr/bin/env node
/**
 * eval:search: runs the committed relevance set (tests/fixtures/search-relevance.json) against a built
 * site's search index, ranked by the search page's own code, and prints the top-3 hit rate and MRR
 * (src/verify/search-relevance.ts).
 *
 *   TOOLRISK_CONTENT_DIR=<subset> npm run build -- --outDir dist-subset   # a site to measure
 *   npm run eval:search -- dist-subset                                     # figures, and each miss
 *   npm run eval:search -- dist-subset --min 0.9                           # exit 1 below 0.9 on either
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PAGEFIND_OPTIONS } from '../src/lib/present/search-rank.ts';
import { loadPagefind, RelevanceSet, runQuery, scoreRelevance, type QueryOutcome } from '../src/verify/search-relevance.ts';
import { DataError, defineCommand, main, UsageError } from './lib/cli.ts';

const command = defineCommand({
	name: 'eval:search',
	usage: ['npm run eval:search -- [dist] [--set <file>] [--min <share>] [--json] [--verbose]'],
	about:
		'Runs every query of the relevance set through <dist>/pagefind in Node, orders the results as the search\n' +
		'page does, and prints the top-3 hit rate and the mean reciprocal rank over the queries with expected\n' +
		'results, and how many of the queries naming servers that are not catalogued got the notice saying so.\n' +
		'The set was written for a build of the 60 most used catalogued servers (content/ranking/most-used.json),\n' +
		'the servers attack entries name as examples, resend-mcp and every attack entry; on the whole catalogue\n' +
		'some "missing" queries are catalogued and other servers compete.',
	positionals: { name: '[dist]', description: 'the built site (default dist)', max: 1 },
	options: {
		set: { type: 'string', value: '<file>', default: 'tests/fixtures/search-relevance.json', description: 'the relevance set' },
		min: { type: 'string', value: '<share>', description: 'exit 1 unless the top-3 hit rate and MRR both reach this (0 to 1)' },
		json: { type: 'boolean', description: 'print the scores as JSON' },
		verbose: { type: 'boolean', description: 'print every query, not only the misses' },
	},
	notes: 'Exit codes: 0 measured (and at least --min), 1 below --min, 2 bad usage.',
});

await main(command, async (args) => {
	const dist = args.positionals[0] ?? 'dist';
	if (!existsSync(join(dist, 'pagefind', 'pagefind.js'))) throw new UsageError(`${dist}: no pagefind/pagefind.js (build the site first)`);
	const setFile = args.values.set as string;
	const parsed = RelevanceSet.safeParse(JSON.parse(readFileSync(setFile, 'utf8')));
	if (!parsed.success)
		throw new DataError(
			setFile,
			parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
		);
	const min = args.number('min', { min: 0, expected: 'a share from 0 to 1' });
	if (min !== undefined && min > 1) throw new UsageError('--min: expected a share from 0 to 1');
	const set = parsed.data;
	const absent = [...new Set(set.queries.flatMap((q) => q.expect))].filter((u) => !existsSync(join(dist, u, 'index.html')));
	if (absent.length > 0)
		throw new DataError(
			setFile,
			absent.map((u) => `expected ${u}, which is not a page of ${dist}`),
		);
	const { pagefind, base } = await loadPagefind(dist, { ...PAGEFIND_OPTIONS });
	const outcomes = new Map<string, QueryOutcome>();
	for (const { q } of set.queries) outcomes.set(q, await runQuery(pagefind, base, q));
	const score = scoreRelevance(set, outcomes);
	if (args.values.json) console.log(JSON.stringify({ ...score, scored: undefined }, null, '\t'));
	else {
		for (const s of score.scored) {
			const ok = s.query.missing ? s.notice : s.rank !== undefined && s.rank <= 3;
			if (ok && !args.values.verbose) continue;
			const what = s.query.missing ? (s.notice ? 'notice' : 'NO NOTICE') : s.rank === undefined ? 'not found' : `at ${s.rank}`;
			console.log(`${ok ? '  ' : '✗ '}${JSON.stringify(s.query.q)} (${s.query.why}): ${what}; top: ${s.top.join(' ') || '(none)'}`);
		}
		const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
		console.log(
			`eval:search: ${score.ranked} ranked queries: top-3 hit rate ${pct(score.top3)}, MRR ${score.mrr.toFixed(3)}; ` +
				`${score.missingNoticed} of ${score.missing} uncatalogued servers got the notice`,
		);
	}
	if (min !== undefined && (score.top3 < min || score.mrr < min)) process.exitCode = 1;
});
