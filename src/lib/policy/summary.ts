/**
 * What a server's recommended whole-server policy does, tool by tool: which tools it allows (and with
 * which argument checks), which it rate-limits and at what rate, which it denies and which it hides.
 *
 * The answer is taken twice and compared: from the policy model (each `ToolPolicy`'s treatment), and from
 * the engine, by rendering the Intercept document (`render.ts`) and deciding calls with `evaluate.ts`:
 * one ordinary call per tool whose arguments pass its checks, and, for a limited tool, calls until the
 * engine refuses, which measures the rate it enforces. A tool where the two disagree is listed as a
 * mismatch: a generator bug.
 *
 * Whether the policy leaves the server usable is the reader's call; this module gives the facts it
 * rests on: the share of tools denied or hidden, and, when hand labels are given (the gold set, by tool
 * name), the denied tools whose labelled category the preset does not deny.
 */
import type { Category, Window } from '../taxonomy.ts';
import { simulate, type Decision } from './evaluate.ts';
import { PRESETS, type ArgumentCheck, type CheckSignal, type PolicySet, type ToolPolicy } from './model.ts';
import { interceptDocument } from './render.ts';

/**
 * An argument value each check accepts (an ordinary call), per check the recommended preset emits; the
 * signal's value for any other. The engine decides with the
 * real patterns, so a value that stopped matching its pattern would show up as a mismatch, not pass.
 */
export const PASSING_VALUES: Record<CheckSignal, string> = {
	'command-input': 'ls -l',
	'raw-query': 'SELECT 1',
	'file-path': 'notes/today.txt',
	'url-input': 'https://example.com/',
	recipient: 'someone@example.com',
};
const PASSING_BY_CHECK: Partial<Record<ArgumentCheck['check'], string>> = {
	'relative-path': 'notes/today.txt',
	'local-path': 'notes/today.txt',
	'absolute-path': '/srv/notes/today.txt',
	'file-name': 'today.txt',
	'https-url': 'https://example.com/',
	'https-host': 'example.com',
};

export type EngineOutcome = 'allowed' | 'limited' | 'denied' | 'hidden';

export interface ToolOutcome {
	tool: string;
	category: Category;
	/** What the model says: the treatment folded to four outcomes ('omit' counts as denied). */
	model: EngineOutcome;
	/** What the engine does with an ordinary call (and, for a limited tool, with calls past its budget). */
	engine: EngineOutcome;
	/** The limit the engine enforced: the number of calls it allowed in one window before refusing. */
	rate?: { max: number; window: Window };
	/** Arguments the engine checks (Intercept), by check name. */
	checks: string[];
	/** The hand-labelled category, when given. */
	labelled?: Category;
}

export interface ServerPolicySummary {
	title: string;
	tools: ToolOutcome[];
	allowed: ToolOutcome[];
	limited: ToolOutcome[];
	denied: ToolOutcome[];
	hidden: ToolOutcome[];
	/** Tools whose engine outcome differs from the model's treatment. */
	mismatches: ToolOutcome[];
	/** Denied tools whose hand-labelled category the preset does not deny. */
	deniedAgainstLabel: ToolOutcome[];
	/** Denied or hidden tools as a share of all tools (0 to 1). */
	deniedShare: number;
}

const modelOutcome = (p: ToolPolicy): EngineOutcome =>
	p.treatment === 'allow' || p.treatment === 'check'
		? 'allowed'
		: p.treatment === 'limit'
			? 'limited'
			: p.treatment === 'hide'
				? 'hidden'
				: 'denied';

/** Arguments that pass every check the policy puts on the tool. */
function passingArgs(p: ToolPolicy): Record<string, string> {
	const args: Record<string, string> = {};
	for (const c of p.checks) args[c.path.replace(/^args\./, '')] = PASSING_BY_CHECK[c.check] ?? PASSING_VALUES[c.signal as CheckSignal];
	return args;
}

/** Decides calls to one tool until the engine refuses (at most `cap`), all within one window. */
function probe(doc: unknown, p: ToolPolicy, cap: number): Decision[] {
	const call = { tool: p.tool, args: passingArgs(p) };
	const calls = Array.from({ length: p.treatment === 'limit' ? cap : 1 }, () => call);
	const decisions = simulate(doc, calls);
	const refused = decisions.findIndex((d) => !d.allowed);
	return refused < 0 ? decisions : decisions.slice(0, refused + 1);
}

/**
 * Summarises the recommended policy of one server unit. `labels` maps tool names to hand-labelled
 * categories (optional). The document is rendered and validated exactly as the site renders it.
 */
export function summarisePolicy(set: PolicySet, labels: ReadonlyMap<string, Category> = new Map()): ServerPolicySummary {
	const doc = interceptDocument(set);
	const tools: ToolOutcome[] = [];
	for (const p of set.tools) {
		const model = modelOutcome(p);
		let engine: EngineOutcome;
		let rate: ToolOutcome['rate'];
		if (p.treatment === 'omit') engine = 'denied';
		else {
			const cap = (p.limit?.max ?? 0) + 2;
			const decisions = probe(doc, p, cap);
			const first = decisions[0]!;
			if (first.hidden) engine = 'hidden';
			else if (!first.allowed) engine = 'denied';
			else {
				const refusedAt = decisions.findIndex((d) => d.reason === 'rate-limited');
				engine = refusedAt > 0 ? 'limited' : 'allowed';
				if (refusedAt > 0 && p.limit) rate = { max: refusedAt, window: p.limit.window };
			}
		}
		const labelled = labels.get(p.tool);
		tools.push({
			tool: p.tool,
			category: p.category,
			model,
			engine,
			...(rate && { rate }),
			checks: p.checks.map((c) => c.name),
			...(labelled !== undefined && { labelled }),
		});
	}
	const denyingStance = (c: Category) => PRESETS.recommended.stances[c].kind === 'deny';
	const denied = tools.filter((t) => t.engine === 'denied');
	const hidden = tools.filter((t) => t.engine === 'hidden');
	return {
		title: set.description,
		tools,
		allowed: tools.filter((t) => t.engine === 'allowed'),
		limited: tools.filter((t) => t.engine === 'limited'),
		denied,
		hidden,
		mismatches: tools.filter((t) => t.engine !== t.model || (t.model === 'limited' && t.rate === undefined)),
		deniedAgainstLabel: denied.filter((t) => t.labelled !== undefined && !denyingStance(t.labelled)),
		deniedShare: tools.length === 0 ? 0 : (denied.length + hidden.length) / tools.length,
	};
}

/** "browser_click (write)": a tool with its category, and its hand label when that differs. */
function named(t: ToolOutcome): string {
	return t.labelled !== undefined && t.labelled !== t.category
		? `${t.tool} (${t.category}; labelled ${t.labelled})`
		: `${t.tool} (${t.category})`;
}

/** The limited tools grouped by rate: "30/minute ×3 (a, b, c)", or with `names: false` "30/minute ×3". */
function rates(limited: readonly ToolOutcome[], names = true): string {
	const byRate = new Map<string, string[]>();
	for (const t of limited) {
		const key = t.rate ? `${t.rate.max}/${t.rate.window}` : '?';
		byRate.set(key, [...(byRate.get(key) ?? []), t.tool]);
	}
	return [...byRate].map(([rate, list]) => `${rate} ×${list.length}${names ? ` (${list.join(', ')})` : ''}`).join(', ');
}

export interface SummaryRow {
	rank?: number | undefined;
	server: string;
	summary: ServerPolicySummary;
}

/** The share of denied or hidden tools from which a row is flagged. */
export const DENIED_SHARE_FLAG = 0.5;

/**
 * Whether a row is flagged for a person to look at: half its tools or more are refused, it denies a tool
 * whose label the preset allows, it hides tools (tool-poisoning indicators: whatever they do, the agent
 * cannot use them), or the engine disagrees with the model.
 */
export function flagged(s: ServerPolicySummary): boolean {
	return s.deniedShare >= DENIED_SHARE_FLAG || s.deniedAgainstLabel.length > 0 || s.hidden.length > 0 || s.mismatches.length > 0;
}

/** A Markdown table: one row per server, what its recommended policy allows, limits (with the rate), denies and hides. */
export function formatSummaryTable(rows: readonly SummaryRow[]): string {
	const lines = ['| rank | server | tools | allowed | limited | denied | hidden | flag |', '|---:|---|---:|---|---|---|---|---|'];
	const cell = (s: string) => s.replace(/\|/g, '\\|');
	for (const { rank, server, summary: s } of rows) {
		const flags = [
			s.deniedShare >= DENIED_SHARE_FLAG ? `${Math.round(s.deniedShare * 100)} % refused` : '',
			s.deniedAgainstLabel.length > 0
				? `denies ${s.deniedAgainstLabel.length} tool(s) labelled ${[...new Set(s.deniedAgainstLabel.map((t) => t.labelled))].join('/')}`
				: '',
			s.hidden.length > 0 ? `hides ${s.hidden.length} (poisoning indicators)` : '',
			s.mismatches.length > 0 ? `ENGINE MISMATCH: ${s.mismatches.map((t) => t.tool).join(', ')}` : '',
		].filter(Boolean);
		lines.push(
			`| ${rank ?? ''} | ${cell(server)} | ${s.tools.length} | ${s.allowed.length} | ${s.limited.length}${s.limited.length > 0 ? `: ${cell(rates(s.limited, false))}` : ''} | ${s.denied.length}${s.denied.length > 0 ? `: ${cell(s.denied.map(named).join(', '))}` : ''} | ${s.hidden.length}${s.hidden.length > 0 ? `: ${cell(s.hidden.map((t) => t.tool).join(', '))}` : ''} | ${cell(flags.join('; '))} |`,
		);
	}
	return `${lines.join('\n')}\n`;
}

/** Per server, every tool by outcome: allowed (with checks), limited (with the rate), denied, hidden. */
export function formatSummaryDetail(rows: readonly SummaryRow[]): string {
	const out: string[] = [];
	for (const { rank, server, summary: s } of rows) {
		out.push(`## ${rank === undefined ? '' : `${rank}. `}${server} (${s.tools.length} tools)${flagged(s) ? ' FLAGGED' : ''}`);
		const checked = (t: ToolOutcome) => (t.checks.length > 0 ? `${t.tool} [checks: ${t.checks.join('; ')}]` : t.tool);
		out.push(`allowed (${s.allowed.length}): ${s.allowed.map(checked).join(', ') || '-'}`);
		out.push(`limited (${s.limited.length}): ${rates(s.limited) || '-'}`);
		out.push(`denied (${s.denied.length}): ${s.denied.map(named).join(', ') || '-'}`);
		if (s.hidden.length > 0) out.push(`hidden (${s.hidden.length}): ${s.hidden.map(named).join(', ')}`);
		if (s.deniedAgainstLabel.length > 0)
			out.push(`denied although the hand label is not denied by the preset: ${s.deniedAgainstLabel.map(named).join(', ')}`);
		if (s.mismatches.length > 0)
			out.push(`ENGINE MISMATCH (model vs engine): ${s.mismatches.map((t) => `${t.tool} ${t.model}/${t.engine}`).join(', ')}`);
		out.push('');
	}
	return `${out.join('\n').trimEnd()}\n`;
}
