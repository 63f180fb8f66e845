/**
 * Links between the attack database and the catalogue, computed once per build: which attacks apply
 * to a tool (most specific first, with the reason), which tools an attack exposes (grouped by server),
 * and which attacks belong to a signal or a category. The matching is symmetric: a tool lists an
 * attack exactly when that attack counts the tool among its exposed tools.
 */
import type { Catalogue, ToolView } from '../catalogue.ts';
import type { Attack } from '../content/attack.ts';
import { CATEGORIES, SIGNALS, type Category, type RiskLevel, type SignalId } from '../taxonomy.ts';

export interface AttackEntry {
	slug: string;
	data: Attack;
}

interface AttackMatch {
	attack: AttackEntry;
	/** Higher is more specific: shared signals weigh more than a shared category. */
	score: number;
	/** One line on why the attack applies to this tool. */
	why: string;
}

/** Thrown when attack frontmatter names something that does not exist. */
export class AttackReferenceError extends Error {
	override name = 'AttackReferenceError';
}

function match(attack: AttackEntry, tool: ToolView): AttackMatch | undefined {
	const { signals, categories } = attack.data;
	const shared = tool.judgement.signals.filter((s) => signals.includes(s.id));
	const sameCategory = categories.includes(tool.judgement.category);
	if (shared.length > 0) {
		const parts = shared.map((s) => `${SIGNALS[s.id].label.toLowerCase()} (${s.evidence.map((e) => e.field).join(', ')})`);
		return {
			attack,
			score: shared.length * 3 + (sameCategory ? 1 : 0),
			why: `${tool.name} ${parts.join(' and ')}: the ${shared.length > 1 ? 'signals' : 'signal'} this attack abuses.`,
		};
	}
	// Attacks defined by category alone (no signal) apply to every tool of that category.
	if (signals.length === 0 && sameCategory) {
		return {
			attack,
			score: 1,
			why: `${tool.name} is a ${CATEGORIES[tool.judgement.category].label.toLowerCase()} tool, the kind this attack abuses.`,
		};
	}
	return undefined;
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
 * Builds the index and checks every cross-reference: `exampleTool` must be a catalogued tool that the
 * attack actually matches, and every `related` slug must exist. A broken reference fails the build
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
			if (!match(a, tool)) {
				throw new AttackReferenceError(
					`${file}: exampleTool: "${a.data.exampleTool}" has none of the signals (${a.data.signals.join(', ') || 'none'}) this attack abuses` +
						(a.data.signals.length === 0 ? ` and is not a ${a.data.categories.join('/')} tool` : ''),
				);
			}
		}
	}

	const exposureCache = new Map<string, { total: number; servers: ExposedServer[] }>();
	return {
		attacks,
		forTool(tool, limit = 8) {
			return attacks
				.map((a) => match(a, tool))
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
					const hits = server.tools.filter((t) => match(attack, t) !== undefined);
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
