/**
 * Turns a tools-list JSON file into content-file tool entries. Accepts a raw `tools/list` result
 * (`{ "tools": [...] }`), a bare array of tools, or a research file whose tools carry `x-` notes on
 * how faithful each part is (`x-descriptionStatus`, `x-schemaStatus`, `x-knownProperties`, `x-source`).
 * The `x-` keys become structured facts (`status`, `knownParameters`, `source`) and are removed from
 * the definition; everything else in a definition is kept verbatim.
 */
import type { PartStatus, ToolEntry } from '../lib/content/server.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface ImportedList {
	entries: ToolEntry[];
	/** Sub-servers named by the tools' `x-source.subServer`, in first-seen order. */
	subServers: { id: string; name: string; description?: string }[];
	/** The file's own top-level fields other than its tools (for provenance). */
	meta: Json;
}

/** `"hub (automagik-tools hub; mounts ...)"` -> id `hub`, name `hub`, description `automagik-tools hub; mounts ...`. */
function subServerOf(label: string): { id: string; name: string; description?: string } {
	const m = /^([^(]+?)\s*\((.*)\)\s*$/.exec(label);
	const name = (m?.[1] ?? label).trim();
	const id = name
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
	return m?.[2] ? { id, name, description: m[2] } : { id, name };
}

function descriptionStatus(text: string): PartStatus {
	if (/truncated/i.test(text)) return 'truncated';
	if (/normali[sz]ed/i.test(text)) return 'normalised';
	return 'exact';
}

function schemaStatus(text: string): PartStatus {
	if (/not public|unpublished/i.test(text)) return 'unpublished';
	if (/^partial/i.test(text.trim())) return 'partial';
	return 'reconstructed';
}

export interface ImportOptions {
	/** Status of every input schema without its own `x-schemaStatus` (e.g. `reconstructed` for schemas rebuilt from source). */
	schemaStatus?: PartStatus;
	/** Status of every output schema without its own note. */
	outputSchemaStatus?: PartStatus;
}

/** Parses the tools of a tools-list file. Throws with a clear message when the shape is not a tool list. */
export function importToolsList(input: unknown, options: ImportOptions = {}): ImportedList {
	const tools = Array.isArray(input) ? input : isObject(input) && Array.isArray(input.tools) ? input.tools : undefined;
	if (!tools) throw new Error('expected a tools/list result ({"tools": [...]}) or an array of tools');
	const meta: Json = isObject(input) ? Object.fromEntries(Object.entries(input).filter(([k]) => k !== 'tools')) : {};
	const subServers: ImportedList['subServers'] = [];
	const entries = tools.map((raw, i): ToolEntry => {
		if (!isObject(raw)) throw new Error(`tools[${i}]: expected a tool object`);
		const definition: Json = {};
		for (const [k, v] of Object.entries(raw)) if (!k.startsWith('x-')) definition[k] = v;
		const entry: Json = { definition };
		const status: Json = {};
		const notes: string[] = [];
		if (typeof raw['x-descriptionStatus'] === 'string') {
			status.description = descriptionStatus(raw['x-descriptionStatus']);
			notes.push(`Description: ${raw['x-descriptionStatus']}`);
		}
		if (typeof raw['x-schemaStatus'] === 'string') {
			status.inputSchema = schemaStatus(raw['x-schemaStatus']);
			notes.push(`Input schema: ${raw['x-schemaStatus']}`);
		} else if (options.schemaStatus && raw.inputSchema != null) status.inputSchema = options.schemaStatus;
		if (typeof raw['x-outputSchemaStatus'] === 'string') {
			status.outputSchema = 'reconstructed';
			notes.push(`Output schema: ${raw['x-outputSchemaStatus']}`);
		} else if (options.outputSchemaStatus && raw.outputSchema != null) status.outputSchema = options.outputSchemaStatus;
		if (raw.inputSchema == null) {
			definition.inputSchema = undefined;
			delete definition.inputSchema;
			status.inputSchema = 'unpublished';
		}
		if (notes.length > 0) status.note = notes.join('\n');
		if (Object.keys(status).length > 0) entry.status = status;
		const known = raw['x-knownProperties'];
		if (isObject(known)) {
			const list = Object.entries(known)
				.filter(([name]) => !name.startsWith('_'))
				.map(([name, evidence]) => ({ name, evidence: String(evidence) }));
			if (list.length > 0) entry.knownParameters = list;
			const extra = Object.entries(known).filter(([name]) => name.startsWith('_'));
			if (extra.length > 0) {
				const more = extra.map(([name, v]) => `${name}: ${String(v)}`).join('; ');
				status.note = status.note ? `${String(status.note)}\nAlso reported: ${more}` : `Also reported: ${more}`;
				entry.status = status;
			}
		}
		const source = raw['x-source'];
		if (isObject(source)) {
			if (typeof source.path === 'string')
				entry.source = typeof source.line === 'number' ? { path: source.path, line: source.line } : { path: source.path };
			if (typeof source.subServer === 'string') {
				const sub = subServerOf(source.subServer);
				if (!subServers.some((s) => s.id === sub.id)) subServers.push(sub);
				entry.subServer = sub.id;
			}
		}
		const onlyIf = raw['x-registeredOnlyIf'];
		if (typeof onlyIf === 'string') entry.listedOnlyIf = `the environment sets ${onlyIf}`;
		return entry as unknown as ToolEntry;
	});
	return { entries, subServers, meta };
}

/** Tools a research file knows only by reference (`toolsReferencedOnly`), as entries with nothing published. */
export function referencedOnly(meta: Json): ToolEntry[] {
	const list = meta.toolsReferencedOnly;
	if (!Array.isArray(list)) return [];
	return list.filter(isObject).map((t) => ({
		definition: { name: String(t.name) },
		status: { description: 'unpublished', inputSchema: 'unpublished', note: `Known only by reference: ${String(t.evidence ?? '')}` },
	})) as ToolEntry[];
}
