/**
 * The one place routes get the catalogue and the attack index: the collections are read and
 * classified once per build and shared by every page (never re-read per page).
 */
import { getCollection } from 'astro:content';
import { buildAttackIndex, type AttackIndex } from './lib/attacks.ts';
import { buildCatalogue, type Catalogue } from './lib/catalogue.ts';
import { serverFromEntry } from './loaders/servers.ts';
import { markRenderStart, recordTiming } from './timings.ts';

let catalogue: Promise<Catalogue> | undefined;
let attacks: Promise<AttackIndex> | undefined;

export function getCatalogue(): Promise<Catalogue> {
	markRenderStart();
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
