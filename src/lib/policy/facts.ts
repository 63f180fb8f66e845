/**
 * From a judgement to the facts a policy depends on. The policy model (`model.ts`) turns facts plus a
 * preset into a `ToolPolicy` and needs no classifier, so the server page's composer can redo that step
 * in the browser; this module is the step before it, which does need the classifier's judgement:
 * `toolFacts` reduces a judgement to its category, whether it carries a poisoning indicator, and
 * which arguments can carry a check; `toolPolicy` is both steps at once.
 */
import { POISONING_SIGNALS } from '../judge/registry.ts';
import type { Judgement } from '../judge/types.ts';
import type { Parameter } from '../content/parameters.ts';
import { CHECK_SIGNALS, DEFAULT_PRESET, policyFromFacts, type Preset, type ToolFacts, type ToolPolicy } from './model.ts';

/**
 * Only required, top-level string parameters can carry a check: Intercept paths cannot index arrays,
 * and a check on an absent optional argument would refuse valid calls.
 */
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
