/**
 * The "Suggest a correction" link of a tool page: a new-issue URL on the project's repository,
 * prefilled with the tool's id and the judgement being questioned. Tool ids come from third-party
 * names, so each part is percent-encoded and cut to a bounded encoded length: the link stays short
 * (tool pages stay lean) whatever the name.
 */
import type { Category, RiskLevel, SignalId } from './taxonomy.ts';

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

/** The longest prefix of `text` whose percent-encoding fits in `max` characters (an ellipsis marks a cut). */
export function encodeBounded(text: string, max: number): string {
	const whole = encodeURIComponent(text);
	if (whole.length <= max) return whole;
	const ellipsis = encodeURIComponent('…');
	let out = '';
	for (const ch of text) {
		// Lone surrogates cannot be encoded; they never reach a tool id, but must not throw here either.
		const enc = /[\ud800-\udfff]/.test(ch) && ch.length === 1 ? encodeURIComponent('\ufffd') : encodeURIComponent(ch);
		if (out.length + enc.length + ellipsis.length > max) break;
		out += enc;
	}
	return out + ellipsis;
}

function encodeSafe(text: string): string {
	return encodeURIComponent(text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
}

/** The new-issue URL. */
export function correctionUrl(input: CorrectionInput): string {
	const id = input.toolId.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
	const title = `${encodeSafe('Correction: ')}${encodeBounded(id, TITLE_ID_MAX)}`;
	const judgement = `${input.category}, ${input.level}; signals: ${input.signals.length > 0 ? input.signals.join(', ') : 'none'}; classifier ${input.classifierVersion}`;
	const body = `${encodeSafe('Tool: ')}${encodeBounded(id, BODY_ID_MAX)}${encodeSafe(`\nJudgement: ${judgement}\n\nWhat is wrong:\n`)}`;
	return `${input.repository}/issues/new?title=${title}&body=${body}`;
}
