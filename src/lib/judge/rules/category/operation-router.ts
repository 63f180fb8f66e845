import { CATEGORY_SEVERITY, type Category } from '../../../taxonomy.ts';
import { clip } from '../../tokens.ts';
import type { CategoryVote, RuleContext } from '../../types.ts';

/** A tool that routes to sub-commands of its own (guide: "A command router … operations listed"). */
const ROUTER = /\b(command router|sub[- ]?commands?|hierarchical mcp command)\b/i;
/** Where the router's own description of its operations ends and the routing boilerplate starts. */
const BOILERPLATE = /\b(this (tool )?is a hierarchical|uses a hierarchical|this is a hierarchical)/i;
/** The sentence that lists the operations ("Includes operations for …", "Provides sub-commands to …"). */
const LISTING =
	/\b(includes?( \w+)? operations|provides? sub[- ]?commands|(?<!not )supports? (listing|creating|\w+ing)|operations for)\b[^.]*/gi;

const OPERATIONS: readonly [RegExp, Category][] = [
	[/\bcrud\b/i, 'destructive'],
	[/\b(delet(e|es|ing)|remov(e|es|ing)|purg(e|es|ing)|drop(s|ping)?)\b/i, 'destructive'],
	[/\bexecut(e|es|ing) (\w+ )?(sql|queries|commands?|scripts?|performance tests|tests|load tests)\b/i, 'execute'],
	[/\b(run(s|ning)?|trigger(s|ing)?) (\w+ )?(tests|jobs|pipelines|workflows|commands)\b/i, 'execute'],
	[
		/\b(creat(e|es|ing)|updat(e|es|ing)|modif(y|ies|ying)|configur(e|es|ing)|setting|send(s|ing)?|appending|writ(e|es|ing)|lock(ing)?|scal(e|es|ing))\b/i,
		'write',
	],
];
const READS =
	/\b(list(s|ing)?|get(s|ting)?|retriev(e|es|ing)|quer(y|ies|ying)|view(s|ing)?|fetch(es|ing)?|check(s|ing)?|monitor(s|ing)?|analy[sz](e|es|ing)|diagnos(e|es|ing)|detect(s|ing)?|recommend(s|ing)?|generat(e|es|ing)|guidance|search(es|ing)?|return(s|ing)?|accessing|recognition|synthesis|detection)\b/i;
const MANAGE = /\bmanag(e|es|ing)\b/i;

/**
 * A command router (one tool whose `command` picks among the server's own operations) takes the strongest
 * operation its description lists. When it lists none beyond "manage", "manage" counts as a write; a router whose
 * listed operations are all reads is read, whatever verb its summary uses (decided after the first pass).
 */
export function operationRouter(ctx: RuleContext): CategoryVote | undefined {
	if (!ROUTER.test(ctx.description)) return undefined;
	const own = ctx.description.split(BOILERPLATE)[0] ?? '';
	const listed = [...own.matchAll(LISTING)].map((m) => m[0]).join(' ');
	// A listing sentence that names no operation (only resources) leaves the summary to decide.
	const text = listed.length > 0 && [...OPERATIONS.map(([re]) => re), READS, MANAGE].some((re) => re.test(listed)) ? listed : own;
	const reads = READS.exec(text);
	let best: { category: Category; match: string } = reads
		? { category: 'read', match: reads[0] }
		: { category: 'write', match: 'no operations listed' };
	const consider = (category: Category, match: string) => {
		if (CATEGORY_SEVERITY[category] > CATEGORY_SEVERITY[best.category]) best = { category, match };
	};
	for (const [re, category] of OPERATIONS) {
		const m = re.exec(text);
		if (!m) continue;
		// KQL and other read-only languages evaluate, they do not run programs (guide, read).
		if (category === 'execute' && /\b(kql|promql|jql|logql)\b/i.test(m[0])) continue;
		consider(category, m[0]);
	}
	const manage = MANAGE.exec(text);
	if (manage) consider('write', manage[0]);
	return {
		category: best.category,
		evidence: { rule: 'category/operation-router', source: 'description', field: 'description', match: clip(best.match, 60) },
	};
}
