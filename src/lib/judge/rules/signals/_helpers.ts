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
