/**
 * The whole-catalogue exports: `/api/catalogue.ndjson` (one self-contained JSON line per tool) and
 * `/api/index.json` (counts, dataset version, licence, and a link to every export, feed and schema).
 */
import type { Catalogue, ServerView, ToolView } from '../catalogue.ts';
import { CLASSIFIER_VERSION } from '../judge/classify.ts';
import { catalogueCounts, citationText, type DatasetMeta } from './dataset.ts';
import { parseExport } from './parse.ts';
import { absolute, FORMAT_VERSION, LICENCE, PATHS, schemaPath, serverPagePath } from './paths.ts';
import { catalogueLineSchema, EXPORT_SCHEMA_NAMES, indexSchema, type CatalogueLine, type DataIndex } from './shapes.ts';
import { toolSummary } from './server.ts';

/** Lines per chunk the NDJSON route encodes at once: big enough to be cheap, small enough to bound memory. */
const NDJSON_CHUNK_LINES = 1000;

export function catalogueLine(tool: ToolView, server: ServerView, site: URL): CatalogueLine {
	const { id, name, title, subServer, url, json, category, level, levelRule, signals, annotations } = toolSummary(tool, site);
	const value = {
		server: server.slug,
		serverName: server.file.name,
		...(subServer && { subServer }),
		id,
		name,
		...(title && { title }),
		description: tool.entry.definition.description ?? '',
		category,
		level,
		...(levelRule && { levelRule }),
		signals,
		annotations,
		parameterCount: tool.judgement.parameterCount,
		url,
		json,
		serverUrl: absolute(site, serverPagePath(server.slug)),
	};
	return parseExport(catalogueLineSchema, value, `${PATHS.catalogue} (tool ${tool.id})`);
}

/**
 * The NDJSON text in chunks of up to `NDJSON_CHUNK_LINES` lines, each ending in a newline, in
 * catalogue order (servers by slug, tools as listed). Lazy: the whole file never has to be one string.
 */
export function* catalogueNdjson(catalogue: Catalogue, site: URL, chunkLines = NDJSON_CHUNK_LINES): Generator<string> {
	let lines: string[] = [];
	for (const tool of catalogue.tools) {
		lines.push(JSON.stringify(catalogueLine(tool, catalogue.server(tool.server)!, site)));
		if (lines.length >= chunkLines) {
			yield `${lines.join('\n')}\n`;
			lines = [];
		}
	}
	if (lines.length > 0) yield `${lines.join('\n')}\n`;
}

interface IndexInput {
	meta: DatasetMeta;
	attacks: number;
	sitemapChunks: number;
	feeds: readonly { id: string; title: string; path: string; description: string }[];
}

export function dataIndex(catalogue: Catalogue, input: IndexInput): DataIndex {
	const { meta, attacks, sitemapChunks, feeds } = input;
	const { site } = meta;
	const counts = catalogueCounts(catalogue);
	const units = catalogue.servers.reduce((n, s) => n + s.units.length, 0);
	const at = (path: string) => absolute(site, path);
	const value = {
		$schema: at(schemaPath('index')),
		title: 'toolrisk open data',
		description:
			'Every catalogued MCP tool with its category, risk level and signals (with evidence), per-server facts and gateway policies.',
		site: site.href,
		datasetVersion: meta.version,
		classifierVersion: CLASSIFIER_VERSION,
		formatVersion: FORMAT_VERSION,
		dataUpdated: meta.updated,
		licence: { content: { id: LICENCE.content.id, url: LICENCE.content.url }, code: { id: LICENCE.code.id, url: LICENCE.code.url } },
		citation: citationText(meta),
		counts,
		exports: [
			{
				id: 'catalogue',
				title: 'Whole catalogue (NDJSON)',
				url: at(PATHS.catalogue),
				mediaType: 'application/x-ndjson',
				schema: at(schemaPath('catalogue-line')),
				count: counts.tools,
				description: 'One JSON object per line, one line per tool; each line is self-contained.',
			},
			{
				id: 'server',
				title: 'Per-server JSON',
				url: at(PATHS.serverTemplate),
				mediaType: 'application/json',
				schema: at(schemaPath('server')),
				count: counts.servers,
				description: 'One file per server: facts, provenance, history, every tool in brief and the policy downloads.',
			},
			{
				id: 'tool',
				title: 'Per-tool JSON (the twin of each tool page)',
				url: at(PATHS.toolTemplate),
				mediaType: 'application/json',
				schema: at(schemaPath('tool')),
				count: counts.tools,
				description: 'The definition as listed, the judgement with evidence, both policy documents and the provenance.',
			},
			{
				id: 'policy',
				title: 'Whole-server policies',
				url: at(PATHS.policyTemplate),
				mediaType: 'application/yaml',
				count: units,
				description: 'Intercept YAML per deployable unit; the PolicyLayer JSON is beside it as .policylayer.json.',
			},
			{
				id: 'attacks',
				title: 'Attack database',
				url: at(PATHS.attacks),
				mediaType: 'application/json',
				schema: at(schemaPath('attacks')),
				count: attacks,
				description: 'Every attack entry with its facts and how many catalogued tools it exposes.',
			},
			{
				id: 'index',
				title: 'This index',
				url: at(PATHS.index),
				mediaType: 'application/json',
				schema: at(schemaPath('index')),
				description: 'Counts, dataset version, licence and links.',
			},
			{
				id: 'llms',
				title: 'llms.txt',
				url: at(PATHS.llms),
				mediaType: 'text/plain',
				description: 'A short guide to the site for language models (the llms.txt proposal).',
			},
			{
				id: 'sitemap',
				title: 'Sitemap index',
				url: at(PATHS.sitemapIndex),
				mediaType: 'application/xml',
				count: sitemapChunks,
				description: 'Every HTML page, in sitemaps of at most 50,000 URLs.',
			},
		],
		feeds: feeds.map((f) => ({ id: f.id, title: f.title, url: at(f.path), mediaType: 'application/atom+xml', description: f.description })),
		schemas: EXPORT_SCHEMA_NAMES.map((name) => ({ id: name, url: at(schemaPath(name)) })),
		sitemap: at(PATHS.sitemapIndex),
	};
	return parseExport(indexSchema, value, PATHS.index);
}
