/**
 * What a vendor's documentation says about a hosted server's tools, turned into content-file tool
 * entries marked as such. The input is a small data file (`content/docs/<slug>.json`) written from the
 * documentation page: tool names, the documented description of each, and parameters or a schema only
 * where the page gives them. Nothing is inferred: a tool without a documented schema has none
 * (`unpublished`), documented parameter names become known parameters, and a documented description
 * is marked `reconstructed` unless the page states it is the server's own text.
 */
import { z } from 'zod';
import { DataError, parseOrThrow } from '../lib/content/errors.ts';
import { jsonSchemaObject } from '../lib/content/mcp-tool.ts';
import { PART_STATUSES, type PartStatus, type ToolEntry } from '../lib/content/server.ts';

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });
const partStatus = z.enum(Object.keys(PART_STATUSES) as [PartStatus, ...PartStatus[]]);

const docsToolSchema = z.strictObject({
	name: z.string().min(1, 'expected the tool name as documented'),
	/** The documented description. */
	description: z.string().min(1).optional(),
	/** How the documented description relates to the server's own: `reconstructed` (a summary; the default) or `exact`. */
	descriptionStatus: partStatus.optional(),
	/** Parameters the page names, each with what it says about them. */
	parameters: z.array(z.strictObject({ name: z.string().min(1), evidence: z.string().min(1) })).optional(),
	/** A schema the page publishes in full (rare). */
	inputSchema: jsonSchemaObject.optional(),
	/** Annotations the page states (read-only, destructive...). */
	annotations: z.record(z.string(), z.union([z.boolean(), z.string()])).optional(),
	/** A condition the page gives for the tool being available (a plan, a setting, a client). */
	listedOnlyIf: z.string().min(1).optional(),
	note: z.string().min(1).optional(),
});

export const docsFileSchema = z.strictObject({
	/** The documentation page the tools were taken from. */
	url: httpUrl,
	title: z.string().min(1),
	/** The date of the documentation copy read (YYYY-MM-DD). */
	date: z.iso.date({ error: 'expected a YYYY-MM-DD date' }),
	/** Other pages of the same documentation that were read. */
	alsoRead: z.array(z.strictObject({ title: z.string().min(1), url: httpUrl })).optional(),
	tools: z.array(docsToolSchema).min(1, 'expected at least one documented tool'),
});
export type DocsFile = z.infer<typeof docsFileSchema>;

/** Parses a docs file; a DataError names the file, the field and what was expected. */
export function parseDocsFile(input: unknown, file: string): DocsFile {
	const docs = parseOrThrow(docsFileSchema, input, file);
	const seen = new Set<string>();
	for (const t of docs.tools) {
		if (seen.has(t.name)) throw new DataError(file, [`tools: tool "${t.name}" is listed twice`]);
		seen.add(t.name);
	}
	return docs;
}

/** The tool entries a docs file gives. */
export function docsEntries(docs: DocsFile): ToolEntry[] {
	return docs.tools.map((t): ToolEntry => {
		const definition: Record<string, unknown> = { name: t.name };
		if (t.description !== undefined) definition['description'] = t.description;
		if (t.inputSchema !== undefined) definition['inputSchema'] = t.inputSchema;
		if (t.annotations !== undefined) definition['annotations'] = t.annotations;
		const descriptionStatus: PartStatus = t.description === undefined ? 'unpublished' : (t.descriptionStatus ?? 'reconstructed');
		const schemaStatus: PartStatus = t.inputSchema !== undefined ? 'partial' : 'unpublished';
		const notes = [
			`From ${docs.title} (${docs.url}), read ${docs.date}: the documented ${t.description ? 'description' : 'name'}, not a live listing.`,
		];
		if (t.note) notes.push(t.note);
		return {
			definition: definition as ToolEntry['definition'],
			status: { description: descriptionStatus, inputSchema: schemaStatus, note: notes.join('\n') },
			...(t.parameters && t.parameters.length > 0 && { knownParameters: t.parameters }),
			...(t.listedOnlyIf && { listedOnlyIf: t.listedOnlyIf }),
		};
	});
}
