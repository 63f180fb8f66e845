/**
 * "Try a call": reads the arguments a reader typed, decides the call under an Intercept policy with the
 * evaluator the tests use (`evaluate.ts`), and says in words what happened and which rule decided.
 * Loaded in the browser only when a reader tries a call; imports nothing but the evaluator.
 */
import { evaluateIntercept, type Decision } from './evaluate.ts';

export type ParsedArguments = { ok: true; args: Record<string, unknown> } | { ok: false; error: string };

/** The arguments box: a JSON object (empty means `{}`). */
export function parseArguments(text: string): ParsedArguments {
	if (text.trim() === '') return { ok: true, args: {} };
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		return { ok: false, error: `the arguments are not valid JSON (${(error as Error).message})` };
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		return { ok: false, error: 'the arguments must be a JSON object, such as {"path": "notes.txt"}' };
	return { ok: true, args: value as Record<string, unknown> };
}

export interface TryOutcome {
	allowed: boolean;
	/** The deciding rule: the refusing rule, or for an allowed call the rules it passed. */
	rule: string;
	/** One sentence for the reader. */
	text: string;
	decision: Decision;
}

/** The names of the rules a tool's entry in an Intercept document lists. */
function ruleNames(policy: unknown, tool: string): string[] {
	if (typeof policy !== 'object' || policy === null) return [];
	const tools = (policy as { tools?: unknown }).tools;
	if (typeof tools !== 'object' || tools === null || !Object.hasOwn(tools, tool)) return [];
	const rules = (tools as Record<string, { rules?: unknown }>)[tool]?.rules;
	return Array.isArray(rules) ? rules.map((r) => String((r as { name?: unknown }).name ?? '')) : [];
}

/** Decides one call and explains the decision. */
export function tryCall(policy: unknown, tool: string, args: Record<string, unknown>): TryOutcome {
	const decision = evaluateIntercept(policy, { tool, args });
	if (decision.reason === 'invalid-policy')
		return { allowed: false, rule: '(invalid policy)', text: `The policy would not load: ${decision.problems?.join('; ')}`, decision };
	if (decision.allowed) {
		const passed = ruleNames(policy, tool);
		const rule = passed.length > 0 ? passed.map((r) => `"${r}"`).join(', ') : '(listed with no rules)';
		const text =
			passed.length > 0
				? `Allowed: ${tool} is listed and the call passed every rule: ${rule}.`
				: `Allowed: ${tool} is listed with no rules, so every call to it passes.`;
		return { allowed: true, rule, text, decision };
	}
	const rule = decision.rule ?? '(unknown)';
	const why =
		decision.reason === 'hidden'
			? 'the tool is hidden'
			: decision.reason === 'not-listed'
				? 'the policy does not list the tool and denies by default'
				: decision.reason === 'deny-rule'
					? `rule "${rule}" denies every call`
					: decision.reason === 'condition-failed'
						? `rule "${rule}" requires ${decision.failedCondition?.path} ${decision.failedCondition?.op} ${JSON.stringify(decision.failedCondition?.value)}`
						: `rule "${rule}" refused it`;
	return { allowed: false, rule, text: `Refused: ${why}. The agent reads: ${decision.text ?? decision.message ?? ''}`, decision };
}
