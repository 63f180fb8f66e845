/**
 * `astro build`, in shards when the catalogue is large (scripts/build.ts is the command line).
 *
 * Astro renders pages on one thread. With N shards this starts N `astro build` processes at once
 * (TOOLRISK_SHARD=k/N, shard.ts): each classifies the whole catalogue (tool pages link to other
 * servers' tools), renders the tool pages and JSON twins of its own servers, and the primary (k = 0)
 * also renders every other page and the search index. Each secondary builds into its own folder
 * (node_modules/.astro/shard-k/) with its own Astro cache; when all have finished, their
 * `tools/<server>/` folders are moved into the primary's output and their bundled assets are checked
 * to be byte-identical to the primary's. The determinism check (src/verify/site-determinism.mjs)
 * builds in two shards and compares the result with a one-shard build, file by file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { UsageError } from '../lib/content/errors.ts';
import { deleteInBackground, setAside } from './set-aside.ts';
import { recordTiming } from './timings.ts';

/**
 * From this many server files (about 28,000 tools) a build shards by default. Smaller catalogues
 * build in well under a minute in one process (the real one, 5,106 tools, with a warm cache: 18.0 and
 * 21.4 s, against 15.9 and 18.3 s in two shards), and the one-process build is what the determinism
 * check compares a two-shard build with.
 */
export const AUTO_SHARD_SERVERS = 1000;
/** Memory to allow each shard (a 250,000-tool shard peaked at 3.1 GB in BENCHMARKS.md; 5.9 GB before the data store was slimmed). */
export const BYTES_PER_SHARD = 8 * 1024 ** 3;

/** A build that failed for a reason it reports (a shard's astro build, or shards that do not fit together); not a bug. */
export class BuildError extends Error {
	override name = 'BuildError';
}

/** The shards a catalogue of `servers` files gets by default: one, or one per core as far as memory allows. */
export function autoShards(servers: number, cores: number, memoryBytes: number): number {
	if (servers < AUTO_SHARD_SERVERS) return 1;
	return Math.max(1, Math.min(cores, Math.floor(memoryBytes / BYTES_PER_SHARD)));
}

/** `--shards` or TOOLRISK_SHARDS (unset or empty: `auto`), a whole number of at least 1. */
export function shardCount(requested: string | undefined, auto: () => number): number {
	const shards = requested === undefined || requested === '' ? auto() : Number(requested);
	if (!Number.isInteger(shards) || shards < 1)
		throw new UsageError(`--shards / TOOLRISK_SHARDS: expected a whole number of at least 1, found "${requested}"`);
	return shards;
}

/**
 * The old-generation limit each build process gets. Without one, V8 lets garbage grow to several
 * times the live heap before a full collection: a 50,000-tool build (78 MB of content) lives in about
 * 0.35 GB, but its heap swings up to 1.2 GB and the process holds 2 GB. The live heap is about four and
 * a half times the content's bytes (the parsed files and their judgements), so the limit is eight times
 * them, and at least 2 GB: close to twice what lives, so full collections stay rare while a 250,000-tool
 * process stays under 4 GB.
 */
export function heapLimitMb(contentBytes: number): number {
	return Math.max(2048, Math.ceil((8 * contentBytes) / 1024 ** 2));
}

/** NODE_OPTIONS for the build processes: the heap limit added, unless the caller set one. */
export function nodeOptionsWith(existing: string | undefined, limitMb: number): string {
	return /--max-old-space-size/.test(existing ?? '') ? existing! : `${existing ?? ''} --max-old-space-size=${limitMb}`.trim();
}

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string): string[] {
	return existsSync(dir)
		? readdirSync(dir, { recursive: true, withFileTypes: true })
				.filter((e) => e.isFile())
				.map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
		: [];
}

export interface ShardRun {
	index: number;
	outDir: string;
	pages: number;
}

/**
 * Moves a secondary shard's tool folders into the primary's output `outDir` and removes the shard's
 * folder; returns the HTML pages moved. Its bundled assets must be the primary's, byte for byte, and no
 * server folder may come from two shards.
 */
export function mergeShard(outDir: string, shard: ShardRun): number {
	for (const asset of filesUnder(join(shard.outDir, '_astro'))) {
		const mine = join(outDir, '_astro', asset);
		if (!existsSync(mine) || !readFileSync(mine).equals(readFileSync(join(shard.outDir, '_astro', asset)))) {
			throw new BuildError(
				`shard ${shard.index + 1}: its bundled asset _astro/${asset} is not in the primary's output as the same bytes; the shards did not build the same code`,
			);
		}
	}
	const from = join(shard.outDir, 'tools');
	let pages = 0;
	for (const server of existsSync(from) ? readdirSync(from) : []) {
		const target = join(outDir, 'tools', server);
		if (existsSync(target)) throw new BuildError(`shard ${shard.index + 1}: tools/${server}/ was also built by another shard`);
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

export interface SiteBuild {
	/** The project folder (astro runs there). */
	root: string;
	/** Options for `astro build`, without --outDir (secondaries get their own). */
	astroArgs: readonly string[];
	/** --outDir as given (relative to `root`), or undefined for Astro's default; `outDir` is its absolute path. */
	outDirArg: string | undefined;
	outDir: string;
	shards: number;
	/** Content files, whose total size sets the heap limit. */
	contentFiles: readonly string[];
}

/**
 * Runs the build: moves the previous output aside (deleted in the background once done: on this
 * machine's file system files created right after a large deletion cost far more; set-aside.ts), starts
 * the shards, and merges them. Failures are BuildErrors with the message to print.
 */
export async function buildSite(build: SiteBuild): Promise<void> {
	const setAsideDirs: string[] = [];
	const moveAside = (dir: string) => {
		// Astro keeps a .git folder in its output; leave such a folder for Astro to empty.
		if (existsSync(join(dir, '.git'))) return;
		const aside = setAside(dir);
		if (aside) setAsideDirs.push(aside);
	};
	let bytes = 0;
	for (const file of build.contentFiles) bytes += statSync(file).size;
	const nodeOptions = nodeOptionsWith(process.env['NODE_OPTIONS'], heapLimitMb(bytes));
	const children = new Set<ChildProcess>();
	const started = performance.now();
	const { shards } = build;
	try {
		moveAside(build.outDir);
		if (shards === 1) {
			await runShard(build, 0, 1, nodeOptions, children, moveAside);
			return;
		}
		console.log(
			`[build] ${shards} shards, one astro build each (TOOLRISK_SHARD=k/${shards}); secondaries build into node_modules/.astro/shard-k/dist`,
		);
		let runs: ShardRun[];
		try {
			runs = await Promise.all(Array.from({ length: shards }, (_, i) => runShard(build, i, shards, nodeOptions, children, moveAside)));
		} catch (error) {
			for (const c of children) c.kill('SIGTERM');
			throw new BuildError(`[build] ${(error as Error).message}`);
		}
		const merging = performance.now();
		let pages = runs[0]!.pages;
		for (const run of runs.slice(1)) pages += mergeShard(build.outDir, run);
		recordTiming('merge', performance.now() - merging, { shards });
		const s = Math.round((performance.now() - started) / 1000);
		console.log(
			`[build] ${pages} page(s) built in ${Math.floor(s / 60)}m ${s % 60}s (${shards} shards, merged in ${Math.round(performance.now() - merging)} ms)`,
		);
	} finally {
		deleteInBackground(setAsideDirs);
	}
}

/** A secondary shard's own folder, for its output and its Astro cache. */
const shardHome = (root: string, index: number) => join(root, 'node_modules/.astro', `shard-${index}`);

/** The astro build options of shard `index`: the given ones, and the shard's own --outDir. */
export function shardArgs(astroArgs: readonly string[], outDirArg: string | undefined, dir: string, index: number): string[] {
	if (index === 0) return outDirArg === undefined ? [...astroArgs] : [...astroArgs, '--outDir', outDirArg];
	return [...astroArgs, '--outDir', dir];
}

/** Runs one astro build; output lines carry the shard's label when there are several. */
function runShard(
	build: SiteBuild,
	index: number,
	count: number,
	nodeOptions: string,
	children: Set<ChildProcess>,
	moveAside: (dir: string) => void,
): Promise<ShardRun> {
	// A secondary's output stays inside the project: Astro puts its prerender bundle in the output
	// folder only when that is inside the working directory, and in one shared .astro/ otherwise.
	const dir = index === 0 ? build.outDir : join(shardHome(build.root, index), 'dist');
	if (index > 0) moveAside(dir);
	// glibc's malloc keeps an arena per thread; two cut the 50k build's peak from 2.04 to 1.76 GB.
	const env: Record<string, string | undefined> = { MALLOC_ARENA_MAX: '2', ...process.env, NODE_OPTIONS: nodeOptions };
	delete env['TOOLRISK_SHARD'];
	if (count > 1) env['TOOLRISK_SHARD'] = `${index}/${count}`;
	// Each shard keeps its own content data store; the toolrisk build cache is shared (its writes are atomic).
	if (index > 0) env['TOOLRISK_ASTRO_CACHE_DIR'] = join(shardHome(build.root, index), 'cache');
	const astro = join(build.root, 'node_modules/astro/bin/astro.mjs');
	const child = spawn(process.execPath, [astro, 'build', ...shardArgs(build.astroArgs, build.outDirArg, dir, index)], {
		cwd: build.root,
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
			else fail(new BuildError(`${label.trim()} astro build failed (${signal ?? `exit ${code}`})`));
		});
	});
}
