#!/usr/bin/env node
/**
 * build: `astro build`, in shards when the catalogue is large (src/build/site-build.ts).
 *
 *   npm run build                               # one shard for the real catalogue, one per core (up to memory) for a large one
 *   npm run build -- --outDir dist-x --shards 2 # any astro build options, and a fixed shard count
 *   TOOLRISK_SHARDS=1 npm run build             # the same, from the environment
 */
import { existsSync, readdirSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { autoShards, BuildError, buildSite, shardCount } from '../src/build/site-build.ts';
import { defineCommand, main } from './lib/cli.ts';

const ROOT = resolve(import.meta.dirname, '..');

const command = defineCommand({
	name: 'build',
	usage: ['npm run build [-- [--shards <n>] [--outDir <dir>] [astro build options]]'],
	about:
		'Builds the site with astro build. A catalogue of 1,000 server files or more builds in shards, one astro\n' +
		'build per core (as far as memory allows, 8 GiB each): each renders the tool pages of its own servers, the\n' +
		'first also every other page and the search index, and the shards are merged into one output folder.',
	passThrough: 'Any other option is handed to astro build as it is.',
	options: {
		shards: {
			type: 'string',
			value: '<n>',
			description: 'build in n shards (default: $TOOLRISK_SHARDS, else 1, or one per core for a large catalogue)',
		},
		outDir: { type: 'string', value: '<dir>', description: 'output folder, relative to the project (default dist)' },
	},
	notes:
		'Environment: TOOLRISK_CONTENT_DIR (content folder, default content/servers), TOOLRISK_SHARDS.\nExit codes: 0 built, 1 a build failed, 2 bad usage.',
});

await main(
	command,
	async ({ values, rest }) => {
		const contentDir = resolve(ROOT, process.env['TOOLRISK_CONTENT_DIR'] ?? 'content/servers');
		const contentFiles = existsSync(contentDir) ? readdirSync(contentDir).filter((n) => n.endsWith('.json') && !n.startsWith('_')) : [];
		const shards = shardCount(values.shards ?? process.env['TOOLRISK_SHARDS'], () =>
			autoShards(contentFiles.length, availableParallelism(), totalmem()),
		);
		await buildSite({
			root: ROOT,
			astroArgs: rest,
			outDirArg: values.outDir,
			outDir: resolve(ROOT, values.outDir ?? 'dist'),
			shards,
			contentFiles: contentFiles.map((n) => join(contentDir, n)),
		});
	},
	{ explain: (error) => (error instanceof BuildError ? { message: error.message, exitCode: 1, bare: true } : undefined) },
);
