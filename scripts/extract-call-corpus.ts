#!/usr/bin/env node
/**
 * `extract-call-corpus`: writes tests/fixtures/call-corpus/extracted.json, the legitimate argument
 * values the catalogue's own schemas give (examples, quoted description examples, defaults, enum
 * values), filed under the kind of the argument they belong to (src/verify/call-corpus.ts). The
 * hand-written values and attacks beside it are not touched. Run it after the catalogue or the kind
 * rules change, then review the diff; call-corpus.catalogue.test.ts runs every check on both.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCatalogue } from '../src/lib/catalogue.ts';
import { parseServerFile } from '../src/lib/content/server-file.ts';
import { extractCallCorpus } from '../src/verify/call-corpus.ts';
import { writeFileAtomic } from '../src/ingest/write-atomic.ts';
import { defineCommand, main } from './lib/cli.ts';

const ROOT = join(import.meta.dirname, '..');
export const DEFAULT_OUT = join(ROOT, 'tests', 'fixtures', 'call-corpus', 'extracted.json');

const command = defineCommand({
	name: 'extract-call-corpus',
	usage: ['node scripts/extract-call-corpus.ts [--servers <dir>] [--out <file>]'],
	about:
		'Reads every server file, decides the kind of each argument a check signal flags, and writes the\n' +
		'example values its schema gives, per kind, with the tool, argument and field each came from.',
	options: {
		servers: { type: 'string', default: join(ROOT, 'content', 'servers'), description: 'folder of server files' },
		out: { type: 'string', default: DEFAULT_OUT, description: 'where to write the JSON' },
	},
});

if (import.meta.main) {
	await main(command, ({ values }) => {
		const dir = values.servers;
		const files = readdirSync(dir)
			.filter((f) => f.endsWith('.json') && !f.startsWith('_'))
			.sort()
			.map((f) => parseServerFile(JSON.parse(readFileSync(join(dir, f), 'utf8')), join(dir, f)));
		const corpus = extractCallCorpus(buildCatalogue(files));
		writeFileAtomic(values.out, `${JSON.stringify(corpus, null, '\t')}\n`);
		for (const [kind, list] of Object.entries(corpus)) process.stdout.write(`${kind}: ${list.length}\n`);
		return 0;
	});
}
