import { createHash } from 'node:crypto';
import { canonicalJson } from '../text/canonical-json.ts';

/** `sha256:<hex>` of the canonical JSON of the tool definitions, in listed order. */
export function toolsHash(definitions: readonly unknown[]): string {
	return `sha256:${createHash('sha256').update(canonicalJson(definitions)).digest('hex')}`;
}
