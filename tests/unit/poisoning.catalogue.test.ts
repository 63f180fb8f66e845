/**
 * About the live catalogue: the benign poisoning corpus (tests/fixtures/poisoning/benign.json) holds
 * every tool description of the curated servers in content/servers, so "no indicator fires on a benign
 * definition" (poisoning.test.ts) covers the text the site actually shows. It reads the live data
 * because that is what it guards: a new or re-scanned curated tool must be added to the corpus (it is
 * ordinary server-author text) or explained. Servers the batch pipeline catalogued from the npm
 * registry (content/scan/report.json) are real third-party text, not a curated corpus, and are left out.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CORPORA, loadCorpus } from '../../scripts/poisoning-report.ts';
import { ROOT } from './support.ts';
import { LIVE_CONTENT, liveServers } from './support.catalogue.ts';

const benign = loadCorpus(DEFAULT_CORPORA.benign);

describe('the benign corpus', () => {
	it('holds every tool description of the curated catalogue (content/servers)', () => {
		const descriptions = new Set(benign.map((e) => e.definition.description));
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
		// A new catalogue tool shows up here: add it to benign.json (it is ordinary server-author text) or explain why not.
		expect(missing).toEqual([]);
		expect(benign.filter((e) => e.origin?.startsWith(`${LIVE_CONTENT.servers}/`)).length).toBeGreaterThanOrEqual(270);
	});
});
