/**
 * About the live catalogue: every committed attack entry (content/attacks) validates, each reference it
 * makes resolves against the live servers (its example tool, its related entries), and the example tool
 * it shows is one the attack applies to. It reads the live data because that is what it guards: an
 * edited entry, or a re-scan that renames or re-classifies an example tool, must fail here before the
 * build does. The matching itself is tested on the fixture catalogue in attacks.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { buildAttackIndex } from '../../src/lib/present/attacks.ts';
import { liveAttacks, liveCatalogue } from './support.catalogue.ts';

describe('every committed attack entry', () => {
	const catalogue = liveCatalogue();
	const entries = liveAttacks();

	it('validates, resolves its references, and applies to the tool it shows', () => {
		expect(entries.length).toBeGreaterThan(0);
		const real = buildAttackIndex(entries, catalogue);
		for (const e of entries) {
			if (!e.data.exampleTool) continue;
			const tool = catalogue.tool(e.data.exampleTool);
			expect(tool, `${e.slug}: example tool ${e.data.exampleTool}`).toBeDefined();
			expect(real.forTool(tool!, 100).map((m) => m.attack.slug)).toContain(e.slug);
		}
	});
});
