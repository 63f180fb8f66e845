/**
 * Writing a content file whose tools were not listed by a running server: a repository snapshot,
 * a static extraction from source, or vendor documentation. The importers (scripts/import-snapshot.ts,
 * scripts/extract-go.ts, scripts/import-docs.ts) share this: the server's identity and distributions,
 * the origin (version, repository, commit, path, page, whether it is the release), the sources and
 * notes, and a re-import of an existing file that keeps its first date and records changed tools in
 * its history, exactly as a re-scan does.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordRescan } from '../lib/content/history.ts';
import type { Distribution, Origin, ProvenanceMethod, ServerFile, ServerFileInput, ToolEntry } from '../lib/content/server.ts';
import { buildServerFile, parseServerFile, serializeServerFile } from '../lib/content/server-file.ts';
import { writeFileAtomic } from './write-atomic.ts';

type SourceRef = ServerFileInput['provenance']['sources'][number];

export interface SourcedServer {
	slug: string;
	name: string;
	description?: string;
	homepage?: string;
	repository?: string;
	distributions: Distribution[];
	method: Exclude<ProvenanceMethod, 'scan'>;
	origin: Origin;
	sources: SourceRef[];
	/** The date the list was made (YYYY-MM-DD). */
	obtainedAt: string;
	notes: string[];
	tools: ToolEntry[];
	/** Default: partial for docs, complete otherwise. */
	completeness?: 'complete' | 'partial';
	toolCountClaimed?: number;
	claimSource?: string;
}

/** Usage errors of the importers' shared options. */
export class SourcedUsageError extends Error {
	override name = 'SourcedUsageError';
}

function splitVersion(spec: string): [string, string | undefined] {
	const at = spec.lastIndexOf('@');
	return at > 0 ? [spec.slice(0, at), spec.slice(at + 1)] : [spec, undefined];
}

/** `--npm pkg@version`, `--pypi pkg[@version]`, `--oci image`, `--remote url`, `--remote-sse url`, in that order. */
export function parseDistributions(values: {
	npm?: string[] | undefined;
	pypi?: string[] | undefined;
	oci?: string[] | undefined;
	remote?: string[] | undefined;
	'remote-sse'?: string[] | undefined;
}): Distribution[] {
	const out: Distribution[] = [];
	for (const spec of values.npm ?? []) {
		const [pkg, version] = splitVersion(spec);
		if (!version) throw new SourcedUsageError(`--npm needs an exact version: ${spec}@<version>`);
		out.push({ kind: 'npm', package: pkg, version, transport: 'stdio', args: [], env: [] });
	}
	for (const spec of values.pypi ?? []) {
		const [pkg, version] = splitVersion(spec);
		out.push({ kind: 'pypi', package: pkg, ...(version && { version }), transport: 'stdio', args: [], env: [] });
	}
	for (const image of values.oci ?? []) out.push({ kind: 'oci', image, transport: 'stdio', env: [] });
	for (const url of values.remote ?? []) out.push({ kind: 'remote', url, transport: 'streamable-http' });
	for (const url of values['remote-sse'] ?? []) out.push({ kind: 'remote', url, transport: 'sse' });
	if (out.length === 0) throw new SourcedUsageError('name at least one distribution (--npm, --pypi, --oci, --remote, --remote-sse)');
	return out;
}

/** `--matches-release true|false|unknown`. */
export function parseMatchesRelease(value: string | undefined, fallback: Origin['matchesRelease']): Origin['matchesRelease'] {
	if (value === undefined) return fallback;
	if (value === 'true') return true;
	if (value === 'false') return false;
	if (value === 'unknown') return 'unknown';
	throw new SourcedUsageError(`--matches-release must be true, false or unknown, not ${JSON.stringify(value)}`);
}

/**
 * Whether every tool the server exposes is listed: documentation never says so; otherwise the importer
 * decides (`--partial`). A tool whose schema is unpublished or partial is still listed: its own status says so.
 */
function defaultCompleteness(s: SourcedServer): 'complete' | 'partial' {
	return s.method === 'docs' ? 'partial' : 'complete';
}

/** The validated content file (a DataError names the file and field when it is not valid). */
export function sourcedServerFile(s: SourcedServer, file: string): ServerFile {
	return buildServerFile(
		{
			slug: s.slug,
			name: s.name,
			...(s.description && { description: s.description }),
			...(s.homepage && { homepage: s.homepage }),
			...(s.repository && { repository: s.repository }),
			distributions: s.distributions,
			provenance: {
				method: s.method,
				obtainedAt: s.obtainedAt,
				origin: s.origin,
				sources: s.sources,
				completeness: s.completeness ?? defaultCompleteness(s),
				...(s.toolCountClaimed !== undefined && { toolCountClaimed: s.toolCountClaimed }),
				...(s.claimSource && { claimSource: s.claimSource }),
				...(s.notes.length > 0 && { notes: s.notes.join('\n') }),
			},
			tools: s.tools,
		},
		file,
	);
}

/**
 * Validates and writes `<outDir>/<slug>.json`. An existing file is re-imported in place: its first
 * date is kept and changed tools become one history entry (as a re-scan records them).
 */
export function writeSourcedServer(s: SourcedServer, outDir: string): { file: string; server: ServerFile; changes: number } {
	const file = join(outDir, `${s.slug}.json`);
	const next = sourcedServerFile(s, file);
	const previous = existsSync(file) ? parseServerFile(JSON.parse(readFileSync(file, 'utf8')), file) : undefined;
	const merged = parseServerFile(recordRescan(previous, next), file);
	writeFileAtomic(file, serializeServerFile(merged));
	const changes = (merged.history?.length ?? 0) - (previous?.history?.length ?? 0);
	return { file, server: merged, changes };
}
