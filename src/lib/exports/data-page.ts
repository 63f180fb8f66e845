/**
 * What the `/data/` page lists: the index's exports, feeds and schemas (so the page and
 * `/api/index.json` cannot disagree), as site paths, plus the sitemap chunks and the citation.
 */
import type { Catalogue } from '../catalogue.ts';
import { FEEDS } from '../present/feeds.ts';
import { sitemapChunk, sitemapChunkCount, sitemapPaths } from '../present/sitemap.ts';
import { dataIndex } from './bulk.ts';
import { citationBibtex, citationText, datasetMeta } from './dataset.ts';
import { PATHS, sitemapChunkPath } from './paths.ts';

const pathOf = (url: string) => decodeURI(new URL(url).pathname);

export function dataPageModel(catalogue: Catalogue, attackSlugs: readonly string[], site: URL) {
	const meta = datasetMeta(catalogue, site);
	const paths = sitemapPaths(catalogue, attackSlugs);
	const chunks = sitemapChunkCount(paths.length);
	const index = dataIndex(catalogue, { meta, attacks: attackSlugs.length, sitemapChunks: chunks, feeds: FEEDS });
	const example = catalogue.servers[0];
	const exampleTool = catalogue.tools[0];
	/** A real file for a URL template, so the page links somewhere that exists. */
	const exampleFor = (id: string): string | undefined => {
		if (id === 'server' && example) return `/servers/${example.slug}.json`;
		if (id === 'tool' && exampleTool) return `/tools/${exampleTool.id}.json`;
		if (id === 'policy' && example) return `/servers/${example.slug}/policies/${example.units[0]!.id}.intercept.yaml`;
		return undefined;
	};
	return {
		index,
		exports: index.exports.map((e) => {
			const template = e.url.includes('%7B') || e.url.includes('{');
			return {
				...e,
				path: pathOf(e.url),
				template,
				example: template ? exampleFor(e.id) : undefined,
				schemaPath: e.schema && pathOf(e.schema),
			};
		}),
		feeds: index.feeds.map((f) => ({ ...f, path: pathOf(f.url) })),
		schemas: index.schemas.map((s) => ({ ...s, path: pathOf(s.url) })),
		sitemaps: Array.from({ length: chunks }, (_, i) => ({ path: sitemapChunkPath(i + 1), urls: sitemapChunk(paths, i + 1).length })),
		sitemapIndex: PATHS.sitemapIndex,
		pages: paths.length,
		citation: citationText(meta),
		bibtex: citationBibtex(meta),
	};
}
