/**
 * Two sweeps over a whole catalogue, shared by presets.test.ts (fixture and hostile catalogues) and
 * presets.catalogue.test.ts (the live catalogue): the recommended preset reproduces the policy every
 * page shows, and every preset renders a valid document in both engines for every tool, alone and as
 * its whole server.
 */
import { expect } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Catalogue } from '../../src/lib/catalogue.ts';
import { validateInterceptPolicy } from '../../src/lib/policy/intercept-schema.ts';
import { toolFacts, toolPolicy } from '../../src/lib/policy/facts.ts';
import { policyFromFacts, type Preset } from '../../src/lib/policy/model.ts';
import { composePolicySet, serverPolicySet } from '../../src/lib/policy/sets.ts';
import { validatePolicyLayerPolicy } from '../../src/lib/policy/policylayer-schema.ts';
import { interceptDocument, interceptYaml, policyLayerDocument, policyLayerJson } from '../../src/lib/policy/render.ts';

/** Recommended reproduces each tool's policy and each policy unit's set; `site` labels failures. */
export function expectRecommendedReproduces(cat: Catalogue, site: string): void {
	for (const t of cat.tools) {
		const facts = toolFacts(t.entry.definition, t.judgement, t.parameters);
		expect(policyFromFacts(facts), `${site}: ${t.id}`).toEqual(t.policy);
		expect(toolPolicy(t.entry.definition, t.judgement, t.parameters, 'recommended')).toEqual(t.policy);
	}
	for (const s of cat.servers) {
		for (const u of s.units) {
			const composed = composePolicySet(
				u.name,
				u.tools.map((t) => toolFacts(t.entry.definition, t.judgement, t.parameters)),
			);
			expect(composed, `${site}: ${s.slug}/${u.id}`).toEqual(
				serverPolicySet(
					u.name,
					u.tools.map((t) => t.policy),
				),
			);
		}
	}
}

/** Every tool under `preset`, alone and as its whole server (and with every tool switched off), validates in both engines. */
export function expectPresetValidates(cat: Catalogue, preset: Preset): void {
	let n = 0;
	for (const s of cat.servers) {
		for (const u of s.units) {
			const facts = u.tools.map((t) => toolFacts(t.entry.definition, t.judgement, t.parameters));
			for (const f of facts) {
				const one = composePolicySet(f.tool, [f], preset);
				expect(validateInterceptPolicy(parseYaml(interceptYaml(one))), `${f.tool}`).toEqual([]);
				expect(validatePolicyLayerPolicy(JSON.parse(policyLayerJson(one))), `${f.tool}`).toEqual([]);
				n++;
			}
			for (const off of [new Set<string>(), new Set(facts.map((f) => f.tool))]) {
				const set = composePolicySet(u.name, facts, preset, off);
				expect(() => interceptDocument(set)).not.toThrow();
				expect(() => policyLayerDocument(set)).not.toThrow();
			}
		}
	}
	expect(n).toBe(cat.tools.length);
}
