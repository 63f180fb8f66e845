/**
 * The engine-neutral policy model. Every snippet on the site, in either format, is rendered from a
 * `ToolPolicy` (`render.ts` translates it into each engine's document and validates it).
 *
 * Stance by category (see `CATEGORIES[...].stance`): read is allowed; write is rate-limited; execute
 * gets a tighter limit plus argument checks where a signal makes one possible; destructive and
 * financial are denied with a message that tells the agent a person must allow it. That is the
 * `recommended` preset; `strict` and `permissive` (see `PRESETS`) change the per-category stances.
 *
 * This module holds the policy types, limits, check patterns, presets and the step from a tool's
 * facts (`ToolFacts`, made by `facts.ts` from a judgement) to its `ToolPolicy`. The server page's
 * composer loads it in the browser, so it must not import the classifier (its rules would ship with it).
 */
import type { Category, SignalId, Window } from '../taxonomy.ts';

/**
 * - allow: no rule at all; - check: allowed without a limit, but its arguments are checked (Intercept);
 * - limit: rate-limited, plus checks for execute tools; - deny: visible, every call refused with a message;
 * - hide: removed from tools/list and refused, for definitions that carry tool-poisoning indicators;
 * - omit: not named at all, for a tool called `*`, which both formats read as "every tool".
 */
export type Treatment = 'allow' | 'check' | 'limit' | 'deny' | 'hide' | 'omit';

/** How the policy model treats a tool, in words (the treatments above). */
export const TREATMENT_LABELS: Record<Treatment, string> = {
	allow: 'allowed with no limit',
	check: 'allowed, with Intercept argument checks',
	limit: 'rate-limited',
	deny: 'denied until a person allows them',
	hide: 'hidden from the agent and refused',
	omit: 'left out (a tool named "*" cannot be named)',
};
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

/** The policies of a whole document: one server unit, one tool, or any list of tools. */
export interface PolicySet {
	/** Free text placed in the document's description (Intercept only; PolicyLayer has no such field). */
	description: string;
	tools: readonly ToolPolicy[];
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

/** The signals an argument check can follow, in the order checks are listed. */
export const CHECK_SIGNALS = ['command-input', 'raw-query', 'file-path', 'url-input'] as const satisfies readonly SignalId[];
export type CheckSignal = (typeof CHECK_SIGNALS)[number];

/** What each check tests: its pattern, rule label, explanation and refusal message. */
const CHECKS: Record<CheckSignal, { pattern: string; label: string; explanation: string; onDeny: (tool: string, arg: string) => string }> =
	{
		'command-input': {
			pattern: CHECK_PATTERNS.noShellChaining,
			label: 'no command chaining',
			explanation: 'refuses commands that chain, substitute or redirect (; & | ` $ < >)',
			onDeny: (tool, a) => `${tool}: ${a} may hold one command without ; & | \` $ < > or line breaks`,
		},
		'raw-query': {
			pattern: CHECK_PATTERNS.readOnlyStatement,
			label: 'read-only statements',
			explanation: 'allows only statements that start as reads (SELECT, EXPLAIN, SHOW, DESCRIBE)',
			onDeny: (tool, a) => `${tool}: ${a} must be a read-only statement (SELECT, EXPLAIN, SHOW or DESCRIBE)`,
		},
		'file-path': {
			pattern: CHECK_PATTERNS.noPathTraversal,
			label: 'no path traversal',
			explanation: 'refuses paths containing ".." so the agent cannot climb out of the folder it was given',
			onDeny: (tool, a) => `${tool}: ${a} must not contain ".."`,
		},
		'url-input': {
			pattern: CHECK_PATTERNS.httpsOnly,
			label: 'https only',
			explanation: 'allows only https URLs (tighten the pattern to the hosts you trust)',
			onDeny: (tool, a) => `${tool}: ${a} must be an https URL`,
		},
	};

/**
 * The facts a tool's policy depends on, and nothing else: small and plain (JSON-safe), so a server
 * page can carry them for the in-browser composer.
 */
export interface ToolFacts {
	tool: string;
	category: Category;
	/** The definition carries tool-poisoning indicators. */
	poisoned: boolean;
	/** Every argument a check could apply to, per signal, in `CHECK_SIGNALS` order (an argument may appear under several signals). */
	checks: { signal: CheckSignal; arg: string }[];
}

function argumentChecks(facts: ToolFacts, signals: readonly CheckSignal[]): ArgumentCheck[] {
	const checks: ArgumentCheck[] = [];
	// Listed per signal in `CHECK_SIGNALS` order; an argument gets the first applicable check only.
	for (const signal of CHECK_SIGNALS) {
		if (!signals.includes(signal)) continue;
		const c = CHECKS[signal];
		for (const { arg } of facts.checks.filter((f) => f.signal === signal)) {
			if (checks.some((k) => k.path === `args.${arg}`)) continue;
			checks.push({
				name: `${arg}: ${c.label}`,
				path: `args.${arg}`,
				op: 'regex',
				value: c.pattern,
				signal,
				explanation: c.explanation,
				onDeny: c.onDeny(facts.tool, arg),
			});
		}
	}
	return checks;
}

/** How a preset treats one category: allowed (with checks where possible), rate-limited (with checks), or denied. */
export type Stance =
	| { kind: 'allow'; checks: readonly CheckSignal[] }
	| { kind: 'limit'; limit: { max: number; window: Window }; checks: readonly CheckSignal[] }
	| { kind: 'deny' };

/**
 * The presets: one stance per category. `recommended` is the site's default (every tool page and the
 * static downloads); `strict` and `permissive` are offered by the server page's composer. No preset
 * allows a destructive or financial tool: that stays a person's deliberate edit.
 */
export const PRESETS = {
	strict: {
		label: 'Strict',
		summary: 'for agents that should mostly look, not act',
		stances: {
			read: { kind: 'allow', checks: CHECK_SIGNALS },
			write: { kind: 'limit', limit: { max: 10, window: 'minute' }, checks: CHECK_SIGNALS },
			execute: { kind: 'deny' },
			destructive: { kind: 'deny' },
			financial: { kind: 'deny' },
		},
	},
	recommended: {
		label: 'Recommended',
		summary: 'the policy every page of this site shows',
		stances: {
			read: { kind: 'allow', checks: ['raw-query', 'file-path'] },
			write: { kind: 'limit', limit: LIMITS.write, checks: [] },
			execute: { kind: 'limit', limit: LIMITS.execute, checks: CHECK_SIGNALS },
			destructive: { kind: 'deny' },
			financial: { kind: 'deny' },
		},
	},
	permissive: {
		label: 'Permissive',
		summary: 'for a trusted agent under supervision',
		stances: {
			read: { kind: 'allow', checks: [] },
			write: { kind: 'limit', limit: { max: 120, window: 'minute' }, checks: [] },
			execute: { kind: 'limit', limit: { max: 30, window: 'minute' }, checks: CHECK_SIGNALS },
			destructive: { kind: 'deny' },
			financial: { kind: 'deny' },
		},
	},
} as const satisfies Record<string, { label: string; summary: string; stances: Record<Category, Stance> }>;
export type Preset = keyof typeof PRESETS;
export const PRESET_IDS = Object.keys(PRESETS) as Preset[];
export const DEFAULT_PRESET: Preset = 'recommended';

/** In both formats `*` stands for every tool (a wildcard rule key, `hide: ["*"]`), so a tool with that name cannot be addressed. */
export const WILDCARD = '*';

/** Why a denied category is denied, in the words of its refusal message. */
const DENIED_BECAUSE: Record<Category, string> = {
	read: 'only reads, and this policy denies reads',
	write: 'changes data, and this policy denies changes',
	execute: 'runs code or commands whose effects cannot be bounded',
	destructive: 'cannot be undone',
	financial: 'moves money',
};

/** Derives one tool's policy from its facts under a preset. */
export function policyFromFacts(facts: ToolFacts, preset: Preset = DEFAULT_PRESET): ToolPolicy {
	const { tool, category } = facts;
	if (tool === WILDCARD) {
		return {
			tool,
			category,
			treatment: 'omit',
			checks: [],
			onDeny: '',
			effect:
				'A tool named "*" cannot be named in either policy format, where "*" means every tool; the policy leaves it out, so default deny refuses every call to it.',
		};
	}
	if (facts.poisoned) {
		return {
			tool,
			category,
			treatment: 'hide',
			checks: [],
			onDeny: `${tool} is hidden by policy: its definition carries tool-poisoning indicators.`,
			effect: `${tool} is hidden: its definition carries tool-poisoning indicators, so the policy removes it from the tool list (the model never reads its description) and refuses every call to it.`,
		};
	}
	const stance: Stance = PRESETS[preset].stances[category];
	switch (stance.kind) {
		case 'allow': {
			const checks = argumentChecks(facts, stance.checks);
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
		case 'limit': {
			const { limit } = stance;
			const checks = argumentChecks(facts, stance.checks);
			const what = category === 'write' ? 'changes' : category === 'execute' ? 'runs' : 'calls';
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
		case 'deny': {
			const why = DENIED_BECAUSE[category];
			return {
				tool,
				category,
				treatment: 'deny',
				checks: [],
				onDeny: `${tool} is blocked by policy because it ${why}; a person must allow it deliberately.`,
				effect: `Every call to ${tool} is refused before it reaches the server, because ${category === 'destructive' || category === 'financial' ? `its effect ${why}` : `it ${why}`}; allow it deliberately, for a named agent, when you need it.`,
			};
		}
	}
}

/**
 * A tool switched off in the composer: hidden (removed from the tool list and refused), since the user
 * does not want the model to see it at all. A tool named `*` stays omitted: hiding `*` would hide every tool.
 */
export function switchedOff(policy: ToolPolicy): ToolPolicy {
	if (policy.treatment === 'omit' || policy.treatment === 'hide') return policy;
	return {
		tool: policy.tool,
		category: policy.category,
		treatment: 'hide',
		checks: [],
		onDeny: `${policy.tool} is switched off in this policy.`,
		effect: `${policy.tool} is switched off: the policy removes it from the tool list and refuses every call to it.`,
	};
}

/** One sentence per category saying what a preset does, derived from its stances (for pages and docs). */
export function describePreset(preset: Preset): { category: Category; text: string }[] {
	const stances: Record<Category, Stance> = PRESETS[preset].stances;
	const checkList = (checks: readonly CheckSignal[]) =>
		checks.length === 0 ? '' : `; where the schema allows, arguments checked: ${checks.map((s) => CHECKS[s].label).join(', ')}`;
	return (Object.keys(stances) as Category[]).map((category) => {
		const s = stances[category];
		const text =
			s.kind === 'allow'
				? `allowed, no limit${checkList(s.checks)}`
				: s.kind === 'limit'
					? `at most ${s.limit.max} calls per ${s.limit.window}${checkList(s.checks)}`
					: 'denied';
		return { category, text };
	});
}
