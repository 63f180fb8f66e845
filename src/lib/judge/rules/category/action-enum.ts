import { CATEGORY_SEVERITY } from '../../../taxonomy.ts';
import { categoryOfVerb } from '../../lexicon.ts';
import { tokenize } from '../../tokens.ts';
import type { CategoryVote, RuleContext } from '../../types.ts';
import { nameVerb } from './name-verb.ts';
import { readVerb } from './_verbs.ts';

/** Verbs that make a record rather than send a request. */
const RECORDS = new Set(['create', 'add', 'update', 'edit', 'save', 'insert', 'upsert']);
const SELECTORS = new Set(['action', 'operation', 'op', 'method', 'mode', 'command', 'cmd', 'verb', 'task']);

/**
 * Multi-action tools (`manage_files` with `action: "read" | "delete"`) are as risky as their most
 * severe action: the enum of a top-level selector parameter votes with its most severe verb. When the
 * name already says the tool reads (`list_todos` with `action: "build_failed" | ...`), such an enum
 * filters what is read and is not an action the tool performs.
 */
export function actionEnum(ctx: RuleContext): CategoryVote | undefined {
	const named = nameVerb(ctx);
	if (named?.category === 'read' && named.evidence.rule === 'category/name-verb') return undefined;
	let best: CategoryVote | undefined;
	for (const p of ctx.parameters) {
		// A selector inside a list of items (`files[].action`) is one per item: the strongest still decides.
		if (p.depth > 1 || !p.enum || !SELECTORS.has(p.tokens.join(''))) continue;
		// An HTTP method on a tool that creates or edits a record describes the record (a saved request), not an operation.
		if (p.tokens.join('') === 'method' && named !== undefined && RECORDS.has(named.evidence.match)) continue;
		for (const value of p.enum) {
			if (typeof value !== 'string') continue;
			const words = tokenize(value);
			for (const [i, word] of words.entries()) {
				// Read in context, as in a name: `checkout_task` claims work, `finalize_upload` is not a payment, `apply_style` edits.
				const category = categoryOfVerb(word) && readVerb(words, i, word)?.category;
				if (category && (!best || CATEGORY_SEVERITY[category] > CATEGORY_SEVERITY[best.category])) {
					best = { category, evidence: { rule: 'category/action-enum', source: 'schema', field: p.path, match: value } };
				}
			}
		}
	}
	return best;
}
