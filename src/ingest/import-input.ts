/**
 * What `npm run import` (scripts/import.ts) makes of its options: the distributions, sources and
 * provenance of the content file, around the tool entries src/ingest/import.ts reads from the file.
 * A wrong option value is a UsageError naming the option.
 */
import { UsageError } from '../lib/content/errors.ts';
import { PART_STATUSES, type Distribution, type Origin, type PartStatus, type ServerFileInput } from '../lib/content/server.ts';
import { referencedOnly, type ImportedList } from './import.ts';

/** The import's command-line options, as given. */
export interface ImportOptions {
	slug: string;
	name: string;
	description?: string | undefined;
	homepage?: string | undefined;
	repository?: string | undefined;
	npm?: readonly string[] | undefined;
	pypi?: readonly string[] | undefined;
	oci?: readonly string[] | undefined;
	remote?: readonly string[] | undefined;
	remoteSse?: readonly string[] | undefined;
	sourceTitles?: readonly string[] | undefined;
	sourceUrls?: readonly string[] | undefined;
	sourceRefs?: readonly string[] | undefined;
	/** YYYY-MM-DD; default `today`. */
	obtainedAt?: string | undefined;
	partial?: boolean | undefined;
	claimed?: number | undefined;
	claimSource?: string | undefined;
	notes?: string | undefined;
}

/** The content file's input before it is hashed and validated (buildServerFile adds the tools hash). */
export type ImportedServerInput = Omit<ServerFileInput, 'provenance'> & { provenance: Omit<ServerFileInput['provenance'], 'toolsHash'> };

/** `pkg@1.2.3` → [`pkg`, `1.2.3`]; a scope's leading `@` is not a version separator. */
export function splitVersion(spec: string): [string, string | undefined] {
	const at = spec.lastIndexOf('@');
	return at > 0 ? [spec.slice(0, at), spec.slice(at + 1)] : [spec, undefined];
}

/** A `--schema-status`-like option's value, checked against the part statuses. */
export function partStatus(value: string | undefined, flag: string): PartStatus | undefined {
	if (value === undefined) return undefined;
	if (!(value in PART_STATUSES)) throw new UsageError(`${flag} must be one of ${Object.keys(PART_STATUSES).join(', ')}`);
	return value as PartStatus;
}

/** The ways to obtain the server, in the order npm, PyPI, OCI, streamable HTTP, SSE. */
export function distributionsOf(options: Pick<ImportOptions, 'npm' | 'pypi' | 'oci' | 'remote' | 'remoteSse'>): Distribution[] {
	const distributions: Distribution[] = [];
	for (const spec of options.npm ?? []) {
		const [pkg, version] = splitVersion(spec);
		if (!version) throw new UsageError(`--npm needs an exact version: ${spec}@<version>`);
		distributions.push({ kind: 'npm', package: pkg, version, transport: 'stdio', args: [], env: [] });
	}
	for (const spec of options.pypi ?? []) {
		const [pkg, version] = splitVersion(spec);
		distributions.push({ kind: 'pypi', package: pkg, ...(version && { version }), transport: 'stdio', args: [], env: [] });
	}
	for (const image of options.oci ?? []) distributions.push({ kind: 'oci', image, transport: 'stdio', env: [] });
	for (const url of options.remote ?? []) distributions.push({ kind: 'remote', url, transport: 'streamable-http' });
	for (const url of options.remoteSse ?? []) distributions.push({ kind: 'remote', url, transport: 'sse' });
	return distributions;
}

/**
 * Where an imported list says it comes from: the version of the first distribution that names one, the
 * repository if given, and an honest "unknown" on whether it is the release, since nothing here reads
 * the release itself (a scan or a snapshot at a tag does).
 */
export function importOrigin(distributions: readonly Distribution[], inputPath: string, repository?: string): Origin {
	const version = distributions.map((d) => ('version' in d ? d.version : undefined)).find((v) => v !== undefined);
	return {
		...(version !== undefined && { version }),
		...(repository !== undefined && { repository }),
		matchesRelease: 'unknown',
		releaseNote: `imported from a tools list (${inputPath}), not read from the released package`,
	};
}

/**
 * The content file's input: the imported tools (and the tools the file only references), the
 * distributions and sources from the options (the i-th --source-url and --source-ref belong to the i-th
 * --source-title; without any title the input file is the source), and `partial` completeness when
 * asked for or when a tool's schema is unpublished or its description truncated.
 */
export function importedServerInput(imported: ImportedList, inputPath: string, options: ImportOptions, today: string): ImportedServerInput {
	const tools = [...imported.entries, ...referencedOnly(imported.meta)];
	const titles = options.sourceTitles ?? [];
	const urls = options.sourceUrls ?? [];
	const refs = options.sourceRefs ?? [];
	const sources = titles.map((title, i) => ({ title, ...(urls[i] && { url: urls[i] }), ...(refs[i] && { ref: refs[i] }) }));
	if (sources.length === 0) sources.push({ title: 'imported tools list', ref: inputPath });
	const completeness =
		options.partial || tools.some((t) => t.status?.inputSchema === 'unpublished' || t.status?.description === 'truncated')
			? 'partial'
			: 'complete';
	const distributions = distributionsOf(options);
	return {
		slug: options.slug,
		name: options.name,
		...(options.description && { description: options.description }),
		...(options.homepage && { homepage: options.homepage }),
		...(options.repository && { repository: options.repository }),
		distributions,
		provenance: {
			method: 'import',
			obtainedAt: options.obtainedAt ?? today,
			origin: importOrigin(distributions, inputPath, options.repository),
			sources,
			completeness,
			...(options.claimed !== undefined && { toolCountClaimed: options.claimed }),
			...(options.claimSource && { claimSource: options.claimSource }),
			...(options.notes && { notes: options.notes }),
		},
		...(imported.subServers.length > 0 && { subServers: imported.subServers }),
		tools,
	} as ImportedServerInput;
}
