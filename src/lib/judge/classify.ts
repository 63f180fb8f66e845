/**
 * The classifier: one category, a risk level and risk signals for a tool, each with evidence.
 *
 * Order of decisions (each step is a named rule whose evidence the page shows):
 * 1. The category from the name's first verb, else the description's opening verb, else from a
 *    read-only claim, else `write` (conservative default for tools that say nothing).
 * 2. Raised, never lowered, by: a multi-action enum, money movement, an irreversible description,
 *    and the server's own claims that raise risk (explicit `readOnlyHint: false`, `destructiveHint: true`).
 *    Claims that lower risk are shown and, when they disagree, flagged as contradictions.
 * 3. The level from the category, raised to at least `high` when the description carries poisoning indicators.
 */
import type { ToolHistoryItem } from '../content/history.ts';
import { listParameters, type ParameterList } from '../content/parameters.ts';
import type { McpTool } from '../content/mcp-tool.ts';
import { CATEGORY_SEVERITY, RISK_LEVELS, levelOfCategory, type Category, type RiskLevel } from '../taxonomy.ts';
import { POISONING_SIGNALS, SIGNAL_RULES } from './registry.ts';
import { actionEnum } from './rules/category/action-enum.ts';
import { descriptionVerb } from './rules/category/description-verb.ts';
import { irreversibleDescription } from './rules/category/irreversible-description.ts';
import { moneyMovement } from './rules/category/money-movement.ts';
import { nameVerb } from './rules/category/name-verb.ts';
import { tokenize } from './tokens.ts';
import type { AnnotationView, CategoryVote, ContextParameter, Evidence, Judgement, RuleContext, SignalFinding } from './types.ts';

/** Bumped whenever a rule changes, so caches and exports can tell judgements apart. */
export const CLASSIFIER_VERSION = '1.3.0';

export interface ClassifyInput {
	definition: McpTool;
	/** Parameter names known from other evidence when the schema is unpublished or partial. */
	knownParameters?: readonly { name: string; evidence: string }[] | undefined;
	/** The tool's dated changes from re-scans, oldest first (`toolHistory` in history.ts). */
	history?: readonly ToolHistoryItem[] | undefined;
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
		},
		truncated,
	};
}

/**
 * The rules that can put a tool in each category (`decideCategory` below): the deciding verb,
 * the fallbacks, and the rules that raise a category to this one.
 */
export const CATEGORY_RULES: Record<Category, readonly string[]> = {
	read: ['category/name-verb', 'category/description-verb', 'category/declared-read-only', 'category/ambiguous-verb-read-only'],
	write: [
		'category/name-verb',
		'category/description-verb',
		'category/unknown-verb',
		'category/action-enum',
		'category/declared-not-read-only',
	],
	execute: ['category/name-verb', 'category/description-verb', 'category/action-enum'],
	destructive: [
		'category/name-verb',
		'category/description-verb',
		'category/action-enum',
		'category/irreversible-description',
		'category/declared-destructive',
	],
	financial: ['category/name-verb', 'category/description-verb', 'category/action-enum', 'category/money-movement'],
};

/** Verbs that name either a read or a change; for these alone, a declared read-only claim decides. */
const AMBIGUOUS_VERBS = new Set(['open']);

const raise = (current: CategoryVote, next: CategoryVote | undefined) =>
	next && CATEGORY_SEVERITY[next.category] > CATEGORY_SEVERITY[current.category] ? next : undefined;

function decideCategory(ctx: RuleContext, findings: readonly SignalFinding[]): { category: Category; evidence: Evidence[] } {
	const hints = ctx.tool.annotations ?? {};
	const base: CategoryVote =
		nameVerb(ctx) ??
		descriptionVerb(ctx) ??
		(hints.readOnlyHint === true
			? {
					category: 'read',
					evidence: { rule: 'category/declared-read-only', source: 'annotations', field: 'annotations.readOnlyHint', match: 'true' },
				}
			: { category: 'write', evidence: { rule: 'category/unknown-verb', source: 'name', field: 'name', match: ctx.tool.name } });

	// An ambiguous verb ("open" a file or "open" an issue?) yields to the server's read-only claim.
	let current: CategoryVote =
		base.evidence.rule === 'category/name-verb' && AMBIGUOUS_VERBS.has(base.evidence.match) && hints.readOnlyHint === true
			? {
					category: 'read',
					evidence: {
						rule: 'category/ambiguous-verb-read-only',
						source: 'annotations',
						field: 'annotations.readOnlyHint',
						match: `true (the verb "${base.evidence.match}" is ambiguous)`,
					},
				}
			: base;
	const evidence: Evidence[] = [current.evidence];
	const hasAmount = findings.some((f) => f.id === 'money-amount');
	const declaredRaise: CategoryVote | undefined =
		hints.readOnlyHint !== true && hints.destructiveHint === true
			? {
					category: 'destructive',
					evidence: { rule: 'category/declared-destructive', source: 'annotations', field: 'annotations.destructiveHint', match: 'true' },
				}
			: hints.readOnlyHint === false
				? {
						category: 'write',
						evidence: { rule: 'category/declared-not-read-only', source: 'annotations', field: 'annotations.readOnlyHint', match: 'false' },
					}
				: undefined;
	for (const vote of [actionEnum(ctx), moneyMovement(ctx, hasAmount), irreversibleDescription(ctx), declaredRaise]) {
		const raised = raise(current, vote);
		if (raised) {
			current = raised;
			evidence.push(raised.evidence);
		}
	}
	return { category: current.category, evidence };
}

function annotationView(tool: McpTool, category: Category): AnnotationView {
	const a = tool.annotations ?? {};
	const declared: AnnotationView['declared'] = {};
	for (const key of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const) {
		const value = a[key];
		if (typeof value === 'boolean') declared[key] = value;
	}
	const contradictions: Evidence[] = [];
	if (declared.readOnlyHint === true && category !== 'read') {
		contradictions.push({
			rule: 'signal/annotation-contradiction',
			source: 'annotations',
			field: 'annotations.readOnlyHint',
			match: `true, but the definition shows a ${category} tool`,
		});
	}
	// "Only additive updates" cannot hold for a tool that deletes, moves money or runs unbounded code.
	if (
		declared.destructiveHint === false &&
		declared.readOnlyHint !== true &&
		(category === 'destructive' || category === 'financial' || category === 'execute')
	) {
		contradictions.push({
			rule: 'signal/annotation-contradiction',
			source: 'annotations',
			field: 'annotations.destructiveHint',
			match: `false, but the definition shows a ${category} tool`,
		});
	}
	return { declared, contradictions };
}

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
	const annotations = annotationView(ctx.tool, category);
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
