#!/usr/bin/env node
/**
 * build: `astro build`, in shards when the catalogue is large.
 *
 *   npm run build                               # one shard for the real catalogue, one per core (up to memory) for a large one
 *   npm run build -- --outDir dist-x --shards 2 # any astro build options, and a fixed shard count
 *   TOOLRISK_SHARDS=1 npm run build             # the same, from the environment
 *
 * Astro renders pages on one thread. With N shards this starts N `astro build` processes at once
 * (TOOLRISK_SHARD=k/N, src/build/shard.ts): each classifies the whole catalogue (tool pages link to
 * other servers' tools), renders the tool pages and JSON twins of its own servers, and the primary
 * (k = 0) also renders every other page and the search index. Each secondary builds into its own
 * folder (node_modules/.astro/shard-k/) with its own Astro cache; when all have finished, their
 * `tools/<server>/` folders are moved into the primary's output and their bundled assets are checked
 * to be byte-identical to the primary's. The determinism check (src/verify/site-determinism.mjs) builds in two shards and
 * compares the result with a one-shard build, file by file.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { recordTiming } from '../src/build/timings.ts';
import { deleteInBackground, setAside } from '../src/build/set-aside.ts';

const ROOT = resolve(import.meta.dirname, '..');
const ASTRO = join(ROOT, 'node_modules/astro/bin/astro.mjs');
/**
 * From this many server files (about 28,000 tools) a build shards by default. Smaller catalogues
 * build in well under a minute in one process (the real one, 5,106 tools, with a warm cache: 18.0 and
 * 21.4 s, against 15.9 and 18.3 s in two shards), and the one-process build is what the determinism
 * check compares a two-shard build with.
 */
const AUTO_SHARD_SERVERS = 1000;
/** Memory to allow each shard (a 250,000-tool shard peaked at 3.1 GB in BENCHMARKS.md; 5.9 GB before the data store was slimmed). */
const BYTES_PER_SHARD = 8 * 1024 ** 3;

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
	const i = args.indexOf(name);
	if (i < 0) return undefined;
	const value = args[i + 1];
	if (value === undefined) throw new Error(`${name} needs a value`);
	return value;
};
const shardsArg = option('--shards');
if (shardsArg !== undefined) args.splice(args.indexOf('--shards'), 2);
const outDir = resolve(ROOT, option('--outDir') ?? 'dist');

const contentDir = resolve(ROOT, process.env['TOOLRISK_CONTENT_DIR'] ?? 'content/servers');
const contentFiles = existsSync(contentDir) ? readdirSync(contentDir).filter((n) => n.endsWith('.json') && !n.startsWith('_')) : [];

function autoShards(): number {
	if (contentFiles.length < AUTO_SHARD_SERVERS) return 1;
	return Math.max(1, Math.min(availableParallelism(), Math.floor(totalmem() / BYTES_PER_SHARD)));
}

const requested = shardsArg ?? process.env['TOOLRISK_SHARDS'];
const shards = requested === undefined || requested === '' ? autoShards() : Number(requested);
if (!Number.isInteger(shards) || shards < 1)
	throw new Error(`--shards / TOOLRISK_SHARDS: expected a whole number of at least 1, found "${requested}"`);

/**
 * Folders of an earlier build, moved aside before this one writes and deleted once it is done
 * (src/build/set-aside.ts): Astro empties its output folder just before writing, and on this
 * machine's file system files created right after a large deletion cost far more.
 */
const setAsideDirs: string[] = [];
function moveAside(dir: string): void {
	// Astro keeps a .git folder in its output; leave such a folder for Astro to empty.
	if (existsSync(join(dir, '.git'))) return;
	const aside = setAside(dir);
	if (aside) setAsideDirs.push(aside);
}
process.on('exit', () => deleteInBackground(setAsideDirs));

/** A secondary shard's own folder, for its output and its Astro cache. */
const shardHome = (index: number) => join(ROOT, 'node_modules/.astro', `shard-${index}`);

/**
 * The old-generation limit each build process gets. Without one, V8 lets garbage grow to several
 * times the live heap before a full collection: a 50,000-tool build (78 MB of content) lives in about
 * 0.35 GB, but its heap swings up to 1.2 GB and the process holds 2 GB. The live heap is about four and
 * a half times the content's bytes (the parsed files and their judgements), so the limit is eight times
 * them, and at least 2 GB: close to twice what lives, so full collections stay rare while a 250,000-tool
 * process stays under 4 GB. A limit the caller set in NODE_OPTIONS wins.
 */
function heapLimitMb(): number {
	let bytes = 0;
	for (const name of contentFiles) bytes += statSync(join(contentDir, name)).size;
	return Math.max(2048, Math.ceil((8 * bytes) / 1024 ** 2));
}
const nodeOptions = /--max-old-space-size/.test(process.env['NODE_OPTIONS'] ?? '')
	? process.env['NODE_OPTIONS']!
	: `${process.env['NODE_OPTIONS'] ?? ''} --max-old-space-size=${heapLimitMb()}`.trim();

interface ShardRun {
	index: number;
	outDir: string;
	pages: number;
}

/** Runs one astro build; output lines carry the shard's label when there are several. */
function runShard(index: number, count: number, children: Set<ReturnType<typeof spawn>>): Promise<ShardRun> {
	// A secondary's output stays inside the project: Astro puts its prerender bundle in the output
	// folder only when that is inside the working directory, and in one shared .astro/ otherwise.
	const dir = index === 0 ? outDir : join(shardHome(index), 'dist');
	const shardArgs = [...args];
	if (index > 0) {
		moveAside(dir);
		const at = shardArgs.indexOf('--outDir');
		if (at >= 0) shardArgs[at + 1] = dir;
		else shardArgs.push('--outDir', dir);
	}
	// glibc's malloc keeps an arena per thread; two cut the 50k build's peak from 2.04 to 1.76 GB.
	const env: Record<string, string | undefined> = { MALLOC_ARENA_MAX: '2', ...process.env, NODE_OPTIONS: nodeOptions };
	delete env['TOOLRISK_SHARD'];
	if (count > 1) env['TOOLRISK_SHARD'] = `${index}/${count}`;
	// Each shard keeps its own content data store; the toolrisk build cache is shared (its writes are atomic).
	if (index > 0) env['TOOLRISK_ASTRO_CACHE_DIR'] = join(shardHome(index), 'cache');
	const child = spawn(process.execPath, [ASTRO, 'build', ...shardArgs], {
		cwd: ROOT,
		env,
		stdio: count > 1 ? ['ignore', 'pipe', 'pipe'] : 'inherit',
	});
	children.add(child);
	let pages = 0;
	const label = `[shard ${index + 1}/${count}] `;
	for (const stream of count > 1 ? [child.stdout!, child.stderr!] : []) {
		const out = stream === child.stdout ? process.stdout : process.stderr;
		createInterface({ input: stream }).on('line', (line) => {
			const built = /(\d+) page\(s\) built in/.exec(line);
			if (built) pages = Number(built[1]);
			out.write(`${label}${line}\n`);
		});
	}
	return new Promise((done, fail) => {
		child.on('error', fail);
		child.on('close', (code, signal) => {
			children.delete(child);
			if (code === 0) done({ index, outDir: dir, pages });
			else fail(new Error(`${label.trim()} astro build failed (${signal ?? `exit ${code}`})`));
		});
	});
}

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string): string[] {
	return existsSync(dir)
		? readdirSync(dir, { recursive: true, withFileTypes: true })
				.filter((e) => e.isFile())
				.map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
		: [];
}

/** Moves a secondary shard's tool folders into the primary's output; returns the HTML pages moved. */
function merge(shard: ShardRun): number {
	for (const asset of filesUnder(join(shard.outDir, '_astro'))) {
		const mine = join(outDir, '_astro', asset);
		if (!existsSync(mine) || !readFileSync(mine).equals(readFileSync(join(shard.outDir, '_astro', asset)))) {
			throw new Error(
				`shard ${shard.index + 1}: its bundled asset _astro/${asset} is not in the primary's output as the same bytes; the shards did not build the same code`,
			);
		}
	}
	const from = join(shard.outDir, 'tools');
	let pages = 0;
	for (const server of existsSync(from) ? readdirSync(from) : []) {
		const target = join(outDir, 'tools', server);
		if (existsSync(target)) throw new Error(`shard ${shard.index + 1}: tools/${server}/ was also built by another shard`);
		pages += filesUnder(join(from, server)).filter((f) => f.endsWith('index.html')).length;
		try {
			renameSync(join(from, server), target);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
			cpSync(join(from, server), target, { recursive: true });
		}
	}
	rmSync(shard.outDir, { recursive: true, force: true });
	return pages;
}

const started = performance.now();
moveAside(outDir);
if (shards === 1) {
	const children = new Set<ReturnType<typeof spawn>>();
	await runShard(0, 1, children).catch((error: Error) => {
		console.error(error.message);
		process.exit(1);
	});
} else {
	console.log(
		`[build] ${shards} shards, one astro build each (TOOLRISK_SHARD=k/${shards}); secondaries build into node_modules/.astro/shard-k/dist`,
	);
	const children = new Set<ReturnType<typeof spawn>>();
	let runs: ShardRun[];
	try {
		runs = await Promise.all(Array.from({ length: shards }, (_, i) => runShard(i, shards, children)));
	} catch (error) {
		for (const c of children) c.kill('SIGTERM');
		console.error(`[build] ${(error as Error).message}`);
		process.exit(1);
	}
	const merging = performance.now();
	let pages = runs[0]!.pages;
	for (const run of runs.slice(1)) pages += merge(run);
	recordTiming('merge', performance.now() - merging, { shards });
	const s = Math.round((performance.now() - started) / 1000);
	console.log(
		`[build] ${pages} page(s) built in ${Math.floor(s / 60)}m ${s % 60}s (${shards} shards, merged in ${Math.round(performance.now() - merging)} ms)`,
	);
}
