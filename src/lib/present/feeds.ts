/**
 * The watch feeds (Atom): newly catalogued tools, tools whose definitions changed, and new
 * critical-risk tools. Every date comes from the data (the re-scan history, else when the server was
 * first catalogued), never from the build, so the feeds are deterministic; each is bounded to the
 * newest `FEED_LIMIT` entries, newest first, then by id; entry ids are `tag:` URIs that stay the
 * same from one build to the next.
 */
import { newestEntries, type AtomEntry, type AtomFeed } from './atom.ts';
import type { Catalogue, ServerView, ToolView } from '../catalogue.ts';
import { absolute, serverPagePath, toolPagePath } from '../exports/paths.ts';
import { CHANGE_FIELD_LABELS } from '../content/history.ts';
import type { ServerFile, ToolChange } from '../content/server.ts';
import { CATEGORIES, RISK_LEVELS } from '../taxonomy.ts';

/** Entries per feed: the newest ones; older changes stay in the per-server JSON and the content files. */
export const FEED_LIMIT = 100;

type FeedId = 'new-tools' | 'changed-tools' | 'critical' | 'attacks';

interface FeedInfo {
	id: FeedId;
	title: string;
	path: string;
	/** The HTML page the feed belongs to. */
	pagePath: string;
	description: string;
}

/** Every Atom feed on the site (the attack feed is built by its own route). */
export const FEEDS: readonly FeedInfo[] = [
	{
		id: 'new-tools',
		title: 'New tools',
		path: '/feeds/new-tools.xml',
		pagePath: '/data/',
		description: 'Tools as they are catalogued: new servers and tools a re-scan found.',
	},
	{
		id: 'changed-tools',
		title: 'Changed tools',
		path: '/feeds/changed-tools.xml',
		pagePath: '/data/',
		description: 'Tools whose definitions changed on a re-scan: what changed, renames and removals.',
	},
	{
		id: 'critical',
		title: 'New critical-risk tools',
		path: '/feeds/critical.xml',
		pagePath: '/data/',
		description: 'Newly catalogued tools classified critical (destructive or financial, or raised by a named rule).',
	},
	{
		id: 'attacks',
		title: 'Attack database',
		path: '/attacks/feed.xml',
		pagePath: '/attacks/',
		description: 'New entries in the MCP attack database, by disclosure date.',
	},
];

/** The three feeds built here (the attack feed lives with the attack pages). */
export const TOOL_FEED_IDS = ['new-tools', 'changed-tools', 'critical'] as const;
export type ToolFeedId = (typeof TOOL_FEED_IDS)[number];

export function feedInfo(id: FeedId): FeedInfo {
	return FEEDS.find((f) => f.id === id)!;
}

/** `2026-11-22T10:00:00Z` -> `2026-11-22`: the date a tag URI carries. */
function tagDate(date: string): string {
	return date.slice(0, 10);
}

/** A `tag:` URI (RFC 4151) on the site's host: stable across builds and unique per event. */
function tagUri(site: URL, date: string, specific: string): string {
	return `tag:${site.hostname},${tagDate(date)}:${specific}`;
}

const toolKey = (name: string, subServer: string | undefined) => `${subServer ?? ''}\u0000${name}`;

/**
 * When each current tool of a server was catalogued: the re-scan that added it (carried across
 * renames), else when the server was first catalogued. O(tools + changes).
 */
export function addedDates(file: ServerFile): Map<string, { date: string; version?: string }> {
	const first = { date: file.provenance.firstObtainedAt ?? file.provenance.obtainedAt };
	const added = new Map<string, { date: string; version?: string }>();
	for (const entry of file.history ?? []) {
		for (const c of entry.changes) {
			const key = toolKey(c.tool, c.subServer);
			if (c.change === 'added') added.set(key, { date: entry.date, ...(entry.version && { version: entry.version }) });
			else if (c.change === 'removed') added.delete(key);
			else if (c.change === 'renamed' && typeof c.before?.['name'] === 'string') {
				const oldKey = toolKey(c.before['name'], c.subServer);
				const was = added.get(oldKey);
				added.delete(oldKey);
				if (was) added.set(key, was);
			}
		}
	}
	const out = new Map<string, { date: string; version?: string }>();
	for (const t of file.tools) {
		const key = toolKey(t.definition.name, t.subServer);
		out.set(key, added.get(key) ?? first);
	}
	return out;
}

function describeTool(tool: ToolView): string {
	const level = RISK_LEVELS[tool.judgement.level].label.toLowerCase();
	const category = CATEGORIES[tool.judgement.category].label.toLowerCase();
	const description = (tool.entry.definition.description ?? '').trim();
	const short = description.length > 200 ? `${description.slice(0, 199)}…` : description;
	return `${level} risk, ${category}${tool.judgement.signals.length > 0 ? `; signals: ${tool.judgement.signals.map((s) => s.id).join(', ')}` : ''}.${short ? ` ${short}` : ''}`;
}

interface NewTool {
	tool: ToolView;
	server: ServerView;
	date: string;
	version?: string;
}

/** Every current tool with the date it was catalogued. O(n). */
function newTools(catalogue: Catalogue): NewTool[] {
	const out: NewTool[] = [];
	for (const server of catalogue.servers) {
		const dates = addedDates(server.file);
		for (const tool of server.tools) {
			const when = dates.get(toolKey(tool.name, tool.entry.subServer))!;
			out.push({ tool, server, date: when.date, ...(when.version && { version: when.version }) });
		}
	}
	return out;
}

function newToolEntry(n: NewTool, id: string, site: URL): AtomEntry {
	const url = absolute(site, toolPagePath(n.tool.id));
	return {
		id,
		title: `${n.server.file.name}: ${n.tool.name}`,
		url,
		updated: n.date,
		summary: `Catalogued ${tagDate(n.date)}${n.version ? ` (version ${n.version})` : ''}: ${describeTool(n.tool)}`,
	};
}

function listWords(words: readonly string[]): string {
	return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** What a change did, in words: `description and input schema changed`, `renamed from x`, `removed`. */
export function describeChange(c: ToolChange): string {
	const fields = (c.fields ?? []).filter((f) => !(c.change === 'renamed' && f === 'name')).map((f) => CHANGE_FIELD_LABELS[f]);
	switch (c.change) {
		case 'added':
			return 'added';
		case 'removed':
			return 'removed from the tool list';
		case 'renamed': {
			const from = `renamed from ${String(c.before?.['name'])}`;
			return fields.length > 0 ? `${from}; ${listWords(fields)} changed` : from;
		}
		case 'changed':
			return `${listWords(fields)} changed`;
	}
}

/** Every change a re-scan recorded except additions (those are the new-tools feed), as feed entries. O(changes). */
function changedEntries(catalogue: Catalogue, site: URL): AtomEntry[] {
	const out: AtomEntry[] = [];
	for (const server of catalogue.servers) {
		const history = server.file.history;
		if (!history) continue;
		const current = new Map(server.tools.map((t) => [toolKey(t.name, t.entry.subServer), t]));
		for (const entry of history) {
			entry.changes.forEach((c, i) => {
				if (c.change === 'added') return;
				const tool = c.change === 'removed' ? undefined : current.get(toolKey(c.tool, c.subServer));
				const what = describeChange(c);
				out.push({
					id: tagUri(site, entry.date, `changes/${server.slug}/${entry.toolsHash.slice(7, 19)}/${i}`),
					title: `${server.file.name}: ${c.tool} ${what}`,
					url: absolute(site, tool ? toolPagePath(tool.id) : serverPagePath(server.slug)),
					updated: entry.date,
					summary: `Re-scan of ${tagDate(entry.date)}${entry.version ? ` (version ${entry.version})` : ''}: ${c.tool}${c.subServer ? ` (sub-server ${c.subServer})` : ''} ${what}.${tool ? '' : ' The tool is no longer listed under this name; the link goes to the server.'}`,
				});
			});
		}
	}
	return out;
}

/** The Atom feed description for one of the tool feeds: bounded, ordered, with a fallback date for an empty feed. */
export function toolFeed(id: ToolFeedId, catalogue: Catalogue, site: URL, fallbackDate: string, limit = FEED_LIMIT): AtomFeed {
	const info = feedInfo(id);
	let entries: AtomEntry[];
	if (id === 'changed-tools') entries = newestEntries(changedEntries(catalogue, site), limit);
	else {
		// Order the candidates by date and id first, and write out only the entries that are kept.
		const kind = id === 'critical' ? 'critical' : 'tools';
		const candidates = newTools(catalogue)
			.filter((n) => id !== 'critical' || n.tool.judgement.level === 'critical')
			.map((n) => ({ n, id: tagUri(site, n.date, `${kind}/${n.tool.id}`), updated: n.date }));
		entries = newestEntries(candidates, limit).map((c) => newToolEntry(c.n, c.id, site));
	}
	return {
		id: absolute(site, info.path),
		title: `toolrisk: ${info.title}`,
		selfUrl: absolute(site, info.path),
		pageUrl: absolute(site, info.pagePath),
		updated: fallbackDate,
		entries,
	};
}
