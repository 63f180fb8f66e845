/**
 * Everything a tool page and its JSON twin show, computed from the catalogue in one place so the
 * HTML and the JSON cannot disagree.
 */
import type { AttackIndex } from './attacks.ts';
import { snippetMergeNote, toolPolicySet } from '../policy/sets.ts';
import { type Catalogue, type ServerView, type ToolView } from '../catalogue.ts';
import { CLASSIFIER_VERSION } from '../judge/classify.ts';
import { runLine } from '../content/distribution.ts';
import { buildFaq } from './faq.ts';
import { historyLines, toolFirstCatalogued } from '../content/history.ts';
import { categoryReason, whyPolicy } from './narrative.ts';
import { markdownToPlain } from '../text/markdown.ts';
import { interceptDocument, interceptText, policyLayerDocument, policyLayerText } from '../policy/render.ts';
import type { InterceptPolicy } from '../policy/intercept-schema.ts';
import type { PolicyLayerPolicy } from '../policy/policylayer-schema.ts';
import { setOwn } from '../text/objects.ts';
import { PART_STATUSES } from '../content/server.ts';

/** Related tools a page lists from the same server and from others; the rest are a link away. */
const RELATED_SHOWN = 3;

/**
 * Tools of the same category, a few from the tool's own server and a few from others, with how many
 * there are in all: the page links to the server's full list and to the category's.
 */
function relatedSection(catalogue: Catalogue, tool: ToolView, server: ServerView) {
	const { category } = tool.judgement;
	return {
		...catalogue.related(tool, RELATED_SHOWN),
		/** Other tools of this category on the same server. */
		sameServerTotal: server.categoryCounts[category] - 1,
		/** Other tools of this category in the catalogue, the same server's included. */
		categoryTotal: catalogue.byCategory[category].length - 1,
	};
}
export type RelatedSection = ReturnType<typeof relatedSection>;

/** The attack entry a changed definition links to, and the public account of one (attack-facts.md, rug-pull). */
const RUG_PULL_SLUG = 'rug-pull';
const RUG_PULL_SOURCE = {
	title: 'Invariant Labs: WhatsApp MCP exploited through a sleeper server',
	url: 'https://invariantlabs.ai/blog/whatsapp-mcp-exploited',
} as const;

/**
 * The change-history section of a tool page, or undefined for a tool no re-scan changed (most tools:
 * their pages carry nothing extra).
 */
function historySection(tool: ToolView, server: ServerView, attackIndex: AttackIndex) {
	if (tool.history.length === 0) return undefined;
	const lines = historyLines(tool.history, tool.entry.definition);
	const rugPull = attackIndex.bySlug(RUG_PULL_SLUG);
	return {
		lines,
		firstCatalogued: toolFirstCatalogued(server.file, tool.history),
		/** The latest description change, when there is one: the page says so plainly. */
		descriptionChangedOn: lines.findLast((l) => l.description !== undefined)?.date,
		signalled: tool.judgement.signals.some((s) => s.id === 'definition-changed'),
		rugPull: rugPull ? { url: `/attacks/${rugPull.slug}/`, title: rugPull.data.title } : undefined,
		source: RUG_PULL_SOURCE,
	};
}
export type HistorySection = NonNullable<ReturnType<typeof historySection>>;

/** A tool's policy documents, validated, and the Intercept text (the PolicyLayer text is the document's JSON). */
export interface ToolPolicies {
	intercept: InterceptPolicy;
	policyLayer: PolicyLayerPolicy;
	yaml: string;
}

/** Builds and validates one tool's policy documents. */
function toolPolicies(server: ServerView, tool: ToolView): ToolPolicies {
	const set = toolPolicySet(server.file.name, tool.name, tool.policy);
	const intercept = interceptDocument(set);
	return { intercept, policyLayer: policyLayerDocument(set), yaml: interceptText(intercept) };
}

/** Every tool's policy documents on a server, by tool segment: what a cache stores per server. */
export function serverToolPolicies(server: ServerView): Record<string, ToolPolicies> {
	const out: Record<string, ToolPolicies> = {};
	for (const t of server.tools) setOwn(out, t.segment, toolPolicies(server, t));
	return out;
}

/**
 * `policies`: the tool's documents when the caller has them (a build reuses them across the page,
 * its JSON twin and rebuilds); otherwise they are built on first use.
 */
export function toolPageModel(catalogue: Catalogue, attackIndex: AttackIndex, tool: ToolView, policies?: () => ToolPolicies) {
	const server = catalogue.server(tool.server) as ServerView;
	let built: ToolPolicies | undefined;
	const documents = () => (built ??= policies ? policies() : toolPolicies(server, tool));
	const { definition } = tool.entry;
	const status = tool.entry.status ?? {};
	const incomplete = (['description', 'inputSchema', 'outputSchema'] as const)
		.filter((part) => status[part] !== undefined && status[part] !== 'exact')
		.map((part) => ({ part, status: status[part]!, meaning: PART_STATUSES[status[part]!] }));
	const firstRun = server.file.distributions[0];
	const reason = categoryReason(tool.judgement);
	return {
		tool,
		server,
		title: definition.title ?? definition.annotations?.title ?? undefined,
		description: definition.description ?? '',
		incomplete,
		statusNote: status.note,
		history: historySection(tool, server, attackIndex),
		categoryReason: reason,
		whyPolicy: whyPolicy(tool.name, tool.judgement),
		/** The snippet is a fragment of the server policy: what it does alone and how to merge it, per format. */
		snippetNote: snippetMergeNote(tool.policy),
		// Built and validated once, on first use: the HTML page reads the texts, the JSON twin the documents.
		get interceptDocument() {
			return documents().intercept;
		},
		get policyLayerDocument() {
			return documents().policyLayer;
		},
		get yaml() {
			return documents().yaml;
		},
		get json() {
			return policyLayerText(documents().policyLayer);
		},
		faq: buildFaq({
			tool: tool.name,
			// The answer quotes the description's words; its Markdown shows only in the section above.
			description: markdownToPlain(definition.description ?? ''),
			serverName: server.file.name,
			runLine: firstRun ? runLine(firstRun) : undefined,
			judgement: tool.judgement,
			policy: tool.policy,
			categoryReason: reason,
		}),
		related: relatedSection(catalogue, tool, server),
		attacks: attackIndex.forTool(tool),
		classifierVersion: CLASSIFIER_VERSION,
	};
}
export type ToolPageModel = ReturnType<typeof toolPageModel>;

/** The JSON twin of a tool page: the definition, the judgement with evidence, and both policies. */
export function toolJson(model: ToolPageModel) {
	const { tool, server } = model;
	return {
		id: tool.id,
		url: `/tools/${tool.id}/`,
		server: { slug: server.slug, name: server.file.name, url: `/servers/${server.slug}/` },
		...(tool.entry.subServer && { subServer: tool.entry.subServer }),
		definition: tool.entry.definition,
		definitionStatus: tool.entry.status ?? {},
		...(tool.entry.knownParameters && { knownParameters: tool.entry.knownParameters }),
		judgement: {
			classifierVersion: model.classifierVersion,
			category: tool.judgement.category,
			categoryEvidence: tool.judgement.categoryEvidence,
			level: tool.judgement.level,
			...(tool.judgement.levelRule && { levelRule: tool.judgement.levelRule }),
			signals: tool.judgement.signals,
			annotations: tool.judgement.annotations,
			parameterCount: tool.judgement.parameterCount,
		},
		policy: {
			effect: tool.policy.effect,
			intercept: model.interceptDocument,
			policylayer: model.policyLayerDocument,
		},
		attacks: model.attacks.map((m) => ({ slug: m.attack.slug, url: `/attacks/${m.attack.slug}/`, title: m.attack.data.title, why: m.why })),
		firstCatalogued: model.history?.firstCatalogued ?? server.file.provenance.firstObtainedAt ?? server.file.provenance.obtainedAt,
		// Dated changes found by re-scans, oldest first, with the previous values verbatim.
		...(tool.history.length > 0 && { history: [...tool.history] }),
		provenance: server.file.provenance.method === 'scan' ? { ...server.file.provenance } : { ...server.file.provenance, notes: undefined },
	};
}
