/**
 * About the live catalogue: the committed review of annotation disagreements (content/gold/annotation-reviews.json) must
 * parse, so `npm run annotations:agreement` can print each remaining disagreement with who is right.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAnnotationReviews } from '../../src/lib/content/annotation-review.ts';
import { ROOT } from './support.ts';

describe('the committed annotation reviews', () => {
	it('parse, with at least one review', () => {
		const file = join(ROOT, 'content', 'gold', 'annotation-reviews.json');
		expect(parseAnnotationReviews(JSON.parse(readFileSync(file, 'utf8')), file).reviews.length).toBeGreaterThan(0);
	});
});
