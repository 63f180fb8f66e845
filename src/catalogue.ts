/**
 * The one place routes get the catalogue and the attack index: the collections are read and
 * classified once per build and shared by every page (never re-read per page).
 */
import { getCollection } from 'astro:content';
import { buildAttackIndex, type AttackIndex } from './lib/attacks.ts';
import { buildCatalogue, type Catalogue } from './lib/catalogue.ts';
import { SEARCH_DOCUMENTS, searchDocuments, type SearchDocument } from './lib/search-index.ts';
import { serverFromEntry } from './loaders/servers.ts';
import { markRenderStart, recordTiming } from './timings.ts';

let catalogue: Promise<Catalogue> | undefined;
let attacks: Promise<AttackIndex> | undefined;

export function getCatalogue(): Promise<Catalogue> {
	markRenderStart();
	// The Pagefind integration indexes these documents once the pages are written (src/integrations/pagefind.ts).
	(globalThis as { [SEARCH_DOCUMENTS]?: () => Promise<SearchDocument[]> })[SEARCH_DOCUMENTS] ??= async () => {
		const [built, index] = await Promise.all([getCatalogue(), getAttacks()]);
		return searchDocuments(built, index.attacks);
	};
	catalogue ??= getCollection('servers').then((entries) => {
		const started = performance.now();
		const built = buildCatalogue(
			entries.map((e) => serverFromEntry(e.data)),
			(slug) => entries.find((e) => e.id === slug)?.filePath ?? slug,
		);
		recordTiming('classification', performance.now() - started, { tools: built.tools.length });
		return built;
	});
	return catalogue;
}

export function getAttacks(): Promise<AttackIndex> {
	attacks ??= Promise.all([getCollection('attacks'), getCatalogue()]).then(([entries, cat]) =>
		buildAttackIndex(
			entries.map((e) => ({ slug: e.id, data: e.data })),
			cat,
		),
	);
	return attacks;
}
