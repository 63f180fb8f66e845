/**
 * `scan:merge`: folds the artifacts of a sharded batch (`scan:batch --shard k/N`, one CI matrix job per
 * share) into the checkout's content/scan/report.json and content/servers/. The merging is
 * src/ingest/batch/merge.ts.
 */
import { join } from 'node:path';
import { mergeShards, readContentFiles, readShardOutput } from '../src/ingest/batch/merge.ts';
import { mergeReport, readReport, writeReport } from '../src/ingest/batch/report.ts';
import { resolveFrom } from '../src/ingest/scan.ts';
import { writeFileAtomic } from '../src/ingest/write-atomic.ts';
import { defineCommand, main } from './lib/cli.ts';

const ROOT = join(import.meta.dirname, '..');

const command = defineCommand({
	name: 'scan:merge',
	usage: ['node scripts/merge-scan-shards.ts [--report <file>] [--out <dir>] <shard-dir> ...'],
	about:
		"Each <shard-dir> is one job's artifact: its report.json and its servers/ folder. Every job started\n" +
		'from this checkout, so what a shard changed is what differs from it: those records go into the report\n' +
		'(one per package, sorted) and those content files into the content folder. Two shards that changed the\n' +
		'same package or file differently stop the merge before anything is written.',
	positionals: { name: '<shard-dir> ...', description: "the jobs' artifact folders", min: 1 },
	options: {
		report: { type: 'string', value: '<file>', description: 'report to merge into (default content/scan/report.json)' },
		out: { type: 'string', value: '<dir>', description: 'content folder (default content/servers)' },
	},
	notes: 'Exit codes: 0 merged, 1 a bug, 2 bad usage, an unreadable artifact or clashing shards.',
});

if (import.meta.main) {
	await main(
		command,
		({ values, positionals }) => {
			const cwd = process.cwd();
			const reportFile = values.report ? resolveFrom(cwd, values.report) : join(ROOT, 'content', 'scan', 'report.json');
			const outDir = values.out ? resolveFrom(cwd, values.out) : join(ROOT, 'content', 'servers');
			const base = { report: readReport(reportFile), files: readContentFiles(outDir) };
			const merged = mergeShards(
				base,
				positionals.map((dir) => readShardOutput(resolveFrom(cwd, dir))),
			);
			for (const [file, text] of merged.files) writeFileAtomic(join(outDir, file), text);
			writeReport(reportFile, mergeReport(base.report, merged.records, new Date()));
			for (const s of merged.perShard) console.log(`${s.name}: ${s.records} records, ${s.files} content files changed`);
			console.log(
				`merged ${positionals.length} shards: ${merged.records.length} records and ${merged.files.size} content files into ${reportFile} and ${outDir}`,
			);
			return 0;
		},
		{ dataErrorExit: 2 },
	);
}
