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
import type { ArgumentKind } from './argument-kind.ts';
import {
	DeploymentParameterError,
	deploymentParameterProblems,
	HTTPS_URL,
	hostnamePattern,
	httpsHostPattern,
	PATH_PATTERNS,
	recipientDomainPattern,
	rootedPathPattern,
	schemaPattern,
	SHELL_SINGLE_COMMAND,
	sqlReadOnlyPattern,
	type DeploymentParameters,
} from './check-patterns.ts';

export type { DeploymentParameters } from './check-patterns.ts';
export { DeploymentParameterError, deploymentParameterProblems } from './check-patterns.ts';

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
/** The checks the model can emit, each written for one kind of argument (`argument-kind.ts`). */
export type CheckId =
	| 'sql-read-only'
	| 'shell-single-command'
	| 'relative-path'
	| 'local-path'
	| 'absolute-path'
	| 'rooted-path'
	| 'file-name'
	| 'https-url'
	| 'https-host'
	| 'host-allowed'
	| 'recipient-domain'
	| 'schema-allowed';

/**
 * The attacks a check may claim to stop. The call corpus (`tests/fixtures/call-corpus/`) holds example
 * values of each; the corpus test runs every emitted check on them through the evaluator, so a check
 * that names a class here refuses every example of it, and a check that lets an example through does
 * not name its class.
 */
export const ATTACK_CLASSES = {
	traversal: 'climbing out with .. segments',
	absolute: 'an absolute path',
	'outside-root': 'a path outside the allowed root folder',
	home: 'a home-relative path (~/ or ~user)',
	encoded: 'a %-encoded path (%2e%2e)',
	windows: 'Windows forms (..\\, C:\\, \\\\server)',
	control: 'control characters (NUL, line breaks)',
	'write-statement': 'a statement that writes (DELETE, UPDATE, DROP …)',
	stacked: 'a second statement after ;',
	'tsql-batch': 'a second statement without ; (T-SQL)',
	'explain-analyze': 'EXPLAIN ANALYZE, which runs the statement it explains',
	'cte-write': 'a write inside WITH … AS (…)',
	'select-into': 'SELECT … INTO, which writes a table or file',
	'comment-hidden': 'a write after a comment',
	'listed-function': 'a call to a listed function that writes or reads server files (nextval, pg_read_file …)',
	'other-function': 'a call to a function not on the list (including your own)',
	chaining: 'chaining a second command (; && || |)',
	substitution: 'command substitution ($(…), backticks)',
	redirection: 'redirecting output to a file (> >>)',
	newline: 'a second command on a new line',
	'single-command': 'one destructive command (rm -rf /)',
	'non-https': 'a non-https scheme (http, file, javascript, ftp)',
	'foreign-host': 'an https URL on another host',
	'userinfo-host': 'a host hidden behind user@ (https://trusted@evil)',
	'lookalike-host': 'a longer host name (trusted.example.evil)',
	'foreign-domain': 'a recipient at another domain',
	'second-recipient': 'a second address or a display name in the same value',
	'foreign-schema': 'another schema',
} as const;
export type AttackClass = keyof typeof ATTACK_CLASSES;

/** Why an argument flagged by a check signal carries no check. */
export type UncheckedReason = 'optional' | 'array' | 'nested' | 'not-text' | 'unaddressable' | 'kind' | 'parameter';

/** One argument the policy leaves unchecked, and why (pages say so). */
export interface UncheckedArgument {
	arg: string;
	kind: ArgumentKind;
	reason: UncheckedReason;
	/** The clause a page shows: `paths is not checked: …`. */
	text: string;
}

/** A condition the call's arguments must satisfy (Intercept evaluates these; PolicyLayer cannot, see README). */
export interface ArgumentCheck {
	/** Rule name, unique within the tool. */
	name: string;
	/** Intercept path into the arguments: `args.<top-level parameter>`. */
	path: string;
	op: 'regex';
	value: string;
	onDeny: string;
	/** The signal that flagged the argument. */
	signal: SignalId;
	/**
	 * Which check this is (an attack entry's allow-list shape is `containment`: proven on its own
	 * example call, not on the corpus), and the kind of argument it was put on.
	 */
	check: CheckId | 'containment';
	kind: ArgumentKind;
	/** Why the argument is of that kind: the rule, the field that said it and what it said. */
	evidence: { rule: string; field: string; match: string };
	/** What the check stops (each one proven on the call corpus). */
	stops: readonly AttackClass[];
	/** What the check does, in one clause. */
	explanation: string;
	/** What it does not stop, in one clause. */
	notStopped: string;
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
	/** Arguments a check signal flagged that the policy does not check, and why. */
	unchecked: UncheckedArgument[];
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

/**
 * The budget of a tool that sends to a recipient the agent chooses (the `recipient` signal: email,
 * messages, notifications). Counted per hour, not per minute: a per-minute budget lets a looping or
 * hijacked agent send thousands of messages an hour to anyone. Applies wherever a preset rate-limits.
 */
export const OUTBOUND_LIMIT = { max: 20, window: 'hour' } as const satisfies { max: number; window: Window };

/** RE2 patterns for argument checks that need no deployment parameter. Each must compile under RE2 (validated with every document). */
export const CHECK_PATTERNS = {
	shellSingleCommand: SHELL_SINGLE_COMMAND,
	sqlReadOnly: sqlReadOnlyPattern(),
	relativePath: PATH_PATTERNS.relative,
	localPath: PATH_PATTERNS.local,
	absolutePath: PATH_PATTERNS.absolute,
	fileName: PATH_PATTERNS.fileName,
	httpsUrl: HTTPS_URL,
} as const;

/** The signals an argument check can follow, in the order checks are listed. */
export const CHECK_SIGNALS = ['command-input', 'raw-query', 'file-path', 'url-input', 'recipient'] as const satisfies readonly SignalId[];
export type CheckSignal = (typeof CHECK_SIGNALS)[number];

const PATH_STOPS = ['traversal', 'home', 'encoded', 'windows', 'control'] as const satisfies readonly AttackClass[];
const SYMLINKS = 'a symbolic link inside the folder that points out of it';
const list = (xs: readonly string[]) => (xs.length <= 2 ? xs.join(' or ') : `${xs.slice(0, -1).join(', ')} or ${xs.at(-1)}`);

/** What each check tests: its pattern, rule label, claims and refusal message. */
interface CheckDefinition {
	label: string;
	pattern: (p: DeploymentParameters) => string;
	stops: readonly AttackClass[];
	explanation: (p: DeploymentParameters) => string;
	notStopped: (p: DeploymentParameters) => string;
	onDeny: (tool: string, arg: string, p: DeploymentParameters) => string;
}
const CHECKS: Record<CheckId, CheckDefinition> = {
	'sql-read-only': {
		label: 'one read-only SQL statement',
		pattern: () => CHECK_PATTERNS.sqlReadOnly,
		stops: ['write-statement', 'stacked', 'tsql-batch', 'explain-analyze', 'cte-write', 'select-into', 'comment-hidden', 'listed-function'],
		explanation: () =>
			'must be one statement starting with SELECT, WITH, EXPLAIN, SHOW or DESCRIBE, with no ; before its end and no write word (INSERT, UPDATE, DELETE, DROP, INTO, ANALYZE, SET, EXEC …) anywhere, even in quotes or comments',
		notStopped: () =>
			'a function that writes but is not on the short refused list (your own included); give the server a read-only database role as well',
		onDeny: (tool, a) =>
			`${tool}: ${a} must be one read-only statement (SELECT, WITH, EXPLAIN, SHOW or DESCRIBE) with no ; before its end and no write word such as INSERT, UPDATE, DELETE, DROP, INTO or ANALYZE`,
	},
	'shell-single-command': {
		label: 'one command, no chaining',
		pattern: () => CHECK_PATTERNS.shellSingleCommand,
		stops: ['chaining', 'substitution', 'redirection', 'newline'],
		explanation: () => 'must be one command without ; & | ` $ < > or line breaks (no chaining, substitution or redirection)',
		notStopped: () => "one command that does harm on its own, such as rm -rf / or sh -c '…'",
		onDeny: (tool, a) => `${tool}: ${a} may hold one command without ; & | \` $ < > or line breaks`,
	},
	'relative-path': {
		label: 'relative path, no climbing out',
		pattern: () => CHECK_PATTERNS.relativePath,
		stops: [...PATH_STOPS, 'absolute'],
		explanation: () => 'must be a relative path: no .. segment, no leading / or ~, no %, \\ or : (so no encoded or Windows forms)',
		notStopped: () => SYMLINKS,
		onDeny: (tool, a) => `${tool}: ${a} must be a relative path without .. segments, a leading / or ~, or the characters % \\ :`,
	},
	'local-path': {
		label: 'no .. segments',
		pattern: () => CHECK_PATTERNS.localPath,
		stops: PATH_STOPS,
		explanation: () => 'may not contain a .. segment, a leading ~, or %, \\ or : (so no encoded or Windows forms)',
		notStopped: () => 'an absolute path such as /etc/passwd, which the strict preset confines to an allowed root folder',
		onDeny: (tool, a) => `${tool}: ${a} must be a path without .. segments, a leading ~, or the characters % \\ :`,
	},
	'absolute-path': {
		label: 'absolute path, no .. segments',
		pattern: () => CHECK_PATTERNS.absolutePath,
		stops: PATH_STOPS,
		explanation: () => 'must be an absolute path with no .. segment, no ~, and no %, \\ or :',
		notStopped: () => 'any other absolute path such as /etc/passwd, which the strict preset confines to an allowed root folder',
		onDeny: (tool, a) => `${tool}: ${a} must be an absolute path without .. segments, ~, or the characters % \\ :`,
	},
	'rooted-path': {
		label: 'inside the allowed root folder',
		pattern: (p) => rootedPathPattern(p.rootFolder ?? '/'),
		stops: [...PATH_STOPS, 'absolute', 'outside-root'],
		explanation: (p) => `must be an absolute path inside ${p.rootFolder ?? '/'} with no .. segment, ~, %, \\ or :`,
		notStopped: () => SYMLINKS,
		onDeny: (tool, a, p) => `${tool}: ${a} must be a path inside ${p.rootFolder ?? '/'} without .. segments or the characters % \\ :`,
	},
	'file-name': {
		label: 'a file name, no folder',
		pattern: () => CHECK_PATTERNS.fileName,
		stops: [...PATH_STOPS, 'absolute'],
		explanation: () => 'must be a single file name: no / or \\, no .., no leading ~, no % or :',
		notStopped: () => 'any file of that name the server can reach',
		onDeny: (tool, a) => `${tool}: ${a} must be a file name without / \\ % : or a leading ~, and not ..`,
	},
	'https-url': {
		label: 'https only',
		pattern: () => CHECK_PATTERNS.httpsUrl,
		stops: ['non-https'],
		explanation: () => 'must be an https URL (no http, file:, javascript: or ftp)',
		notStopped: () => 'any https host, internal ones included, which the strict preset confines to the URL hosts you name',
		onDeny: (tool, a) => `${tool}: ${a} must be an https URL`,
	},
	'https-host': {
		label: 'https on the allowed hosts',
		pattern: (p) => httpsHostPattern(p.urlHosts ?? []),
		stops: ['non-https', 'foreign-host', 'userinfo-host', 'lookalike-host'],
		explanation: (p) => `must be an https URL on ${list(p.urlHosts ?? [])}`,
		notStopped: () => 'any path on an allowed host, and redirects the server follows',
		onDeny: (tool, a, p) => `${tool}: ${a} must be an https URL on ${list(p.urlHosts ?? [])}`,
	},
	'host-allowed': {
		label: 'an allowed host',
		pattern: (p) => hostnamePattern(p.urlHosts ?? []),
		stops: ['foreign-host', 'lookalike-host'],
		explanation: (p) => `must be ${list(p.urlHosts ?? [])}`,
		notStopped: () => 'anything the server then does on that host',
		onDeny: (tool, a, p) => `${tool}: ${a} must be ${list(p.urlHosts ?? [])}`,
	},
	'recipient-domain': {
		label: 'a recipient at an allowed domain',
		pattern: (p) => recipientDomainPattern(p.recipientDomains ?? []),
		stops: ['foreign-domain', 'lookalike-host', 'second-recipient'],
		explanation: (p) => `must be one email address at ${list(p.recipientDomains ?? [])}`,
		notStopped: () => 'anyone at an allowed domain',
		onDeny: (tool, a, p) => `${tool}: ${a} must be one email address at ${list(p.recipientDomains ?? [])}`,
	},
	'schema-allowed': {
		label: 'an allowed schema',
		pattern: (p) => schemaPattern(p.schemas ?? []),
		stops: ['foreign-schema'],
		explanation: (p) => `must be ${list(p.schemas ?? [])}`,
		notStopped: () => 'other schemas named inside SQL text, which no pattern can confine',
		onDeny: (tool, a, p) => `${tool}: ${a} must be ${list(p.schemas ?? [])}`,
	},
};

/** A check's definition, for pages and tests. */
export function checkDefinition(id: CheckId): Readonly<CheckDefinition> {
	return CHECKS[id];
}

/**
 * Which check (if any) an argument of `kind` gets, given the tool's category and the deployment
 * parameters. The SQL read-only check is not put on a write tool: it would refuse the writes the tool
 * exists for (write tools are rate-limited instead; an execute tool that runs any SQL is confined to reads).
 */
export function checkFor(kind: ArgumentKind, category: Category, p: DeploymentParameters): CheckId | undefined {
	switch (kind) {
		case 'sql':
			return category === 'write' ? undefined : 'sql-read-only';
		case 'shell-command':
			return 'shell-single-command';
		case 'relative-path':
			return 'relative-path';
		case 'local-path':
			return p.rootFolder ? 'rooted-path' : 'local-path';
		case 'absolute-path':
			return p.rootFolder ? 'rooted-path' : 'absolute-path';
		case 'file-name':
			return 'file-name';
		case 'url':
			return p.urlHosts ? 'https-host' : 'https-url';
		case 'hostname':
			return p.urlHosts ? 'host-allowed' : undefined;
		case 'email-address':
			return p.recipientDomains ? 'recipient-domain' : undefined;
		case 'schema-name':
			return p.schemas ? 'schema-allowed' : undefined;
		default:
			return undefined;
	}
}

/** Kinds no check is written for, that a page should still name (the rest are plain text or identifiers). */
const KIND_NOTES: Partial<Record<ArgumentKind, string>> = {
	'program-code': 'it is program code, and no pattern tells harmful code from harmless',
	'query-language': 'it is a query language this site has no read-only shape for',
	'url-or-path': 'it takes a URL or a file path, and no one shape fits both',
	unknown: 'its schema does not say what kind of value it is',
};
const SHAPE_NOTES: Record<Exclude<UncheckedReason, 'kind' | 'parameter'>, string> = {
	optional: 'it is optional, and the engine refuses every call that leaves out a checked argument',
	array: 'it is an array, and the engine cannot look inside arrays',
	nested: 'it sits inside another argument the engine cannot reach',
	'not-text': 'it is not declared as text, and a pattern only applies to text',
	unaddressable: 'its name cannot be written as an engine path',
};

/** One argument a check signal flagged, with its kind and whether a check can be placed on it. */
export interface ArgumentFact {
	/** The parameter's path (`paths`, `attachments[].url`). */
	arg: string;
	signal: CheckSignal;
	kind: ArgumentKind;
	evidence: { rule: string; field: string; match: string };
	/** Why no check can reach it whatever its kind; absent for a required top-level text argument. */
	shape?: Exclude<UncheckedReason, 'kind' | 'parameter'>;
}

/**
 * The facts a tool's policy depends on, and nothing else: small and plain (JSON-safe), so a server
 * page can carry them for the in-browser composer.
 */
export interface ToolFacts {
	tool: string;
	category: Category;
	/** The definition carries tool-poisoning indicators that hide it (src/lib/judge/poisoning-stance.ts). */
	poisoned: boolean;
	/** Its only poisoning indicators are open guidance addressed to the model: the policy keeps the category's treatment and says so. */
	warned?: boolean;
	/** The tool sends to a recipient the agent chooses (the `recipient` signal). */
	outbound: boolean;
	/** Every argument a check signal flagged, in `CHECK_SIGNALS` order (an argument appears once, under its first signal). */
	args: ArgumentFact[];
}

function argumentChecks(
	facts: ToolFacts,
	signals: readonly CheckSignal[],
	params: DeploymentParameters,
): { checks: ArgumentCheck[]; unchecked: UncheckedArgument[] } {
	const checks: ArgumentCheck[] = [];
	const unchecked: UncheckedArgument[] = [];
	for (const signal of CHECK_SIGNALS) {
		if (!signals.includes(signal)) continue;
		for (const a of facts.args.filter((f) => f.signal === signal)) {
			const id = checkFor(a.kind, facts.category, params);
			if (id === undefined) {
				const note = KIND_NOTES[a.kind];
				if (note && !a.shape) unchecked.push({ arg: a.arg, kind: a.kind, reason: 'kind', text: `${a.arg} is not checked: ${note}` });
				continue;
			}
			if (a.shape) {
				unchecked.push({ arg: a.arg, kind: a.kind, reason: a.shape, text: `${a.arg} is not checked: ${SHAPE_NOTES[a.shape]}` });
				continue;
			}
			const c = CHECKS[id];
			checks.push({
				name: `${a.arg}: ${c.label}`,
				path: `args.${a.arg}`,
				op: 'regex',
				value: c.pattern(params),
				signal,
				check: id,
				kind: a.kind,
				evidence: a.evidence,
				stops: c.stops,
				explanation: c.explanation(params),
				notStopped: c.notStopped(params),
				onDeny: c.onDeny(facts.tool, a.arg, params),
			});
		}
	}
	return { checks, unchecked };
}

/** The checks, what they leave through and what is not checked, as sentences (the effect's middle). */
function checkSentences(checks: readonly ArgumentCheck[], unchecked: readonly UncheckedArgument[]): string {
	const parts: string[] = [];
	if (checks.length > 0)
		parts.push(
			`Intercept checks its arguments: ${checks.map((c) => `${c.path.slice(5)} ${c.explanation}, but lets through ${c.notStopped}`).join('; ')}.`,
		);
	if (unchecked.length > 0) parts.push(`${unchecked.map((u) => u.text).join('; ')}.`);
	return parts.join(' ');
}

/** How a preset treats one category: allowed (with checks where possible), rate-limited (with checks), or denied. */
export type Stance =
	| { kind: 'allow'; checks: readonly CheckSignal[] }
	| { kind: 'limit'; limit: { max: number; window: Window }; outbound: { max: number; window: Window }; checks: readonly CheckSignal[] }
	| { kind: 'deny' };

/**
 * The presets: one stance per category. `recommended` is the site's default (every tool page and the
 * static downloads); `strict` and `permissive` are offered by the server page's composer. No preset
 * allows a destructive or financial tool: that stays a person's deliberate edit. Only `strict` takes
 * deployment parameters (`DeploymentParameters`): with them it confines paths to a root folder, URLs
 * to hosts, email recipients to domains and schema arguments to schemas.
 */
export const PRESETS = {
	strict: {
		label: 'Strict',
		summary: 'for agents that should mostly look, not act',
		parameters: true,
		stances: {
			read: { kind: 'allow', checks: CHECK_SIGNALS },
			write: { kind: 'limit', limit: { max: 10, window: 'minute' }, outbound: { max: 5, window: 'hour' }, checks: CHECK_SIGNALS },
			execute: { kind: 'deny' },
			destructive: { kind: 'deny' },
			financial: { kind: 'deny' },
		},
	},
	recommended: {
		label: 'Recommended',
		summary: 'the policy every page of this site shows',
		parameters: false,
		stances: {
			read: { kind: 'allow', checks: ['raw-query', 'file-path'] },
			write: { kind: 'limit', limit: LIMITS.write, outbound: OUTBOUND_LIMIT, checks: [] },
			execute: { kind: 'limit', limit: LIMITS.execute, outbound: OUTBOUND_LIMIT, checks: CHECK_SIGNALS },
			destructive: { kind: 'deny' },
			financial: { kind: 'deny' },
		},
	},
	permissive: {
		label: 'Permissive',
		summary: 'for a trusted agent under supervision',
		parameters: false,
		stances: {
			read: { kind: 'allow', checks: [] },
			write: { kind: 'limit', limit: { max: 120, window: 'minute' }, outbound: { max: 60, window: 'hour' }, checks: [] },
			execute: { kind: 'limit', limit: { max: 30, window: 'minute' }, outbound: { max: 60, window: 'hour' }, checks: CHECK_SIGNALS },
			destructive: { kind: 'deny' },
			financial: { kind: 'deny' },
		},
	},
} as const satisfies Record<string, { label: string; summary: string; parameters: boolean; stances: Record<Category, Stance> }>;
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

/** `a minute`, `an hour`, `a day`. */
const perWindow = (w: Window) => (w === 'hour' ? 'an hour' : `a ${w}`);

/** What a rate limit cannot do with this engine, in one clause (E16, E17 in docs/engine-decision.md). */
function windowCaveat(limit: { max: number; window: Window }): string {
	return `the count restarts at each calendar ${limit.window} (UTC), so up to ${limit.max * 2} calls can pass around the turn of ${perWindow(limit.window)}, and Intercept does not count calls the server answers with a protocol error`;
}

/**
 * Derives one tool's policy from its facts under a preset. `params` (deployment parameters) are used by
 * presets that take them (`strict`) and must be valid (`deploymentParameterProblems`).
 */
/**
 * The argument checks (and what stays unchecked) of the given signals with the deployment parameters
 * applied, whatever a preset's stance: for the composer, where a person may allow a tool its preset denies.
 */
export function argumentChecksFor(
	facts: ToolFacts,
	signals: readonly CheckSignal[],
	params: DeploymentParameters = {},
): { checks: ArgumentCheck[]; unchecked: UncheckedArgument[] } {
	const problems = deploymentParameterProblems(params);
	if (problems.length > 0) throw new DeploymentParameterError(problems);
	return argumentChecks(facts, signals, params);
}

/**
 * A policy that refuses every call: `deny` keeps the tool in the list, `hide` also removes it. Every refusing
 * policy (the presets', a poisoned tool's, the composer's, a containment's) is built here, with its own words.
 */
export function refusingPolicy(tool: string, category: Category, treatment: 'deny' | 'hide', onDeny: string, effect: string): ToolPolicy {
	return { tool, category, treatment, checks: [], unchecked: [], onDeny, effect };
}

/** What a limited tool's refused call tells the agent. */
export function limitedOnDeny(tool: string, limit: { max: number; window: Window }): string {
	return `${tool} is limited to ${limit.max} calls per ${limit.window}; wait and retry, or ask a person to raise the limit.`;
}

export function policyFromFacts(facts: ToolFacts, preset: Preset = DEFAULT_PRESET, params: DeploymentParameters = {}): ToolPolicy {
	const policy = categoryPolicy(facts, preset, params);
	if (!facts.warned || policy.treatment === 'hide' || policy.treatment === 'omit') return policy;
	// Hide or warn (docs/labelling-guide.md): open guidance addressed to the model does not hide the tool.
	return {
		...policy,
		effect: `${policy.effect} Its definition addresses the model openly (vendor guidance, a poisoning indicator that is not hidden, not aimed at secrets and not an override), so the policy keeps its category's treatment; read its description before you deploy.`,
	};
}

function categoryPolicy(facts: ToolFacts, preset: Preset, params: DeploymentParameters): ToolPolicy {
	const { tool, category } = facts;
	if (tool === WILDCARD) {
		return {
			tool,
			category,
			treatment: 'omit',
			checks: [],
			unchecked: [],
			onDeny: '',
			effect:
				'A tool named "*" cannot be named in either policy format, where "*" means every tool; the policy leaves it out, so default deny refuses every call to it.',
		};
	}
	if (facts.poisoned) {
		return refusingPolicy(
			tool,
			category,
			'hide',
			`${tool} is hidden by policy: its definition carries tool-poisoning indicators.`,
			`${tool} is hidden: its definition carries tool-poisoning indicators, so the policy removes it from the tool list (the model never reads its description) and refuses every call to it.`,
		);
	}
	const used: DeploymentParameters = PRESETS[preset].parameters ? params : {};
	const problems = deploymentParameterProblems(used);
	if (problems.length > 0) throw new DeploymentParameterError(problems);
	const stance: Stance = PRESETS[preset].stances[category];
	switch (stance.kind) {
		case 'allow': {
			const { checks, unchecked } = argumentChecks(facts, stance.checks, used);
			const checked = checkSentences(checks, unchecked);
			if (checks.length === 0) {
				return {
					tool,
					category,
					treatment: 'allow',
					checks,
					unchecked,
					onDeny: '',
					effect: `${tool} is allowed with no limit, because it only reads; every tool the policy does not name is denied.${checked ? ` ${checked}` : ''}`,
				};
			}
			return {
				tool,
				category,
				treatment: 'check',
				checks,
				unchecked,
				onDeny: '',
				effect: `${tool} is allowed with no limit, because it only reads. ${checked} Every tool the policy does not name is denied.`,
			};
		}
		case 'limit': {
			const limit = facts.outbound ? stance.outbound : stance.limit;
			const { checks, unchecked } = argumentChecks(facts, stance.checks, used);
			const what = facts.outbound ? 'messages' : category === 'write' ? 'changes' : category === 'execute' ? 'runs' : 'calls';
			const why = facts.outbound ? ', counted per hour because it sends to recipients the agent chooses,' : '';
			const checked = checkSentences(checks, unchecked);
			return {
				tool,
				category,
				treatment: 'limit',
				limit,
				checks,
				unchecked,
				onDeny: limitedOnDeny(tool, limit),
				effect: `${tool} stays usable but is capped at ${limit.max} calls per ${limit.window}${why} so an agent stuck in a loop cannot make hundreds of ${what} ${perWindow(limit.window)}; ${windowCaveat(limit)}. Every tool the policy does not name is denied.${checked ? ` ${checked}` : ''}`,
			};
		}
		case 'deny': {
			const why = DENIED_BECAUSE[category];
			return refusingPolicy(
				tool,
				category,
				'deny',
				`${tool} is blocked by policy because it ${why}; a person must allow it deliberately.`,
				`Every call to ${tool} is refused before it reaches the server, because ${category === 'destructive' || category === 'financial' ? `its effect ${why}` : `it ${why}`}; allow it deliberately, for a named agent, when you need it.`,
			);
		}
	}
}

/**
 * A tool switched off in the composer: hidden (removed from the tool list and refused), since the user
 * does not want the model to see it at all. A tool named `*` stays omitted: hiding `*` would hide every tool.
 */
export function switchedOff(policy: ToolPolicy): ToolPolicy {
	if (policy.treatment === 'omit' || policy.treatment === 'hide') return policy;
	return refusingPolicy(
		policy.tool,
		policy.category,
		'hide',
		`${policy.tool} is switched off in this policy.`,
		`${policy.tool} is switched off: the policy removes it from the tool list and refuses every call to it.`,
	);
}

/** What each signal's checks do, in a few words (preset descriptions). */
const SIGNAL_CHECK_LABELS: Record<CheckSignal, string> = {
	'command-input': 'shell commands: one command, no chaining',
	'raw-query': 'SQL: one read-only statement',
	'file-path': 'file paths: no .. segments (relative only where the schema says so)',
	'url-input': 'URLs: https only',
	recipient: 'email recipients: only at your domains, once you give them',
};

/** One sentence per category saying what a preset does, derived from its stances (for pages and docs). */
export function describePreset(preset: Preset): { category: Category; text: string }[] {
	const stances: Record<Category, Stance> = PRESETS[preset].stances;
	const checkList = (checks: readonly CheckSignal[]) =>
		checks.length === 0
			? ''
			: `; required text arguments checked where the schema says what they are: ${checks.map((s) => SIGNAL_CHECK_LABELS[s]).join(', ')}`;
	return (Object.keys(stances) as Category[]).map((category) => {
		const s = stances[category];
		const text =
			s.kind === 'allow'
				? `allowed, no limit${checkList(s.checks)}`
				: s.kind === 'limit'
					? `at most ${s.limit.max} calls per ${s.limit.window} (${s.outbound.max} per ${s.outbound.window} for tools that send to recipients the agent chooses)${checkList(s.checks)}`
					: 'denied';
		return { category, text };
	});
}

/** What the strict preset adds when given deployment parameters, one line each (pages, the composer). */
export const STRICT_PARAMETERS: { key: keyof DeploymentParameters; label: string; adds: string }[] = [
	{ key: 'rootFolder', label: 'Allowed root folder', adds: 'file paths that may be absolute must lie inside it (no .. segments)' },
	{ key: 'urlHosts', label: 'URL hosts', adds: 'URL arguments must be https URLs on these hosts; host arguments must be one of them' },
	{ key: 'recipientDomains', label: 'Recipient domains', adds: 'a single email recipient must be at one of these domains' },
	{ key: 'schemas', label: 'Database schemas', adds: 'schema-name arguments must be one of these (SQL text itself cannot be confined)' },
];
