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
 * Policies, FAQs and evidence stay on the pages. Every third-party string is escaped here, and its
 * invisible and bidirectional characters are written as their codes (`U+202E`), so result titles and
 * excerpts show them as the pages do.
 *
 * What is there only to be found or filtered, never read, sits in elements Pagefind leaves out of the
 * text (`data-pagefind-ignore`) but still reads as metadata or filters: a server's `names` (its slug
 * and package names and their words, matched and weighted by the search page's `metaWeights`), each
 * document's `kind`, a ranked server's place among the most used (`rank`, which orders servers within a
 * tier), the risk and category filters, and an attack entry's `aliases` (search-terms.ts:
 * SSRF for "server-side request forgery"). None of them appears in an excerpt.
 */
import type { AttackEntry } from './attacks.ts';
import type { Catalogue, ServerView } from '../catalogue.ts';
import { documentSafe, escapeHtml, withMarkers } from '../text/visible-text.ts';
import { NAMES_SEPARATOR, nameWords } from './search-rank.ts';
import { aliasesOf } from './search-terms.ts';
import { parseToolAnchor as parseAnchor, toolAnchorId, type ToolAnchor } from './search-anchor.ts';
import { CATEGORIES, CATEGORY_IDS, RISK_LEVEL_IDS, type Category, type RiskLevel } from '../taxonomy.ts';

/** Characters of a description that are indexed; the page has the rest. */
export { nameWords, toolAnchorId };

export const INDEXED_DESCRIPTION = 280;

export interface SearchDocument {
	url: string;
	/** A small HTML document for Pagefind's `addHTMLFile`: only `data-pagefind-body` is read. */
	html: string;
}

/**
 * Escaped, free of what an HTML document may not hold (Pagefind's parser refuses lone surrogates), and
 * with invisible and bidirectional characters as their codes.
 */
function text(value: string): string {
	return escapeHtml(withMarkers(documentSafe(value)));
}

/** Search-only metadata or a filter value: read by Pagefind, never part of the text or an excerpt. */
const hiddenMeta = (key: string, value: string) => `<span data-pagefind-ignore data-pagefind-meta="${key}">${text(value)}</span>`;
const hiddenFilter = (key: string, value: string) => `<span data-pagefind-ignore data-pagefind-filter="${key}">${text(value)}</span>`;

/** Between the names in a server's `names` metadata; the search page splits them there (search-rank.ts). */
export { NAMES_SEPARATOR };

/**
 * The names a server is searched by besides its display name: its slug and package names, each also
 * without its scope, and their words (`@sentry/mcp-server` gives `sentry mcp server`).
 */
export function serverNames(slug: string, packages: readonly string[]): string {
	const names = new Set<string>();
	for (const name of [slug, ...packages]) {
		names.add(name);
		const bare = name.replace(/^@[^/]+\//, '');
		names.add(bare);
		names.add(nameWords(name));
	}
	return [...names].join(NAMES_SEPARATOR);
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
	const packages = file.distributions.flatMap((d) => ('package' in d && typeof d.package === 'string' ? [d.package] : []));
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
			hiddenMeta('names', serverNames(server.slug, packages)) +
			hiddenMeta('kind', 'server') +
			(server.popularity ? hiddenMeta('rank', String(server.popularity.rank)) : '') +
			levels.map((l) => hiddenFilter('risk', l)).join('') +
			categories.map((c) => hiddenFilter('category', c)).join('') +
			`<p>MCP server${packages.length > 0 ? ` ${packages.map((p) => text(p)).join(', ')}` : ''}, ${server.tools.length} ${server.tools.length === 1 ? 'tool' : 'tools'}.</p>` +
			tools.join('') +
			`</main></body></html>`,
	};
}

function attackDocument(attack: AttackEntry): SearchDocument {
	const d = attack.data;
	const aliases = aliasesOf(d);
	return {
		url: `/attacks/${attack.slug}/`,
		html:
			`<html lang="en"><body><main data-pagefind-body>` +
			`<h1 data-pagefind-meta="title">${text(d.title)}</h1>` +
			hiddenMeta('kind', 'attack') +
			(aliases.length > 0 ? hiddenMeta('aliases', aliases.join(', ')) : '') +
			`<p>${text(d.summary)} Disclosed ${text(d.disclosed)}.</p>` +
			`</main></body></html>`,
	};
}

/** Every search document: one per server (its tools as headings), then one per attack entry. */
export function searchDocuments(catalogue: Catalogue, attacks: readonly AttackEntry[]): SearchDocument[] {
	return [...catalogue.servers.map(serverDocument), ...attacks.map(attackDocument)];
}
