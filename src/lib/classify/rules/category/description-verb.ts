import { categoryOfVerb } from '../../lexicon.ts';
import { tokenize } from '../../tokens.ts';
import type { CategoryVote, RuleContext } from '../../types.ts';

/** Only the opening words are read: later sentences describe arguments and results, not the action. */
const OPENING_WORDS = 12;

/** When the name has no verb, the first verb in the description's opening words decides. */
export function descriptionVerb(ctx: RuleContext): CategoryVote | undefined {
	const words = tokenize(ctx.description.split(/(?<=[.!?])\s|\n/)[0] ?? '').slice(0, OPENING_WORDS);
	for (const word of words) {
		// Third-person forms: "Sends", "Deletes", "Fetches".
		const stem = [word, word.replace(/es$/, ''), word.replace(/s$/, '')].find((w) => categoryOfVerb(w));
		const category = stem === undefined ? undefined : categoryOfVerb(stem);
		if (category) return { category, evidence: { rule: 'category/description-verb', source: 'description', field: 'description', match: word } };
	}
	return undefined;
}
