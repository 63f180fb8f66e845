#!/usr/bin/env node
/**
 * Precision and recall of the tool-poisoning indicators on the two labelled corpora.
 *
 *   node scripts/with-node.mjs node scripts/poisoning-report.ts [--json] [benign.json hostile.json]
 *
 * Defaults to tests/fixtures/poisoning/benign.json (ordinary definitions: nothing may fire) and
 * hostile.json (poisoned definitions, each listing the exact indicators it must fire). Every definition
 * is classified the way the catalogue does (`classifyTool`), and only the poisoning indicators
 * (`POISONING_SIGNALS`) are scored. Prints, per indicator, true/false positives and negatives with
 * precision and recall; then the micro-average over all indicator decisions and the per-definition
 * score ("is this definition poisoned at all?"), which is what hides a tool. Entries whose indicators
 * differ from their labels are listed with the evidence. Exit code 0 when every entry matches its
 * label, 1 when any does not, 2 on bad usage or an unreadable corpus.
 *
 * The scoring is exported for tests/unit/poisoning.test.ts, which asserts these numbers.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { classifyTool } from '../src/lib/judge/classify.ts';
import { POISONING_SIGNALS } from '../src/lib/judge/registry.ts';
import type { Evidence } from '../src/lib/judge/types.ts';
import { mcpToolSchema, type McpTool } from '../src/lib/content/mcp-tool.ts';
import { SIGNAL_IDS, signalIdSchema, type SignalId } from '../src/lib/taxonomy.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_CORPORA = {
	benign: join(ROOT, 'tests', 'fixtures', 'poisoning', 'benign.json'),
	hostile: join(ROOT, 'tests', 'fixtures', 'poisoning', 'hostile.json'),
	knownMisses: join(ROOT, 'tests', 'fixtures', 'poisoning', 'known-misses.json'),
} as const;

/** The poisoning indicators, in taxonomy order (the order rows are printed). */
export const INDICATORS: readonly SignalId[] = SIGNAL_IDS.filter((id) => POISONING_SIGNALS.has(id));

const indicatorSchema = signalIdSchema.refine((id) => POISONING_SIGNALS.has(id), { message: 'expected a poisoning indicator' });

const entrySchema = z.strictObject({
	id: z.string().min(1),
	/** Where a benign definition comes from: a content file, or `written`. */
	origin: z.string().optional(),
	/** Why the entry is in the corpus, or what it demonstrates. */
	note: z.string().optional(),
	/** Hostile and borderline entries: the exact indicators the definition must fire. */
	expect: z.array(indicatorSchema).optional(),
	definition: mcpToolSchema,
});
export type CorpusEntry = z.infer<typeof entrySchema>;

const corpusSchema = z.strictObject({ $comment: z.string().optional(), entries: z.array(entrySchema) });

/** Reads and validates a corpus file: every definition must be a valid MCP tool, ids unique. */
export function loadCorpus(path: string): CorpusEntry[] {
	const parsed = corpusSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
	if (!parsed.success) throw new Error(`${path}: ${z.prettifyError(parsed.error)}`);
	const seen = new Set<string>();
	for (const e of parsed.data.entries) {
		if (seen.has(e.id)) throw new Error(`${path}: duplicate id ${e.id}`);
		seen.add(e.id);
	}
	return parsed.data.entries;
}

export interface Detection {
	fired: SignalId[];
	evidence: Evidence[];
}

/** The poisoning indicators a definition fires, classified exactly as the catalogue classifies it. */
export function detectIndicators(definition: McpTool): Detection {
	const found = classifyTool({ definition }).signals.filter((s) => POISONING_SIGNALS.has(s.id));
	return { fired: found.map((s) => s.id), evidence: found.flatMap((s) => s.evidence) };
}

export interface Score {
	tp: number;
	fp: number;
	fn: number;
	tn: number;
	/** tp / (tp + fp); null when nothing fired. */
	precision: number | null;
	/** tp / (tp + fn); null when there was nothing to find. */
	recall: number | null;
}

export interface EntryResult {
	id: string;
	corpus: 'benign' | 'hostile';
	expected: SignalId[];
	fired: SignalId[];
	evidence: Evidence[];
}

export interface PoisoningReport {
	benign: number;
	hostile: number;
	perIndicator: Record<string, Score>;
	/** Summed over every (entry, indicator) decision. */
	micro: Score;
	/** One decision per definition: poisoned (any indicator) or not. */
	perDefinition: Score;
	/** Entries whose fired indicators differ from their labels. */
	mismatches: EntryResult[];
}

function score(counts: Pick<Score, 'tp' | 'fp' | 'fn' | 'tn'>): Score {
	const { tp, fp, fn } = counts;
	return { ...counts, precision: tp + fp === 0 ? null : tp / (tp + fp), recall: tp + fn === 0 ? null : tp / (tp + fn) };
}

function tally(pairs: readonly { expected: boolean; fired: boolean }[]): Score {
	const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
	for (const { expected, fired } of pairs) {
		if (expected && fired) c.tp++;
		else if (fired) c.fp++;
		else if (expected) c.fn++;
		else c.tn++;
	}
	return score(c);
}

/**
 * Scores the indicators on the two corpora. Benign entries expect nothing; hostile entries expect
 * exactly their `expect` list, so an indicator firing on a hostile entry that does not list it counts
 * as a false positive for that indicator. `detect` is injectable so the arithmetic can be tested alone.
 */
export function scorePoisoning(
	benign: readonly CorpusEntry[],
	hostile: readonly CorpusEntry[],
	detect: (d: McpTool) => Detection = detectIndicators,
): PoisoningReport {
	const results: EntryResult[] = [
		...benign.map((e): EntryResult => ({ id: e.id, corpus: 'benign', expected: [], ...detect(e.definition) })),
		...hostile.map((e): EntryResult => {
			if (!e.expect || e.expect.length === 0) throw new Error(`hostile entry ${e.id} lists no expected indicator`);
			return { id: e.id, corpus: 'hostile', expected: e.expect, ...detect(e.definition) };
		}),
	];
	const perIndicator: Record<string, Score> = {};
	for (const id of INDICATORS)
		perIndicator[id] = tally(results.map((r) => ({ expected: r.expected.includes(id), fired: r.fired.includes(id) })));
	const micro = tally(results.flatMap((r) => INDICATORS.map((id) => ({ expected: r.expected.includes(id), fired: r.fired.includes(id) }))));
	const perDefinition = tally(results.map((r) => ({ expected: r.expected.length > 0, fired: r.fired.length > 0 })));
	const same = (a: readonly SignalId[], b: readonly SignalId[]) => a.length === b.length && a.every((x) => b.includes(x));
	return {
		benign: benign.length,
		hostile: hostile.length,
		perIndicator,
		micro,
		perDefinition,
		mismatches: results.filter((r) => !same(r.expected, r.fired)),
	};
}

/**
 * Poisoned definitions the indicators are known to miss (kept out of the hostile corpus so its test
 * stays strict). Returns those still missed: when one starts to fire as labelled, move it to hostile.json.
 */
export function stillMissed(entries: readonly CorpusEntry[], detect: (d: McpTool) => Detection = detectIndicators): CorpusEntry[] {
	return entries.filter((e) => {
		const { fired } = detect(e.definition);
		return !(e.expect ?? []).every((id) => fired.includes(id));
	});
}

const ratio = (v: number | null) => (v === null ? 'n/a' : v.toFixed(3));

/** The report as a fixed-width table, then the mismatches with their evidence. */
export function formatReport(report: PoisoningReport): string {
	const rows: [string, Score][] = [
		...INDICATORS.map((id): [string, Score] => [id, report.perIndicator[id]!]),
		['micro-average (all decisions)', report.micro],
		['any indicator (per definition)', report.perDefinition],
	];
	const header = ['indicator', 'TP', 'FP', 'FN', 'TN', 'precision', 'recall'];
	const cells = rows.map(([name, s]) => [
		name,
		String(s.tp),
		String(s.fp),
		String(s.fn),
		String(s.tn),
		ratio(s.precision),
		ratio(s.recall),
	]);
	const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
	const line = (c: readonly string[]) => c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
	const out = [
		`corpora: ${report.benign} benign definitions, ${report.hostile} hostile definitions`,
		'',
		line(header),
		...cells.slice(0, INDICATORS.length).map(line),
		'',
		...cells.slice(INDICATORS.length).map(line),
	];
	if (report.mismatches.length > 0) {
		out.push('', `${report.mismatches.length} mismatch${report.mismatches.length === 1 ? '' : 'es'}:`);
		for (const m of report.mismatches) {
			out.push(`  ${m.corpus} ${m.id}: expected [${m.expected.join(', ')}], fired [${m.fired.join(', ')}]`);
			// JSON.stringify escapes control characters, so a hostile match cannot rewrite the terminal.
			for (const e of m.evidence) out.push(`    ${e.rule} ${JSON.stringify(e.field)}: ${JSON.stringify(e.match)}`);
		}
	}
	return `${out.join('\n')}\n`;
}

function main(argv: readonly string[]): number {
	let parsed;
	try {
		parsed = parseArgs({
			args: [...argv],
			options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
			allowPositionals: true,
		});
	} catch (error) {
		process.stderr.write(`poisoning-report: ${(error as Error).message}\n`);
		return 2;
	}
	if (parsed.values.help) {
		process.stdout.write('usage: node scripts/poisoning-report.ts [--json] [benign.json hostile.json]\n');
		return 0;
	}
	const paths = parsed.positionals;
	if (paths.length !== 0 && paths.length !== 2) {
		process.stderr.write('poisoning-report: give both corpus files, or neither\n');
		return 2;
	}
	const [benignPath = DEFAULT_CORPORA.benign, hostilePath = DEFAULT_CORPORA.hostile] = paths;
	let report: PoisoningReport;
	let misses: CorpusEntry[];
	try {
		report = scorePoisoning(loadCorpus(benignPath), loadCorpus(hostilePath));
		// Known misses are reported beside the default corpora, never mixed into their numbers.
		misses = paths.length === 0 ? stillMissed(loadCorpus(DEFAULT_CORPORA.knownMisses)) : [];
	} catch (error) {
		process.stderr.write(`poisoning-report: ${(error as Error).message}\n`);
		return 2;
	}
	if (parsed.values.json) process.stdout.write(`${JSON.stringify({ ...report, knownMisses: misses.map((e) => e.id) }, null, 2)}\n`);
	else {
		process.stdout.write(formatReport(report));
		if (misses.length > 0)
			process.stdout.write(
				`\nknown misses (tests/fixtures/poisoning/known-misses.json), still undetected: ${misses.map((e) => e.id).join(', ')}\n`,
			);
	}
	return report.mismatches.length === 0 ? 0 : 1;
}

if (import.meta.main) process.exitCode = main(process.argv.slice(2));
