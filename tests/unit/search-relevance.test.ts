/**
 * Guards search relevance on the frozen fixture catalogue: its search documents (search-index.ts) are
 * indexed with Pagefind's Node API, Pagefind's own browser bundle answers the queries of
 * tests/fixtures/search-relevance-fixture.json in Node, and the search page's ranking orders them
 * (src/verify/search-relevance.ts). The catalogue-level figures come from `npm run eval:search`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchDocuments } from '../../src/lib/present/search-index.ts';
import { PAGEFIND_OPTIONS } from '../../src/lib/present/search-rank.ts';
import { loadPagefind, RelevanceSet, runQuery, scoreRelevance, type QueryOutcome } from '../../src/verify/search-relevance.ts';
import { fixtureAttacks, fixtureCatalogue } from './support.ts';

const set = RelevanceSet.parse(
	JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'search-relevance-fixture.json'), 'utf8')),
);

describe('scoreRelevance', () => {
	const tiny = RelevanceSet.parse({
		about: 'x',
		queries: [
			{ q: 'a', expect: ['/servers/a/'], why: 'first' },
			{ q: 'b', expect: ['/servers/b/', '/servers/b2/'], why: 'second of two' },
			{ q: 'c', expect: ['/servers/c/'], why: 'fourth' },
			{ q: 'd', expect: ['/servers/d/'], why: 'absent' },
			{ q: 'm', expect: [], missing: true, why: 'missing' },
		],
	});
	it('counts top-3 hits, reciprocal ranks and notices', () => {
		const outcomes = new Map<string, QueryOutcome>([
			['a', { urls: ['/servers/a/'], notice: false }],
			['b', { urls: ['/x/', '/servers/b2/'], notice: false }],
			['c', { urls: ['/x/', '/y/', '/z/', '/servers/c/'], notice: false }],
			['d', { urls: [], notice: true }],
			['m', { urls: ['/x/'], notice: true }],
		]);
		const s = scoreRelevance(tiny, outcomes);
		expect(s.ranked).toBe(4);
		expect(s.top3).toBe(0.5);
		expect(s.mrr).toBeCloseTo((1 + 1 / 2 + 1 / 4 + 0) / 4);
		expect([s.missing, s.missingNoticed]).toEqual([1, 1]);
		expect(s.scored.map((q) => q.rank)).toEqual([1, 2, 4, undefined, undefined]);
	});
});

describe('search relevance on the fixture catalogue', { timeout: 120_000 }, () => {
	const dir = mkdtempSync(join(tmpdir(), 'toolrisk-search-relevance-'));
	const outcomes = new Map<string, QueryOutcome>();
	beforeAll(async () => {
		const { index } = await pagefind.createIndex({ forceLanguage: 'en' });
		try {
			for (const d of searchDocuments(fixtureCatalogue(), fixtureAttacks())) {
				const added = await index!.addHTMLFile({ url: d.url, content: d.html });
				if (added.errors.length > 0) throw new Error(added.errors.join('\n'));
			}
			await index!.writeFiles({ outputPath: join(dir, 'pagefind') });
		} finally {
			await pagefind.close();
		}
		const { pagefind: search, base } = await loadPagefind(dir, { ...PAGEFIND_OPTIONS });
		for (const { q } of set.queries) outcomes.set(q, await runQuery(search, base, q));
	}, 120_000);
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('puts an expected result in the top three for at least 90 % of the queries, with an MRR of at least 0.9', () => {
		const score = scoreRelevance(set, outcomes);
		const misses = score.scored.filter((s) => !s.query.missing && (s.rank ?? 99) > 3).map((s) => `${s.query.q}: ${s.top.join(' ')}`);
		expect(misses.length / score.ranked, misses.join('\n')).toBeLessThanOrEqual(0.1);
		expect(score.top3).toBeGreaterThanOrEqual(0.9);
		expect(score.mrr).toBeGreaterThanOrEqual(0.9);
	});

	it('says "not catalogued" for every query that names no catalogued server, and for none of the others', () => {
		const score = scoreRelevance(set, outcomes);
		expect(score.scored.filter((s) => s.notice !== Boolean(s.query.missing)).map((s) => s.query.q)).toEqual([]);
	});

	it('shows no index tokens in excerpts: no filter values or kinds run together', () => {
		const excerpts = [...outcomes.values()]
			.flatMap((o) => (o as QueryOutcome & { hits?: { excerpt: string }[] }).hits ?? [])
			.map((h) => h.excerpt);
		expect(excerpts.length).toBeGreaterThan(0);
		for (const e of excerpts)
			expect(e).not.toMatch(/(low|medium|high|critical)(read|write|execute|destructive|financial)|\bserver<\/?\w*>?$|\battack Attack\b/);
	});
});
