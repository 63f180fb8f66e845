/**
 * `content/gold/consistency-reviews.json`: the review of each group of equivalent tools whose verdicts
 * differ (the consistency report, src/lib/judge/consistency.ts). A review names the group by its key and
 * records a decision: the rule was fixed (the group should now agree), or the differences are justified
 * (the tools only look alike; the reason says what tells them apart). Reviews are data, so the report
 * can say which groups nobody has looked at yet.
 */
import { z } from 'zod';
import { parseOrThrow } from './errors.ts';

export const CONSISTENCY_DECISIONS = ['rule fixed', 'differences justified'] as const;
export type ConsistencyDecision = (typeof CONSISTENCY_DECISIONS)[number];

const oneLine = (what: string) =>
	z
		.string()
		.trim()
		.min(3, `expected ${what}`)
		.refine((s) => !/[\r\n]/.test(s), 'expected one line');

export const consistencyReviewSchema = z.strictObject({
	/** The group key as the report prints it: `<verb> <object> [<argument kinds>]`. */
	key: z.string().trim().min(1, 'expected the group key the report prints'),
	decision: z.enum(CONSISTENCY_DECISIONS, { error: 'expected "rule fixed" or "differences justified"' }),
	/** For "rule fixed": the general rule that now decides the group; for "differences justified": what tells the tools apart. */
	reason: oneLine('the reason for the decision'),
	/** Who reviewed the group. */
	reviewer: z.string().trim().min(1, 'expected who reviewed the group'),
	/** What the reviewer saw: the verdict the labelling guide gives, members still to watch. */
	note: oneLine('a reviewer note'),
});
export type ConsistencyReview = z.infer<typeof consistencyReviewSchema>;

export const consistencyReviewFileSchema = z
	.strictObject({
		reviews: z.array(consistencyReviewSchema),
	})
	.superRefine((file, ctx) => {
		const seen = new Map<string, number>();
		file.reviews.forEach((r, i) => {
			const first = seen.get(r.key);
			if (first !== undefined)
				ctx.addIssue({ code: 'custom', path: ['reviews', i, 'key'], message: `duplicate key "${r.key}" (first at reviews[${first}])` });
			else seen.set(r.key, i);
		});
	});
export type ConsistencyReviewFile = z.infer<typeof consistencyReviewFileSchema>;

/** Parses the review file; throws a DataError naming the file, the field and what was expected. */
export function parseConsistencyReviews(input: unknown, file: string): ConsistencyReviewFile {
	return parseOrThrow(consistencyReviewFileSchema, input, file);
}
