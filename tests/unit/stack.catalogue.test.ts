/**
 * About the live catalogue: what the stack checker (/stack/) can say depends on the data it ships with.
 * The catalogue must hold tools supplying each leg of the private-data / untrusted-content / outbound
 * trifecta (a checker that can find no leg proves nothing), and the stack index it fetches whole must
 * stay small per server as the catalogue grows. Both are properties of the live data, so this file
 * reads it; the checker and the capability rules are tested on the fixture catalogue in stack.test.ts
 * and capabilities.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { toolCapabilities } from '../../src/lib/judge/capabilities.ts';
import { buildStackIndex } from '../../src/lib/present/stack-index.ts';
import { CAPABILITY_IDS } from '../../src/lib/taxonomy.ts';
import { liveCatalogue } from './support.catalogue.ts';

const catalogue = liveCatalogue();

describe('the live catalogue for the stack checker', () => {
	it('has tools supplying each leg', () => {
		const counts = Object.fromEntries(CAPABILITY_IDS.map((c) => [c, 0]));
		for (const t of catalogue.tools)
			for (const f of toolCapabilities({ name: t.name, description: t.entry.definition.description, judgement: t.judgement }))
				counts[f.capability]!++;
		for (const c of CAPABILITY_IDS) expect(counts[c], c).toBeGreaterThan(5);
	});

	it('gives an index that covers every server and stays small: measured size per server', () => {
		const index = buildStackIndex(catalogue);
		expect(index.servers.map((s) => s.slug)).toEqual(catalogue.servers.map((s) => s.slug));
		// About 0.9 KB per server (213 servers, 2026-12); 9,000 such servers would be ~9 MB before
		// compression. Raise with care: the page fetches the whole file.
		expect(JSON.stringify(index).length / index.servers.length).toBeLessThan(1500);
	});
});
