/**
 * The live catalogue, for the `*.catalogue.test.ts` files only: those guard properties of the data the
 * site is built from (every content file valid, every real policy valid, the seed expectations, ...), so
 * they must read `content/` itself. Tests of the code use the frozen fixture catalogue in `support.ts`;
 * `no-live-content.test.ts` fails if any other test file reads the live folders or imports this module.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildCatalogue, type Catalogue } from '../../src/lib/catalogue.ts';
import type { AttackEntry } from '../../src/lib/present/attacks.ts';
import type { ServerFile } from '../../src/lib/content/server.ts';
import { readAttackEntries, readServerFile, readServerFiles, ROOT } from './support.ts';

/** The live content folders, relative to the repository root. */
export const LIVE_CONTENT = { servers: 'content/servers', attacks: 'content/attacks' } as const;

/** The slugs of the live server files the site's loader reads (every `*.json` not starting with `_`), sorted. */
export function liveServerSlugs(): string[] {
	return readdirSync(join(ROOT, LIVE_CONTENT.servers))
		.filter((n) => n.endsWith('.json') && !n.startsWith('_'))
		.sort()
		.map((n) => n.replace(/\.json$/, ''));
}

/** Every live server file, validated as the site's loader validates it. */
export function liveServers(): ServerFile[] {
	return readServerFiles(LIVE_CONTENT.servers);
}

/** The catalogue the site is built from. */
export function liveCatalogue(): Catalogue {
	return buildCatalogue(liveServers());
}

/** Every live attack entry. */
export function liveAttacks(): AttackEntry[] {
	return readAttackEntries(LIVE_CONTENT.attacks);
}

/** One live server file, by slug. */
export function liveServer(slug: string): ServerFile {
	return readServerFile(LIVE_CONTENT.servers, slug);
}
