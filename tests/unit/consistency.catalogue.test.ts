/**
 * About the live catalogue: content/gold/consistency-reviews.json is valid, and every
 * review names a group the consistency report makes (a mistyped key would never apply, and its group would
 * stay unreviewed without anyone noticing). The full `npm run consistency -- --check` (no group left
 * unreviewed) is the gate for new groups, run when servers are added: every new group needs a person's
 * review (fix the rule or justify the difference), which a unit test cannot supply.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConsistencyReviews } from '../../src/lib/content/consistency-review.ts';
import { consistencyReport, type ConsistencyTool } from '../../src/lib/judge/consistency.ts';
import { categoryReason } from '../../src/lib/present/narrative.ts';
import { liveCatalogue } from './support.catalogue.ts';
import { ROOT } from './support.ts';

const FILE = join(ROOT, 'content', 'gold', 'consistency-reviews.json');

describe('consistency reviews', () => {
	const reviews = parseConsistencyReviews(JSON.parse(readFileSync(FILE, 'utf8')), FILE).reviews;
	const tools: ConsistencyTool[] = liveCatalogue().tools.map((t) => ({
		server: t.server,
		tool: t.name,
		definition: t.entry.definition,
		parameters: t.parameters,
		category: t.judgement.category,
		level: t.judgement.level,
		reason: categoryReason(t.judgement),
	}));
	const keys = reviews.map((r) => r.key);
	const report = consistencyReport(tools, reviews, { select: keys });

	it('every review names a group of the catalogue', () => {
		const found = new Set(report.selected.map((g) => g.key));
		expect(keys.filter((k) => !found.has(k))).toEqual([]);
	});
});
