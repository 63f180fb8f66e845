/**
 * The catalogue's taxonomy, defined once. Every enum, label, ordering and zod schema elsewhere is
 * derived from these records; nothing else in the code base spells out a category, level or signal.
 */
import { z } from 'zod';

/** Risk levels, least to most severe. `rank` orders them; `score` is the 1–4 number shown beside the label. */
export const RISK_LEVELS = {
	low: { label: 'Low', rank: 1, summary: 'Reads data; repeated calls change nothing.' },
	medium: { label: 'Medium', rank: 2, summary: 'Creates or changes data; usually reversible.' },
	high: { label: 'High', rank: 3, summary: 'Runs code or commands; effects are open-ended.' },
	critical: { label: 'Critical', rank: 4, summary: 'Destroys data or moves money; effects cannot be undone.' },
} as const;
export type RiskLevel = keyof typeof RISK_LEVELS;
export const RISK_LEVEL_IDS = Object.keys(RISK_LEVELS) as RiskLevel[];
export const riskLevelSchema = z.enum(RISK_LEVEL_IDS as [RiskLevel, ...RiskLevel[]]);

/**
 * Categories: exactly one per tool. The risk level follows from the category (reversibility); a
 * deviation is a named rule in `classify/level.ts`.
 */
export const CATEGORIES = {
	read: {
		label: 'Read',
		level: 'low',
		meaning: 'retrieves or computes information without changing anything outside the call',
		stance: 'Allowed without limits: reading changes nothing.',
	},
	write: {
		label: 'Write',
		level: 'medium',
		meaning: 'creates, changes or sends data; the effect is real but usually reversible',
		stance: 'Rate-limited, so an agent stuck in a loop cannot make hundreds of changes a minute.',
	},
	execute: {
		label: 'Execute',
		level: 'high',
		meaning: 'runs code, commands, queries or automation whose effects the schema cannot bound',
		stance: 'A tight rate limit plus argument checks where the schema allows them.',
	},
	destructive: {
		label: 'Destructive',
		level: 'critical',
		meaning: 'deletes, overwrites or revokes something in a way that cannot be undone',
		stance: 'Denied by default; a person should allow it deliberately.',
	},
	financial: {
		label: 'Financial',
		level: 'critical',
		meaning: 'moves money or commits to a purchase',
		stance: 'Denied by default; a person should allow it deliberately.',
	},
} as const satisfies Record<string, { label: string; level: RiskLevel; meaning: string; stance: string }>;
export type Category = keyof typeof CATEGORIES;
export const CATEGORY_IDS = Object.keys(CATEGORIES) as Category[];
export const categorySchema = z.enum(CATEGORY_IDS as [Category, ...Category[]]);

/** The level a category implies before any named escalation rule. */
export function levelOfCategory(category: Category): RiskLevel {
	return CATEGORIES[category].level;
}

/** Orders categories by severity, for "most severe wins" decisions and sorted listings. */
export const CATEGORY_SEVERITY: Record<Category, number> = {
	read: 0,
	write: 1,
	execute: 2,
	destructive: 3,
	financial: 4,
};

/**
 * Risk signals: facts about a tool's definition. Each has a stable id (used in URLs, JSON exports
 * and search filters), a label with the field in brackets on pages, and a one-line explanation.
 */
export const SIGNALS = {
	credentials: {
		label: 'Handles credentials or secrets',
		why: 'Secrets passed as arguments end up in agent context, logs and transcripts, and can be exfiltrated by an injected prompt.',
	},
	'raw-content': {
		label: 'Accepts raw HTML, template or message body',
		why: 'Free-form markup or body text is where injected instructions, phishing content and script payloads travel.',
	},
	'url-input': {
		label: 'Accepts URL or endpoint input',
		why: 'An agent-chosen URL can reach internal services (SSRF) or carry data out to an attacker-controlled host.',
	},
	'file-path': {
		label: 'Accepts file system path',
		why: 'Paths can traverse outside the intended folder to read or overwrite sensitive files.',
	},
	'command-input': {
		label: 'Accepts command or code input',
		why: 'Whoever controls the argument controls what runs: injected text becomes code execution.',
	},
	'raw-query': {
		label: 'Accepts raw query language',
		why: 'A raw SQL, GraphQL or similar query can read or change far more than the tool name suggests.',
	},
	recipient: {
		label: 'Sends to an outbound recipient',
		why: 'An agent-chosen recipient is an exfiltration channel and a spam or phishing vector.',
	},
	'money-amount': {
		label: 'Takes a money amount or currency',
		why: 'Amounts should be capped per call and per day; an injected or looping agent can move real money.',
	},
	'many-parameters': {
		label: 'High parameter count',
		why: 'Many parameters (nested ones included) make a call hard to review and easy to misuse.',
	},
	'free-form-object': {
		label: 'Accepts a free-form object',
		why: 'An object with no declared properties passes arbitrary data the schema cannot describe or validate.',
	},
	'untrusted-content': {
		label: 'Returns untrusted third-party content',
		why: 'Content written by others (web pages, email, messages, issues) reaches the agent and can carry prompt injection.',
	},
	'instruction-text': {
		label: 'Description carries instruction-like text',
		why: 'Text addressed to the model rather than the user is the hallmark of tool poisoning.',
	},
	'hidden-text': {
		label: 'Description carries invisible or bidirectional characters',
		why: 'Characters a reader cannot see can hide instructions meant only for the model.',
	},
	'sensitive-reference': {
		label: 'Definition names secret files or credential stores',
		why: 'A description pointing the model at SSH keys, cloud credentials, .env files or MCP client configs is how a poisoned tool gets them read and passed out.',
	},
	'cross-tool-reference': {
		label: 'Definition steers other tools or servers',
		why: 'Text that redirects, replaces or reacts to other tools (shadowing) changes how those tools are used, even if this tool is never called.',
	},
	'definition-changed': {
		label: 'Definition changed after cataloguing',
		why: 'A re-scan found a new description, input schema or annotations. A server that rewrites a tool after users approved it (a rug pull) reaches the model with text nobody reviewed; pin definitions and review each change.',
	},
	'annotation-contradiction': {
		label: 'Declared annotations contradict the inferred category',
		why: "The server's own hints disagree with what its definition shows; clients that trust hints would under-protect it.",
	},
} as const satisfies Record<string, { label: string; why: string }>;
export type SignalId = keyof typeof SIGNALS;
export const SIGNAL_IDS = Object.keys(SIGNALS) as SignalId[];
export const signalIdSchema = z.enum(SIGNAL_IDS as [SignalId, ...SignalId[]]);

/** MCP tool annotations and the defaults the specification gives when a server omits them. */
export const ANNOTATION_HINTS = {
	readOnlyHint: { label: 'Read-only', default: false },
	destructiveHint: { label: 'Destructive', default: true },
	idempotentHint: { label: 'Idempotent', default: false },
	openWorldHint: { label: 'Open world', default: true },
} as const;
export type AnnotationHint = keyof typeof ANNOTATION_HINTS;
export const ANNOTATION_HINT_IDS = Object.keys(ANNOTATION_HINTS) as AnnotationHint[];

/** Rate-limit windows both policy engines understand. */
export const WINDOWS = ['minute', 'hour', 'day'] as const;
export type Window = (typeof WINDOWS)[number];

/**
 * Controls a tool-call gateway can apply, as the attack database names them. `engines` says which
 * of them the policies on this site actually emit; the others are named so pages can say honestly
 * what a gateway could do beyond our snippets, or cannot do at all.
 */
export const CONTROLS = {
	deny: { label: 'Deny the tool', engines: true, what: 'Every call to the tool is refused at tools/call.' },
	hide: { label: 'Hide the tool', engines: true, what: 'The tool is removed from tools/list and refused at tools/call.' },
	'default-deny': { label: 'Allow-list tools (default deny)', engines: true, what: 'Only tools the policy names can be called; new or unknown tools are refused.' },
	'rate-limit': { label: 'Rate limit', engines: true, what: 'Calls per minute, hour or day are capped, which stops runaway loops and bulk abuse.' },
	'argument-check': { label: 'Argument checks', engines: true, what: 'Arguments must match patterns: no path traversal, read-only SQL, https URLs, no shell metacharacters.' },
	'spend-cap': { label: 'Spend cap', engines: true, what: 'A counter adds up an amount argument and refuses calls past a daily budget (Intercept state counters).' },
	'secret-scan': { label: 'Block secrets in arguments', engines: false, what: 'Arguments that look like keys or tokens are refused.' },
	approval: { label: 'Human approval', engines: false, what: 'A person approves the call (or the first use of a new argument value) before it runs.' },
	'definition-pinning': { label: 'Pin tool definitions', engines: false, what: 'Names, descriptions and schemas are hashed; a change blocks the tool until it is reviewed.' },
	'description-scan': { label: 'Scan descriptions', engines: false, what: 'Descriptions and schemas are checked for instructions, hidden characters and cross-tool references at tools/list.' },
	'output-scan': { label: 'Scan tool results', engines: false, what: 'Results are checked for instruction-like text, secrets and internal addresses before they reach the model.' },
	'flow-rule': { label: 'Flow rules', engines: false, what: 'After untrusted content is read, outbound or execute tools need approval for the rest of the session.' },
	'server-allowlist': { label: 'Allow-list servers', engines: false, what: 'Only known servers and remote origins can be used; unknown ones raise an alert.' },
	namespacing: { label: 'Namespace tools by server', engines: false, what: 'Tool names are qualified by server, so a second server cannot shadow or collide with the first.' },
	audit: { label: 'Audit log', engines: false, what: 'Every call is logged with server identity, arguments and result size.' },
} as const satisfies Record<string, { label: string; engines: boolean; what: string }>;
export type ControlId = keyof typeof CONTROLS;
export const CONTROL_IDS = Object.keys(CONTROLS) as ControlId[];
export const controlIdSchema = z.enum(CONTROL_IDS as [ControlId, ...ControlId[]]);
