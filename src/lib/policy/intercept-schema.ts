/**
 * The Intercept policy file (YAML, read by the open-source Intercept MCP proxy), as a zod schema.
 *
 * Every Intercept snippet the site prints is validated with this schema in the build and in tests, so a
 * page can never show a policy the proxy would refuse to load. The rules follow the proxy's documented
 * format and the error list of `intercept validate` (see `shared/research/policy-formats.md` §1); where
 * the proxy would quietly ignore something (an unknown field), we refuse it instead, because a typo that
 * an engine ignores silently changes what the policy does.
 *
 * The schema describes the file as written, not a normalised form: optional fields stay optional (an
 * absent `action` means `evaluate`, an absent `default` means `allow`) so generated YAML stays minimal.
 */
import { z } from 'zod';
import { always, hideSchema, isRecord, problemsOf, show, strictObjects, windowList } from './schema-helpers.ts';
import { WINDOWS, type Window } from '../taxonomy.ts';
import { checkRe2 } from './re2.ts';

// ---------------------------------------------------------------------------------------------------
// Helpers

const strict = strictObjects('Intercept', 'mapping');

// ---------------------------------------------------------------------------------------------------
// Leaves

/** Counter windows are calendar-aligned UTC periods; only these three exist. */
const windowSchema = z.enum(WINDOWS, {
	error: (issue) => `expected a window of ${windowList}, got ${show(issue.input)}`,
});

/** `args.a.b`: one or more non-empty segments after the prefix (a dot descends into the argument). */
const ARGS_PATH = /^args(\.[^.]+)+$/;
const STATE_PATH = /^state(\.[^.]+)+$/;

/**
 * A condition path: `args.<argument>[.<field>...]` or `state.<tool>.<counter>`. The exact shape of a
 * state path depends on the tool the rule sits under, so that part is checked at the document level.
 */
const conditionPathSchema = z
	.string({ error: (issue) => `expected a path string such as "args.amount", got ${show(issue.input)}` })
	.superRefine((path, ctx) => {
		if (!path.startsWith('args.') && !path.startsWith('state.')) {
			ctx.addIssue({
				code: 'custom',
				message: `path "${path}" must start with "args." (a tool argument) or "state." (a counter)`,
			});
		} else if (!ARGS_PATH.test(path) && !STATE_PATH.test(path)) {
			ctx.addIssue({ code: 'custom', message: `path "${path}" has an empty segment` });
		}
	});

/** `increment_from` names the argument whose value is added to the counter, so it must be an `args.` path. */
const incrementFromSchema = z
	.string({ error: (issue) => `expected an "args." path string, got ${show(issue.input)}` })
	.refine((path) => ARGS_PATH.test(path), {
		error: (issue) => `increment_from must start with "args." and name a tool argument, got ${show(issue.input)}`,
	});

/** A regex the Go proxy can compile: RE2, so no look-around and no back-references. */
const re2PatternSchema = z
	.string({ error: (issue) => `the regex operator takes a pattern string, got ${show(issue.input)}` })
	.superRefine((pattern, ctx) => {
		const verdict = checkRe2(pattern);
		if (!verdict.ok) {
			ctx.addIssue({
				code: 'custom',
				message: `regex does not compile under RE2 (the proxy is written in Go): ${verdict.error}`,
			});
		}
	});

/**
 * Any value, but present: a condition without `value` is a mistake, not a comparison with nothing.
 * `abort: false` because an aborting issue anywhere would stop the document-level checks below.
 */
const presentValueSchema = z.custom<unknown>((value) => value !== undefined, {
	error: 'a condition needs a value',
	abort: false,
});

const OPERATORS = ['eq', 'neq', 'in', 'not_in', 'lt', 'lte', 'gt', 'gte', 'regex', 'contains', 'exists'] as const;
const operatorList = OPERATORS.join(', ');

/**
 * One condition. Discriminating on `op` ties each operator family to the value type it accepts, which
 * both validates documents and gives generators a precise type.
 */
const conditionSchema = z.discriminatedUnion(
	'op',
	[
		strict('a condition', {
			path: conditionPathSchema,
			/** `contains` matches a substring of a string argument or an element of a list argument. */
			op: z.enum(['eq', 'neq', 'contains']),
			value: presentValueSchema,
		}),
		strict('a condition', {
			path: conditionPathSchema,
			op: z.enum(['in', 'not_in']),
			value: z.array(z.unknown(), {
				error: (issue) => `in and not_in take a list value, got ${show(issue.input)}`,
			}),
		}),
		strict('a condition', {
			path: conditionPathSchema,
			op: z.enum(['lt', 'lte', 'gt', 'gte']),
			value: z.number({
				error: (issue) => `lt, lte, gt and gte take a numeric value, got ${show(issue.input)}`,
			}),
		}),
		strict('a condition', {
			path: conditionPathSchema,
			op: z.literal('regex'),
			value: re2PatternSchema,
		}),
		strict('a condition', {
			path: conditionPathSchema,
			op: z.literal('exists'),
			value: z.boolean({ error: (issue) => `exists takes true or false, got ${show(issue.input)}` }),
		}),
	],
	{
		error: (issue) => {
			if (issue.code === 'invalid_union' && isRecord(issue.input)) {
				const op = issue.input['op'];
				return op === undefined
					? `every condition needs an op (one of ${operatorList})`
					: `unknown operator ${show(op)}; expected one of ${operatorList}`;
			}
			return `expected a condition { path, op, value }, got ${show(issue.input)}`;
		},
	},
);

/** Parses the `rate_limit` shorthand `"<positive int>/<window>"`, or says what is wrong with it. */
function parseRateLimit(text: string): { count: number; window: Window } | { error: string } {
	const parts = text.split('/');
	const [count, window] = parts;
	if (parts.length !== 2 || count === undefined || window === undefined) {
		return { error: `expected the shorthand "N/window" such as "30/minute", got ${show(text)}` };
	}
	if (!/^[0-9]+$/.test(count) || !Number.isSafeInteger(Number(count))) {
		return { error: `rate_limit count "${count}" must be a positive whole number` };
	}
	if (Number(count) < 1) return { error: `rate_limit count must be at least 1, got ${count}` };
	const known = WINDOWS.find((w) => w === window);
	if (known === undefined) return { error: `rate_limit window "${window}" must be one of ${windowList}` };
	return { count: Number(count), window: known };
}

/** The shorthand is a string; the object form some catalogue pages print is refused by the proxy. */
const rateLimitSchema = z
	.string({
		error: (issue) =>
			isRecord(issue.input)
				? `rate_limit is the shorthand string "N/window" such as "30/minute", not an object like ${show(issue.input)}`
				: `expected the rate_limit shorthand string "N/window" such as "30/minute", got ${show(issue.input)}`,
	})
	.superRefine((text, ctx) => {
		const parsed = parseRateLimit(text);
		if ('error' in parsed) ctx.addIssue({ code: 'custom', message: parsed.error });
	});

/** `allow` is the commonest mistake in published snippets, so it gets its own explanation. */
const actionSchema = z.enum(['evaluate', 'deny'], {
	error: (issue) =>
		issue.input === 'allow'
			? 'there is no "allow" action: a tool is allowed by listing it with `rules: []`'
			: `unknown action ${show(issue.input)}; expected "evaluate" (the default) or "deny"`,
});

/** A counter the rule increments on each allowed call, readable by conditions as `state.<tool>.<counter>`. */
const stateSchema = strict('state', {
	/** Dots would make the `state.<tool>.<counter>` path unreadable, so a counter is one segment. */
	counter: z
		.string({ error: (issue) => `expected a counter name, got ${show(issue.input)}` })
		.min(1, 'counter must not be empty')
		.refine((counter) => !counter.includes('.'), 'counter must not contain "." (it is one segment of a state path)'),
	window: windowSchema,
	/** Added per call when `increment_from` is absent; the proxy's own default is 1. */
	increment: z
		.number({ error: (issue) => `expected a positive number, got ${show(issue.input)}` })
		.positive('increment must be positive')
		.optional(),
	increment_from: incrementFromSchema.optional(),
});

// ---------------------------------------------------------------------------------------------------
// Rules and the document

/** The checks that involve several fields of one rule. Defensive: the rule may be malformed. */
function checkRule(rule: unknown, ctx: z.core.$RefinementCtx): void {
	if (!isRecord(rule)) return;
	const action = rule['action'] ?? 'evaluate';
	const has = (key: string): boolean => rule[key] !== undefined;
	const problem = (key: string, message: string): void => ctx.addIssue({ code: 'custom', path: [key], message });
	if (action === 'deny') {
		if (has('conditions')) {
			problem('conditions', 'a deny rule blocks every call and takes no conditions; put conditions on an "evaluate" rule');
		}
		if (has('state')) problem('state', 'a deny rule blocks every call and counts nothing; remove state');
		if (has('rate_limit')) problem('rate_limit', 'rate_limit cannot be combined with action "deny"');
	} else if (action === 'evaluate') {
		if (has('rate_limit')) {
			if (has('conditions')) problem('conditions', 'rate_limit cannot be combined with conditions; use a separate rule');
			if (has('state')) problem('state', 'rate_limit cannot be combined with state; use a separate rule');
		} else if (rule['conditions'] === undefined || (Array.isArray(rule['conditions']) && rule['conditions'].length === 0)) {
			problem(
				'conditions',
				'an evaluate rule needs at least one condition (or the rate_limit shorthand); to allow a tool without checks write `rules: []`',
			);
		}
	}
}

const ruleSchema = strict('a rule', {
	name: z
		.string({
			error: (issue) =>
				issue.input === undefined ? 'every rule needs a name' : `expected the rule name as a string, got ${show(issue.input)}`,
		})
		.min(1, 'rule name must not be empty'),
	/** Absent means `evaluate`. */
	action: actionSchema.optional(),
	/** All ANDed. */
	conditions: z.array(conditionSchema, { error: (issue) => `expected a list of conditions, got ${show(issue.input)}` }).optional(),
	/** Returned to the agent when this rule denies a call (the proxy adds its own prefix). */
	on_deny: z.string({ error: (issue) => `expected a message string, got ${show(issue.input)}` }).optional(),
	state: stateSchema.optional(),
	rate_limit: rateLimitSchema.optional(),
}).superRefine(checkRule, { when: always });

/** `rules: []` is how Intercept spells "allow this tool without checks". */
const toolEntrySchema = strict('a tool entry', {
	rules: z.array(ruleSchema, {
		error: (issue) =>
			issue.input === undefined
				? 'every tool entry needs rules (write `rules: []` to allow the tool without checks)'
				: `expected a list of rules, got ${show(issue.input)}`,
	}),
});

const toolsSchema = z.record(z.string().min(1), toolEntrySchema, {
	error: (issue) => {
		if (issue.code === 'invalid_key') return 'tool names must not be empty';
		if (issue.input === undefined) return 'tools is required: a map from tool name (or "*") to { rules: [...] }';
		return `expected tools as a map from tool name to { rules: [...] }, got ${show(issue.input)}`;
	},
});

/**
 * The checks that span rules of one tool: counters declared once, one shorthand per window, and every
 * `state.` path naming a counter that a rule of the same tool (or of `"*"`, as `_global`) declares.
 */
function checkTools(doc: unknown, ctx: z.core.$RefinementCtx): void {
	if (!isRecord(doc) || !isRecord(doc['tools'])) return;
	for (const [tool, entry] of Object.entries(doc['tools'])) {
		if (!isRecord(entry) || !Array.isArray(entry['rules'])) continue;
		const rules: unknown[] = entry['rules'];
		const owner = tool === '*' ? '_global' : tool;
		const where = tool === '*' ? 'the "*" entry' : `tool "${tool}"`;
		const counters = new Map<string, number>();
		const windows = new Map<Window, number>();
		rules.forEach((rule, index) => {
			if (!isRecord(rule)) return;
			const state = rule['state'];
			const counter = isRecord(state) ? state['counter'] : undefined;
			if (typeof counter === 'string' && counter !== '') {
				const first = counters.get(counter);
				if (first === undefined) counters.set(counter, index);
				else {
					ctx.addIssue({
						code: 'custom',
						path: ['tools', tool, 'rules', index, 'state', 'counter'],
						message: `counter "${counter}" is already declared by rules[${first}] of ${where}; two rules must not share a counter`,
					});
				}
			}
			const rateLimit = rule['rate_limit'];
			if (typeof rateLimit === 'string') {
				const parsed = parseRateLimit(rateLimit);
				if ('window' in parsed) {
					const first = windows.get(parsed.window);
					if (first === undefined) windows.set(parsed.window, index);
					else {
						ctx.addIssue({
							code: 'custom',
							path: ['tools', tool, 'rules', index, 'rate_limit'],
							message: `rules[${first}] of ${where} already has a per-${parsed.window} rate_limit; two shorthands with the same window collide`,
						});
					}
				}
			}
		});
		const prefix = `state.${owner}.`;
		rules.forEach((rule, index) => {
			if (!isRecord(rule) || !Array.isArray(rule['conditions'])) return;
			const conditions: unknown[] = rule['conditions'];
			conditions.forEach((condition, position) => {
				if (!isRecord(condition)) return;
				const path = condition['path'];
				if (typeof path !== 'string' || !path.startsWith('state.')) return;
				const at = ['tools', tool, 'rules', index, 'conditions', position, 'path'];
				const counter = path.startsWith(prefix) ? path.slice(prefix.length) : '';
				if (counter === '' || counter.includes('.')) {
					ctx.addIssue({
						code: 'custom',
						path: at,
						message: `state path "${path}" must have the shape "${prefix}<counter>": a rule under ${where} reads its own counters`,
					});
				} else if (!counters.has(counter)) {
					ctx.addIssue({
						code: 'custom',
						path: at,
						message: `"${path}" reads counter "${counter}", which no rule of ${where} declares in its state`,
					});
				}
			});
		});
	}
}

/** An Intercept policy file, parsed from YAML. */
export const interceptPolicySchema = strict('the policy', {
	version: z.literal('1', {
		error: (issue) =>
			typeof issue.input === 'number'
				? 'version must be the string "1"; quote it in YAML (version: "1")'
				: `version must be the string "1", got ${show(issue.input)}`,
	}),
	description: z.string({ error: (issue) => `expected a description string, got ${show(issue.input)}` }).optional(),
	/** Absent means `allow`. Under `deny`, unlisted tools are refused and `"*"` rules do not rescue them. */
	default: z.enum(['allow', 'deny'], { error: (issue) => `default must be "allow" or "deny", got ${show(issue.input)}` }).optional(),
	/** Removed from `tools/list` and denied on call; `"*"` hides every tool. */
	hide: hideSchema.optional(),
	/** Exact tool name (or `"*"` for rules applied to every call after the tool's own) to its rules. */
	tools: toolsSchema,
}).superRefine(checkTools, { when: always });

export type InterceptPolicy = z.infer<typeof interceptPolicySchema>;
export type InterceptRule = z.infer<typeof ruleSchema>;
export type InterceptCondition = z.infer<typeof conditionSchema>;

/**
 * Validates a parsed Intercept policy and returns every problem as `"<path>: <message>"` (empty when
 * valid). A list rather than a throw, so the build can report all snippets' problems at once and tests
 * can assert on individual messages.
 */
export function validateInterceptPolicy(doc: unknown): string[] {
	return problemsOf(interceptPolicySchema, doc);
}
