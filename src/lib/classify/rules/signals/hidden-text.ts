import type { Evidence, SignalRule } from '../../types.ts';

/**
 * Invisible and direction-changing characters: zero-width characters, soft hyphen, word joiners,
 * bidirectional embeddings, overrides and isolates, the BOM, and Unicode tag characters.
 */
export const HIDDEN = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u{E0000}-\u{E007F}]/gu;

/** Lists each distinct hidden character as `U+200B` so the page can show what a reader cannot see. */
export function describeHidden(text: string): string[] {
	const codes = new Set<string>();
	for (const m of text.matchAll(HIDDEN)) codes.add(`U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
	return [...codes];
}

/** Flags invisible or bidirectional characters in the name, title, description or parameter texts. */
export const hiddenText: SignalRule = {
	id: 'signal/hidden-text',
	signal: 'hidden-text',
	detect(ctx) {
		const texts: [string, string | null | undefined, Evidence['source']][] = [
			['name', ctx.tool.name, 'name'],
			['title', ctx.tool.title, 'title'],
			['description', ctx.description, 'description'],
		];
		for (const p of ctx.parameters) {
			texts.push([p.path, p.name, 'schema'], [`${p.path} (description)`, p.description, 'schema']);
		}
		return texts.flatMap(([field, text, source]) => {
			if (!text) return [];
			const codes = describeHidden(text);
			return codes.length > 0 ? [{ rule: this.id, source, field, match: codes.join(' ') }] : [];
		});
	},
};
