/**
 * Class pages: the three kinds of class a tool belongs to (its risk level, its category, its
 * signals). Every figure a class page shows is computed in one pass over
 * the catalogue and memoised per catalogue, so the pages of a class, and the classes themselves,
 * share it instead of each scanning the catalogue.
 */
import { serverPolicySet } from '../policy/sets.ts';
import type { Catalogue, ToolView } from '../catalogue.ts';
import { CATEGORY_RULES } from '../judge/classify.ts';
import { REPOSITORY_URL } from './site.ts';
import { POISONING_SIGNALS } from '../judge/registry.ts';
import type { Evidence } from '../judge/types.ts';
import { categoryReason } from './narrative.ts';
import type { AttackEntry, AttackIndex } from './attacks.ts';
import { counted } from '../text/plural.ts';
import { TREATMENT_LABELS, type Treatment } from '../policy/model.ts';
import { interceptYaml, policyLayerJson } from '../policy/render.ts';
import {
	CATEGORIES,
	CATEGORY_IDS,
	RISK_LEVELS,
	RISK_LEVEL_IDS,
	SIGNALS,
	SIGNAL_IDS,
	type Category,
	type RiskLevel,
	type SignalId,
} from '../taxonomy.ts';

/** Where the category definitions are written down (the category pages quote it). */
export const LABELLING_GUIDE = 'docs/labelling-guide.md';

type ClassKind = 'risk' | 'category' | 'signal';
export type ClassRef = { kind: 'risk'; id: RiskLevel } | { kind: 'category'; id: Category } | { kind: 'signal'; id: SignalId };

/** Where each kind of class page lives: `/risk/<level>/`, `/categories/<category>/`, `/signals/<signal>/`. */
const CLASS_BASE = { risk: '/risk/', category: '/categories/', signal: '/signals/' } as const satisfies Record<ClassKind, string>;

export function classHref(ref: ClassRef): string {
	return `${CLASS_BASE[ref.kind]}${ref.id}/`;
}

/** Levels and categories, most severe first: the order of every breakdown. */
const LEVELS_DOWN = [...RISK_LEVEL_IDS].reverse();
const CATEGORIES_DOWN = [...CATEGORY_IDS].reverse();

const TREATMENT_ORDER = Object.keys(TREATMENT_LABELS) as Treatment[];

export interface Share {
	id: string;
	label: string;
	count: number;
	/** The class page of this part, when there is one. */
	href?: string;
}

interface ServerCount {
	slug: string;
	name: string;
	count: number;
}

/** A catalogued tool that shows the class, with the evidence that put it there. */
export interface ClassExample {
	tool: ToolView;
	serverName: string;
	/** One or two sentences: why the tool is in the class. */
	reason: string;
	evidence: readonly Evidence[];
}

export interface ClassStats {
	ref: ClassRef;
	label: string;
	tools: readonly ToolView[];
	serverCount: number;
	/** Risk pages: the categories within; category and signal pages: the levels within. Most severe first, empty parts left out. */
	within: readonly Share[];
	/** How the policy model treats the tools of the class. */
	treatments: readonly Share[];
	/** Tools whose policy carries an argument check made possible by this signal (signal pages only; 0 otherwise). */
	checked: number;
	/** The servers with the most tools in the class, most first (at most `TOP_SERVERS`). */
	topServers: readonly ServerCount[];
	example: ClassExample | undefined;
}

export const TOP_SERVERS = 10;

interface ClassIndex {
	risk: Record<RiskLevel, ClassStats>;
	category: Record<Category, ClassStats>;
	signal: Record<SignalId, ClassStats>;
}

function classLabel(ref: ClassRef): string {
	switch (ref.kind) {
		case 'risk':
			return `${RISK_LEVELS[ref.id].label} risk`;
		case 'category':
			return CATEGORIES[ref.id].label;
		case 'signal':
			return SIGNALS[ref.id].label;
	}
}

function classTools(catalogue: Catalogue, ref: ClassRef): readonly ToolView[] {
	switch (ref.kind) {
		case 'risk':
			return catalogue.byLevel[ref.id];
		case 'category':
			return catalogue.byCategory[ref.id];
		case 'signal':
			return catalogue.bySignal[ref.id];
	}
}

const incomplete = (t: ToolView) => Object.entries(t.entry.status ?? {}).some(([k, v]) => k !== 'note' && v !== undefined && v !== 'exact');

/**
 * How well a tool shows its class: a tool with a description and a complete definition, decided by
 * the plainest rule (a name verb, no raised level), or for a signal one whose policy acts on it. The
 * best score wins; ties go to the tool first in the catalogue, so the choice is the same every build.
 */
function exampleScore(ref: ClassRef, t: ToolView): number {
	const j = t.judgement;
	let score = (t.entry.definition.description ? 2 : 0) + (incomplete(t) ? 0 : 1);
	const plainCategory = j.categoryEvidence.length === 1 && j.categoryEvidence[0]?.rule === 'category/name-verb';
	switch (ref.kind) {
		case 'category':
			if (plainCategory) score += 2;
			break;
		case 'risk':
			if (!j.levelRule) score += 2;
			if (plainCategory) score += 1;
			break;
		case 'signal': {
			if (t.policy.checks.some((c) => c.signal === ref.id)) score += 3;
			const finding = j.signals.find((s) => s.id === ref.id);
			if (finding?.evidence.every((e) => e.source !== 'known-parameter')) score += 1;
			break;
		}
	}
	return score;
}

function exampleOf(ref: ClassRef, tool: ToolView, serverName: string): ClassExample {
	const j = tool.judgement;
	switch (ref.kind) {
		case 'category':
			return { tool, serverName, reason: categoryReason(j), evidence: j.categoryEvidence };
		case 'risk': {
			if (j.levelRule) {
				const poisoning = j.signals.filter((s) => POISONING_SIGNALS.has(s.id));
				return {
					tool,
					serverName,
					reason: `${categoryReason(j)} ${j.levelRule.reason}`,
					evidence: [...j.categoryEvidence, ...poisoning.flatMap((s) => s.evidence)],
				};
			}
			return {
				tool,
				serverName,
				reason: `${categoryReason(j)} ${CATEGORIES[j.category].label} tools are ${RISK_LEVELS[j.level].label.toLowerCase()} risk.`,
				evidence: j.categoryEvidence,
			};
		}
		case 'signal': {
			const evidence = j.signals.find((s) => s.id === ref.id)?.evidence ?? [];
			const fields = [...new Set(evidence.map((e) => e.field))];
			return { tool, serverName, reason: `The rule fired on ${fields.join(', ')}.`, evidence };
		}
	}
}

interface Accumulator {
	servers: Map<string, number>;
	within: Map<string, number>;
	treatments: Map<Treatment, number>;
	checked: number;
	best: { tool: ToolView; score: number } | undefined;
}

const memo = new WeakMap<Catalogue, ClassIndex>();

/** Every class's figures, computed in one pass over the catalogue and memoised per catalogue. */
export function classIndex(catalogue: Catalogue): ClassIndex {
	const hit = memo.get(catalogue);
	if (hit) return hit;
	const acc = new Map<string, Accumulator>();
	const refs: ClassRef[] = [
		...RISK_LEVEL_IDS.map((id): ClassRef => ({ kind: 'risk', id })),
		...CATEGORY_IDS.map((id): ClassRef => ({ kind: 'category', id })),
		...SIGNAL_IDS.map((id): ClassRef => ({ kind: 'signal', id })),
	];
	const key = (ref: ClassRef) => `${ref.kind}:${ref.id}`;
	for (const ref of refs) acc.set(key(ref), { servers: new Map(), within: new Map(), treatments: new Map(), checked: 0, best: undefined });

	const add = (ref: ClassRef, t: ToolView) => {
		const a = acc.get(key(ref))!;
		a.servers.set(t.server, (a.servers.get(t.server) ?? 0) + 1);
		const part = ref.kind === 'risk' ? t.judgement.category : t.judgement.level;
		a.within.set(part, (a.within.get(part) ?? 0) + 1);
		a.treatments.set(t.policy.treatment, (a.treatments.get(t.policy.treatment) ?? 0) + 1);
		if (ref.kind === 'signal' && t.policy.checks.some((c) => c.signal === ref.id)) a.checked++;
		const score = exampleScore(ref, t);
		if (!a.best || score > a.best.score) a.best = { tool: t, score };
	};
	for (const t of catalogue.tools) {
		add({ kind: 'risk', id: t.judgement.level }, t);
		add({ kind: 'category', id: t.judgement.category }, t);
		for (const id of new Set(t.judgement.signals.map((s) => s.id))) add({ kind: 'signal', id }, t);
	}

	const nameOf = (slug: string) => catalogue.server(slug)?.file.name ?? slug;
	const stats = (ref: ClassRef): ClassStats => {
		const a = acc.get(key(ref))!;
		const within: Share[] =
			ref.kind === 'risk'
				? CATEGORIES_DOWN.map((c) => ({
						id: c,
						label: CATEGORIES[c].label,
						count: a.within.get(c) ?? 0,
						href: classHref({ kind: 'category', id: c }),
					}))
				: LEVELS_DOWN.map((l) => ({
						id: l,
						label: RISK_LEVELS[l].label,
						count: a.within.get(l) ?? 0,
						href: classHref({ kind: 'risk', id: l }),
					}));
		const topServers = [...a.servers]
			.sort(([sa, na], [sb, nb]) => nb - na || sa.localeCompare(sb, 'en'))
			.slice(0, TOP_SERVERS)
			.map(([slug, count]) => ({ slug, name: nameOf(slug), count }));
		return {
			ref,
			label: classLabel(ref),
			tools: classTools(catalogue, ref),
			serverCount: a.servers.size,
			within: within.filter((s) => s.count > 0),
			treatments: TREATMENT_ORDER.map((id) => ({ id, label: TREATMENT_LABELS[id], count: a.treatments.get(id) ?? 0 })).filter(
				(s) => s.count > 0,
			),
			checked: a.checked,
			topServers,
			example: a.best ? exampleOf(ref, a.best.tool, nameOf(a.best.tool.server)) : undefined,
		};
	};
	const index: ClassIndex = {
		risk: Object.fromEntries(RISK_LEVEL_IDS.map((id) => [id, stats({ kind: 'risk', id })])) as Record<RiskLevel, ClassStats>,
		category: Object.fromEntries(CATEGORY_IDS.map((id) => [id, stats({ kind: 'category', id })])) as Record<Category, ClassStats>,
		signal: Object.fromEntries(SIGNAL_IDS.map((id) => [id, stats({ kind: 'signal', id })])) as Record<SignalId, ClassStats>,
	};
	memo.set(catalogue, index);
	return index;
}

const namesMemo = new WeakMap<Catalogue, ReadonlyMap<string, string>>();

/** Server names by slug, built once per catalogue (tool listings show the server beside each tool). */
export function serverNames(catalogue: Catalogue): ReadonlyMap<string, string> {
	let names = namesMemo.get(catalogue);
	if (!names) namesMemo.set(catalogue, (names = new Map(catalogue.servers.map((s) => [s.slug, s.file.name]))));
	return names;
}

/** `n` as a share of `total`, in percent with one decimal ("12.5"); "0" for an empty catalogue. */
export function percent(n: number, total: number): string {
	return total === 0 ? '0' : ((n / total) * 100).toFixed(1);
}

export function statsFor(catalogue: Catalogue, ref: ClassRef): ClassStats {
	const index = classIndex(catalogue);
	switch (ref.kind) {
		case 'risk':
			return index.risk[ref.id];
		case 'category':
			return index.category[ref.id];
		case 'signal':
			return index.signal[ref.id];
	}
}

/** The words of a class page: heading, what the class means, how it is decided, where it sits. */
interface ClassText {
	title: string;
	heading: string;
	meaning: string;
	/** For a category: its definition, quoted word for word from the labelling guide, and where the guide is. */
	definition?: { text: string; source: string; href: string };
	decided: string;
	/** The rule ids that decide membership, for readers who check the classifier. */
	rules: readonly string[];
	/** The policy stance for the class, from the category stances (and, for poisoning signals, hiding). */
	stance: readonly string[];
	crumb: { href: string; label: string };
}

/** What the policy model does with any tool that carries a tool-poisoning indicator. */
const HIDE_STANCE =
	'Tools whose definition carries a tool-poisoning indicator are hidden: removed from the tool list, so the model never reads their description, and refused if called.';

export function classText(ref: ClassRef): ClassText {
	switch (ref.kind) {
		case 'risk': {
			const l = RISK_LEVELS[ref.id];
			const categories = CATEGORY_IDS.filter((c) => CATEGORIES[c].level === ref.id);
			return {
				title: `${l.label} risk MCP tools`,
				heading: `${l.label} risk tools`,
				meaning: `${l.summary} Risk level ${l.rank} of 4.`,
				decided: l.decided,
				rules: [...categories.map((c) => `category → ${c}`), ...(ref.id === 'high' ? ['level/poisoning-indicator'] : [])],
				stance: [
					...categories.map((c) => `${CATEGORIES[c].label} tools: ${CATEGORIES[c].stance}`),
					...(ref.id === 'high' ? [HIDE_STANCE] : []),
				],
				crumb: { href: '/about/#levels', label: 'Risk levels' },
			};
		}
		case 'category': {
			const c = CATEGORIES[ref.id];
			return {
				title: `${c.label} MCP tools`,
				heading: `${c.label} tools`,
				meaning: `A ${c.label.toLowerCase()} tool ${c.meaning}. Risk level: ${RISK_LEVELS[c.level].label.toLowerCase()}.`,
				definition: { text: c.definition, source: 'Labelling guide', href: `${REPOSITORY_URL}/blob/main/${LABELLING_GUIDE}#${ref.id}` },
				decided: c.decided,
				rules: CATEGORY_RULES[ref.id],
				crumb: { href: '/about/#categories', label: 'Categories' },
				stance: [c.stance, HIDE_STANCE],
			};
		}
		case 'signal': {
			const s = SIGNALS[ref.id];
			return {
				title: `MCP tools that ${s.label.charAt(0).toLowerCase()}${s.label.slice(1)}`,
				heading: s.label,
				meaning: s.why,
				decided: s.decided,
				rules: [`signal/${ref.id}`],
				stance: POISONING_SIGNALS.has(ref.id)
					? [HIDE_STANCE]
					: ["The signal alone does not change a tool's policy: its category does, and the signal can add an Intercept argument check."],
				crumb: { href: '/about/#signals', label: 'Signals' },
			};
		}
	}
}

/** The one-line description of a class page, for search engines and link previews. */
export function classDescription(stats: ClassStats, catalogueTools: number): string {
	const text = classText(stats.ref);
	return `${stats.label}: ${stats.tools.length} of ${catalogueTools} catalogued MCP tools (${percent(stats.tools.length, catalogueTools)}%) on ${counted(stats.serverCount, 'server')}. ${text.meaning}`;
}

/**
 * The recommended policy for the class, shown on its example tool: the model's policy for that tool,
 * rendered in both formats and validated (a render that fails its engine's schema throws).
 */
export function classPolicy(stats: ClassStats): { effect: string; yaml: string; json: string; segment: string } | undefined {
	const ex = stats.example;
	if (!ex) return undefined;
	const set = serverPolicySet(`${stats.label} (example: ${ex.serverName} / ${ex.tool.name})`, [ex.tool.policy]);
	return { effect: ex.tool.policy.effect, yaml: interceptYaml(set), json: policyLayerJson(set), segment: ex.tool.segment };
}

/** Tools per page of the paginated risk, category and signal listings. */
export const LISTING_PAGE_SIZE = 100;

/** A class page's `<title>`: the class, and the page number after the first page. */
export function classPageTitle(ref: ClassRef, currentPage: number): string {
	return classText(ref).title + (currentPage > 1 ? `, page ${currentPage}` : '');
}

/** The attacks a class page lists, and their heading. */
export function classAttacks(
	ref: ClassRef,
	index: Pick<AttackIndex, 'forCategory' | 'forLevel' | 'forSignal'>,
): { heading: string; attacks: AttackEntry[] } {
	switch (ref.kind) {
		case 'category':
			return { heading: `Attacks that abuse ${CATEGORIES[ref.id].label.toLowerCase()} tools`, attacks: index.forCategory(ref.id) };
		case 'risk':
			return { heading: `Attacks that abuse ${RISK_LEVELS[ref.id].label.toLowerCase()} risk tools`, attacks: index.forLevel(ref.id) };
		case 'signal':
			return { heading: 'Attacks that abuse it', attacks: index.forSignal(ref.id) };
	}
}
