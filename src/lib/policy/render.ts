/**
 * Renders the policy model into the two engines' documents, and validates each document against its
 * engine's schema before returning it: no unvalidated snippet can reach a page or a download.
 */
import { Document, visit } from 'yaml';
import { setOwn } from '../text/objects.ts';
import { escapeMarked, hasMarked } from '../text/unicode.ts';
import { validateInterceptPolicy, type InterceptPolicy, type InterceptRule } from './intercept-schema.ts';
import type { PolicySet, ToolPolicy } from './model.ts';
import { validatePolicyLayerPolicy, type PolicyLayerPolicy } from './policylayer-schema.ts';

/** A generated document failed its engine's schema: a bug in the generators, never a content problem. */
export class PolicyValidationError extends Error {
	override name = 'PolicyValidationError';
	readonly engine: 'intercept' | 'policylayer';
	readonly problems: readonly string[];
	constructor(engine: 'intercept' | 'policylayer', problems: readonly string[]) {
		super(`generated ${engine} policy is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
		this.engine = engine;
		this.problems = problems;
	}
}

function interceptRules(policy: ToolPolicy): InterceptRule[] {
	switch (policy.treatment) {
		case 'allow':
		case 'hide':
		case 'omit':
			return [];
		case 'deny':
			return [{ name: 'deny', action: 'deny', on_deny: policy.onDeny }];
		case 'check':
		case 'limit': {
			const rules: InterceptRule[] = [];
			if (policy.limit)
				rules.push({ name: 'rate limit', rate_limit: `${policy.limit.max}/${policy.limit.window}`, on_deny: policy.onDeny });
			for (const c of policy.checks)
				rules.push({ name: c.name, conditions: [{ path: c.path, op: c.op, value: c.value }], on_deny: c.onDeny });
			return rules;
		}
	}
}

/** Names of hidden tools, in listed order. */
const hidden = (set: PolicySet) => set.tools.filter((p) => p.treatment === 'hide').map((p) => p.tool);

/**
 * Names of tools PolicyLayer must refuse by name, in listed order: hidden and denied ones. Its documentation
 * publishes no syntax for a visible deny (the builder's "Deny" state has no documented JSON), and leaning
 * on `"default": "deny"` would leave a denied tool unnamed in the document; so a denied tool is listed
 * under `hide`, which refuses every call and also removes it from tools/list.
 */
const refusedByName = (set: PolicySet) => set.tools.filter((p) => p.treatment === 'hide' || p.treatment === 'deny').map((p) => p.tool);

/** The Intercept document: default deny, every tool listed with its rules, poisoned tools hidden. */
export function interceptDocument(set: PolicySet): InterceptPolicy {
	const tools: Record<string, { rules: InterceptRule[] }> = {};
	for (const policy of set.tools)
		if (policy.treatment !== 'hide' && policy.treatment !== 'omit') setOwn(tools, policy.tool, { rules: interceptRules(policy) });
	const hide = hidden(set);
	const doc = { version: '1', description: set.description, default: 'deny', ...(hide.length > 0 && { hide }), tools } as InterceptPolicy;
	const problems = validateInterceptPolicy(doc);
	if (problems.length > 0) throw new PolicyValidationError('intercept', problems);
	return doc;
}

/**
 * The PolicyLayer document: default deny; allowed tools listed, limited ones with a per-grant limit,
 * denied and poisoned ones named under `hide` (see `refusedByName`).
 */
export function policyLayerDocument(set: PolicySet): PolicyLayerPolicy {
	const tools: Record<string, { limits?: { counter: string; window: 'minute' | 'hour' | 'day'; max: number; scope: 'grant' }[] }> = {};
	for (const policy of set.tools) {
		if (policy.treatment === 'deny' || policy.treatment === 'hide' || policy.treatment === 'omit') continue;
		setOwn(
			tools,
			policy.tool,
			policy.limit
				? { limits: [{ counter: `${policy.tool}_rate`, window: policy.limit.window, max: policy.limit.max, scope: 'grant' }] }
				: {},
		);
	}
	const hide = refusedByName(set);
	const doc = { version: '1', default: 'deny', ...(hide.length > 0 && { hide }), tools } as PolicyLayerPolicy;
	const problems = validatePolicyLayerPolicy(doc);
	if (problems.length > 0) throw new PolicyValidationError('policylayer', problems);
	return doc;
}

/*
 * Policy texts never hold an invisible or bidirectional character raw (`markedCharacters`: a tool
 * named `read<U+202E>txt.exe`): each is written as an escape both formats decode to the same string
 * (`escapeMarked`: `\u202E`; astral ones `\U000E0041` in YAML, a surrogate pair in JSON). The document
 * an engine reads is exactly the policy, and what a page shows, a reader copies or downloads shows where
 * the character is instead of reversing the line or hiding inside a name. Only such strings change;
 * YAML writes them double-quoted, the one style with escapes.
 */

/** The text of a validated Intercept document. Strings are quoted wherever YAML would read them as something else. */
export function interceptText(doc: InterceptPolicy): string {
	const yaml = new Document(doc);
	let marked = false;
	visit(yaml, {
		Scalar(_, node) {
			if (typeof node.value === 'string' && hasMarked(node.value)) {
				node.type = 'QUOTE_DOUBLE';
				marked = true;
			}
		},
	});
	const text = yaml.toString({ lineWidth: 0, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' });
	return marked ? escapeMarked(text, 'yaml') : text;
}

/** The text of a validated PolicyLayer document: two-space indented, with a trailing newline. */
export function policyLayerText(doc: PolicyLayerPolicy): string {
	return escapeMarked(`${JSON.stringify(doc, null, 2)}\n`, 'json');
}

/** Intercept YAML text for a policy set. */
export function interceptYaml(set: PolicySet): string {
	return interceptText(interceptDocument(set));
}

/** PolicyLayer JSON text for a policy set. */
export function policyLayerJson(set: PolicySet): string {
	return policyLayerText(policyLayerDocument(set));
}
