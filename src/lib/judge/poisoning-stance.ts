/**
 * Hide or warn: what the recommended policy does with a tool whose definition fires a poisoning indicator
 * (docs/labelling-guide.md, Levels: "Hide or warn").
 *
 * - **hide** (removed from the tool list, every call refused) when any indicator works against the user or is
 *   invisible to them: hidden text, a reference to secrets or credential files, an order to override earlier
 *   instructions, to conceal something from the user or to move data out, or a steer towards or away from a
 *   named tool.
 * - **warn** (the tool keeps its category's treatment; the level is High and the page and policy say why) when every
 *   indicator is open guidance addressed to the model in text the user can read: vendor markup such as
 *   `<instructions>`, "Note to LLM", "instructions for the AI", "if you are an AI", an order to call some other
 *   step first, "any other tool", or "do NOT use '<a parameter name>'". Vendors write such text to tell the model
 *   how to use the tool; hiding it would refuse the server's own job, while an attack that hides behind the same
 *   words still trips one of the hiding indicators as soon as it asks for secrets, concealment or data.
 */
import { POISONING_SIGNALS } from './registry.ts';
import type { SignalFinding } from './types.ts';

export type PoisoningStance = 'hide' | 'warn';

/** Indicators that always hide: text the user cannot see, or a reach for secrets (unless the sentence refuses the path). */
const ALWAYS_HIDE = new Set(['hidden-text', 'sensitive-reference']);

/** Evidence that is open guidance addressed to the model (matched against the quoted text of one piece of evidence). */
const OPEN_GUIDANCE: Record<string, readonly RegExp[]> = {
	'instruction-text': [
		/^<\s*\/?\s*instructions?\s*>$/i,
		/^#{0,6}\s*instructions?\s*:?$/i,
		/^(note|message|instructions?|reminder)\s+(to|for)\s+(the\s+|any\s+)?(ai|assistant|model|llm|language model)$/i,
		/^if\s+you\s+are\s+(an?\s+)?(ai|llm|language model|assistant)$/i,
		/^(llm|ai|the\s+agent|the\s+assistant|the\s+model)\s+(should|must)\s+read$/i,
		/^(you|the\s+agent)\s+(must|should|need\s+to|have\s+to)\s+first\s+(call|use|get|retrieve|read|run|fetch)$/i,
	],
	'cross-tool-reference': [
		/^(any|all)\s+other\s+tools?$/i,
		/^from\s+all\s+tools$/i,
		/^with\s+any\s+tool$/i,
		/^do\s+not\s+use\s+'[A-Za-z_][\w]*'$/i,
	],
};

/**
 * Words that turn open guidance into a steer against the user, looked for in the sentence around each match: obeying
 * the tool over the user, handing over the conversation or secrets, copying or forwarding data, routing every call
 * through one tool, calling this tool before anything else.
 */
const STEERING =
	/\b(obey|authoritative|contradicts?|conversation|chat history|history|secrets?|passwords?|tokens?|credentials?|api[ _-]?keys?|private keys?|copied|copy|forward(ed)?|exfiltrat\w*|through|instead of|before any|always call|report its output|do not (tell|inform|mention)|without telling)\b|@[a-z0-9-]+\./i;

/** A sentence that says the tool refuses what it names. */
const REFUSED =
	/\b(are|is|will be|get)\s+(rejected|refused|blocked|denied|forbidden|not allowed|excluded)\b|\b(never|cannot|can't|won't)\s+(read|access|open|touch)\b/i;

/** The sentence of `text` around each occurrence of `match` (case-insensitive); empty when it does not occur. */
function sentencesAround(text: string, match: string): string[] {
	const out: string[] = [];
	const hay = text.toLowerCase();
	const needle = match.toLowerCase();
	if (needle.length === 0) return out;
	for (let at = hay.indexOf(needle); at >= 0 && out.length < 20; at = hay.indexOf(needle, at + needle.length)) {
		const before = Math.max(text.lastIndexOf('\n', at), ...['. ', '! ', '? '].map((b) => text.lastIndexOf(b, at)));
		const ends = ['. ', '! ', '? ', '\n'].map((b) => text.indexOf(b, at + needle.length)).filter((i) => i >= 0);
		const end = ends.length > 0 ? Math.min(...ends) : text.length;
		out.push(text.slice(before < 0 ? 0 : before, end));
	}
	return out;
}

/**
 * What the recommended policy does with these findings: hide, warn, or nothing (no poisoning indicator). `text` is the
 * definition's readable text (description and schema strings, `definitionText`); without it every indicator hides.
 */
export function poisoningStance(signals: readonly SignalFinding[], text = ''): PoisoningStance | undefined {
	const found = signals.filter((s) => POISONING_SIGNALS.has(s.id));
	if (found.length === 0) return undefined;
	for (const s of found) {
		if (ALWAYS_HIDE.has(s.id)) {
			// A secret path named only as something the tool refuses ("~/.ssh … are rejected") is a safeguard, not a reach.
			const refusedOnly =
				s.id === 'sensitive-reference' &&
				s.evidence.length > 0 &&
				s.evidence.every((e) => {
					const around = sentencesAround(text, e.match.trim());
					return around.length > 0 && around.every((sentence) => REFUSED.test(sentence) && !STEERING.test(sentence));
				});
			if (!refusedOnly) return 'hide';
			continue;
		}
		const open = OPEN_GUIDANCE[s.id] ?? [];
		if (s.evidence.length === 0) return 'hide';
		for (const e of s.evidence) {
			if (!open.some((re) => re.test(e.match.trim()))) return 'hide';
			const around = sentencesAround(text, e.match.trim());
			if (around.length === 0 || around.some((sentence) => STEERING.test(sentence))) return 'hide';
		}
	}
	return 'warn';
}

/** A definition's readable text for `poisoningStance`: its description and every string in its input schema, one a line. */
export function definitionText(definition: { description?: unknown; inputSchema?: unknown }): string {
	const out: string[] = typeof definition.description === 'string' ? [definition.description] : [];
	let budget = 20_000;
	const walk = (v: unknown, depth: number): void => {
		if (budget-- <= 0 || depth > 40) return;
		if (typeof v === 'string') out.push(v);
		else if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
		else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x, depth + 1);
	};
	walk(definition.inputSchema, 0);
	return out.join('\n');
}
