/**
 * The open-data exports: every export validates against the JSON Schema published for it (compiled
 * by a real validator, Ajv, draft 2020-12 with formats), which is generated from the zod shape the
 * export is parsed with; bad export data fails naming the field; the NDJSON is chunked without
 * changing a byte; the dataset version is derived from the data only; the sitemaps list every page
 * once; llms.txt follows the proposal's layout and stays bounded. The catalogue is the fixture one (with
 * the history and hostile fixtures); exports.catalogue.test.ts validates every export of the live one.
 */
import { describe, expect, it } from 'vitest';
import { checkSitemaps } from '../../src/verify/site-sitemap.mjs';
import { urlPathOf } from '../../src/verify/site-html.mjs';
import { buildAttackIndex } from '../../src/lib/present/attacks.ts';
import { buildCatalogue, type ToolView } from '../../src/lib/catalogue.ts';
import { catalogueLine, catalogueNdjson } from '../../src/lib/exports/bulk.ts';
import { citationBibtex, datasetMeta, datasetVersion } from '../../src/lib/exports/dataset.ts';
import { exportJsonSchema } from '../../src/lib/exports/json-schema.ts';
import { llmsTxt, LLMS_SERVER_CAP } from '../../src/lib/exports/llms.ts';
import { parseExport } from '../../src/lib/exports/parse.ts';
import { EXPORT_SCHEMA_NAMES, EXPORT_SCHEMAS, serverExportSchema } from '../../src/lib/exports/shapes.ts';
import { serverExport } from '../../src/lib/exports/server.ts';
import { FEEDS } from '../../src/lib/present/feeds.ts';
import type { ServerFile } from '../../src/lib/content/server.ts';
import { buildServerFile } from '../../src/lib/content/server-file.ts';
import { sitemapChunk, sitemapChunkCount, sitemapIndexXml, sitemapPaths, sitemapXml, STATIC_PAGES } from '../../src/lib/present/sitemap.ts';
import { describeEveryExportValid, SITE, validators } from './exports-schemas.ts';
import { fixtureAttacks, fixtureServers, readServerFiles } from './support.ts';

/** The fixture catalogue, with re-scan history (watched, steady) and hostile text (whose Agentmail would repeat the fixture's slug). */
const servers: ServerFile[] = [
	...fixtureServers(),
	...readServerFiles('tests/fixtures/history'),
	...readServerFiles('tests/fixtures/hostile-servers').filter((s) => s.slug !== 'agentmail'),
];
const catalogue = buildCatalogue(servers);
const attackEntries = fixtureAttacks();
const attacks = buildAttackIndex(attackEntries, catalogue);
const meta = datasetMeta(catalogue, SITE);

describe('JSON Schemas', () => {
	it.each(EXPORT_SCHEMA_NAMES)('%s: draft 2020-12, with an absolute $id and a title, compiled by Ajv in strict mode', (name) => {
		const schema = exportJsonSchema(name, SITE);
		expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
		expect(schema['$id']).toBe(`https://toolrisk.dev/api/schemas/${name}.schema.json`);
		expect(schema['title']).toBe(EXPORT_SCHEMAS[name].title);
		expect(typeof validators[name]).toBe('function');
	});

	it('our own shapes forbid unknown fields, so a renamed field breaks the schema rather than passing silently', () => {
		const line = catalogueLine(catalogue.tools[0]!, catalogue.server(catalogue.tools[0]!.server)!, SITE);
		expect(validators['catalogue-line']({ ...line, extra: 1 })).toBe(false);
		expect(validators['catalogue-line'].errors?.[0]?.keyword).toBe('additionalProperties');
	});
});

describeEveryExportValid('every export validates against its published schema', {
	catalogue,
	attacks,
	attackCount: attackEntries.length,
	meta,
});

describe('server exports and the NDJSON', () => {
	it('a server export carries provenance with version, dates and hash, its history and its policy downloads', () => {
		const watched = serverExport(catalogue.server('watched')!, meta);
		expect(watched.provenance).toMatchObject({
			firstObtainedAt: '2026-10-01',
			obtainedAt: '2026-11-01T09:30:00Z',
			packageVersion: '1.2.0',
		});
		expect(
			watched.history.map((h) => h.changes.map((c) => `${c.change} ${c.tool}${c.renamedFrom ? ` from ${c.renamedFrom}` : ''}`)),
		).toEqual([
			['changed send_email', 'renamed search from old_search', 'added delete_file'],
			['removed write_file', 'changed read_file', 'added transfer_funds'],
		]);
		expect(watched.policies).toEqual([
			{
				unit: 'watched',
				name: 'Watched Server',
				tools: 5,
				intercept: 'https://toolrisk.dev/servers/watched/policies/watched.intercept.yaml',
				policylayer: 'https://toolrisk.dev/servers/watched/policies/watched.policylayer.json',
			},
		]);
		const steady = serverExport(catalogue.server('steady')!, meta);
		expect(steady.provenance).toMatchObject({ firstObtainedAt: '2026-09-01', packageVersion: '0.3.0' });
		expect(steady.history).toEqual([]);
	});

	it('the NDJSON is the same text whatever the chunk size, and no chunk exceeds it', () => {
		const whole = [...catalogueNdjson(catalogue, SITE)].join('');
		const chunks = [...catalogueNdjson(catalogue, SITE, 7)];
		expect(chunks.join('')).toBe(whole);
		expect(chunks).toHaveLength(Math.ceil(catalogue.tools.length / 7));
		for (const c of chunks) expect(c.split('\n').length - 1).toBeLessThanOrEqual(7);
	});
});

describe('bad export data fails, naming the export and the field', () => {
	const tool = catalogue.tool('watched/delete_file')!;
	const server = catalogue.server('watched')!;
	it.each([
		{
			name: 'a level outside the taxonomy',
			run: () => catalogueLine({ ...tool, judgement: { ...tool.judgement, level: 'extreme' } } as unknown as ToolView, server, SITE),
			message: /\/api\/catalogue\.ndjson \(tool watched\/delete_file\) is invalid:\n {2}- level: /,
		},
		{
			name: 'a signal id outside the taxonomy',
			run: () =>
				catalogueLine(
					{ ...tool, judgement: { ...tool.judgement, signals: [{ id: 'made-up', evidence: [] }] } } as unknown as ToolView,
					server,
					SITE,
				),
			message: /- signals\[0\]\.id: .*\n {2}- signals\[0\]\.evidence: /,
		},
		{
			name: 'a non-http homepage',
			run: () => serverExport({ ...server, file: { ...server.file, homepage: 'javascript:alert(1)' } }, meta),
			message: /\/servers\/watched\.json is invalid:\n {2}- homepage: expected an absolute http\(s\) URL/,
		},
		{
			name: 'a missing tools hash',
			run: () =>
				parseExport(
					serverExportSchema,
					{ ...serverExport(server, meta), provenance: { ...serverExport(server, meta).provenance, toolsHash: 'md5:x' } },
					'/servers/watched.json',
				),
			message: /- provenance\.toolsHash: expected "sha256:" followed by 64 hex digits/,
		},
	])('$name', ({ run, message }) => {
		expect(run).toThrow(message);
	});

	it('the published schema rejects what the zod shape rejects (a missing field)', () => {
		const { toolsHash: _dropped, ...provenance } = serverExport(server, meta).provenance;
		expect(validators.server({ ...JSON.parse(JSON.stringify(serverExport(server, meta))), provenance })).toBe(false);
		expect(validators.server.errors?.[0]?.message).toMatch(/toolsHash/);
	});
});

describe('dataset version', () => {
	it('is `<newest data date>.<12 hex>`, the same for the same content', () => {
		expect(meta.version).toMatch(/^\d{4}-\d{2}-\d{2}\.[0-9a-f]{12}$/);
		expect(datasetVersion(buildCatalogue(servers))).toBe(meta.version);
		expect(meta.version.slice(0, 10)).toBe(meta.updated.slice(0, 10));
	});

	it('changes when a tool list or a server fact changes, whatever the file order', () => {
		expect(datasetVersion(buildCatalogue([...servers].reverse()))).toBe(meta.version);
		const [first, ...rest] = servers;
		const renamed = { ...first!, name: `${first!.name} (renamed)` };
		expect(datasetVersion(buildCatalogue([renamed, ...rest]))).not.toBe(meta.version);
		const fewer = buildServerFile({ ...first!, tools: first!.tools.slice(1), provenance: { ...first!.provenance } }, `${first!.slug}.json`);
		expect(datasetVersion(buildCatalogue([fewer, ...rest]))).not.toBe(meta.version);
	});

	it('goes into a BibTeX entry', () => {
		expect(citationBibtex(meta)).toContain(`version      = {${meta.version}}`);
		expect(citationBibtex(meta)).toMatch(/^@misc\{toolrisk\d{4},\n[\s\S]*\n\}$/);
	});
});

describe('sitemaps', () => {
	const paths = sitemapPaths(
		catalogue,
		attacks.attacks.map((a) => a.slug),
	);
	it('list every page once: static pages, listings, attacks, servers, tools', () => {
		expect(new Set(paths).size).toBe(paths.length);
		for (const p of STATIC_PAGES) expect(paths).toContain(p);
		for (const t of catalogue.tools) expect(paths).toContain(`/tools/${t.id}/`);
		expect(paths).toContain('/signals/money-amount/');
	});

	it('split into chunks of at most the chunk size, every path in exactly one', () => {
		const size = 40;
		const n = sitemapChunkCount(paths.length, size);
		const chunks = Array.from({ length: n }, (_, i) => sitemapChunk(paths, i + 1, size));
		expect(chunks.flat()).toEqual(paths);
		for (const c of chunks) expect(c.length).toBeLessThanOrEqual(size);
		expect(sitemapChunkCount(0)).toBe(1);
		expect(sitemapChunkCount(50_000)).toBe(1);
		expect(sitemapChunkCount(50_001)).toBe(2);
	});

	it('the site check finds pages missing from the sitemaps, extra and duplicate URLs, and a robots.txt without the index', async () => {
		const texts = new Map<string, string>([
			['sitemap-index.xml', sitemapIndexXml(SITE, 1)],
			['sitemaps/1.xml', sitemapXml(SITE, ['/', '/a/', '/a/', '/gone/'])],
			['robots.txt', 'User-agent: *\n'],
		]);
		const files = new Set([...texts.keys(), 'index.html', 'a/index.html', 'b/index.html', '404.html', 'pagefind/x.html']);
		const problems = await checkSitemaps({ files, read: async (f: string) => texts.get(f)!, origin: 'https://toolrisk.dev', urlPathOf });
		expect(problems!.map((p) => `${p.file}: ${p.message}`).sort()).toEqual([
			'robots.txt: does not name the sitemap index (Sitemap: <origin>/sitemap-index.xml)',
			'sitemap-index.xml: the page /b/ is in no sitemap',
			'sitemaps/1.xml: /a/ is listed twice (first in sitemaps/1.xml)',
			'sitemaps/1.xml: lists /gone/, which is not an HTML page of the build',
		]);
		texts.set('sitemaps/1.xml', sitemapXml(SITE, ['/', '/a/', '/b/']));
		texts.set('robots.txt', 'User-agent: *\n\nSitemap: https://toolrisk.dev/sitemap-index.xml\n');
		expect(await checkSitemaps({ files, read: async (f: string) => texts.get(f)!, origin: 'https://toolrisk.dev', urlPathOf })).toEqual([]);
	});
});

describe('llms.txt', () => {
	it('has the proposal layout: H1, blockquote summary, then H2 sections of links', () => {
		const text = llmsTxt(catalogue, meta, FEEDS);
		const lines = text.split('\n');
		expect(lines[0]).toBe('# toolrisk');
		expect(lines.find((l) => l.trim() !== '' && !l.startsWith('# '))).toMatch(/^> .*\d+ tools from \d+ servers/);
		expect(lines.filter((l) => l.startsWith('## '))).toEqual([
			'## Data exports',
			'## Feeds',
			'## How it works',
			'## Categories',
			'## Signals',
			'## Servers',
			'## Optional',
		]);
		for (const l of lines.filter((x) => x.startsWith('- ['))) expect(l).toMatch(/^- \[[^\]\n]+\]\(https:\/\/toolrisk\.dev\/[^)\s]*\)/);
		expect(text).toContain('https://toolrisk.dev/api/catalogue.ndjson');
	});

	it(`lists at most ${LLMS_SERVER_CAP} servers, then points to the exports`, () => {
		const many = Array.from({ length: LLMS_SERVER_CAP + 5 }, (_, i) =>
			buildServerFile(
				{
					slug: `s${i}`,
					name: `Server [${i}]`,
					distributions: [{ kind: 'npm', package: `s${i}`, version: '1.0.0' }],
					provenance: { method: 'import', obtainedAt: '2026-01-01', sources: [{ title: 't', ref: 'r' }], completeness: 'complete' },
					tools: [{ definition: { name: 'get_x', description: 'Get x.', inputSchema: { type: 'object' } } }],
				},
				`s${i}.json`,
			),
		);
		const big = buildCatalogue(many);
		const text = llmsTxt(big, datasetMeta(big, SITE), FEEDS);
		const serverLines = text.split('\n').filter((l) => l.includes('/servers/s') || l.includes('more servers'));
		expect(serverLines).toHaveLength(LLMS_SERVER_CAP + 1);
		expect(serverLines.at(-1)).toMatch(/^- 5 more servers: /);
		expect(text).toContain('- [Server \\[0\\]](https://toolrisk.dev/servers/s0/)');
	});
});
