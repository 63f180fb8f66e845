/**
 * The engine-neutral policy model. Every snippet on the site, in either format, is rendered from a
 * `ToolPolicy`; the renderers (`intercept.ts`, `policylayer.ts`) only translate it.
 *
 * Stance by category (see `CATEGORIES[...].stance`): read is allowed; write is rate-limited; execute
 * gets a tighter limit plus argument checks where a signal makes one possible; destructive and
 * financial are denied with a message that tells the agent a person must allow it.
 */
import { POISONING_SIGNALS } from '../classify/registry.ts';
import type { Judgement } from '../classify/types.ts';
import type { Parameter } from '../json-schema/parameters.ts';
import type { Category, SignalId, Window } from '../taxonomy.ts';

/**
 * - allow: no rule at all; - check: allowed without a limit, but its arguments are checked (Intercept);
 * - limit: rate-limited, plus checks for execute tools; - deny: visible, every call refused with a message;
 * - hide: removed from tools/list and refused, for definitions that carry tool-poisoning indicators;
 * - omit: not named at all, for a tool called `*`, which both formats read as "every tool".
 */
export type Treatment = 'allow' | 'check' | 'limit' | 'deny' | 'hide' | 'omit';

/** A condition the call's arguments must satisfy (Intercept evaluates these; PolicyLayer cannot, see README). */
export interface ArgumentCheck {
	/** Rule name, unique within the tool. */
	name: string;
	/** Intercept path into the arguments: `args.<top-level parameter>`. */
	path: string;
	op: 'regex';
	value: string;
	onDeny: string;
	/** The signal that made this check possible. */
	signal: SignalId;
	/** What the check stops, in one sentence. */
	explanation: string;
}

export interface ToolPolicy {
	tool: string;
	category: Category;
	treatment: Treatment;
	limit?: { max: number; window: Window };
	checks: ArgumentCheck[];
	/** The message returned to the agent when a call is refused. */
	onDeny: string;
	/** One sentence: what this policy does, true for both engines. */
	effect: string;
}

/** Call budgets per category. Kept here so every page, FAQ and test quotes the same numbers. */
export const LIMITS = {
	write: { max: 30, window: 'minute' },
	execute: { max: 10, window: 'minute' },
} as const satisfies Partial<Record<Category, { max: number; window: Window }>>;

/** RE2 patterns for argument checks. Each must compile under RE2 (validated with every document). */
export const CHECK_PATTERNS = {
	/** No `;`, `&`, `|`, backtick, `$`, redirection or newline: one command, no chaining or substitution. */
	noShellChaining: '^[^;&|`$<>\\n\\r]*$',
	/** No `..` anywhere: the path cannot climb out of the folder it names. */
	noPathTraversal: '^([^.]|\\.[^.])*\\.?$',
	/** The URL is https; tighten to your own hosts (`^https://(api\\.example\\.com)/`). */
	httpsOnly: '^https://',
	/** The statement starts as a read (SELECT, EXPLAIN, SHOW, DESCRIBE). */
	readOnlyStatement: '(?i)^\\s*(select|explain|show|describe)\\s',
} as const;

/** Only required, top-level string parameters can carry a check: Intercept paths cannot index arrays, and a check on an absent optional argument would refuse valid calls. */
function checkable(p: Parameter): boolean {
	return p.depth === 0 && p.required && (p.types.length === 0 || (p.types.length === 1 && p.types[0] === 'string')) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(p.name);
}

function argumentChecks(tool: string, judgement: Judgement, parameters: readonly Parameter[], signals: readonly SignalId[]): ArgumentCheck[] {
	const byPath = new Map(parameters.map((p) => [p.path, p]));
	const checks: ArgumentCheck[] = [];
	const add = (signal: SignalId, pattern: string, label: string, explanation: string, onDeny: (arg: string) => string) => {
		if (!signals.includes(signal)) return;
		const finding = judgement.signals.find((s) => s.id === signal);
		for (const e of finding?.evidence ?? []) {
			const p = byPath.get(e.field);
			if (!p || !checkable(p) || checks.some((c) => c.path === `args.${p.name}`)) continue;
			checks.push({ name: `${p.name}: ${label}`, path: `args.${p.name}`, op: 'regex', value: pattern, signal, explanation, onDeny: onDeny(p.name) });
		}
	};
	add('command-input', CHECK_PATTERNS.noShellChaining, 'no command chaining', 'refuses commands that chain, substitute or redirect (; & | ` $ < >)', (a) => `${tool}: ${a} may hold one command without ; & | \` $ < > or line breaks`);
	add('raw-query', CHECK_PATTERNS.readOnlyStatement, 'read-only statements', 'allows only statements that start as reads (SELECT, EXPLAIN, SHOW, DESCRIBE)', (a) => `${tool}: ${a} must be a read-only statement (SELECT, EXPLAIN, SHOW or DESCRIBE)`);
	add('file-path', CHECK_PATTERNS.noPathTraversal, 'no path traversal', 'refuses paths containing ".." so the agent cannot climb out of the folder it was given', (a) => `${tool}: ${a} must not contain ".."`);
	add('url-input', CHECK_PATTERNS.httpsOnly, 'https only', 'allows only https URLs (tighten the pattern to the hosts you trust)', (a) => `${tool}: ${a} must be an https URL`);
	return checks;
}

/** Signals whose arguments can be checked, by category: reads keep queries read-only and paths inside their folder. */
const CHECKED_SIGNALS: Record<'read' | 'execute', readonly SignalId[]> = {
	read: ['raw-query', 'file-path'],
	execute: ['command-input', 'raw-query', 'file-path', 'url-input'],
};

/** In both formats `*` stands for every tool (a wildcard rule key, `hide: ["*"]`), so a tool with that name cannot be addressed. */
export const WILDCARD = '*';

/** Derives the recommended policy for one tool from its judgement. */
export function toolPolicy(tool: string, judgement: Judgement, parameters: readonly Parameter[]): ToolPolicy {
	const { category } = judgement;
	if (tool === WILDCARD) {
		return {
			tool,
			category,
			treatment: 'omit',
			checks: [],
			onDeny: '',
			effect: 'A tool named "*" cannot be named in either policy format, where "*" means every tool; the policy leaves it out, so default deny refuses every call to it.',
		};
	}
	if (judgement.signals.some((s) => POISONING_SIGNALS.has(s.id))) {
		return {
			tool,
			category,
			treatment: 'hide',
			checks: [],
			onDeny: `${tool} is hidden by policy: its definition carries tool-poisoning indicators.`,
			effect: `${tool} is hidden: its definition carries tool-poisoning indicators, so the policy removes it from the tool list (the model never reads its description) and refuses every call to it.`,
		};
	}
	switch (category) {
		case 'read': {
			const checks = argumentChecks(tool, judgement, parameters, CHECKED_SIGNALS.read);
			if (checks.length === 0) {
				return {
					tool,
					category,
					treatment: 'allow',
					checks,
					onDeny: '',
					effect: `${tool} is allowed with no limit, because it only reads; every tool the policy does not name is denied.`,
				};
			}
			return {
				tool,
				category,
				treatment: 'check',
				checks,
				onDeny: '',
				effect: `${tool} is allowed with no limit, because it only reads, but Intercept checks its arguments: ${checks.map((c) => c.explanation).join('; ')}. Every tool the policy does not name is denied.`,
			};
		}
		case 'write':
		case 'execute': {
			const limit = LIMITS[category];
			const checks = category === 'execute' ? argumentChecks(tool, judgement, parameters, CHECKED_SIGNALS.execute) : [];
			const what = category === 'write' ? 'changes' : 'runs';
			const checked = checks.length > 0 ? ` Intercept also checks its arguments: ${checks.map((c) => c.explanation).join('; ')}.` : '';
			return {
				tool,
				category,
				treatment: 'limit',
				limit,
				checks,
				onDeny: `${tool} is limited to ${limit.max} calls per ${limit.window}; wait and retry, or ask a person to raise the limit.`,
				effect: `${tool} stays usable but is capped at ${limit.max} calls per ${limit.window}, so an agent stuck in a loop cannot make hundreds of ${what} a minute; every tool the policy does not name is denied.${checked}`,
			};
		}
		case 'destructive':
		case 'financial': {
			const what = category === 'destructive' ? 'cannot be undone' : 'moves money';
			return {
				tool,
				category,
				treatment: 'deny',
				checks: [],
				onDeny: `${tool} is blocked by policy because it ${what}; a person must allow it deliberately.`,
				effect: `Every call to ${tool} is refused before it reaches the server, because its effect ${what === 'moves money' ? 'moves money' : 'cannot be undone'}; allow it deliberately, for a named agent, when you need it.`,
			};
		}
	}
}
