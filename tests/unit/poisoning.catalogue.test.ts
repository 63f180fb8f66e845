/**
 * About the live catalogue: the benign poisoning corpus (tests/fixtures/poisoning/benign.json) holds
 * every tool description of the curated servers in content/servers, so "no indicator fires on a benign
 * definition" (poisoning.test.ts) covers the text the site actually shows. It reads the live data
 * because that is what it guards: a new or re-scanned curated tool must be added to the corpus (it is
 * ordinary server-author text) or, when an indicator fires on it by design, to borderline.json with the
 * reason. Servers the batch pipeline catalogued from the npm registry (content/scan/report.json) are
 * real third-party text, not a curated corpus, and are left out.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CORPORA, loadCorpus } from '../../scripts/poisoning-report.ts';
import { ROOT } from './support.ts';
import { LIVE_CONTENT, liveServers } from './support.catalogue.ts';

const benign = loadCorpus(DEFAULT_CORPORA.benign);
// Catalogue tools whose vendor text fires an indicator by design sit in borderline.json, each with the reason.
const borderline = loadCorpus(join(ROOT, 'tests', 'fixtures', 'poisoning', 'borderline.json'));

describe('the benign corpus', () => {
	it('holds every tool description of the curated catalogue (content/servers)', () => {
		const descriptions = new Set([...benign, ...borderline].map((e) => e.definition.description));
		const missing: string[] = [];
		const report = JSON.parse(readFileSync(join(ROOT, 'content', 'scan', 'report.json'), 'utf8')) as {
			records: { slug?: string; outcome: string; reason: string }[];
		};
		const batch = new Set(
			report.records.filter((r) => r.outcome === 'catalogued' && r.slug && r.reason.startsWith('wrote ')).map((r) => r.slug),
		);
		for (const server of liveServers().filter((s) => !batch.has(s.slug))) {
			for (const t of server.tools)
				if (t.definition.description && !descriptions.has(t.definition.description))
					missing.push(`${server.slug}.json: ${t.definition.name}`);
		}
		// A new catalogue tool shows up here: add it to benign.json (it is ordinary server-author text),
		// or to borderline.json with the reason when an indicator fires on it by design.
		expect(missing).toEqual([]);
		expect(benign.filter((e) => e.origin?.startsWith(`${LIVE_CONTENT.servers}/`)).length).toBeGreaterThanOrEqual(270);
	});
});
