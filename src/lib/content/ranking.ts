/**
 * `content/ranking/most-used.json`: the MCP servers people run, ranked by one monthly figure with its
 * evidence, whether each is catalogued and how its tools can be obtained (see content/ranking/README.md).
 * The schema, its cross-checks, and what the site derives from it: each catalogued server's popularity
 * (rank and evidence) and identity (vendor or community, deprecated, archived, superseded by, its
 * look-alikes).
 */
import { z } from 'zod';
import { DataError, parseOrThrow } from './errors.ts';
import { SLUG_PATTERN } from './server.ts';

const slug = z.string().regex(SLUG_PATTERN, 'expected a lower-case slug such as "my-server"');
const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });
const count = z.number().int().nonnegative();

/** How the exact tool definitions of a ranked server can be had (the README's table). */
export const HOW_TO_OBTAIN = ['npm-scan', 'repo-snapshot', 'python-source', 'go-source', 'rust-source', 'repo-source', 'remote-docs'] as const;

const packageSchema = z.strictObject({
	registry: z.enum(['npm', 'pypi']),
	name: z.string().min(1),
	version: z.string().min(1).nullable(),
	monthlyDownloads: count.nullable(),
	pypiRank: count.nullable(),
	estimatedMonthlyDownloads: count.nullable(),
	april2026MonthlyDownloads: count.nullable(),
	/** Whether the package's downloads are added into the entry's figure (platform binaries and pulled-in libraries are not). */
	countedInFigure: z.boolean(),
});

export const rankingEntrySchema = z.strictObject({
	rank: z.number().int().positive(),
	/** The ranking's own id for the entry (not a content slug). */
	id: slug,
	name: z.string().min(1),
	vendor: z.string().min(1),
	/** Published by the vendor of the product it gives access to, or its own product. */
	official: z.boolean(),
	/** A server of the modelcontextprotocol/servers project. */
	reference: z.boolean(),
	/** The registry's deprecation text, or the upstream archive or supersession; null when neither is known. */
	deprecated: z.string().min(1).nullable(),
	/** Archived upstream: its repository is read-only and no longer maintained. */
	archived: z.boolean(),
	/** The entry (ranking id) that officially replaces this one, or null. */
	supersededBy: slug.nullable(),
	ecosystem: z.enum(['npm', 'pypi', 'remote', 'go']),
	/** The product several entries give access to (look-alikes share it). */
	product: z.string().min(1).nullable(),
	/** The official entry this one imitates or competes with for the same product. */
	lookAlikeOf: slug.nullable(),
	packages: z.array(packageSchema),
	repository: httpUrl.nullable(),
	remote: z.strictObject({ url: httpUrl, docs: httpUrl.nullable() }).nullable(),
	placement: z.strictObject({
		monthlyFigure: count.nullable(),
		basis: z.enum(['npm', 'pypi-rank', 'proxy', 'none']),
		proxyFor: z.string().min(1).nullable(),
		rule: z.string().min(1),
	}),
	/** The evidence for the place, in one line. */
	evidence: z.string().min(1),
	note: z.string().min(1).nullable(),
	/** The content slug of the catalogued server, or null. */
	catalogued: slug.nullable(),
	howToObtain: z.enum(HOW_TO_OBTAIN),
	obtainNotes: z.string(),
});
export type RankingEntry = z.infer<typeof rankingEntrySchema>;

const sourceSchema = z.strictObject({
	title: z.string().min(1),
	url: httpUrl.optional(),
	ref: z.string().optional(),
	date: z.string().min(1),
});

export const rankingFileSchema = z
	.strictObject({
		asOf: z.iso.date({ error: 'expected a YYYY-MM-DD date' }),
		method: z.string().min(1),
		sources: z.array(sourceSchema).min(1),
		howToObtainValues: z.record(z.enum(HOW_TO_OBTAIN), z.string().min(1)),
		servers: z.array(rankingEntrySchema).min(1),
	})
	.superRefine((file, ctx) => {
		const ids = new Map<string, number>();
		const catalogued = new Map<string, number>();
		file.servers.forEach((e, i) => {
			if (e.rank !== i + 1) ctx.addIssue({ code: 'custom', path: ['servers', i, 'rank'], message: `expected ${i + 1}: ranks run 1, 2, 3… in file order` });
			const first = ids.get(e.id);
			if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['servers', i, 'id'], message: `duplicate id "${e.id}" (first at servers[${first}])` });
			else ids.set(e.id, i);
			if (e.catalogued !== null) {
				const seen = catalogued.get(e.catalogued);
				if (seen !== undefined)
					ctx.addIssue({ code: 'custom', path: ['servers', i, 'catalogued'], message: `"${e.catalogued}" is already the catalogued server of servers[${seen}]` });
				else catalogued.set(e.catalogued, i);
			}
			const prev = file.servers[i - 1];
			if (prev && e.placement.basis !== 'none' && prev.placement.basis !== 'none' && (e.placement.monthlyFigure ?? 0) > (prev.placement.monthlyFigure ?? 0)) {
				ctx.addIssue({ code: 'custom', path: ['servers', i, 'placement', 'monthlyFigure'], message: `expected at most ${prev.placement.monthlyFigure} (the list is sorted by the figure)` });
			}
			if (prev && prev.placement.basis === 'none' && e.placement.basis !== 'none') {
				ctx.addIssue({ code: 'custom', path: ['servers', i, 'placement', 'basis'], message: 'expected "none": entries without a separable count come last' });
			}
		});
		file.servers.forEach((e, i) => {
			for (const field of ['lookAlikeOf', 'supersededBy'] as const) {
				const target = e[field];
				if (target && !ids.has(target)) ctx.addIssue({ code: 'custom', path: ['servers', i, field], message: `expected the id of another entry, found "${target}"` });
				if (target === e.id) ctx.addIssue({ code: 'custom', path: ['servers', i, field], message: 'an entry cannot point at itself' });
			}
		});
	});
export type RankingFile = z.infer<typeof rankingFileSchema>;

/** Parses the ranking file; throws a DataError naming the file, the field and what was expected. */
export function parseRanking(input: unknown, file: string): RankingFile {
	return parseOrThrow(rankingFileSchema, input, file);
}

/** Checks that every `catalogued` slug is a content file; throws a DataError naming each one that is not. */
export function checkCatalogued(ranking: RankingFile, slugs: ReadonlySet<string>, file: string): void {
	const problems = ranking.servers.flatMap((e, i) =>
		e.catalogued !== null && !slugs.has(e.catalogued)
			? [`servers[${i}].catalogued: expected a server in content/servers, found "${e.catalogued}" (${e.name})`]
			: [],
	);
	if (problems.length > 0) throw new DataError(file, problems);
}

/** A catalogued server's place among the most used. */
export interface Popularity {
	rank: number;
	/** Of how many ranked servers. */
	of: number;
	evidence: string;
	/** The monthly figure the place rests on, when it has one. */
	monthlyFigure: number | null;
	asOf: string;
}

/** A ranked server related to another: its ranking id, name, and content slug when catalogued. */
export interface RelatedServer {
	id: string;
	name: string;
	vendor: string;
	official: boolean;
	slug: string | null;
}

/** Who a server is: vendor or community, deprecated, archived, superseded, and which servers look like it. */
export interface Identity {
	vendor: string;
	official: boolean;
	reference: boolean;
	deprecated: string | null;
	archived: boolean;
	supersededBy: RelatedServer | null;
	/** Other servers for the same product (the official one first), most used first. */
	lookAlikes: RelatedServer[];
	product: string | null;
}

export interface RankingFacts {
	popularity: Popularity;
	identity: Identity;
}

const related = (e: RankingEntry): RelatedServer => ({
	id: e.id,
	name: e.name,
	vendor: e.vendor,
	official: e.official,
	slug: e.catalogued,
});

/** What the ranking says about each catalogued server, by content slug. */
export function rankingFacts(ranking: RankingFile): Map<string, RankingFacts> {
	const byId = new Map(ranking.servers.map((e) => [e.id, e]));
	const byProduct = new Map<string, RankingEntry[]>();
	for (const e of ranking.servers) if (e.product !== null) byProduct.set(e.product, [...(byProduct.get(e.product) ?? []), e]);
	const out = new Map<string, RankingFacts>();
	for (const e of ranking.servers) {
		if (e.catalogued === null) continue;
		const family = (e.product === null ? [] : (byProduct.get(e.product) ?? [])).filter((x) => x !== e);
		const lookAlikes = [...family.filter((x) => x.official), ...family.filter((x) => !x.official)].map(related);
		const superseding = e.supersededBy ? byId.get(e.supersededBy) : undefined;
		out.set(e.catalogued, {
			popularity: {
				rank: e.rank,
				of: ranking.servers.length,
				evidence: e.evidence,
				monthlyFigure: e.placement.monthlyFigure,
				asOf: ranking.asOf,
			},
			identity: {
				vendor: e.vendor,
				official: e.official,
				reference: e.reference,
				deprecated: e.deprecated,
				archived: e.archived,
				supersededBy: superseding ? related(superseding) : null,
				lookAlikes,
				product: e.product,
			},
		});
	}
	return out;
}
