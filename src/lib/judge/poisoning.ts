/**
 * Precision and recall of the tool-poisoning indicators on labelled corpora: every definition is
 * classified the way the catalogue does (`classifyTool`) and only the poisoning indicators
 * (`POISONING_SIGNALS`) are scored. scripts/poisoning-report.ts prints the result
 * (src/lib/present/poisoning-report.ts formats it); tests/unit/poisoning.test.ts asserts its numbers.
 */
import { z } from 'zod';
import { DataError, formatPath } from '../content/errors.ts';
import { mcpToolSchema, type McpTool } from '../content/mcp-tool.ts';
import { SIGNAL_IDS, signalIdSchema, type SignalId } from '../taxonomy.ts';
import { classifyTool } from './classify.ts';
import { POISONING_SIGNALS } from './registry.ts';
import type { Evidence } from './types.ts';

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

/** Validates a parsed corpus file: every definition must be a valid MCP tool, ids unique. Throws a DataError naming `file`. */
export function parseCorpus(input: unknown, file: string): CorpusEntry[] {
	const parsed = corpusSchema.safeParse(input);
	if (!parsed.success)
		throw new DataError(
			file,
			parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`),
		);
	const seen = new Set<string>();
	for (const [i, e] of parsed.data.entries.entries()) {
		if (seen.has(e.id)) throw new DataError(file, [`entries[${i}].id: duplicate id ${e.id}`]);
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
