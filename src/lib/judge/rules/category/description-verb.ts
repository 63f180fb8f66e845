import { detectLanguage } from '../../../text/languages.ts';
import { CJK, CJK_VERBS, categoryOfFrenchVerb, categoryOfVerb, foldedWords } from '../../lexicon.ts';
import { tokenize } from '../../tokens.ts';
import type { Category } from '../../../taxonomy.ts';
import type { CategoryVote, RuleContext } from '../../types.ts';
import { readVerb } from './_verbs.ts';

/** Only the opening words are read: later sentences describe arguments and results, not the action. */
const OPENING_WORDS = 12;

/** The description's first sentence. Leading blank lines and spaces are not a sentence (descriptions often start with "\n  "). */
export function openingSentence(description: string): string {
	return (
		description
			.trim()
			.replace(PREAMBLE, '')
			.split(/(?<=[.!?])\s|\n|。/)[0] ?? ''
	);
}

/**
 * A status or rate-limit label in front of the opening sentence ("Limit: 10req/30s.", "EXPERIMENTAL:", "(Developer
 * Preview)", "(Alpha, limited availability …)"), or a markup tag that heads a section (`<Purpose>`): it says how to use
 * the tool or labels the text, not what the tool does.
 */
const PREAMBLE =
	/^(?:<\w[\w -]{0,30}>\s*|(?:[\p{Extended_Pictographic}\uFE0F]\s*)*(?:required|important|note)\s*:\s*|\((?:alpha|beta|preview|developer preview|experimental)\b[^)]{0,400}\)\s*|(?:experimental|beta|alpha|deprecated|preview)\s*:\s*|(?:rate )?limit:\s*[^\s.]+\.\s*)+/iu;

/**
 * "Resume" a session, a conversation or development when the description says the tool hands back the saved context
 * ("provides complete project context … next steps", "Resume a previous session with full context"): it loads context
 * into the conversation and changes nothing stored (guide, guidance tools). Resuming something paused runs it again.
 */
const RETURNED_CONTEXT =
	/\b(provid(e|es|ing)|return(s|ing)?|load(s|ing)?|hand(s|ing)? back)\b[^.]{0,40}\bcontext\b|\bwith (full|complete|the saved) context\b/i;
const PAUSED = /\b(paused|suspended|halted|stopped|frozen|interrupted (job|run|task|workflow))\b/i;
export function resumesContextOnly(stem: string, description: string): boolean {
	return (stem === 'resume' || stem === 'continue') && RETURNED_CONTEXT.test(description) && !PAUSED.test(description);
}

/** What a report the tool hands back measures or asks ("Report which …", "Report … consumption", "Report … events showing …"). */
const MEASURED = new Set(
	`which what how when where who whether usage consumption events statistics stats metrics breakdown trends frequency coverage size
	performance utilization utilisation`.split(/\s+/),
);

/** What a report sends to someone: a problem, a bug, feedback, a scorecard, a finding, a status. */
const SUBMITTED = new Set(
	`problem problems bug bugs issue issues feedback scorecard error errors crash crashes finding findings status version abuse spam`.split(
		/\s+/,
	),
);

/** Third-person forms: "Sends", "Deletes", "Fetches", "Applies". */
export function verbStem(word: string): string | undefined {
	return [word, word.replace(/es$/, ''), word.replace(/s$/, ''), word.replace(/ies$/, 'y')].find((w) => categoryOfVerb(w));
}

/** The earliest Chinese or Japanese verb in `text`, and its category. */
export function firstCjkVerb(text: string): { category: Category; word: string } | undefined {
	let best: { category: Category; word: string; at: number } | undefined;
	for (const [category, list] of Object.entries(CJK_VERBS) as [Category, readonly string[]][]) {
		for (const word of list) {
			const at = text.indexOf(word);
			if (at >= 0 && (!best || at < best.at)) best = { category, word, at };
		}
	}
	return best && { category: best.category, word: best.word };
}

/**
 * When the name has no verb, the first verb in the description's opening words decides. A sentence written in
 * Chinese or Japanese is read by its earliest verb in those languages first (such descriptions often quote
 * English identifiers, which are not the action).
 */
export function descriptionVerb(ctx: RuleContext): (CategoryVote & { startsWork?: boolean }) | undefined {
	const sentence = openingSentence(ctx.description);
	if ((sentence.match(CJK) ?? []).length >= 2) {
		const cjk = firstCjkVerb(sentence);
		if (cjk)
			return {
				category: cjk.category,
				evidence: { rule: 'category/description-verb', source: 'description', field: 'description', match: cjk.word },
			};
	}
	// A French description is read by its French verbs (it quotes English words such as "tags" or "notes" as nouns).
	if (detectLanguage(ctx.description) === 'French') {
		const word = foldedWords(sentence)
			.slice(0, OPENING_WORDS)
			.find((w) => categoryOfFrenchVerb(w));
		if (word)
			return {
				category: categoryOfFrenchVerb(word) as Category,
				evidence: { rule: 'category/description-verb', source: 'description', field: 'description', match: word },
			};
	}
	const words = tokenize(sentence).slice(0, OPENING_WORDS);
	// "Report which features were used", "Report resource consumption by …": a report of measurements is handed back (read);
	// reporting a problem, a bug, feedback or a status sends it to someone (decided by the verb list, not here).
	if (
		(words[0] === 'report' || words[0] === 'reports') &&
		words[1] !== 'a' &&
		words[1] !== 'an' &&
		!words.slice(1, 8).some((w) => SUBMITTED.has(w)) &&
		words.slice(1, 8).some((w) => MEASURED.has(w))
	)
		return {
			category: 'read',
			evidence: {
				rule: 'category/description-verb',
				source: 'description',
				field: 'description',
				match: `${words[0]} … ${words.slice(1, 8).find((w) => MEASURED.has(w))}`,
			},
		};
	for (const [i, word] of words.entries()) {
		const stem = verbStem(word);
		if (stem === undefined) continue;
		const reading = readVerb(words, i, stem);
		if (reading && reading.category !== 'read' && resumesContextOnly(stem, ctx.description))
			return {
				category: 'read',
				evidence: { rule: 'category/description-verb', source: 'description', field: 'description', match: `${word} … context` },
			};
		if (reading)
			return {
				category: reading.category,
				...(reading.startsWork ? { startsWork: true } : {}),
				evidence: { rule: 'category/description-verb', source: 'description', field: 'description', match: reading.match },
			};
	}
	return undefined;
}
