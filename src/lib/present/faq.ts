/**
 * FAQ entries for a tool page. Every answer is true for both engines (Intercept and PolicyLayer) and
 * quotes the same numbers the generated policy uses; nothing here invents syntax an engine rejects.
 */
import type { ToolPolicy } from '../policy/model.ts';
import { CATEGORIES, RISK_LEVELS } from '../taxonomy.ts';
import type { Judgement } from '../judge/types.ts';
import { trimLineEnds } from '../text/visible-text.ts';

export interface FaqItem {
	question: string;
	answer: string;
	/** Where the full facts the answer summarises are: a section of the same page, or the about page. */
	see?: { href: string; label: string };
}

interface FaqInput {
	tool: string;
	description: string;
	serverName: string;
	runLine: string | undefined;
	judgement: Judgement;
	policy: ToolPolicy;
	categoryReason: string;
}

/** The description's first sentence (or its first 160 characters): the page quotes it in full above. */
export function openingSentence(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	// Western stops end a sentence before a space; full-width ones (CJK) need none.
	const end = /[.!?](?=\s|$)|[。！？]/.exec(flat);
	const sentence = end ? flat.slice(0, end.index + 1) : flat;
	return sentence.length > 160 ? `${sentence.slice(0, 159).trimEnd()}…` : sentence;
}

/**
 * How to use any tool's policy, in full: the about page shows these once (`/about/#<id>`), and each
 * tool page's FAQ gives the tool's own answer and links here for the rest.
 */
export const POLICY_GUIDE = [
	{
		id: 'enforce',
		title: 'Enforcing a policy',
		text:
			'Put a gateway between your MCP client and the server, and give it the policy. ' +
			'With Intercept, the open-source proxy, save the YAML as a file, check it with intercept validate -c <file>, and point your client at Intercept instead of the server. ' +
			'With PolicyLayer, the hosted gateway, register the server, paste the JSON as its policy, and point your client at the gateway URL. Either way every call is checked before it reaches the server.',
	},
	{
		id: 'rate-limit',
		title: 'Rate limits',
		text:
			'In Intercept, give the tool a named rule with the shorthand rate_limit: "N/window", for example rate_limit: "30/minute"; windows are minute, hour or day. ' +
			'In PolicyLayer, add a limit to the tool: {"counter": "<tool>_rate", "window": "minute", "max": 30, "scope": "grant"}, counted per grant. Neither engine takes a window in seconds.',
	},
	{
		id: 'block',
		title: 'Blocking a tool',
		text:
			'In Intercept, give it a rule with action: deny (deny rules take no conditions) and an on_deny message the agent will see, or list it under hide to remove it from tools/list as well. ' +
			'In PolicyLayer, list it under hide: its documentation publishes no syntax for a visible deny, so the policies here name a denied tool under hide (refused, and removed from tools/list); leaving it out of tools under "default": "deny" also refuses it, but silently. Every policy toolrisk generates already denies every tool it does not name.',
	},
	{
		id: 'limits',
		title: 'What a policy does not cover',
		text:
			'Rate limits count calls, not what each call does, and Intercept counts them per calendar minute, hour or day (UTC): up to twice the limit can pass around the turn of a window, and a call the server answers with a protocol error is not counted. ' +
			'Argument checks are written for Intercept only: PolicyLayer has not published the full syntax of its require and deny_if conditions, so toolrisk does not emit them. ' +
			'The engine can only check a required, top-level text argument: an optional argument cannot be checked (a check refuses every call that leaves it out), nor an array or anything inside one, and a check is an allow-list pattern, never "anything but X". Each tool page names the arguments its policy leaves unchecked and what each check lets through. ' +
			'No gateway rule can judge whether a permitted call is a good idea; keep a person in the loop for anything critical.',
	},
] as const;
type PolicyGuideId = (typeof POLICY_GUIDE)[number]['id'];
const guide = (id: PolicyGuideId, label: string) => ({ href: `/about/#${id}`, label }) as const;

/** How the page's own policy already treats the tool, for the blocking answer. */
function blocked(policy: ToolPolicy): string {
	switch (policy.treatment) {
		case 'deny':
			return 'The policy on this page already refuses every call to it: in Intercept with a deny rule (it stays in tools/list), in PolicyLayer by listing it under hide.';
		case 'hide':
			return 'The policy on this page already hides it from tools/list and refuses every call to it.';
		case 'omit':
			return 'The policy on this page already leaves it out, so default deny refuses every call to it.';
		default:
			return 'Intercept: a rule with action: deny (no conditions) and an on_deny message. PolicyLayer: list it under hide, which refuses every call and removes it from tools/list (no visible-deny syntax is published).';
	}
}

/**
 * The answers stay short where a section of the page holds the facts (the description, the judgement,
 * the policy, the annotations) or where the about page explains the engines' syntax once, and link
 * there; what is particular to this tool (its category, level, limit, treatment, server) is said in full.
 */
export function buildFaq(input: FaqInput): FaqItem[] {
	const { tool, serverName, judgement: j, policy } = input;
	const category = CATEGORIES[j.category];
	const level = RISK_LEVELS[j.level];
	const text = trimLineEnds(input.description.trim());
	const opening = text && openingSentence(text);
	const quoted = opening
		? ` The server describes it as “${opening}”${/[.!?。！？]$/.test(opening) ? '' : '.'}`
		: ' The server gives no description.';
	const max = policy.limit?.max ?? 30;
	const window = policy.limit?.window ?? 'minute';
	const items: FaqItem[] = [
		{
			question: `What does ${tool} do?`,
			answer: `From its definition, toolrisk classifies it as a ${category.label} tool: it ${category.meaning}.${quoted}`,
			...(text && { see: { href: '#what', label: 'Full description' } }),
		},
		{
			question: `What risk level is ${tool}, and why?`,
			answer: `${level.label} (${level.rank} of 4). ${input.categoryReason}${j.levelRule ? ` ${j.levelRule.reason}` : ''}`,
			see: { href: '#signals', label: 'Risk signals' },
		},
		{
			question: `How do I enforce a policy on ${tool}?`,
			answer: `Put a gateway between your client and ${serverName} with this policy: Intercept (the YAML) or PolicyLayer (the JSON).`,
			see: guide('enforce', 'Step by step'),
		},
		{
			question: `How do I rate-limit ${tool}?`,
			answer: policy.limit
				? `The policy on this page already caps it at ${max} calls per ${window} (rate_limit: "${max}/${window}" in Intercept, "max": ${max} in PolicyLayer); windows are minute, hour or day.`
				: `Intercept: a named rule with rate_limit: "${max}/${window}". PolicyLayer: a limit {"counter": "${tool}_rate", "window": "${window}", "max": ${max}, "scope": "grant"}. Windows are minute, hour or day.`,
			see: guide('rate-limit', 'Rate limits'),
		},
		{
			question: `How do I block ${tool} completely?`,
			answer: blocked(policy),
			see: guide('block', 'Blocking a tool'),
		},
		{
			question: `What MCP server provides ${tool}?`,
			answer: `${serverName}.${input.runLine ? ` It runs as: ${input.runLine}.` : ''}`,
		},
	];
	if (Object.keys(j.annotations.declared).length > 0) {
		items.push({
			question: `Can I rely on the annotations ${serverName} declares for ${tool}?`,
			answer:
				'No: the MCP specification says to treat them as untrusted unless the server is trusted. toolrisk believes only hints that make the tool look riskier, and flags a disagreement as a signal.' +
				(j.annotations.contradictions.length > 0
					? ` Here they disagree: ${j.annotations.contradictions.map((c) => `${c.field} is ${c.match}`).join('; ')}.`
					: ''),
			see: { href: '#annotations', label: 'Declared annotations' },
		});
	}
	items.push({
		question: 'What does the recommended policy not cover?',
		answer:
			'What each permitted call does: limits count calls in fixed windows, argument checks are Intercept-only and reach only required top-level text arguments (the policy section names the ones left unchecked), and no rule can judge whether a call is wise. Keep a person in the loop for anything critical.',
		see: guide('limits', 'Limits of a policy'),
	});
	return items;
}
