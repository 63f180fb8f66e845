/**
 * The gold-set eval (src/lib/judge/gold-eval.ts) on small hand-made samples: counts, precision and
 * recall, the confusion matrix, disagreements with both reasons, unlabelled and stale keys, and the text.
 */
import { describe, expect, it } from 'vitest';
import type { GoldLabel, GoldTool } from '../../src/lib/content/gold.ts';
import { evalFigures, evaluateGold, formatEval, isLabelFile } from '../../src/lib/judge/gold-eval.ts';

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
