#!/usr/bin/env node
/**
 * `poisoning-report`: precision and recall of the tool-poisoning indicators on the two labelled corpora
 * (the scoring is src/lib/judge/poisoning.ts, the table src/lib/present/poisoning-report.ts).
 *
 * Defaults to tests/fixtures/poisoning/benign.json (ordinary definitions: nothing may fire) and
 * hostile.json (poisoned definitions, each listing the exact indicators it must fire); the known misses
 * are reported beside the default corpora, never mixed into their numbers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCorpus, scorePoisoning, stillMissed, type CorpusEntry } from '../src/lib/judge/poisoning.ts';
import { formatReport } from '../src/lib/present/poisoning-report.ts';
import { DataError, defineCommand, main, UsageError } from './lib/cli.ts';

const ROOT = join(import.meta.dirname, '..');
export const DEFAULT_CORPORA = {
	benign: join(ROOT, 'tests', 'fixtures', 'poisoning', 'benign.json'),
	hostile: join(ROOT, 'tests', 'fixtures', 'poisoning', 'hostile.json'),
	knownMisses: join(ROOT, 'tests', 'fixtures', 'poisoning', 'known-misses.json'),
} as const;

const command = defineCommand({
	name: 'poisoning-report',
	usage: ['node scripts/poisoning-report.ts [--json] [benign.json hostile.json]'],
	about:
		'Classifies every definition of the two corpora the way the catalogue does and scores only the poisoning\n' +
		'indicators: per indicator true/false positives and negatives with precision and recall, the micro-average\n' +
		'over all decisions, and the per-definition score ("is this definition poisoned at all?"). Entries whose\n' +
		'indicators differ from their labels are listed with the evidence.',
	positionals: {
		name: 'benign.json hostile.json',
		description: 'both corpus files, or neither (default tests/fixtures/poisoning/)',
		max: 2,
	},
	options: { json: { type: 'boolean', default: false, description: 'print the report as JSON' } },
	notes: 'Exit codes: 0 every entry matches its label, 1 any does not, 2 bad usage or an unreadable corpus.',
});

/** Reads and validates a corpus file; any problem is a DataError naming it. */
export function loadCorpus(path: string): CorpusEntry[] {
	let input: unknown;
	try {
		input = JSON.parse(readFileSync(path, 'utf8'));
	} catch (error) {
		throw new DataError(path, [`cannot read it as JSON: ${(error as Error).message}`]);
	}
	return parseCorpus(input, path);
}

if (import.meta.main) {
	await main(
		command,
		({ values, positionals: paths }) => {
			if (paths.length === 1) throw new UsageError('give both corpus files, or neither');
			const [benignPath = DEFAULT_CORPORA.benign, hostilePath = DEFAULT_CORPORA.hostile] = paths;
			const report = scorePoisoning(loadCorpus(benignPath), loadCorpus(hostilePath));
			const misses = paths.length === 0 ? stillMissed(loadCorpus(DEFAULT_CORPORA.knownMisses)) : [];
			if (values.json) process.stdout.write(`${JSON.stringify({ ...report, knownMisses: misses.map((e) => e.id) }, null, 2)}\n`);
			else {
				process.stdout.write(formatReport(report));
				if (misses.length > 0)
					process.stdout.write(
						`\nknown misses (tests/fixtures/poisoning/known-misses.json), still undetected: ${misses.map((e) => e.id).join(', ')}\n`,
					);
			}
			return report.mismatches.length === 0 ? 0 : 1;
		},
		{ dataErrorExit: 2 },
	);
}
