/**
 * Every piece of text in a definition that reaches the model, for the poisoning rules to scan.
 *
 * Poisoning is not confined to the description: the model reads the name, the title, each parameter's
 * name and description, and the schema's defaults and enum values too ("full-schema poisoning"). Each
 * text is inspected once per tool (memoised on the rule context) and handed to all four poisoning
 * rules with its field path, so their evidence points at the same places.
 */
import { clip, tokenize } from '../../tokens.ts';
import type { Evidence, RuleContext } from '../../types.ts';
import { inspectHidden, withCodes, type HiddenReport } from '../../../text/unicode.ts';

export interface ScannedText {
	/** Field path for evidence: `description`, `attachments[].url (description)`, `mode (enum)`. */
	field: string;
	source: Evidence['source'];
	/** Identifiers (names) are matched as words (`ignore_previous_rules` -> "ignore previous rules"); prose as written. */
	kind: 'identifier' | 'prose';
	/** The text exactly as the definition gives it (what hidden-text inspects). */
	raw: string;
	hidden: HiddenReport;
	/** What the phrase rules match: the revealed text, and for identifiers its words. */
	scan: string;
}

/** Enum values beyond this many are not scanned: a 100,000-value enum is data, not prose. */
const MAX_ENUM_VALUES = 50;

const cache = new WeakMap<RuleContext, ScannedText[]>();

function scanned(field: string, source: Evidence['source'], kind: ScannedText['kind'], raw: string): ScannedText {
	const hidden = inspectHidden(raw);
	return { field, source, kind, raw, hidden, scan: kind === 'identifier' ? tokenize(hidden.revealed).join(' ') : hidden.revealed };
}

/** The texts of one definition, in a fixed order: name, titles, description, schema, then each parameter. */
export function textsOf(ctx: RuleContext): readonly ScannedText[] {
	const hit = cache.get(ctx);
	if (hit) return hit;
	const out: ScannedText[] = [];
	const add = (field: string, source: Evidence['source'], kind: ScannedText['kind'], raw: unknown) => {
		if (typeof raw === 'string' && raw !== '') out.push(scanned(field, source, kind, raw));
	};
	const { tool } = ctx;
	add('name', 'name', 'identifier', tool.name);
	add('title', 'title', 'prose', tool.title);
	add('annotations.title', 'annotations', 'prose', tool.annotations?.title);
	add('description', 'description', 'prose', ctx.description);
	add('inputSchema (description)', 'schema', 'prose', tool.inputSchema?.['description']);
	for (const p of ctx.parameters) {
		const source: Evidence['source'] = p.knownOnly ? 'known-parameter' : 'schema';
		add(p.path, source, 'identifier', p.name);
		add(`${p.path} (description)`, source, 'prose', p.description);
		add(`${p.path} (default)`, source, 'prose', p.default);
		if (p.enum) {
			const values = p.enum.slice(0, MAX_ENUM_VALUES).filter((v): v is string => typeof v === 'string');
			add(`${p.path} (enum)`, source, 'prose', values.join('\n'));
		}
	}
	cache.set(ctx, out);
	return out;
}

/** Quoted evidence: short, on one line, and with any hidden character written as its code. */
export function quote(text: string, max = 80): string {
	return clip(withCodes(text), max);
}

const prefilters = new WeakMap<readonly RegExp[], RegExp[]>();

/**
 * One regular expression per flag set that matches where any of `patterns` matches: most texts match
 * none, and one pass over a text is cheaper than forty. (The patterns have no backreferences or named
 * groups, so an alternation of them matches exactly where one of them does.)
 */
function prefilter(patterns: readonly RegExp[]): RegExp[] {
	let out = prefilters.get(patterns);
	if (!out) {
		const byFlags = new Map<string, string[]>();
		for (const re of patterns) {
			const flags = re.flags.replace(/[gy]/g, '');
			const list = byFlags.get(flags);
			if (list) list.push(`(?:${re.source})`);
			else byFlags.set(flags, [`(?:${re.source})`]);
		}
		out = [...byFlags].map(([flags, sources]) => new RegExp(sources.join('|'), flags));
		prefilters.set(patterns, out);
	}
	return out;
}

/**
 * Runs phrase patterns over every text of the definition and returns one piece of evidence per field:
 * the first pattern (in order) that matches there. `identifierPatterns` apply to names, `patterns` to prose.
 */
export function phraseEvidence(
	ctx: RuleContext,
	rule: string,
	patterns: readonly RegExp[],
	identifierPatterns: readonly RegExp[] = patterns,
): Evidence[] {
	const found: Evidence[] = [];
	for (const t of textsOf(ctx)) {
		const list = t.kind === 'identifier' ? identifierPatterns : patterns;
		if (!prefilter(list).some((re) => re.test(t.scan))) continue;
		for (const re of list) {
			const m = re.exec(t.scan);
			if (m) {
				found.push({ rule, source: t.source, field: t.field, match: quote(m[0]) });
				break;
			}
		}
	}
	return found;
}
