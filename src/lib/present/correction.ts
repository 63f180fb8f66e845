/**
 * The "Suggest a correction" link of a tool page: a new-issue URL on the project's repository,
 * prefilled with the tool's id and the judgement being questioned. Tool ids come from third-party
 * names, so each part is percent-encoded and cut to a bounded encoded length: the link stays short
 * (tool pages stay lean) whatever the name. Spaces are `+` and `:` `/` `,` `;` `@` stay literal,
 * as a query value allows (GitHub reads `+` as a space, like any form decoder); everything else
 * that is not unreserved is percent-encoded, `+` itself included.
 */
import type { Category, RiskLevel, SignalId } from '../taxonomy.ts';

export interface CorrectionInput {
	/** Repository URL without a trailing slash (`REPOSITORY_URL`). */
	repository: string;
	/** `<server>/<tool segment>`. */
	toolId: string;
	category: Category;
	level: RiskLevel;
	signals: readonly SignalId[];
	classifierVersion: string;
}

/** Encoded length budgets for the tool id in the title and in the body. */
export const TITLE_ID_MAX = 120;
export const BODY_ID_MAX = 240;

const LITERAL = { '%20': '+', '%3A': ':', '%2F': '/', '%2C': ',', '%3B': ';', '%40': '@' } as const;

/** `text` encoded for a query value: `encodeURIComponent`, then the lighter forms above. */
function encodeQueryValue(text: string): string {
	return encodeURIComponent(text).replace(/%(?:20|3A|2F|2C|3B|40)/g, (e) => LITERAL[e as keyof typeof LITERAL]);
}

/** The longest prefix of `text` whose percent-encoding fits in `max` characters (an ellipsis marks a cut). */
export function encodeBounded(text: string, max: number): string {
	const whole = encodeQueryValue(text);
	if (whole.length <= max) return whole;
	const ellipsis = encodeURIComponent('…');
	let out = '';
	for (const ch of text) {
		// Lone surrogates cannot be encoded; they never reach a tool id, but must not throw here either.
		const enc = /[\ud800-\udfff]/.test(ch) && ch.length === 1 ? encodeQueryValue('\ufffd') : encodeQueryValue(ch);
		if (out.length + enc.length + ellipsis.length > max) break;
		out += enc;
	}
	return out + ellipsis;
}

function encodeSafe(text: string): string {
	return encodeQueryValue(text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
}

/** The new-issue URL. */
export function correctionUrl(input: CorrectionInput): string {
	const id = input.toolId.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
	const title = `${encodeSafe('Correction: ')}${encodeBounded(id, TITLE_ID_MAX)}`;
	const judgement = `${input.category}, ${input.level}; signals: ${input.signals.length > 0 ? input.signals.join(', ') : 'none'}; classifier ${input.classifierVersion}`;
	const body = `${encodeSafe('Tool: ')}${encodeBounded(id, BODY_ID_MAX)}${encodeSafe(`\nJudgement: ${judgement}\n\nWhat is wrong:\n`)}`;
	return `${input.repository}/issues/new?title=${title}&body=${body}`;
}
