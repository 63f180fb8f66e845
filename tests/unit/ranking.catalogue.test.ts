/**
 * About the live catalogue: the ranking (content/ranking/most-used.json) validates, every server it calls
 * catalogued is a content file, a server whose distributions match an entry is that entry's catalogued
 * server, and an entry obtained from a snapshot, source or documentation points at a file whose
 * provenance says so. How the schema and the derived facts work is ranking.test.ts, on a fixture.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCatalogued, parseRanking } from '../../src/lib/content/ranking.ts';
import { ROOT } from './support.ts';
import { liveServers } from './support.catalogue.ts';

const FILE = 'content/ranking/most-used.json';
const ranking = parseRanking(JSON.parse(readFileSync(join(ROOT, FILE), 'utf8')), FILE);
const servers = liveServers();

describe('the ranking file', () => {
	it('validates and names every catalogued server that exists', () => {
		expect(ranking.servers.length).toBeGreaterThanOrEqual(200);
		expect(() => checkCatalogued(ranking, new Set(servers.map((s) => s.slug)), FILE)).not.toThrow();
	});
	it("a server whose distributions or repository match an entry is that entry's catalogued server", () => {
		const key = (d: (typeof servers)[number]['distributions'][number]) =>
			d.kind === 'remote' ? `remote:${d.url.replace(/\/$/, '')}` : d.kind === 'oci' ? `oci:${d.image}` : `${d.kind}:${d.package}`;
		const owners = new Map<string, string[]>();
		for (const s of servers) for (const d of s.distributions) owners.set(key(d), [...(owners.get(key(d)) ?? []), s.slug]);
		const problems: string[] = [];
		for (const e of ranking.servers) {
			const keys = [
				...e.packages.map((p) => `${p.registry}:${p.name}`),
				...(e.remote ? [`remote:${e.remote.url.replace(/\/$/, '')}`] : []),
			];
			const found = new Set(keys.flatMap((k) => owners.get(k) ?? []));
			if (found.size > 0 && (e.catalogued === null || !found.has(e.catalogued)))
				problems.push(`${e.id}: catalogued ${e.catalogued}, distributions match ${[...found].join(', ')}`);
		}
		expect(problems).toEqual([]);
	});
	it('the catalogued file of an entry obtained from a snapshot, source or docs says so in its provenance', () => {
		const METHOD = { 'repo-snapshot': 'snapshot', 'go-source': 'source', 'remote-docs': 'docs' } as const;
		const bySlug = new Map(servers.map((s) => [s.slug, s]));
		for (const e of ranking.servers) {
			const method = METHOD[e.howToObtain as keyof typeof METHOD];
			if (e.catalogued && method) expect(bySlug.get(e.catalogued)?.provenance.method, e.id).toBe(method);
		}
	});
});
