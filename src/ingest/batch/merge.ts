/**
 * Merging the outputs of a sharded batch (`scan:batch --shard k/N`, one matrix job per share) back into
 * one catalogue. Every job starts from the same checkout, the base, and changes only its own packages'
 * records and content files; the merge takes from each shard what differs from the base, and refuses,
 * naming both shards, when two of them changed the same record or file differently. A shard that ran no
 * package changes nothing; a file a shard does not carry is not deleted (the batch never deletes).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { DataError } from '../../lib/content/errors.ts';
import type { ScanRecord, ScanReport } from '../../lib/content/scan-report.ts';
import { readReport } from './report.ts';

/** What one job produced: its report and its content files by file name (e.g. `resend-mcp.json`). */
export interface ShardOutput {
	/** Where it came from, for messages (the artifact folder). */
	name: string;
	report: ScanReport;
	files: ReadonlyMap<string, string>;
}

export interface ShardMerge {
	/** The records some shard changed or added, one per package. */
	records: ScanRecord[];
	/** The content files some shard changed or added, by file name. */
	files: Map<string, string>;
	/** Per shard, how many records and files it contributed. */
	perShard: { name: string; records: number; files: number }[];
}

/**
 * Takes every record and file a shard changed relative to `base`. Two shards changing the same package's
 * record or the same file to different values is a DataError listing each clash; to the same value, it is
 * taken once.
 */
export function mergeShards(base: { report: ScanReport; files: ReadonlyMap<string, string> }, shards: readonly ShardOutput[]): ShardMerge {
	const baseRecords = new Map(base.report.records.map((r) => [r.package, r]));
	const records = new Map<string, { record: ScanRecord; from: string }>();
	const files = new Map<string, { text: string; from: string }>();
	const clashes: string[] = [];
	const perShard: ShardMerge['perShard'] = [];
	for (const shard of shards) {
		let recordCount = 0;
		let fileCount = 0;
		for (const record of shard.report.records) {
			if (isDeepStrictEqual(baseRecords.get(record.package), record)) continue;
			const taken = records.get(record.package);
			if (taken && !isDeepStrictEqual(taken.record, record)) {
				clashes.push(`the record of ${record.package} differs between ${taken.from} and ${shard.name}`);
				continue;
			}
			if (!taken) records.set(record.package, { record, from: shard.name });
			recordCount += 1;
		}
		for (const [file, text] of shard.files) {
			if (base.files.get(file) === text) continue;
			const taken = files.get(file);
			if (taken && taken.text !== text) {
				clashes.push(`${file} differs between ${taken.from} and ${shard.name}`);
				continue;
			}
			if (!taken) files.set(file, { text, from: shard.name });
			fileCount += 1;
		}
		perShard.push({ name: shard.name, records: recordCount, files: fileCount });
	}
	if (clashes.length > 0) throw new DataError('shards', [`two shards changed the same thing (a package in two shares?):`, ...clashes]);
	return {
		records: [...records.values()].map((r) => r.record),
		files: new Map([...files].map(([name, f]) => [name, f.text])),
		perShard,
	};
}

/** The content files of a folder (`*.json`, by file name); none when the folder does not exist. */
export function readContentFiles(dir: string): Map<string, string> {
	if (!existsSync(dir)) return new Map();
	const names = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('.'));
	return new Map(names.sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

/**
 * One job's artifact folder, laid out as the workflow uploads it: `report.json` (the job's whole batch
 * report) and `servers/` (its content files). A folder without a report is a DataError: a job that
 * failed before writing one must not be merged as "changed nothing".
 */
export function readShardOutput(dir: string): ShardOutput {
	const reportFile = join(dir, 'report.json');
	if (!existsSync(reportFile)) throw new DataError(dir, ['expected report.json (and servers/) from a scan:batch --shard job']);
	return { name: dir, report: readReport(reportFile), files: readContentFiles(join(dir, 'servers')) };
}
