/**
 * The one place routes get the catalogue: the collection is read and classified once per build and
 * shared by every page (never re-read per page).
 */
import { getCollection } from 'astro:content';
import { buildCatalogue, type Catalogue } from './lib/catalogue.ts';
import type { ServerFile } from './lib/schemas/server.ts';

let catalogue: Promise<Catalogue> | undefined;

export function getCatalogue(): Promise<Catalogue> {
	catalogue ??= getCollection('servers').then((entries) => buildCatalogue(entries.map((e) => e.data as unknown as ServerFile)));
	return catalogue;
}
