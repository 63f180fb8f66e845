/**
 * About the live catalogue: every content file in content/servers is valid (it parses, its tool-list
 * hash matches its tools, its slug is its file name), the files build into one catalogue with unique,
 * safe tool ids, the five seed servers are there, and (where the research files are at hand) their tool
 * lists are exactly what the import makes of those files. It reads the live data because that is what
 * it guards: a hand edit or a bad re-scan must fail here, with the file named, before a build does.
 * How the code validates a content file is content.test.ts, on fixtures.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalogue } from '../../src/lib/catalogue.ts';
import { importToolsList, referencedOnly } from '../../src/ingest/import.ts';
import { toolsHash } from '../../src/lib/content/tools-hash.ts';
import { ROOT } from './support.ts';
import { liveServer, liveServers, liveServerSlugs } from './support.catalogue.ts';

/** Research files the seed content was imported from; outside the repository, so optional. */
const SEEDS = join(ROOT, '..', 'shared', 'seed-servers');
const SEED_SLUGS = ['agentmail', 'agentwork', 'automagik-tools', 'notify-mcp-server', 'wingman-gateway'];

const SAFE_SEGMENT = /^[A-Za-z0-9_.-]+$/;

/** What the site's loader reads: every `*.json` whose name does not start with `_`. */
const slugs = liveServerSlugs();

describe('content/servers', () => {
	it('holds the five seed servers', () => {
		for (const slug of SEED_SLUGS) expect(slugs).toContain(slug);
	});

	it.each(slugs)('%s.json parses, and its hash and slug match', (slug) => {
		const server = liveServer(slug);
		expect(server.slug).toBe(slug);
		expect(server.provenance.toolsHash).toBe(toolsHash(server.tools.map((t) => t.definition)));
	});

	it('builds into one catalogue with unique, safe tool ids', () => {
		const catalogue = buildCatalogue(liveServers());
		const ids = catalogue.tools.map((t) => t.id.toLowerCase());
		expect(new Set(ids).size).toBe(ids.length);
		for (const t of catalogue.tools) expect(t.segment, t.id).toMatch(SAFE_SEGMENT);
	});

	it.skipIf(!existsSync(SEEDS))('reproduces the tool lists of the seed content files from the research files', () => {
		for (const slug of SEED_SLUGS) {
			const imported = importToolsList(JSON.parse(readFileSync(join(SEEDS, `${slug}.json`), 'utf8')));
			const definitions = [...imported.entries, ...referencedOnly(imported.meta)].map((e) => e.definition);
			expect(toolsHash(definitions), slug).toBe(liveServer(slug).provenance.toolsHash);
		}
	});
});
