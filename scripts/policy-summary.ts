/**
 * `policy:summary`: for the most used catalogued servers (content/ranking/most-used.json joined with
 * content/servers), what each one's recommended whole-server policy allows, limits (with the rate the
 * engine enforces) and denies, as the policy model says and as the engine decides
 * (src/lib/policy/summary.ts). Hand labels of the gold set, where a tool has one, show denied tools the
 * guide would not deny.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { goldKey } from '../src/lib/content/gold.ts';
import { parseRanking } from '../src/lib/content/ranking.ts';
import { SLUG_PATTERN } from '../src/lib/content/server.ts';
import { CLASSIFIER_VERSION } from '../src/lib/judge/classify.ts';
import { serverPolicySet } from '../src/lib/policy/sets.ts';
import { flagged, formatSummaryDetail, formatSummaryTable, summarisePolicy, type SummaryRow } from '../src/lib/policy/summary.ts';
import type { Category } from '../src/lib/taxonomy.ts';
import { loadCatalogue, loadGoldLabels, readJson } from './lib/catalogue-input.ts';
import { defineCommand, main, UsageError } from './lib/cli.ts';

const ROOT = join(import.meta.dirname, '..');

const command = defineCommand({
	name: 'policy:summary',
	usage: ['node scripts/policy-summary.ts [--top <n>] [--server <slug>]... [--detail] [--json] [--content <dir>] [--ranking <file>]'],
	about:
		'Per server, in ranking order: how many tools the recommended whole-server policy allows, how many it\n' +
		'rate-limits and at what rate, which it denies and which it hides. Each tool is decided twice, by the\n' +
		'policy model and by the engine (the rendered Intercept document, an ordinary call, then calls past the\n' +
		'limit). A row is flagged when half its tools or more are refused, when it denies a tool whose gold-set\n' +
		'label the preset would not deny, or when model and engine disagree.',
	options: {
		top: { type: 'string', value: '<n>', default: '40', description: 'how many of the most used catalogued servers' },
		server: { type: 'string', multiple: true, value: '<slug>', description: 'summarise these servers instead (repeatable)' },
		detail: { type: 'boolean', description: 'list every tool per server instead of the table' },
		json: { type: 'boolean', description: 'print the summaries as JSON' },
		content: { type: 'string', value: '<dir>', description: 'content folder (default content/servers)' },
		ranking: { type: 'string', value: '<file>', description: 'ranking file (default content/ranking/most-used.json)' },
		labels: { type: 'string', value: '<dir>', description: 'gold-set labels (default content/gold/labels; batch files)' },
	},
	notes: 'Exit codes: 0 printed, 1 a data file is invalid, 2 bad usage (an unknown --server included).',
});

if (import.meta.main) {
	// Piped into head or a pager that quits: stop quietly.
	process.stdout.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code === 'EPIPE') process.exit(0);
		throw error;
	});
	await main(command, (cli) => {
		const { values } = cli;
		const top = cli.number('top', { integer: true, min: 1 }, 40);
		const dir = values.content ?? join(ROOT, 'content', 'servers');
		const rankingPath = values.ranking ?? join(ROOT, 'content', 'ranking', 'most-used.json');
		const ranking = parseRanking(readJson(rankingPath), rankingPath);
		const rankOf = new Map(ranking.servers.flatMap((e) => (e.catalogued ? [[e.catalogued, e.rank] as const] : [])));
		const wanted =
			values.server && values.server.length > 0
				? values.server
				: ranking.servers.flatMap((e) => (e.catalogued ? [e.catalogued] : [])).slice(0, top);
		for (const slug of wanted)
			if (!SLUG_PATTERN.test(slug) || !existsSync(join(dir, `${slug}.json`)))
				throw new UsageError(`--server: no catalogued server "${slug}" in ${dir}`);
		const catalogue = loadCatalogue(dir, wanted);
		const labelsDir = values.labels ?? join(ROOT, 'content', 'gold', 'labels');
		const labels = new Map<string, Category>();
		for (const l of loadGoldLabels(labelsDir)) labels.set(goldKey(l), l.category);
		const rows: SummaryRow[] = [];
		for (const slug of wanted) {
			const server = catalogue.server(slug)!;
			for (const unit of server.units) {
				const byName = new Map<string, Category>();
				for (const t of unit.tools) {
					const label =
						labels.get(goldKey({ server: slug, subServer: t.entry.subServer, tool: t.name })) ??
						labels.get(goldKey({ server: slug, tool: t.name }));
					if (label) byName.set(t.name, label);
				}
				const set = serverPolicySet(
					unit.name,
					unit.tools.map((t) => t.policy),
				);
				rows.push({
					rank: rankOf.get(slug),
					server: server.units.length > 1 ? `${slug}/${unit.id}` : slug,
					summary: summarisePolicy(set, byName),
				});
			}
		}
		if (values.json) {
			process.stdout.write(`${JSON.stringify({ classifier: CLASSIFIER_VERSION, preset: 'recommended', rows }, null, 2)}\n`);
			return 0;
		}
		const flaggedRows = rows.filter((r) => flagged(r.summary));
		process.stdout.write(
			`classifier ${CLASSIFIER_VERSION}, recommended preset; ${rows.length} policy units of ${wanted.length} servers, ${flaggedRows.length} flagged\n\n`,
		);
		process.stdout.write(values.detail ? formatSummaryDetail(rows) : formatSummaryTable(rows));
		return 0;
	});
}
