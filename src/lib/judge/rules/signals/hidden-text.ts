import type { SignalRule } from '../../types.ts';
import { quote, textsOf } from './_texts.ts';
import { hasHidden, type HiddenReport } from '../../../text/unicode.ts';

/** Codes listed before the rest are summarised as "+N more": evidence stays short on a page. */
const MAX_CODES = 8;

/**
 * `U+200B U+202E`, then what the reader cannot see spelled out: the tag characters and what they
 * spell, escape sequences with ESC written as `U+001B`, and decoded variation-selector payloads.
 * The hidden characters themselves never appear in the evidence.
 */
export function describeHidden(report: HiddenReport): string {
	const parts: string[] = [];
	const codes =
		report.codes.length > MAX_CODES ? [...report.codes.slice(0, MAX_CODES), `+${report.codes.length - MAX_CODES} more`] : report.codes;
	if (codes.length > 0) parts.push(codes.join(' '));
	if (report.tagCount > 0) parts.push(`${report.tagCount} tag character${report.tagCount === 1 ? '' : 's'} (U+E0000–U+E007F)`);
	if (report.escapes.length > 0) parts.push(`escape sequences ${report.escapes.join(' ')}`);
	if (report.smuggled.length > 0) parts.push(`spelling "${report.smuggled.join(' ')}"`);
	return quote(parts.join('; '), 120);
}

/**
 * Invisible, bidirectional and control characters anywhere the model reads: zero-width characters,
 * bidi embeddings, overrides and isolates, Unicode tag characters, variation selectors outside
 * ordinary emoji and ideograph sequences, ANSI/terminal escapes and other C0/C1 controls (tab, line
 * feed and carriage return excepted). One piece of evidence per field, listing each character by code.
 */
export const hiddenText: SignalRule = {
	id: 'signal/hidden-text',
	signal: 'hidden-text',
	detect(ctx) {
		return textsOf(ctx).flatMap((t) =>
			hasHidden(t.hidden) ? [{ rule: this.id, source: t.source, field: t.field, match: describeHidden(t.hidden) }] : [],
		);
	},
};
