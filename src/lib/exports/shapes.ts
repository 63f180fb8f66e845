/**
 * The shapes of every machine-readable export, as zod schemas. Each export object is built and then
 * parsed through its schema before it is written (see `parseExport`), so a generator bug fails the
 * build instead of publishing a malformed file; the JSON Schemas served under `/api/schemas/` are
 * generated from these same definitions (`json-schema.ts`), so the published schema cannot drift
 * from what is written.
 *
 * Our own shapes are strict (an unexpected field is an error, and `additionalProperties: false` in
 * the JSON Schema); third-party blobs (tool definitions, input schemas) are kept as they came.
 */
import { z } from 'zod';
import { attackSchema } from '../content/attack.ts';
import { mcpToolSchema } from '../content/mcp-tool.ts';
import {
	distributionSchema,
	originSchema,
	PART_STATUSES,
	PROVENANCE_METHOD_IDS,
	provenanceSchema,
	TOOL_CHANGE_FIELDS,
	toolChangeSchema,
	type PartStatus,
} from '../content/server.ts';
import { CATEGORY_IDS, categorySchema, RISK_LEVEL_IDS, riskLevelSchema, SIGNAL_IDS, signalIdSchema } from '../taxonomy.ts';

const SHA256 = /^sha256:[0-9a-f]{64}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

const url = z.url({ protocol: /^https?$/, error: 'expected an absolute http(s) URL' });
/** A path on this site (`/tools/x/y/`), as the tool twin links its own pages. */
const sitePath = z.string().regex(/^\/[^\s]*$/, 'expected a site path starting with "/"');
const isoDate = z.string().regex(ISO_DATE, 'expected an ISO 8601 date or date-time');
const hash = z.string().regex(SHA256, 'expected "sha256:" followed by 64 hex digits');
const count = z.number().int().nonnegative();
const partStatusSchema = z.enum(Object.keys(PART_STATUSES) as [PartStatus, ...PartStatus[]]);

/** One piece of evidence: the rule that fired, the part of the definition it read, the field path and the matched text. */
const evidenceSchema = z.strictObject({
	rule: z.string().min(1),
	source: z.enum(['name', 'title', 'description', 'schema', 'known-parameter', 'annotations']),
	/** Field path: `name`, `description`, a parameter path such as `attachments[].url`. */
	field: z.string(),
	match: z.string(),
});

const signalFindingSchema = z.strictObject({ id: signalIdSchema, evidence: z.array(evidenceSchema).min(1) });

/** The MCP annotation hints a server declared (absent hints are not listed): its claim, not a fact. */
const declaredAnnotationsSchema = z.strictObject({
	readOnlyHint: z.boolean().optional(),
	destructiveHint: z.boolean().optional(),
	idempotentHint: z.boolean().optional(),
	openWorldHint: z.boolean().optional(),
});

const levelRuleSchema = z.strictObject({ rule: z.string().min(1), reason: z.string().min(1) });

/** Counts per level, category and signal: every id of the taxonomy is present, zeros included. */
function countsBy<K extends string>(keys: readonly K[]) {
	return z.strictObject(Object.fromEntries(keys.map((k) => [k, count])) as Record<K, typeof count>);
}
const countsSchema = z.strictObject({
	tools: count,
	byLevel: countsBy(RISK_LEVEL_IDS),
	byCategory: countsBy(CATEGORY_IDS),
	bySignal: countsBy(SIGNAL_IDS),
});

/** `/tools/<server>/<tool>.json`: the JSON twin of a tool page (built by `toolJson` in `tool-page.ts`). */
export const toolTwinSchema = z.strictObject({
	id: z.string().min(1),
	url: sitePath,
	server: z.strictObject({ slug: z.string().min(1), name: z.string().min(1), url: sitePath }),
	subServer: z.string().optional(),
	/** The tool exactly as the server lists it. */
	definition: mcpToolSchema,
	definitionStatus: z.strictObject({
		description: partStatusSchema.optional(),
		inputSchema: partStatusSchema.optional(),
		outputSchema: partStatusSchema.optional(),
		note: z.string().optional(),
	}),
	knownParameters: z.array(z.strictObject({ name: z.string(), evidence: z.string() })).optional(),
	judgement: z.strictObject({
		classifierVersion: z.string().min(1),
		category: categorySchema,
		categoryEvidence: z.array(evidenceSchema),
		level: riskLevelSchema,
		levelRule: levelRuleSchema.optional(),
		signals: z.array(signalFindingSchema),
		annotations: z.strictObject({ declared: declaredAnnotationsSchema, contradictions: z.array(evidenceSchema) }),
		parameterCount: count,
	}),
	policy: z.strictObject({
		effect: z.string().min(1),
		/** An Intercept policy document (validated against the engine's rules when it is built). */
		intercept: z.record(z.string(), z.unknown()),
		/** A PolicyLayer policy document (validated likewise). */
		policylayer: z.record(z.string(), z.unknown()),
	}),
	attacks: z.array(z.strictObject({ slug: z.string().min(1), url: sitePath, title: z.string().min(1), why: z.string().min(1) })),
	/** When the tool was first catalogued (the re-scan that added it, else the server's first catalogue date). */
	firstCatalogued: isoDate,
	/** Dated changes found by re-scans, oldest first, with the previous values verbatim; absent when none. */
	history: z.array(z.strictObject({ date: isoDate, version: z.string().optional(), change: toolChangeSchema })).optional(),
	provenance: provenanceSchema,
});

/** The tool-list facts of a server export: where the list came from, when, which version, which hash. */
const serverProvenanceSchema = z.strictObject({
	method: z.enum(PROVENANCE_METHOD_IDS),
	/** Version, repository, commit, path or page the list was read from, and whether it is the release. */
	origin: originSchema.optional(),
	/** When the current tool list was obtained (the latest scan or import). */
	obtainedAt: isoDate,
	/** When the server was first catalogued. */
	firstObtainedAt: isoDate,
	/** The package version the current list is from, when the distribution has one. */
	packageVersion: z.string().optional(),
	toolsHash: hash,
	completeness: z.enum(['complete', 'partial']),
	toolCountClaimed: count.optional(),
	claimSource: z.string().optional(),
	sources: z
		.array(z.strictObject({ title: z.string().min(1), url: url.optional(), ref: z.string().optional(), note: z.string().optional() }))
		.min(1),
	scan: z
		.strictObject({
			scanner: z.string(),
			transport: z.string(),
			target: z.string(),
			protocolVersion: z.string().optional(),
			serverInfo: z.looseObject({ name: z.string(), version: z.string().optional() }).optional(),
			pages: z.number().int().positive(),
		})
		.optional(),
});

/** One tool in a server export: identity, links and the judgement in brief (the twin has the rest). */
const serverToolSchema = z.strictObject({
	id: z.string().min(1),
	name: z.string().min(1),
	title: z.string().optional(),
	subServer: z.string().optional(),
	url,
	json: url,
	category: categorySchema,
	level: riskLevelSchema,
	levelRule: levelRuleSchema.optional(),
	signals: z.array(signalFindingSchema),
	annotations: declaredAnnotationsSchema,
});

/** `/servers/<server>.json`: one server's facts and the judgement on each of its tools. */
export const serverExportSchema = z.strictObject({
	$schema: url,
	slug: z.string().min(1),
	name: z.string().min(1),
	description: z.string().optional(),
	homepage: url.optional(),
	repository: url.optional(),
	url,
	datasetVersion: z.string().min(1),
	classifierVersion: z.string().min(1),
	distributions: z.array(distributionSchema).min(1),
	provenance: serverProvenanceSchema,
	subServers: z.array(z.strictObject({ id: z.string().min(1), name: z.string().min(1) })).optional(),
	counts: countsSchema,
	tools: z.array(serverToolSchema),
	/** Whole-server policy downloads, one pair per deployable unit. */
	policies: z.array(z.strictObject({ unit: z.string().min(1), name: z.string().min(1), tools: count, intercept: url, policylayer: url })),
	/** Re-scans that changed the tool list, oldest first (previous values are in the content file). */
	history: z.array(
		z.strictObject({
			date: isoDate,
			version: z.string().optional(),
			previousToolsHash: hash,
			toolsHash: hash,
			changes: z
				.array(
					z.strictObject({
						tool: z.string().min(1),
						subServer: z.string().optional(),
						change: z.enum(['added', 'removed', 'changed', 'renamed']),
						fields: z.array(z.enum(TOOL_CHANGE_FIELDS)).optional(),
						renamedFrom: z.string().optional(),
					}),
				)
				.min(1),
		}),
	),
});

/** One line of `/api/catalogue.ndjson`: a tool with everything needed to use it without another file. */
export const catalogueLineSchema = z.strictObject({
	server: z.string().min(1),
	serverName: z.string().min(1),
	subServer: z.string().optional(),
	id: z.string().min(1),
	name: z.string().min(1),
	title: z.string().optional(),
	/** The server author's text, verbatim (untrusted); empty when the server gives none. */
	description: z.string(),
	category: categorySchema,
	level: riskLevelSchema,
	levelRule: levelRuleSchema.optional(),
	signals: z.array(signalFindingSchema),
	annotations: declaredAnnotationsSchema,
	parameterCount: count,
	url,
	json: url,
	serverUrl: url,
});

const linkSchema = z.strictObject({
	id: z.string().min(1),
	title: z.string().min(1),
	/** The file's URL, or a template with `{server}` / `{tool}` for per-server and per-tool files. */
	url: z.string().min(1),
	mediaType: z.string().min(1),
	/** The JSON Schema the file (or each NDJSON line) conforms to. */
	schema: url.optional(),
	/** How many files (for templates) or records it holds. */
	count: count.optional(),
	description: z.string().min(1),
});

/** `/api/index.json`: counts, the dataset version, licence and a link to every export, feed and schema. */
export const indexSchema = z.strictObject({
	$schema: url,
	title: z.string().min(1),
	description: z.string().min(1),
	site: url,
	/** Changes whenever any tool list, the classifier or the export format changes; never with the build time. */
	datasetVersion: z.string().min(1),
	classifierVersion: z.string().min(1),
	formatVersion: z.string().min(1),
	/** The newest date in the data (a scan, import or re-scan). */
	dataUpdated: isoDate,
	licence: z.strictObject({
		content: z.strictObject({ id: z.literal('CC-BY-4.0'), url }),
		code: z.strictObject({ id: z.literal('MIT'), url }),
	}),
	citation: z.string().min(1),
	counts: countsSchema.extend({ servers: count }),
	exports: z.array(linkSchema),
	feeds: z.array(linkSchema),
	schemas: z.array(z.strictObject({ id: z.string().min(1), url })),
	sitemap: url,
});

/** `/api/attacks.json`: every attack entry's facts with its exposure counts. */
export const attacksExportSchema = z.strictObject({
	$schema: url,
	count,
	attacks: z.array(
		z.strictObject({
			slug: z.string().min(1),
			url: sitePath,
			...attackSchema.shape,
			exposure: z.strictObject({ tools: count, servers: z.array(z.strictObject({ server: z.string().min(1), tools: count })) }),
		}),
	),
});

/** Every export schema by the name it is served under: `/api/schemas/<name>.schema.json`. */
export const EXPORT_SCHEMAS = {
	tool: { schema: toolTwinSchema, title: 'toolrisk tool (JSON twin of a tool page)' },
	server: { schema: serverExportSchema, title: 'toolrisk server export' },
	'catalogue-line': { schema: catalogueLineSchema, title: 'toolrisk catalogue line (one NDJSON record)' },
	index: { schema: indexSchema, title: 'toolrisk data index' },
	attacks: { schema: attacksExportSchema, title: 'toolrisk attack database export' },
} as const satisfies Record<string, { schema: z.ZodType; title: string }>;
export type ExportSchemaName = keyof typeof EXPORT_SCHEMAS;
export const EXPORT_SCHEMA_NAMES = Object.keys(EXPORT_SCHEMAS) as ExportSchemaName[];

export type ToolTwin = z.output<typeof toolTwinSchema>;
export type ServerExport = z.output<typeof serverExportSchema>;
export type CatalogueLine = z.output<typeof catalogueLineSchema>;
export type DataIndex = z.output<typeof indexSchema>;
export type AttacksExport = z.output<typeof attacksExportSchema>;
