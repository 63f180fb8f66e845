/**
 * Matching a configuration's entries against the index, and combining the capabilities of the whole
 * setup (the lethal trifecta: private data, untrusted content, a way out).
 *
 * Pure code shared by the build and the browser: no network, no DOM, and only type imports from the
 * rest of `src/lib`, so the browser bundle stays small (no zod).
 */
import type { CapabilityId } from '../taxonomy.ts';
import type { ConfigEntry } from './config.ts';
import type { StackIndex, StackServer, StackUnit } from './index.ts';
import { ociKey, pypiKey } from './names.ts';

interface Match {
	server: StackServer;
	/** The units this entry runs (one, or every unit when the entry does not say which). */
	units: StackUnit[];
	by: 'package' | 'url';
	/** The catalogued version of the matched package, when the catalogue has one. */
	cataloguedVersion?: string;
	/** Set when the configured and catalogued versions differ or the configuration does not pin one. */
	versionWarning?: string;
}

export interface EntryResult {
	entry: ConfigEntry;
	match?: Match;
}

export interface LegSupplier {
	server: StackServer;
	unit: StackUnit;
	entry: string;
	/** Indexes into `unit.tools`. */
	tools: number[];
}

export interface StackReport {
	results: EntryResult[];
	/** Per capability, who supplies it among the enabled, matched entries. */
	legs: Record<CapabilityId, LegSupplier[]>;
	trifecta: boolean;
	/** Enabled entries that matched nothing: they may supply any leg. */
	unknown: number;
}

/** Lookup tables over the index, built once per check. */
interface Matcher {
	match(entry: ConfigEntry): Match | undefined;
}

function createMatcher(index: StackIndex): Matcher {
	const byPackage = new Map<string, { server: StackServer; version?: string }>();
	const byUrl = new Map<string, StackServer>();
	for (const server of index.servers) {
		for (const p of server.packages) {
			const key = `${p.kind}:${p.kind === 'pypi' ? pypiKey(p.name) : p.kind === 'oci' ? ociKey(p.name).name : p.name.toLowerCase()}`;
			if (!byPackage.has(key)) byPackage.set(key, p.version !== undefined ? { server, version: p.version } : { server });
		}
		for (const r of server.remotes) if (!byUrl.has(r)) byUrl.set(r, server);
	}
	const unitsFor = (server: StackServer, words: readonly string[]) => {
		if (server.units.length <= 1) return server.units;
		const wanted = new Set(words.map((w) => w.toLowerCase()));
		const picked = server.units.filter((u) => wanted.has(u.id.toLowerCase()) || wanted.has(u.name.toLowerCase()));
		return picked.length > 0 ? picked : server.units;
	};
	return {
		match(entry) {
			if (entry.kind === 'remote' && entry.url) {
				const server = byUrl.get(entry.url);
				return server ? { server, units: server.units, by: 'url' } : undefined;
			}
			if ((entry.kind === 'npm' || entry.kind === 'pypi' || entry.kind === 'oci') && entry.package) {
				const hit = byPackage.get(`${entry.kind}:${entry.package}`);
				if (!hit) return undefined;
				const m: Match = { server: hit.server, units: unitsFor(hit.server, entry.words), by: 'package' };
				if (hit.version !== undefined) {
					m.cataloguedVersion = hit.version;
					if (entry.version === undefined || entry.version === 'latest')
						m.versionWarning = 'not pinned: the client installs whatever version is newest, which may list different tools';
					else if (entry.version !== hit.version)
						m.versionWarning = 'the configured version is not the catalogued one, so its tool list may differ';
				}
				return m;
			}
			return undefined;
		},
	};
}

/** Matches every entry and combines the capabilities of the enabled ones. */
export function checkStack(entries: readonly ConfigEntry[], index: StackIndex): StackReport {
	const matcher = createMatcher(index);
	const legs = Object.fromEntries(index.capabilities.map((c) => [c.id, [] as LegSupplier[]])) as Record<CapabilityId, LegSupplier[]>;
	let unknown = 0;
	const results = entries.map((entry): EntryResult => {
		const match = matcher.match(entry);
		if (!entry.disabled) {
			if (!match) unknown++;
			for (const unit of match?.units ?? []) {
				for (const c of index.capabilities) {
					const tools = unit.capabilities[c.id];
					if (tools && tools.length > 0) legs[c.id].push({ server: match!.server, unit, entry: entry.name, tools });
				}
			}
		}
		return match ? { entry, match } : { entry };
	});
	const trifecta = index.capabilities.length > 0 && index.capabilities.every((c) => legs[c.id].length > 0);
	return { results, legs, trifecta, unknown };
}
