/**
 * Links between the attack database and the catalogue, computed once per build: which attacks apply
 * to a tool (most specific first, with the reason), which tools an attack exposes (grouped by server),
 * and which attacks belong to a signal or a category. The matching is symmetric: a tool lists an
 * attack exactly when that attack counts the tool among its exposed tools.
 *
 * A tool is linked to an attack only through one of the attack's own `targets` (its data): every
 * signal and capability the target names, one of its categories, none of its `unless` signals. The
 * entry's `signals` and `categories` only tag it for the signal and category pages; they never link a
 * tool on their own, since a category or a common signal (a file path, a URL) alone matches thousands
 * of tools the attack has nothing to do with.
 */
import type { Catalogue, ToolView } from '../catalogue.ts';
import type { Attack } from '../content/attack.ts';
import { toolCapabilities } from '../judge/capabilities.ts';
import { argumentsInRole, returnsInRole, ROLE_LABELS, serverFacts, type ServerFacts } from './attack-arguments.ts';
import { tokenize } from '../judge/tokens.ts';
import { CAPABILITIES, CATEGORIES, SIGNALS, type CapabilityId, type Category, type RiskLevel, type SignalId } from '../taxonomy.ts';

export interface AttackEntry {
	slug: string;
	data: Attack;
}

type Target = Attack['targets'][number];

export interface AttackMatch {
	attack: AttackEntry;
	/** Higher is more specific (see `targetScore`). */
	score: number;
	/** One line on why the attack applies to this tool: the target's words and the facts it matched. */
	why: string;
}

/** Thrown when attack frontmatter names something that does not exist. */
export class AttackReferenceError extends Error {
	override name = 'AttackReferenceError';
}

/** How specific a target is: what it requires, weighted by how rare each kind of fact is. */
export function targetScore(t: Target): number {
	return (
		t.signals.length * 3 +
		t.arguments.length * 3 +
		t.returns.length * 2 +
		t.capabilities.length * 2 +
		(t.words.length > 0 ? 2 : 0) +
		(t.fields.length > 0 ? 2 : 0) +
		(t.params.length > 0 ? 2 : 0) +
		(t.categories.length > 0 ? 1 : 0)
	);
}

const capabilityCache = new WeakMap<ToolView, Set<CapabilityId>>();
function capabilitiesOf(tool: ToolView): Set<CapabilityId> {
	let found = capabilityCache.get(tool);
	if (!found) {
		found = new Set(
			toolCapabilities({ name: tool.name, description: tool.entry.definition.description, judgement: tool.judgement }).map(
				(f) => f.capability,
			),
		);
		capabilityCache.set(tool, found);
	}
	return found;
}

/**
 * Words that follow what a tool returns or acts on without being it: verbs, formats, and the wrappers
 * of a result (`get_issue_details`, `fetch_html`, `search_issues_summary`, `comments_list`).
 */
const TRAILING = new Set([
	'get',
	'list',
	'read',
	'find',
	'query',
	'retrieve',
	'all',
	'by',
	'id',
	'ids',
	'batch',
	'bulk',
	'summary',
	'details',
	'detail',
	'info',
	'full',
	'raw',
	'html',
	'markdown',
	'md',
	'text',
	'json',
	'content',
	'contents',
	'data',
	'result',
	'results',
	'item',
	'items',
	'as',
	'send',
	'v1',
	'v2',
	'v3',
	'tool',
	'recent',
	'new',
	'latest',
]);

/**
 * The head of a tool's name: what it returns or acts on, as English puts it last (`jira_get_issue_worklogs`
 * is about work logs, not issues; `get-email-metrics` about metrics). Trailing verbs and wrappers are
 * skipped; "pull request" and "merge request" count as `pull` and `merge`.
 */
export function headWord(name: string): string | undefined {
	const words = tokenize(name);
	for (let i = words.length - 1; i >= 0; i--) {
		const w = words[i]!;
		if (TRAILING.has(w)) continue;
		if ((w === 'request' || w === 'requests') && (words[i - 1] === 'pull' || words[i - 1] === 'merge')) return words[i - 1];
		return w;
	}
	return undefined;
}

/** The facts of `tool` a target matched, in words, or undefined when it does not match. */
function matchTarget(t: Target, tool: ToolView, server: ServerFacts): string | undefined {
	const j = tool.judgement;
	if (t.categories.length > 0 && !t.categories.includes(j.category)) return undefined;
	const signals = t.signals.map((id) => j.signals.find((s) => s.id === id));
	if (signals.some((s) => s === undefined)) return undefined;
	if (t.unless.some((id) => j.signals.some((s) => s.id === id))) return undefined;
	const tokens = new Set(tokenize(tool.name));
	if (t.notWords.some((w) => tokens.has(w))) return undefined;
	const head = t.head ? headWord(tool.name) : undefined;
	const word = t.words.find((w) => w.split('+').every((part) => tokens.has(part)) && (!t.head || w.split('+').includes(head ?? '')));
	if (t.words.length > 0 && word === undefined) return undefined;
	if (t.capabilities.length > 0) {
		const caps = capabilitiesOf(tool);
		if (t.capabilities.some((c) => !caps.has(c))) return undefined;
	}
	const roles: string[] = [];
	for (const role of t.arguments) {
		const args = argumentsInRole(role, tool, server, t.required);
		if (args.length === 0) return undefined;
		roles.push(`${ROLE_LABELS[role]} (${args.join(', ')})`);
	}
	for (const role of t.returns) {
		if (!returnsInRole(role, tool)) return undefined;
	}
	const param =
		t.params.length > 0 ? tool.parameters.find((p) => p.depth === 0 && tokenize(p.name).some((w) => t.params.includes(w))) : undefined;
	if (t.params.length > 0 && param === undefined) return undefined;
	if (t.fields.length > 0) {
		const named = signals.some((s) => s!.evidence.some((e) => tokenize(e.field.split('.').pop() ?? '').some((w) => t.fields.includes(w))));
		if (!named) return undefined;
	}
	const facts: string[] = [];
	if (t.categories.length > 0) facts.push(`a ${CATEGORIES[j.category].label.toLowerCase()} tool`);
	facts.push(...roles);
	for (const s of signals) {
		const fields = [...new Set(s!.evidence.map((e) => e.field))];
		facts.push(`${SIGNALS[s!.id].label.toLowerCase()}${fields.length > 0 ? ` (${fields.join(', ')})` : ''}`);
	}
	for (const c of t.capabilities) facts.push(CAPABILITIES[c].label.toLowerCase());
	if (word !== undefined)
		facts.push(
			`${word
				.split('+')
				.map((w) => `"${w}"`)
				.join(' and ')} in its name`,
		);
	return facts.join('; ');
}

function match(attack: AttackEntry, tool: ToolView, server: ServerFacts): AttackMatch | undefined {
	let best: AttackMatch | undefined;
	for (const t of attack.data.targets) {
		const facts = matchTarget(t, tool, server);
		if (facts === undefined) continue;
		const score = targetScore(t);
		if (best && best.score >= score) continue;
		best = { attack, score, why: `${tool.name} ${t.why} (${facts}).` };
	}
	return best;
}

const order = (a: AttackMatch, b: AttackMatch) =>
	b.score - a.score ||
	(a.attack.data.verification === b.attack.data.verification ? 0 : a.attack.data.verification === 'verified' ? -1 : 1) ||
	b.attack.data.disclosed.localeCompare(a.attack.data.disclosed) ||
	a.attack.data.title.localeCompare(b.attack.data.title, 'en');

interface ExposedServer {
	server: string;
	count: number;
	examples: ToolView[];
}

export interface AttackIndex {
	attacks: AttackEntry[];
	/** Attacks that apply to a tool, most specific first. */
	forTool(tool: ToolView, limit?: number): AttackMatch[];
	/** Catalogued tools an attack exposes: total and grouped by server, most exposed servers first. */
	exposure(slug: string): { total: number; servers: ExposedServer[] };
	forSignal(id: SignalId): AttackEntry[];
	forCategory(id: Category): AttackEntry[];
	/** Attacks that name a category whose tools are at this level (critical: destructive and financial). */
	forLevel(id: RiskLevel): AttackEntry[];
	bySlug(slug: string): AttackEntry | undefined;
}

/** Newest first, then by title: the order of every attack listing. */
function byDisclosure(a: AttackEntry, b: AttackEntry): number {
	return b.data.disclosed.localeCompare(a.data.disclosed) || a.data.title.localeCompare(b.data.title, 'en');
}

/**
 * Builds the index and checks every cross-reference: `exampleTool` must be a catalogued tool (the tool
 * the entry's example call and containment policy are for; it need not be one the attack exposes, such
 * as the file reader a poisoned description sends the model to), and every `related` slug must exist. A broken reference fails the build
 * with the file and the field.
 */
export function buildAttackIndex(entries: readonly AttackEntry[], catalogue: Catalogue): AttackIndex {
	const attacks = [...entries].sort(byDisclosure);
	const slugs = new Map(attacks.map((a) => [a.slug, a]));
	for (const a of attacks) {
		const file = `content/attacks/${a.slug}.mdx`;
		for (const [i, r] of a.data.related.entries()) {
			if (!slugs.has(r)) throw new AttackReferenceError(`${file}: related[${i}]: expected the slug of an attack entry, found "${r}"`);
		}
		if (a.data.exampleTool !== undefined) {
			const tool = catalogue.tool(a.data.exampleTool);
			if (!tool)
				throw new AttackReferenceError(
					`${file}: exampleTool: expected a catalogued tool id such as "agentmail/send_message", found "${a.data.exampleTool}"`,
				);
		}
	}

	const serverCache = new Map<string, ServerFacts>();
	const serverOf = (tool: ToolView): ServerFacts => {
		let found = serverCache.get(tool.server);
		if (!found) {
			const file = catalogue.server(tool.server)?.file;
			found = serverFacts(file?.distributions ?? []);
			serverCache.set(tool.server, found);
		}
		return found;
	};
	const exposureCache = new Map<string, { total: number; servers: ExposedServer[] }>();
	return {
		attacks,
		forTool(tool, limit = 8) {
			return attacks
				.map((a) => match(a, tool, serverOf(tool)))
				.filter((m): m is AttackMatch => m !== undefined)
				.sort(order)
				.slice(0, limit);
		},
		exposure(slug) {
			const cached = exposureCache.get(slug);
			if (cached) return cached;
			const attack = slugs.get(slug);
			const result = { total: 0, servers: [] as ExposedServer[] };
			if (attack) {
				const byServer = new Map<string, ToolView[]>();
				for (const server of catalogue.servers) {
					const hits = server.tools.filter((t) => match(attack, t, serverOf(t)) !== undefined);
					if (hits.length > 0) byServer.set(server.slug, hits);
				}
				for (const [server, tools] of byServer) {
					result.total += tools.length;
					result.servers.push({ server, count: tools.length, examples: tools.slice(0, 3) });
				}
				result.servers.sort((a, b) => b.count - a.count || a.server.localeCompare(b.server, 'en'));
			}
			exposureCache.set(slug, result);
			return result;
		},
		forSignal: (id) => attacks.filter((a) => a.data.signals.includes(id)),
		forCategory: (id) => attacks.filter((a) => a.data.categories.includes(id)),
		forLevel: (id) => attacks.filter((a) => a.data.categories.some((c) => CATEGORIES[c].level === id)),
		bySlug: (slug) => slugs.get(slug),
	};
}

// ---------------------------------------------------------------------------------------------------
// Link review: every tool→attack link, a seeded sample of them, and the precision of a review

/** One tool→attack link as a tool page shows it. */
export interface AttackLink {
	tool: string;
	attack: string;
	score: number;
	why: string;
}

/** Every tool→attack link in the catalogue (no per-page limit), by tool id, then most specific first. */
export function attackLinks(index: AttackIndex, catalogue: Catalogue): AttackLink[] {
	const links: AttackLink[] = [];
	for (const tool of catalogue.tools)
		for (const m of index.forTool(tool, Number.MAX_SAFE_INTEGER))
			links.push({ tool: tool.id, attack: m.attack.slug, score: m.score, why: m.why });
	return links;
}

/** A small, fast, seeded generator (mulberry32): the same seed draws the same sample on every machine. */
function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** `n` items drawn without replacement (all of them when there are fewer), in the order drawn. */
export function seededSample<T>(items: readonly T[], n: number, seed: number): T[] {
	const pool = [...items];
	const random = mulberry32(seed);
	const count = Math.min(n, pool.length);
	for (let i = 0; i < count; i++) {
		const j = i + Math.floor(random() * (pool.length - i));
		[pool[i], pool[j]] = [pool[j]!, pool[i]!];
	}
	return pool.slice(0, count);
}

/** A review still measures the matching while at least this share of its links are still made. */
export const REVIEW_MIN_LIVE = 0.9;
/** The precision a review must show. */
export const REVIEW_MIN_PRECISION = 0.9;

/**
 * Scores a review against the links the matching makes now. Only reviewed links that still exist are
 * scored: a link that is gone (its tool removed or renamed, or the matching changed) is reported as
 * stale and left out of the precision, so the figure always describes links the site shows. Links
 * added since (new servers) are simply not in the sample. The review passes when its precision is at
 * least `REVIEW_MIN_PRECISION` and at least `REVIEW_MIN_LIVE` of its links are still made; below that
 * the sample no longer measures the current matching and must be drawn and reviewed again.
 */
export function scoreReview(
	review: { links: readonly { tool: string; attack: string; verdict: 'relevant' | 'not-relevant' }[] },
	current: readonly AttackLink[],
): { reviewed: number; live: number; relevant: number; precision: number; stale: { tool: string; attack: string }[]; passes: boolean } {
	const made = new Set(current.map((l) => `${l.tool}\u0000${l.attack}`));
	const isLive = (l: { tool: string; attack: string }) => made.has(`${l.tool}\u0000${l.attack}`);
	const live = review.links.filter(isLive);
	const relevant = live.filter((l) => l.verdict === 'relevant').length;
	const precision = live.length === 0 ? 0 : relevant / live.length;
	const reviewed = review.links.length;
	return {
		reviewed,
		live: live.length,
		relevant,
		precision,
		stale: review.links.filter((l) => !isLive(l)).map(({ tool, attack }) => ({ tool, attack })),
		passes: reviewed > 0 && live.length >= REVIEW_MIN_LIVE * reviewed && precision >= REVIEW_MIN_PRECISION,
	};
}

/** Links per tool: mean over every catalogued tool, and how many tools have none. */
export function linkStats(
	links: readonly AttackLink[],
	tools: number,
): { links: number; tools: number; meanPerTool: number; withNone: number } {
	const per = new Map<string, number>();
	for (const l of links) per.set(l.tool, (per.get(l.tool) ?? 0) + 1);
	return { links: links.length, tools, meanPerTool: tools === 0 ? 0 : links.length / tools, withNone: tools - per.size };
}
