import { categoryOfVerb, rendersArtifact } from '../../lexicon.ts';
import type { CategoryVote, RuleContext } from '../../types.ts';

/** Verbs that say only that something begins; what begins decides (`start_search` reads, `start_process` runs). */
const STARTERS = new Set(['start', 'begin']);
/** What a starter can begin that runs code or commands. */
const EXECUTION_NOUNS = new Set(['process', 'terminal', 'shell', 'command', 'script', 'job', 'container', 'worker']);

/** The first word of the tool name that is a known verb decides (`agentwork_send_message` -> send -> write). */
export function nameVerb(ctx: RuleContext): CategoryVote | undefined {
	const tokens = ctx.nameTokens;
	for (let i = 0; i < tokens.length; i++) {
		const word = tokens[i] as string;
		const category = categoryOfVerb(word);
		if (!category) continue;
		const next = tokens[i + 1];
		if (STARTERS.has(word) && next !== undefined) {
			const begun = categoryOfVerb(next) ?? (EXECUTION_NOUNS.has(next) ? 'execute' : undefined);
			if (begun)
				return { category: begun, evidence: { rule: 'category/name-verb', source: 'name', field: 'name', match: `${word} ${next}` } };
		}
		const rendered = rendersArtifact(word, tokens.slice(i + 1));
		if (rendered)
			return { category: 'read', evidence: { rule: 'category/name-verb', source: 'name', field: 'name', match: `${word} … ${rendered}` } };
		return { category, evidence: { rule: 'category/name-verb', source: 'name', field: 'name', match: word } };
	}
	return undefined;
}
