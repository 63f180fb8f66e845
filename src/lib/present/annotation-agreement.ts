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
import type { AnnotationReview, AnnotationVerdict } from '../content/annotation-review.ts';
import {
	agreement,
	declaredHints,
	DECLARED_CLASSES,
	percent,
	takesProgram,
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
		catalogueInput.push({ id: tool.id, category: tool.judgement.category, hints, takesProgram: takesProgram(tool.judgement.signals) });
		if (basis !== 'catalogue') {
			const { annotations: _dropped, ...bare } = tool.entry.definition;
			const judgement = classifyTool({ definition: bare, knownParameters: tool.entry.knownParameters });
			independentInput.push({ id: tool.id, category: judgement.category, hints, takesProgram: takesProgram(judgement.signals) });
		}
	}
	const independent = basis === 'catalogue' ? undefined : agreement(independentInput);
	const cat = basis === 'independent' ? undefined : agreement(catalogueInput);
	const signalled = cat
		? cat.disagreements.filter((d) => catalogue.tool(d.id)?.judgement.signals.some((s) => s.id === 'annotation-contradiction')).length
		: 0;
	return { independent, catalogue: cat, contradictionSignalled: signalled };
}

export interface ReviewedDisagreements {
	/** Each disagreement's review, by tool id (absent: unreviewed). */
	byTool: Map<string, AnnotationReview>;
	counts: Record<AnnotationVerdict | 'unreviewed', number>;
	/** Reviewed tools that no longer disagree (or left the catalogue): the review can go. */
	stale: string[];
}

/** Joins a report's disagreements with the reviews of content/gold/annotation-reviews.json. */
export function reviewDisagreements(r: AgreementReport, reviews: readonly AnnotationReview[]): ReviewedDisagreements {
	const review = new Map<string, AnnotationReview>();
	for (const rv of reviews) for (const t of rv.tools) review.set(t, rv);
	const byTool = new Map<string, AnnotationReview>();
	const counts = { ours: 0, theirs: 0, unclear: 0, unreviewed: 0 };
	for (const d of r.disagreements) {
		const rv = review.get(d.id);
		if (rv) byTool.set(d.id, rv);
		counts[rv ? rv.verdict : 'unreviewed'] += 1;
	}
	const stale = [...review.keys()].filter((t) => !byTool.has(t)).sort();
	return { byTool, counts, stale };
}

/** One basis as text: agreement per hint, the confusion table and (unless `noList`) every disagreement, with its review. */
export function formatAgreement(title: string, r: AgreementReport, noList: boolean, reviewed?: ReviewedDisagreements): string {
	const { perHint: h } = r;
	const out = [
		'',
		`== ${title}`,
		`agreement: ${percent(r.agreeing, r.declaring)} of the tools declaring readOnlyHint or destructiveHint (${r.tools} tools in all)`,
		`  readOnlyHint: true     -> read            ${percent(h.readOnlyTrue.agree, h.readOnlyTrue.declared)}`,
		`  readOnlyHint: false    -> not read        ${percent(h.readOnlyFalse.agree, h.readOnlyFalse.declared)}`,
		`  destructiveHint: true  -> any change: write, execute, destructive, financial (not read-only)  ${percent(h.destructiveTrue.agree, h.destructiveTrue.declared)}`,
		`  destructiveHint: false -> not destructive (nor execute taking a program)      ${percent(h.destructiveFalse.agree, h.destructiveFalse.declared)}`,
	];
	const width = 14;
	out.push('', `  ${'declared \\ ours'.padEnd(width)}${CATEGORY_IDS.map((c) => c.padStart(12)).join('')}`);
	for (const row of DECLARED_CLASSES)
		out.push(`  ${row.padEnd(width)}${CATEGORY_IDS.map((c) => String(r.confusion[row][c]).padStart(12)).join('')}`);
	if (!noList) {
		out.push(
			'',
			`  disagreements (${r.disagreements.length}): tool id | our category | declared hints${reviewed ? ' | who is right: reason' : ''}`,
		);
		for (const d of r.disagreements) {
			const hints = Object.entries(d.hints)
				.map(([k, v]) => `${k}=${v}`)
				.join(' ');
			const rv = reviewed?.byTool.get(d.id);
			const verdict = reviewed ? (rv ? ` | ${rv.verdict}: ${rv.reason}` : ' | unreviewed') : '';
			out.push(`  ${d.id} | ${d.category} | ${hints} (conflict: ${d.conflicts.join(', ')})${verdict}`);
		}
	}
	if (reviewed) {
		const c = reviewed.counts;
		out.push(
			'',
			`  reviewed (content/gold/annotation-reviews.json): ours right ${c.ours}, theirs right ${c.theirs}, unclear ${c.unclear}, unreviewed ${c.unreviewed}`,
		);
		if (reviewed.stale.length > 0) out.push(`  stale reviews (tool no longer disagrees): ${reviewed.stale.join(', ')}`);
	}
	return `${out.join('\n')}\n`;
}
