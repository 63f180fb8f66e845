import type { CategoryVote, RuleContext } from '../../types.ts';
import { readVerb } from './_verbs.ts';

/** The first word of the tool name that reads as a verb decides (`agentwork_send_message` -> send -> write). */
export function nameVerb(ctx: RuleContext): CategoryVote | undefined {
	const tokens = ctx.nameTokens;
	for (let i = 0; i < tokens.length; i++) {
		const reading = readVerb(tokens, i, tokens[i] as string);
		if (reading)
			return { category: reading.category, evidence: { rule: 'category/name-verb', source: 'name', field: 'name', match: reading.match } };
	}
	return undefined;
}
