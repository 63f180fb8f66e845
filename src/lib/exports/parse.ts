import type { z } from 'zod';
import { parseOrThrow } from '../content/errors.ts';

/**
 * Parses an export object through its schema before it is written. A generator bug then fails the
 * build with a DataError naming the export (`what`, e.g. `/servers/x.json`), the field and the
 * expectation, instead of publishing a file that breaks its own published schema.
 */
export function parseExport<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
	return parseOrThrow(schema, value, what);
}
