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
import {
	CHECK_PATTERNS,
	PRESETS,
	WILDCARD,
	policyFromFacts,
	type ArgumentCheck,
	type PolicySet,
	type Preset,
	type ToolFacts,
	type ToolPolicy,
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

/** Values only the person deploying the policy knows; each applies to the arguments of its kind. */
export interface DeploymentParameters {
	/** File paths must lie inside this folder (absolute, no trailing slash needed). */
	rootFolder?: string;
	/** URLs must be https and on one of these hosts. */
	urlHosts?: readonly string[];
	/** Not applied yet: no argument kind of the model marks recipients (see the module note). */
	recipientDomains?: readonly string[];
	/** Not applied yet: RE2 cannot say "every table reference is in these schemas" (see the module note). */
	databaseSchemas?: readonly string[];
}

/** Which deployment parameter an argument of a tool takes, from the checks its facts allow. */
export type ParameterKind = 'rootFolder' | 'urlHosts';

/** The deployment parameters a tool's arguments can take, each with the argument names. */
export function parameterKinds(facts: ToolFacts): { kind: ParameterKind; args: string[] }[] {
	const out: { kind: ParameterKind; args: string[] }[] = [];
	const add = (kind: ParameterKind, arg: string) => {
		const hit = out.find((o) => o.kind === kind);
		if (hit) {
			if (!hit.args.includes(arg)) hit.args.push(arg);
		} else out.push({ kind, args: [arg] });
	};
	for (const c of facts.checks) {
		if (c.signal === 'file-path') add('rootFolder', c.arg);
		else if (c.signal === 'url-input') add('urlHosts', c.arg);
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

/** RE2 (and every other regex dialect): escapes the characters that are special. */
export function escapeRegex(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The argument checks an allowed or limited tool keeps: the ones its preset gives its category or, when
 * the preset denies the category outright, every check its arguments allow (a tool a person has
 * deliberately let through keeps every guard there is).
 */
function baseChecks(facts: ToolFacts, preset: Preset): ArgumentCheck[] {
	const plain = { ...facts, poisoned: false };
	if (PRESETS[preset].stances[facts.category].kind !== 'deny') return policyFromFacts(plain, preset).checks;
	// `recommended` gives execute tools every check (CHECK_SIGNALS); tests/unit/composer.test.ts keeps this true.
	return policyFromFacts({ ...plain, category: 'execute' }, 'recommended').checks;
}

/** The checks the deployment parameters add, and the base checks they make redundant removed. */
function withParameters(tool: string, checks: ArgumentCheck[], facts: ToolFacts, params: DeploymentParameters): ArgumentCheck[] {
	let out = [...checks];
	for (const { kind, args } of parameterKinds(facts)) {
		for (const arg of args) {
			const path = `args.${arg}`;
			if (kind === 'rootFolder' && params.rootFolder) {
				const root = params.rootFolder.replace(/\/+$/, '');
				out.push({
					name: `${arg}: inside ${root}/`,
					path,
					op: 'regex',
					value: `^${escapeRegex(root)}(/|$)`,
					signal: 'file-path',
					explanation: `allows only paths inside ${root}/`,
					onDeny: `${tool}: ${arg} must be a path inside ${root}/`,
				});
				// Keep the traversal check: "<root>/../etc" starts with the root.
				if (!out.some((c) => c.path === path && c.value === CHECK_PATTERNS.noPathTraversal))
					out.push({
						name: `${arg}: no path traversal`,
						path,
						op: 'regex',
						value: CHECK_PATTERNS.noPathTraversal,
						signal: 'file-path',
						explanation: 'refuses paths containing ".."',
						onDeny: `${tool}: ${arg} must not contain ".."`,
					});
			}
			if (kind === 'urlHosts' && params.urlHosts && params.urlHosts.length > 0) {
				const hosts = params.urlHosts.map((h) => escapeRegex(h.toLowerCase())).join('|');
				// A host list is stricter than "https only": that check goes.
				out = out.filter((c) => !(c.path === path && c.value === CHECK_PATTERNS.httpsOnly));
				out.push({
					name: `${arg}: allowed hosts`,
					path,
					op: 'regex',
					value: `^https://(${hosts})(:[0-9]+)?([/?#]|$)`,
					signal: 'url-input',
					explanation: `allows only https URLs on ${params.urlHosts.join(', ')}`,
					onDeny: `${tool}: ${arg} must be an https URL on ${params.urlHosts.join(', ')}`,
				});
			}
		}
	}
	return out;
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
			return {
				tool,
				category,
				treatment: 'hide',
				checks: [],
				onDeny: `${tool} is hidden by this policy.`,
				effect: `${tool} is hidden: removed from the tool list and every call refused.`,
			};
		case 'deny': {
			const p = policyFromFacts({ ...facts, poisoned: false }, preset);
			if (p.treatment === 'deny') return p;
			return {
				tool,
				category,
				treatment: 'deny',
				checks: [],
				onDeny: `${tool} is denied by this policy; a person must allow it deliberately.`,
				effect: `Every call to ${tool} is refused before it reaches the server.`,
			};
		}
		case 'allow': {
			const checks = withParameters(tool, baseChecks(facts, preset), facts, params);
			return {
				tool,
				category,
				treatment: checks.length > 0 ? 'check' : 'allow',
				checks,
				onDeny: '',
				effect:
					checks.length > 0
						? `${tool} is allowed with no limit; Intercept checks its arguments: ${checks.map((c) => c.explanation).join('; ')}.`
						: `${tool} is allowed with no limit.`,
			};
		}
		case 'limit': {
			const limit = choice.limit ?? DEFAULT_LIMIT;
			const checks = withParameters(tool, baseChecks(facts, preset), facts, params);
			return {
				tool,
				category,
				treatment: 'limit',
				limit: { max: limit.max, window: limit.window },
				checks,
				onDeny: `${tool} is limited to ${limit.max} calls per ${limit.window}; wait and retry, or ask a person to raise the limit.`,
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
	return kind === 'rootFolder' ? Boolean(params.rootFolder) : (params.urlHosts?.length ?? 0) > 0;
}

/** Whether any deployment parameter is set. */
export function hasParameters(params: DeploymentParameters): boolean {
	return Boolean(params.rootFolder) || (params.urlHosts?.length ?? 0) > 0;
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
