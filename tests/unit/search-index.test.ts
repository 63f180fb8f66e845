/**
 * The search documents (src/lib/present/search-index.ts): one per server with each tool as an anchored
 * heading, what is indexed and what is not, escaping of hostile names, and the anchor round trip.
 */
import { describe, expect, it } from 'vitest';
import { buildCatalogue } from '../../src/lib/catalogue.ts';
import { INDEXED_DESCRIPTION, nameWords, parseToolAnchor, searchDocuments, toolAnchorId } from '../../src/lib/present/search-index.ts';
import { fixtureCatalogue, readServerFiles, testAttack } from './support.ts';

describe('nameWords', () => {
	it.each([
		['create_memory', 'create memory'],
		['createMemory', 'create memory'],
		['GitHub-search.v2', 'git hub search v2'],
		['get_URL', 'get url'],
		['plain', 'plain'],
		['__', ''],
	])('%s gives %s', (name, words) => expect(nameWords(name)).toBe(words));
});

describe('tool anchors', () => {
	it('round-trip the level, category and segment', () => {
		const a = { level: 'critical', category: 'destructive', segment: 'delete_repo--sub' } as const;
		expect(parseToolAnchor(toolAnchorId(a))).toEqual(a);
	});
	it.each(['', 'critical', 'critical~destructive', 'nope~destructive~x', 'critical~nope~x'])('refuse %j', (id) =>
		expect(parseToolAnchor(id)).toBeUndefined(),
	);
});

describe('searchDocuments (fixture catalogue)', () => {
	const catalogue = fixtureCatalogue();
	const docs = searchDocuments(catalogue, [testAttack('test-attack', { summary: 'A <b>summary</b> for the index.' })]);

	it('has one document per server and per attack, and none per tool', () => {
		expect(docs).toHaveLength(catalogue.servers.length + 1);
		expect(new Set(docs.map((d) => d.url)).size).toBe(docs.length);
		expect(docs.at(-1)!.url).toBe('/attacks/test-attack/');
	});

	it('gives every tool a heading whose id names its level, category and page', () => {
		let headings = 0;
		for (const server of catalogue.servers) {
			const doc = docs.find((d) => d.url === `/servers/${server.slug}/`)!;
			const ids = [...doc.html.matchAll(/<h2 id="([^"]+)">/g)].map((m) => m[1]!);
			expect(ids).toHaveLength(server.tools.length);
			ids.forEach((id, i) => {
				const t = server.tools[i]!;
				expect(parseToolAnchor(id)).toEqual({ level: t.judgement.level, category: t.judgement.category, segment: t.segment });
			});
			headings += ids.length;
		}
		expect(headings).toBe(catalogue.tools.length);
	});

	it('indexes the start of a description only, and no policy text', () => {
		const long = catalogue.tools.find((t) => (t.entry.definition.description ?? '').length > INDEXED_DESCRIPTION + 100)!;
		const doc = docs.find((d) => d.url === `/servers/${long.server}/`)!.html;
		const flat = long.entry.definition.description!.replace(/\s+/g, ' ').trim();
		expect(doc).not.toContain(flat.slice(INDEXED_DESCRIPTION + 20, INDEXED_DESCRIPTION + 60).replace(/&/g, '&amp;'));
		for (const d of docs) expect(d.html).not.toMatch(/rate_limit|on_deny|"version"/);
	});

	it('escapes hostile names and descriptions: no markup but its own', () => {
		const hostile = searchDocuments(buildCatalogue(readServerFiles('tests/fixtures/hostile-servers')), []);
		for (const d of hostile) {
			const tags = [...d.html.matchAll(/<\/?([a-zA-Z0-9]+)/g)].map((m) => m[1]!);
			expect(new Set(tags)).toEqual(new Set(tags.filter((t) => ['html', 'body', 'main', 'h1', 'h2', 'p', 'span'].includes(t))));
			expect(d.html).not.toMatch(/<[a-z]+[^>]*\son[a-z]+=/i);
			// Pagefind's parser refuses lone surrogates, and no HTML document may hold C0 controls.
			expect(d.html.isWellFormed()).toBe(true);
			expect(d.html).not.toMatch(/[\u0000-\u0008\u000B\u000E-\u001F]/);
		}
		expect(hostile.some((d) => d.html.includes('&lt;'))).toBe(true);
	});

	it('marks the filters of each server: the levels and categories of its tools', () => {
		for (const server of catalogue.servers.slice(0, 40)) {
			const doc = docs.find((d) => d.url === `/servers/${server.slug}/`)!.html;
			const risks = [...doc.matchAll(/data-pagefind-filter="risk">([a-z]+)</g)].map((m) => m[1]).sort();
			expect(risks).toEqual(
				Object.entries(server.levelCounts)
					.filter(([, n]) => n > 0)
					.map(([l]) => l)
					.sort(),
			);
		}
	});
});
