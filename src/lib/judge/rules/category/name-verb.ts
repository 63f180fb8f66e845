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
