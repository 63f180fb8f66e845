/**
 * Tool definitions a server's own repository publishes (a snapshot its test suite keeps, a generated
 * definitions file, a contract snapshot), turned into content-file tool entries. Pure: the caller reads
 * the files (scripts/import-snapshot.ts reads them from a fetched mirror at a pinned commit) and passes
 * their paths and text.
 *
 * What is kept is the definition as the file gives it, restricted to the fields of an MCP tool
 * definition; every other field a file carries (a toolset, scopes, tags, the source file) is reported
 * in `dropped` so the provenance notes can say so, and a few are turned into facts: a source file
 * becomes `source.path`, a field named by `listedOnlyIf` marks tools the server does not list itself.
 * A schema that is not JSON Schema (a documentation file that holds Python type text) is not kept:
 * the tool's schema is marked unpublished and its parameter names become known parameters.
 */
import type { ToolEntry } from '../lib/content/server.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The ways a repository publishes definitions. */
export const SNAPSHOT_FORMATS = {
	'tool-files': 'a folder of files holding one tool definition each, named after the tool (a `__toolsnaps__/*.snap` folder)',
	'tool-array': 'one JSON file holding an array of tool definitions, or an object whose `tools` is one (a definitions or contract file)',
} as const;
export type SnapshotFormat = keyof typeof SNAPSHOT_FORMATS;

/** The fields of an MCP tool definition (protocol 2025-06-18 and later); anything else is not emitted by a server. */
const MCP_TOOL_FIELDS = new Set([
	'name',
	'title',
	'description',
	'inputSchema',
	'outputSchema',
	'annotations',
	'icons',
	'_meta',
	'execution',
]);

/**
 * Field names of the Python SDK's model dump without aliases, and the protocol's names for them. A
 * contract snapshot written by a Python server's tests uses these.
 */
const PYTHON_DUMP_ALIASES: Readonly<Record<string, string>> = { input_schema: 'inputSchema', output_schema: 'outputSchema', meta: '_meta' };

/** Fields a snapshot may carry that say where the tool is defined in the source. */
const SOURCE_FILE_FIELDS = new Set(['source_file', 'sourceFile']);

/** JSON Schema's type names: a property whose `type` is anything else is not JSON Schema. */
const JSON_SCHEMA_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);

/** One file read from the repository. */
export interface SnapshotFile {
	/** Path inside the repository. */
	path: string;
	text: string;
}

export interface SnapshotOptions {
	format: SnapshotFormat;
	/**
	 * Tools the server does not list itself though the snapshot holds them: those whose field `field`
	 * equals `value` get `listedOnlyIf: text` (e.g. a catalogue reached through a dispatcher tool).
	 */
	listedOnlyIf?: { field: string; value: string; text: string }[];
	/** Prefix for source-file fields given relative to a folder (`src/pkg/tools/`), to make them repository paths. */
	sourceRoot?: string;
}

export interface SnapshotImport {
	entries: ToolEntry[];
	/** Fields found on the tools that are not part of an MCP definition, with how many tools had each. */
	dropped: Record<string, number>;
	/** Tools whose schema was not JSON Schema and was recorded as known parameter names instead. */
	schemasNotJsonSchema: string[];
	/** Per file, what was read (for the provenance notes). */
	files: string[];
}

/** Thrown with a message naming the file and what was expected. */
export class SnapshotError extends Error {
	override name = 'SnapshotError';
}

function parseJson(file: SnapshotFile): unknown {
	try {
		return JSON.parse(file.text);
	} catch (error) {
		throw new SnapshotError(`${file.path}: not JSON (${(error as Error).message})`);
	}
}

/** Whether every property of a schema has a JSON Schema type (or none, as `anyOf` and `$ref` properties have). */
function isJsonSchema(schema: Json): boolean {
	const props = schema['properties'];
	if (props === undefined) return true;
	if (!isObject(props)) return false;
	return Object.values(props).every((p) => {
		if (!isObject(p)) return false;
		const t = p['type'];
		if (t === undefined) return true;
		const types = Array.isArray(t) ? t : [t];
		return types.every((x) => typeof x === 'string' && JSON_SCHEMA_TYPES.has(x));
	});
}

/** The text shown as evidence for a parameter whose schema is not JSON Schema (its declared type, as published). */
function parameterEvidence(file: string, spec: unknown): string {
	const type = isObject(spec) && typeof spec['type'] === 'string' ? spec['type'] : JSON.stringify(spec);
	return `listed in ${file} with the type text ${type}`;
}

function toEntry(
	raw: unknown,
	where: string,
	file: string,
	options: SnapshotOptions,
	out: SnapshotImport,
	stemCondition?: string,
): ToolEntry {
	if (!isObject(raw)) throw new SnapshotError(`${where}: expected a tool definition object`);
	if (typeof raw['name'] !== 'string' || raw['name'] === '') throw new SnapshotError(`${where}: expected a non-empty "name"`);
	const definition: Json = {};
	let sourcePath: string | undefined;
	for (const [key, value] of Object.entries(raw)) {
		const field = PYTHON_DUMP_ALIASES[key] ?? key;
		if (MCP_TOOL_FIELDS.has(field)) {
			// A dump without aliases writes absent optional fields as null; a server omits them.
			if (value === null && field !== 'description' && field !== 'title') continue;
			if (field in definition) throw new SnapshotError(`${where}: "${key}" and "${field}" both given`);
			definition[field] = value;
		} else {
			if (SOURCE_FILE_FIELDS.has(key) && typeof value === 'string') sourcePath = value;
			out.dropped[key] = (out.dropped[key] ?? 0) + 1;
		}
	}
	const entry: Json = { definition };
	const status: Json = {};
	const schema = definition['inputSchema'];
	if (isObject(schema) && !isJsonSchema(schema)) {
		delete definition['inputSchema'];
		status['inputSchema'] = 'unpublished';
		status['note'] =
			`The published schema is not JSON Schema (its property types are source-code type text), so only parameter names are kept.`;
		const props = schema['properties'];
		if (isObject(props)) {
			const known = Object.entries(props).map(([name, spec]) => ({ name, evidence: parameterEvidence(file, spec) }));
			if (known.length > 0) entry['knownParameters'] = known;
		}
		out.schemasNotJsonSchema.push(String(definition['name']));
	} else if (schema === undefined) {
		status['inputSchema'] = 'unpublished';
	}
	if (Object.keys(status).length > 0) entry['status'] = status;
	entry['source'] = { path: sourcePath !== undefined ? `${options.sourceRoot ?? ''}${sourcePath}` : file };
	const conditions = [stemCondition, ...(options.listedOnlyIf ?? []).filter((c) => raw[c.field] === c.value).map((c) => c.text)].filter(
		(c): c is string => c !== undefined,
	);
	if (conditions.length > 0) entry['listedOnlyIf'] = conditions.join('; ');
	return entry as unknown as ToolEntry;
}

/**
 * `<name>_ff_<flag>` is the toolsnaps convention for a tool registered only behind a feature flag;
 * any other file name that is not the tool's own is recorded but sets no condition.
 */
function stemCondition(path: string, name: string): string | undefined {
	const stem = (path.split('/').pop() ?? path).replace(/\.[^.]+$/, '');
	if (stem === name) return undefined;
	const flag = stem.startsWith(`${name}_ff_`) ? stem.slice(name.length + 4) : undefined;
	return flag ? `the feature flag ${flag} is enabled` : undefined;
}

/** Reads the files of a snapshot into tool entries, in the order the files and their arrays give. */
export function importSnapshot(files: readonly SnapshotFile[], options: SnapshotOptions): SnapshotImport {
	const out: SnapshotImport = { entries: [], dropped: {}, schemasNotJsonSchema: [], files: files.map((f) => f.path) };
	if (files.length === 0) throw new SnapshotError('no snapshot files to read');
	if (options.format === 'tool-files') {
		for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
			const raw = parseJson(file);
			const name = isObject(raw) && typeof raw['name'] === 'string' ? raw['name'] : '';
			out.entries.push(toEntry(raw, file.path, file.path, options, out, stemCondition(file.path, name)));
		}
	} else {
		for (const file of files) {
			const raw = parseJson(file);
			const tools = Array.isArray(raw) ? raw : isObject(raw) && Array.isArray(raw['tools']) ? raw['tools'] : undefined;
			if (!tools) throw new SnapshotError(`${file.path}: expected an array of tools or an object with a "tools" array`);
			tools.forEach((t, i) => out.entries.push(toEntry(t, `${file.path}: tools[${i}]`, file.path, options, out)));
		}
	}
	const seen = new Map<string, string>();
	for (const e of out.entries) {
		const first = seen.get(e.definition.name);
		if (first !== undefined)
			throw new SnapshotError(`tool "${e.definition.name}" is defined twice (${first} and ${e.source?.path ?? '?'})`);
		seen.set(e.definition.name, e.source?.path ?? '');
	}
	return out;
}

/** A sentence for the provenance notes: what the files held that is not part of a tool definition. */
export function droppedNote(result: SnapshotImport): string | undefined {
	const keys = Object.entries(result.dropped);
	if (keys.length === 0) return undefined;
	return `Fields of the snapshot that are not part of an MCP tool definition were left out of the definitions: ${keys
		.map(([k, n]) => `${k} (${n} tools)`)
		.join(', ')}.`;
}
