/**
 * The PolicyLayer hosted gateway's policy document (JSON), as a zod schema.
 *
 * Every PolicyLayer snippet the site prints is validated with this schema in the build and in tests (see
 * `shared/research/policy-formats.md` §2). The schema is deliberately narrower than the gateway: it
 * accepts only what toolrisk emits and what the gateway's documentation shows in full. Argument
 * conditions (`require`, `deny_if`) are refused because their syntax is not published in full, and
 * unknown fields are refused because an engine that ignores a typo silently does something else.
 */
import { z } from 'zod';
import { formatPath } from '../content/errors.ts';
import { always, hideSchema, isRecord, problemsOf, show, strictObjects, windowList } from './schema-helpers.ts';
import { WINDOWS } from '../taxonomy.ts';

// ---------------------------------------------------------------------------------------------------
// Helpers

const strict = strictObjects('the gateway', 'object');

// ---------------------------------------------------------------------------------------------------
// Limits

/** A quota: at most `max` calls per calendar window, counted per grant. */
const limitSchema = strict('a limit', {
	/** Unique across the document: two limits sharing a counter would share one budget. */
	counter: z.string({ error: (issue) => `expected a counter name, got ${show(issue.input)}` }).min(1, 'counter must not be empty'),
	window: z.enum(WINDOWS, { error: (issue) => `expected a window of ${windowList}, got ${show(issue.input)}` }),
	max: z
		.number({ error: (issue) => `expected max as a number, got ${show(issue.input)}` })
		.refine((max) => Number.isSafeInteger(max), 'max must be a whole number')
		.refine((max) => max >= 1, 'max must be at least 1'),
	/** The only scope the documentation shows: each grant gets its own budget. */
	scope: z.literal('grant', { error: (issue) => `scope must be "grant", got ${show(issue.input)}` }),
});

const limitsSchema = z.array(limitSchema, { error: (issue) => `expected a list of limits, got ${show(issue.input)}` });

/** Present only to refuse the key with an explanation; toolrisk never emits argument conditions. */
function unpublished(key: string) {
	return z
		.never({
			error: `toolrisk does not emit ${key}: the gateway's condition syntax is not published in full, so argument rules are left out rather than guessed`,
		})
		.optional();
}

/** Per-tool rules. Under `default: "deny"`, `{}` allows the tool with no checks. */
const toolEntrySchema = strict('a tool entry', {
	require: unpublished('require'),
	deny_if: unpublished('deny_if'),
	limits: limitsSchema.optional(),
});

/**
 * Counter names must be unique across the whole document (`all_tools` and every tool), reported at
 * each repeat with the place of the first use.
 */
function checkUniqueCounters(doc: unknown, ctx: z.core.$RefinementCtx): void {
	if (!isRecord(doc)) return;
	const lists: { at: PropertyKey[]; limits: unknown }[] = [];
	if (isRecord(doc['all_tools'])) lists.push({ at: ['all_tools', 'limits'], limits: doc['all_tools']['limits'] });
	if (isRecord(doc['tools'])) {
		for (const [tool, entry] of Object.entries(doc['tools'])) {
			if (isRecord(entry)) lists.push({ at: ['tools', tool, 'limits'], limits: entry['limits'] });
		}
	}
	const seen = new Map<string, string>();
	for (const { at, limits } of lists) {
		if (!Array.isArray(limits)) continue;
		const entries: unknown[] = limits;
		entries.forEach((limit, index) => {
			if (!isRecord(limit)) return;
			const counter = limit['counter'];
			if (typeof counter !== 'string' || counter === '') return;
			const path = [...at, index, 'counter'];
			const first = seen.get(counter);
			if (first === undefined) seen.set(counter, formatPath(path));
			else {
				ctx.addIssue({
					code: 'custom',
					path,
					message: `counter "${counter}" is already used at ${first}; two limits sharing a counter would share one budget`,
				});
			}
		});
	}
}

/** A PolicyLayer gateway policy document. */
export const policyLayerPolicySchema = strict('the policy', {
	version: z.literal('1', { error: (issue) => `version must be the string "1", got ${show(issue.input)}` }),
	/** Required: decides what happens to every tool not listed under `tools`. */
	default: z.enum(['allow', 'deny'], {
		error: (issue) =>
			issue.input === undefined
				? 'default is required: "allow" or "deny" decides what happens to tools not listed under tools'
				: `default must be "allow" or "deny", got ${show(issue.input)}`,
	}),
	hide: hideSchema.optional(),
	/** Quotas counted across every call, whatever the tool. */
	all_tools: strict('all_tools', { limits: limitsSchema }).optional(),
	tools: z
		.record(z.string().min(1), toolEntrySchema, {
			error: (issue) => {
				if (issue.code === 'invalid_key') return 'tool names must not be empty';
				return `expected tools as an object from tool name to its rules, got ${show(issue.input)}`;
			},
		})
		.optional(),
}).superRefine(checkUniqueCounters, { when: always });

export type PolicyLayerPolicy = z.infer<typeof policyLayerPolicySchema>;
export type PolicyLayerLimit = z.infer<typeof limitSchema>;

/**
 * Validates a parsed PolicyLayer policy and returns every problem as `"<path>: <message>"` (empty when
 * valid). A list rather than a throw, so the build can report all snippets' problems at once and tests
 * can assert on individual messages.
 */
export function validatePolicyLayerPolicy(doc: unknown): string[] {
	return problemsOf(policyLayerPolicySchema, doc);
}
