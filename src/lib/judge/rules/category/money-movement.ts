import { MONEY_NOUNS, VERBS } from '../../lexicon.ts';
import type { CategoryVote, RuleContext } from '../../types.ts';

const MOVING = new Set([...VERBS.write, ...VERBS.execute, 'process', 'initiate', 'place', 'issue']);
const DESCRIPTION =
	/\b(pay(s|ment)?|charges?|refunds?|purchases?|buys?|transfers? (funds|money|tokens|usdc|eth|btc|sol)|send(s)? (money|funds|payment|crypto|tokens)|payouts?|withdraw(s|al)?)\b/i;

/**
 * A write-like verb on a money noun (`send_payment`, `create_invoice`), or a description that says
 * money moves while the schema takes an amount, makes the tool financial.
 */
export function moneyMovement(ctx: RuleContext, hasAmount: boolean): CategoryVote | undefined {
	const verb = ctx.nameTokens.find((t) => MOVING.has(t));
	const noun = ctx.nameTokens.find((t) => MONEY_NOUNS.has(t));
	if (verb !== undefined && noun !== undefined) {
		return {
			category: 'financial',
			evidence: { rule: 'category/money-movement', source: 'name', field: 'name', match: `${verb} … ${noun}` },
		};
	}
	if (hasAmount) {
		const m = DESCRIPTION.exec(ctx.description.slice(0, 400));
		if (m)
			return {
				category: 'financial',
				evidence: { rule: 'category/money-movement', source: 'description', field: 'description', match: m[0] },
			};
	}
	return undefined;
}
