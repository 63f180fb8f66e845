import { clip } from '../../tokens.ts';
import type { ContextParameter, Evidence } from '../../types.ts';

/** Evidence pointing at a parameter: its path, and the name (or description) that matched. */
export function paramEvidence(rule: string, p: ContextParameter, match = p.name): Evidence {
	return { rule, source: p.knownOnly ? 'known-parameter' : 'schema', field: p.path, match: clip(match) };
}

/** The last word of a parameter name and the one before it. */
export function lastTwo(tokens: readonly string[]): [string | undefined, string | undefined] {
	return [tokens.at(-1), tokens.at(-2)];
}

/** Words joined without separators, so `api_key`, `apiKey` and `APIKEY` all read `apikey`. */
export function joined(tokens: readonly string[]): string {
	return tokens.join('');
}

/**
 * Top-level parameters that are a leaked framework object, not an input: a context parameter (`ctx`) whose schema is the
 * protocol's call result (`content` and `isError` fields). The caller fills in nothing there; their paths, for skipping.
 */
export function callResultParameters(parameters: readonly ContextParameter[]): Set<string> {
	const paths = new Set(parameters.map((p) => p.path));
	return new Set(
		parameters.filter((p) => p.depth === 0 && paths.has(`${p.path}.isError`) && paths.has(`${p.path}.content`)).map((p) => p.path),
	);
}

/** Whether a parameter sits inside one of `roots` (see `callResultParameters`). */
export function inside(p: ContextParameter, roots: ReadonlySet<string>): boolean {
	for (const root of roots) if (p.path === root || p.path.startsWith(`${root}.`)) return true;
	return false;
}
