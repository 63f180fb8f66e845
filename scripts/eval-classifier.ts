#!/usr/bin/env node
/**
 * `eval:classifier`: runs the classifier on every tool of the gold set (the frozen definitions in
 * content/gold/tools.jsonl) and compares its category with the hand label (labeller A,
 * content/gold/labels/batch-*.jsonl). Prints accuracy, precision and recall per category, the confusion
 * matrix and every disagreement, then the agreement between the two labellers (labels/agreement-B.jsonl,
 * the second labeller's independent labels of the 300-tool agreement sample, against labeller A); `--write`
 * stores the figures in content/gold/eval.json, the floor the accuracy test holds the classifier to. The
 * comparison is src/lib/judge/gold-eval.ts.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { goldLabelSchema, goldToolSchema, parseJsonLines } from '../src/lib/content/gold.ts';
import {
	evalFigures,
	evaluateGold,
	formatEval,
	formatLabellerAgreement,
	isLabelFile,
	labellerAgreement,
	SECOND_LABELLER_FILE,
} from '../src/lib/judge/gold-eval.ts';
import { defineCommand, main } from './lib/cli.ts';

const ROOT = join(import.meta.dirname, '..');

const command = defineCommand({
	name: 'eval:classifier',
	usage: ['node scripts/eval-classifier.ts [--gold <dir>] [--json] [--no-list] [--write]'],
	about:
		'Scores the classifier against the hand-labelled gold set: accuracy, precision and recall per category,\n' +
		'the confusion matrix (rows: label, columns: classifier) and every disagreement with both reasons; then the\n' +
		'agreement between the two labellers on the agreement sample (labels/agreement-B.jsonl against labeller A).',
	options: {
		gold: { type: 'string', value: '<dir>', description: 'gold folder (default content/gold)' },
		json: { type: 'boolean', description: 'print the report as JSON' },
		'no-list': { type: 'boolean', description: 'summary only, without the disagreements' },
		write: { type: 'boolean', description: 'also write the figures to <gold>/eval.json (the committed floor)' },
	},
	notes: 'Exit codes: 0 printed, 1 a gold file is invalid, 2 bad usage.',
});

await main(command, ({ values }) => {
	const dir = values.gold ?? join(ROOT, 'content', 'gold');
	const read = <S extends Parameters<typeof parseJsonLines>[2]>(name: string, schema: S) =>
		parseJsonLines(readFileSync(join(dir, name), 'utf8'), join(dir, name), schema);
	const sample = read('tools.jsonl', goldToolSchema);
	const labels = readdirSync(join(dir, 'labels'))
		.filter(isLabelFile)
		.sort()
		.flatMap((f) => read(join('labels', f), goldLabelSchema));
	const report = evaluateGold(sample, labels);
	const secondFile = join('labels', SECOND_LABELLER_FILE);
	const labellers = existsSync(join(dir, secondFile)) ? labellerAgreement(labels, read(secondFile, goldLabelSchema)) : undefined;
	if (values.write) writeFileSync(join(dir, 'eval.json'), `${JSON.stringify(evalFigures(report), null, '\t')}\n`);
	if (values.json) {
		process.stdout.write(`${JSON.stringify({ ...report, labellers }, null, 2)}\n`);
		return 0;
	}
	process.stdout.write(formatEval(report, { list: values['no-list'] !== true }));
	if (labellers) process.stdout.write(`\n${formatLabellerAgreement(labellers)}`);
	return 0;
});
