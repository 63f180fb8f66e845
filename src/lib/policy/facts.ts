/**
 * The engine-neutral policy model. Every snippet on the site, in either format, is rendered from a
 * `ToolPolicy`; the renderers (`intercept.ts`, `policylayer.ts`) only translate it.
 *
 * Stance by category (see `CATEGORIES[...].stance`): read is allowed; write is rate-limited; execute
 * gets a tighter limit plus argument checks where a signal makes one possible; destructive and
 * financial are denied with a message that tells the agent a person must allow it. That is the
 * `recommended` preset; `strict` and `permissive` (see `PRESETS`) change the per-category stances.
 *
 * Two steps, so a browser can redo the second without the classifier: `toolFacts` reduces a judgement
 * to the few facts a policy depends on (category, poisoning, checkable arguments), and
 * `policyFromFacts` turns facts plus a preset into a `ToolPolicy`.
 */
import { POISONING_SIGNALS } from '../judge/registry.ts';
import type { Judgement } from '../judge/types.ts';
import type { Parameter } from '../content/parameters.ts';
import { CHECK_SIGNALS, DEFAULT_PRESET, policyFromFacts, type Preset, type ToolFacts, type ToolPolicy } from './model.ts';

export * from './model.ts';

/** Only required, top-level string parameters can carry a check: Intercept paths cannot index arrays, and a check on an absent optional argument would refuse valid calls. */
function checkable(p: Parameter): boolean {
	return (
		p.depth === 0 &&
		p.required &&
		(p.types.length === 0 || (p.types.length === 1 && p.types[0] === 'string')) &&
		/^[A-Za-z_][A-Za-z0-9_]*$/.test(p.name)
	);
}

/** Reduces a judgement to the facts its policy depends on. */
export function toolFacts(tool: string, judgement: Judgement, parameters: readonly Parameter[]): ToolFacts {
	const byPath = new Map(parameters.map((p) => [p.path, p]));
	const checks: ToolFacts['checks'] = [];
	for (const signal of CHECK_SIGNALS) {
		const finding = judgement.signals.find((s) => s.id === signal);
		for (const e of finding?.evidence ?? []) {
			const p = byPath.get(e.field);
			if (!p || !checkable(p) || checks.some((c) => c.signal === signal && c.arg === p.name)) continue;
			checks.push({ signal, arg: p.name });
		}
	}
	return { tool, category: judgement.category, poisoned: judgement.signals.some((s) => POISONING_SIGNALS.has(s.id)), checks };
}

/** Derives the policy for one tool from its judgement (the recommended preset unless another is named). */
export function toolPolicy(
	tool: string,
	judgement: Judgement,
	parameters: readonly Parameter[],
	preset: Preset = DEFAULT_PRESET,
): ToolPolicy {
	return policyFromFacts(toolFacts(tool, judgement, parameters), preset);
}
