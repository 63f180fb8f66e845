import { rendersArtifact } from '../../lexicon.ts';
import { tokenize } from '../../tokens.ts';
import type { CategoryVote, RuleContext } from '../../types.ts';
import { NOUNISH, readVerb } from './_verbs.ts';
import { descriptionVerb } from './description-verb.ts';

/** The first word of the tool name that reads as a verb decides (`agentwork_send_message` -> send -> write). */
export function nameVerb(ctx: RuleContext): CategoryVote | undefined {
	const tokens = ctx.nameTokens;
	for (let i = 0; i < tokens.length; i++) {
		const reading = readVerb(tokens, i, tokens[i] as string);
		if (!reading) continue;
		// A name that ends in "generate" says what it makes in the description ("Generate Azure CLI commands").
		if (reading.match === tokens[i] && i === tokens.length - 1) {
			const opening = tokenize(ctx.description.trim().split(/(?<=[.!?])\s|\n/)[0] ?? '').slice(0, 8);
			const rendered = rendersArtifact(reading.match, opening.slice(opening.indexOf(reading.match) + 1));
			if (rendered)
				return {
					category: 'read',
					evidence: { rule: 'category/name-verb', source: 'name', field: 'name', match: `${reading.match} … ${rendered}` },
				};
		} // A verb that is often a noun, last in the name after a noun (`weather_archive`), names a thing; the description decides.
		if (i > 0 && i === tokens.length - 1 && reading.match === tokens[i] && NOUNISH.has(reading.match)) {
			const described = descriptionVerb(ctx);
			if (described) return described;
		}
		return { category: reading.category, evidence: { rule: 'category/name-verb', source: 'name', field: 'name', match: reading.match } };
	}
	return undefined;
}
