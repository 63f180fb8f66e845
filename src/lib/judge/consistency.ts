/**
 * Consistency: tools that do the same thing on different servers should get the same verdict. This module
 * gives every tool a normalised key, groups the catalogue by it, and lists the groups whose members'
 * verdicts (category, level) differ, with the state of their review (content/gold/consistency-reviews.json).
 *
 * The key is `<verb> <object> [<argument kinds>]`, derived from the definition alone (never from the
 * classifier's verdict, so a rule change cannot move a tool to another group):
 *
 * - verb: the first word of the name (after the server's own namespace prefix) that is a verb, lemmatised
 *   (`gets` → get) and folded through `VERB_SYNONYMS` (fetch, retrieve, read → get; …);
 * - object: the words after the verb (before it when nothing follows), without filler words, singularised
 *   and folded through `OBJECT_SYNONYMS` (repo → repository, dir and folder → directory, …); `-` when none;
 * - argument kinds: the kinds of the top-level arguments that change what a tool can reach (`ARGUMENT_KINDS`):
 *   a path, a query in a language that can write (SQL, Cypher, GraphQL) or only select (PromQL, JQL, KQL),
 *   a command, code, a recipient, a URL, content, an operation selector.
 *   Identifiers, filters, paging and output options are not kinds: identifiers are named every way
 *   (`issue_number`, `issueId`, `owner` + `repo`) and tell no effects apart, so they would only split groups.
 *
 * A tool that takes a command, code or a query in a query language is also put in a mechanism group
 * (`<kind> mechanism [<kind>]`, e.g. `command mechanism [command]`): whatever its name says (`run_command`,
 * `start_process`, `read-command`), the caller supplies the program, and the labelling guide's mechanism
 * rule decides all of them alike.
 *
 * The server's namespace is the first word most of its tools share (`browser_`, `API-`, `jira_`) or a
 * word of its slug; it says which server, not what the tool does.
 */
import { listParameters, type Parameter } from '../content/parameters.ts';
import type { McpTool } from '../content/mcp-tool.ts';
import type { ConsistencyReview } from '../content/consistency-review.ts';
import { CATEGORY_SEVERITY, RISK_LEVELS, type Category, type RiskLevel } from '../taxonomy.ts';
import { tokenize } from './tokens.ts';

/**
 * Verbs that name the same action, folded to the first word of each line. Kept small and literal: a fold
 * merges groups, so each one must hold for every object (fetching a page and reading a page are one act;
 * starting a VM and running a command are not, so start is not run).
 */
export const VERB_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
	get: ['fetch', 'retrieve', 'read', 'show', 'view', 'describe', 'load', 'obtain', 'lookup'],
	list: ['enumerate', 'ls', 'browse'],
	search: ['find', 'lookup'],
	create: ['add', 'new', 'make', 'insert'],
	update: ['edit', 'modify', 'patch', 'change', 'set'],
	delete: ['remove', 'destroy', 'rm', 'erase', 'drop', 'purge', 'del'],
	run: ['execute', 'exec', 'invoke', 'spawn'],
	send: ['post'],
	write: ['save', 'store'],
	navigate: ['goto', 'visit'],
	capture: ['take', 'screenshot', 'snapshot'],
	download: ['export'],
};

/** Nouns that also work as the verb of a name; the object they imply is kept (`screenshot` → capture screenshot). */
const NOUN_VERBS: Readonly<Record<string, string>> = { screenshot: 'screenshot', snapshot: 'snapshot' };

/** Object words that name the same thing, folded to the key. */
export const OBJECT_SYNONYMS: Readonly<Record<string, string>> = {
	repo: 'repository',
	dir: 'directory',
	folder: 'directory',
	db: 'database',
	doc: 'document',
	msg: 'message',
	pr: 'pull request',
	cmd: 'command',
	env: 'environment',
	config: 'configuration',
	info: '',
	detail: '',
	content: '',
	contents: '',
	data: '',
};

/** Words that carry no object: articles, prepositions, quantifiers, version tags. */
const FILLER = new Set(
	'a an the by of for to from in on at with and or all any my one multiple many batch bulk v1 v2 v3 v4 api tool mcp'.split(' '),
);

const SYNONYM_OF = new Map<string, string>();
for (const [canonical, words] of Object.entries(VERB_SYNONYMS)) {
	SYNONYM_OF.set(canonical, canonical);
	for (const w of words) if (!SYNONYM_OF.has(w)) SYNONYM_OF.set(w, canonical);
}

/**
 * The words a name's verb can be, beyond the synonym table: the classifier's verb vocabulary as it was when
 * this report was written (lexicon.ts, classifier 1.3.0), copied so that a change to the classifier's
 * words can never move a tool to another group and orphan its review.
 */
const KEY_VERBS = new Set(
	`
	accept access activate add aggregate analyse analyze announce append apply approve archive assign attach audit
	authenticate ban bash bet bid book broadcast browse build buy calculate call can cancel capture charge check
	checkout claim classify clear click close cmd comment commit compare compile compute configure confirm connect
	continue convert copy count crawl create deactivate decline decrement delete deploy deposit deprovision
	describe destroy detach detect diff disable discard disconnect discover dispatch donate download draft drag
	draw drop echo edit emit enable end enumerate erase estimate eval evaluate evict exec execute explain export
	expunge extract fetch fill find flush follow fork format forward generate get grant grep has head hover
	identify import increment info init initialize insert inspect install interpret invite invoke is kill label
	launch like link lint list lock login logout look lookup make mark match measure merge migrate modify monitor
	move mute navigate new notify nuke open overwrite parse patch pause pay payout peek perform pin ping plan poll
	post prepend press preview provision publish purchase purge push put query rank react read reason recognize
	record refund register reject remove rename reopen replace reply request rerank reschedule reserve reset
	resolve respond restart restore resume retrieve return review revoke rewrite rm rmdir run sample save scan
	schedule scrape screenshot script scroll search select sell send set share shell show shred sleep snapshot
	spawn stake star start stat stats status stop store submit subscribe summarise summarize sync tag tail
	teardown terminate test think tip toggle trade transfer translate trigger truncate type unarchive unassign
	unfollow uninstall unlike unlink unlock unmute unpin unstar unsubscribe untag update upload upsert validate
	verify view vote wager wait watch whoami wipe withdraw write
`
		.trim()
		.split(/\s+/),
);

/** Whether a word is a verb we know: a synonym-table word or one of `KEY_VERBS`. */
function isVerb(word: string): boolean {
	return SYNONYM_OF.has(word) || KEY_VERBS.has(word);
}

/** The verb a name word stands for, lemmatised (`gets`, `listing`, `created` → get, list, create) and folded; undefined if none. */
export function verbOf(word: string): string | undefined {
	const candidates = [word];
	if (word.endsWith('s') && word.length > 3) candidates.push(word.slice(0, -1));
	if (word.endsWith('es') && word.length > 4) candidates.push(word.slice(0, -2));
	if (word.endsWith('ing') && word.length > 5) candidates.push(word.slice(0, -3), `${word.slice(0, -3)}e`);
	if (word.endsWith('ed') && word.length > 4) candidates.push(word.slice(0, -2), word.slice(0, -1));
	const found = candidates.find(isVerb);
	return found === undefined ? undefined : (SYNONYM_OF.get(found) ?? found);
}

/** English singular of one word, for the plural forms tool names use (`entries`, `branches`, `files`). */
export function singular(word: string): string {
	if (word.length <= 3 || /(ss|us|is|news)$/.test(word)) return word;
	if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
	if (/(sses|shes|ches|xes|zes)$/.test(word)) return word.slice(0, -2);
	if (word.endsWith('s')) return word.slice(0, -1);
	return word;
}

function objectWord(word: string): string {
	const s = singular(word);
	return OBJECT_SYNONYMS[s] ?? OBJECT_SYNONYMS[word] ?? s;
}

/** The kinds of argument a key records, in key order. */
export const ARGUMENT_KINDS = ['selector', 'command', 'code', 'query', 'read-query', 'path', 'url', 'recipient', 'content'] as const;
export type ArgumentKind = (typeof ARGUMENT_KINDS)[number];

/** Query languages that can change data (SQL, Cypher, GraphQL with mutations …): `query`, a program. */
const WRITABLE_QUERY = /\b(sql|mysql|postgres|postgresql|sqlite|cypher|graphql|sparql|gremlin|n1ql|cql|hogql|select statement)\b/i;
/** Query languages that only select (PromQL, LogQL, KQL, JQL …): `read-query`. */
const READ_QUERY = /\b(promql|logql|kql|jql|traceql|flux|query language|query dsl|lucene)\b/i;
const KIND_NAMES: [ArgumentKind, RegExp][] = [
	['command', /^(command|commands|cmd|shell command|shell)$/],
	['code', /^(code|script|source code|function|expression|js|javascript|python|snippet|program)$/],
	['query', /^(sql|cypher|statement|sql query|query sql|graphql|sparql|gremlin|hogql|cql)$/],
	['read-query', /^(promql|logql|kql|jql|traceql)$/],
	[
		'path',
		/^(path|paths|file|files|file path|filepath|file name|filename|dir|directory|folder|source path|destination path|target path|output path|save path)$/,
	],
	['url', /^(url|urls|uri|href|link|endpoint|webhook|webhook url|website|site url|page url|target url)$/],
	['recipient', /^(to|cc|bcc|recipient|recipients|email|emails|email address|phone|phone number|to email|to address)$/],
	['content', /^(body|content|contents|text|message|markdown|html|value|values|fields|data|payload|patch|new content|new text)$/],
];
/** Words that show a `code` parameter holds a program. */
const PROGRAM_WORDS =
	/\b(javascript|typescript|python|lua|luau|bash|shell|script|function|program|snippet|source code|execute|executed|run|evaluate|evaluated)\b/i;
const SELECTOR_NAMES = /^(action|operation|op|method|mode|command|subcommand)$/;

/** The kind of one top-level parameter, or undefined for filters, paging and options. */
export function argumentKind(p: Pick<Parameter, 'name' | 'description' | 'enum' | 'format'>): ArgumentKind | undefined {
	const words = tokenize(p.name).join(' ');
	if (p.enum && p.enum.length >= 2 && SELECTOR_NAMES.test(words)) return 'selector';
	if (words === 'query' || words === 'q') {
		const text = p.description ?? '';
		return WRITABLE_QUERY.test(text) ? 'query' : READ_QUERY.test(text) ? 'read-query' : undefined;
	}
	// `code` names an OAuth, discount or item code as often as a program, and `function` often a function's name:
	// with a description, it must say program and not be a name.
	if (
		(words === 'code' || words === 'function') &&
		p.description &&
		(!PROGRAM_WORDS.test(p.description) || /\b(name|id) of\b/i.test(p.description))
	)
		return undefined;
	for (const [kind, pattern] of KIND_NAMES) if (pattern.test(words)) return kind;
	if (p.format === 'uri' || p.format === 'url') return 'url';
	if (p.format === 'email') return 'recipient';
	return undefined;
}

export interface ToolKey {
	verb: string;
	object: string;
	kinds: ArgumentKind[];
	/** `<verb> <object> [<kinds>]`: what the report prints and reviews name. */
	key: string;
	/** `<kind> mechanism [<kind>]` for each program-carrying kind the tool takes (command, code, query). */
	mechanisms: string[];
}

/** Argument kinds that carry a program: a tool taking one is grouped by that mechanism as well. */
export const MECHANISM_KINDS = ['command', 'code', 'query'] as const satisfies readonly ArgumentKind[];

/** The words of the name that say which server rather than what the tool does (see the module comment). */
export function namespaceWords(serverSlug: string, toolNames: readonly string[]): Set<string> {
	const words = new Set(tokenize(serverSlug).filter((w) => !isVerb(w) && w.length > 2));
	for (const w of ['mcp', 'server', 'api']) words.add(w);
	if (toolNames.length >= 3) {
		const firsts = new Map<string, number>();
		for (const n of toolNames) {
			const first = tokenize(n)[0];
			if (first !== undefined) firsts.set(first, (firsts.get(first) ?? 0) + 1);
		}
		for (const [w, n] of firsts) if (n / toolNames.length >= 0.6 && verbOf(w) === undefined) words.add(w);
	}
	return words;
}

/** The key of one tool. `namespace` holds the server's namespace words (`namespaceWords`). */
export function toolKey(definition: McpTool, namespace: ReadonlySet<string> = new Set(), parameters?: readonly Parameter[]): ToolKey {
	const all = tokenize(definition.name).filter((w) => !/^\d+$/.test(w));
	const kept = all.filter((w) => !namespace.has(w));
	const words = kept.length > 0 ? kept : all;
	let at = words.findIndex((w) => verbOf(w) !== undefined);
	let verb: string;
	if (at < 0) {
		// No verb in the name: the description's first word, if it is one (`"Lists the ..."`).
		const first = tokenize(definition.description?.trim().split(/\s+/)[0] ?? '')[0];
		verb = (first && verbOf(first)) ?? '?';
		at = -1;
	} else verb = verbOf(words[at]!)!;
	const implied = at >= 0 ? NOUN_VERBS[words[at]!] : undefined;
	const after = at >= 0 ? words.slice(at + 1) : words;
	const before = at >= 0 ? words.slice(0, at) : [];
	const pick = (list: readonly string[]) =>
		list
			.filter((w) => !FILLER.has(w))
			.map(objectWord)
			.filter(Boolean);
	let object = pick(after);
	if (object.length === 0) object = pick(before);
	if (implied && !object.includes(implied)) object = [implied, ...object];
	const objectText = object.slice(0, 3).join(' ') || '-';
	const params = parameters ?? listParameters(definition.inputSchema ?? {}).parameters;
	const found = new Set<ArgumentKind>();
	const top = params.filter((p) => p.depth === 0);
	// `command` beside a `parameters` object names one of the tool's own operations, not a program.
	const dispatches = top.some((p) => /^(parameters|params|arguments|args)$/i.test(p.name) && p.types.includes('object'));
	for (const p of top) {
		const kind = argumentKind(p);
		if (kind) found.add(kind === 'command' && dispatches ? 'selector' : kind);
	}
	const kinds = ARGUMENT_KINDS.filter((k) => found.has(k));
	const mechanisms = MECHANISM_KINDS.filter((k) => found.has(k)).map((k) => `${k} mechanism [${k}]`);
	return { verb, object: objectText, kinds, key: `${verb} ${objectText} [${kinds.join(' ')}]`, mechanisms };
}

// ---------------------------------------------------------------------------------------------------
// Groups

/** One tool as the report sees it: where it is, its definition, and the verdict the catalogue gives it. */
export interface ConsistencyTool {
	server: string;
	tool: string;
	definition: McpTool;
	parameters?: readonly Parameter[];
	category: Category;
	level: RiskLevel;
	/** The one-line reason the page shows for the category. */
	reason: string;
	/** The server's place among the most used (1 = most used), when ranked. */
	rank?: number | undefined;
	/** The hand label of the gold set (docs/labelling-guide.md), when the tool is in it. */
	gold?: { category: Category; reason: string } | undefined;
}

export interface GroupMember {
	server: string;
	tool: string;
	category: Category;
	level: RiskLevel;
	/** `category/level`. */
	verdict: string;
	reason: string;
	rank?: number | undefined;
	gold?: { category: Category; reason: string } | undefined;
}

export type GroupStatus =
	/** The members agree (only groups asked for by key are listed with this status). */
	| 'consistent'
	/** No review names the group. */
	| 'unreviewed'
	/** Reviewed: the differences are justified. */
	| 'justified'
	/** Reviewed: a member's verdict is wrong by the labelling guide; the rule that gives it is not fixed yet (the note names it). */
	| 'known-error'
	/** A review says the rule was fixed, but the verdicts still differ. */
	| 'fixed-but-differs';

export interface ConsistencyGroup {
	key: string;
	members: GroupMember[];
	servers: number;
	/** Each distinct verdict with how many members have it, most common first. */
	verdicts: { verdict: string; count: number }[];
	/** The best (lowest) rank among the members' servers, when any is ranked. */
	bestRank?: number | undefined;
	/** Members whose category differs from their gold label. */
	goldDisagreements: number;
	status: GroupStatus;
	review?: ConsistencyReview;
}

export interface ConsistencyReport {
	tools: number;
	/** Groups of at least two tools from at least two servers. */
	groups: number;
	/** Tools in those groups. */
	groupedTools: number;
	/** The groups whose members' verdicts differ, biggest and most used first. */
	inconsistent: ConsistencyGroup[];
	/** Reviews whose group no longer differs (fixed, or the key is gone). */
	settled: ConsistencyReview[];
	counts: Record<Exclude<GroupStatus, 'consistent'>, number>;
	/** The groups asked for by key (`select`), consistent or not, in the order asked; keys with no group are left out. */
	selected: ConsistencyGroup[];
}

const verdictOf = (t: { category: Category; level: RiskLevel }) => `${t.category}/${t.level}`;

/** Verdicts ordered weakest first: category, then level. */
function compareVerdicts(a: GroupMember, b: GroupMember): number {
	return CATEGORY_SEVERITY[a.category] - CATEGORY_SEVERITY[b.category] || RISK_LEVELS[a.level].rank - RISK_LEVELS[b.level].rank;
}

/** Keys every tool, groups them, and lists the groups whose verdicts differ with their review state. */
export function consistencyReport(
	tools: readonly ConsistencyTool[],
	reviews: readonly ConsistencyReview[] = [],
	options: { select?: readonly string[] } = {},
): ConsistencyReport {
	const select = new Set(options.select ?? []);
	const selected = new Map<string, ConsistencyGroup>();
	const namesByServer = new Map<string, string[]>();
	for (const t of tools) namesByServer.set(t.server, [...(namesByServer.get(t.server) ?? []), t.definition.name]);
	const namespaces = new Map([...namesByServer].map(([server, names]) => [server, namespaceWords(server, names)] as const));
	const byKey = new Map<string, ConsistencyTool[]>();
	for (const t of tools) {
		const { key, mechanisms } = toolKey(t.definition, namespaces.get(t.server), t.parameters);
		// A tool with no verb anywhere joins no name group: nothing in its name says what it does.
		for (const k of key.startsWith('? ') ? mechanisms : [key, ...mechanisms]) byKey.set(k, [...(byKey.get(k) ?? []), t]);
	}
	const reviewOf = new Map(reviews.map((r) => [r.key, r]));
	let groups = 0;
	let groupedTools = 0;
	const inconsistent: ConsistencyGroup[] = [];
	const differing = new Set<string>();
	for (const [key, list] of byKey) {
		const servers = new Set(list.map((t) => t.server)).size;
		if (list.length < 2 || servers < 2) continue;
		groups++;
		groupedTools += list.length;
		const members: GroupMember[] = list.map((t) => ({
			server: t.server,
			tool: t.definition.name,
			category: t.category,
			level: t.level,
			verdict: verdictOf(t),
			reason: t.reason,
			...(t.rank !== undefined && { rank: t.rank }),
			...(t.gold !== undefined && { gold: t.gold }),
		}));
		const counts = new Map<string, number>();
		for (const m of members) counts.set(m.verdict, (counts.get(m.verdict) ?? 0) + 1);
		const consistent = counts.size < 2;
		if (consistent && !select.has(key)) continue;
		if (!consistent) differing.add(key);
		members.sort((a, b) => compareVerdicts(a, b) || a.server.localeCompare(b.server, 'en') || a.tool.localeCompare(b.tool, 'en'));
		const ranks = members.map((m) => m.rank).filter((r): r is number => r !== undefined);
		const review = reviewOf.get(key);
		const status: GroupStatus = consistent
			? 'consistent'
			: !review
				? 'unreviewed'
				: review.decision === 'differences justified'
					? 'justified'
					: review.decision === 'known error'
						? 'known-error'
						: 'fixed-but-differs';
		const group: ConsistencyGroup = {
			key,
			members,
			servers,
			verdicts: [...counts]
				.map(([verdict, count]) => ({ verdict, count }))
				.sort((a, b) => b.count - a.count || a.verdict.localeCompare(b.verdict)),
			...(ranks.length > 0 && { bestRank: Math.min(...ranks) }),
			goldDisagreements: members.filter((m) => m.gold !== undefined && m.gold.category !== m.category).length,
			status,
			...(review && { review }),
		};
		if (!consistent) inconsistent.push(group);
		if (select.has(key)) selected.set(key, group);
	}
	inconsistent.sort(
		(a, b) =>
			b.members.length - a.members.length ||
			(a.bestRank ?? Number.MAX_SAFE_INTEGER) - (b.bestRank ?? Number.MAX_SAFE_INTEGER) ||
			a.key.localeCompare(b.key, 'en'),
	);
	const counts: ConsistencyReport['counts'] = { unreviewed: 0, justified: 0, 'known-error': 0, 'fixed-but-differs': 0 };
	for (const g of inconsistent) if (g.status !== 'consistent') counts[g.status]++;
	return {
		tools: tools.length,
		groups,
		groupedTools,
		inconsistent,
		settled: reviews.filter((r) => !differing.has(r.key)),
		counts,
		selected: [...select].flatMap((k) => selected.get(k) ?? []),
	};
}

/**
 * Whether the report passes `--check`: every inconsistent group has a review that still holds. A known error counts
 * as reviewed (a person looked and named the rule to fix); the summary line counts known errors apart so they stay visible.
 */
export function allReviewed(report: ConsistencyReport): boolean {
	return report.counts.unreviewed === 0 && report.counts['fixed-but-differs'] === 0;
}

const STATUS_TEXT: Record<GroupStatus, string> = {
	consistent: 'consistent',
	unreviewed: 'UNREVIEWED',
	justified: 'reviewed: differences justified',
	'known-error': 'reviewed: KNOWN ERROR (rule not yet fixed)',
	'fixed-but-differs': 'REVIEW SAYS "rule fixed" BUT THE VERDICTS STILL DIFFER',
};

/** The human-readable report. */
export function formatConsistency(report: ConsistencyReport, options: { limit?: number; selected?: boolean } = {}): string {
	// A tool in a name group and a mechanism group counts once.
	const labelled = [
		...new Map(
			report.inconsistent.flatMap((g) => g.members.filter((m) => m.gold !== undefined).map((m) => [`${m.server}/${m.tool}`, m])),
		).values(),
	];
	const gold = { labelled: labelled.length, differ: labelled.filter((m) => m.gold!.category !== m.category).length };
	const lines = [
		`${report.tools} tools; ${report.groups} groups of equivalent tools (at least 2 tools from 2 servers, ${report.groupedTools} tools)`,
		`${report.inconsistent.length} groups with differing verdicts: ${report.counts.unreviewed} unreviewed, ${report.counts.justified} justified, ${report.counts['known-error']} known errors (rule not yet fixed), ${report.counts['fixed-but-differs']} marked fixed but still differing`,
		`tools in these groups with a gold label: ${gold.labelled}, of which ${gold.differ} differ from it in category`,
		'',
	];
	const list = options.selected ? report.selected : report.inconsistent;
	const shown = options.limit === undefined ? list : list.slice(0, options.limit);
	for (const g of shown) {
		const rank = g.bestRank === undefined ? '' : `, best rank ${g.bestRank}`;
		lines.push(`== ${g.key}  (${g.members.length} tools, ${g.servers} servers${rank}) ${STATUS_TEXT[g.status]}`);
		lines.push(`   verdicts: ${g.verdicts.map((v) => `${v.verdict} ×${v.count}`).join(', ')}`);
		if (g.review) lines.push(`   review (${g.review.decision}, ${g.review.reviewer}): ${g.review.reason}`);
		if (g.review?.decision === 'known error') lines.push(`   rule to fix: ${g.review.note}`);
		for (const m of g.members) {
			lines.push(`   ${m.verdict.padEnd(20)} ${m.server} / ${m.tool}: ${m.reason}`);
			if (m.gold)
				lines.push(`   ${''.padEnd(20)}   gold: ${m.gold.category}${m.gold.category === m.category ? '' : ' (differs)'}: ${m.gold.reason}`);
		}
		lines.push('');
	}
	if (shown.length < list.length) lines.push(`… ${list.length - shown.length} more groups (--limit)`, '');
	if (report.settled.length > 0) {
		lines.push(`${report.settled.length} reviews whose group no longer differs:`);
		for (const r of report.settled) lines.push(`   ${r.key} (${r.decision})`);
	}
	return `${lines.join('\n').trimEnd()}\n`;
}
