/**
 * What `npm run scan:batch` (scripts/batch-scan.ts) makes of its options: which packages of the list
 * to scan this time, and the closing summary line. The batch itself is ./run.ts.
 */
import { UsageError } from '../../lib/content/errors.ts';
import { outcomeCounts, type ScanOutcome, type ScanRecord } from '../../lib/content/scan-report.ts';
import { packageKey, type ServerListEntry } from './server-list.ts';

export interface Selection {
	/** Packages named on the command line (default: the whole list). */
	packages?: readonly string[];
	/** Only packages with no record yet. */
	new?: boolean | undefined;
	/** Only packages whose last outcome is not "catalogued". */
	failed?: boolean | undefined;
	/** Only packages whose last outcome is one of these. */
	outcome?: readonly string[] | undefined;
	/** Only the first n (after the other filters). */
	limit?: number | undefined;
	/** Only this share of what the filters kept: see {@link parseShard}. */
	shard?: Shard | undefined;
}

/** Share `index` (1-based) of `count` equal shares of a batch, for matrix jobs that scan in parallel. */
export interface Shard {
	index: number;
	count: number;
}

/** Reads `k/N` (1 ≤ k ≤ N ≤ 256); anything else is a UsageError. */
export function parseShard(text: string): Shard {
	const match = /^(\d{1,3})\/(\d{1,3})$/.exec(text.trim());
	const index = Number(match?.[1]);
	const count = Number(match?.[2]);
	if (!match || count < 1 || count > 256 || index < 1 || index > count) {
		throw new UsageError(`--shard: expected k/N with 1 ≤ k ≤ N ≤ 256, such as 2/4; got "${text}"`);
	}
	return { index, count };
}

/**
 * The entries to scan, in list order: the named packages (each must be on the list, a UsageError naming
 * `listFile` otherwise), then the --new, --failed and --outcome filters against `last` (each package's
 * last recorded outcome), then --limit, then --shard: entry i (0-based) of what is left goes to share
 * (i mod N) + 1. Every job of a matrix reads the same list and report, so the shares are disjoint and
 * together hold every selected entry, each within one entry of the same size.
 */
export function selectEntries(
	entries: readonly ServerListEntry[],
	last: ReadonlyMap<string, ScanOutcome>,
	selection: Selection,
	listFile: string,
): ServerListEntry[] {
	let out = [...entries];
	if (selection.packages && selection.packages.length > 0) {
		const wanted = new Set(selection.packages.map(packageKey));
		const unknown = [...wanted].filter((w) => !out.some((e) => packageKey(e.package) === w));
		if (unknown.length > 0) throw new UsageError(`not in ${listFile}: ${unknown.join(', ')}`);
		out = out.filter((e) => wanted.has(packageKey(e.package)));
	}
	if (selection.new) out = out.filter((e) => !last.has(packageKey(e.package)));
	if (selection.failed) out = out.filter((e) => last.get(packageKey(e.package)) !== 'catalogued');
	const outcomes = selection.outcome;
	if (outcomes) out = out.filter((e) => outcomes.includes(last.get(packageKey(e.package)) ?? ''));
	if (selection.limit !== undefined) out = out.slice(0, Math.floor(selection.limit));
	const shard = selection.shard;
	if (shard) out = out.filter((_, i) => i % shard.count === shard.index - 1);
	return out;
}

/** "12 packages in 340 s: 9 catalogued, 3 crashed; 210 tools catalogued. Report: <file>" */
export function batchSummary(records: readonly ScanRecord[], seconds: number, reportFile: string): string {
	const tools = records.reduce((n, r) => n + (r.outcome === 'catalogued' ? (r.tools ?? 0) : 0), 0);
	const counts = Object.entries(outcomeCounts(records))
		.filter(([, n]) => n > 0)
		.map(([o, n]) => `${n} ${o}`)
		.join(', ');
	return `${records.length} packages in ${seconds} s: ${counts}; ${tools} tools catalogued. Report: ${reportFile}`;
}
