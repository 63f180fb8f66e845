/**
 * The anchor id a search document gives each tool heading: `<level>~<category>~<segment>`. The search
 * page reads a hit's level, category and tool page from it without another request. Used by the build
 * (`search-index.ts`) and by the browser (`SearchPanel.client.ts`), so it imports nothing: each side
 * passes in how it recognises a level and a category.
 */
export interface ToolAnchor<L extends string = string, C extends string = string> {
	level: L;
	category: C;
	segment: string;
}

export function toolAnchorId(a: ToolAnchor): string {
	return `${a.level}~${a.category}~${a.segment}`;
}

/** The tool behind a sub-result's anchor id, or undefined for anything else (a segment may itself hold `~`). */
export function parseToolAnchor<L extends string, C extends string>(
	id: string,
	isLevel: (s: string) => s is L,
	isCategory: (s: string) => s is C,
): ToolAnchor<L, C> | undefined {
	const [level, category, ...rest] = id.split('~');
	const segment = rest.join('~');
	if (!level || !category || !segment || !isLevel(level) || !isCategory(category)) return undefined;
	return { level, category, segment };
}
