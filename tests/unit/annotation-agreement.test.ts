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
import { buildCatalogue } from '../../src/lib/catalogue.ts';
import type { ServerFileInput } from '../../src/lib/content/server.ts';
import { buildServerFile } from '../../src/lib/content/server-file.ts';
import { parseAnnotationReviews } from '../../src/lib/content/annotation-review.ts';
import { annotationAgreement, formatAgreement, reviewDisagreements } from '../../src/lib/present/annotation-agreement.ts';

describe('conflicts', () => {
	it.each<[Category, DeclaredHints, string[]]>([
		['read', { readOnlyHint: true }, []],
		['write', { readOnlyHint: true }, ['readOnlyHint: true']],
		['read', { readOnlyHint: false }, ['readOnlyHint: false']],
		['write', { readOnlyHint: false }, []],
		['destructive', { destructiveHint: true }, []],
		['execute', { readOnlyHint: false, destructiveHint: true }, []],
		['financial', { destructiveHint: true }, []],
		['write', { readOnlyHint: false, destructiveHint: true }, []],
		['read', { destructiveHint: true }, ['destructiveHint: true']],
		['write', { destructiveHint: false }, []],
		['destructive', { destructiveHint: false }, ['destructiveHint: false']],
		['execute', { readOnlyHint: false, destructiveHint: false }, []],
		['financial', { destructiveHint: false }, []],
		// destructiveHint means nothing on a tool declared read-only.
		['read', { readOnlyHint: true, destructiveHint: true }, []],
		['write', { readOnlyHint: true, destructiveHint: false }, ['readOnlyHint: true']],
		['write', {}, []],
	])('%s with %j', (category, hints, expected) => {
		expect(conflicts(category, hints)).toEqual(expected);
	});
	// "Only additive updates" cannot hold for a tool whose caller passes the program that runs.
	it.each<[Category, DeclaredHints, boolean, string[]]>([
		['execute', { destructiveHint: false }, true, ['destructiveHint: false']],
		['execute', { destructiveHint: false }, false, []],
		['write', { destructiveHint: false }, true, []],
		['execute', { readOnlyHint: true, destructiveHint: false }, true, ['readOnlyHint: true']],
	])('%s with %j, takes a program: %s', (category, hints, takesProgram, expected) => {
		expect(conflicts(category, hints, takesProgram)).toEqual(expected);
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
			{ id: 's/d', category: 'read', hints: { destructiveHint: true } },
			{ id: 's/e', category: 'write', hints: {} },
		]);
		expect(report).toMatchObject({ tools: 5, declaring: 4, agreeing: 2 });
		expect(report.perHint.readOnlyTrue).toEqual({ declared: 2, agree: 1 });
		expect(report.perHint.readOnlyFalse).toEqual({ declared: 1, agree: 1 });
		expect(report.perHint.destructiveTrue).toEqual({ declared: 2, agree: 1 });
		expect(report.confusion['read-only']).toMatchObject({ read: 1, write: 1 });
		expect(report.confusion.destructive).toMatchObject({ destructive: 1, read: 1 });
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

describe('annotationAgreement over a catalogue', () => {
	type Tool = ServerFileInput['tools'][number];
	const tool = (name: string, description: string, annotations?: Record<string, unknown>): Tool => ({
		definition: { name, description, inputSchema: { type: 'object', properties: {} }, ...(annotations && { annotations }) },
	});
	const catalogue = buildCatalogue([
		buildServerFile(
			{
				slug: 'hinted',
				name: 'Hinted',
				distributions: [{ kind: 'npm', package: 'hinted-mcp', version: '1.0.0' }],
				provenance: {
					method: 'import',
					obtainedAt: '2026-01-02',
					sources: [{ title: 'test', ref: 'tests/unit/annotation-agreement.test.ts' }],
					completeness: 'complete',
				},
				tools: [
					tool('list_items', 'List the items in the store.', { readOnlyHint: true }),
					// Declared read-only, but its name and description say it deletes.
					tool('delete_item', 'Delete an item for good.', { readOnlyHint: true }),
					tool('create_item', 'Create an item.', { destructiveHint: false }),
					tool('update_item', 'Update an item.'),
				],
			},
			'servers/hinted.json',
		),
	]);

	it('compares both bases, and counts the contradictions the catalogue signals', () => {
		const both = annotationAgreement(catalogue, 'both');
		expect(both.independent).toMatchObject({ tools: 4, declaring: 3, agreeing: 2 });
		expect(both.independent?.disagreements.map((d) => [d.id, d.category, d.conflicts])).toEqual([
			['hinted/delete_item', 'destructive', ['readOnlyHint: true']],
		]);
		expect(both.catalogue?.declaring).toBe(3);
		// The site's category takes the rules' evidence over the declaration, and says so with the signal.
		expect(both.catalogue?.disagreements.map((d) => d.id)).toEqual(['hinted/delete_item']);
		expect(both.contradictionSignalled).toBe(1);
		expect(annotationAgreement(catalogue, 'independent').catalogue).toBeUndefined();
		expect(annotationAgreement(catalogue, 'catalogue').independent).toBeUndefined();
	});

	it('prints agreement per hint, the confusion table and the disagreements unless told not to', () => {
		const report = annotationAgreement(catalogue, 'independent').independent!;
		const text = formatAgreement('independent', report, false);
		expect(text).toContain(
			'\n== independent\nagreement: 66.7% (2/3) of the tools declaring readOnlyHint or destructiveHint (4 tools in all)\n',
		);
		expect(text).toMatch(/^ {2}read-only\s+1\s+0\s+0\s+1\s+0$/m);
		expect(text).toContain('  hinted/delete_item | destructive | readOnlyHint=true (conflict: readOnlyHint: true)');
		expect(formatAgreement('independent', report, true)).not.toContain('disagreements');
	});
});

describe('reviewed disagreements', () => {
	const report = agreement([
		{ id: 's/run', category: 'execute', hints: { destructiveHint: false }, takesProgram: true },
		{ id: 's/screen', category: 'write', hints: { readOnlyHint: true } },
		{ id: 's/open', category: 'write', hints: { readOnlyHint: true } },
		{ id: 's/list', category: 'read', hints: { readOnlyHint: true } },
	]);
	const reviews = [
		{ verdict: 'ours' as const, reason: 'starts work', reviewer: 't', tools: ['s/run', 's/gone'] },
		{ verdict: 'theirs' as const, reason: 'returns matches', reviewer: 't', tools: ['s/screen'] },
	];
	it('gives each disagreement its verdict, counts the unreviewed and names stale reviews', () => {
		const r = reviewDisagreements(report, reviews);
		expect(r.counts).toEqual({ ours: 1, theirs: 1, unclear: 0, unreviewed: 1 });
		expect(r.byTool.get('s/run')?.verdict).toBe('ours');
		expect(r.stale).toEqual(['s/gone']);
		const text = formatAgreement('t', report, false, r);
		expect(text).toContain('s/run | execute | destructiveHint=false (conflict: destructiveHint: false) | ours: starts work');
		expect(text).toContain('s/open | write | readOnlyHint=true (conflict: readOnlyHint: true) | unreviewed');
		expect(text).toContain('ours right 1, theirs right 1, unclear 0, unreviewed 1');
	});
	it('refuses a tool reviewed twice, a bad verdict and a malformed id', () => {
		expect(() => parseAnnotationReviews({ reviews: [reviews[0], { ...reviews[1], tools: ['s/run'] }] }, 'f')).toThrow(/already reviewed/);
		expect(() => parseAnnotationReviews({ reviews: [{ ...reviews[0], verdict: 'maybe' }] }, 'f')).toThrow();
		expect(() => parseAnnotationReviews({ reviews: [{ ...reviews[0], tools: ['no-slash'] }] }, 'f')).toThrow();
	});
});
