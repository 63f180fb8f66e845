/**
 * What the search index holds, built from the catalogue rather than from the rendered pages.
 *
 * One search document per server, with one heading per tool, and one per attack entry. Pagefind keeps
 * a few bytes per document in the metadata every first search loads, so at 250,000 tools a document
 * per tool would make that file alone over 1 MB; 9,000 server documents keep it under 100 KB. Each
 * tool is a heading with an id, so Pagefind returns it as a sub-result of its server with its own
 * excerpt and match weights. The id carries what the results list shows (risk level and category)
 * and the tool's URL segment: `<level>~<category>~<segment>`.
 *
 * Only what people search by is indexed: the tool name (and its words, so `memory` finds
 * `create_memory`), the server's name and package, the category, and the start of the description.
 * Policies, FAQs and evidence stay on the pages. Every third-party string is escaped here.
 */
import type { AttackEntry } from './attacks.ts';
import type { Catalogue, ServerView } from '../catalogue.ts';
import { documentSafe, escapeHtml } from '../text/visible-text.ts';
import { parseToolAnchor as parseAnchor, toolAnchorId, type ToolAnchor } from './search-anchor.ts';
import { CATEGORIES, CATEGORY_IDS, RISK_LEVEL_IDS, type Category, type RiskLevel } from '../taxonomy.ts';

/** Characters of a description that are indexed; the page has the rest. */
export { toolAnchorId };

export const INDEXED_DESCRIPTION = 280;

export interface SearchDocument {
	url: string;
	/** A small HTML document for Pagefind's `addHTMLFile`: only `data-pagefind-body` is read. */
	html: string;
}

/** Escaped, and free of what an HTML document may not hold (Pagefind's parser refuses lone surrogates). */
function text(value: string): string {
	return escapeHtml(documentSafe(value));
}

/** The words inside an identifier: `create_memory` and `createMemory` both give `create memory`. */
export function nameWords(name: string): string {
	return name
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.split(/[^\p{L}\p{N}]+/u)
		.filter(Boolean)
		.join(' ')
		.toLowerCase();
}

function clipped(description: string): string {
	const flat = description.replace(/\s+/g, ' ').trim();
	return flat.length <= INDEXED_DESCRIPTION ? flat : `${flat.slice(0, INDEXED_DESCRIPTION).replace(/\s\S*$/, '')}…`;
}

const isLevel = (s: string): s is RiskLevel => (RISK_LEVEL_IDS as readonly string[]).includes(s);
const isCategory = (s: string): s is Category => (CATEGORY_IDS as readonly string[]).includes(s);

/** A tool hit decoded from a sub-result's anchor id, with the taxonomy's levels and categories. */
export function parseToolAnchor(id: string): ToolAnchor<RiskLevel, Category> | undefined {
	return parseAnchor(id, isLevel, isCategory);
}

function serverDocument(server: ServerView): SearchDocument {
	const { file } = server;
	const packages = file.distributions.map((d) => ('package' in d && typeof d.package === 'string' ? d.package : undefined)).filter(Boolean);
	const levels = RISK_LEVEL_IDS.filter((l) => server.levelCounts[l] > 0);
	const categories = CATEGORY_IDS.filter((c) => server.categoryCounts[c] > 0);
	const tools = server.tools.map((t) => {
		const id = toolAnchorId({ level: t.judgement.level, category: t.judgement.category, segment: t.segment });
		const words = nameWords(t.name);
		const description = clipped(t.entry.definition.description ?? '');
		return `<h2 id="${text(id)}">${text(t.name)}</h2><p>${words === t.name.toLowerCase() ? '' : `${text(words)}. `}${CATEGORIES[t.judgement.category].label} tool. ${text(description)}</p>`;
	});
	return {
		url: `/servers/${server.slug}/`,
		html:
			`<html lang="en"><body><main data-pagefind-body>` +
			`<h1 data-pagefind-meta="title">${text(file.name)}</h1>` +
			`<p>MCP server${packages.length > 0 ? ` ${packages.map((p) => text(p!)).join(', ')}` : ''}, ${server.tools.length} tools.</p>` +
			levels.map((l) => `<span data-pagefind-filter="risk">${l}</span>`).join('') +
			categories.map((c) => `<span data-pagefind-filter="category">${c}</span>`).join('') +
			`<span data-pagefind-meta="kind">server</span>` +
			tools.join('') +
			`</main></body></html>`,
	};
}

function attackDocument(attack: AttackEntry): SearchDocument {
	const d = attack.data;
	return {
		url: `/attacks/${attack.slug}/`,
		html:
			`<html lang="en"><body><main data-pagefind-body>` +
			`<h1 data-pagefind-meta="title">${text(d.title)}</h1>` +
			`<span data-pagefind-meta="kind">attack</span>` +
			`<p>Attack ${text(d.kind)}, disclosed ${text(d.disclosed)}. ${text(d.summary)}</p>` +
			`</main></body></html>`,
	};
}

/** Every search document: one per server (its tools as headings), then one per attack entry. */
export function searchDocuments(catalogue: Catalogue, attacks: readonly AttackEntry[]): SearchDocument[] {
	return [...catalogue.servers.map(serverDocument), ...attacks.map(attackDocument)];
}
