/**
 * About the live catalogue: every committed attack entry (content/attacks) validates, each reference it
 * makes resolves against the live servers (its example tool, its related entries), and every entry is
 * contained or says honestly that it cannot be: either its containment policy, built from the policy
 * model for its example tool and validated in both formats, refuses the entry's own example call under
 * the Intercept engine's decision (`evaluate.ts`), or it states why a gateway cannot stop it and what
 * does. It reads the live data because that is what it guards: an edited entry, or a re-scan or
 * classifier change that alters an example tool's policy, must fail here before the build does. The
 * matching and the containment code are tested on the fixture catalogue in attacks.test.ts and
 * attack-containment.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { attackContainment } from '../../src/lib/present/attack-containment.ts';
import { buildAttackIndex } from '../../src/lib/present/attacks.ts';
import { validateInterceptPolicy } from '../../src/lib/policy/intercept-schema.ts';
import { validatePolicyLayerPolicy } from '../../src/lib/policy/policylayer-schema.ts';
import { parse as parseYaml } from 'yaml';
import { liveAttacks, liveCatalogue } from './support.catalogue.ts';

describe('every committed attack entry', () => {
	const catalogue = liveCatalogue();
	const entries = liveAttacks();

	it('validates and resolves its references', () => {
		expect(entries.length).toBe(44);
		expect(() => buildAttackIndex(entries, catalogue)).not.toThrow();
	});

	it('is contained by a policy that refuses its example call, or says plainly why a gateway cannot stop it', () => {
		const counts = { policy: 0, cannot: 0 };
		for (const e of entries) {
			const c = attackContainment(e, catalogue);
			counts[c.kind]++;
			if (c.kind === 'cannot') {
				expect(c.why.length, `${e.slug}: why`).toBeGreaterThan(40);
				expect(c.instead.length, `${e.slug}: instead`).toBeGreaterThan(40);
				continue;
			}
			expect(validateInterceptPolicy(parseYaml(c.yaml)), e.slug).toEqual([]);
			expect(validatePolicyLayerPolicy(JSON.parse(c.json)), e.slug).toEqual([]);
			expect(c.intercept.allowed, `${e.slug}: ${c.intercept.reason}`).toBe(false);
			expect(['deny-rule', 'condition-failed', 'rate-limited', 'hidden', 'not-listed'], e.slug).toContain(c.intercept.reason);
			// Never "allowed with no limit"; a bare rate limit only where the entry's call is the excess of a loop.
			expect(c.policy.treatment, e.slug).not.toBe('allow');
			if (c.policy.treatment === 'limit' && c.policy.checks.length === 0)
				expect(c.call.after, `${e.slug}: a bare limit`).toBeGreaterThan(0);
		}
		expect(counts).toEqual({ policy: 23, cannot: 21 });
	});

	it('links no tool through a category or a signal alone: every target is specific', () => {
		for (const e of entries)
			for (const t of e.data.targets) {
				const facts = t.signals.length + t.capabilities.length + t.words.length;
				expect(facts, `${e.slug}: ${t.why}`).toBeGreaterThan(0);
			}
	});
});
