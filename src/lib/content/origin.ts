/**
 * The origin a live scan records: which released version it listed and whether that is the release.
 * A scan of `<package>@<version>` installed from its registry lists the release itself; a scan of a
 * local command or of a hosted endpoint cannot say so.
 */
import type { Distribution, Origin, ServerFile } from './server.ts';

type DistributionInput = Pick<Distribution, 'kind'> & { package?: string; version?: string | undefined };

export function scanOrigin(distribution: DistributionInput, target: string): Origin {
	if (distribution.kind === 'remote') {
		return { matchesRelease: 'unknown', releaseNote: 'a hosted endpoint: what it serves can change without a release' };
	}
	const { package: pkg, version } = distribution;
	if (pkg !== undefined && version !== undefined && target === `${pkg}@${version}`) return { version, matchesRelease: true };
	return {
		...(version !== undefined && { version }),
		matchesRelease: 'unknown',
		releaseNote: `started as ${target}, not installed from the registry: the distribution is as declared`,
	};
}

/**
 * A scanned file that records no origin, given the one its scan implies (from its first distribution and
 * the scan target), with the field order of the schema; undefined for a file that is not a scan.
 */
export function withScanOrigin(server: ServerFile): ServerFile | undefined {
	const p = server.provenance;
	const first = server.distributions[0];
	if (p.method !== 'scan' || p.scan === undefined || first === undefined) return undefined;
	const { method, obtainedAt, firstObtainedAt, toolsHash, ...rest } = p;
	const provenance = {
		method,
		obtainedAt,
		...(firstObtainedAt !== undefined && { firstObtainedAt }),
		toolsHash,
		origin: scanOrigin(first, p.scan.target),
		...rest,
	};
	return { ...server, provenance };
}
