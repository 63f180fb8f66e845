/**
 * `content/gold/consistency-reviews.json`: the review of each group of equivalent tools whose verdicts
 * differ (the consistency report, src/lib/judge/consistency.ts). A review names the group by its key and
 * records a decision: the rule was fixed (the group should now agree), the differences are justified
 * (the tools only look alike; the reason says what tells them apart), or a known error (a member's verdict
 * is wrong by the labelling guide and the rule that gives it is not fixed yet; the note names that rule).
 * Reviews are data, so the report can say which groups nobody has looked at yet, and how many known
 * errors are still waiting for a rule change.
 */
import { z } from 'zod';
import { parseOrThrow } from './errors.ts';

export const CONSISTENCY_DECISIONS = ['rule fixed', 'differences justified', 'known error'] as const;
export type ConsistencyDecision = (typeof CONSISTENCY_DECISIONS)[number];

/** A classifier rule id as the judgement's evidence names it: `category/saves-output`, `signal/url-input`, `level/input-floor`. */
export const RULE_ID = /\b(?:category|signal|level)\/[a-z][a-z-]*[a-z]\b/;

const oneLine = (what: string) =>
	z
		.string()
		.trim()
		.min(3, `expected ${what}`)
		.refine((s) => !/[\r\n]/.test(s), 'expected one line');

export const consistencyReviewSchema = z.strictObject({
	/** The group key as the report prints it: `<verb> <object> [<argument kinds>]`. */
	key: z.string().trim().min(1, 'expected the group key the report prints'),
	decision: z.enum(CONSISTENCY_DECISIONS, { error: 'expected "rule fixed", "differences justified" or "known error"' }),
	/**
	 * For "rule fixed": the general rule that now decides the group; for "differences justified": what tells the tools
	 * apart; for "known error": which member is wrong and what the labelling guide says it should be.
	 */
	reason: oneLine('the reason for the decision'),
	/** Who reviewed the group. */
	reviewer: z.string().trim().min(1, 'expected who reviewed the group'),
	/** What the reviewer saw: the verdict the labelling guide gives, members still to watch; for "known error", the rule to fix. */
	note: oneLine('a reviewer note'),
})
	.superRefine((r, ctx) => {
		// A known error is a promise of a rule change: it must say which rule, or nobody can act on it.
		if (r.decision === 'known error' && !RULE_ID.test(r.note))
			ctx.addIssue({
				code: 'custom',
				path: ['note'],
				message: 'expected the rule to fix, named by its id (category/…, signal/… or level/…), for a "known error"',
			});
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
