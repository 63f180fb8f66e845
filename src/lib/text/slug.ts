/**
 * URL segments for tools. A tool name made only of `A-Z a-z 0-9 _ . -` (what the MCP specification
 * recommends) is used as it is. Any other name gets a readable, safe stem plus the first 8 hex digits
 * of the SHA-256 of the exact name, so no name can escape its folder (`../x`), break a URL or collide
 * with a safe name by accident. Names repeated across sub-servers get `--<sub-server>` appended.
 */
import { createHash } from 'node:crypto';

const SAFE = /^[A-Za-z0-9_.-]{1,128}$/;

/** The URL segment for a tool name, before sub-server disambiguation. */
export function toolSegment(name: string): string {
	if (SAFE.test(name) && name !== '.' && name !== '..') return name;
	const stem = name
		.normalize('NFKD')
		.replace(/[^A-Za-z0-9_.-]+/g, '-')
		.replace(/^[-.]+|[-.]+$/g, '')
		.slice(0, 60);
	const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
	return stem ? `${stem}-${hash}` : hash;
}
