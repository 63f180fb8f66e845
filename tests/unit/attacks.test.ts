import { describe, expect, it } from 'vitest';
import { atomFeed, escapeXml, rfc3339 } from '../../src/lib/present/atom.ts';
import {
	AttackReferenceError,
	buildAttackIndex,
	headWord,
	scoreReview,
	targetScore,
	type AttackLink,
} from '../../src/lib/present/attacks.ts';
import { attackSchema } from '../../src/lib/content/attack.ts';
import { fixtureAttacks, fixtureCatalogue, testAttack } from './support.ts';

const catalogue = fixtureCatalogue();

const attack = testAttack;

const ssrf = attack('ssrf', {
	signals: ['url-input'],
	categories: ['read'],
	targets: [{ why: 'fetches or opens a URL the agent chooses', signals: ['url-input'], capabilities: ['untrusted-content'] }],
});
const exfil = attack('exfil', {
	signals: ['recipient', 'raw-content'],
	categories: ['write'],
	targets: [
		{ why: 'sends raw content to a recipient the agent chooses', signals: ['recipient', 'raw-content'] },
		{ why: 'sends to a recipient the agent chooses', signals: ['recipient'] },
	],
});
const wipe = attack('wipe', {
	signals: [],
	categories: ['destructive'],
	disclosed: '2025-07-18',
	targets: [{ why: 'deletes records of a knowledge graph', categories: ['destructive'], words: ['entities', 'relations'] }],
});
const paths = attack('paths', {
	signals: ['file-path'],
	targets: [{ why: 'takes a file system path', signals: ['file-path'], unless: ['recipient'] }],
});
// Tagged with a category and signals, but no targets: it links to no tool.
const client = attack('client-bug', { signals: ['url-input'], categories: ['read', 'write', 'destructive'] });
const index = buildAttackIndex([ssrf, exfil, wipe, paths, client], catalogue);
const tool = (id: string) => {
	const t = catalogue.tool(id);
	if (!t) throw new Error(`no tool ${id}`);
	return t;
};

describe('attacks for a tool', () => {
	it.each([
		{
			id: 'agentmail/send_message',
			expected: ['exfil'],
			first: /^send_message sends raw content to a recipient the agent chooses \(.*outbound recipient \(to.*raw HTML/i,
		},
		{
			id: 'modelcontextprotocol-puppeteer/puppeteer_navigate',
			expected: ['ssrf'],
			first: /URL or endpoint input \(url\); exposure to untrusted content/i,
		},
		{ id: 'modelcontextprotocol-memory/delete_entities', expected: ['wipe'], first: /a destructive tool; "entities" in its name/ },
		{
			id: 'modelcontextprotocol-filesystem/read_file',
			expected: ['paths'],
			first: /takes a file system path \(accepts file system path \(path\)\)/,
		},
		{ id: 'modelcontextprotocol-memory/read_graph', expected: [], first: undefined },
	])('$id → $expected', ({ id, expected, first }) => {
		const matches = index.forTool(tool(id));
		expect(matches.map((m) => m.attack.slug)).toEqual(expected);
		if (first) expect(matches[0]?.why).toMatch(first);
	});

	it('takes the most specific target of an attack, and ranks more specific matches first', () => {
		const [m] = index.forTool(tool('agentmail/send_message'));
		expect(m?.score).toBe(6);
		expect(targetScore(exfil.data.targets[1]!)).toBe(3);
	});

	it('an "unless" signal keeps a send tool with an attachment path off the file-path attacks', () => {
		const send = tool('agentmail/send_message');
		expect(send.judgement.signals.map((s) => s.id)).toContain('file-path');
		expect(index.forTool(send).map((m) => m.attack.slug)).not.toContain('paths');
	});

	it('never links through tags alone: an attack without targets exposes nothing', () => {
		for (const t of catalogue.tools) expect(index.forTool(t).map((m) => m.attack.slug)).not.toContain('client-bug');
		expect(index.exposure('client-bug')).toEqual({ total: 0, servers: [] });
	});
});

describe('tools exposed to an attack', () => {
	it('is the exact inverse of the tool matching', () => {
		for (const a of index.attacks) {
			const exposed = catalogue.tools.filter((t) => index.forTool(t, 100).some((m) => m.attack.slug === a.slug));
			expect(index.exposure(a.slug).total).toBe(exposed.length);
		}
	});

	it('groups by server, most exposed first, with up to three examples each', () => {
		const { total, servers: groups } = index.exposure('paths');
		expect(total).toBeGreaterThan(3);
		expect(groups.map((g) => g.count)).toEqual([...groups.map((g) => g.count)].sort((a, b) => b - a));
		for (const g of groups) expect(g.examples.length).toBe(Math.min(3, g.count));
	});
});

describe('the head of a tool name', () => {
	it.each([
		['get_issue', 'issue'],
		['jira_get_issue_worklogs', 'worklogs'],
		['yahoo_mail_send', 'mail'],
		['get-email-metrics', 'metrics'],
		['search_issues_summary', 'issues'],
		['get_comments_list', 'comments'],
		['get_pull_request', 'pull'],
		['list_merge_requests', 'merge'],
		['scrape_as_markdown', 'scrape'],
		['fetch_html', 'fetch'],
		['get', undefined],
	])('%s → %s', (name, head) => {
		expect(headWord(name)).toBe(head);
	});

	it('gates a head target: the word must be what the tool returns', () => {
		const inbox = testAttack('inbox', { targets: [{ why: 'returns issues people write', words: ['issue', 'issues'], head: true }] });
		const plain = testAttack('plain', { targets: [{ why: 'returns issues people write', words: ['issue', 'issues'] }] });
		const heads = buildAttackIndex([inbox], catalogue);
		const plains = buildAttackIndex([plain], catalogue);
		let hits = 0;
		for (const t of catalogue.tools) {
			const h = heads.forTool(t).length > 0;
			if (h) hits++;
			if (h) expect(plains.forTool(t).length, t.id).toBeGreaterThan(0);
			if (h) expect(['issue', 'issues']).toContain(headWord(t.name));
		}
		expect(hits).toBeGreaterThan(0);
		expect(plains.exposure('plain').total).toBeGreaterThanOrEqual(hits);
	});
});

describe('a committed link review', () => {
	const link = (tool: string, attack = 'a'): AttackLink => ({ tool, attack, score: 1, why: 'x' });
	const review = (verdicts: ('relevant' | 'not-relevant')[]) => ({
		links: verdicts.map((verdict, i) => ({ tool: `s/t${i}`, attack: 'a', verdict })),
	});
	const ten = (n: number) => Array.from({ length: 10 }, (_, i) => link(`s/t${i}`)).slice(0, n);

	it.each([
		{ case: 'all live, all relevant', verdicts: Array(10).fill('relevant'), current: ten(10), precision: 1, stale: 0, passes: true },
		{
			case: 'one miss in ten',
			verdicts: [...Array(9).fill('relevant'), 'not-relevant'],
			current: ten(10),
			precision: 0.9,
			stale: 0,
			passes: true,
		},
		{
			case: 'two misses in ten',
			verdicts: [...Array(8).fill('relevant'), 'not-relevant', 'not-relevant'],
			current: ten(10),
			precision: 0.8,
			stale: 0,
			passes: false,
		},
		// The last link (a miss) is gone: it is reported and left out; 9 of 10 still made is enough.
		{
			case: 'a stale miss is left out',
			verdicts: [...Array(9).fill('relevant'), 'not-relevant'],
			current: ten(9),
			precision: 1,
			stale: 1,
			passes: true,
		},
		{ case: 'too many stale', verdicts: Array(10).fill('relevant'), current: ten(8), precision: 1, stale: 2, passes: false },
		// Servers added since the review add links that were never drawn: nothing changes.
		{
			case: 'new links are ignored',
			verdicts: Array(10).fill('relevant'),
			current: [...ten(10), link('new/tool')],
			precision: 1,
			stale: 0,
			passes: true,
		},
	] as const)('$case', ({ verdicts, current, precision, stale, passes }) => {
		const score = scoreReview(review([...verdicts]), current);
		expect(score.precision).toBeCloseTo(precision);
		expect(score.stale.length).toBe(stale);
		expect(score.passes).toBe(passes);
	});
});

describe('signal and category pages', () => {
	it('list the attacks naming them', () => {
		expect(index.forSignal('url-input').map((a) => a.slug)).toEqual(['client-bug', 'ssrf']);
		expect(index.forCategory('destructive').map((a) => a.slug)).toEqual(['wipe', 'client-bug']);
	});
});

describe('cross-references', () => {
	it.each([
		{
			name: 'unknown example tool',
			entry: attack('x', { signals: ['url-input'], exampleTool: 'nope/nothing' }),
			message: /content\/attacks\/x\.mdx: exampleTool: expected a catalogued tool/,
		},
		{
			name: 'unknown related slug',
			entry: attack('x', { related: ['no-such-entry'] }),
			message: /content\/attacks\/x\.mdx: related\[0\]: expected the slug of an attack entry/,
		},
	])('$name fails with the file and the field', ({ entry, message }) => {
		expect(() => buildAttackIndex([entry], catalogue)).toThrow(AttackReferenceError);
		expect(() => buildAttackIndex([entry], catalogue)).toThrow(message);
	});

	it.each([
		{ field: 'signals', patch: { signals: ['url-inptu'] } },
		{ field: 'categories', patch: { categories: ['delete'] } },
		{ field: 'controls', patch: { controls: ['firewall'] } },
		{ field: 'cves', patch: { cves: [{ id: 'CVE-25-1' }] } },
		{ field: 'disclosed', patch: { disclosed: 'April 2025' } },
		{ field: 'targets', patch: { targets: [{ why: 'matches every tool there is' }] } },
		{ field: 'targets', patch: { targets: [{ why: 'a name word in capitals', words: ['Send'] }] } },
		{ field: 'containment', patch: { containment: { kind: 'cannot', why: 'short', instead: 'short' } } },
		{ field: 'containment', patch: { containment: { kind: 'policy', change: { kind: 'check', arg: 'a.b', shape: 'identifier' } } } },
		{ field: 'exampleTool', patch: { containment: { kind: 'policy', change: { kind: 'recommended' } } } },
	])('a mistake in $field is refused by the schema with the field path', ({ field, patch }) => {
		const result = attackSchema.safeParse({ ...attack('ok', {}).data, ...patch });
		expect(result.success).toBe(false);
		expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
	});
});

describe('every attack entry of the fixture catalogue', () => {
	// The live entries are held to the same in attacks.catalogue.test.ts.
	const entries = fixtureAttacks();

	it('validates and resolves its references', () => {
		expect(entries.length).toBe(6);
		expect(() => buildAttackIndex(entries, catalogue)).not.toThrow();
	});
});

describe('Atom feed', () => {
	it('escapes text and normalises partial dates', () => {
		expect(escapeXml('<a href="x">&\u0000</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
		expect(rfc3339('2025-04')).toBe('2025-04-01T00:00:00Z');
		expect(rfc3339('2025')).toBe('2025-01-01T00:00:00Z');
		const xml = atomFeed({
			id: 'https://x/attacks/',
			title: 'T',
			selfUrl: 'https://x/attacks/feed.xml',
			pageUrl: 'https://x/attacks/',
			entries: [{ id: 'https://x/a/', title: 'A <b>', url: 'https://x/a/', updated: '2025-04-01', summary: 'S & s' }],
		});
		expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
		expect(xml).toContain('<updated>2025-04-01T00:00:00Z</updated>');
		expect(xml).toContain('<title>A &lt;b&gt;</title>');
		expect(xml.match(/<entry>/g)).toHaveLength(1);
	});
});
