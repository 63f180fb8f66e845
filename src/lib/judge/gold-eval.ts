/**
 * The classifier against the gold set: accuracy, precision and recall per category, the confusion matrix
 * and every disagreement. Used by scripts/eval-classifier.ts and by the accuracy test
 * (tests/unit/gold-eval.catalogue.test.ts), which fails when accuracy falls more than one point below
 * the figure committed in content/gold/eval.json.
 *
 * The truth is labeller A's label (`labels/batch-*.jsonl`); the definition is the frozen snapshot in
 * `tools.jsonl`, never the live catalogue. A label whose key is not in the sample is reported as stale,
 * not scored; a sampled tool without a label is reported as unlabelled.
 */
import { z } from 'zod';
import { goldDefinition, goldKey, type GoldLabel, type GoldTool } from '../content/gold.ts';
import { CATEGORY_IDS, type Category } from '../taxonomy.ts';
import { percent } from './annotation-agreement.ts';
import { classifyTool, CLASSIFIER_VERSION } from './classify.ts';
import type { Evidence, Judgement } from './types.ts';

export interface CategoryFigures {
	/** Tools labelled with this category. */
	labelled: number;
	/** Tools the classifier put in this category. */
	predicted: number;
	/** Labelled and predicted. */
	correct: number;
	/** correct / predicted (1 when nothing was predicted). */
	precision: number;
	/** correct / labelled (1 when nothing was labelled). */
	recall: number;
}

export interface EvalDisagreement {
	key: string;
	gold: Category;
	goldReason: string;
	predicted: Category;
	/** The classifier's reason: its category evidence in order, as `rule (field: match)`. */
	predictedReason: string;
}

export interface EvalReport {
	classifier: string;
	/** Tools scored (sampled and labelled). */
	tools: number;
	correct: number;
	accuracy: number;
	perCategory: Record<Category, CategoryFigures>;
	/** confusion[gold][predicted] */
	confusion: Record<Category, Record<Category, number>>;
	disagreements: EvalDisagreement[];
	/** Sampled tools without a label. */
	unlabelled: string[];
	/** Labels whose tool is no longer in the sample. */
	stale: string[];
}

/** How the classifier explains itself in one line: its category evidence, decisive first. */
export function judgementReason(j: Pick<Judgement, 'categoryEvidence'>): string {
	return j.categoryEvidence.map((e: Evidence) => `${e.rule} (${e.field}: ${e.match})`).join('; then ');
}

/** The definition a gold line stands for, classified as the catalogue would (with its known parameters). */
export function classifyGold(t: GoldTool): Judgement {
	return classifyTool({ definition: goldDefinition(t), knownParameters: t.knownParameters });
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

/** Scores `classify` (by default the classifier) on every labelled tool of the sample. */
export function evaluateGold(
	sample: readonly GoldTool[],
	labels: readonly GoldLabel[],
	classify: (t: GoldTool) => Judgement = classifyGold,
): EvalReport {
	const byKey = new Map(labels.map((l) => [goldKey(l), l]));
	const sampled = new Set(sample.map(goldKey));
	const confusion = Object.fromEntries(CATEGORY_IDS.map((g) => [g, Object.fromEntries(CATEGORY_IDS.map((p) => [p, 0]))])) as Record<
		Category,
		Record<Category, number>
	>;
	const disagreements: EvalDisagreement[] = [];
	const unlabelled: string[] = [];
	let tools = 0;
	let correct = 0;
	for (const t of sample) {
		const key = goldKey(t);
		const label = byKey.get(key);
		if (!label) {
			unlabelled.push(key);
			continue;
		}
		const j = classify(t);
		tools += 1;
		confusion[label.category][j.category] += 1;
		if (j.category === label.category) correct += 1;
		else
			disagreements.push({
				key,
				gold: label.category,
				goldReason: label.reason,
				predicted: j.category,
				predictedReason: judgementReason(j),
			});
	}
	const perCategory = Object.fromEntries(
		CATEGORY_IDS.map((c) => {
			const labelled = CATEGORY_IDS.reduce((n, p) => n + confusion[c][p], 0);
			const predicted = CATEGORY_IDS.reduce((n, g) => n + confusion[g][c], 0);
			const ok = confusion[c][c];
			return [c, { labelled, predicted, correct: ok, precision: ratio(ok, predicted), recall: ratio(ok, labelled) }];
		}),
	) as Record<Category, CategoryFigures>;
	return {
		classifier: CLASSIFIER_VERSION,
		tools,
		correct,
		accuracy: ratio(correct, tools),
		perCategory,
		confusion,
		disagreements,
		unlabelled,
		stale: labels.map(goldKey).filter((k) => !sampled.has(k)),
	};
}

/** The committed figures (content/gold/eval.json): what the accuracy test holds the classifier to. */
export const evalFiguresSchema = z.strictObject({
	classifier: z.string().min(1),
	tools: z.number().int().positive(),
	/** Share of tools whose category matches the gold label, 0..1. */
	accuracy: z.number().min(0).max(1),
	recall: z.record(z.enum(CATEGORY_IDS as [Category, ...Category[]]), z.number().min(0).max(1)),
	precision: z.record(z.enum(CATEGORY_IDS as [Category, ...Category[]]), z.number().min(0).max(1)),
});
export type EvalFigures = z.infer<typeof evalFiguresSchema>;

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export function evalFigures(r: EvalReport): EvalFigures {
	return {
		classifier: r.classifier,
		tools: r.tools,
		accuracy: round4(r.accuracy),
		recall: Object.fromEntries(CATEGORY_IDS.map((c) => [c, round4(r.perCategory[c].recall)])) as EvalFigures['recall'],
		precision: Object.fromEntries(CATEGORY_IDS.map((c) => [c, round4(r.perCategory[c].precision)])) as EvalFigures['precision'],
	};
}

/** One point of accuracy: the most the classifier may lose against the committed figure. */
export const ACCURACY_TOLERANCE = 0.01;

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** The report as text: summary, per-category table, confusion matrix, then every disagreement. */
export function formatEval(r: EvalReport, options: { list?: boolean } = {}): string {
	const lines: string[] = [];
	lines.push(`classifier ${r.classifier}: ${r.tools} labelled gold tools`);
	lines.push(`accuracy ${pct(r.accuracy)} (${r.correct}/${r.tools})`);
	lines.push('');
	lines.push(
		`${'category'.padEnd(12)} ${'labelled'.padStart(8)} ${'predicted'.padStart(9)} ${'precision'.padStart(9)} ${'recall'.padStart(7)}`,
	);
	for (const c of CATEGORY_IDS) {
		const f = r.perCategory[c];
		lines.push(
			`${c.padEnd(12)} ${String(f.labelled).padStart(8)} ${String(f.predicted).padStart(9)} ${pct(f.precision).padStart(9)} ${pct(f.recall).padStart(7)}`,
		);
	}
	lines.push('');
	lines.push('confusion (rows: gold label, columns: classifier)');
	lines.push(`${''.padEnd(12)} ${CATEGORY_IDS.map((c) => c.slice(0, 11).padStart(11)).join(' ')}`);
	for (const g of CATEGORY_IDS) lines.push(`${g.padEnd(12)} ${CATEGORY_IDS.map((p) => String(r.confusion[g][p]).padStart(11)).join(' ')}`);
	if (r.unlabelled.length > 0) lines.push('', `unlabelled (${r.unlabelled.length}): ${r.unlabelled.join(', ')}`);
	if (r.stale.length > 0) lines.push('', `labels no longer in the sample (${r.stale.length}): ${r.stale.join(', ')}`);
	if (options.list !== false) {
		lines.push('', `disagreements (${r.disagreements.length})`);
		for (const d of r.disagreements) {
			lines.push(`- ${d.key}: gold ${d.gold}, classifier ${d.predicted}`);
			lines.push(`    gold: ${d.goldReason}`);
			lines.push(`    classifier: ${d.predictedReason}`);
		}
	}
	return `${lines.join('\n')}\n`;
}

/** The truth files: labeller A's batches (`batch-<n>.jsonl`); the second labeller's file is for agreement only. */
export function isLabelFile(name: string): boolean {
	return /^batch-\d+\.jsonl$/.test(name);
}

export interface LabellerDisagreement {
	key: string;
	/** Labeller A's category and reason (the truth the eval uses). */
	a: Category;
	aReason: string;
	/** The second labeller's category and reason. */
	b: Category;
	bReason: string;
}

export interface LabellerAgreement {
	/** Tools both labellers labelled. */
	compared: number;
	agree: number;
	/** By A's category: how many B labelled the same. */
	perCategory: Record<Category, { labelled: number; agree: number }>;
	disagreements: LabellerDisagreement[];
	/** Tools in B's file that A never labelled (not compared; the agreement sample must lie inside A's batches). */
	unmatched: string[];
}

/**
 * How often the second labeller (B, who labelled the agreement sample from the guide alone) gives the
 * same category as labeller A. Per-category figures are by A's category.
 */
export function labellerAgreement(a: readonly GoldLabel[], b: readonly GoldLabel[]): LabellerAgreement {
	const byKey = new Map(a.map((l) => [goldKey(l), l]));
	const perCategory = Object.fromEntries(CATEGORY_IDS.map((c) => [c, { labelled: 0, agree: 0 }])) as LabellerAgreement['perCategory'];
	const disagreements: LabellerDisagreement[] = [];
	const unmatched: string[] = [];
	let compared = 0;
	let agree = 0;
	for (const second of b) {
		const key = goldKey(second);
		const first = byKey.get(key);
		if (first === undefined) {
			unmatched.push(key);
			continue;
		}
		compared += 1;
		perCategory[first.category].labelled += 1;
		if (first.category === second.category) {
			agree += 1;
			perCategory[first.category].agree += 1;
		} else {
			disagreements.push({ key, a: first.category, aReason: first.reason, b: second.category, bReason: second.reason });
		}
	}
	disagreements.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
	return { compared, agree, perCategory, disagreements, unmatched };
}

/** The labeller agreement as text: the share, per category (by A's label), and every disagreement. */
export function formatLabellerAgreement(r: LabellerAgreement): string {
	const lines = [`labeller agreement (second labeller B vs A, agreement sample): ${percent(r.agree, r.compared)}`];
	for (const c of CATEGORY_IDS) lines.push(`  ${c.padEnd(12)} ${percent(r.perCategory[c].agree, r.perCategory[c].labelled)}`);
	if (r.unmatched.length > 0) lines.push(`  not labelled by A, not compared (${r.unmatched.length}): ${r.unmatched.join(', ')}`);
	for (const d of r.disagreements) {
		lines.push(`- ${d.key}: A ${d.a}, B ${d.b}`);
		lines.push(`    A: ${d.aReason}`);
		lines.push(`    B: ${d.bReason}`);
	}
	return `${lines.join('\n')}\n`;
}

/** The second labeller's file, compared with the truth files for agreement. */
export const SECOND_LABELLER_FILE = 'agreement-B.jsonl';
