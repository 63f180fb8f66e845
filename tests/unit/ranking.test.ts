/**
 * The ranking of the most used servers, on a five-entry fixture: broken files fail naming the field;
 * what the site derives (popularity, identity, look-alikes, the not-found page's lookup and request
 * link) is right. The live file is checked in ranking.catalogue.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/lib/content/errors.ts';
import { checkCatalogued, parseRanking, rankingFacts, type RankingFile } from '../../src/lib/content/ranking.ts';
import { identityMarkers, publisherSentence } from '../../src/lib/present/popularity.ts';
import { classifyCommand, findRanked, requestedServer, requestUrl, type RankingIndex } from '../../src/lib/present/missing-server.ts';
import { ROOT } from './support.ts';

const FILE = 'tests/fixtures/ranking/most-used.json';
const raw = () => JSON.parse(readFileSync(join(ROOT, FILE), 'utf8')) as { servers: Record<string, unknown>[] };
const ranking = parseRanking(raw(), FILE);

type Mutate = (f: { servers: Record<string, unknown>[] }) => void;
const BROKEN: [string, Mutate, string, string][] = [
	['a rank out of order', (f) => (f.servers[1]!['rank'] = 7), 'servers[1].rank', 'expected 2'],
	['a duplicate id', (f) => (f.servers[1]!['id'] = f.servers[0]!['id']), 'servers[1].id', 'duplicate id'],
	[
		'an unknown look-alike target',
		(f) => (f.servers[3]!['lookAlikeOf'] = 'no-such-entry'),
		'servers[3].lookAlikeOf',
		'expected the id of another entry',
	],
	[
		'a superseded-by pointing at itself',
		(f) => (f.servers[3]!['supersededBy'] = f.servers[3]!['id']),
		'servers[3].supersededBy',
		'cannot point at itself',
	],
	[
		'an unsorted figure',
		(f) => ((f.servers[2]!['placement'] as Record<string, unknown>)['monthlyFigure'] = 9e9),
		'servers[2].placement.monthlyFigure',
		'sorted by the figure',
	],
	['an unknown howToObtain', (f) => (f.servers[0]!['howToObtain'] = 'guess'), 'servers[0].howToObtain', ''],
	[
		'a catalogued slug twice',
		(f) => (f.servers[1]!['catalogued'] = f.servers[0]!['catalogued']),
		'servers[1].catalogued',
		'already the catalogued server',
	],
	['archived missing', (f) => delete f.servers[0]!['archived'], 'servers[0].archived', ''],
];

describe('broken ranking files', () => {
	it.each(BROKEN)('%s: names %s', (_l, mutate, path, expectation) => {
		const doc = raw();
		mutate(doc);
		let error: unknown;
		try {
			parseRanking(doc, FILE);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(DataError);
		const line = (error as DataError).problems.find((p) => p.startsWith(`${path}: `));
		expect(line, (error as DataError).message).toBeDefined();
		expect(line).toContain(expectation);
	});
	it('a valid file parses', () => {
		expect(ranking.servers.map((e) => e.rank)).toEqual([1, 2, 3, 4, 5]);
	});
	it('a catalogued slug that is not a content file', () => {
		expect(() => checkCatalogued(ranking, new Set(), FILE)).toThrow(/servers\[0\]\.catalogued: expected a server in content\/servers/);
	});
});

/** A three-entry ranking: an official server, a community look-alike and an archived one it supersedes. */
function tiny(): RankingFile {
	const base = raw().servers[0]!;
	const entry = (over: Record<string, unknown>) => ({ ...base, ...over });
	return parseRanking(
		{
			...raw(),
			servers: [
				entry({
					rank: 1,
					id: 'acme',
					name: 'Acme',
					vendor: 'Acme',
					official: true,
					product: 'acme',
					catalogued: 'acme-mcp',
					lookAlikeOf: null,
				}),
				entry({
					rank: 2,
					id: 'acme-fan',
					name: 'Acme (fan)',
					vendor: 'someone',
					official: false,
					product: 'acme',
					catalogued: 'acme-fan',
					lookAlikeOf: 'acme',
				}),
				entry({
					rank: 3,
					id: 'acme-old',
					name: 'Acme old',
					vendor: 'Acme',
					official: true,
					product: 'acme',
					catalogued: null,
					deprecated: 'archived upstream',
					archived: true,
					supersededBy: 'acme',
				}),
			].map((e, i) => ({ ...e, placement: { ...(base['placement'] as object), monthlyFigure: 100 - i } })),
		},
		FILE,
	);
}

describe('popularity and identity', () => {
	const facts = rankingFacts(tiny());
	it('only catalogued entries get facts, keyed by content slug', () => {
		expect([...facts.keys()]).toEqual(['acme-mcp', 'acme-fan']);
		expect(facts.get('acme-fan')!.popularity).toMatchObject({ rank: 2, of: 3 });
	});
	it('look-alikes list the official entry first and link catalogued ones', () => {
		expect(facts.get('acme-fan')!.identity.lookAlikes.map((l) => [l.id, l.slug])).toEqual([
			['acme', 'acme-mcp'],
			['acme-old', null],
		]);
		expect(identityMarkers(facts.get('acme-fan')!.identity)).toEqual(['community']);
		expect(publisherSentence(facts.get('acme-mcp')!.identity)).toContain('Official: published by Acme');
	});
	it('an archived reference server names what supersedes it, linked when catalogued', () => {
		const gh = rankingFacts(ranking).get('modelcontextprotocol-github')!.identity;
		expect(gh.archived).toBe(true);
		expect(gh.supersededBy).toMatchObject({ id: 'github', slug: 'github-mcp-server' });
		expect(identityMarkers(gh)).toEqual(['reference', 'archived']);
	});
});

describe('a server page that does not exist', () => {
	const index: RankingIndex = {
		version: 1,
		asOf: '2026-12-02',
		servers: [
			{
				id: 'stripe',
				name: 'Stripe MCP',
				vendor: 'Stripe',
				official: true,
				rank: 61,
				evidence: 'npm @stripe/mcp 144,352/month',
				packages: [{ registry: 'npm', name: '@stripe/mcp' }],
				remote: 'https://mcp.stripe.com',
				catalogued: null,
				howToObtain: 'npm-scan',
			},
			{
				id: 'linear',
				name: 'Linear',
				vendor: 'Linear',
				official: true,
				rank: 191,
				evidence: 'proxy',
				packages: [],
				remote: 'https://mcp.linear.app/mcp',
				catalogued: null,
				howToObtain: 'remote-docs',
			},
		],
	};
	it.each([
		['/servers/stripe/', 'stripe'],
		['/servers/%40stripe%2Fmcp', '@stripe/mcp'],
		['/servers/stripe.json', 'stripe'],
		['/servers/all/', undefined],
		['/servers/', undefined],
		['/tools/x/y/', undefined],
		['/servers/%E0%A4%A/', undefined],
	])('%s asks for %s', (path, name) => expect(requestedServer(path)).toBe(name));
	it('finds the ranked server by id, package or name', () => {
		expect(findRanked(index, 'stripe')?.id).toBe('stripe');
		expect(findRanked(index, '@stripe/mcp')?.id).toBe('stripe');
		expect(findRanked(index, 'Stripe-MCP')?.id).toBe('stripe');
		expect(findRanked(index, 'nothing')).toBeUndefined();
		expect(findRanked(undefined, 'stripe')).toBeUndefined();
	});
	it('the classify command uses what the ranking knows', () => {
		expect(classifyCommand(index.servers[0])).toBe('npm run classify -- --npm @stripe/mcp');
		expect(classifyCommand(index.servers[1])).toBe('npm run classify -- --url https://mcp.linear.app/mcp');
		expect(classifyCommand(undefined)).toContain('--npm <package>');
	});
	it('the request link is prefilled and bounded whatever the name', () => {
		const url = requestUrl('https://github.com/o/r', 'stripe', index.servers[0]);
		expect(url.startsWith('https://github.com/o/r/issues/new?title=Catalogue:+stripe&body=Server:+stripe')).toBe(true);
		expect(decodeURIComponent(url.replace(/\+/g, ' '))).toContain('Ranking: #61 Stripe MCP');
		const long = requestUrl('https://github.com/o/r', 'x'.repeat(5000), undefined);
		expect(long.length).toBeLessThan(1200);
		expect(decodeURIComponent(long.replace(/\+/g, ' '))).toContain('Not in the ranking');
	});
});
