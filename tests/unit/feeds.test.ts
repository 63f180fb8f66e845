/**
 * The watch feeds, from the history fixtures (tests/fixtures/history, generated with chained
 * tool-list hashes): what each feed holds, dated from the data; and each feed parsed as XML and
 * checked against RFC 4287 (feed id, title, updated, author, rel=self; each entry id, title,
 * updated, link; RFC 3339 dates; unique ids), bounded and in a deterministic order.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { atomFeed, byNewest, newestEntries, rfc3339 } from '../../src/lib/present/atom.ts';
import { buildCatalogue, type Catalogue } from '../../src/lib/catalogue.ts';
import { addedDates, describeChange, FEED_LIMIT, FEEDS, TOOL_FEED_IDS, toolFeed, type ToolFeedId } from '../../src/lib/present/feeds.ts';
import { serializeServerFile, parseServerFile } from '../../src/lib/content/server-file.ts';
import { toolsHash } from '../../src/lib/content/tools-hash.ts';
import { historyFixtures, WATCHED_VERSIONS } from '../fixtures/history/generate.ts';

const SITE = new URL('https://toolrisk.dev');
const DIR = 'tests/fixtures/history';
const files = ['steady', 'watched'].map((slug) =>
	parseServerFile(JSON.parse(readFileSync(join(DIR, `${slug}.json`), 'utf8')), join(DIR, `${slug}.json`)),
);
const catalogue = buildCatalogue(files);
const FALLBACK = '2026-11-01T09:30:00Z';

const feed = (id: ToolFeedId, cat: Catalogue = catalogue, limit?: number) => toolFeed(id, cat, SITE, FALLBACK, limit);

describe('the history fixtures', () => {
	it('are what generate.ts writes (regenerate with it, never by hand)', () => {
		for (const server of historyFixtures())
			expect(readFileSync(join(DIR, `${server.slug}.json`), 'utf8')).toBe(serializeServerFile(server));
	});

	it('chain: each entry starts at the previous tool list and the last ends at the current one', () => {
		const watched = files.find((f) => f.slug === 'watched')!;
		const hashes = WATCHED_VERSIONS.map((v) => toolsHash(v));
		expect(watched.history!.map((h) => [h.previousToolsHash, h.toolsHash])).toEqual([
			[hashes[0], hashes[1]],
			[hashes[1], hashes[2]],
		]);
		expect(watched.provenance.toolsHash).toBe(hashes[2]);
	});
});

describe('new tools', () => {
	it('dates each current tool by the re-scan that added it (carried across renames), else by first cataloguing', () => {
		const dates = addedDates(files.find((f) => f.slug === 'watched')!);
		expect(Object.fromEntries([...dates].map(([k, v]) => [k.replace('\u0000', ''), v]))).toEqual({
			read_file: { date: '2026-10-01' },
			send_email: { date: '2026-10-01' },
			search: { date: '2026-10-01' },
			delete_file: { date: '2026-10-15', version: '1.1.0' },
			transfer_funds: { date: '2026-11-01T09:30:00Z', version: '1.2.0' },
		});
	});

	it('lists every current tool, newest first, then by id', () => {
		const entries = feed('new-tools').entries;
		expect(entries.map((e) => [e.title, rfc3339(e.updated)])).toEqual([
			['Watched Server: transfer_funds', '2026-11-01T09:30:00Z'],
			['Watched Server: delete_file', '2026-10-15T00:00:00Z'],
			['Watched Server: read_file', '2026-10-01T00:00:00Z'],
			['Watched Server: search', '2026-10-01T00:00:00Z'],
			['Watched Server: send_email', '2026-10-01T00:00:00Z'],
			['Steady Server: drop_table', '2026-09-01T00:00:00Z'],
			['Steady Server: list_items', '2026-09-01T00:00:00Z'],
		]);
		expect(entries[0]).toMatchObject({
			id: 'tag:toolrisk.dev,2026-11-01:tools/watched/transfer_funds',
			url: 'https://toolrisk.dev/tools/watched/transfer_funds/',
		});
		expect(entries[0]!.summary).toMatch(/^Catalogued 2026-11-01 \(version 1\.2\.0\): critical risk, financial; signals: .*money-amount/);
	});

	it('the critical feed holds only critical tools', () => {
		const entries = feed('critical').entries;
		const ids = entries.map((e) => e.url.replace('https://toolrisk.dev/tools/', ''));
		expect(ids).toEqual(['watched/transfer_funds/', 'watched/delete_file/', 'steady/drop_table/']);
		for (const id of ids) expect(catalogue.tool(id.slice(0, -1))!.judgement.level).toBe('critical');
		expect(entries.every((e) => e.id.includes(':critical/'))).toBe(true);
	});
});

describe('changed tools', () => {
	it('says what changed and links the tool page, or the server page for a tool no longer listed (same date: in the order the re-scan recorded them)', () => {
		expect(feed('changed-tools').entries.map((e) => ({ title: e.title, url: e.url, updated: e.updated }))).toEqual([
			{
				title: 'Watched Server: write_file removed from the tool list',
				url: 'https://toolrisk.dev/servers/watched/',
				updated: '2026-11-01T09:30:00Z',
			},
			{
				title: 'Watched Server: read_file description and input schema changed',
				url: 'https://toolrisk.dev/tools/watched/read_file/',
				updated: '2026-11-01T09:30:00Z',
			},
			{
				title: 'Watched Server: send_email description changed',
				url: 'https://toolrisk.dev/tools/watched/send_email/',
				updated: '2026-10-15',
			},
			{ title: 'Watched Server: search renamed from old_search', url: 'https://toolrisk.dev/tools/watched/search/', updated: '2026-10-15' },
		]);
	});

	it.each([
		{ change: { tool: 'a', change: 'changed', fields: ['description'] }, words: 'description changed' },
		{
			change: { tool: 'a', change: 'changed', fields: ['title', 'inputSchema', 'other'] },
			words: 'title, input schema and other fields changed',
		},
		{ change: { tool: 'a', change: 'renamed', fields: ['name'], before: { name: 'b' } }, words: 'renamed from b' },
		{
			change: { tool: 'a', change: 'renamed', fields: ['name', 'annotations'], before: { name: 'b' } },
			words: 'renamed from b; annotations changed',
		},
		{ change: { tool: 'a', change: 'removed' }, words: 'removed from the tool list' },
	] as const)('$words', ({ change, words }) => {
		expect(
			describeChange({ ...change, fields: change.fields ? [...change.fields] : undefined } as Parameters<typeof describeChange>[0]),
		).toBe(words);
	});

	it('ids are stable tag: URIs naming the re-scan (by its tool-list hash) and the change', () => {
		const ids = feed('changed-tools').entries.map((e) => e.id);
		for (const id of ids) expect(id).toMatch(/^tag:toolrisk\.dev,\d{4}-\d{2}-\d{2}:changes\/watched\/[0-9a-f]{12}\/\d+$/);
		expect(feed('changed-tools').entries.map((e) => e.id)).toEqual(ids);
	});

	it('is empty, with a valid date, when no server has history', () => {
		const quiet = buildCatalogue(files.filter((f) => f.slug === 'steady'));
		const empty = feed('changed-tools', quiet);
		expect(empty.entries).toEqual([]);
		expect(atomFeed(empty)).toContain(`<updated>${FALLBACK}</updated>`);
	});
});

describe('bounds and order', () => {
	it(`keeps the newest entries only (${FEED_LIMIT} by default)`, () => {
		expect(feed('new-tools', catalogue, 2).entries.map((e) => e.title)).toEqual([
			'Watched Server: transfer_funds',
			'Watched Server: delete_file',
		]);
		const many = Array.from({ length: FEED_LIMIT + 20 }, (_, i) => ({
			id: `e${String(i).padStart(3, '0')}`,
			title: 't',
			url: 'https://x/',
			updated: `2026-01-${String((i % 28) + 1).padStart(2, '0')}`,
			summary: 's',
		}));
		const kept = newestEntries(many, FEED_LIMIT);
		expect(kept).toHaveLength(FEED_LIMIT);
		expect([...kept].sort(byNewest)).toEqual(kept);
		expect(newestEntries([...many].reverse(), FEED_LIMIT)).toEqual(kept);
	});
});

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const parser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '@',
	isArray: (name) => ['entry', 'link', 'author'].includes(name),
});

type Link = { '@href': string; '@rel'?: string; '@type'?: string };
type Entry = { id: string; title: string; updated: string; summary?: string; link: Link[]; author?: unknown[] };

/** Parses an Atom document and checks what RFC 4287 requires of it; returns the parsed feed. */
function checkAtom(xml: string) {
	expect(XMLValidator.validate(xml)).toBe(true);
	const doc = parser.parse(xml) as {
		feed: { '@xmlns': string; id: string; title: string; updated: string; author?: { name: string }[]; link: Link[]; entry?: Entry[] };
	};
	const f = doc.feed;
	expect(f['@xmlns']).toBe('http://www.w3.org/2005/Atom');
	expect(f.id).toMatch(/^(https:\/\/|tag:)/);
	expect(typeof f.title).toBe('string');
	expect(f.updated).toMatch(RFC3339);
	const self = f.link.filter((l) => l['@rel'] === 'self');
	expect(self).toHaveLength(1);
	expect(self[0]!['@href']).toMatch(/^https:\/\//);
	const entries = f.entry ?? [];
	// atom:author on the feed, or on every entry (4.1.1).
	expect(f.author?.[0]?.name ?? entries.every((e) => e.author)).toBeTruthy();
	for (const e of entries) {
		expect(e.id).toMatch(/^(https:\/\/|tag:[a-z0-9.-]+,\d{4}(-\d{2}(-\d{2})?)?:)/);
		expect(String(e.title).length).toBeGreaterThan(0);
		expect(e.updated).toMatch(RFC3339);
		// An entry without content must have a rel=alternate link (4.1.2); a link without rel is alternate.
		expect(e.link.some((l) => (l['@rel'] ?? 'alternate') === 'alternate' && /^https:\/\//.test(l['@href']))).toBe(true);
	}
	expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
	if (entries.length > 0)
		expect(f.updated).toBe(
			entries
				.map((e) => e.updated)
				.sort()
				.at(-1),
		);
	return { ...f, entry: entries };
}

describe('as Atom (RFC 4287)', () => {
	it.each(TOOL_FEED_IDS)('%s', (id) => {
		const xml = atomFeed(feed(id));
		const parsed = checkAtom(xml);
		expect(parsed.id).toBe(`https://toolrisk.dev${FEEDS.find((f) => f.id === id)!.path}`);
		expect(parsed.entry.length).toBe(feed(id).entries.length);
		// Newest first.
		const dates = parsed.entry.map((e) => e.updated);
		expect([...dates].sort().reverse()).toEqual(dates);
		expect(atomFeed(feed(id))).toBe(xml);
	});

	it('hostile tool names and descriptions are escaped and the feed stays well-formed', () => {
		const hostile = [...JSON.parse(readFileSync('tests/fixtures/hostile-servers/hostile-server.json', 'utf8')).tools];
		expect(hostile.length).toBeGreaterThan(0);
		const server = parseServerFile(
			JSON.parse(readFileSync('tests/fixtures/hostile-servers/hostile-server.json', 'utf8')),
			'tests/fixtures/hostile-servers/hostile-server.json',
		);
		const xml = atomFeed(feed('new-tools', buildCatalogue([server])));
		const parsed = checkAtom(xml);
		expect(parsed.entry.length).toBe(Math.min(server.tools.length, FEED_LIMIT));
		expect(xml).not.toMatch(/<script/i);
	});
});
