/**
 * Class figures (risk, category and signal pages) checked against a naive count over a catalogue, and
 * the decisive category rule of each tool checked against the rules its category page names. Shared by
 * browse.test.ts (a hand-made catalogue and the fixture catalogue) and browse.catalogue.test.ts (the
 * live catalogue, whose figures the pages print).
 */
import { describe, expect, it } from 'vitest';
import { CATEGORY_RULES } from '../../src/lib/judge/classify.ts';
import { classIndex, statsFor, TOP_SERVERS, type ClassRef } from '../../src/lib/present/class-pages.ts';
import type { Catalogue, ToolView } from '../../src/lib/catalogue.ts';
import { CATEGORY_IDS, RISK_LEVEL_IDS, SIGNAL_IDS } from '../../src/lib/taxonomy.ts';

/** Every class page: each level, category and signal. */
export const REFS: ClassRef[] = [
	...RISK_LEVEL_IDS.map((id): ClassRef => ({ kind: 'risk', id })),
	...CATEGORY_IDS.map((id): ClassRef => ({ kind: 'category', id })),
	...SIGNAL_IDS.map((id): ClassRef => ({ kind: 'signal', id })),
];

/** Membership by definition, independent of the catalogue's indexes. */
export function inClass(ref: ClassRef, t: ToolView): boolean {
	switch (ref.kind) {
		case 'risk':
			return t.judgement.level === ref.id;
		case 'category':
			return t.judgement.category === ref.id;
		case 'signal':
			return t.judgement.signals.some((s) => s.id === ref.id);
	}
}

/** The rule that decided each tool's category is one its category page names. */
export function expectDecisiveRulesNamed(catalogue: Catalogue): void {
	for (const t of catalogue.tools) {
		const decisive = t.judgement.categoryEvidence.at(-1)!.rule;
		expect(CATEGORY_RULES[t.judgement.category], `${t.id}: ${decisive}`).toContain(decisive);
	}
}

/** Every class's figures on `catalogue` agree with a naive count, and are computed once. */
export function describeClassFigures(name: string, catalogue: Catalogue): void {
	describe(`class figures on ${name}`, () => {
		it.each(REFS)('$kind $id agrees with a naive count', (ref) => {
			const stats = statsFor(catalogue, ref);
			const members = catalogue.tools.filter((t) => inClass(ref, t));
			expect(stats.tools.map((t) => t.id)).toEqual(members.map((t) => t.id));
			const perServer = new Map<string, number>();
			for (const t of members) perServer.set(t.server, (perServer.get(t.server) ?? 0) + 1);
			expect(stats.serverCount).toBe(perServer.size);
			expect(stats.within.reduce((n, s) => n + s.count, 0)).toBe(members.length);
			for (const s of stats.within) {
				expect(s.count).toBe(members.filter((t) => (ref.kind === 'risk' ? t.judgement.category : t.judgement.level) === s.id).length);
			}
			expect(stats.treatments.reduce((n, s) => n + s.count, 0)).toBe(members.length);
			// Top servers: at most ten, most tools first, each count right, none left out that beats the last.
			expect(stats.topServers.length).toBe(Math.min(TOP_SERVERS, perServer.size));
			for (const s of stats.topServers) expect(s.count).toBe(perServer.get(s.slug));
			expect(stats.topServers.map((s) => s.count)).toEqual([...stats.topServers.map((s) => s.count)].sort((a, b) => b - a));
			const lowest = stats.topServers.at(-1)?.count ?? 0;
			expect([...perServer.values()].filter((n) => n > lowest).length).toBeLessThanOrEqual(stats.topServers.length);
			// The example is a member, with the evidence that put it there.
			if (members.length === 0) {
				expect(stats.example).toBeUndefined();
				return;
			}
			const ex = stats.example!;
			expect(inClass(ref, ex.tool)).toBe(true);
			expect(ex.evidence.length).toBeGreaterThan(0);
			expect(ex.reason.length).toBeGreaterThan(10);
			if (ref.kind === 'signal') for (const e of ex.evidence) expect(e.rule).toBe(`signal/${ref.id}`);
			else expect(ex.evidence[0]?.rule).toMatch(/^category\//);
		});

		it('is computed once per catalogue', () => {
			expect(classIndex(catalogue)).toBe(classIndex(catalogue));
		});
	});
}
