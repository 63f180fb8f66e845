import { listParameters } from '../../../content/parameters.ts';
import { canonicalJson } from '../../../text/canonical-json.ts';
import { clip } from '../../tokens.ts';
import type { Evidence, EvidenceSource, RuleContext, SignalRule } from '../../types.ts';

/**
 * The parts whose change after cataloguing is a risk signal, and where the evidence points.
 *
 * - description: the text the model reads at `tools/list`; rewriting it after approval is the rug pull
 *   itself (new instructions arrive without anyone reviewing them).
 * - inputSchema: parameter names and descriptions reach the model too (full-schema poisoning), and a new
 *   parameter is a new channel for data to leave (the `sidenote` of the tool-poisoning demonstration).
 * - annotations: clients decide from `readOnlyHint` / `destructiveHint` whether to ask before a call; a
 *   flipped hint silently changes what runs without confirmation.
 *
 * Not watched: `title` (a display label), `outputSchema` (shapes results, not the model's instructions),
 * other keys, and renames (a renamed tool is a new tool to a client that approves tools by name, and the
 * default-deny policy refuses names it does not list). Tools a re-scan added have no earlier version.
 */
const WATCHED = {
	description: 'description',
	inputSchema: 'schema',
	annotations: 'annotations',
} as const satisfies Record<string, EvidenceSource>;
type Watched = keyof typeof WATCHED;
const WATCHED_FIELDS = Object.keys(WATCHED) as Watched[];

const length = (v: unknown) => (typeof v === 'string' ? v.length : 0);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const record = (v: unknown): Record<string, unknown> =>
	v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** What changed in one part, in a few words, from its value before and after. */
function describe(field: Watched, before: unknown, after: unknown): string {
	switch (field) {
		case 'description':
			if (before === undefined || before === null) return `description added (${plural(length(after), 'character')})`;
			if (after === undefined || after === null) return 'description removed';
			return `description rewritten (${length(before)} → ${plural(length(after), 'character')})`;
		case 'inputSchema': {
			const was = new Set(listParameters(record(before)).parameters.map((p) => p.path));
			const now = listParameters(record(after)).parameters.map((p) => p.path);
			const added = now.filter((p) => !was.has(p));
			const kept = new Set(now);
			const removed = [...was].filter((p) => !kept.has(p));
			const parts = [added.length > 0 && `added ${added.join(', ')}`, removed.length > 0 && `removed ${removed.join(', ')}`].filter(
				Boolean,
			);
			return parts.length > 0 ? `input schema changed: parameters ${parts.join('; ')}` : 'input schema changed (same parameters)';
		}
		case 'annotations': {
			const a = record(before);
			const b = record(after);
			const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort().filter((k) => canonicalJson(a[k]) !== canonicalJson(b[k]));
			const show = (v: unknown) => (v === undefined ? 'unset' : canonicalJson(v));
			return `annotations changed: ${keys.map((k) => `${k} ${show(a[k])} → ${show(b[k])}`).join(', ') || 'same hints'}`;
		}
	}
}

/**
 * The tool's recorded history shows that its description, input schema or annotations changed after it
 * was first catalogued. One piece of evidence per change and part: the date, the version and what changed.
 */
export const definitionChanged: SignalRule = {
	id: 'signal/definition-changed',
	signal: 'definition-changed',
	detect(ctx: RuleContext) {
		if (ctx.history.length === 0) return [];
		// Walk back from the current definition: each change's "after" is what the next one found before it.
		const later = new Map<Watched, unknown>(WATCHED_FIELDS.map((f) => [f, (ctx.tool as Record<string, unknown>)[f]]));
		const newestFirst: Evidence[][] = [];
		for (let i = ctx.history.length - 1; i >= 0; i--) {
			const { date, version, change } = ctx.history[i]!;
			if (change.change !== 'changed') continue;
			const fields = new Set(change.fields ?? []);
			const found: Evidence[] = [];
			for (const field of WATCHED_FIELDS) {
				if (!fields.has(field)) continue;
				const before =
					change.before !== undefined && Object.prototype.hasOwnProperty.call(change.before, field) ? change.before[field] : undefined;
				found.push({
					rule: this.id,
					source: WATCHED[field],
					field,
					match: clip(`${date}${version !== undefined ? ` (version ${version})` : ''}: ${describe(field, before, later.get(field))}`),
				});
				later.set(field, before);
			}
			newestFirst.push(found);
		}
		return newestFirst.reverse().flat();
	},
};
