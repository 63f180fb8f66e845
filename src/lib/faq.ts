/**
 * FAQ entries for a tool page. Every answer is true for both engines (Intercept and PolicyLayer) and
 * quotes the same numbers the generated policy uses; nothing here invents syntax an engine rejects.
 */
import type { ToolPolicy } from './policy/model.ts';
import { CATEGORIES, RISK_LEVELS } from './taxonomy.ts';
import type { Judgement } from './classify/types.ts';
import { trimLineEnds } from './visible-text.ts';

export interface FaqItem {
	question: string;
	answer: string;
}

export interface FaqInput {
	tool: string;
	description: string;
	serverName: string;
	runLine: string | undefined;
	judgement: Judgement;
	policy: ToolPolicy;
	categoryReason: string;
}

export function buildFaq(input: FaqInput): FaqItem[] {
	const { tool, serverName, judgement: j, policy } = input;
	const category = CATEGORIES[j.category];
	const level = RISK_LEVELS[j.level];
	const text = trimLineEnds(input.description.trim());
	const described = text ? `The server describes it as: “${text.slice(0, 300)}${text.length > 300 ? '…' : ''}”. ` : 'The server gives no description. ';
	const items: FaqItem[] = [
		{
			question: `What does ${tool} do?`,
			answer: `${described}From its definition, toolrisk classifies it as a ${category.label} tool: it ${category.meaning}.`,
		},
		{
			question: `What risk level is ${tool}, and why?`,
			answer: `${level.label} (${level.rank} of 4). ${input.categoryReason}${j.levelRule ? ` ${j.levelRule.reason}` : ''}`,
		},
		{
			question: `How do I enforce a policy on ${tool}?`,
			answer:
				`Put a gateway between your MCP client and ${serverName}, and give it the policy on this page. ` +
				'With Intercept, the open-source proxy, save the YAML tab as a file, check it with intercept validate -c <file>, and point your client at Intercept instead of the server. ' +
				'With PolicyLayer, the hosted gateway, register the server, paste the JSON tab as its policy, and point your client at the gateway URL. Either way every call is checked before it reaches the server.',
		},
		{
			question: `How do I rate-limit ${tool}?`,
			answer:
				`In Intercept, give the tool a named rule with the shorthand rate_limit: "N/window", for example rate_limit: "${policy.limit?.max ?? 30}/${policy.limit?.window ?? 'minute'}"; windows are minute, hour or day. ` +
				`In PolicyLayer, add a limit to the tool: {"counter": "${tool}_rate", "window": "${policy.limit?.window ?? 'minute'}", "max": ${policy.limit?.max ?? 30}, "scope": "grant"}, counted per grant. ` +
				'Neither engine takes a window in seconds.',
		},
		{
			question: `How do I block ${tool} completely?`,
			answer:
				`In Intercept, give it a rule with action: deny (deny rules take no conditions) and an on_deny message the agent will see, or list it under hide to remove it from tools/list as well. ` +
				`In PolicyLayer, with "default": "deny", leave it out of tools, or list it under hide. Both policies on this page already deny every tool they do not name.`,
		},
		{
			question: `What MCP server provides ${tool}?`,
			answer: `${serverName}.${input.runLine ? ` It runs as: ${input.runLine}.` : ''} The gateway sits between the agent and this server and checks every call before it reaches it.`,
		},
	];
	if (Object.keys(j.annotations.declared).length > 0) {
		items.push({
			question: `Can I rely on the annotations ${serverName} declares for ${tool}?`,
			answer:
				'No: the MCP specification says clients must treat annotations as untrusted unless the server is trusted. toolrisk shows them beside its own inference; a hint that makes the tool look riskier is believed, one that makes it look safer is not, and a disagreement is flagged as a signal.' +
				(j.annotations.contradictions.length > 0 ? ` Here they disagree: ${j.annotations.contradictions.map((c) => `${c.field} is ${c.match}`).join('; ')}.` : ''),
		});
	}
	items.push({
		question: 'What does the recommended policy not cover?',
		answer:
			'Rate limits count calls, not what each call does. Argument checks are written for Intercept only: PolicyLayer has not published the full syntax of its require and deny_if conditions, so toolrisk does not emit them. No gateway rule can judge whether a permitted call is a good idea; keep a person in the loop for anything critical.',
	});
	return items;
}
