#!/usr/bin/env node
/**
 * page-weight: the median raw and gzip weight of the built tool pages and each section's share, and the
 * heaviest server pages (src/verify/page-weight.ts); or with --budget a check of the medians against a
 * limit, and with --server-max a check of every server page against a ceiling.
 *
 * `npm run check:weight` (part of `npm test`) holds the real catalogue's tool pages to the budget of
 * issue 5, a median under 15 kB raw and 4 kB gzip, and every server page under 150 kB raw (issue 20).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkBudget, checkCeiling, formatWeights, pageSizes, serverPages, toolPages, weighPages } from '../src/verify/page-weight.ts';
import { defineCommand, main, UsageError } from './lib/cli.ts';

const command = defineCommand({
	name: 'page-weight',
	usage: [
		'node scripts/page-weight.ts [dist] [--json] [--every N]',
		'node scripts/page-weight.ts dist --budget 15000,4000 [--server-max 150000]',
	],
	about:
		'Median raw and gzip (level 9) bytes of every <dist>/tools/<server>/<tool>/index.html, and per section the\n' +
		'median raw bytes and the median marginal gzip cost (gzip of the page minus gzip of the page without\n' +
		'that section); the heaviest server pages (<dist>/servers/<server>/index.html). kB means 1000 bytes.',
	positionals: { name: '[dist]', description: 'the built site (default dist)', max: 1 },
	options: {
		json: { type: 'boolean', description: 'print the result as JSON' },
		every: { type: 'string', value: '<N>', description: 'weigh every N-th page only (faster)' },
		budget: { type: 'string', value: '<raw>,<gzip>', description: 'medians only: exit 1 unless both are under these bytes' },
		'server-max': { type: 'string', value: '<bytes>', description: 'exit 1 unless every server page is under this many raw bytes' },
	},
	notes: 'Exit codes: 0 measured (and within the limits), 1 over a limit or no pages, 2 bad usage.',
});

await main(command, (args) => {
	const dist = args.positionals[0] ?? 'dist';
	const root = join(dist, 'tools');
	const servers = join(dist, 'servers');
	if (!existsSync(root)) throw new UsageError(`${root}: no such folder (build the site first)`);
	const every = args.number('every', { integer: true, min: 1 }, 1);
	const budget = args.numbers('budget', { positive: true, expected: 'a number of bytes over 0' });
	if (budget && budget.length !== 2) throw new UsageError('--budget: expected <raw bytes>,<gzip bytes>, e.g. 15000,4000');
	const serverMax = args.number('server-max', { integer: true, min: 1 });
	const sizes = () => (existsSync(servers) ? pageSizes(serverPages(servers)) : []);
	if (budget || serverMax !== undefined) {
		let failed = false;
		if (budget) {
			const { ok, line } = checkBudget(weighPages(toolPages(root), { every }), root, [budget[0]!, budget[1]!]);
			if (ok) console.log(`page weight: ${line}`);
			else console.error(`page weight over budget: ${line}`);
			failed ||= !ok;
		}
		if (serverMax !== undefined) {
			const { ok, line, over } = checkCeiling(sizes(), servers, serverMax);
			if (ok) console.log(`server pages: ${line}`);
			else console.error(`server pages over the limit: ${line}${over.map((s) => `\n  ${s.bytes} ${s.file}`).join('')}`);
			failed ||= !ok;
		}
		return failed ? 1 : 0;
	}
	const weights = weighPages(toolPages(root), { every, bySection: true });
	const heaviest = sizes().slice(0, 10);
	if (args.values.json) console.log(JSON.stringify({ ...weights, heaviestServerPages: heaviest }, null, 2));
	else
		process.stdout.write(
			`${formatWeights(weights, root)}heaviest server pages:\n${heaviest.map((s) => `${String(s.bytes).padStart(8)} ${s.file}`).join('\n')}\n`,
		);
	return 0;
});
