/**
 * The classify command's core: judge every tool of a tools list and render the result as a table, as
 * JSON, or as a starter policy. Kept apart from the command line so tests can call it without spawning
 * Node, and so the CLI stays a thin layer of argument parsing and I/O.
 *
 * It uses exactly the functions the catalogue uses (classifyTool, listParameters, toolPolicy and the
 * validated renderers), so a private server gets the same judgement a catalogued one would.
 */
import { classifyTool } from '../judge/classify.ts';
import { HIDDEN } from '../text/unicode.ts';
import type { AnnotationView, Evidence, Judgement } from '../judge/types.ts';
import { listParameters } from '../content/parameters.ts';
import { toolPolicy } from '../policy/facts.ts';
import { type ToolPolicy } from '../policy/model.ts';
import { interceptYaml, policyLayerJson } from '../policy/render.ts';
import type { PolicySet } from '../policy/model.ts';
import { DataError, formatPath } from '../content/errors.ts';
import { mcpToolSchema } from '../content/mcp-tool.ts';
import type { ToolEntry } from '../content/server.ts';
import { CATEGORY_IDS, RISK_LEVEL_IDS, type Category, type PolicyFormat, type RiskLevel, type SignalId } from '../taxonomy.ts';

/** One classified tool. */
interface ClassifiedTool {
	name: string;
	judgement: Judgement;
	policy: ToolPolicy;
}

/** The `--json` shape of one tool: the judgement's facts, without internals such as parameter counts. */
export interface ClassifiedToolJson {
	name: string;
	category: Category;
	level: RiskLevel;
	levelRule?: { rule: string; reason: string };
	categoryEvidence: Evidence[];
	signals: { id: SignalId; evidence: Evidence[] }[];
	annotations: AnnotationView;
}

/**
 * Checks every definition against the MCP tool schema and reports all problems at once, as
 * `tools[3].name: ...`, so a hand-written tools file can be fixed in one pass.
 */
export function checkDefinitions(entries: readonly ToolEntry[], file: string): void {
	const problems: string[] = [];
	entries.forEach((entry, i) => {
		const result = mcpToolSchema.safeParse(entry.definition);
		if (!result.success)
			for (const issue of result.error.issues) problems.push(`${formatPath(['tools', i, ...issue.path])}: ${issue.message}`);
	});
	if (problems.length > 0) throw new DataError(file, problems);
}

/** Names listed more than once, with their positions: a policy maps names to rules, so they cannot share one. */
export function duplicateNames(entries: readonly ToolEntry[]): string[] {
	const positions = new Map<string, number[]>();
	entries.forEach((e, i) => positions.set(e.definition.name, [...(positions.get(e.definition.name) ?? []), i]));
	return [...positions].filter(([, at]) => at.length > 1).map(([name, at]) => `"${name}" (${at.map((i) => `tools[${i}]`).join(', ')})`);
}

/** Classifies each entry the way the catalogue does: known parameters count when the schema is missing. */
export function classifyEntries(entries: readonly ToolEntry[]): ClassifiedTool[] {
	const siblings = entries.map((e) => e.definition.name);
	return entries.map((entry) => {
		const { definition } = entry;
		const judgement = classifyTool({ definition, knownParameters: entry.knownParameters, siblings });
		const { parameters } = listParameters(definition.inputSchema ?? {});
		return { name: definition.name, judgement, policy: toolPolicy(definition, judgement, parameters) };
	});
}

export function toJson(tools: readonly ClassifiedTool[]): ClassifiedToolJson[] {
	return tools.map(({ name, judgement: j }) => ({
		name,
		category: j.category,
		level: j.level,
		...(j.levelRule && { levelRule: j.levelRule }),
		categoryEvidence: j.categoryEvidence,
		signals: j.signals.map((s) => ({ id: s.id, evidence: s.evidence })),
		annotations: j.annotations,
	}));
}

/**
 * Makes text from a third-party definition safe to print on a terminal: control characters (which
 * include the ESC of ANSI sequences) and invisible or bidirectional characters are shown as `\u{...}`,
 * so a tool name cannot rewrite the screen or hide part of itself.
 */
export function printable(text: string): string {
	return text.replace(/[\u0000-\u001F\u007F-\u009F]/g, escapeChar).replace(new RegExp(HIDDEN.source, 'gu'), escapeChar);
}

function escapeChar(ch: string): string {
	return `\\u{${ch.codePointAt(0)!.toString(16).toUpperCase()}}`;
}

/** `raw-content(html) url-input(attachments[].url) recipient(to,cc,bcc)`: each signal with the fields it points at. */
export function signalSummary(judgement: Judgement): string {
	return judgement.signals.map((s) => `${s.id}(${[...new Set(s.evidence.map((e) => e.field))].join(',')})`).join(' ');
}

/** Display width in code points (good enough for tool names; no wide-character measuring). */
const width = (text: string): number => [...text].length;

/** `4 read, 6 write, 1 destructive`: non-zero counts in taxonomy order. */
function counts<K extends string>(ids: readonly K[], values: readonly K[]): string {
	return ids
		.map((id) => [id, values.filter((v) => v === id).length] as const)
		.filter(([, n]) => n > 0)
		.map(([id, n]) => `${n} ${id}`)
		.join(', ');
}

/**
 * The readable report: one aligned row per tool in listing order (a `*` marks a level moved by a named
 * rule, explained under the table), then the totals.
 */
export function renderTable(tools: readonly ClassifiedTool[], title: string): string {
	const header = ['TOOL', 'CATEGORY', 'LEVEL', 'SIGNALS'] as const;
	const rows = tools.map(({ name, judgement: j }) => [
		printable(name),
		j.category,
		`${j.level}${j.levelRule ? '*' : ''}`,
		printable(signalSummary(j)) || '-',
	]);
	const widths = header.map((h, c) => Math.max(width(h), ...rows.map((r) => width(r[c]!))));
	const line = (cells: readonly string[]) =>
		cells
			.map((cell, c) => (c === cells.length - 1 ? cell : cell + ' '.repeat(widths[c]! - width(cell))))
			.join('  ')
			.trimEnd();
	const out = [`${printable(title)}: ${tools.length} tool${tools.length === 1 ? '' : 's'}`, '', line(header), ...rows.map(line)];
	const raised = tools.filter((t) => t.judgement.levelRule);
	if (raised.length > 0) {
		out.push('');
		for (const t of raised) out.push(`* ${printable(t.name)}: ${t.judgement.levelRule!.rule}: ${t.judgement.levelRule!.reason}`);
	}
	out.push(
		'',
		`categories: ${
			counts(
				CATEGORY_IDS,
				tools.map((t) => t.judgement.category),
			) || 'none'
		}`,
	);
	out.push(
		`levels: ${
			counts(
				RISK_LEVEL_IDS,
				tools.map((t) => t.judgement.level),
			) || 'none'
		}`,
	);
	return `${out.join('\n')}\n`;
}

/** The whole starter policy in one engine's format, validated by the renderer before it is returned. */
export function renderPolicy(tools: readonly ClassifiedTool[], title: string, format: PolicyFormat): string {
	const set: PolicySet = {
		description: `${title}: starter policy generated by toolrisk classify from the tool definitions. Tools not listed are denied. Review it before use.`,
		tools: tools.map((t) => t.policy),
	};
	return format === 'intercept' ? interceptYaml(set) : policyLayerJson(set);
}
