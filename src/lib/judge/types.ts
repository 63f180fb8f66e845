import type { ToolHistoryItem } from '../content/history.ts';
import type { Parameter } from '../content/parameters.ts';
import type { McpTool } from '../content/mcp-tool.ts';
import type { Category, RiskLevel, SignalId } from '../taxonomy.ts';

/** Where in the definition a rule found its evidence. */
export type EvidenceSource = 'name' | 'title' | 'description' | 'schema' | 'known-parameter' | 'annotations';

/** One reason for a decision: the rule that fired, the field it fired on and the text it matched. */
export interface Evidence {
	/** Namespaced rule id, e.g. `signal/url-input`. */
	rule: string;
	source: EvidenceSource;
	/** Field path: `name`, `description`, a parameter path such as `attachments[].url`, `annotations.readOnlyHint`. */
	field: string;
	/** The matched text, quoted from the definition (capped in length). */
	match: string;
}

/** What rules see: the definition plus everything derived from it once. */
export interface RuleContext {
	tool: McpTool;
	/** Lower-case words of the tool name (`agentwork_send_message` -> agentwork, send, message). */
	nameTokens: readonly string[];
	/** The description, or '' when absent. */
	description: string;
	/** Parameters from the schema, plus known-only parameters when the schema is unpublished. */
	parameters: readonly ContextParameter[];
	/** The tool's dated changes found by re-scans, oldest first (empty when none recorded). */ history: readonly ToolHistoryItem[];
	/** Lower-case names of the other tools the same server lists (empty when unknown). */
	siblings: ReadonlySet<string>;
}

export interface ContextParameter extends Parameter {
	/** Lower-case words of the parameter name. */
	tokens: readonly string[];
	/** Known from other evidence only: the schema is unpublished. */
	knownOnly: boolean;
}

/** A signal rule reports evidence for one signal; no evidence means it did not fire. */
export interface SignalRule {
	id: string;
	signal: SignalId;
	detect(ctx: RuleContext): Evidence[];
}

/** A category vote: which category, with what evidence. */
export interface CategoryVote {
	category: Category;
	evidence: Evidence;
}

export interface SignalFinding {
	id: SignalId;
	evidence: Evidence[];
}

export interface AnnotationView {
	/** The hints the server declared (absent hints are not listed). */
	declared: Partial<Record<'readOnlyHint' | 'destructiveHint' | 'idempotentHint' | 'openWorldHint', boolean>>;
	/** Declared claims that say the tool is safer than its definition shows. */
	contradictions: Evidence[];
}

/** The whole judgement on one tool. */
export interface Judgement {
	category: Category;
	/** The decisive evidence first, then anything that raised the category. */
	categoryEvidence: Evidence[];
	level: RiskLevel;
	/** Set when a named rule moved the level away from the category's default. */
	levelRule?: { rule: string; reason: string };
	signals: SignalFinding[];
	annotations: AnnotationView;
	parameterCount: number;
	/** The schema walk hit a budget; some parameters were not examined. */
	schemaTruncated: boolean;
}
