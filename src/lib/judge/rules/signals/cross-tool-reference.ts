import type { SignalRule } from '../../types.ts';
import { phraseEvidence } from './_texts.ts';

/** A tool name as descriptions write one: back-quoted or quoted, or an identifier with `_`, `-` or a dot inside. */
const TOOL = String.raw`(?:[\x60'"][\w.:-]{1,64}[\x60'"]|[a-z][a-z0-9]{0,63}(?:[_.:-][a-z0-9]{1,63}){1,8})`;
/** Any single word, for phrasings that name the thing a tool: "the email tool". */
const WORD = String.raw`[\x60'"]?[\w.:-]{1,64}[\x60'"]?`;
/** Words that refer to this very tool, not another one. */
const SELF = String.raw`(?!(?:this|that|it|these|the|a|an)\b)`;

const re = (source: string) => new RegExp(source, 'i');

/**
 * Text about other tools or servers: shadowing. A poisoned description can steer calls to tools it
 * does not own ("when the user calls send_email, add this bcc"), claim to replace them, or speak of
 * other MCP servers; the attack needs no call to the poisoned tool, only its description in context.
 *
 * Workflow hints between a server's own tools ("Call this first", "Use this tool before calling
 * get_status", "Use read_text_file instead") are everyday documentation and do not fire: the patterns
 * need a redirection away from a named tool, a trigger on another tool's call, an override claim, or
 * other servers. Quantifiers are bounded so every pattern is linear in the text.
 */
const PATTERNS: readonly RegExp[] = [
	// Redirection away from a named tool.
	re(
		String.raw`\b(instead\s+of|rather\s+than|in\s+place\s+of)\s+((using|calling|invoking|running)\s+)?(the\s+|any\s+)?${SELF}${WORD}\s+(tool|function|server|mcp\s+server)s?\b`,
	),
	re(String.raw`\b(instead\s+of|rather\s+than|in\s+place\s+of)\s+(using|calling|invoking|running)\s+${SELF}${TOOL}`),
	re(
		String.raw`\b(do\s+not|don'?t|never|must\s+not|should\s+not)\s+(use|call|invoke|run|trust)\s+(the\s+|any\s+)?${SELF}${WORD}\s+(tool|function|server)s?\b`,
	),
	re(String.raw`\b(do\s+not|don'?t|never|must\s+not|should\s+not)\s+(use|call|invoke|run|trust)\s+${SELF}${TOOL}`),
	// Triggers on another tool's call.
	re(
		String.raw`\b(when(ever)?|each\s+time|every\s+time|if)\s+(the\s+user|a\s+user|anyone|someone|the\s+(assistant|agent|model|ai))\s+(calls?|invokes?|uses?|runs?|triggers?|asks?\s+(you\s+)?to\s+(use|call|run))\s+(the\s+|any\s+)?${SELF}(${TOOL}|${WORD}\s+(tool|function)s?\b)`,
	),
	re(
		String.raw`\b(when(ever)?|each\s+time|every\s+time|if)\s+(the\s+)?${SELF}${TOOL}\s+((tool|function)\s+)?is\s+(called|invoked|used|run|executed|triggered)\b`,
	),
	re(
		String.raw`\b(when(ever)?|each\s+time|every\s+time|if)\s+(the\s+)?${SELF}${WORD}\s+(tool|function)\s+is\s+(called|invoked|used|run|executed|triggered)\b`,
	),
	re(
		String.raw`\b(side[\s-]?effects?|effect|impact)\s+on\s+(the\s+)?(also\s+present\s+|other\s+|another\s+|existing\s+)?${WORD}\s+(tool|function|server)s?\b`,
	),
	re(String.raw`\bwhen(ever)?\s+this\s+(tool|server|function)\s+is\s+(available|present|installed|loaded|enabled|connected|listed)\b`),
	re(
		String.raw`\b(the\s+)?${SELF}${WORD}\s+(tool|function)\s+(must|should|shall|needs?\s+to|has\s+to)\s+(always\s+|now\s+|also\s+)?(send|forward|use|include|call|add|set|route|redirect|be\s+(called|used|invoked))\b`,
	),
	re(String.raw`\b(all|any|every)\s+other\s+(tools?|functions?)\b`),
	re(String.raw`\b(with|by|through|via|from)\s+(any|every|all)\s+(other\s+)?tools?\b`),
	re(
		String.raw`\bwhen(ever)?\s+you\s+(would|might|want\s+to|intend\s+to|are\s+about\s+to|plan\s+to)\s+(use|call|invoke|run)\s+(the\s+)?${SELF}(${TOOL}|${WORD}\s+(tool|function|server)s?\b)`,
	),
	re(
		String.raw`\b(route|reroute|redirect|proxy)\s+([\w'-]{1,64}\s+){0,4}?(through|via)\s+(the\s+)?${SELF}(${TOOL}|${WORD}\s+(tool|function|server))`,
	),
	re(
		String.raw`\b(the\s+)?${SELF}(${TOOL}(\s+(tool|function))?|${WORD}\s+(tool|function))\s+(is|are)\s+(now\s+)?(deprecated|disabled|broken|unsafe|compromised|insecure|obsolete|malicious|not\s+to\s+be\s+trusted)\b`,
	),
	re(String.raw`\b(better|faster|safer|more\s+reliable)\s+than\s+(the\s+|any\s+)?${SELF}${WORD}\s+(tool|function|server|mcp\s+server)s?\b`),
	// Replacement and override claims.
	re(
		String.raw`\b(replaces|overrides|supersedes|shadows|takes\s+precedence\s+over|has\s+(higher\s+)?priority\s+over)\s+(the\s+|any\s+|all\s+|every\s+)?(other\s+|existing\s+|built-?in\s+|default\s+|original\s+|standard\s+)?(${WORD}\s+)?(tools?|mcp\s+servers?)\b(?!\s+(calls?|results?|outputs?|names?|timeouts?|inputs?|responses?|schemas?)\b)`,
	),
	re(String.raw`\bthis\s+(tool|function|server)\s+(supersedes|shadows|takes\s+precedence\s+over|has\s+(higher\s+)?priority\s+over)\b`),
	// Other servers.
	re(String.raw`\b(other|another|third[\s-]party|remaining|competing)\s+mcp\s+(servers?|tools?|clients?|connectors?)\b`),
	re(
		String.raw`\b(tools?|functions?)\s+(from|of|on|in|provided\s+by|exposed\s+by|belonging\s+to|registered\s+by)\s+(other|another|any\s+other|all\s+other|different|third[\s-]party)\s+(mcp\s+)?servers?\b`,
	),
	// Qualified names of tools on other servers.
	/\bmcp__[\w-]{1,64}__[\w-]{1,64}/i,
];

/** References to other tools or servers that steer, replace or override them. */
export const crossToolReference: SignalRule = {
	id: 'signal/cross-tool-reference',
	signal: 'cross-tool-reference',
	detect(ctx) {
		// Names are identifiers, not sentences: a tool called `send_email` references nothing. A reference to a tool
		// of the same server ("DO NOT USE create_dsn" beside create_dsn) is the server documenting its own tools.
		const own = [...ctx.siblings].filter((n) => n.length >= 3);
		// A quoted name that is one of the tool's own parameters ("do NOT use 'defectId'", "Ignored when 'file_path' is
		// used") documents an argument, not another tool.
		const parameters = ctx.parameters.map((p) => p.name.toLowerCase()).filter((n) => n.length >= 2);
		const quotesParameter = (match: string) => parameters.some((n) => ['`', "'", '"'].some((q) => match.includes(`${q}${n}${q}`)));
		return phraseEvidence(ctx, this.id, PATTERNS, []).filter((e) => {
			const match = e.match.toLowerCase();
			return !own.some((n) => match.includes(n)) && !quotesParameter(match);
		});
	},
};
