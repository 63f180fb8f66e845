/**
 * Building, checking and serialising content files. Used by the import and scan commands (which write
 * files) and by the content loader (which reads them); all go through the same schema.
 */
import { DataError, parseOrThrow } from './errors.ts';
import { serverFileSchema, type ServerFile, type ServerFileInput, type ToolEntry } from './server.ts';
import { toolsHash } from './tools-hash.ts';

/** Validates a parsed content file and checks that its recorded tool-list hash matches its tools. */
export function parseServerFile(input: unknown, file: string): ServerFile {
	const server = parseOrThrow(serverFileSchema, input, file);
	const actual = toolsHash(server.tools.map((t) => t.definition));
	if (actual !== server.provenance.toolsHash) {
		throw new DataError(file, [
			`provenance.toolsHash: expected ${actual} (the hash of the tools as listed), found ${server.provenance.toolsHash}; ` +
				're-run the import or scan instead of editing tool definitions by hand',
		]);
	}
	const expectedSlug = file.replace(/\\/g, '/').split('/').pop()?.replace(/\.json$/, '');
	if (expectedSlug !== undefined && file.endsWith('.json') && expectedSlug !== server.slug) {
		throw new DataError(file, [`slug: expected "${expectedSlug}" (the file name), found "${server.slug}"`]);
	}
	return server;
}

/** Fills in the tool-list hash and validates the result; throws a DataError naming `file` if it is invalid. */
export function buildServerFile(
	input: Omit<ServerFileInput, 'provenance' | 'tools'> & {
		provenance: Omit<ServerFileInput['provenance'], 'toolsHash'>;
		tools: ServerFileInput['tools'];
	},
	file: string,
): ServerFile {
	const tools = input.tools as ToolEntry[];
	const withHash = {
		...input,
		provenance: { ...input.provenance, toolsHash: toolsHash(tools.map((t) => t.definition)) },
	};
	return parseServerFile(withHash, file);
}

/** Stable text form of a content file: two-space JSON with a trailing newline. */
export function serializeServerFile(server: ServerFile): string {
	return `${JSON.stringify(server, null, 2)}\n`;
}
