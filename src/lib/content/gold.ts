/**
 * The gold set: a frozen sample of catalogued tool definitions (`content/gold/tools.jsonl`, its labelling
 * batches and the agreement sample) and the hand labels written for them (`content/gold/labels/*.jsonl`).
 * The eval runs the classifier on the snapshot, never on the live catalogue, so a re-scan cannot move
 * the figures. Labels follow docs/labelling-guide.md.
 */
import { z } from 'zod';
import { DataError, formatPath } from './errors.ts';
import { jsonSchemaObject, toolAnnotationsSchema, type McpTool } from './mcp-tool.ts';
import { toolEntrySchema } from './server.ts';
import { categorySchema } from '../taxonomy.ts';

/** Why a tool is in the sample: every tool of a most-used server, or a stratum it was drawn for. */
export const goldWhySchema = z.union([z.literal('top-40'), z.string().regex(/^stratum:[a-z0-9-]+$/, 'expected "top-40" or "stratum:<name>"')]);

/** One sampled tool: the definition exactly as catalogued, and where it came from. */
export const goldToolSchema = z.strictObject({
	server: z.string().min(1, 'expected the server slug'),
	/** For monorepos that list the same tool name under several sub-servers. */
	subServer: z.string().min(1).optional(),
	tool: z.string().min(1, 'expected the tool name'),
	title: z.string().optional(),
	/** Absent when the server publishes no description. */
	description: z.string().optional(),
	/** Absent when the server publishes no input schema (then `knownParameters` may name parameters). */
	inputSchema: jsonSchemaObject.optional(),
	annotations: toolAnnotationsSchema.optional(),
	/** As in the content file: parameter names known from other evidence when the schema is unpublished. */
	knownParameters: toolEntrySchema.shape.knownParameters,
	/** In tools.jsonl only: withheld from the labelling files so labels stay blind to the sampling proxy. */
	why: goldWhySchema.optional(),
	/** In agreement-sample.jsonl only: the batch the tool is also in. */
	batch: z.string().regex(/^batch-[1-9]$/, 'expected batch-<n>').optional(),
});
export type GoldTool = z.infer<typeof goldToolSchema>;

/** One hand label. */
export const goldLabelSchema = z.strictObject({
	server: z.string().min(1, 'expected the server slug'),
	subServer: z.string().min(1).optional(),
	tool: z.string().min(1, 'expected the tool name'),
	category: categorySchema,
	reason: z
		.string()
		.min(3, 'expected a one-line reason')
		.refine((s) => !/[\r\n]/.test(s), 'expected one line'),
	labeller: z.enum(['A', 'B']),
});
export type GoldLabel = z.infer<typeof goldLabelSchema>;

/** The key that identifies a tool across the gold files. */
export function goldKey(t: { server: string; subServer?: string | undefined; tool: string }): string {
	return t.subServer === undefined ? `${t.server}/${t.tool}` : `${t.server}/${t.subServer}/${t.tool}`;
}

/**
 * Parses JSON Lines with `schema`; throws a DataError naming the file, each failing line and field and what
 * was expected. Blank lines are skipped; nothing else is.
 */
export function parseJsonLines<S extends z.ZodType>(text: string, file: string, schema: S): z.output<S>[] {
	const out: z.output<S>[] = [];
	const problems: string[] = [];
	text.split('\n').forEach((line, i) => {
		if (line.trim() === '') return;
		let value: unknown;
		try {
			value = JSON.parse(line);
		} catch (error) {
			problems.push(`line ${i + 1}: expected one JSON value (${(error as Error).message})`);
			return;
		}
		const result = schema.safeParse(value);
		if (result.success) out.push(result.data);
		else for (const issue of result.error.issues) problems.push(`line ${i + 1}: ${formatPath(issue.path)}: ${issue.message}`);
	});
	if (problems.length > 0) throw new DataError(file, problems);
	return out;
}

/** The MCP definition a gold line stands for, as the classifier takes it. */
export function goldDefinition(t: GoldTool): McpTool {
	return {
		name: t.tool,
		...(t.title !== undefined ? { title: t.title } : {}),
		...(t.description !== undefined ? { description: t.description } : {}),
		...(t.inputSchema !== undefined ? { inputSchema: t.inputSchema } : {}),
		...(t.annotations !== undefined ? { annotations: t.annotations } : {}),
	};
}
