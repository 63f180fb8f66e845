#!/usr/bin/env node
/**
 * migrate-provenance: give every scanned content file that lacks one the origin a scan records
 * (`provenance.origin`: the version listed and whether it is the release; src/lib/content/origin.ts).
 * Idempotent: files that already record an origin are left alone, and files of other methods that lack
 * one are listed. Tool definitions are not touched, so every toolsHash stays valid.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withScanOrigin } from '../src/lib/content/origin.ts';
import { parseServerFile, serializeServerFile } from '../src/lib/content/server-file.ts';
import { writeFileAtomic } from '../src/ingest/write-atomic.ts';
import { defineCommand, main } from './lib/cli.ts';

const command = defineCommand({
	name: 'migrate-provenance',
	usage: ['node scripts/with-node.mjs node scripts/migrate-provenance.ts [<content/servers>]'],
	positionals: { name: '<dir>', description: 'the content folder (default content/servers)', max: 1 },
	options: {},
});

await main(command, (args) => {
	const dir = args.positionals[0] ?? 'content/servers';
	let migrated = 0;
	const lacking: string[] = [];
	for (const name of readdirSync(dir)
		.filter((n) => n.endsWith('.json') && !n.startsWith('_'))
		.sort()) {
		const file = join(dir, name);
		const server = parseServerFile(JSON.parse(readFileSync(file, 'utf8')), file);
		if (server.provenance.origin !== undefined) continue;
		const next = withScanOrigin(server);
		if (!next) {
			lacking.push(file);
			continue;
		}
		writeFileAtomic(file, serializeServerFile(parseServerFile(next, file)));
		migrated++;
	}
	console.log(`migrate-provenance: ${migrated} scanned files given an origin`);
	if (lacking.length > 0) console.log(`no origin and not a scan (give one by hand or re-import):\n  ${lacking.join('\n  ')}`);
});
