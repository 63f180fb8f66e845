import { CATEGORY_SEVERITY, type Category } from '../../../taxonomy.ts';
import { CJK_VERBS, categoryOfVerb } from '../../lexicon.ts';
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
/** A Chinese or Japanese conjunction right before a verb ("并部署", "然后发送", "して"): a further step. */
const CJK_CONJUNCTION = /(?:并且?|然后|再|及)$/;
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
		// "Search and manage the catalog": managing is evidence of change (guide, the command-router row: "manage" is a write).
		if (word === 'manage' && follower !== undefined && OBJECT_START.has(follower)) {
			const vote: CategoryVote = {
				category: 'write',
				evidence: {
					rule: 'category/compound-clause',
					source: 'description',
					field: 'description',
					match: `${m[0].split(/\s+/).slice(0, 3).join(' ')}`,
				},
			};
			if (!best || CATEGORY_SEVERITY[vote.category] > CATEGORY_SEVERITY[best.category]) best = vote;
			continue;
		}
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
	// Chinese and Japanese steps joined by a conjunction ("自动下载并部署项目模板": download and deploy) vote like "and deploy".
	for (const [category, list] of Object.entries(CJK_VERBS) as [Category, readonly string[]][]) {
		if (category === 'read') continue;
		for (const word of list) {
			const at = sentence.indexOf(word);
			if (at <= 0 || !CJK_CONJUNCTION.test(sentence.slice(Math.max(0, at - 2), at))) continue;
			if (!best || CATEGORY_SEVERITY[category] > CATEGORY_SEVERITY[best.category])
				best = {
					category,
					evidence: {
						rule: 'category/compound-clause',
						source: 'description',
						field: 'description',
						match: sentence.slice(at - 1, at + word.length),
					},
				};
		}
	}
	// A later sentence whose subject is the tool and whose verb stores or creates ("Stores the paper locally", "Creates a
	// copy; the original is preserved", "Extracts CSS styles, maps sections, and creates a page"): a further documented
	// effect. A copy the tool keeps in a temporary or cache folder, or whose path it hands back, is a by-product.
	if (best === undefined || CATEGORY_SEVERITY[best.category] < CATEGORY_SEVERITY.write) {
		const stated = statedEffect(ctx);
		if (stated) best = stated;
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

/** Sentences of a description: split after a full stop, a semicolon, or at a line break. */
const SENTENCES = /(?<=[.!?;])\s+|\n+/;
/** A sentence that opens with a third-person verb, its subject the tool ("Stores …", "It creates …", "- Creates …"). */
const STORING_OPENING =
	/^(?:[-*•]\s*)?(?:(?:it|this tool|the tool)\s+(?:also\s+)?)?(stores|saves|persists|records|writes|creates)\s+(?!(?:are|is|were|per|like|variations)\b)[\w"'`]/i;
/** A sentence that opens with a third-person verb ("Extracts …, maps …, and creates a page"): later verbs share its subject. */
const VERB_OPENING = /^(?:[-*•]\s*)?(?:(?:it|this tool|the tool)\s+)?[a-z]+s\b/i;
const STORING_STEP = /(?:,\s*(?:and\s+)?|\s+and\s+)(stores|saves|persists|records|writes|creates)\s+(?:a|an|the|new|its|it|them|their)\b/i;
/** The tool creating something, said in the passive ("a new portal is created automatically", "a new branch will be created"). */
const CREATED_PASSIVE = /\b(?:a )?new [\w-]+(?: [\w-]+)? (?:is|will be|gets|are) (created|added|stored|saved)\b/i;
/** Where a by-product goes: the tool's own temporary or cache folder. */
const BY_PRODUCT_PLACE = /\b(?:temp|tmp|temporary|cach(?:e|es|ed|ing))\b/i;

function statedEffect(ctx: RuleContext): CategoryVote | undefined {
	const sentences = ctx.description.trim().split(SENTENCES).slice(0, 40);
	for (const raw of sentences) {
		const sentence = raw.trim();
		const m =
			STORING_OPENING.exec(sentence) ??
			(VERB_OPENING.test(sentence) ? STORING_STEP.exec(sentence) : null) ??
			CREATED_PASSIVE.exec(sentence);
		if (!m || BY_PRODUCT_PLACE.test(sentence)) continue;
		if (/^(?:save|write|store|persist)/i.test(m[1] as string) && byProduct(ctx)) continue;
		return {
			category: 'write',
			evidence: {
				rule: 'category/compound-clause',
				source: 'description',
				field: 'description',
				match: sentence
					.slice(m.index)
					.replace(/^[-*•,\s]+/, '')
					.split(/\s+/)
					.slice(0, 3)
					.join(' '),
			},
		};
	}
	return undefined;
}
