/**
 * The server page's composer: one of four states per tool (allow, limit at a chosen rate, deny, hide),
 * set by a preset and then changed tool by tool, plus the deployment parameters a reader fills in
 * (the folder file tools may touch, the hosts URL tools may reach, …). Any tool can be put in any
 * state: a preset is only a starting point, so a destructive tool can be allowed deliberately.
 *
 * Built on the policy model (`model.ts`) and rendered like every other set (`render.ts` validates it).
 * Runs in the browser, loaded on first use with the renderers, so it imports no classifier.
 *
 * Deployment parameters: `DeploymentParameters` is the small typed interface this composer consumes.
 * When the policy model gains its own (allowed root folder, recipient domains, URL hosts, database
 * schemas), this interface should be replaced by it; until then the composer applies the two it can
 * tie to an argument the model already knows (`file-path` → root folder, `url-input` → hosts).
 */
import type { Window } from '../taxonomy.ts';
import type { ArgumentKind } from './argument-kind.ts';
import type { DeploymentParameters } from './check-patterns.ts';
import {
	argumentChecksFor,
	CHECK_SIGNALS,
	PRESETS,
	WILDCARD,
	limitedOnDeny,
	policyFromFacts,
	refusingPolicy,
	type ArgumentCheck,
	type PolicySet,
	type Preset,
	type ToolFacts,
	type ToolPolicy,
	type UncheckedArgument,
} from './model.ts';
import { policySetDescription } from './sets.ts';

export const TOOL_STATES = ['allow', 'limit', 'deny', 'hide'] as const;
export type ToolState = (typeof TOOL_STATES)[number];

export const STATE_LABELS: Record<ToolState, string> = {
	allow: 'Allow',
	limit: 'Limit',
	deny: 'Deny',
	hide: 'Hide',
};

export interface ToolChoice {
	state: ToolState;
	/** The rate for `limit` (ignored otherwise). */
	limit?: { max: number; window: Window };
}

/** Values only the person deploying the policy knows (the model's own: root folder, URL hosts, recipient domains, schemas). */
export type { DeploymentParameters };

/** Which deployment parameter an argument of a tool takes. */
export type ParameterKind = 'rootFolder' | 'urlHosts' | 'recipientDomains' | 'schemas';

const PARAMETER_OF_KIND: Partial<Record<ArgumentKind, ParameterKind>> = {
	'relative-path': 'rootFolder',
	'absolute-path': 'rootFolder',
	'local-path': 'rootFolder',
	url: 'urlHosts',
	hostname: 'urlHosts',
	'email-address': 'recipientDomains',
	'schema-name': 'schemas',
};

/** The deployment parameters a tool's arguments can take, each with the argument names (checkable arguments only). */
export function parameterKinds(facts: ToolFacts): { kind: ParameterKind; args: string[] }[] {
	const out: { kind: ParameterKind; args: string[] }[] = [];
	for (const a of facts.args) {
		const kind = PARAMETER_OF_KIND[a.kind];
		if (!kind || a.shape) continue;
		const hit = out.find((o) => o.kind === kind);
		if (hit) {
			if (!hit.args.includes(a.arg)) hit.args.push(a.arg);
		} else out.push({ kind, args: [a.arg] });
	}
	return out;
}

/** The state a preset gives a tool. */
export function presetChoice(facts: ToolFacts, preset: Preset): ToolChoice {
	const p = policyFromFacts(facts, preset);
	switch (p.treatment) {
		case 'hide':
			return { state: 'hide' };
		case 'deny':
			return { state: 'deny' };
		case 'limit':
			return { state: 'limit', limit: { ...p.limit! } };
		default:
			return { state: 'allow' };
	}
}

/** The default rate offered when a tool is switched to `limit` without one. */
export const DEFAULT_LIMIT = { max: 10, window: 'minute' } as const satisfies { max: number; window: Window };

/**
 * The argument checks an allowed or limited tool keeps: the ones its preset gives its category or, when
 * the preset denies the category outright, every check its arguments allow (a tool a person has
 * deliberately let through keeps every guard there is). Once the reader gives deployment parameters,
 * every check applies, confined by them: a parameter is a request to confine those arguments.
 */
function baseChecks(
	facts: ToolFacts,
	preset: Preset,
	params: DeploymentParameters,
): { checks: ArgumentCheck[]; unchecked: UncheckedArgument[] } {
	const stance = PRESETS[preset].stances[facts.category];
	const all = stance.kind === 'deny' || hasParameters(params);
	return argumentChecksFor(facts, all ? CHECK_SIGNALS : stance.checks, params);
}

/** One tool's policy under a choice. */
export function composedPolicy(facts: ToolFacts, choice: ToolChoice, preset: Preset, params: DeploymentParameters = {}): ToolPolicy {
	const { tool, category } = facts;
	if (tool === WILDCARD) return policyFromFacts(facts, preset);
	// Unchanged from the preset: exactly the preset's policy (so its download equals the static file).
	if (!differsFromPreset(facts, choice, preset) && parameterKinds(facts).every((k) => !applies(k.kind, params)))
		return policyFromFacts(facts, preset);
	switch (choice.state) {
		case 'hide':
			return refusingPolicy(
				tool,
				category,
				'hide',
				`${tool} is hidden by this policy.`,
				`${tool} is hidden: removed from the tool list and every call refused.`,
			);
		case 'deny': {
			const p = policyFromFacts({ ...facts, poisoned: false }, preset);
			if (p.treatment === 'deny') return p;
			return refusingPolicy(
				tool,
				category,
				'deny',
				`${tool} is denied by this policy; a person must allow it deliberately.`,
				`Every call to ${tool} is refused before it reaches the server.`,
			);
		}
		case 'allow': {
			const { checks, unchecked } = baseChecks(facts, preset, params);
			return {
				tool,
				category,
				treatment: checks.length > 0 ? 'check' : 'allow',
				checks,
				unchecked,
				onDeny: '',
				effect:
					checks.length > 0
						? `${tool} is allowed with no limit; Intercept checks its arguments: ${checks.map((c) => c.explanation).join('; ')}.`
						: `${tool} is allowed with no limit.`,
			};
		}
		case 'limit': {
			const limit = choice.limit ?? DEFAULT_LIMIT;
			const { checks, unchecked } = baseChecks(facts, preset, params);
			return {
				tool,
				category,
				treatment: 'limit',
				limit: { max: limit.max, window: limit.window },
				checks,
				unchecked,
				onDeny: limitedOnDeny(tool, limit),
				effect: `${tool} is capped at ${limit.max} calls per ${limit.window}.${checks.length > 0 ? ` Intercept also checks its arguments: ${checks.map((c) => c.explanation).join('; ')}.` : ''}`,
			};
		}
	}
}

/** Whether a choice differs from what the preset gives the tool. */
export function differsFromPreset(facts: ToolFacts, choice: ToolChoice, preset: Preset): boolean {
	const p = presetChoice(facts, preset);
	if (p.state !== choice.state) return true;
	return p.state === 'limit' && (p.limit?.max !== choice.limit?.max || p.limit?.window !== choice.limit?.window);
}

/** Whether a parameter of this kind is set. */
function applies(kind: ParameterKind, params: DeploymentParameters): boolean {
	return kind === 'rootFolder' ? Boolean(params.rootFolder) : (params[kind]?.length ?? 0) > 0;
}

/** Whether any deployment parameter is set. */
export function hasParameters(params: DeploymentParameters): boolean {
	return (['rootFolder', 'urlHosts', 'recipientDomains', 'schemas'] as const).some((k) => applies(k, params));
}

/** The composed set for a unit: one choice per tool, in the facts' order. */
export function composeChoices(
	title: string,
	tools: readonly ToolFacts[],
	choices: readonly ToolChoice[],
	preset: Preset,
	params: DeploymentParameters = {},
): PolicySet {
	return {
		description: policySetDescription(title, preset),
		tools: tools.map((f, i) => composedPolicy(f, choices[i] ?? presetChoice(f, preset), preset, params)),
	};
}
