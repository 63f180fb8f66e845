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
import { distributionsOf } from './import-input.ts';
import { UsageError } from '../lib/content/errors.ts';
import type { GitCommit } from './git-read.ts';

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

/** The ways to obtain the server from the importers' `--npm`, `--pypi`, `--oci`, `--remote` and `--remote-sse` options. */
export function parseDistributions(values: {
	npm?: readonly string[] | undefined;
	pypi?: readonly string[] | undefined;
	oci?: readonly string[] | undefined;
	remote?: readonly string[] | undefined;
	'remote-sse'?: readonly string[] | undefined;
}): Distribution[] {
	const out = distributionsOf({
		npm: values.npm,
		pypi: values.pypi,
		oci: values.oci,
		remote: values.remote,
		remoteSse: values['remote-sse'],
	});
	if (out.length === 0) throw new UsageError('name at least one distribution (--npm, --pypi, --oci, --remote, --remote-sse)');
	return out;
}

/** `--matches-release true|false|unknown`. */
export function parseMatchesRelease(value: string | undefined, fallback: Origin['matchesRelease']): Origin['matchesRelease'] {
	if (value === undefined) return fallback;
	if (value === 'true') return true;
	if (value === 'false') return false;
	if (value === 'unknown') return 'unknown';
	throw new UsageError(`--matches-release must be true, false or unknown, not ${JSON.stringify(value)}`);
}

/** The command-line values the repository importers share (scripts/lib/sourced-options.ts). */
export interface RepositoryValues {
	slug: string;
	name: string;
	description?: string | undefined;
	homepage?: string | undefined;
	version?: string | undefined;
	'matches-release'?: string | undefined;
	'release-note'?: string | undefined;
	'obtained-at'?: string | undefined;
	partial?: boolean | undefined;
}

/**
 * Whether the revision read is the release: `--matches-release` when given, else true when the revision is
 * a tag naming `--version` (not a bare commit), else unknown; anything but true needs `--release-note`.
 */
export function releaseMatch(values: RepositoryValues, at: GitCommit, rev: string): Origin['matchesRelease'] {
	const isReleaseTag = values.version !== undefined && at.tags.some((t) => t.includes(values.version!)) && rev !== at.commit;
	const matchesRelease = parseMatchesRelease(values['matches-release'], isReleaseTag ? true : 'unknown');
	if (matchesRelease !== true && !values['release-note'])
		throw new UsageError('--release-note is required unless the release match is true');
	return matchesRelease;
}

/** A list read from a repository at one revision: what the importers reading a fetched mirror write. */
export interface RepositoryRead {
	values: RepositoryValues;
	repository: string;
	distributions: Distribution[];
	method: 'source' | 'snapshot';
	at: GitCommit;
	rev: string;
	/** The origin's path: the file(s) or entry point the list was read from. */
	path: string;
	/** The folder(s) named in the source's title, and the folder its link opens. */
	label: string;
	folder: string;
	notes: string[];
	tools: ToolEntry[];
	toolCountClaimed?: number | undefined;
	claimSource?: string | undefined;
}

/** The server file's input for a list read from a repository (identity, origin at the commit, one source). */
export function repositorySourced(r: RepositoryRead): SourcedServer {
	const { values, repository, at, rev } = r;
	return {
		slug: values.slug,
		name: values.name,
		...(values.description && { description: values.description }),
		...(values.homepage && { homepage: values.homepage }),
		repository,
		distributions: r.distributions,
		method: r.method,
		origin: {
			...(values.version && { version: values.version }),
			repository,
			commit: at.commit,
			...(rev !== at.commit && { ref: rev }),
			path: r.path,
			date: at.date,
			matchesRelease: releaseMatch(values, at, rev),
			...(values['release-note'] && { releaseNote: values['release-note'] }),
		},
		sources: [
			{
				title: `${repository.replace(/^https:\/\/github\.com\//, '')} ${r.label} at ${rev}`,
				url: `${repository}/tree/${at.commit}/${r.folder}`,
				ref: at.commit,
			},
		],
		obtainedAt: values['obtained-at'] ?? new Date().toISOString().slice(0, 10),
		notes: r.notes,
		tools: r.tools,
		...(r.toolCountClaimed !== undefined && { toolCountClaimed: r.toolCountClaimed }),
		...(r.claimSource && { claimSource: r.claimSource }),
		...(values.partial && { completeness: 'partial' as const }),
	};
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

/** A distribution's identity without its version: `npm:pkg`, `pypi:pkg`, `oci:image`, `remote:url`. */
export function distributionKey(d: Distribution): string {
	if (d.kind === 'remote') return `remote:${d.url}`;
	if (d.kind === 'oci') return `oci:${d.image.replace(/:[^:/]*$/, '')}`;
	return `${d.kind}:${d.package}`;
}

/** Whether two servers share a way to obtain them (so one file can be a re-import of the other). */
export function sharesDistribution(a: readonly Distribution[], b: readonly Distribution[]): boolean {
	const keys = new Set(a.map(distributionKey));
	return b.some((d) => keys.has(distributionKey(d)));
}

/**
 * Validates and writes `<outDir>/<slug>.json`. An existing file is re-imported in place: its first
 * date is kept and changed tools become one history entry (as a re-scan records them).
 */
export function writeSourcedServer(s: SourcedServer, outDir: string): { file: string; server: ServerFile; changes: number } {
	const file = join(outDir, `${s.slug}.json`);
	const next = sourcedServerFile(s, file);
	const previous = existsSync(file) ? parseServerFile(JSON.parse(readFileSync(file, 'utf8')), file) : undefined;
	if (previous !== undefined && !sharesDistribution(previous.distributions, next.distributions))
		throw new UsageError(
			`${file} is another server (${previous.distributions.map(distributionKey).join(', ')}), not ${next.distributions.map(distributionKey).join(', ')}: give another slug`,
		);
	const merged = parseServerFile(recordRescan(previous, next), file);
	writeFileAtomic(file, serializeServerFile(merged));
	const changes = (merged.history?.length ?? 0) - (previous?.history?.length ?? 0);
	return { file, server: merged, changes };
}
