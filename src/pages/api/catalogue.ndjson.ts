import type { APIRoute } from 'astro';
import { getCatalogue } from '../../build/data.ts';
import { catalogueNdjson } from '../../lib/exports/bulk.ts';

/**
 * `/api/catalogue.ndjson`: one JSON line per tool (schema of a line: /api/schemas/catalogue-line.schema.json).
 * Streamed in chunks, so the whole file is never one string however large the catalogue.
 */
export const GET: APIRoute = async ({ site }) => {
	const catalogue = await getCatalogue();
	const chunks = catalogueNdjson(catalogue, site!);
	const encoder = new TextEncoder();
	const body = new ReadableStream<Uint8Array>({
		pull(controller) {
			const next = chunks.next();
			if (next.done) controller.close();
			else controller.enqueue(encoder.encode(next.value));
		},
	});
	return new Response(body, { headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8' } });
};
