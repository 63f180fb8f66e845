/**
 * The JSON Schemas served at `/api/schemas/<name>.schema.json`, generated from the zod shapes the
 * exports are parsed with, so the published schema and the written files cannot disagree.
 */
import { z } from 'zod';
import { absolute, schemaPath } from './paths.ts';
import { EXPORT_SCHEMAS, type ExportSchemaName } from './shapes.ts';

/** A JSON Schema (draft 2020-12) for one export, with an absolute `$id` on `site`. */
export function exportJsonSchema(name: ExportSchemaName, site: URL): Record<string, unknown> {
	const { schema, title } = EXPORT_SCHEMAS[name];
	// `output`: the schema describes what is written (defaults applied), not what a parser would accept.
	const generated = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output' }) as Record<string, unknown>;
	const { $schema, ...rest } = generated;
	return { $schema, $id: absolute(site, schemaPath(name)), title, ...rest };
}

/** Serialised form: two-space JSON and a trailing newline, like every JSON file on the site. */
export function exportJsonSchemaText(name: ExportSchemaName, site: URL): string {
	return `${JSON.stringify(exportJsonSchema(name, site), null, 2)}\n`;
}
