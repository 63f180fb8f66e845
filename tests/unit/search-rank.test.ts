/** The search page's ranking (src/lib/present/search-rank.ts) and the attack entries' search terms (search-terms.ts). */
import { describe, expect, it } from 'vitest';
import {
	compareHits,
	hitsOf,
	markedWords,
	notCatalogued,
	parseQuery,
	TIER,
	wordsOf,
	type Hit,
	type PagefindDocument,
} from '../../src/lib/present/search-rank.ts';
import { aliasesOf, termsOf } from '../../src/lib/present/search-terms.ts';

const vocabulary = {
	isLevel: (s: string): s is string => ['low', 'medium', 'high', 'critical'].includes(s),
	isCategory: (s: string): s is string => ['read', 'write', 'execute', 'destructive', 'financial'].includes(s),
};
const none = { risk: [], category: [] };

/** A server document as Pagefind returns it: a page-level section, then one sub-result per matching tool. */
function server(slug: string, title: string, names: string, tools: [string, string, number][], top?: [string, number]): PagefindDocument {
	return {
		url: `/servers/${slug}/`,
		excerpt: top?.[0] ?? '',
		meta: { title, names, kind: 'server' },
		sub_results: [
			...(top ? [{ title, url: `/servers/${slug}/`, excerpt: top[0], weighted_locations: [{ balanced_score: top[1] }] }] : []),
			...tools.map(([name, excerpt, score]) => ({
				title: name,
				url: `/servers/${slug}/#low~read~${name}`,
				excerpt,
				weighted_locations: [{ balanced_score: score }],
			})),
		],
	};
}
const attack = (slug: string, title: string, aliases: string, excerpt: string, score: number): PagefindDocument => ({
	url: `/attacks/${slug}/`,
	excerpt,
	meta: { title, kind: 'attack', ...(aliases && { aliases }) },
	sub_results: [{ title, url: `/attacks/${slug}/`, excerpt, weighted_locations: [{ balanced_score: score }] }],
});

/** Ranks documents as the page does and returns the URLs, best first. */
function rank(q: string, docs: PagefindDocument[]): string[] {
	const query = parseQuery(q);
	return docs
		.flatMap((d, i) => hitsOf(d, none, i, vocabulary, query))
		.sort(compareHits)
		.map((h) => h.url);
}

describe('words', () => {
	it.each([
		['create_memory', ['create', 'memory']],
		['GitHub', ['github', 'git', 'hub']],
		['@sentry/mcp-server', ['sentry', 'mcp', 'server']],
		['', []],
	])('%j has the words %j', (text, words) => expect(wordsOf(text).sort()).toEqual([...words].sort()));

	it('reads the words Pagefind marked in an excerpt', () => {
		expect(markedWords('Sends an <mark>email</mark> that was <mark>sent.</mark>')).toEqual(['email', 'sent']);
	});
});

describe('ranking', () => {
	// Pagefind's scores favour the tools here, as they did before tiers: the order must come from the tiers.
	const sentry = server(
		'sentry-mcp',
		'Sentry MCP (official)',
		'sentry-mcp | @sentry/mcp-server | mcp-server | sentry mcp server',
		[['execute_sentry_tool', 'Runs a <mark>Sentry</mark> tool.', 9]],
		['<mark>Sentry</mark> MCP (official).', 2],
	);
	const resend = server('resend-mcp', 'resend-mcp', 'resend-mcp | resend mcp', [
		['send_email', 'Sends an email that was <mark>sent.</mark>', 30],
	]);
	const hubspot = server(
		'hubspot-mcp-server',
		'@hubspot/mcp-server',
		'hubspot-mcp-server | @hubspot/mcp-server | mcp-server | hubspot mcp server',
		[
			['hubspot-create-property', 'Creates a <mark>HubSpot</mark> property.', 12],
			['hubspot-list-objects', 'Lists <mark>HubSpot</mark> objects.', 11],
		],
	);
	const github = server(
		'github-mcp-server',
		'GitHub MCP Server (official)',
		'github-mcp-server | github mcp server',
		[],
		['<mark>GitHub</mark> MCP Server (official).', 3],
	);
	const githubAttack = attack('github-toxic-flow', 'GitHub MCP private-repository leak', '', '<mark>GitHub</mark> MCP leak.', 20);
	const ssrf = attack(
		'ssrf-fetch-tools',
		'Server-side request forgery through URL-fetching tools',
		'SSRF, server-side request forgery',
		'Fetch tools…',
		1,
	);
	const fetchTool = server('fetcher', 'Fetcher', 'fetcher | fetcher', [['fetch', 'Fetches a URL (<mark>SSRF</mark> risk).', 5]]);
	const playwright = server('playwright-mcp', '@playwright/mcp', 'playwright-mcp | @playwright/mcp | mcp | playwright mcp', [
		['browser_click', 'Clicks.', 3],
	]);
	const playwrightNpm = server(
		'playwright-mcp-npm',
		'playwright-mcp',
		'playwright-mcp-npm | playwright-mcp | playwright mcp npm',
		[],
		['<mark>playwright-mcp</mark>', 9],
	);
	const azure = server('azure-mcp', '@azure/mcp', 'azure-mcp | @azure/mcp | mcp | azure mcp', [['postgres', 'PostgreSQL tools.', 40]]);
	const postgres = server(
		'modelcontextprotocol-postgres',
		'PostgreSQL (reference server)',
		'modelcontextprotocol-postgres | @modelcontextprotocol/server-postgres | server-postgres | modelcontextprotocol server postgres',
		[],
		['<mark>PostgreSQL</mark>', 1],
	);

	it.each([
		['sentry', [sentry, resend], '/servers/sentry-mcp/', 'a server named by the query, not a stem match with a higher score'],
		['sentry', [resend, sentry], '/servers/sentry-mcp/', 'whatever order Pagefind returned'],
		['hubspot', [hubspot], '/servers/hubspot-mcp-server/', 'a server found through its package only (no section of its text matched)'],
		['github', [githubAttack, github], '/servers/github-mcp-server/', 'a server above attack entries that name it'],
		['ssrf', [fetchTool, ssrf], '/attacks/ssrf-fetch-tools/', 'an attack entry by its alias above a tool mentioning the term'],
		['hub', [hubspot], '/servers/hubspot-mcp-server/', 'a prefix of a server name while typing'],
		['@playwright/mcp', [playwrightNpm, playwright], '/servers/playwright-mcp/', 'a package exactly as typed'],
		['browser_click', [playwright, playwrightNpm], '/tools/playwright-mcp/browser_click/', 'a tool by its exact name'],
		['postgres', [azure, postgres], '/servers/modelcontextprotocol-postgres/', 'a server by a package word above a tool of that name'],
	])('%j: %s first (%s)', (q, docs, first) => expect(rank(q, docs as PagefindDocument[])[0]).toBe(first));

	it('puts whole-word matches before stem matches', () => {
		const hits = [sentry, resend].flatMap((d, i) => hitsOf(d, none, i, vocabulary, parseQuery('sentry')));
		const byUrl = new Map(hits.map((h) => [h.url, h.tier]));
		expect(byUrl.get('/tools/resend-mcp/send_email/')).toBe(TIER.stem);
		expect(byUrl.get('/tools/sentry-mcp/execute_sentry_tool/')).toBe(TIER.titleWords);
		expect(byUrl.get('/servers/sentry-mcp/')).toBe(TIER.nameWords);
	});

	it('applies the filters to tools and leaves servers and attack entries out when any is set', () => {
		const hits = [sentry, ssrf].flatMap((d, i) => hitsOf(d, { risk: ['low'], category: [] }, i, vocabulary, parseQuery('sentry')));
		expect(hits.map((h) => h.kind)).toEqual(['tool']);
		expect(hitsOf(sentry, { risk: ['high'], category: [] }, 0, vocabulary, parseQuery('sentry'))).toEqual([]);
	});
});

describe('notCatalogued', () => {
	const hit = (tier: number): Hit => ({ kind: 'tool', tier, title: 't', url: '/tools/a/t/', excerpt: '', score: 1, order: 0 });
	it.each([
		['stripe', [], true, 'nothing found'],
		['stripe', [hit(TIER.text), hit(TIER.stem)], true, 'only descriptions mention it'],
		['delete', [hit(TIER.titleWords)], false, 'tool names hold it'],
		['sentry', [hit(TIER.nameWords)], false, 'a server is named so'],
		['', [], false, 'no query'],
		['how do i stop a tool deleting my files', [], false, 'a sentence, not a name'],
	])('%j with %j: %s (%s)', (q, hits, expected) => expect(notCatalogued(q, hits)).toBe(expected));
});

describe('security terms of attack entries', () => {
	it.each([
		[{ title: 'Server-side request forgery through URL-fetching tools', summary: 'Fetch tools reach internal addresses.' }, ['SSRF']],
		[{ title: 'Azure MCP Server SSRF leaking a token', summary: 'A token leaks.' }, ['SSRF']],
		[
			{ title: 'MCP Inspector unauthenticated remote code execution', summary: 'DNS rebinding and CSRF against the proxy.' },
			['RCE', 'CSRF'],
		],
		[{ title: 'SQLite server SQL injection', summary: 'Stored prompt injection follows.' }, ['SQLi', 'PI']],
		[{ title: 'EscapeRoute', summary: 'A sandbox escape.', taxonomy: { cwe: ['CWE-22'] } }, ['LFI']],
		[{ title: 'Rug pull', summary: 'A server changes its tools after approval.' }, []],
		[{ title: 'Prepisode', summary: 'Words such as force, source, pipe and xssh hold the letters but are not the terms.' }, []],
	])('%j is about %j', (entry, acronyms) => expect(termsOf(entry).map((t) => t.acronym)).toEqual(acronyms));

	it('gives each term once, acronym first', () => {
		expect(aliasesOf({ title: 'SSRF and server-side request forgery', summary: 'SSRF again.' })).toEqual([
			'SSRF',
			'server-side request forgery',
			'server side request forgery',
		]);
	});
});

describe('whole words before prefixes', () => {
	it('puts an attack entry whose alias is the query above a server whose name only begins with it', () => {
		const sqliteServer: PagefindDocument = {
			url: '/servers/sqlite-mcp/',
			excerpt: '<mark>SQLite</mark> MCP',
			meta: { title: 'SQLite MCP', names: 'sqlite-mcp | sqlite mcp', kind: 'server' },
			sub_results: [
				{
					title: 'SQLite MCP',
					url: '/servers/sqlite-mcp/',
					excerpt: '<mark>SQLite</mark> MCP',
					weighted_locations: [{ balanced_score: 50 }],
				},
			],
		};
		const sqli: PagefindDocument = {
			url: '/attacks/sqlite-sqli/',
			excerpt: 'A stored prompt injection.',
			meta: { title: 'SQLite reference server SQL injection', kind: 'attack', aliases: 'SQLi, sql injection' },
			sub_results: [],
		};
		const query = parseQuery('sqli');
		const order = [sqliteServer, sqli]
			.flatMap((d, i) => hitsOf(d, none, i, vocabulary, query))
			.sort(compareHits)
			.map((h) => h.url);
		expect(order).toEqual(['/attacks/sqlite-sqli/', '/servers/sqlite-mcp/']);
	});
});

describe('the most used server first among servers found by name', () => {
	/** A server found by its page-level section, with its place among the most used when it has one. */
	const doc = (slug: string, title: string, names: string, score: number, place?: number): PagefindDocument => {
		const d = server(slug, title, names, [], [title, score]);
		return place === undefined ? d : { ...d, meta: { ...d.meta, rank: String(place) } };
	};
	const lookAlike = doc('acme-salesforce-mcp', '@acme/salesforce-mcp', '@acme/salesforce-mcp | salesforce-mcp | acme salesforce mcp', 90);
	const official = doc('salesforce-mcp', 'sf-mcp-server', 'salesforce-mcp | @salesforce/mcp | mcp | salesforce mcp', 10, 78);
	const lessUsed = doc('other-salesforce', 'Other Salesforce', 'other-salesforce | other salesforce', 50, 140);
	it.each([
		[
			'a ranked server before an unranked one of the same tier, whatever the score',
			'salesforce',
			[lookAlike, official],
			['/servers/salesforce-mcp/', '/servers/acme-salesforce-mcp/'],
		],
		[
			'a higher place before a lower one',
			'salesforce',
			[lessUsed, lookAlike, official],
			['/servers/salesforce-mcp/', '/servers/other-salesforce/', '/servers/acme-salesforce-mcp/'],
		],
		[
			'never across tiers: an exact name beats a ranked server found by a word',
			'@acme/salesforce-mcp',
			[official, lookAlike],
			['/servers/acme-salesforce-mcp/'],
		],
	])('%s', (_, q, docs, expected) => {
		expect(rank(q, docs).slice(0, expected.length)).toEqual(expected);
	});
	it('reads no place from a malformed rank', () => {
		const bad = { ...official, meta: { ...official.meta, rank: 'first' } };
		expect(hitsOf(bad, none, 0, vocabulary, parseQuery('salesforce'))[0]?.popularity).toBeUndefined();
	});
});
