import type { CategoryVote, RuleContext } from '../../types.ts';

/** Words that, in a flag's name, switch on a removal (`dropTarget`, `allow_deleting_content`, `deleteLocalData`). */
const REMOVAL = /^(delete|deleting|drop|dropping|remove|removing|purge|purging|wipe|wiping)$/;
/** What such a flag removes that holds data the call does not carry. */
const HOLDS_DATA = new Set(['target', 'content', 'data', 'existing', 'files', 'all', 'everything']);

/**
 * Selectors and flags (guide, Deciding): a tool is judged by the strongest mode its schema allows. A boolean flag
 * whose name switches on a deletion makes the tool destructive, whatever its verb.
 */
export function destructiveFlag(ctx: RuleContext): CategoryVote | undefined {
	for (const p of ctx.parameters) {
		if (p.depth > 1 || !p.types.includes('boolean')) continue;
		const at = p.tokens.findIndex((t) => REMOVAL.test(t));
		// "remove from" takes the item out of its containers (`removeFromAllParents` on a move): an association, not data.
		if (at < 0 || p.tokens[at + 1] === 'from' || !p.tokens.slice(at + 1).some((t) => HOLDS_DATA.has(t))) continue;
		return {
			category: 'destructive',
			evidence: { rule: 'category/destructive-flag', source: p.knownOnly ? 'known-parameter' : 'schema', field: p.path, match: p.name },
		};
	}
	return undefined;
}
