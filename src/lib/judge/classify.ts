/**
 * The classifier: one category, a risk level and risk signals for a tool, each with evidence.
 *
 * Order of decisions (each step is a named rule whose evidence the page shows; docs/labelling-guide.md
 * is what they implement):
 * 1. The category from a command router's listed operations, else the name's first verb, else the
 *    description's opening verb (English, Chinese or Japanese), else a declared `readOnlyHint: true`
 *    when the definition is silent, else `write` (conservative default for tools that say nothing).
 *    A removing verb whose object survives (an association, session state, part of a document, a
 *    process, a recoverable trash) reads as write.
 * 2. Raised by what else the definition documents: a compound clause, starting work, a save-to-file
 *    option, a selector value, a deletion flag, handing work to an agent or interpreter, money movement,
 *    an irreversible description. A program parameter (shell command, code, a query in a language that
 *    can write) makes the tool execute (the mechanism rule). An explicit read-only marker settles a tool
 *    only words put above read. Annotations never raise or lower a category the definition decides:
 *    `destructiveHint: true` alone never makes a tool destructive, `readOnlyHint: false` decides only a
 *    silent definition, and every declared hint that disagrees is flagged.
 * 3. The level from the category, raised to medium when the tool takes a raw query, a command or code,
 *    an outbound recipient or a URL, and to high when the definition carries poisoning indicators.
 */
import type { ToolHistoryItem } from '../content/history.ts';
import { listParameters, type ParameterList } from '../content/parameters.ts';
import type { McpTool } from '../content/mcp-tool.ts';
import { CATEGORY_SEVERITY, RISK_LEVELS, levelOfCategory, type Category, type RiskLevel, type SignalId } from '../taxonomy.ts';
import { conflicts, takesProgram } from './annotation-agreement.ts';
import { POISONING_SIGNALS, SIGNAL_RULES } from './registry.ts';
import { actionEnum } from './rules/category/action-enum.ts';
import { compoundClause } from './rules/category/compound-clause.ts';
import { operationRouter } from './rules/category/operation-router.ts';
import { programInput } from './rules/category/program-input.ts';
import { destructiveFlag } from './rules/category/destructive-flag.ts';
import { drivesProgram } from './rules/category/drives-program.ts';
import { openingSentence, verbStem } from './rules/category/description-verb.ts';
import { REMOVING, removalInName, reversibleRemoval } from './rules/category/reversible-removal.ts';
import { savesOutput } from './rules/category/saves-output.ts';
import { READ_ONLY_MARKER } from './lexicon.ts';
import { descriptionVerb } from './rules/category/description-verb.ts';
import { irreversibleDescription } from './rules/category/irreversible-description.ts';
import { moneyMovement } from './rules/category/money-movement.ts';
import { nameVerb } from './rules/category/name-verb.ts';
import { clip, tokenize } from './tokens.ts';
import type { AnnotationView, CategoryVote, ContextParameter, Evidence, Judgement, RuleContext, SignalFinding } from './types.ts';

/** Bumped whenever a rule changes, so caches and exports can tell judgements apart. */
export const CLASSIFIER_VERSION = '2.3.0';

export interface ClassifyInput {
	definition: McpTool;
	/** Parameter names known from other evidence when the schema is unpublished or partial. */
	knownParameters?: readonly { name: string; evidence: string }[] | undefined;
	/** The tool's dated changes from re-scans, oldest first (`toolHistory` in history.ts). */
	history?:
		| readonly ToolHistoryItem[]
		| undefined; /** The names of the other tools the same server lists: references to them are the server's own documentation. */
	siblings?: readonly string[] | undefined;
	/** The input schema's parameters when the caller has already listed them (`listParameters`), so they are walked once. */
	listed?: ParameterList | undefined;
}

function buildContext(input: ClassifyInput): { ctx: RuleContext; truncated: boolean } {
	const { definition } = input;
	const { parameters, truncated } = input.listed ?? listParameters(definition.inputSchema ?? {});
	const params: ContextParameter[] = parameters.map((p) => ({ ...p, tokens: tokenize(p.name), knownOnly: false }));
	const have = new Set(params.map((p) => p.path));
	for (const known of input.knownParameters ?? []) {
		if (have.has(known.name) || known.name.startsWith('_')) continue;
		params.push({
			path: known.name,
			name: known.name,
			pointer: '',
			depth: 0,
			types: [],
			required: false,
			hasDefault: false,
			tokens: tokenize(known.name),
			knownOnly: true,
		});
	}
	return {
		ctx: {
			tool: definition,
			nameTokens: tokenize(definition.name),
			description: definition.description ?? '',
			parameters: params,
			history: input.history ?? [],
			siblings: new Set((input.siblings ?? []).map((n) => n.toLowerCase()).filter((n) => n !== definition.name.toLowerCase())),
		},
		truncated,
	};
}

/**
 * The rules that can put a tool in each category (`decideCategory` below): the deciding verb,
 * the fallbacks, and the rules that raise a category to this one.
 */
export const CATEGORY_RULES: Record<Category, readonly string[]> = {
	read: [
		'category/name-verb',
		'category/description-verb',
		'category/operation-router',
		'category/declared-read-only',
		'category/ambiguous-verb-read-only',
		'category/read-only-marker',
		'category/guidance-text',
		'category/returns-output',
		'category/scratchpad',
		'category/transforms-input',
	],
	write: [
		'category/name-verb',
		'category/description-verb',
		'category/operation-router',
		'category/unknown-verb',
		'category/compound-clause',
		'category/saves-output',
		'category/action-enum',
		'category/reversible-removal',
		'category/declared-not-read-only',
	],
	execute: [
		'category/name-verb',
		'category/description-verb',
		'category/operation-router',
		'category/compound-clause',
		'category/action-enum',
		'category/program-input',
		'category/drives-program',
	],
	destructive: [
		'category/name-verb',
		'category/description-verb',
		'category/operation-router',
		'category/compound-clause',
		'category/action-enum',
		'category/destructive-flag',
		'category/irreversible-description',
	],
	financial: [
		'category/name-verb',
		'category/description-verb',
		'category/compound-clause',
		'category/action-enum',
		'category/money-movement',
	],
};

/** Verbs that name either a read or a change; for these alone, a declared read-only claim decides. */
const AMBIGUOUS_VERBS = new Set(['open']);

const raise = (current: CategoryVote, next: CategoryVote | undefined) =>
	next && CATEGORY_SEVERITY[next.category] > CATEGORY_SEVERITY[current.category] ? next : undefined;

/** The thing a multi-action tool acts on: the last word of its name (`sheet_tabs` -> tabs, `manage_work_item_link` -> link). */
const headNoun = (tokens: readonly string[]) =>
	tokens.filter((t) => !['management', 'manager', 'manage', 'tool', 'tools', 'ops', 'operations'].includes(t)).slice(-1);
/** A watcher named for what it watches (`network_monitor`, `console_watcher`): the watched thing is what its values act on. */
const WATCHERS = new Set(['monitor', 'watcher', 'watch', 'tracker', 'inspector', 'logger', 'recorder']);

/** The verb of an action-enum value (`deleteProvider` -> delete). */
const enumVerb = (vote: CategoryVote) => tokenize(vote.evidence.match)[0] ?? '';
/** What an action-enum value acts on: its own object (`deleteApiKey` -> api key), else the thing the tool is named for. */
const enumObject = (vote: CategoryVote, nameTokens: readonly string[]) => {
	const own = tokenize(vote.evidence.match).slice(1);
	if (own.length > 0) return own;
	const head = headNoun(nameTokens);
	const at = nameTokens.lastIndexOf(head[0] ?? '');
	return at > 0 && WATCHERS.has(head[0] ?? '') ? [nameTokens[at - 1] as string, ...head] : head;
};

/** Rules whose vote is only a reading of words; a read-only marker can settle a tool they put in write or execute. */
const WORD_RULES = new Set(['category/name-verb', 'category/description-verb', 'category/unknown-verb', 'category/compound-clause']);

function decideCategory(ctx: RuleContext, findings: readonly SignalFinding[]): { category: Category; evidence: Evidence[] } {
	const hints = ctx.tool.annotations ?? {};
	const router = operationRouter(ctx);
	const named = router ? undefined : nameVerb(ctx);
	const described = named || router ? undefined : descriptionVerb(ctx);
	const verbVote = router ?? named ?? described;
	// A declared read-only claim settles a tool whose definition is silent, or whose only verb is ambiguous ("open").
	const silent = !verbVote || (verbVote.evidence.rule === 'category/name-verb' && AMBIGUOUS_VERBS.has(verbVote.evidence.match));
	let current: CategoryVote =
		silent && hints.readOnlyHint === true
			? {
					category: 'read',
					evidence: {
						rule: verbVote ? 'category/ambiguous-verb-read-only' : 'category/declared-read-only',
						source: 'annotations',
						field: 'annotations.readOnlyHint',
						match: verbVote ? `true (the verb "${verbVote.evidence.match}" is ambiguous)` : 'true',
					},
				}
			: (verbVote ?? {
					category: 'write',
					evidence: { rule: 'category/unknown-verb', source: 'name', field: 'name', match: ctx.tool.name },
				});
	// An unfamiliar verb with a description that says what comes back, and no parameter carrying content, reads
	// (guide, Deciding: "Unknown and unfamiliar verbs").
	if (current.evidence.rule === 'category/unknown-verb') {
		const returned = RETURNS_OUTPUT.exec(ctx.description);
		if (returned && !ctx.parameters.some((p) => p.depth === 0 && CONTENT_PARAMETERS.has(p.tokens.at(-1) ?? '')))
			current = {
				category: 'read',
				evidence: { rule: 'category/returns-output', source: 'description', field: 'description', match: clip(returned[0].trim(), 40) },
			};
	}
	// An unfamiliar verb whose object is passed in whole ("style: Mapbox style to optimize (JSON string or style object)", "text:
	// Text to rephrase"), with no parameter naming a stored target, computes from its input and hands the result back (guide,
	// read: computing from inputs without storing anything).
	if (current.evidence.rule === 'category/unknown-verb') {
		const verb = ctx.nameTokens[0] ?? '';
		const passed = ctx.parameters.find(
			(p) =>
				p.depth === 0 &&
				ctx.nameTokens.includes(p.tokens.at(-1) ?? '') &&
				(CONTENT_PARAMETERS.has(p.tokens.at(-1) ?? '') || /\b(json|object|markdown|html|svg)\b/i.test(p.description ?? '')) &&
				new RegExp(`^\\W*(?:the |a |an )?(?:[\\w-]+ ){0,2}to ${verb}\\b(?!\\s+(?:to|into|from|on|as|with)\\b)`, 'i').test(
					p.description ?? '',
				),
		);
		const target = ctx.parameters.some((p) => p.depth === 0 && STORED_TARGET.has(p.tokens.at(-1) ?? ''));
		if (passed && verb.length > 2 && !target && !SAVE_OR_SEND.test(ctx.description))
			current = {
				category: 'read',
				evidence: { rule: 'category/transforms-input', source: 'schema', field: passed.path, match: clip(passed.description ?? '', 40) },
			};
	}
	// A thinking step whose input is the agent's own thought (`thought`, with counters or a next-step flag) is a scratchpad
	// for the session's reasoning (guide, read: the `think` row), whatever its unfamiliar name.
	if (current.evidence.rule === 'category/unknown-verb') {
		const thought = ctx.parameters.find((p) => p.depth === 0 && p.tokens.length === 1 && p.tokens[0] === 'thought');
		if (
			thought &&
			/\b(think\w*|thoughts?|reasoning)\b/i.test(ctx.description) &&
			!/\b(persist\w*|across sessions|saved? to|stored? (in|to))\b/i.test(ctx.description)
		)
			current = {
				category: 'read',
				evidence: { rule: 'category/scratchpad', source: 'schema', field: thought.path, match: thought.name },
			};
	}
	// An unfamiliar name that is only what it hands back, guidance (`load_instructions`, `coding_rules`, `setup_guide`), with no
	// parameter carrying content: the guidance tools rule (guide, read: "Guidance tools").
	if (current.evidence.rule === 'category/unknown-verb' && guidanceName(ctx.nameTokens)) {
		if (!ctx.parameters.some((p) => p.depth === 0 && CONTENT_PARAMETERS.has(p.tokens.at(-1) ?? '')))
			current = {
				category: 'read',
				evidence: { rule: 'category/guidance-text', source: 'name', field: 'name', match: ctx.nameTokens.slice(-2).join(' ') },
			};
	}
	// A removing verb whose object survives (an association, session state, part of a document, a process) is a write.
	const fromName = named?.evidence.rule === 'category/name-verb';
	const removal = fromName ? removalInName(ctx.nameTokens) : undefined;
	const describedWords = tokenize(openingSentence(ctx.description)).slice(0, 16);
	const describedAt = describedWords.findIndex((w) => REMOVING.has(verbStem(w) ?? ''));
	const softened = removal
		? reversibleRemoval(ctx, current, removal.verb, removal.object)
		: verbVote?.evidence.rule === 'category/description-verb' && describedAt >= 0
			? reversibleRemoval(
					ctx,
					current,
					verbStem(describedWords[describedAt] as string) as string,
					// "Remove X from Y" in prose can be a deletion from a place; only a name's "from" marks an association.
					describedWords.slice(describedAt + 1).filter((w) => w !== 'from'),
				)
			: reversibleRemoval(ctx, current, '', []);
	const evidence: Evidence[] = [current.evidence];
	if (softened) {
		current = softened;
		evidence.push(softened.evidence);
	}
	const hasAmount = findings.some((f) => f.id === 'money-amount');
	// readOnlyHint: false decides only a case the definition leaves open (no verb at all, or an ambiguous one).
	const declaredRaise: CategoryVote | undefined =
		hints.readOnlyHint === false && (silent || current.evidence.rule === 'category/unknown-verb')
			? {
					category: 'write',
					evidence: { rule: 'category/declared-not-read-only', source: 'annotations', field: 'annotations.readOnlyHint', match: 'false' },
				}
			: undefined;
	const enumVote = actionEnum(ctx);
	// Starting work the description documents ("Start a crawl job") is execute even when the name's verb reads.
	const opening = named ? descriptionVerb(ctx) : undefined;
	const startsWork = opening?.startsWork ? opening : undefined;
	const program = programInput(ctx);
	for (const vote of [
		compoundClause(ctx),
		startsWork,
		savesOutput(ctx),
		enumVote && (reversibleRemoval(ctx, enumVote, enumVerb(enumVote), enumObject(enumVote, ctx.nameTokens)) ?? enumVote),
		destructiveFlag(ctx),
		drivesProgram(ctx),
		moneyMovement(ctx, hasAmount),
		irreversibleDescription(ctx),
		declaredRaise,
	]) {
		const raised = raise(current, vote);
		if (raised) {
			current = raised;
			evidence.push(raised.evidence);
		}
	}
	// Mechanism rule: a caller-written program makes the tool execute; its possible effects do not make it
	// destructive (a fixed operation selector or a money movement still can).
	if (
		program &&
		current.category !== 'execute' &&
		(CATEGORY_SEVERITY[current.category] < CATEGORY_SEVERITY.execute ||
			evidence.every((e) => WORD_RULES.has(e.rule) || e.rule === 'category/irreversible-description'))
	) {
		current = program;
		evidence.push(program.evidence);
	}
	// An explicit read-only marker settles a tool that only words put above read (never a program, a deletion or money).
	// The marker must describe the tool (its opening sentence), not a mode a flag selects (`dry_run`).
	const dryRunFlag = ctx.parameters.some((p) => p.tokens.join('') === 'dryrun' || p.tokens.join('') === 'preview');
	const marker = dryRunFlag
		? null
		: (READ_ONLY_MARKER.exec(openingSentence(ctx.description)) ??
			TOOL_IS_READ_ONLY.exec(ctx.description) ??
			FOR_INSPECTION.exec(openingSentence(ctx.description)));
	if (
		marker &&
		!program &&
		(current.category === 'write' || current.category === 'execute') &&
		evidence.every((e) => WORD_RULES.has(e.rule) || (e.rule === 'category/reversible-removal' && e.source !== 'schema'))
	) {
		current = {
			category: 'read',
			evidence: { rule: 'category/read-only-marker', source: 'description', field: 'description', match: clip(marker[0], 40) },
		};
		evidence.push(current.evidence);
	}
	// A tool that only hands back guidance (documentation, guidelines, instructions) changes nothing, whatever its name
	// says it creates or installs (guide, read: "Guidance tools"). Only a reading of words can be settled this way.
	const openingText = openingSentence(ctx.description.trim().replace(/^<\w+>\s*/, '')).trim();
	// A tool that takes nothing cannot be told what to create: its opening saying it provides guidance ("Creates, enhances,
	// and provides expert guidance", "by orchestrating a workflow that provides step-by-step guidelines") is what it does.
	// Likewise "create GraphQL mutation queries" with nothing to say which: the text is handed back (like generating a query).
	const guidance =
		GUIDANCE.exec(openingText) ??
		LEARN_HOW.exec(openingText) ??
		(declaresNoParameters(ctx)
			? (PROVIDES_GUIDANCE.exec(openingText) ??
				(SAVES_TEXT.test(ctx.description) || evidence.some((e) => e.rule === 'category/compound-clause')
					? null
					: WRITES_TEXT.exec(ctx.description.slice(0, 400))))
			: null);
	// A money noun in the name of a tool that takes nothing (no amount, no payee) moves no money: its guidance opening decides
	// ("The MCP tool provides … API documentation for … Payments" on `create_mobile_payments`).
	const nameOnlyMoney = (e: Evidence) => e.rule === 'category/money-movement' && e.source === 'name' && declaresNoParameters(ctx);
	if (
		guidance &&
		!program &&
		(current.category === 'write' ||
			current.category === 'execute' ||
			(current.category === 'financial' && nameOnlyMoney(current.evidence))) &&
		evidence.every((e) => WORD_RULES.has(e.rule) || nameOnlyMoney(e))
	) {
		current = {
			category: 'read',
			evidence: { rule: 'category/guidance-text', source: 'description', field: 'description', match: clip(guidance[0], 60) },
		};
		evidence.push(current.evidence);
	}
	return { category: current.category, evidence };
}

/**
 * A sentence anywhere in the description that says the tool itself is read-only ("This tool is strictly read-only", "This
 * tool is read-only (no API)"): the marker names the tool, not one of its modes (guide, Explicit read-only markers).
 */
const TOOL_IS_READ_ONLY =
	/(?:^|[.!?:*;]\s*|\n\s*)(?:this tool is (?:strictly |purely |entirely |completely |fully )?read[- ]only\b|the (?:file|document|original|source file) is never (?:edited|modified|changed|written)\b)/i;

/**
 * An opening sentence whose stated purpose is inspection ("Push backend node IDs to the frontend for inspection", "Decode
 * the token for inspection only"): what it does serves a read. Not what something was made for ("a port-forward created
 * for inspection").
 */
const FOR_INSPECTION = /(?<!(?:created|opened|made|set up|added|started)\s)\bfor inspection(?: only)?\W*$/i;

/** A sentence that starts by saying what the tool hands back ("Returns stocks matching the filters"). */
const RETURNS_OUTPUT = /(?:^|[.!?:]\s+|\n\s*)(?:it\s+|this tool\s+)?(returns?|shows?|lists?|displays?)\b[^.\n]{0,40}/i;
/** Parameters that carry content for a target: with one, "returns" describes the response of a change. */
const CONTENT_PARAMETERS = new Set([
	'content',
	'body',
	'text',
	'data',
	'message',
	'payload',
	'file',
	'value',
	'values',
	'html',
	'markdown',
]);

/**
 * An opening sentence saying the tool hands back guidance ("Provides accessibility guidelines", "Get usage instructions for …",
 * "Use this tool for … guidelines"), after a leading markup tag (`<Purpose>`) if any.
 */
const GUIDANCE =
	/^(?:<\w+>\s*)?(?:(?:the (?:mcp )?tool|this tool)\s+)?(?:(?:provides?|offers?|gives?|returns?|gets?|loads?)\b[^.]{0,60}?|use this tool (?:for|to (?:get|explore|browse|look up|retrieve|find|learn))\b[^.]{0,60}?)\b(?:guidance|guidelines?|documentation|best practices|instructions|questions)\b/i;

/** An opening that sends the caller to the tool to learn how to do something ("you must call this tool to understand how to do this"). */
const LEARN_HOW = /\b(?:call|use) this tool (?:first )?to (?:understand|learn) (?:how|what|which|when)\b/i;

/** A description that says the generated text is saved or written somewhere ("writes them to the tests folder", "save them"). */
const SAVES_TEXT = /\b(?:sav(?:e|es|ed|ing)|writ(?:es|ten|ing)|stor(?:e|es|ed|ing)) (?:them|it\b|(?:the \w+ )?(?:to|into|in)\b)/i;

/** Guidance provided in a later clause of the opening sentence ("… and provides expert guidance", "… that provides guidelines"). */
const PROVIDES_GUIDANCE =
	/\b(?:and|that|which)\s+(?:provides?|offers?|gives?)\b[^.]{0,40}?\b(?:guidance|guidelines?|documentation|best practices)\b/i;

/** Creating or generating query or code text ("create GraphQL mutation queries"), for a tool that takes nothing. */
const WRITES_TEXT = /\b(?:creat|generat|writ)(?:e|es|ing)\b[^.]{0,40}?\b(?:quer(?:y|ies)|snippets?|code samples?|tests?|test suites?)\b/i;

/** Parameters that name a stored thing a tool acts on (an identifier, a file, a URL, a place). */
const STORED_TARGET = new Set([
	'id',
	'ids',
	'path',
	'file',
	'filename',
	'filepath',
	'url',
	'uri',
	'key',
	'destination',
	'target',
	'output',
]);
/** A description that says the result is saved, sent or applied somewhere. */
const SAVE_OR_SEND =
	/\b(sav(e|es|ed|ing)|writ(e|es|ing)|stor(e|es|ed|ing)|send(s|ing)?|upload(s|ing)?|publish(es|ing)?|appl(y|ies|ying) (it|them|the \w+) to)\b/i;

/**
 * Names for guidance or context a tool hands back to the model (`project_context`); `rules` only as coding or style rules
 * (firewall or alert rules are configuration).
 */
const GUIDANCE_NAMES = new Set([
	'instructions',
	'guidelines',
	'guideline',
	'docs',
	'documentation',
	'guide',
	'guides',
	'tutorial',
	'help',
	'context',
]);
const RULE_KINDS = new Set(['coding', 'code', 'style', 'styling', 'writing']);
function guidanceName(tokens: readonly string[]): boolean {
	const last = tokens.at(-1) ?? '';
	// "switch_context", "use_context": choosing the context later calls act on is a state change, not context handed back.
	if (last === 'context' && tokens.some((t) => ['switch', 'use', 'swap', 'enter', 'change'].includes(t))) return false;
	return GUIDANCE_NAMES.has(last) || (last === 'rules' && RULE_KINDS.has(tokens.at(-2) ?? ''));
}

/** The tool's schema declares no parameters at all (nothing the caller can pass). */
function declaresNoParameters(ctx: RuleContext): boolean {
	return ctx.parameters.length === 0 && ctx.tool.inputSchema !== undefined;
}

function annotationView(tool: McpTool, category: Category, signals: readonly SignalFinding[]): AnnotationView {
	const a = tool.annotations ?? {};
	const declared: AnnotationView['declared'] = {};
	for (const key of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const) {
		const value = a[key];
		if (typeof value === 'boolean') declared[key] = value;
	}
	// Every declared hint that disagrees with the category, in both directions (annotation-agreement.ts decides).
	const contradictions: Evidence[] = conflicts(category, declared, takesProgram(signals)).map((conflict) => {
		const [hint, value] = conflict.split(': ') as [string, string];
		return {
			rule: 'signal/annotation-contradiction',
			source: 'annotations',
			field: `annotations.${hint}`,
			match: `${value}, but the definition shows a ${category} tool`,
		};
	});
	return { declared, contradictions };
}

/**
 * Floor rule (guide, Levels): a tool that takes a raw query, a command or code, an outbound recipient or a URL is
 * never Low, whatever its category: each turns an allowed tool into a channel chosen per call.
 */
const FLOOR_SIGNALS: readonly SignalId[] = ['raw-query', 'command-input', 'recipient', 'url-input'];

function decideLevel(category: Category, findings: readonly SignalFinding[]): Pick<Judgement, 'level' | 'levelRule'> {
	const level = levelOfCategory(category);
	const poisoned = findings.some((f) => POISONING_SIGNALS.has(f.id));
	if (poisoned && RISK_LEVELS[level].rank < RISK_LEVELS.high.rank) {
		const raised: RiskLevel = 'high';
		return {
			level: raised,
			levelRule: {
				rule: 'level/poisoning-indicator',
				reason: `Raised from ${RISK_LEVELS[level].label.toLowerCase()} to high: the definition carries tool-poisoning indicators, so whatever the tool does, the text it puts in front of the model is itself a risk.`,
			},
		};
	}
	const floor = FLOOR_SIGNALS.find((id) => findings.some((f) => f.id === id));
	if (floor && RISK_LEVELS[level].rank < RISK_LEVELS.medium.rank) {
		const what: Record<string, string> = {
			'raw-query': 'a raw query',
			'command-input': 'a command or code',
			recipient: 'an outbound recipient',
			'url-input': 'a URL',
		};
		return {
			level: 'medium',
			levelRule: {
				rule: 'level/input-floor',
				reason: `Raised from low to medium: the tool takes ${what[floor]}, so what it reaches is chosen per call (possibly by injected text), and such a tool is never low risk.`,
			},
		};
	}
	return { level };
}

/** Classifies one tool. Pure and cheap: a few regular expressions over the name, description and parameters. */
export function classifyTool(input: ClassifyInput): Judgement {
	const { ctx, truncated } = buildContext(input);
	const signals: SignalFinding[] = [];
	for (const rule of SIGNAL_RULES) {
		const evidence = rule.detect(ctx);
		if (evidence.length > 0) signals.push({ id: rule.signal, evidence });
	}
	const { category, evidence } = decideCategory(ctx, signals);
	const annotations = annotationView(ctx.tool, category, signals);
	if (annotations.contradictions.length > 0) signals.push({ id: 'annotation-contradiction', evidence: annotations.contradictions });
	return {
		category,
		categoryEvidence: evidence,
		...decideLevel(category, signals),
		signals,
		annotations,
		parameterCount: ctx.parameters.length,
		schemaTruncated: truncated,
	};
}
