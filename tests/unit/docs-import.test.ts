/**
 * Vendor documentation: a docs file becomes tool entries marked as documented (description
 * reconstructed, schema unpublished unless the page gives one), the content file is `docs` and
 * partial with the page and its date, and a broken docs file names the field.
 */
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/lib/content/errors.ts';
import { docsEntries, parseDocsFile } from '../../src/ingest/docs.ts';
import { sourcedServerFile } from '../../src/ingest/sourced.ts';

const base = {
	url: 'https://docs.example.com/mcp',
	title: 'Example MCP docs',
	date: '2026-11-30',
	tools: [
		{
			name: 'search_things',
			description: 'Search things.',
			parameters: [{ name: 'query', evidence: 'the page: "query: what to search"' }],
		},
		{
			name: 'delete_thing',
			description: 'Delete a thing.',
			inputSchema: { type: 'object', properties: { id: { type: 'string' } } },
			annotations: { destructiveHint: true },
		},
		{ name: 'whoami' },
	],
};

describe('docs entries', () => {
	const entries = docsEntries(parseDocsFile(base, 'docs/example.json'));
	it('names and documented descriptions, marked as documented; no schema unless the page gives one', () => {
		expect(entries[0]).toMatchObject({
			definition: { name: 'search_things', description: 'Search things.' },
			status: { description: 'reconstructed', inputSchema: 'unpublished' },
			knownParameters: [{ name: 'query' }],
		});
		expect(entries[0]!.definition.inputSchema).toBeUndefined();
		expect(entries[1]).toMatchObject({
			definition: { inputSchema: { type: 'object' }, annotations: { destructiveHint: true } },
			status: { inputSchema: 'partial' },
		});
		expect(entries[2]).toMatchObject({ definition: { name: 'whoami' }, status: { description: 'unpublished' } });
		expect(entries[0]!.status?.note).toContain('https://docs.example.com/mcp');
	});
	it('the content file is docs, partial, with the page and date as its origin', () => {
		const file = sourcedServerFile(
			{
				slug: 'example',
				name: 'Example',
				distributions: [{ kind: 'remote', url: 'https://mcp.example.com/mcp', transport: 'streamable-http' }],
				method: 'docs',
				origin: { url: base.url, date: base.date, matchesRelease: 'unknown', releaseNote: 'hosted' },
				sources: [{ title: base.title, url: base.url }],
				obtainedAt: '2026-12-03',
				notes: [],
				tools: entries,
			},
			'servers/example.json',
		);
		expect(file.provenance).toMatchObject({ method: 'docs', completeness: 'partial', origin: { url: base.url, date: base.date } });
	});
});

describe('broken docs files', () => {
	it.each([
		['no tools', { ...base, tools: [] }, 'tools', 'at least one documented tool'],
		['a bad date', { ...base, date: 'last week' }, 'date', 'YYYY-MM-DD'],
		['a page that is not http', { ...base, url: 'file:///x' }, 'url', 'http(s) URL'],
		['an unknown field', { ...base, tools: [{ name: 'x', guessedSchema: {} }] }, 'tools[0]', 'guessedSchema'],
	])('%s', (_l, doc, path, expectation) => {
		let error: unknown;
		try {
			parseDocsFile(doc, 'docs/example.json');
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(DataError);
		const line = (error as DataError).problems.find((p) => p.startsWith(`${path}: `));
		expect(line, (error as DataError).message).toBeDefined();
		expect(line).toContain(expectation);
	});
	it('a tool listed twice', () => {
		expect(() => parseDocsFile({ ...base, tools: [{ name: 'a' }, { name: 'a' }] }, 'docs/x.json')).toThrow(/"a" is listed twice/);
	});
});
