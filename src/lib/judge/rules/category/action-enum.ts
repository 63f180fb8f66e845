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
 * A selector without an enum whose own description opens by listing its values ("Operation to perform: create-session,
 * delete-session, get-session", "One of: add, remove"): the list is the enum, written in prose.
 */
const LISTED_VALUES =
	/^\W*(?:(?:the )?(?:operations?|actions?|commands?|modes?)(?: to (?:perform|run|take|execute))?|one of)\s*:\s*([\w-]+(?:\s*(?:,|\||\bor\b)\s*[\w-]+)+)/i;
function listedValues(description: string | undefined): string[] | undefined {
	const m = LISTED_VALUES.exec(description ?? '');
	return m ? (m[1] as string).split(/\s*(?:,|\||\bor\b)\s*/).filter((v) => v.length > 0) : undefined;
}

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
		const values = p.enum ?? (p.types.length === 0 || p.types.includes('string') ? listedValues(p.description) : undefined);
		if (p.depth > 1 || !values || !SELECTORS.has(p.tokens.join(''))) continue;
		// An HTTP method on a tool that creates or edits a record describes the record (a saved request), not an operation.
		if (p.tokens.join('') === 'method' && named !== undefined && RECORDS.has(named.evidence.match)) continue;
		for (const value of values) {
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
