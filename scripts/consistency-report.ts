/**
 * `consistency`: groups the catalogue's tools that do the same thing on different servers (normalised verb,
 * object and argument kinds) and lists the groups whose verdicts differ, with each member's verdict and
 * reason and the state of the group's review. The grouping is src/lib/judge/consistency.ts; the reviews
 * are content/gold/consistency-reviews.json.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseConsistencyReviews } from '../src/lib/content/consistency-review.ts';
import { goldKey, type GoldLabel } from '../src/lib/content/gold.ts';
import { parseRanking } from '../src/lib/content/ranking.ts';
import { CLASSIFIER_VERSION } from '../src/lib/judge/classify.ts';
import { allReviewed, consistencyReport, formatConsistency, type ConsistencyTool } from '../src/lib/judge/consistency.ts';
import { categoryReason } from '../src/lib/present/narrative.ts';
import { loadCatalogue, loadGoldLabels, readJson } from './lib/catalogue-input.ts';
import { defineCommand, main } from './lib/cli.ts';

const ROOT = join(import.meta.dirname, '..');

const command = defineCommand({
	name: 'consistency',
	usage: [
		'node scripts/consistency-report.ts [--content <dir>] [--reviews <file>] [--ranking <file>] [--json] [--check] [--limit <n>] [--key <group key>]...',
	],
	about:
		'Keys every catalogued tool by what it does: its verb (lemmatised, synonyms folded), its object\n' +
		'(singularised) and the kinds of its arguments (path, query, command, code, URL, recipient, content,\n' +
		'selector, id). Groups of at least two tools from at least two servers whose verdicts (category or\n' +
		'level) differ are listed, biggest first, each member with its server, tool, verdict and reason, and\n' +
		'each group with its review (rule fixed, differences justified, or known error: a wrong verdict whose\n' +
		'rule is not fixed yet, counted apart in the summary line) or UNREVIEWED.',
	options: {
		content: { type: 'string', value: '<dir>', description: 'content folder (default content/servers, or $TOOLRISK_CONTENT_DIR)' },
		reviews: { type: 'string', value: '<file>', description: 'review file (default content/gold/consistency-reviews.json)' },
		ranking: { type: 'string', value: '<file>', description: 'ranking of the most used servers (default content/ranking/most-used.json)' },
		labels: {
			type: 'string',
			value: '<dir>',
			description: 'gold-set hand labels shown beside each member (default content/gold/labels; batch files only)',
		},
		json: { type: 'boolean', description: 'print the report as JSON' },
		check: {
			type: 'boolean',
			description: 'exit 1 when any group is unreviewed, or marked fixed but still differs (known errors count as reviewed)',
		},
		limit: { type: 'string', value: '<n>', description: 'list only the first <n> groups (the counts stay whole)' },
		key: {
			type: 'string',
			multiple: true,
			value: '<group key>',
			description: 'list these groups instead (consistent ones too), e.g. --key "click - []"',
		},
	},
	notes:
		'Exit codes: 0 printed (with --check: every group reviewed), 1 a group needs review (--check) or a data file is invalid, 2 bad usage.',
});

if (import.meta.main) {
	// Piped into head or a pager that quits: stop quietly.
	process.stdout.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code === 'EPIPE') process.exit(0);
		throw error;
	});
	await main(command, (cli) => {
		const { values } = cli;
		const limit = cli.number('limit', { integer: true, min: 1 });
		const dir = values.content ?? process.env['TOOLRISK_CONTENT_DIR'] ?? join(ROOT, 'content', 'servers');
		const reviewsPath = values.reviews ?? join(ROOT, 'content', 'gold', 'consistency-reviews.json');
		const rankingPath = values.ranking ?? (values.content === undefined ? join(ROOT, 'content', 'ranking', 'most-used.json') : undefined);
		const catalogue = loadCatalogue(dir);
		const reviews =
			values.reviews !== undefined || existsSync(reviewsPath) ? parseConsistencyReviews(readJson(reviewsPath), reviewsPath).reviews : [];
		const rankOf = new Map<string, number>();
		if (rankingPath !== undefined && existsSync(rankingPath)) {
			for (const e of parseRanking(readJson(rankingPath), rankingPath).servers) if (e.catalogued) rankOf.set(e.catalogued, e.rank);
		}
		const labelsDir = values.labels ?? (values.content === undefined ? join(ROOT, 'content', 'gold', 'labels') : undefined);
		const gold = new Map<string, Pick<GoldLabel, 'category' | 'reason'>>();
		for (const l of loadGoldLabels(labelsDir)) gold.set(goldKey(l), { category: l.category, reason: l.reason });
		const tools: ConsistencyTool[] = catalogue.tools.map((t) => ({
			server: t.server,
			tool: t.name,
			definition: t.entry.definition,
			parameters: t.parameters,
			category: t.judgement.category,
			level: t.judgement.level,
			reason: categoryReason(t.judgement),
			rank: rankOf.get(t.server),
			// A gold line names the sub-server only when the tool's name is not unique in the file.
			gold:
				gold.get(goldKey({ server: t.server, subServer: t.entry.subServer, tool: t.name })) ??
				gold.get(goldKey({ server: t.server, tool: t.name })),
		}));
		const keys = values.key ?? [];
		const report = consistencyReport(tools, reviews, { select: keys });
		if (values.json) {
			const inconsistent = keys.length > 0 ? [] : limit === undefined ? report.inconsistent : report.inconsistent.slice(0, limit);
			process.stdout.write(`${JSON.stringify({ classifier: CLASSIFIER_VERSION, ...report, inconsistent }, null, 2)}\n`);
		} else {
			process.stdout.write(`classifier ${CLASSIFIER_VERSION}, ${dir}\n`);
			process.stdout.write(formatConsistency(report, { ...(limit !== undefined && { limit }), selected: keys.length > 0 }));
		}
		return values.check && !allReviewed(report) ? 1 : 0;
	});
}
