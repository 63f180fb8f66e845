/** The agreement between our category and declared hints (src/lib/judge/annotation-agreement.ts), case by case. */
import { describe, expect, it } from 'vitest';
import {
	agreement,
	conflicts,
	declaredClass,
	declaredHints,
	percent,
	type DeclaredHints,
} from '../../src/lib/judge/annotation-agreement.ts';
import type { Category } from '../../src/lib/taxonomy.ts';

describe('conflicts', () => {
	it.each<[Category, DeclaredHints, string[]]>([
		['read', { readOnlyHint: true }, []],
		['write', { readOnlyHint: true }, ['readOnlyHint: true']],
		['read', { readOnlyHint: false }, ['readOnlyHint: false']],
		['write', { readOnlyHint: false }, []],
		['destructive', { destructiveHint: true }, []],
		['execute', { readOnlyHint: false, destructiveHint: true }, []],
		['financial', { destructiveHint: true }, []],
		['write', { readOnlyHint: false, destructiveHint: true }, ['destructiveHint: true']],
		['write', { destructiveHint: false }, []],
		['destructive', { destructiveHint: false }, ['destructiveHint: false']],
		['execute', { readOnlyHint: false, destructiveHint: false }, ['destructiveHint: false']],
		// destructiveHint means nothing on a tool declared read-only.
		['read', { readOnlyHint: true, destructiveHint: true }, []],
		['write', { readOnlyHint: true, destructiveHint: false }, ['readOnlyHint: true']],
		['write', {}, []],
	])('%s with %j', (category, hints, expected) => {
		expect(conflicts(category, hints)).toEqual(expected);
	});
});

describe('declaredClass and declaredHints', () => {
	it.each<[unknown, DeclaredHints, string | undefined]>([
		[{ readOnlyHint: true, destructiveHint: true }, { readOnlyHint: true, destructiveHint: true }, 'read-only'],
		[{ destructiveHint: true }, { destructiveHint: true }, 'destructive'],
		[{ readOnlyHint: false, destructiveHint: false }, { readOnlyHint: false, destructiveHint: false }, 'additive'],
		[{ readOnlyHint: false }, { readOnlyHint: false }, 'not-read-only'],
		[{ readOnlyHint: 'true', idempotentHint: true }, {}, undefined],
		[undefined, {}, undefined],
	])('%j', (annotations, hints, row) => {
		expect(declaredHints(annotations)).toEqual(hints);
		expect(declaredClass(declaredHints(annotations))).toBe(row);
	});
});

describe('agreement', () => {
	it('counts per hint, fills the confusion table and lists disagreements sorted by id', () => {
		const report = agreement([
			{ id: 's/b', category: 'read', hints: { readOnlyHint: true } },
			{ id: 's/a', category: 'write', hints: { readOnlyHint: true } },
			{ id: 's/c', category: 'destructive', hints: { readOnlyHint: false, destructiveHint: true } },
			{ id: 's/d', category: 'write', hints: { destructiveHint: true } },
			{ id: 's/e', category: 'write', hints: {} },
		]);
		expect(report).toMatchObject({ tools: 5, declaring: 4, agreeing: 2 });
		expect(report.perHint.readOnlyTrue).toEqual({ declared: 2, agree: 1 });
		expect(report.perHint.readOnlyFalse).toEqual({ declared: 1, agree: 1 });
		expect(report.perHint.destructiveTrue).toEqual({ declared: 2, agree: 1 });
		expect(report.confusion['read-only']).toMatchObject({ read: 1, write: 1 });
		expect(report.confusion.destructive).toMatchObject({ destructive: 1, write: 1 });
		expect(report.disagreements.map((d) => [d.id, d.conflicts])).toEqual([
			['s/a', ['readOnlyHint: true']],
			['s/d', ['destructiveHint: true']],
		]);
	});

	it('formats percentages', () => {
		expect(percent(1, 3)).toBe('33.3% (1/3)');
		expect(percent(0, 0)).toBe('n/a');
	});
});
