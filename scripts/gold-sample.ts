#!/usr/bin/env node
/**
 * gold-sample: draws the gold set (content/gold/tools.jsonl), its five labelling batches and the 300-tool
 * agreement sample for the second labeller, with the sampler in src/lib/judge/gold-sample.ts. See
 * content/gold/README.md.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../src/lib/content/errors.ts';
import {
	agreementSample,
	batches,
	byServerThenIndex,
	features,
	goldLine,
	rankServers,
	select,
	summary,
	toolHash,
	type CatalogueTool,
	type ServerJson,
	type TopServer,
} from '../src/lib/judge/gold-sample.ts';
import { defineCommand, main } from './lib/cli.ts';

const command = defineCommand({
	name: 'gold-sample',
	usage: ['node scripts/gold-sample.ts [--content <dir>] [--out <dir>] [--seed <text>] [--size <n>] [--downloads <tsv>] [--dry-run]'],
	about: 'Draws the gold sample and its labelling batches (see content/gold/README.md).',
	options: {
		content: { type: 'string', value: '<dir>', description: 'content folder (default content/servers, or $TOOLRISK_CONTENT_DIR)' },
		out: { type: 'string', value: '<dir>', default: join('content', 'gold'), description: 'output folder' },
		seed: { type: 'string', value: '<text>', default: 'gold-1', description: 'seed of the hash order' },
		size: { type: 'string', value: '<n>', default: '1650', description: 'total sample size before coverage is guaranteed' },
		downloads: {
			type: 'string',
			value: '<tsv>',
			description: 'npm list (name, version, downloads_a_month) to rank servers; rewrites top-servers.json',
		},
		'dry-run': { type: 'boolean', default: false, description: 'print the counts, write nothing' },
	},
});

await main(command, (args) => {
	const { values } = args;
	const size = args.number('size', { integer: true, min: 1 })!;
	const dir = values.content ?? process.env['TOOLRISK_CONTENT_DIR'] ?? join('content', 'servers');
	const out = values.out;
	const seed = values.seed;

	const servers: ServerJson[] = [];
	for (const name of readdirSync(dir)
		.filter((f) => f.endsWith('.json') && !f.startsWith('.'))
		.sort()) {
		const file = join(dir, name);
		let data;
		try {
			data = JSON.parse(readFileSync(file, 'utf8'));
		} catch (error) {
			throw new DataError(file, [`not valid JSON: ${(error as Error).message}`]);
		}
		if (
			typeof data?.slug !== 'string' ||
			!Array.isArray(data?.tools) ||
			data.tools.some((t: { definition?: { name?: unknown } }) => typeof t?.definition?.name !== 'string')
		) {
			throw new DataError(file, ['expected an object with slug and tools[].definition.name']);
		}
		servers.push(data);
	}

	const topFile = join(out, 'top-servers.json');
	let top: TopServer[];
	if (values.downloads !== undefined) {
		const downloads = new Map<string, number>();
		for (const line of readFileSync(values.downloads, 'utf8').split('\n')) {
			const [pkg, , n] = line.split('\t');
			if (pkg && n && /^\d+$/.test(n)) downloads.set(pkg, Number(n));
		}
		top = rankServers(servers, downloads, 40);
	} else {
		try {
			top = JSON.parse(readFileSync(topFile, 'utf8'));
		} catch (error) {
			throw new DataError(topFile, [`${(error as Error).message} (pass --downloads to rank servers)`]);
		}
		if (!Array.isArray(top) || top.some((t) => typeof t?.server !== 'string'))
			throw new DataError(topFile, ['expected an array of { rank, server, package, downloadsAMonth, tools }']);
	}
	const slugs = new Set(servers.map((s) => s.slug));
	const missing = top.filter((t) => !slugs.has(t.server));
	if (missing.length > 0) throw new DataError(topFile, [`servers not in the catalogue: ${missing.map((m) => m.server).join(', ')}`]);

	const tools: CatalogueTool[] = servers.flatMap((s) =>
		s.tools.map((t, index) => ({
			server: s.slug,
			...(t.subServer !== undefined ? { subServer: t.subServer } : {}),
			index,
			definition: t.definition,
			...(t.knownParameters !== undefined ? { knownParameters: t.knownParameters } : {}),
			features: features(t.definition),
			hash: toolHash(seed, s.slug, t.subServer, t.definition.name),
		})),
	);
	const sample = select(tools, new Set(top.map((t) => t.server)), size);
	const batchList = batches(sample, 5);
	const agreement = agreementSample(batchList, 300);

	console.log(summary(sample, batchList, agreement, tools));
	if (values['dry-run']) return;

	mkdirSync(out, { recursive: true });
	const jsonl = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
	const inOrder = [...sample].sort(byServerThenIndex);
	writeFileSync(join(out, 'tools.jsonl'), jsonl(inOrder.map((p) => goldLine(p, { why: p.why }))));
	batchList.forEach((b, i) => writeFileSync(join(out, `batch-${i + 1}.jsonl`), jsonl(b.map((p) => goldLine(p, {})))));
	writeFileSync(join(out, 'agreement-sample.jsonl'), jsonl(agreement.map((a) => goldLine(a.tool, { batch: `batch-${a.batch}` }))));
	if (values.downloads !== undefined) writeFileSync(topFile, JSON.stringify(top, null, '\t') + '\n');
});
