/**
 * `content/gold/annotation-reviews.json`: who is right where our category (annotations withheld) disagrees
 * with the hints a server declares (`npm run annotations:agreement`). Each review covers one or more tools
 * with one verdict: `ours` (the labelling guide gives our category; the declaration is wrong or means less
 * than it says), `theirs` (the declaration is right and our rules miss it) or `unclear` (the definition does
 * not settle it). Reviews are data, so the report can list every disagreement with its verdict and say which
 * ones nobody has reviewed yet (servers keep arriving).
 */
import { z } from 'zod';
import { parseOrThrow } from './errors.ts';

export const ANNOTATION_VERDICTS = ['ours', 'theirs', 'unclear'] as const;
export type AnnotationVerdict = (typeof ANNOTATION_VERDICTS)[number];

const oneLine = z
	.string()
	.trim()
	.min(3, 'expected a reason')
	.refine((s) => !/[\r\n]/.test(s), 'expected one line');

export const annotationReviewSchema = z.strictObject({
	verdict: z.enum(ANNOTATION_VERDICTS, { error: 'expected "ours", "theirs" or "unclear"' }),
	/** Why: the guide's rule or the definition's words that decide. */
	reason: oneLine,
	reviewer: z.string().trim().min(1, 'expected who reviewed'),
	/** `<server>/<tool segment>`, as the report prints them. */
	tools: z.array(z.string().trim().regex(/^[^/\s]+\/\S+$/, 'expected <server>/<tool>')).min(1, 'expected at least one tool'),
});
export type AnnotationReview = z.infer<typeof annotationReviewSchema>;

export const annotationReviewFileSchema = z.strictObject({ reviews: z.array(annotationReviewSchema) }).superRefine((file, ctx) => {
	const seen = new Map<string, number>();
	file.reviews.forEach((r, i) =>
		r.tools.forEach((t, j) => {
			const first = seen.get(t);
			if (first !== undefined)
				ctx.addIssue({ code: 'custom', path: ['reviews', i, 'tools', j], message: `"${t}" is already reviewed at reviews[${first}]` });
			else seen.set(t, i);
		}),
	);
});
export type AnnotationReviewFile = z.infer<typeof annotationReviewFileSchema>;

/** Parses the review file; throws a DataError naming the file, the field and what was expected. */
export function parseAnnotationReviews(input: unknown, file: string): AnnotationReviewFile {
	return parseOrThrow(annotationReviewFileSchema, input, file);
}
