/**
 * Re-scans and change history. A re-scan replaces a server's tool list; `recordRescan` compares the
 * fresh list with the one on disk and appends one dated history entry saying, per tool, what was added,
 * removed, changed (which parts, with their previous values) or renamed. `toolHistory` reads one tool's
 * dated changes back for its page, following renames.
 *
 * Tool definitions are third-party data: names such as `__proto__` or `constructor` are ordinary names
 * here (tools are matched through Maps, `before` objects get own properties), and the work is linear in
 * the size of the two tool lists.
 */
import { canonicalJson } from '../text/canonical-json.ts';
import { setOwn } from '../text/objects.ts';
import type { HistoryEntry, ServerFile, ToolChange, ToolChangeField, ToolEntry } from './server.ts';
import { toolsHash } from './tools-hash.ts';

/** The definition parts compared one by one; every other key is compared as part of `other`. */
const NAMED_FIELDS = ['name', 'title', 'description', 'inputSchema', 'outputSchema', 'annotations'] as const;
const NAMED_FIELD_SET: ReadonlySet<string> = new Set(NAMED_FIELDS);

type Definition = ToolEntry['definition'];

/** A tool's identity across scans: its sub-server and its name (NUL cannot occur in a slug). */
function toolKey(subServer: string | undefined, name: string): string {
	return `${subServer ?? ''}\u0000${name}`;
}


/** Canonical JSON of each compared part of one definition, computed once per tool. */
interface Fingerprint {
	/** Named fields present on the definition (absent fields have no entry). */
	fields: Map<string, string>;
	/** Every other own key, with its canonical JSON. */
	other: Map<string, string>;
	/** Canonical JSON of the whole definition without its name: equal for a pure rename. */
	withoutName: string;
}

function fingerprint(definition: Definition): Fingerprint {
	const fields = new Map<string, string>();
	const other = new Map<string, string>();
	const rest: Record<string, unknown> = {};
	for (const key of Object.keys(definition)) {
		const value = (definition as Record<string, unknown>)[key];
		if (value === undefined) continue;
		const text = canonicalJson(value);
		if (NAMED_FIELD_SET.has(key)) fields.set(key, text);
		else other.set(key, text);
		if (key !== 'name') setOwn(rest, key, value);
	}
	return { fields, other, withoutName: canonicalJson(rest) };
}

function sameMaps(a: Map<string, string>, b: Map<string, string>): boolean {
	if (a.size !== b.size) return false;
	for (const [k, v] of a) if (b.get(k) !== v) return false;
	return true;
}

/**
 * The parts of `before` that differ in `after`, in TOOL_CHANGE_FIELDS order, and the previous values of
 * those parts. A part listed in `fields` but missing from `before` was absent before the change; for
 * `other`, `before` holds the previous value of every other key that differs, under its own key.
 */
function diffDefinitions(
	beforeDef: Definition,
	before: Fingerprint,
	after: Fingerprint,
): { fields: ToolChangeField[]; before: Record<string, unknown> } {
	const fields: ToolChangeField[] = [];
	const previous: Record<string, unknown> = {};
	for (const field of NAMED_FIELDS) {
		if (before.fields.get(field) !== after.fields.get(field)) {
			fields.push(field);
			if (before.fields.has(field)) setOwn(previous, field, (beforeDef as Record<string, unknown>)[field]);
		}
	}
	if (!sameMaps(before.other, after.other)) {
		fields.push('other');
		for (const [key, text] of before.other) {
			if (after.other.get(key) !== text) setOwn(previous, key, (beforeDef as Record<string, unknown>)[key]);
		}
	}
	return { fields, before: previous };
}

/** A copy of a definition as a plain record of own properties (the `before` of a removal). */
function copyDefinition(definition: Definition): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const key of Object.keys(definition)) {
		const value = (definition as Record<string, unknown>)[key];
		if (value !== undefined) setOwn(out, key, value);
	}
	return out;
}

function change(tool: ToolEntry, kind: ToolChange['change'], extra: Partial<ToolChange> = {}): ToolChange {
	return {
		tool: tool.definition.name,
		...(tool.subServer !== undefined ? { subServer: tool.subServer } : {}),
		change: kind,
		...extra,
	};
}

/** The version scanned: the first npm or PyPI distribution that names one. */
function scannedVersion(file: ServerFile): string | undefined {
	for (const d of file.distributions) {
		if ((d.kind === 'npm' || d.kind === 'pypi') && d.version) return d.version;
	}
	return undefined;
}

/**
 * The per-tool changes from `previous` to `next`, in a deterministic order: the tools of `next` in
 * listed order (added, changed, renamed), then the removed tools in their previous listed order.
 * A removed and an added tool of the same sub-server whose definitions are equal except for the name
 * are one rename (paired in listed order when several qualify).
 */
export function diffTools(previous: readonly ToolEntry[], next: readonly ToolEntry[]): ToolChange[] {
	const before = new Map<string, { tool: ToolEntry; print: Fingerprint }>();
	for (const tool of previous) before.set(toolKey(tool.subServer, tool.definition.name), { tool, print: fingerprint(tool.definition) });
	const nextKeys = new Set(next.map((t) => toolKey(t.subServer, t.definition.name)));

	// Removed tools, indexed by sub-server + definition-without-name, as rename candidates.
	const removed: { tool: ToolEntry; print: Fingerprint; renamedTo?: true }[] = [];
	const renameCandidates = new Map<string, number[]>();
	for (const [key, entry] of before) {
		if (nextKeys.has(key)) continue;
		const candidateKey = toolKey(entry.tool.subServer, entry.print.withoutName);
		const list = renameCandidates.get(candidateKey);
		if (list) list.push(removed.length);
		else renameCandidates.set(candidateKey, [removed.length]);
		removed.push(entry);
	}
	const cursor = new Map<string, number>();

	const changes: ToolChange[] = [];
	for (const tool of next) {
		const old = before.get(toolKey(tool.subServer, tool.definition.name));
		const print = fingerprint(tool.definition);
		if (old) {
			if (old.print.withoutName === print.withoutName) continue;
			const diff = diffDefinitions(old.tool.definition, old.print, print);
			changes.push(change(tool, 'changed', { fields: diff.fields, before: diff.before }));
			continue;
		}
		const candidateKey = toolKey(tool.subServer, print.withoutName);
		const list = renameCandidates.get(candidateKey);
		const at = cursor.get(candidateKey) ?? 0;
		if (list && at < list.length) {
			cursor.set(candidateKey, at + 1);
			const source = removed[list[at]!]!;
			source.renamedTo = true;
			const previousName: Record<string, unknown> = {};
			setOwn(previousName, 'name', source.tool.definition.name);
			changes.push(change(tool, 'renamed', { fields: ['name'], before: previousName }));
			continue;
		}
		changes.push(change(tool, 'added'));
	}
	for (const entry of removed) {
		if (!entry.renamedTo) changes.push(change(entry.tool, 'removed', { before: copyDefinition(entry.tool.definition) }));
	}
	return changes;
}

/**
 * The content file to write after a re-scan. `previous` is the file on disk (undefined for a first
 * scan), `next` the freshly scanned file. Keeps when the server was first catalogued, carries the
 * history forward and, when any tool definition changed, appends one entry dated `next`'s
 * `obtainedAt` with the scanned version and the hashes before and after. Everything else (tools,
 * version, scan date, sources) is `next`'s. A re-scan that only lists the same tools in another order
 * records nothing and keeps the previous order, so the recorded hash still ends the history chain.
 */
export function recordRescan(previous: ServerFile | undefined, next: ServerFile): ServerFile {
	if (!previous) return next;
	const firstObtainedAt = previous.provenance.firstObtainedAt ?? previous.provenance.obtainedAt;
	const history = previous.history ?? [];
	const changes = diffTools(previous.tools, next.tools);

	if (changes.length === 0) {
		const tools = inPreviousOrder(previous.tools, next.tools);
		const { history: _ignored, ...rest } = next;
		return {
			...rest,
			provenance: {
				...next.provenance,
				firstObtainedAt,
				toolsHash: tools === next.tools ? next.provenance.toolsHash : toolsHash(tools.map((t) => t.definition)),
			},
			tools,
			...(history.length > 0 ? { history } : {}),
		};
	}

	const date = next.provenance.obtainedAt;
	const last = history.at(-1);
	if (last && date < last.date) {
		throw new Error(`${next.slug}: re-scan dated ${date} is older than the last recorded change (${last.date})`);
	}
	const version = scannedVersion(next);
	const entry: HistoryEntry = {
		date,
		...(version !== undefined ? { version } : {}),
		previousToolsHash: previous.provenance.toolsHash,
		toolsHash: next.provenance.toolsHash,
		changes,
	};
	return {
		...next,
		provenance: { ...next.provenance, firstObtainedAt },
		history: [...history, entry],
	};
}

/** `next`'s entries in `previous`'s order (same keys, as diffTools found no change); `next` itself if already so. */
function inPreviousOrder(previous: readonly ToolEntry[], next: ToolEntry[]): ToolEntry[] {
	if (previous.length !== next.length) return next;
	let same = true;
	for (let i = 0; i < next.length && same; i++) {
		same = toolKey(previous[i]!.subServer, previous[i]!.definition.name) === toolKey(next[i]!.subServer, next[i]!.definition.name);
	}
	if (same) return next;
	const byKey = new Map(next.map((t) => [toolKey(t.subServer, t.definition.name), t] as const));
	return previous.map((t) => byKey.get(toolKey(t.subServer, t.definition.name))!);
}

/** One dated change of one tool, as its page shows it. */
export interface ToolHistoryItem {
	date: string;
	version?: string;
	change: ToolChange;
}

interface IndexedChange {
	entry: number;
	change: ToolChange;
}

/** Per server: every change by tool key, oldest first. Built once per file (a page per tool reads it). */
const indexes = new WeakMap<ServerFile, Map<string, IndexedChange[]>>();

function historyIndex(file: ServerFile): Map<string, IndexedChange[]> {
	let index = indexes.get(file);
	if (!index) {
		index = new Map();
		(file.history ?? []).forEach((h, entry) => {
			for (const c of h.changes) {
				const key = toolKey(c.subServer, c.tool);
				const list = index!.get(key);
				if (list) list.push({ entry, change: c });
				else index!.set(key, [{ entry, change: c }]);
			}
		});
		indexes.set(file, index);
	}
	return index;
}

/** Shared by every tool without history (most of them), so the catalogue allocates nothing for them. */
const NO_HISTORY: readonly ToolHistoryItem[] = Object.freeze([]);

/**
 * The dated changes of one tool of `file`, oldest first, following renames back to earlier names and
 * starting where a re-scan added it (older changes under the same name belong to an earlier tool).
 * Empty for a tool no re-scan changed.
 */
export function toolHistory(file: ServerFile, tool: ToolEntry): readonly ToolHistoryItem[] {
	if (!file.history || file.history.length === 0) return NO_HISTORY;
	const index = historyIndex(file);
	const out: ToolHistoryItem[] = [];
	let name = tool.definition.name;
	// Only changes recorded at or before `upTo` belong to the current name (a rename moves it back).
	let upTo = file.history.length - 1;
	for (;;) {
		const list = index.get(toolKey(tool.subServer, name)) ?? [];
		let renamedFrom: { name: string; entry: number } | undefined;
		for (let i = list.length - 1; i >= 0; i--) {
			const item = list[i]!;
			if (item.entry > upTo) continue;
			const h = file.history[item.entry]!;
			out.push({ date: h.date, ...(h.version !== undefined ? { version: h.version } : {}), change: item.change });
			// The tool's history starts where it was added; older changes under this name were another tool.
			if (item.change.change === 'added') return out.reverse();
			const previousName = item.change.before?.['name'];
			if (item.change.change === 'renamed' && typeof previousName === 'string') {
				renamedFrom = { name: previousName, entry: item.entry };
				break;
			}
		}
		if (!renamedFrom) break;
		name = renamedFrom.name;
		upTo = renamedFrom.entry - 1;
		if (upTo < 0) break;
	}
	return out.length === 0 ? NO_HISTORY : out.reverse();
}


/**
 * When this tool was first catalogued: the date a re-scan added it, or else when the server was first
 * catalogued. `items` is the tool's history from toolHistory.
 */
export function toolFirstCatalogued(file: ServerFile, items: readonly ToolHistoryItem[]): string {
	let added: string | undefined;
	for (const item of items) if (item.change.change === 'added') added ??= item.date;
	return added ?? file.provenance.firstObtainedAt ?? file.provenance.obtainedAt;
}

/** Words for the parts of a definition, as pages list them. */
export const CHANGE_FIELD_LABELS: Record<ToolChangeField, string> = {
	name: 'name',
	title: 'title',
	description: 'description',
	inputSchema: 'input schema',
	outputSchema: 'output schema',
	annotations: 'annotations',
	other: 'other fields',
};

/**
 * Where two texts differ: the common start and end are cut (at word boundaries, never inside a
 * surrogate pair), leaving what was removed and what was inserted in between. Linear in the length of
 * the texts, so a 5 MB description costs no more than reading it.
 */
interface TextChange {
	/** Text both versions share before the change (its end, for context). */
	before: string;
	removed: string;
	inserted: string;
	/** Text both versions share after the change (its start, for context). */
	after: string;
}

const isSpace = (c: string | undefined) => c === undefined || /\s/u.test(c);
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

export function textChange(previous: string, current: string, context = 40): TextChange {
	const max = Math.min(previous.length, current.length);
	let start = 0;
	while (start < max && previous.charCodeAt(start) === current.charCodeAt(start)) start++;
	let end = 0;
	while (end < max - start && previous.charCodeAt(previous.length - 1 - end) === current.charCodeAt(current.length - 1 - end)) end++;
	// Widen the changed span to whole words: each cut sits next to white space (or a text's edge) in
	// both texts, so no word and no surrogate pair is split.
	const cutAt = (shared: string | undefined, a: string | undefined, b: string | undefined) => isSpace(shared) || (isSpace(a) && isSpace(b));
	while (start > 0 && !cutAt(previous[start - 1], previous[start], current[start])) start--;
	while (end > 0 && !cutAt(previous[previous.length - end], previous[previous.length - end - 1], current[current.length - end - 1])) end--;
	const shared = previous.slice(0, start);
	const tail = previous.slice(previous.length - end);
	let from = Math.max(0, shared.length - context);
	if (from > 0 && isLowSurrogate(shared.charCodeAt(from))) from--;
	let to = Math.min(tail.length, context);
	if (to < tail.length && isLowSurrogate(tail.charCodeAt(to))) to++;
	return {
		before: from > 0 ? `…${shared.slice(from)}` : shared,
		removed: previous.slice(start, previous.length - end),
		inserted: current.slice(start, current.length - end),
		after: to < tail.length ? `${tail.slice(0, to)}…` : tail,
	};
}

/** One history item as a tool page shows it. */
interface HistoryLine {
	date: string;
	version?: string;
	change: ToolChange['change'];
	/** For `changed`: the parts that changed, in words. */
	fields: string[];
	/** For `renamed`: the previous name. */
	renamedFrom?: string;
	/** For a description change: the previous text and where it differs from the next one. */
	description?: { previous: string | undefined; diff: TextChange | undefined };
}

/**
 * The lines of a tool's history section, oldest first. The description each change replaced is its
 * `before`; the text that replaced it is the next change's `before`, or else the current description.
 */
export function historyLines(items: readonly ToolHistoryItem[], current: Definition): HistoryLine[] {
	let later: unknown = current.description;
	const lines: HistoryLine[] = [];
	for (let i = items.length - 1; i >= 0; i--) {
		const { date, version, change } = items[i]!;
		const fields = change.fields ?? [];
		const previousName = change.before?.['name'];
		const line: HistoryLine = {
			date,
			...(version !== undefined ? { version } : {}),
			change: change.change,
			fields: change.change === 'changed' ? fields.map((f) => CHANGE_FIELD_LABELS[f]) : [],
			...(change.change === 'renamed' && typeof previousName === 'string' ? { renamedFrom: previousName } : {}),
		};
		if (change.change === 'changed' && fields.includes('description')) {
			const raw = change.before !== undefined && Object.prototype.hasOwnProperty.call(change.before, 'description') ? change.before['description'] : undefined;
			const previous = typeof raw === 'string' ? raw : undefined;
			const next = typeof later === 'string' ? later : undefined;
			line.description = { previous, diff: previous !== undefined && next !== undefined ? textChange(previous, next) : undefined };
			later = raw;
		}
		lines.push(line);
	}
	return lines.reverse();
}
