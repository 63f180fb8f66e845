/**
 * The stack checker's index (`/api/stack-index.json`, written by `present/stack-index.ts`): every
 * catalogued server's packages, remote endpoints and units, with their tools' levels, capabilities and
 * what the recommended policy denies or limits.
 *
 * Pure code shared by the build and the browser: no network, no DOM, and only type imports from the
 * rest of `src/lib`, so the browser bundle stays small (no zod).
 */
import type { CapabilityId, RiskLevel } from '../taxonomy.ts';

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
