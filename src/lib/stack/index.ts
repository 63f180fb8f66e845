/**
 * The stack checker's index (`/api/stack-index.json`, written by `present/stack-index.ts`): every
 * catalogued server's packages, remote endpoints and units, with their tools' levels, capabilities and
 * what the recommended policy denies or limits.
 *
 * Pure code shared by the build and the browser: no network, no DOM, and only type imports from the
 * rest of `src/lib`, so the browser bundle stays small (no zod).
 */
import type { ArgumentKind } from '../policy/argument-kind.ts';
import type { ArgumentFact, CheckSignal, ToolFacts } from '../policy/model.ts';
import type { Category, CapabilityId, RiskLevel } from '../taxonomy.ts';

export type PackageKind = 'npm' | 'pypi' | 'oci';

/** One deployable unit of a server (the server itself, or one of its sub-servers). */
export interface StackUnit {
	id: string;
	name: string;
	/** Tool names, most severe first. */
	tools: string[];
	/** URL segment by tool index, only where it differs from the name. */
	segments?: Record<string, string>;
	/** Tool counts per risk level, in `StackIndex.levels` order. */
	levels: number[];
	/** Per capability, indexes into `tools` of the tools supplying it. */
	capabilities: Partial<Record<CapabilityId, number[]>>;
	/** Indexes of tools the whole-server policy denies or hides. */
	deny: number[];
	/** Indexes of tools the policy rate-limits. */
	limit: number[];
	/**
	 * What the unit's policy is built from, so the checker can hand back the policies without a request:
	 * one category code per tool (`CATEGORY_CODES`), the indexes of tools with poisoning indicators, and
	 * the arguments a check can apply to as `[tool index, signal, argument]`.
	 */
	categories: string;
	poisoned?: number[];
	checks?: [number, CheckSignal, string, ArgumentKind, ArgumentShape | ''][];
	/** Indexes of tools that send to recipients the agent chooses (the `recipient` signal). */
	outbound?: number[];
}

type ArgumentShape = NonNullable<ArgumentFact['shape']>;

/** One letter per category in `StackUnit.categories`. */
export const CATEGORY_CODES: Record<Category, string> = { read: 'r', write: 'w', execute: 'x', destructive: 'd', financial: 'f' };

/** The policy facts of every tool of a unit, in `tools` order, read back from the index. */
export function unitFacts(unit: StackUnit): ToolFacts[] {
	const byCode = new Map(Object.entries(CATEGORY_CODES).map(([c, code]) => [code, c as Category]));
	const poisoned = new Set(unit.poisoned ?? []);
	const outbound = new Set(unit.outbound ?? []);
	return unit.tools.map((tool, i) => ({
		tool,
		category: byCode.get(unit.categories[i] ?? '') ?? 'destructive',
		poisoned: poisoned.has(i),
		outbound: outbound.has(i),
		// The index carries what decides a check, not the evidence the tool page shows.
		args: (unit.checks ?? [])
			.filter(([t]) => t === i)
			.map(([, signal, arg, kind, shape]) => ({
				arg,
				signal,
				kind,
				evidence: { rule: 'stack-index', field: 'index', match: kind },
				...(shape && { shape }),
			})),
	}));
}

export interface StackServer {
	slug: string;
	name: string;
	packages: { kind: PackageKind; name: string; version?: string }[];
	/** Remote endpoints as `urlKey` gives them. */
	remotes: string[];
	units: StackUnit[];
}

export interface StackIndex {
	version: 1;
	levels: { id: RiskLevel; label: string }[];
	capabilities: { id: CapabilityId; label: string; why: string }[];
	servers: StackServer[];
}

/** The whole-server policy downloads of a unit (the routes in `src/pages/servers/[server]/policies/[file].ts`). */
export function policyDownloads(server: string, unit: string): { intercept: string; policylayer: string } {
	const base = `/servers/${server}/policies/${unit}`;
	return { intercept: `${base}.intercept.yaml`, policylayer: `${base}.policylayer.json` };
}

/** The page of one tool. */
export function toolHref(server: string, unit: StackUnit, index: number): string {
	return `/tools/${server}/${unit.segments?.[String(index)] ?? unit.tools[index]}/`;
}
