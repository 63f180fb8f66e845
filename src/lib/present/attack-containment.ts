/**
 * What an attack page shows under "Containment": either a policy built from the policy model for the
 * entry's example tool, rendered in both formats, validated, and run through the engine's decision
 * (`evaluate.ts`) on the entry's example call; or the entry's plain statement of why a gateway cannot
 * stop the attack and what does. The page quotes the decisions; it never asserts one.
 */
import type { Catalogue, ToolView } from '../catalogue.ts';
import { CONTAINMENT_SHAPE_IDS } from '../content/attack.ts';
import { simulate, type Decision } from '../policy/evaluate.ts';
import type { PolicySet, ToolPolicy } from '../policy/model.ts';
import { interceptDocument, interceptText, policyLayerDocument, policyLayerText } from '../policy/render.ts';
import { containmentPolicySet, type ContainmentChange, type ContainmentShape } from '../policy/sets.ts';
import type { AttackEntry } from './attacks.ts';

// The content schema names the same shapes as the policy module (it may not import it).
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const shapesAgree: SameKeys<(typeof CONTAINMENT_SHAPE_IDS)[number], ContainmentShape> = true;
void shapesAgree;

export interface ContainmentCall {
	tool: string;
	arguments: Record<string, unknown>;
	/** Identical calls made before it, in the same minute. */
	after?: number | undefined;
}

/** The engine's decision on the call (after its `after` identical predecessors, in the same minute). */
function decide(doc: unknown, call: ContainmentCall, engine: 'intercept' | 'policylayer'): Decision {
	const one = { tool: call.tool, args: call.arguments };
	const decisions = simulate(
		doc,
		Array.from({ length: (call.after ?? 0) + 1 }, () => one),
		{ engine, start: '2025-01-01T12:00:00Z' },
	);
	return decisions[decisions.length - 1]!;
}

export type ContainmentView =
	| {
			kind: 'policy';
			tool: ToolView;
			serverName: string;
			/** The tool's recommended policy (what its own page shows) and its decision on the call. */
			recommended: ToolPolicy;
			recommendedDecision: Decision;
			policy: ToolPolicy;
			set: PolicySet;
			yaml: string;
			json: string;
			call: ContainmentCall;
			/** The engine's decision on the example call under the containment policy, per format. */
			intercept: Decision;
			policyLayer: Decision;
			note?: string | undefined;
	  }
	| { kind: 'cannot'; why: string; instead: string; call?: ContainmentCall | undefined };

/** Thrown when an entry's containment cannot be built: its tool is missing, or its policy does not refuse its call. */
export class ContainmentDataError extends Error {
	override name = 'ContainmentDataError';
}

/**
 * Builds the containment an attack page shows. A containment policy that does not refuse the entry's
 * own example call under the Intercept engine's decision fails the build, with the file and the field.
 */
export function attackContainment(entry: AttackEntry, catalogue: Catalogue): ContainmentView {
	const a = entry.data;
	const file = `content/attacks/${entry.slug}.mdx`;
	const tool = a.exampleTool ? catalogue.tool(a.exampleTool) : undefined;
	const call = tool && a.exampleCall ? { tool: tool.name, arguments: a.exampleCall.arguments, after: a.exampleCall.after } : undefined;
	if (a.containment.kind === 'cannot') return { kind: 'cannot', why: a.containment.why, instead: a.containment.instead, call };
	if (!tool || !call) throw new ContainmentDataError(`${file}: exampleTool: a containment policy needs a catalogued example tool and call`);
	const server = catalogue.server(tool.server);
	const serverName = server?.file.name ?? tool.server;
	const change = a.containment.change as ContainmentChange;
	const set = containmentPolicySet(serverName, a.title, tool.policy, change);
	const intercept = interceptDocument(set);
	const policyLayer = policyLayerDocument(set);
	const view: ContainmentView = {
		kind: 'policy',
		tool,
		serverName,
		recommended: tool.policy,
		recommendedDecision: decide(interceptDocument({ description: 'recommended', tools: [tool.policy] }), call, 'intercept'),
		policy: set.tools[0]!,
		set,
		yaml: interceptText(intercept),
		json: policyLayerText(policyLayer),
		call,
		intercept: decide(intercept, call, 'intercept'),
		policyLayer: decide(policyLayer, call, 'policylayer'),
		note: a.containment.note,
	};
	if (view.intercept.allowed)
		throw new ContainmentDataError(
			`${file}: containment: the policy allows the example call (${view.intercept.reason}); a containment policy must refuse it`,
		);
	return view;
}

/** A decision in words, for the page: "refused: <message>" or "allowed". */
export function decisionText(d: Decision): string {
	if (d.allowed) return d.reason === 'not-evaluated' ? 'forwarded unchecked' : 'allowed';
	return `refused${d.message ? `: ${d.message}` : ''}`;
}
