/**
 * The annotation-agreement report over a catalogue (scripts/annotation-agreement.ts): our category
 * against the readOnlyHint / destructiveHint each tool declares, on two bases, as data and as text.
 * The comparison itself is src/lib/judge/annotation-agreement.ts.
 *
 * - independent: the classifier run on each definition with its annotations removed, so the figure
 *   measures our rules (name, description, schema) against the declarations, not the declarations
 *   against themselves. This is the headline figure.
 * - catalogue: the category the site shows (declared hints are evidence there: destructiveHint raises,
 *   readOnlyHint breaks ties). Its disagreements are declarations our evidence contradicts; each must
 *   carry the `annotation-contradiction` signal, and the report says whether it does.
 */
import type { Catalogue } from '../catalogue.ts';
import {
	agreement,
	declaredHints,
	DECLARED_CLASSES,
	percent,
	type AgreementInput,
	type AgreementReport,
} from '../judge/annotation-agreement.ts';
import { classifyTool } from '../judge/classify.ts';
import { CATEGORY_IDS } from '../taxonomy.ts';

export const AGREEMENT_BASES = ['independent', 'catalogue', 'both'] as const;
export type AgreementBasis = (typeof AGREEMENT_BASES)[number];

export interface AnnotationAgreement {
	independent: AgreementReport | undefined;
	catalogue: AgreementReport | undefined;
	/** Catalogue disagreements that carry the annotation-contradiction signal. */
	contradictionSignalled: number;
}

export function annotationAgreement(catalogue: Catalogue, basis: AgreementBasis): AnnotationAgreement {
	const independentInput: AgreementInput[] = [];
	const catalogueInput: AgreementInput[] = [];
	for (const tool of catalogue.tools) {
		const hints = declaredHints(tool.entry.definition.annotations);
		catalogueInput.push({ id: tool.id, category: tool.judgement.category, hints });
		if (basis !== 'catalogue') {
			const { annotations: _dropped, ...bare } = tool.entry.definition;
			const judgement = classifyTool({ definition: bare, knownParameters: tool.entry.knownParameters });
			independentInput.push({ id: tool.id, category: judgement.category, hints });
		}
	}
	const independent = basis === 'catalogue' ? undefined : agreement(independentInput);
	const cat = basis === 'independent' ? undefined : agreement(catalogueInput);
	const signalled = cat
		? cat.disagreements.filter((d) => catalogue.tool(d.id)?.judgement.signals.some((s) => s.id === 'annotation-contradiction')).length
		: 0;
	return { independent, catalogue: cat, contradictionSignalled: signalled };
}

/** One basis as text: agreement per hint, the confusion table and (unless `noList`) every disagreement. */
export function formatAgreement(title: string, r: AgreementReport, noList: boolean): string {
	const { perHint: h } = r;
	const out = [
		'',
		`== ${title}`,
		`agreement: ${percent(r.agreeing, r.declaring)} of the tools declaring readOnlyHint or destructiveHint (${r.tools} tools in all)`,
		`  readOnlyHint: true     -> read            ${percent(h.readOnlyTrue.agree, h.readOnlyTrue.declared)}`,
		`  readOnlyHint: false    -> not read        ${percent(h.readOnlyFalse.agree, h.readOnlyFalse.declared)}`,
		`  destructiveHint: true  -> any change: write, execute, destructive, financial (not read-only)  ${percent(h.destructiveTrue.agree, h.destructiveTrue.declared)}`,
		`  destructiveHint: false -> read or write (not read-only)                      ${percent(h.destructiveFalse.agree, h.destructiveFalse.declared)}`,
	];
	const width = 14;
	out.push('', `  ${'declared \\ ours'.padEnd(width)}${CATEGORY_IDS.map((c) => c.padStart(12)).join('')}`);
	for (const row of DECLARED_CLASSES)
		out.push(`  ${row.padEnd(width)}${CATEGORY_IDS.map((c) => String(r.confusion[row][c]).padStart(12)).join('')}`);
	if (!noList) {
		out.push('', `  disagreements (${r.disagreements.length}): tool id | our category | declared hints`);
		for (const d of r.disagreements) {
			const hints = Object.entries(d.hints)
				.map(([k, v]) => `${k}=${v}`)
				.join(' ');
			out.push(`  ${d.id} | ${d.category} | ${hints} (conflict: ${d.conflicts.join(', ')})`);
		}
	}
	return `${out.join('\n')}\n`;
}
