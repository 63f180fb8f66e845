/**
 * The category definitions are written once, in docs/labelling-guide.md; the taxonomy holds a word-for-word copy
 * of each category section's first paragraph (CATEGORIES[c].definition), which the category pages quote. This
 * fails when the two drift apart, and checks that the page model quotes it with a link to the guide's section.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classText, LABELLING_GUIDE } from '../../src/lib/present/class-pages.ts';
import { CATEGORIES, CATEGORY_IDS } from '../../src/lib/taxonomy.ts';
import { ROOT } from './support.ts';

const guide = readFileSync(join(ROOT, LABELLING_GUIDE), 'utf8');

/** The first paragraph after `## <category>`. */
function firstParagraph(category: string): string | undefined {
	const m = new RegExp(`^## ${category}\\n\\n([^\\n]+(?:\\n[^\\n#|-][^\\n]*)*)`, 'm').exec(guide);
	return m?.[1]?.replace(/\s*\n\s*/g, ' ');
}

describe('the labelling guide and the taxonomy', () => {
	it.each(CATEGORY_IDS)('%s: the taxonomy quotes the guide word for word', (category) => {
		expect(firstParagraph(category)).toBe(CATEGORIES[category].definition);
	});

	it.each(CATEGORY_IDS)('%s: the category page quotes the definition and links to its section', (category) => {
		const text = classText({ kind: 'category', id: category });
		expect(text.definition?.text).toBe(CATEGORIES[category].definition);
		expect(text.definition?.href).toMatch(new RegExp(`/blob/main/docs/labelling-guide\\.md#${category}$`));
	});
});
