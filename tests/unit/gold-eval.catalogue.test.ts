/**
 * About the live catalogue: the gold set. The classifier's accuracy on the hand-labelled tools of content/gold must not
 * fall more than one point below the figure committed in content/gold/eval.json, and every sampled tool
 * carries a label. It reads content/ because the committed labels and the committed figure are what it
 * guards: a rule change that costs accuracy fails here. After an improvement, raise the floor with
 * `npm run eval:classifier -- --write`. The scoring itself is tested on fixtures in gold-eval.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldLabelSchema, goldToolSchema, parseJsonLines } from '../../src/lib/content/gold.ts';
import {
	ACCURACY_TOLERANCE,
	evalFiguresSchema,
	evaluateGold,
	isLabelFile,
	labellerAgreement,
	SECOND_LABELLER_FILE,
} from '../../src/lib/judge/gold-eval.ts';
import { ROOT } from './support.ts';

const GOLD = join(ROOT, 'content', 'gold');

describe('the classifier on the gold set', () => {
	const read = <S extends Parameters<typeof parseJsonLines>[2]>(name: string, schema: S) =>
		parseJsonLines(readFileSync(join(GOLD, name), 'utf8'), `content/gold/${name}`, schema);
	const sample = read('tools.jsonl', goldToolSchema);
	const labels = readdirSync(join(GOLD, 'labels'))
		.filter(isLabelFile)
		.flatMap((f) => read(`labels/${f}`, goldLabelSchema));
	const committed = evalFiguresSchema.parse(JSON.parse(readFileSync(join(GOLD, 'eval.json'), 'utf8')));
	const report = evaluateGold(sample, labels);

	it('labels every sampled tool, and no label is stale', () => {
		expect(report.unlabelled).toEqual([]);
		expect(report.stale).toEqual([]);
		expect(report.tools).toBe(committed.tools);
	});

	it(`keeps accuracy within ${100 * ACCURACY_TOLERANCE} point of the committed figure`, () => {
		expect(report.accuracy).toBeGreaterThanOrEqual(committed.accuracy - ACCURACY_TOLERANCE);
	});

	it("has the second labeller label 300 tools of A's batches independently, agreeing on at least 90 %", () => {
		const second = read(`labels/${SECOND_LABELLER_FILE}`, goldLabelSchema);
		expect(second.every((l) => l.labeller === 'B')).toBe(true);
		const r = labellerAgreement(labels, second);
		expect(r.unmatched).toEqual([]);
		expect(r.compared).toBeGreaterThanOrEqual(300);
		expect(r.agree / r.compared).toBeGreaterThanOrEqual(0.9);
	});
});
