/** The poisoning report (src/lib/judge/poisoning.ts) as text: a fixed-width table, then the mismatches with their evidence. */
import { INDICATORS, type PoisoningReport, type Score } from '../judge/poisoning.ts';

const ratio = (v: number | null) => (v === null ? 'n/a' : v.toFixed(3));

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
