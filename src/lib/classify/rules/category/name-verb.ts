import { categoryOfVerb } from '../../lexicon.ts';
import type { CategoryVote, RuleContext } from '../../types.ts';

/** The first word of the tool name that is a known verb decides (`agentwork_send_message` -> send -> write). */
export function nameVerb(ctx: RuleContext): CategoryVote | undefined {
	for (const word of ctx.nameTokens) {
		const category = categoryOfVerb(word);
		if (category) return { category, evidence: { rule: 'category/name-verb', source: 'name', field: 'name', match: word } };
	}
	return undefined;
}
