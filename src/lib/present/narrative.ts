/**
 * Plain-language sentences for tool pages, built from the judgement. Facts only: every sentence
 * follows from the category, level and signals shown beside it.
 */
import type { Judgement } from '../judge/types.ts';
import { CATEGORIES, RISK_LEVELS, SIGNALS } from '../taxonomy.ts';

const RULE_WORDS: Record<string, string> = {
	'category/name-verb': 'its name says',
	'category/description-verb': 'its description opens with',
	'category/declared-read-only': 'it has no recognisable verb and the server declares it read-only',
	'category/ambiguous-verb-read-only': 'its verb is ambiguous and the server declares it read-only:',
	'category/unknown-verb': 'its name and description contain no verb we recognise, so it is treated as a write (the conservative default)',
	'category/transforms-input': 'the thing it works on is passed in whole and the result comes back:',
	'category/scratchpad': 'its input is the agent’s own reasoning step, held for the session:',
	'category/action-enum': 'one of its actions is',
	'category/money-movement': 'it moves money:',
	'category/irreversible-description': 'its description says',
	'category/declared-destructive': 'the server itself declares it destructive (destructiveHint: true)',
	'category/declared-not-read-only': 'the server itself declares it is not read-only (readOnlyHint: false)',
};

/** "Write, because its name says "send"." with each raising rule appended. */
export function categoryReason(j: Judgement): string {
	const parts = j.categoryEvidence.map((e) => {
		const words = RULE_WORDS[e.rule] ?? e.rule;
		return e.rule === 'category/unknown-verb' || e.rule.startsWith('category/declared') ? words : `${words} “${e.match}”`;
	});
	const [first, ...raised] = parts;
	const tail = raised.length > 0 ? `; raised to ${CATEGORIES[j.category].label.toLowerCase()} because ${raised.join(', and ')}` : '';
	return `${CATEGORIES[j.category].label}, because ${first}${tail}.`;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** Said of a tool whose definition changed after it was catalogued (the `definition-changed` signal). */
const PINNING =
	' Its definition changed after it was first catalogued (see its change history). Approving a tool once does not cover what its server sends later: pin the definition you reviewed (a hash of its name, description and schema) so a gateway holds the tool when it changes, and review each change before allowing it again. The policies below act on calls and cannot pin definitions; that takes a gateway or client that checks what tools/list returns.';

/** Why a gateway should control this tool, in two or three sentences (plus pinning advice for changed definitions). */
export function whyPolicy(name: string, j: Judgement): string {
	const level = RISK_LEVELS[CATEGORIES[j.category].level];
	const raised = j.levelRule ? ` Raised to ${RISK_LEVELS[j.level].label.toLowerCase()} by a named rule (see the risk level above).` : '';
	const base = `${name} ${CATEGORIES[j.category].meaning}. ${level.label} risk for its category: ${level.summary.toLowerCase()}${raised}`;
	const worst = j.signals.filter((s) => s.id !== 'many-parameters' && s.id !== 'definition-changed').slice(0, 2);
	const signals =
		worst.length > 0
			? ` It also ${worst.map((s) => lowerFirst(SIGNALS[s.id].label)).join(' and ')}: ${lowerFirst(SIGNALS[worst[0]!.id].why)}`
			: '';
	return `${base}${signals}${j.signals.some((s) => s.id === 'definition-changed') ? PINNING : ''}`;
}
