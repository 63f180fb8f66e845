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

/** How the tool list was obtained. */
export const provenanceSchema = z
	.strictObject({
		/** `scan`: our scanner started the server and asked `tools/list`. `import`: a published or reconstructed list. */
		method: z.enum(['scan', 'import']),
		/** When the tool list was obtained (scan date, or the date the import was made). */
		obtainedAt: isoDate,
		/** When the server was first catalogued; re-scans keep it. Absent means `obtainedAt`. */
		firstObtainedAt: isoDate.optional(),
		/** `sha256:` + hex of the canonical JSON of the tool definitions, in listed order. Checked on every build. */
		toolsHash: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'expected "sha256:" followed by 64 hex digits'),
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
	.refine((p) => p.method !== 'scan' || p.scan !== undefined, { message: 'a scan must record its scan details', path: ['scan'] });
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
