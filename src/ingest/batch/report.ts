/**
 * The batch report (`content/scan/report.json`): reading, merging a run's records into it, and writing it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseOrThrow } from '../../lib/content/errors.ts';
import { scanReportSchema, type ScanRecord, type ScanReport } from '../../lib/content/scan-report.ts';
import { isoSeconds, SCANNER } from '../scan.ts';
import { writeFileAtomic } from '../write-atomic.ts';

export function readReport(file: string): ScanReport {
	if (!existsSync(file)) return { scanner: SCANNER, updatedAt: '', records: [] };
	return parseOrThrow(scanReportSchema, JSON.parse(readFileSync(file, 'utf8')), file);
}

/** Replaces the records of the same packages, keeps the others, sorts by package, validates, writes atomically. */
export function mergeReport(previous: ScanReport, records: readonly ScanRecord[], now: Date): ScanReport {
	const byPackage = new Map(previous.records.map((r) => [r.package, r]));
	for (const r of records) byPackage.set(r.package, r);
	const merged = [...byPackage.values()].sort((a, b) => (a.package < b.package ? -1 : a.package > b.package ? 1 : 0));
	return parseOrThrow(scanReportSchema, { scanner: SCANNER, updatedAt: isoSeconds(now), records: merged }, 'report');
}

export function writeReport(file: string, report: ScanReport): void {
	writeFileAtomic(file, `${JSON.stringify(report, null, 2)}\n`);
}
