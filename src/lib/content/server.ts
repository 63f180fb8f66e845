/**
 * `content/servers/<slug>.json`: one catalogued MCP server. Facts only: who the server is, how it is
 * obtained, how its tool list was obtained (provenance) and the tools exactly as the server lists them.
 * No judgement lives here; categories, levels, signals and policies are recomputed on every build.
 */
import { z } from 'zod';
import { mcpToolSchema } from './mcp-tool.ts';

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slug = z.string().regex(SLUG_PATTERN, 'expected a lower-case slug such as "my-server" (a-z, 0-9, single hyphens)');
const isoDate = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/, 'expected an ISO 8601 date or date-time');
const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });

/** MCP transports. `stdio` servers are started as a child process; the others are reached over HTTP. */
const TRANSPORTS = ['stdio', 'streamable-http', 'sse'] as const;
const transportSchema = z.enum(TRANSPORTS);
export type Transport = z.infer<typeof transportSchema>;

/** An environment variable a server documents (never a value). */
const envVarSchema = z.strictObject({
	name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name'),
	required: z.boolean().default(false),
	secret: z.boolean().default(false),
	description: z.string().optional(),
});

/** One way to obtain and run the server. */
export const distributionSchema = z.discriminatedUnion('kind', [
	z.strictObject({
		kind: z.literal('npm'),
		package: z.string().min(1),
		version: z.string().min(1),
		transport: transportSchema.default('stdio'),
		/** Arguments after the package name (`npx -y <package>@<version> ...args`). */
		args: z.array(z.string()).default([]),
		env: z.array(envVarSchema).default([]),
	}),
	z.strictObject({
		kind: z.literal('pypi'),
		package: z.string().min(1),
		version: z.string().min(1).optional(),
		transport: transportSchema.default('stdio'),
		args: z.array(z.string()).default([]),
		env: z.array(envVarSchema).default([]),
	}),
	z.strictObject({
		kind: z.literal('oci'),
		image: z.string().min(1),
		transport: transportSchema.default('stdio'),
		env: z.array(envVarSchema).default([]),
	}),
	z.strictObject({
		kind: z.literal('remote'),
		url: httpUrl,
		transport: z.enum(['streamable-http', 'sse']),
		/** How the endpoint authenticates callers, in words (no secrets). */
		auth: z.string().optional(),
	}),
]);
export type Distribution = z.infer<typeof distributionSchema>;

/** A reference backing a fact: a URL, a repository path at a commit, a package version. */
const sourceRefSchema = z
	.strictObject({
		title: z.string().min(1),
		url: httpUrl.optional(),
		ref: z.string().optional(),
		note: z.string().optional(),
	})
	.refine((s) => s.url !== undefined || s.ref !== undefined, 'expected a url or a ref');

/**
 * How a tool list can be obtained, and how exact each way is. The one list of provenance methods: the
 * schema, the pages' one-line provenance and the exports all derive from it.
 */
export const PROVENANCE_METHODS = {
	scan: {
		label: 'live scan',
		grade: 'exact',
		summary: 'toolrisk started the server (or reached it) and asked it for its tools over MCP',
		exactness: 'exact: the definitions as the running server listed them',
	},
	snapshot: {
		label: 'repository snapshot',
		grade: 'exact as published',
		summary: "imported from the tool definitions published in the server's own repository",
		exactness: 'exact as published: the repository keeps the definitions the server emits, generated from its code',
	},
	source: {
		label: 'from source',
		grade: 'from source',
		summary:
			"taken from the server's source at a pinned commit: listed by the server's own tools/list handler, its code imported with the MCP SDK in toolrisk's sandbox, or extracted from its tool-builder calls without running it (the notes say which)",
		exactness:
			"listed from source: the server's own answer for the commit read, on the SDK version its lock file pins; extracted from builder calls: names and descriptions are the code's own strings, schemas rebuilt from the code, and each tool's status says what could not be resolved",
	},
	docs: {
		label: 'vendor documentation',
		grade: 'partial, from documentation',
		summary: "taken from the vendor's documentation of the server",
		exactness: 'partial: names and descriptions as documented; schemas only where the documentation gives them, never invented',
	},
	import: {
		label: 'import',
		grade: 'as exact as its sources',
		summary: 'imported from a tools-list file (published, captured elsewhere, or reconstructed; see the sources)',
		exactness: 'as faithful as its sources: each tool records which parts are exact',
	},
} as const;
export type ProvenanceMethod = keyof typeof PROVENANCE_METHODS;
export const PROVENANCE_METHOD_IDS = Object.keys(PROVENANCE_METHODS) as [ProvenanceMethod, ...ProvenanceMethod[]];

/** Methods that read a repository: they must name it, the commit and the path they read. */
const REPOSITORY_METHODS: ReadonlySet<ProvenanceMethod> = new Set(['snapshot', 'source']);

/**
 * Where the tool list comes from: the released version it describes, the repository, commit and path
 * it was read from, the documentation page, and whether what was read is the released version.
 */
export const originSchema = z
	.strictObject({
		/** The released version (package version or release tag) the tool list describes, when there is one. */
		version: z.string().min(1).optional(),
		repository: httpUrl.optional(),
		/** The commit read (full 40-hex for snapshot and source; older imports record the short form they cite). */
		commit: z
			.string()
			.regex(/^[0-9a-f]{7,40}$/, 'expected a git commit id (7 to 40 lower-case hex digits)')
			.optional(),
		/** The tag or branch the commit was found under (`v1.2.3`). */
		ref: z.string().min(1).optional(),
		/** The file, folder or glob read inside the repository (`pkg/github/__toolsnaps__/*.snap`). */
		path: z.string().min(1).optional(),
		/** The documentation page the list was taken from. */
		url: httpUrl.optional(),
		/** The date of what was read: the commit's date, or the date of the documentation copy. */
		date: isoDate.optional(),
		/**
		 * Whether what was read is the released version: `true` (a scan of the published package, a
		 * snapshot at the release tag), `false` (known to differ) or `unknown`.
		 */
		matchesRelease: z.union([z.boolean(), z.literal('unknown')], { error: 'expected true, false or "unknown"' }),
		/** Why the source does not (or may not) match the release; required unless `matchesRelease` is true. */
		releaseNote: z.string().min(1).optional(),
	})
	.superRefine((o, ctx) => {
		if (o.matchesRelease !== true && o.releaseNote === undefined) {
			ctx.addIssue({
				code: 'custom',
				path: ['releaseNote'],
				message: `expected a note saying why matchesRelease is ${JSON.stringify(o.matchesRelease)}`,
			});
		}
	});
export type Origin = z.infer<typeof originSchema>;

/** How the tool list was obtained. */
export const provenanceSchema = z
	.strictObject({
		/** One of PROVENANCE_METHODS: `scan`, `snapshot`, `source`, `docs` or `import`. */
		method: z.enum(PROVENANCE_METHOD_IDS, { error: `expected one of ${PROVENANCE_METHOD_IDS.join(', ')}` }),
		/** When the tool list was obtained (scan date, or the date the import was made). */
		obtainedAt: isoDate,
		/** When the server was first catalogued; re-scans keep it. Absent means `obtainedAt`. */
		firstObtainedAt: isoDate.optional(),
		/** `sha256:` + hex of the canonical JSON of the tool definitions, in listed order. Checked on every build. */
		toolsHash: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'expected "sha256:" followed by 64 hex digits'),
		/**
		 * Version, repository, commit, path or page the list was read from, and whether it is the released
		 * version. Required for snapshot, source and docs; every file in content/servers records it.
		 */
		origin: originSchema.optional(),
		/** Where the facts come from. */
		sources: z.array(sourceRefSchema).min(1, 'expected at least one source'),
		/** Details a live scan records. */
		scan: z
			.strictObject({
				scanner: z.string(),
				transport: transportSchema,
				target: z.string().min(1),
				protocolVersion: z.string().optional(),
				serverInfo: z.looseObject({ name: z.string(), version: z.string().optional() }).optional(),
				pages: z.number().int().positive(),
			})
			.optional(),
		/** Whether every tool the server exposes is listed. */
		completeness: z.enum(['complete', 'partial']),
		/** A tool count claimed elsewhere (another catalogue, the README), with where it was claimed. */
		toolCountClaimed: z.number().int().nonnegative().optional(),
		claimSource: z.string().optional(),
		notes: z.string().optional(),
	})
	.superRefine((p, ctx) => {
		if (p.method === 'scan' && p.scan === undefined) ctx.addIssue({ code: 'custom', path: ['scan'], message: 'a scan must record its scan details' });
		if (p.method !== 'scan' && p.scan !== undefined)
			ctx.addIssue({ code: 'custom', path: ['scan'], message: `scan details belong to method "scan", not "${p.method}"` });
		if (p.method === 'scan' || p.method === 'import') return;
		if (p.origin === undefined) {
			ctx.addIssue({ code: 'custom', path: ['origin'], message: `expected an origin: method "${p.method}" must say where its list was read` });
			return;
		}
		if (REPOSITORY_METHODS.has(p.method)) {
			for (const field of ['repository', 'commit', 'path'] as const) {
				if (p.origin[field] === undefined)
					ctx.addIssue({ code: 'custom', path: ['origin', field], message: `expected origin.${field}: method "${p.method}" reads a repository` });
			}
			if (p.origin.commit !== undefined && p.origin.commit.length !== 40)
				ctx.addIssue({ code: 'custom', path: ['origin', 'commit'], message: `expected the full 40-digit commit for method "${p.method}"` });
		}
		if (p.method === 'docs') {
			if (p.origin.url === undefined)
				ctx.addIssue({ code: 'custom', path: ['origin', 'url'], message: 'expected origin.url: the documentation page the list was taken from' });
			if (p.origin.date === undefined)
				ctx.addIssue({ code: 'custom', path: ['origin', 'date'], message: 'expected origin.date: the date of the documentation copy read' });
			if (p.completeness !== 'partial')
				ctx.addIssue({ code: 'custom', path: ['completeness'], message: 'expected "partial": documentation is not a live tool list' });
		}
	});
export type Provenance = z.infer<typeof provenanceSchema>;

/** How faithful one part of a tool definition is. Absent means `exact`. */
export const PART_STATUSES = {
	exact: 'exactly as the server returns it',
	normalised: 'text exact, but whitespace or line breaks were normalised by the source',
	truncated: 'cut short by the only public source; the rest is not published',
	reconstructed: 'rebuilt from the server source code or documentation, not captured from a live server',
	partial: 'only some parameters are known',
	unpublished: 'not published anywhere we could find',
	missing: 'the server gives none',
} as const;
export type PartStatus = keyof typeof PART_STATUSES;
const partStatus = z.enum(Object.keys(PART_STATUSES) as [PartStatus, ...PartStatus[]]);

export const toolEntrySchema = z
	.strictObject({
		/** The tool exactly as `tools/list` returns it (or as faithfully as the source allows; see `status`). */
		definition: mcpToolSchema,
		/** For monorepos of several MCP servers: which one lists this tool (an id from `subServers`). */
		subServer: slug.optional(),
		/** Faithfulness of each part; absent parts are exact. */
		status: z
			.strictObject({
				description: partStatus.optional(),
				inputSchema: partStatus.optional(),
				outputSchema: partStatus.optional(),
				note: z.string().optional(),
			})
			.optional(),
		/** Parameter names known from other evidence when the schema is unpublished or partial. */
		knownParameters: z.array(z.strictObject({ name: z.string().min(1), evidence: z.string().min(1) })).optional(),
		/** Where the tool is defined in the server's source. */
		source: z.strictObject({ path: z.string(), line: z.number().int().positive().optional() }).optional(),
		/** The server lists this tool only under a condition (an environment variable, a flag). */
		listedOnlyIf: z.string().optional(),
	})
	.superRefine((entry, ctx) => {
		const schemaStatus = entry.status?.inputSchema;
		const hasSchema = entry.definition.inputSchema != null;
		if (!hasSchema && schemaStatus !== 'unpublished') {
			ctx.addIssue({
				code: 'custom',
				path: ['definition', 'inputSchema'],
				message: 'expected an inputSchema object (MCP requires one); mark status.inputSchema "unpublished" if none is public',
			});
		}
		if (hasSchema && schemaStatus === 'unpublished') {
			ctx.addIssue({ code: 'custom', path: ['status', 'inputSchema'], message: 'the schema is present, so it cannot be "unpublished"' });
		}
	});
export type ToolEntry = z.infer<typeof toolEntrySchema>;

/** The parts of a tool definition a re-scan compares; anything else that changed is reported as `other`. */
export const TOOL_CHANGE_FIELDS = ['name', 'title', 'description', 'inputSchema', 'outputSchema', 'annotations', 'other'] as const;
export type ToolChangeField = (typeof TOOL_CHANGE_FIELDS)[number];

/**
 * One change to one tool, found by comparing a re-scan with the definitions it replaces. `before` holds
 * the previous values of the changed parts (verbatim, so pages can show what changed); the current
 * values are the tool's definition in `tools[]`. A rename is recorded as `renamed` when the rest of
 * the definition is unchanged, otherwise as `removed` plus `added`.
 */
export const toolChangeSchema = z
	.strictObject({
		/** The tool's name after the change (for `removed`, the name it had). */
		tool: z.string().min(1),
		subServer: slug.optional(),
		change: z.enum(['added', 'removed', 'changed', 'renamed']),
		/** For `changed` and `renamed`: which parts differ. */
		fields: z.array(z.enum(TOOL_CHANGE_FIELDS)).optional(),
		/** Previous values of the changed parts; for `removed`, the whole last definition. */
		before: z.record(z.string(), z.unknown()).optional(),
	})
	.superRefine((c, ctx) => {
		if ((c.change === 'changed' || c.change === 'renamed') && !(c.fields && c.fields.length > 0)) {
			ctx.addIssue({ code: 'custom', path: ['fields'], message: `expected the changed fields for a "${c.change}" change` });
		}
		if (c.change === 'renamed' && typeof c.before?.['name'] !== 'string') {
			ctx.addIssue({ code: 'custom', path: ['before', 'name'], message: 'expected the previous name for a rename' });
		}
	});
export type ToolChange = z.infer<typeof toolChangeSchema>;

/** One re-scan that changed the tool list: when, which package version, and every tool that changed. */
const historyEntrySchema = z.strictObject({
	date: isoDate,
	/** The version scanned (npm or PyPI), when the distribution has one. */
	version: z.string().optional(),
	previousToolsHash: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'expected "sha256:" followed by 64 hex digits'),
	toolsHash: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'expected "sha256:" followed by 64 hex digits'),
	changes: z.array(toolChangeSchema).min(1, 'expected at least one change (a re-scan that changed nothing is not recorded)'),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const serverFileSchema = z
	.strictObject({
		$schema: z.string().optional(),
		slug,
		name: z.string().min(1),
		description: z.string().optional(),
		homepage: httpUrl.optional(),
		repository: httpUrl.optional(),
		distributions: z.array(distributionSchema).min(1, 'expected at least one way to obtain the server'),
		provenance: provenanceSchema,
		/** Independent MCP servers shipped together (a monorepo); each tool names the one that lists it. */
		subServers: z
			.array(z.strictObject({ id: slug, name: z.string().min(1), description: z.string().optional(), command: z.string().optional() }))
			.optional(),
		tools: z.array(toolEntrySchema),
		/** Dated changes found by re-scans, oldest first. The last entry's `toolsHash` is the current one. */
		history: z.array(historyEntrySchema).optional(),
	})
	.superRefine((server, ctx) => {
		server.history?.forEach((h, i, all) => {
			if (i > 0 && h.date < all[i - 1]!.date) {
				ctx.addIssue({ code: 'custom', path: ['history', i, 'date'], message: `expected history oldest first (${h.date} is before ${all[i - 1]!.date})` });
			}
			if (i > 0 && h.previousToolsHash !== all[i - 1]!.toolsHash) {
				ctx.addIssue({ code: 'custom', path: ['history', i, 'previousToolsHash'], message: 'expected the previous entry\'s toolsHash: history entries must chain' });
			}
		});
		const last = server.history?.at(-1);
		if (last && last.toolsHash !== server.provenance.toolsHash) {
			ctx.addIssue({ code: 'custom', path: ['history', server.history!.length - 1, 'toolsHash'], message: 'expected the latest history entry to end at provenance.toolsHash' });
		}
		const subIds = new Set(server.subServers?.map((s) => s.id));
		if (server.subServers && subIds.size !== server.subServers.length) {
			ctx.addIssue({ code: 'custom', path: ['subServers'], message: 'expected unique sub-server ids' });
		}
		const seen = new Map<string, number>();
		server.tools.forEach((tool, i) => {
			if (tool.subServer !== undefined && !subIds.has(tool.subServer)) {
				ctx.addIssue({
					code: 'custom',
					path: ['tools', i, 'subServer'],
					message: `expected one of the declared subServers (${[...subIds].join(', ') || 'none declared'})`,
				});
			}
			if (server.subServers && tool.subServer === undefined) {
				ctx.addIssue({ code: 'custom', path: ['tools', i, 'subServer'], message: 'expected a subServer: this server declares sub-servers' });
			}
			const key = `${tool.subServer ?? ''}\u0000${tool.definition.name}`;
			const first = seen.get(key);
			if (first !== undefined) {
				ctx.addIssue({
					code: 'custom',
					path: ['tools', i, 'definition', 'name'],
					message: `duplicate tool name "${tool.definition.name}" (first at tools[${first}])${tool.subServer ? ` in sub-server ${tool.subServer}` : ''}`,
				});
			} else seen.set(key, i);
		});
	});
export type ServerFile = z.infer<typeof serverFileSchema>;
export type ServerFileInput = z.input<typeof serverFileSchema>;
