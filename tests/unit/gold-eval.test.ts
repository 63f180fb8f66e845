/**
 * The gold-set eval (src/lib/judge/gold-eval.ts) on small hand-made samples: counts, precision and
 * recall, the confusion matrix, disagreements with both reasons, unlabelled and stale keys, and the text.
 */
import { describe, expect, it } from 'vitest';
import type { GoldLabel, GoldTool } from '../../src/lib/content/gold.ts';
import {
	evalFigures,
	evaluateGold,
	formatEval,
	formatLabellerAgreement,
	isLabelFile,
	labellerAgreement,
} from '../../src/lib/judge/gold-eval.ts';

const t = (tool: string, description: string): GoldTool => ({ server: 's', tool, description, inputSchema: { type: 'object' } });
const l = (tool: string, category: GoldLabel['category'], reason = 'a reason'): GoldLabel => ({
	server: 's',
	tool,
	category,
	reason,
	labeller: 'A',
});

describe('evaluateGold', () => {
	const sample = [
		t('list_files', 'List files.'),
		t('create_issue', 'Create an issue.'),
		t('delete_branch', 'Delete a branch.'),
		t('get_thing', 'Get a thing.'),
		t('unlabelled_tool', 'Get it.'),
	];
	const labels = [
		l('list_files', 'read'),
		l('create_issue', 'write'),
		l('delete_branch', 'destructive'),
		l('get_thing', 'write', 'the label says write'),
		l('gone', 'read'),
	];
	const r = evaluateGold(sample, labels);

	it('scores labelled tools only, and lists unlabelled and stale keys', () => {
		expect(r.tools).toBe(4);
		expect(r.correct).toBe(3);
		expect(r.accuracy).toBe(0.75);
		expect(r.unlabelled).toEqual(['s/unlabelled_tool']);
		expect(r.stale).toEqual(['s/gone']);
	});

	it('fills the confusion matrix by gold row and predicted column, and precision and recall from it', () => {
		expect(r.confusion.write.read).toBe(1);
		expect(r.confusion.read.read).toBe(1);
		expect(r.perCategory.read).toEqual({ labelled: 1, predicted: 2, correct: 1, precision: 0.5, recall: 1 });
		expect(r.perCategory.write).toEqual({ labelled: 2, predicted: 1, correct: 1, precision: 1, recall: 0.5 });
		expect(r.perCategory.financial).toEqual({ labelled: 0, predicted: 0, correct: 0, precision: 1, recall: 1 });
	});

	it('lists each disagreement with the gold reason and the classifier evidence', () => {
		expect(r.disagreements).toEqual([
			{
				key: 's/get_thing',
				gold: 'write',
				goldReason: 'the label says write',
				predicted: 'read',
				predictedReason: 'category/name-verb (name: get)',
			},
		]);
		const text = formatEval(r);
		expect(text).toContain('accuracy 75.0% (3/4)');
		expect(text).toContain('- s/get_thing: gold write, classifier read');
		expect(text).toContain('gold: the label says write');
		expect(formatEval(r, { list: false })).not.toContain('s/get_thing');
	});

	it('rounds the committed figures', () => {
		expect(evalFigures(r)).toMatchObject({ tools: 4, accuracy: 0.75, recall: { read: 1, write: 0.5 } });
	});

	it.each([
		['batch-1.jsonl', true],
		['batch-12.jsonl', true],
		['agreement-B.jsonl', false],
		['batch-1.jsonl.bak', false],
	])('%s is a truth file: %s', (name, expected) => expect(isLabelFile(name)).toBe(expected));
});

describe('labellerAgreement', () => {
	const b = (tool: string, category: GoldLabel['category'], reason = 'b says'): GoldLabel => ({
		...l(tool, category, reason),
		labeller: 'B',
	});
	const first = [l('list_files', 'read'), l('create_issue', 'write'), l('delete_branch', 'destructive', 'a says')];
	it.each<[string, GoldLabel[], { compared: number; agree: number; disagreeing: string[]; unmatched: string[] }]>([
		['all agree', [b('list_files', 'read'), b('create_issue', 'write')], { compared: 2, agree: 2, disagreeing: [], unmatched: [] }],
		[
			'one differs',
			[b('list_files', 'read'), b('delete_branch', 'write')],
			{ compared: 2, agree: 1, disagreeing: ['s/delete_branch'], unmatched: [] },
		],
		[
			'a tool A never labelled is not compared',
			[b('other', 'read'), b('list_files', 'write')],
			{ compared: 1, agree: 0, disagreeing: ['s/list_files'], unmatched: ['s/other'] },
		],
		['nothing to compare', [], { compared: 0, agree: 0, disagreeing: [], unmatched: [] }],
	])('%s', (_label, second, expected) => {
		const r = labellerAgreement(first, second);
		expect({ compared: r.compared, agree: r.agree, disagreeing: r.disagreements.map((d) => d.key), unmatched: r.unmatched }).toEqual(
			expected,
		);
	});
	it('counts per category by A’s label and prints both reasons', () => {
		const r = labellerAgreement(first, [b('delete_branch', 'write', 'the binding can be restored'), b('create_issue', 'write')]);
		expect(r.perCategory.destructive).toEqual({ labelled: 1, agree: 0 });
		expect(r.perCategory.write).toEqual({ labelled: 1, agree: 1 });
		const text = formatLabellerAgreement(r);
		expect(text).toContain('labeller agreement (second labeller B vs A, agreement sample): 50.0% (1/2)');
		expect(text).toContain('- s/delete_branch: A destructive, B write');
		expect(text).toContain('    A: a says');
		expect(text).toContain('    B: the binding can be restored');
		expect(formatLabellerAgreement(labellerAgreement(first, []))).toContain('n/a');
	});
});
