/**
 * From a judgement to the facts a policy depends on. The policy model (`model.ts`) turns facts plus a
 * preset into a `ToolPolicy` and needs no classifier, so the server page's composer can redo that step
 * in the browser; this module is the step before it, which does need the classifier's judgement:
 * `toolFacts` reduces a judgement to its category, whether it carries a poisoning indicator, whether it
 * sends to recipients, and every argument a check signal flagged with its kind (`argument-kind.ts`) and
 * whether the engine can reach it; `toolPolicy` is both steps at once.
 */
import { definitionText, poisoningStance } from '../judge/poisoning-stance.ts';
import type { Judgement } from '../judge/types.ts';
import type { Parameter } from '../content/parameters.ts';
import { argumentKind, type KindFamily } from './argument-kind.ts';
import {
	CHECK_SIGNALS,
	DEFAULT_PRESET,
	policyFromFacts,
	type ArgumentFact,
	type CheckSignal,
	type DeploymentParameters,
	type Preset,
	type ToolFacts,
	type ToolPolicy,
} from './model.ts';

/** The kind family each check signal decides in. */
const FAMILY: Record<CheckSignal, KindFamily> = {
	'command-input': 'command',
	'raw-query': 'query',
	'file-path': 'path',
	'url-input': 'url',
	recipient: 'recipient',
};

/**
 * Why the engine cannot check a parameter whatever its kind, or undefined when it can: only required,
 * top-level text parameters with a plain name can carry a check. Intercept paths split on "." and walk
 * objects only (arrays cannot be indexed), a check on an absent optional argument refuses the call, and
 * `regex` fails on anything but a string.
 */
function shapeOf(p: Parameter): ArgumentFact['shape'] {
	if (p.depth > 0) return p.path.includes('[]') ? 'array' : 'nested';
	if (p.types.includes('array')) return 'array';
	if (p.types.length > 0 && !(p.types.length === 1 && p.types[0] === 'string')) return 'not-text';
	if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(p.name)) return 'unaddressable';
	if (!p.required) return 'optional';
	return undefined;
}

/** A tool as `toolFacts` reads it: its name, and its description when known (some kind rules read it). */
export type ToolRef = string | { name: string; description?: string | null | undefined };

/** Reduces a judgement to the facts its policy depends on. */
export function toolFacts(tool: ToolRef, judgement: Judgement, parameters: readonly Parameter[]): ToolFacts {
	const name = typeof tool === 'string' ? tool : tool.name;
	const description = typeof tool === 'string' ? '' : (tool.description ?? '');
	const byPath = new Map(parameters.map((p) => [p.path, p]));
	const args: ArgumentFact[] = [];
	const add = (p: Parameter, signal: CheckSignal, family: KindFamily) => {
		if (args.some((a) => a.arg === p.path)) return;
		const d = argumentKind(family, p, description);
		if (family === 'schema' && d.kind === 'unknown') return;
		const shape = shapeOf(p);
		args.push({ arg: p.path, signal, kind: d.kind, evidence: { rule: d.rule, field: d.field, match: d.match }, ...(shape && { shape }) });
	};
	for (const signal of CHECK_SIGNALS) {
		const finding = judgement.signals.find((s) => s.id === signal);
		for (const e of finding?.evidence ?? []) {
			const p = byPath.get(e.field);
			if (p) add(p, signal, FAMILY[signal]);
		}
		// Database schema arguments ride with the query signal: a schema name is what a query reaches.
		if (signal === 'raw-query') for (const p of parameters) if (p.depth === 0) add(p, signal, 'schema');
	}
	const stance = poisoningStance(judgement.signals, typeof tool === 'string' ? '' : definitionText(tool));
	return {
		tool: name,
		category: judgement.category,
		poisoned: stance === 'hide',
		...(stance === 'warn' && { warned: true }),
		outbound: judgement.signals.some((s) => s.id === 'recipient'),
		args,
	};
}

/** Derives the policy for one tool from its judgement (the recommended preset unless another is named). */
export function toolPolicy(
	tool: ToolRef,
	judgement: Judgement,
	parameters: readonly Parameter[],
	preset: Preset = DEFAULT_PRESET,
	params: DeploymentParameters = {},
): ToolPolicy {
	return policyFromFacts(toolFacts(tool, judgement, parameters), preset, params);
}
