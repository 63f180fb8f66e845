/**
 * `attacks:sample-links`: draws a seeded random sample of the tool→attack links the site shows (every
 * link, not only the first eight a tool page lists), for a person to review against the attack text;
 * or, with --review, scores a committed review (precision, and links the matching no longer makes).
 * The matching is src/lib/present/attacks.ts; the review file's schema src/lib/content/attack.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCatalogue } from '../src/lib/catalogue.ts';
import { linkReviewSchema, parseAttackFile } from '../src/lib/content/attack.ts';
import { parseOrThrow } from '../src/lib/content/errors.ts';
import { parseServerFile } from '../src/lib/content/server-file.ts';
import { attackLinks, buildAttackIndex, linkStats, REVIEW_MIN_LIVE, scoreReview, seededSample } from '../src/lib/present/attacks.ts';
import { DataError, defineCommand, main } from './lib/cli.ts';

const ROOT = join(import.meta.dirname, '..');

const command = defineCommand({
	name: 'attacks:sample-links',
	usage: [
		'node scripts/sample-attack-links.ts [--seed <n>] [--count <n>] [--json]',
		'node scripts/sample-attack-links.ts --exposure',
		'node scripts/sample-attack-links.ts --review content/attacks/link-review.json',
	],
	about:
		'Builds the catalogue and the attack index as the site does, lists every tool→attack link, and prints\n' +
		'a seeded random sample of them with the reason each tool page shows, plus links per tool. With\n' +
		'--review it reads a committed review instead and prints its precision over the reviewed links the\n' +
		'matching still makes, and lists the stale ones (no longer made; left out of the precision).',
	options: {
		seed: { type: 'string', value: '<n>', default: '20251202', description: 'seed of the random draw' },
		count: { type: 'string', value: '<n>', default: '100', description: 'links to draw' },
		json: { type: 'boolean', description: 'print JSON (the sample in the review file shape, verdicts left out)' },
		review: { type: 'string', value: '<file>', description: 'score this review file instead of drawing a sample' },
		exposure: { type: 'boolean', description: 'print how many tools each attack exposes instead of a sample' },
		servers: { type: 'string', value: '<dir>', description: 'server folder (default content/servers, or $TOOLRISK_CONTENT_DIR)' },
		attacks: { type: 'string', value: '<dir>', description: 'attack folder (default content/attacks, or $TOOLRISK_ATTACKS_DIR)' },
	},
	notes:
		'Exit codes: 0 printed (a review: precision at least 0.9 over its live links, and at least 90 % of its links still made),\n' +
		'1 a review below either, or an invalid file, 2 bad usage. Servers added since the review do not change it.',
});

function readJson(file: string): unknown {
	try {
		return JSON.parse(readFileSync(file, 'utf8'));
	} catch (error) {
		throw new DataError(file, [`cannot read it as JSON: ${(error as Error).message}`]);
	}
}

if (import.meta.main) {
	await main(command, (args) => {
		const { values } = args;
		const seed = args.number('seed', { integer: true }, 20251202);
		const count = args.number('count', { integer: true, min: 1 }, 100);
		const serverDir = values.servers ?? process.env['TOOLRISK_CONTENT_DIR'] ?? join(ROOT, 'content', 'servers');
		const attackDir = values.attacks ?? process.env['TOOLRISK_ATTACKS_DIR'] ?? join(ROOT, 'content', 'attacks');
		const servers = readdirSync(serverDir)
			.filter((f) => f.endsWith('.json') && !f.startsWith('_'))
			.sort()
			.map((f) => parseServerFile(readJson(join(serverDir, f)), join(serverDir, f)));
		const entries = readdirSync(attackDir)
			.filter((f) => f.endsWith('.mdx') && !f.startsWith('_'))
			.sort()
			.map((f) => ({ slug: f.replace(/\.mdx$/, ''), data: parseAttackFile(readFileSync(join(attackDir, f), 'utf8'), join(attackDir, f)) }));
		const catalogue = buildCatalogue(servers);
		const index = buildAttackIndex(entries, catalogue);
		const links = attackLinks(index, catalogue);
		const stats = linkStats(links, catalogue.tools.length);

		if (values.review !== undefined) {
			const review = parseOrThrow(linkReviewSchema, readJson(values.review), values.review);
			const score = scoreReview(review, links);
			if (values.json) console.log(JSON.stringify({ ...score, stats }, null, 2));
			else {
				console.log(
					`${values.review}: ${score.relevant} of ${score.live} reviewed links still made are relevant, precision ${score.precision.toFixed(2)}` +
						` (${score.stale.length} of ${score.reviewed} stale, left out)`,
				);
				for (const s of score.stale) console.log(`  stale: ${s.tool} → ${s.attack} (no longer linked)`);
				if (score.live < REVIEW_MIN_LIVE * score.reviewed)
					console.log(`  fewer than ${REVIEW_MIN_LIVE * 100} % of the reviewed links are still made: draw and review a new sample`);
				console.log(
					`links now: ${stats.links} over ${stats.tools} tools, ${stats.meanPerTool.toFixed(2)} per tool, ${stats.withNone} tools with none`,
				);
			}
			return score.passes ? 0 : 1;
		}

		if (values.exposure) {
			for (const a of [...index.attacks].sort((x, y) => x.slug.localeCompare(y.slug, 'en')))
				console.log(`${String(index.exposure(a.slug).total).padStart(5)}  ${a.slug}`);
			console.log(
				`${stats.links} links over ${stats.tools} tools, ${stats.meanPerTool.toFixed(2)} per tool, ${stats.withNone} tools with none`,
			);
			return 0;
		}
		const sample = seededSample(links, count, seed);
		if (values.json) {
			const population = { links: stats.links, tools: stats.tools };
			console.log(JSON.stringify({ seed, population, links: sample.map(({ tool, attack, why }) => ({ tool, attack, why })) }, null, 2));
			return 0;
		}
		console.log(
			`${stats.links} links over ${stats.tools} tools (${stats.meanPerTool.toFixed(2)} per tool, ${stats.withNone} with none); ${sample.length} drawn with seed ${seed}:`,
		);
		for (const [i, l] of sample.entries()) console.log(`${String(i + 1).padStart(3)}. ${l.tool} → ${l.attack}\n     ${l.why}`);
		return 0;
	});
}
