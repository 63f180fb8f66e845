import { primaryOnly } from '../../../build/data.ts';
import type { APIRoute, GetStaticPaths } from 'astro';
import { exportJsonSchemaText } from '../../../lib/exports/json-schema.ts';
import { EXPORT_SCHEMA_NAMES, type ExportSchemaName } from '../../../lib/exports/shapes.ts';

/** `/api/schemas/<name>.schema.json`: the JSON Schema of each export, generated from the zod shape it is parsed with. */
export const getStaticPaths = primaryOnly((() => EXPORT_SCHEMA_NAMES.map((name) => ({ params: { name } }))) satisfies GetStaticPaths);

export const GET: APIRoute = ({ params, site }) =>
	new Response(exportJsonSchemaText(params.name as ExportSchemaName, site!), { headers: { 'Content-Type': 'application/schema+json' } });
