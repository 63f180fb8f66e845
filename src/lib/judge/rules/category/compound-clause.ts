import { CATEGORY_SEVERITY } from '../../../taxonomy.ts';
import { categoryOfVerb } from '../../lexicon.ts';
import type { CategoryVote, RuleContext } from '../../types.ts';
import { openingSentence, verbStem } from './description-verb.ts';
import { reversibleRemoval } from './reversible-removal.ts';
import { readVerb } from './_verbs.ts';

/** Words that, after a coordinated verb, show it is a verb taking an object ("and save it", "or replace the clipboard"). */
const OBJECT_START = new Set([
	'it',
	'them',
	'the',
	'a',
	'an',
	'its',
	'their',
	'this',
	'that',
	'these',
	'those',
	'to',
	'into',
	'all',
	'any',
	'new',
	'your',
	'each',
	'one',
	'results',
	'changes',
	'tests',
]);
/** Verbs that are verbs wherever they stand after "and" / "or" / "then". */
const ALWAYS_VERBS = new Set([
	'save',
	'import',
	'replace',
	'overwrite',
	'execute',
	'run',
	'delete',
	'deploy',
	'install',
	'upload',
	'publish',
	'remove',
	'apply',
	'write',
	'send',
	'store',
	'persist',
]);
/** Saving verbs: their clause counts only when the caller can direct where the output goes. */
const SAVING = new Set(['save', 'store', 'write', 'persist']);
/** The description hands back the path of a file the tool wrote itself ("Returns the DOM file path"). */
const RETURNS_PATH = /\breturns?\b[^.\n]{0,60}\bpaths?\b/i;
const LOCATION = new Set(['path', 'file', 'filename', 'dir', 'directory', 'folder', 'filepath', 'output', 'dest', 'destination']);
/**
 * A file the tool saves as a by-product in a place it chooses, and returns the path of, does not count (guide, decided
 * after the first pass: an observation tool's save option): no parameter names a location, and the description says
 * the path comes back.
 */
function byProduct(ctx: RuleContext): boolean {
	return RETURNS_PATH.test(ctx.description) && !ctx.parameters.some((p) => p.depth === 0 && LOCATION.has(p.tokens.at(-1) ?? ''));
}
/** Verbs that run what they are given. */
const RUNS_WORDS = new Set(['execute', 'run', 'follow']);
/** Text the agent reads and follows: a prompt or instructions (not a script, command or job). */
const PROMPT_OBJECT = /\b(prompts?|instructions?)\b(?![^.]*\b(script|command|code|job|workflow)s?\b)/i;
const LISTED_STEP = /,\s+([a-z]+)\s+(it|them|the|a|an|its|their|this|these|results|changes)\b/gi;
const COORDINATED =
	/\b(?:and|or|then|&)\s+(?:then\s+|also\s+|optionally\s+|automatically\s+)?([a-z]+)(?:\s+([a-z]+))?((?:\s+[a-z]+){0,3})/gi;

/**
 * Compound descriptions take their strongest clause (guide, Deciding): in the opening sentence, a verb after
 * "and", "or" or "then" ("Download the asset and import it", "Read or replace the clipboard", "Fetch the page and
 * save it to disk") votes with its own category.
 */
export function compoundClause(ctx: RuleContext): CategoryVote | undefined {
	const sentence = openingSentence(ctx.description);
	let best: CategoryVote | undefined;
	for (const m of sentence.matchAll(COORDINATED)) {
		const word = (m[1] as string).toLowerCase();
		const follower = m[2]?.toLowerCase();
		const stem = verbStem(word);
		if (stem === undefined) continue;
		if (!ALWAYS_VERBS.has(stem) && (follower === undefined || !OBJECT_START.has(follower))) continue;
		// The verb read in its context, like a first verb ("and applies character formatting" edits, "and run options" is a noun).
		const following = `${follower ?? ''} ${m[3] ?? ''}`.trim().toLowerCase().split(/\s+/).filter(Boolean);
		const category = readVerb([stem, ...following], 0, stem)?.category;
		if (!category || category === 'read') continue;
		if (SAVING.has(stem) && byProduct(ctx)) continue;
		// "Retrieve a prompt by ID and execute it": a prompt or instructions are "executed" by the agent that reads them; the
		// tool only hands the text back (guide, Deciding: effects the tool itself takes). A script or job "executed" runs.
		if (
			RUNS_WORDS.has(stem) &&
			(follower === 'it' || follower === 'them') &&
			PROMPT_OBJECT.test(sentence.slice(Math.max(0, (m.index ?? 0) - 80), m.index))
		)
			continue;
		let vote: CategoryVote = {
			category,
			evidence: {
				rule: 'category/compound-clause',
				source: 'description',
				field: 'description',
				match: `${m[0].split(/\s+/).slice(0, 3).join(' ')}`,
			},
		};
		const object = `${follower ?? ''} ${m[3] ?? ''}`.trim().toLowerCase().split(/\s+/).filter(Boolean);
		vote = reversibleRemoval(ctx, vote, stem, object) ?? vote;
		if (!best || CATEGORY_SEVERITY[vote.category] > CATEGORY_SEVERITY[best.category]) best = vote;
	}
	// A list of steps joined by commas ("Fetches URL content, converts HTML to markdown, persists it in a knowledge base"): a
	// storing or running verb with its object counts like one after "and".
	for (const m of sentence.matchAll(LISTED_STEP)) {
		const stem = verbStem((m[1] as string).toLowerCase());
		if (stem === undefined || !ALWAYS_VERBS.has(stem)) continue;
		const category = readVerb([stem, (m[2] as string).toLowerCase()], 0, stem)?.category;
		if (!category || category === 'read' || (SAVING.has(stem) && byProduct(ctx))) continue;
		const vote: CategoryVote = {
			category,
			evidence: { rule: 'category/compound-clause', source: 'description', field: 'description', match: `, ${m[1]} ${m[2]}` },
		};
		if (!best || CATEGORY_SEVERITY[vote.category] > CATEGORY_SEVERITY[best.category]) best = vote;
	}
	// A name that joins two verbs (`get_or_create_label`, `read_and_replace`) states both effects.
	const tokens = ctx.nameTokens;
	for (let i = 1; i + 1 < tokens.length; i++) {
		if (tokens[i] !== 'or' && tokens[i] !== 'and' && tokens[i] !== 'then') continue;
		const category = categoryOfVerb(tokens[i + 1] as string);
		if (!category || category === 'read') continue;
		const vote: CategoryVote = {
			category,
			evidence: { rule: 'category/compound-clause', source: 'name', field: 'name', match: `${tokens[i]} ${tokens[i + 1]}` },
		};
		if (!best || CATEGORY_SEVERITY[vote.category] > CATEGORY_SEVERITY[best.category]) best = vote;
	}
	return best;
}
