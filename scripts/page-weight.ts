#!/usr/bin/env node
/**
 * page-weight: the median raw and gzip weight of the built tool pages and each section's share
 * (src/verify/page-weight.ts), or with --budget a check of the medians against a limit.
 *
 * `npm run check:weight` (part of `npm test`) holds the real catalogue's tool pages to the budget of
 * issue 5: a median under 15 kB raw and 4 kB gzip.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkBudget, formatWeights, toolPages, weighPages } from '../src/verify/page-weight.ts';
import { defineCommand, main, UsageError } from './lib/cli.ts';

const command = defineCommand({
	name: 'page-weight',
	usage: ['node scripts/page-weight.ts [dist] [--json] [--every N]', 'node scripts/page-weight.ts dist --budget 15000,4000'],
	about:
		'Median raw and gzip (level 9) bytes of every <dist>/tools/<server>/<tool>/index.html, and per section the\n' +
		'median raw bytes and the median marginal gzip cost (gzip of the page minus gzip of the page without\n' +
		'that section). kB means 1000 bytes.',
	positionals: { name: '[dist]', description: 'the built site (default dist)', max: 1 },
	options: {
		json: { type: 'boolean', description: 'print the result as JSON' },
		every: { type: 'string', value: '<N>', description: 'weigh every N-th page only (faster)' },
		budget: { type: 'string', value: '<raw>,<gzip>', description: 'medians only: exit 1 unless both are under these bytes' },
	},
	notes: 'Exit codes: 0 measured (and within the budget), 1 over the budget or no tool pages, 2 bad usage.',
});

await main(command, (args) => {
	const root = join(args.positionals[0] ?? 'dist', 'tools');
	if (!existsSync(root)) throw new UsageError(`${root}: no such folder (build the site first)`);
	const every = args.number('every', { integer: true, min: 1 }, 1);
	const budget = args.numbers('budget', { positive: true, expected: 'a number of bytes over 0' });
	if (budget && budget.length !== 2) throw new UsageError('--budget: expected <raw bytes>,<gzip bytes>, e.g. 15000,4000');
	const weights = weighPages(toolPages(root), { every, bySection: !budget });
	if (budget) {
		const { ok, line } = checkBudget(weights, root, [budget[0]!, budget[1]!]);
		if (!ok) {
			console.error(`page weight over budget: ${line}`);
			return 1;
		}
		console.log(`page weight: ${line}`);
		return 0;
	}
	if (args.values.json) console.log(JSON.stringify(weights, null, 2));
	else process.stdout.write(formatWeights(weights, root));
	return 0;
});
