/**
 * Facts about the dataset as a whole: its version, the newest date in it, its counts and how to cite
 * it. All are derived from the content (never from the build time), so two builds of the same
 * content are byte-identical.
 */
import { createHash } from 'node:crypto';
import { rfc3339 } from '../present/atom.ts';
import { canonicalJson } from '../text/canonical-json.ts';
import type { Catalogue, ToolView } from '../catalogue.ts';
import { CLASSIFIER_VERSION } from '../judge/classify.ts';
import { CATEGORY_IDS, RISK_LEVEL_IDS, SIGNAL_IDS, type Category, type RiskLevel, type SignalId } from '../taxonomy.ts';
import { FORMAT_VERSION, LICENCE } from './paths.ts';

export interface Counts {
	tools: number;
	byLevel: Record<RiskLevel, number>;
	byCategory: Record<Category, number>;
	bySignal: Record<SignalId, number>;
}

/** Counts per level, category and signal over `tools` (a tool counts once per signal it carries). O(n). */
export function countTools(tools: readonly ToolView[]): Counts {
	const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
	const counts: Counts = { tools: tools.length, byLevel: zero(RISK_LEVEL_IDS), byCategory: zero(CATEGORY_IDS), bySignal: zero(SIGNAL_IDS) };
	for (const t of tools) {
		counts.byLevel[t.judgement.level]++;
		counts.byCategory[t.judgement.category]++;
		for (const s of t.judgement.signals) counts.bySignal[s.id]++;
	}
	return counts;
}

/** Catalogue-wide counts, from the catalogue's own indexes (no pass over the tools). */
export function catalogueCounts(catalogue: Catalogue): Counts & { servers: number } {
	const of = <K extends string>(keys: readonly K[], lists: Record<K, readonly ToolView[]>) =>
		Object.fromEntries(keys.map((k) => [k, lists[k].length])) as Record<K, number>;
	return {
		servers: catalogue.servers.length,
		tools: catalogue.tools.length,
		byLevel: of(RISK_LEVEL_IDS, catalogue.byLevel),
		byCategory: of(CATEGORY_IDS, catalogue.byCategory),
		bySignal: of(SIGNAL_IDS, catalogue.bySignal),
	};
}

/** The newer of two dates (each a date or date-time), compared as instants; ties keep `a`. */
function newer(a: string | undefined, b: string): string {
	return a === undefined || rfc3339(b) > rfc3339(a) ? b : a;
}

/** The newest date anywhere in the data: a scan, an import or a re-scan. `1970-01-01` for an empty catalogue. */
export function dataUpdated(catalogue: Catalogue): string {
	let latest: string | undefined;
	for (const s of catalogue.servers) {
		latest = newer(latest, s.file.provenance.obtainedAt);
		for (const h of s.file.history ?? []) latest = newer(latest, h.date);
	}
	return latest ?? '1970-01-01';
}

/**
 * The dataset version: `<date of the newest data>.<12 hex digits>`, the digits a SHA-256 over the
 * classifier and export format versions and, for every server in slug order, its tool-list hash and
 * the canonical JSON of its other facts. Any change to a tool list, to a server's facts, to the
 * classifier or to the export format gives a new version; rebuilding the same content never does.
 */
export function datasetVersion(catalogue: Catalogue): string {
	const hash = createHash('sha256');
	hash.update(`classifier ${CLASSIFIER_VERSION}\nformat ${FORMAT_VERSION}\n`);
	for (const s of catalogue.servers) {
		const { tools: _tools, ...facts } = s.file;
		hash.update(`${s.slug} ${s.file.provenance.toolsHash} ${canonicalJson(facts)}\n`);
	}
	return `${rfc3339(dataUpdated(catalogue)).slice(0, 10)}.${hash.digest('hex').slice(0, 12)}`;
}

export interface DatasetMeta {
	site: URL;
	version: string;
	updated: string;
}

const metaCache = new WeakMap<Catalogue, DatasetMeta>();

/**
 * Everything the exports, the data page and `llms.txt` say about the dataset. Computed once per
 * catalogue (it reads every server's facts) and shared by every route that asks.
 */
export function datasetMeta(catalogue: Catalogue, site: URL): DatasetMeta {
	let meta = metaCache.get(catalogue);
	if (!meta || meta.site.href !== site.href) {
		meta = { site, version: datasetVersion(catalogue), updated: dataUpdated(catalogue) };
		metaCache.set(catalogue, meta);
	}
	return meta;
}

/** A suggested citation in prose. */
export function citationText(meta: DatasetMeta): string {
	const year = meta.updated.slice(0, 4);
	return `toolrisk contributors (${year}). toolrisk: an open catalogue of MCP tool risk (dataset version ${meta.version}) [Data set]. ${meta.site.href}. Licensed under ${LICENCE.content.id}.`;
}

/** The same citation as a BibTeX `@misc` entry. */
export function citationBibtex(meta: DatasetMeta): string {
	const year = meta.updated.slice(0, 4);
	const key = `toolrisk${year}`;
	return [
		`@misc{${key},`,
		'  author       = {{toolrisk contributors}},',
		'  title        = {toolrisk: an open catalogue of {MCP} tool risk},',
		`  year         = {${year}},`,
		`  version      = {${meta.version}},`,
		`  howpublished = {\\url{${meta.site.href}}},`,
		`  note         = {Data set, ${LICENCE.content.id}; data as of ${meta.updated}},`,
		'}',
	].join('\n');
}
