import { clip } from '../../tokens.ts';
import type { CategoryVote, RuleContext } from '../../types.ts';

const IRREVERSIBLE =
	/(?<!(may|might|can|could) be )\b(permanently (delete|remove|erase|destroy)s?|irreversibl[ey]|cannot be (undone|recovered|reversed)|can't be undone|wipes? (out|all)|deletes? (all|every|the entire))\b/i;

/** A description that says the effect cannot be undone makes the tool destructive, whatever its verb. */
export function irreversibleDescription(ctx: RuleContext): CategoryVote | undefined {
	const m = IRREVERSIBLE.exec(ctx.description);
	return m
		? {
				category: 'destructive',
				evidence: { rule: 'category/irreversible-description', source: 'description', field: 'description', match: clip(m[0], 60) },
			}
		: undefined;
}
