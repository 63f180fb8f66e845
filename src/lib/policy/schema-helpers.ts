/**
 * Pieces both policy-engine schemas share: readable messages, strict objects that explain why unknown
 * keys are refused, the hide list, and the problem-list form of a parse.
 */
import { z } from 'zod';
import { formatPath } from '../content/errors.ts';
import { WINDOWS } from '../taxonomy.ts';

/**
 * Runs a refinement even when other fields already failed, so one parse reports every problem. zod still
 * skips it after an issue raised with `continue: false` (`.int()` on a fraction, `z.custom` without
 * `abort: false`), so the schemas avoid those.
 */
export const always = (): boolean => true;

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short, safe rendering of an offending input for error messages. */
export function show(value: unknown): string {
	if (value === undefined) return 'nothing';
	try {
		const text = JSON.stringify(value);
		return text.length > 60 ? `${text.slice(0, 57)}...` : text;
	} catch {
		return String(value);
	}
}

/** `"minute", "hour", "day"` for messages. */
export const windowList = WINDOWS.map((window) => `"${window}"`).join(', ');

/**
 * A factory for strict objects whose unknown-key error says why unknown keys are refused: an engine
 * that ignores a misspelt field silently changes what the policy does. `engine` names who would ignore
 * it; `container` is what the format calls an object ("mapping" in YAML).
 */
export function strictObjects(engine: string, container: 'mapping' | 'object') {
	return function strict<T extends z.core.$ZodLooseShape>(what: string, shape: T) {
		return z.strictObject(shape, {
			error: (issue) => {
				if (issue.code === 'unrecognized_keys') {
					const keys = issue.keys.map((key) => `"${key}"`).join(', ');
					return `unknown field${issue.keys.length > 1 ? 's' : ''} ${keys} in ${what}: ${engine} would ignore it, so a typo would silently change the policy`;
				}
				if (issue.code === 'invalid_type')
					return `expected ${what} as ${container === 'mapping' ? 'a mapping' : 'an object'}, got ${show(issue.input)}`;
				return undefined;
			},
		});
	};
}

/** Reports every repeated string of a list (after its first occurrence) at its index. */
export function reportDuplicates(list: unknown, ctx: z.core.$RefinementCtx, what: string): void {
	if (!Array.isArray(list)) return;
	const seen = new Map<string, number>();
	list.forEach((entry: unknown, index) => {
		if (typeof entry !== 'string') return;
		const first = seen.get(entry);
		if (first === undefined) seen.set(entry, index);
		else ctx.addIssue({ code: 'custom', path: [index], message: `duplicate ${what} "${entry}" (already at [${first}])` });
	});
}

/** Hidden tools: removed from `tools/list` and denied at call time; `"*"` hides every tool. Same rules in both engines. */
export const hideSchema = z
	.array(z.string({ error: (issue) => `expected a tool name, got ${show(issue.input)}` }).min(1, 'hide entries must not be empty'), {
		error: (issue) => `expected a list of tool names, got ${show(issue.input)}`,
	})
	.superRefine((list, ctx) => reportDuplicates(list, ctx, 'hide entry'), { when: always });

/** Every problem of a parse as `"<path>: <message>"`; empty when the document is valid. */
export function problemsOf(schema: z.ZodType, doc: unknown): string[] {
	const result = schema.safeParse(doc);
	if (result.success) return [];
	return result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
}
