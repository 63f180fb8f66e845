/**
 * An MCP tool definition, as a server returns it in a `tools/list` result.
 * @see https://modelcontextprotocol.io/specification/2025-06-18/server/tools
 *
 * Fields we do not model (`icons`, `_meta`, `execution`, vendor extensions) are kept as they came:
 * content files hold what servers said, verbatim.
 */
import { z } from 'zod';

/** A JSON Schema as found in the wild: any JSON object. The classifier walks it defensively. */
export const jsonSchemaObject = z.record(z.string(), z.unknown());

export const toolAnnotationsSchema = z.looseObject({
	/** A human-readable title; newer revisions put it on the tool itself. */
	title: z.string().optional(),
	/** The tool does not modify its environment. Default false. */
	readOnlyHint: z.boolean().optional(),
	/** The tool may perform destructive updates (meaningful when not read-only). Default true. */
	destructiveHint: z.boolean().optional(),
	/** Repeated calls with the same arguments have no further effect. Default false. */
	idempotentHint: z.boolean().optional(),
	/** The tool interacts with an open world of external entities. Default true. */
	openWorldHint: z.boolean().optional(),
});

export const mcpToolSchema = z.looseObject({
	/** The identifier used in `tools/call`. Required; unique per server in principle, not always in practice. */
	name: z.string().min(1, 'expected a non-empty tool name'),
	/** Optional display name (protocol revision 2025-06-18 and later). Some imports record an explicit null. */
	title: z.string().nullable().optional(),
	/** Free text written by the server author. Untrusted: rendered as text only. */
	description: z.string().nullable().optional(),
	/** JSON Schema of the arguments. Absent only where the content file marks the schema as unpublished. */
	inputSchema: jsonSchemaObject.nullable().optional(),
	/** JSON Schema of structured results, if the server declares one. */
	outputSchema: jsonSchemaObject.nullable().optional(),
	/** Behaviour hints: the author's claim, not a fact. */
	annotations: toolAnnotationsSchema.optional(),
});
export type McpTool = z.infer<typeof mcpToolSchema>;
