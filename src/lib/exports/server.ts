/** `/servers/<server>.json`: one server's facts (identity, distributions, provenance, history) and the judgement on each tool. */
import type { ServerView, ToolView } from '../catalogue.ts';
import { CLASSIFIER_VERSION } from '../judge/classify.ts';
import type { ServerFile } from '../content/server.ts';
import { countTools, type DatasetMeta } from './dataset.ts';
import { parseExport } from './parse.ts';
import { absolute, schemaPath, serverJsonPath, serverPagePath, toolJsonPath, toolPagePath } from './paths.ts';
import { serverExportSchema, type ServerExport } from './shapes.ts';

/**
 * A URL in its serialised WHATWG form, which percent-encodes what RFC 3986 does not allow (quotes,
 * angle brackets, non-ASCII), so every URL in an export is a valid JSON Schema `uri`. Same address.
 */
export function uri(url: string): string {
	return new URL(url).href;
}

/** The version the current tool list is from: the latest re-scan's, else the first versioned distribution's. */
export function packageVersion(file: ServerFile): string | undefined {
	const fromHistory = file.history?.at(-1)?.version;
	if (fromHistory) return fromHistory;
	for (const d of file.distributions) if ((d.kind === 'npm' || d.kind === 'pypi') && d.version) return d.version;
	return undefined;
}

/** The judgement on one tool in brief, with absolute links to its page and its JSON twin. */
export function toolSummary(tool: ToolView, site: URL) {
	const { definition } = tool.entry;
	const title = definition.title ?? definition.annotations?.title ?? undefined;
	return {
		id: tool.id,
		name: tool.name,
		...(title && { title }),
		...(tool.entry.subServer && { subServer: tool.entry.subServer }),
		url: absolute(site, toolPagePath(tool.id)),
		json: absolute(site, toolJsonPath(tool.id)),
		category: tool.judgement.category,
		level: tool.judgement.level,
		...(tool.judgement.levelRule && { levelRule: tool.judgement.levelRule }),
		signals: tool.judgement.signals,
		annotations: tool.judgement.annotations.declared,
	};
}

export function serverExport(server: ServerView, meta: DatasetMeta): ServerExport {
	const { file } = server;
	const { site } = meta;
	const p = file.provenance;
	const value = {
		$schema: absolute(site, schemaPath('server')),
		slug: server.slug,
		name: file.name,
		...(file.description && { description: file.description }),
		...(file.homepage && { homepage: uri(file.homepage) }),
		...(file.repository && { repository: uri(file.repository) }),
		url: absolute(site, serverPagePath(server.slug)),
		datasetVersion: meta.version,
		classifierVersion: CLASSIFIER_VERSION,
		distributions: file.distributions.map((d) => (d.kind === 'remote' ? { ...d, url: uri(d.url) } : d)),
		provenance: {
			method: p.method,
			...(p.origin && { origin: p.origin }),
			obtainedAt: p.obtainedAt,
			firstObtainedAt: p.firstObtainedAt ?? p.obtainedAt,
			...(packageVersion(file) && { packageVersion: packageVersion(file) }),
			toolsHash: p.toolsHash,
			completeness: p.completeness,
			...(p.toolCountClaimed !== undefined && { toolCountClaimed: p.toolCountClaimed }),
			...(p.claimSource && { claimSource: p.claimSource }),
			sources: p.sources.map((src) => (src.url ? { ...src, url: uri(src.url) } : src)),
			...(p.scan && { scan: p.scan }),
		},
		...(file.subServers && { subServers: file.subServers.map((s) => ({ id: s.id, name: s.name })) }),
		counts: countTools(server.tools),
		tools: server.tools.map((t) => toolSummary(t, site)),
		policies: server.units.map((u) => ({
			unit: u.id,
			name: u.name,
			tools: u.tools.length,
			intercept: absolute(site, `/servers/${server.slug}/policies/${u.id}.intercept.yaml`),
			policylayer: absolute(site, `/servers/${server.slug}/policies/${u.id}.policylayer.json`),
		})),
		history: (file.history ?? []).map((h) => ({
			date: h.date,
			...(h.version && { version: h.version }),
			previousToolsHash: h.previousToolsHash,
			toolsHash: h.toolsHash,
			changes: h.changes.map((c) => ({
				tool: c.tool,
				...(c.subServer && { subServer: c.subServer }),
				change: c.change,
				...(c.fields && { fields: c.fields }),
				...(c.change === 'renamed' && typeof c.before?.['name'] === 'string' && { renamedFrom: c.before['name'] }),
			})),
		})),
	};
	return parseExport(serverExportSchema, value, serverJsonPath(server.slug));
}
