#!/usr/bin/env node
/**
 * migrate-provenance: give every scanned content file that lacks one the origin a scan records
 * (`provenance.origin`: the version listed and whether it is the release; src/lib/content/origin.ts).
 * Idempotent: files that already record an origin, and files of other methods, are left alone and
 * listed when they lack one. Tool definitions are not touched, so every toolsHash stays valid.
 *
 *   node scripts/with-node.mjs node scripts/migrate-provenance.ts [content/servers]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanOrigin } from '../src/lib/content/origin.ts';
import { parseServerFile, serializeServerFile } from '../src/lib/content/server-file.ts';
import { writeFileAtomic } from '../src/ingest/write-atomic.ts';

const dir = process.argv[2] ?? 'content/servers';
let migrated = 0;
const lacking: string[] = [];
for (const name of readdirSync(dir)
	.filter((n) => n.endsWith('.json') && !n.startsWith('_'))
	.sort()) {
	const file = join(dir, name);
	const server = parseServerFile(JSON.parse(readFileSync(file, 'utf8')), file);
	const p = server.provenance;
	if (p.origin !== undefined) continue;
	if (p.method !== 'scan' || p.scan === undefined || server.distributions[0] === undefined) {
		lacking.push(file);
		continue;
	}
	// Keep the field order of the schema: origin follows toolsHash.
	const { method, obtainedAt, firstObtainedAt, toolsHash, ...rest } = p;
	const provenance = {
		method,
		obtainedAt,
		...(firstObtainedAt !== undefined && { firstObtainedAt }),
		toolsHash,
		origin: scanOrigin(server.distributions[0], p.scan.target),
		...rest,
	};
	const next = parseServerFile({ ...server, provenance }, file);
	writeFileAtomic(file, serializeServerFile(next));
	migrated++;
}
console.log(`migrate-provenance: ${migrated} scanned files given an origin`);
if (lacking.length > 0) console.log(`no origin and not a scan (give one by hand or re-import):\n  ${lacking.join('\n  ')}`);
