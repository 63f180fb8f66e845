import { RENDER_VERBS, rendersArtifact } from '../../lexicon.ts';
import { tokenize } from '../../tokens.ts';
import type { CategoryVote, RuleContext } from '../../types.ts';
import { NOUNISH, readVerb } from './_verbs.ts';
import { descriptionVerb, openingSentence, resumesContextOnly, verbStem } from './description-verb.ts';

/** Verbs that start a generation in the service rather than render a result ("Trigger … generation"). */
const STARTED = new Set(['trigger', 'start', 'kick', 'queue', 'launch', 'begin']);
/** A position in a source file: a line and a column (or character). */
const SOURCE_POSITION: readonly ReadonlySet<string>[] = [new Set(['line']), new Set(['column', 'character', 'col'])];
/** A subscription held only for the call: it collects what arrives for a bounded time and returns it. */
const COLLECTS_FOR_A_WHILE =
	/\bcollects? (the )?(messages|events|updates)\b[^.]{0,40}\b(for|during|over) (a |the )?(specified |given )?(duration|period|\d+ ?s(ec(ond)?s?)?)\b/i;

/** Name verbs whose object the description's opening may name, and the opening verbs that count as the same act. */
const EXPLAINED_BY_OPENING: Record<string, ReadonlySet<string>> = {
	run: new Set(['run', 'runs']),
	create: new Set(['generate', 'generates']),
};
/** What the opening may name for each: a fixed check the run evaluates, a document or link the generation hands back. */
const EXPLAINED_OBJECTS: Record<string, ReadonlySet<string>> = {
	run: new Set(['check', 'checks', 'audit', 'audits', 'analysis', 'analyzer', 'analyzers', 'screener', 'screeners', 'probe', 'probes']),
	create: new Set([
		'prd',
		'link',
		'links',
		'url',
		'urls',
		'chart',
		'charts',
		'diagram',
		'diagrams',
		'preview',
		'outline',
		'mermaid',
		'svg',
	]),
};
/** What an analysing review hands back. */
const REVIEW_OUTPUT = /\b(recommendations?|findings|suggestions|potential issues)\b/i;
/** A review that is submitted somewhere: an opinion, approval, comment or verdict posted. */
const REVIEW_SUBMITS = /\b(submit\w*|post(s|ed|ing)?|approv\w*|publish\w*|comment(s|ed|ing)? on|request(s|ed)? changes|opinion|verdict)\b/i;
/** What a review is submitted on. */
const SUBMITTED_REVIEWS = new Set([
	'pull',
	'pr',
	'prs',
	'merge',
	'mr',
	'mrs',
	'change',
	'changes',
	'thread',
	'threads',
	'request',
	'requests',
	'comment',
	'comments',
]);

/** A description that opens by saying the tool demonstrates something. */
const DEMONSTRATES = /^\W*demonstrates\b/i;
/** A description that opens by asking the user something (a confirmation, a choice). */
const ASKS_THE_USER = /^\W*asks? the user (to|for|whether|which)\b/i;
/** A parameter documented as what is to be retrieved or read ("An array of entity names to retrieve"). */
const RETRIEVED = /\b(names?|ids?|entities|nodes|records|items|keys) to (retrieve|read|fetch|open)\b/i;

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
		// A reading verb in a name (`image_action_convert`, `expand_task`) leaves its object to the description: when the
		// description opens with the same verb and its object makes it a change ("Convert an image (backup) to a snapshot",
		// "Expand a task into subtasks"), that reading decides.
		if (reading.match === tokens[i] && reading.category === 'read') {
			const described = descriptionVerb(ctx);
			const first = verbStem(tokenize(openingSentence(ctx.description))[0] ?? '');
			if (reading.category === 'read' && described && described.category !== 'read' && first === reading.match)
				return {
					category: described.category,
					evidence: { rule: 'category/name-verb', source: 'name', field: 'name', match: described.evidence.match },
				};
		}
		// Rendering something to look at (`generate_audio`) reads, unless the description opens by starting the generation in
		// the service ("Trigger Audio Overview generation for a notebook"): the result is made and kept there, not handed back.
		if (reading.category === 'read' && RENDER_VERBS.has(tokens[i] as string)) {
			const opening = tokenize(openingSentence(ctx.description));
			const started =
				STARTED.has(verbStem(opening[0] ?? '') ?? '') && opening.slice(1, 8).some((w) => w === 'generation' || w === 'rendering');
			if (started)
				return {
					category: 'write',
					evidence: { rule: 'category/name-verb', source: 'name', field: 'name', match: `${tokens[i]} … ${opening[0]}` },
				};
		}
		if (i > 0 && i === tokens.length - 1 && reading.match === tokens[i] && NOUNISH.has(reading.match)) {
			const described = descriptionVerb(ctx);
			if (described) return described;
		}
		// A hover at a file position (line and column) asks a language server for type information; a UI hover targets an element.
		if (reading.match === 'hover' && SOURCE_POSITION.every((where) => ctx.parameters.some((p) => where.has(p.tokens.at(-1) ?? ''))))
			return { category: 'read', evidence: { rule: 'category/name-verb', source: 'name', field: 'name', match: 'hover … line, column' } };
		// Listening for a bounded time and returning what arrived ("collect messages for a specified duration") reads.
		if ((reading.match === 'subscribe' || reading.match === 'listen') && COLLECTS_FOR_A_WHILE.test(ctx.description))
			return {
				category: 'read',
				evidence: { rule: 'category/name-verb', source: 'name', field: 'name', match: `${reading.match} … collect` },
			};
		// A bare `run` or `create` in the name that the description's opening spells out with the same act on what it
		// evaluates or renders ("Run electrical rule checks …", "Use this tool to generate a PRD …", "Generate a link …"):
		// the opening names the object the name leaves out, and a fixed check or a generated artifact is handed back.
		if (reading.match === tokens[i] && EXPLAINED_BY_OPENING[reading.match] !== undefined) {
			const described = descriptionVerb(ctx);
			const [verb, , object] = described?.evidence.match.split(' ') ?? [];
			if (
				described?.category === 'read' &&
				object !== undefined &&
				EXPLAINED_BY_OPENING[reading.match]?.has((verb ?? '').toLowerCase()) &&
				EXPLAINED_OBJECTS[reading.match]?.has(object)
			)
				return {
					category: 'read',
					evidence: { rule: 'category/name-verb', source: 'name', field: 'name', match: `${reading.match} … ${object}` },
				};
		}
		// A review whose description says what it hands back (recommendations, findings, suggestions) and submits nothing (no
		// opinion, approval or comment posted) is an analysis; reviewing a pull or merge request, a thread or a change submits.
		if (
			reading.match === 'review' &&
			!tokens.slice(i + 1).some((w) => SUBMITTED_REVIEWS.has(w)) &&
			REVIEW_OUTPUT.test(ctx.description) &&
			!REVIEW_SUBMITS.test(ctx.description)
		)
			return {
				category: 'read',
				evidence: {
					rule: 'category/name-verb',
					source: 'name',
					field: 'name',
					match: `review … ${REVIEW_OUTPUT.exec(ctx.description)?.[0]}`,
				},
			};
		// A demonstration of the protocol ("Demonstrates a long running operation with progress updates") whose parameters
		// only shape the demo (numbers, flags) acts on nothing, whatever the name's verb (trigger, start).
		if (
			reading.category !== 'read' &&
			DEMONSTRATES.test(ctx.description) &&
			ctx.parameters.every((p) => p.types.length > 0 && p.types.every((t) => t === 'number' || t === 'integer' || t === 'boolean'))
		)
			return {
				category: 'read',
				evidence: { rule: 'category/name-verb', source: 'name', field: 'name', match: `${reading.match} … demonstrates` },
			};
		// Asking the user through the conversation ("Ask the user to confirm their understanding of the cost") changes nothing
		// outside it, whatever the name's verb (confirm, approve): like an elicitation.
		if (reading.category !== 'read' && ASKS_THE_USER.test(ctx.description))
			return {
				category: 'read',
				evidence: { rule: 'category/name-verb', source: 'name', field: 'name', match: `${reading.match} … ask the user` },
			};
		// "Open" nodes or records that a parameter says are to be retrieved or read loads them into the answer.
		if (reading.match === 'open' && ctx.parameters.some((p) => p.depth === 0 && RETRIEVED.test(p.description ?? '')))
			return { category: 'read', evidence: { rule: 'category/name-verb', source: 'name', field: 'name', match: 'open … retrieve' } };
		// Resuming a session or development whose description only hands back the saved context reads (description-verb.ts).
		if (reading.category !== 'read' && resumesContextOnly(tokens[i] as string, ctx.description))
			return {
				category: 'read',
				evidence: { rule: 'category/name-verb', source: 'name', field: 'name', match: `${tokens[i]} … context` },
			};
		return { category: reading.category, evidence: { rule: 'category/name-verb', source: 'name', field: 'name', match: reading.match } };
	}
	return undefined;
}
