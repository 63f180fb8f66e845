import { categoryOfVerb, rendersArtifact } from '../../lexicon.ts';
import { tokenize } from '../../tokens.ts';
import type { CategoryVote, RuleContext } from '../../types.ts';

/** Only the opening words are read: later sentences describe arguments and results, not the action. */
const OPENING_WORDS = 12;

/** When the name has no verb, the first verb in the description's opening words decides. */
export function descriptionVerb(ctx: RuleContext): CategoryVote | undefined {
	// Leading blank lines and spaces are not the opening sentence (descriptions often start with "\n  ").
	const words = tokenize(ctx.description.trim().split(/(?<=[.!?])\s|\n/)[0] ?? '').slice(0, OPENING_WORDS);
	for (const [i, word] of words.entries()) {
		// Third-person forms: "Sends", "Deletes", "Fetches".
		const stem = [word, word.replace(/es$/, ''), word.replace(/s$/, '')].find((w) => categoryOfVerb(w));
		const category = stem === undefined ? undefined : categoryOfVerb(stem);
		if (!category || stem === undefined) continue;
		const rendered = rendersArtifact(stem, words.slice(i + 1));
		if (rendered)
			return {
				category: 'read',
				evidence: { rule: 'category/description-verb', source: 'description', field: 'description', match: `${word} … ${rendered}` },
			};
		return { category, evidence: { rule: 'category/description-verb', source: 'description', field: 'description', match: word } };
	}
	return undefined;
}
