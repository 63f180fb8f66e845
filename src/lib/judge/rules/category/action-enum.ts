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

/** A selector's description that says it picks the operation ("The package action to perform", "Operation to run"). */
const OPERATION_TO_PERFORM = /\b(operations?|actions?)\s+to\s+(perform|run|take|execute)\b/i;
/** A tool description saying its selector picks the operation ("Use the `action` field to select the operation"). */
const SELECTS_OPERATION =
	/\b(?:use|set|pass)\s+the\s+`?(?:action|operation|op|command|mode)`?\s+(?:field|parameter|argument)\s+to\s+(?:select|choose|pick)\s+(?:the|an|which)\s+operation\b/i;
/**
 * The values of a selector without an enum, where the tool's description lists them as bullets of identifiers
 * ("- list_packages: List all installed packages", "- profiler_start: Enable profiler"): snake_case names only, so prose
 * bullets are not read as values.
 */
const BULLETED_VALUE = /^[ \t]*[-*•][ \t]*[*`]{0,2}([a-z][a-z0-9]*(?:_[a-z0-9]+)+)[*`]{0,2}[ \t]*[:—–-]/gm;
function bulletedValues(description: string): string[] {
	return [...description.matchAll(BULLETED_VALUE)].map((m) => m[1] as string);
}

/**
 * Multi-action tools (`manage_files` with `action: "read" | "delete"`) are as risky as their most
 * severe action: the enum of a top-level selector parameter votes with its most severe verb. When the
 * name already says the tool reads (`list_todos` with `action: "build_failed" | ...`), such an enum
 * filters what is read and is not an action the tool performs.
 */
export function actionEnum(ctx: RuleContext): CategoryVote | undefined {
	const named = nameVerb(ctx);
	// A selector documented as the operation to perform on a managing tool routes to operations, whatever verb follows
	// "manage" in the name (`manage_status_updates`); others only filter.
	// Only on a tool that says it manages (`manage_status_updates`): a read name otherwise keeps its selector a filter.
	const manages = ctx.nameTokens.includes('manage');
	// So does a tool whose description says the selector selects the operation ("Use the `action` field to select the operation").
	const selects = SELECTS_OPERATION.test(ctx.description);
	const routes =
		(manages || selects) &&
		ctx.parameters.some((p) => p.depth === 0 && SELECTORS.has(p.tokens.join('')) && OPERATION_TO_PERFORM.test(p.description ?? ''));
	if (named?.category === 'read' && named.evidence.rule === 'category/name-verb' && !routes) return undefined;
	const bulleted = manages ? bulletedValues(ctx.description) : [];
	let best: CategoryVote | undefined;
	for (const p of ctx.parameters) {
		// A selector inside a list of items (`files[].action`) is one per item: the strongest still decides.
		const stringish = p.types.length === 0 || p.types.includes('string');
		const values =
			p.enum ??
			(stringish ? listedValues(p.description) : undefined) ??
			(stringish && p.depth === 0 && OPERATION_TO_PERFORM.test(p.description ?? '') && bulleted.length >= 2 ? bulleted : undefined);
		if (p.depth > 1 || !values || !SELECTORS.has(p.tokens.join(''))) continue;
		// An HTTP method on a tool that creates or edits a record describes the record (a saved request), not an operation.
		if (p.tokens.join('') === 'method' && named !== undefined && RECORDS.has(named.evidence.match)) continue;
		for (const value of values) {
			if (typeof value !== 'string') continue;
			const words = tokenize(value);
			for (const [i, word] of words.entries()) {
				// Read in context, as in a name: `checkout_task` claims work, `finalize_upload` is not a payment, `apply_style` edits.
				// A value that opens with "setup" (`setup_project_fields`) sets something up: a configuration change (guide, write).
				const category = i === 0 && word === 'setup' ? 'write' : categoryOfVerb(word) && readVerb(words, i, word)?.category;
				if (category && (!best || CATEGORY_SEVERITY[category] > CATEGORY_SEVERITY[best.category])) {
					best = { category, evidence: { rule: 'category/action-enum', source: 'schema', field: p.path, match: value } };
				}
			}
		}
	}
	return best;
}
