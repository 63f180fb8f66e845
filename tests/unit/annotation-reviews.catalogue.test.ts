/**
 * About the live catalogue: the committed review of annotation disagreements (content/gold/annotation-reviews.json) must
 * parse and cover every disagreement `npm run annotations:agreement` lists (so each is printed with who is right), with
 * no review left for a tool that no longer disagrees. And no catalogued tool is destructive because of its declared
 * `destructiveHint` alone (guide, Annotations): classified with its annotations removed, every destructive tool that
 * declares the hint is still destructive.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAnnotationReviews } from '../../src/lib/content/annotation-review.ts';
import { classifyTool } from '../../src/lib/judge/classify.ts';
import { annotationAgreement, reviewDisagreements } from '../../src/lib/present/annotation-agreement.ts';
import { liveCatalogue } from './support.catalogue.ts';
import { ROOT } from './support.ts';

describe('the committed annotation reviews', () => {
	const file = join(ROOT, 'content', 'gold', 'annotation-reviews.json');
	const reviews = parseAnnotationReviews(JSON.parse(readFileSync(file, 'utf8')), file).reviews;
	const catalogue = liveCatalogue();

	it('review every disagreement of the independent basis, and only those', () => {
		const { independent } = annotationAgreement(catalogue, 'independent');
		const reviewed = reviewDisagreements(independent!, reviews);
		expect(reviewed.counts.unreviewed).toBe(0);
		expect(reviewed.stale).toEqual([]);
	});

	it('leave no tool destructive because of destructiveHint alone', () => {
		const raisedByHint = catalogue.tools
			.filter((t) => t.judgement.category === 'destructive' && t.entry.definition.annotations?.destructiveHint === true)
			.filter((t) => {
				const { annotations: _dropped, ...bare } = t.entry.definition;
				return classifyTool({ definition: bare, knownParameters: t.entry.knownParameters }).category !== 'destructive';
			})
			.map((t) => t.id);
		expect(raisedByHint).toEqual([]);
	});
});
