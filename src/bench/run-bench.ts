/**
 * The benchmark run (scripts/bench.ts): for each catalogue size, generate the catalogue (the real
 * servers plus generated ones, one server per ~28 tools as in the largest public catalogue), build it
 * cold with phase timings and the process tree's memory, measure output bytes, files and page weights
 * per page type, measure search in headless Chromium, rebuild after one server changed (warm), and
 * build the bare Astro baseline. Results are kept in `<work>/results.json` after every size.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerFile } from '../lib/content/server.ts';
import { buildServerFile, serializeServerFile } from '../lib/content/server-file.ts';
import { setAside } from '../build/set-aside.ts';
import { baselineRenderMs, writeBaseline } from './baseline.ts';
import { fmtS } from './measure.ts';
import { TOOLS_PER_SERVER, type BuildRun, type SizeResult } from './results.ts';
import { runMeasured } from './run.ts';
import { measureSearch } from './search.ts';
import { generateCatalogue } from './synth/generate.ts';
import { readServers } from './synth/files.ts';
import { profileOf } from './synth/profile.ts';
import { outputSize, pageWeights } from './weights.ts';

export interface BenchOptions {
	/** The project folder: its content/servers, scripts/build.ts and node_modules. */
	root: string;
	/** Working folder: catalogues, builds, logs and results.json. */
	work: string;
	/** Tool counts, each at least 300. */
	sizes: readonly number[];
	seed: string;
	search: boolean;
	warm: boolean;
	baseline: boolean;
	/** Keep the generated catalogues and baseline projects. */
	keep: boolean;
	/** Keep the other sizes of earlier runs in the same work folder and report them too. */
	merge: boolean;
	/** The command line, recorded with each size. */
	command: string;
	log: (line: string) => void;
}

/** The earlier results worth keeping with --merge: other sizes, from runs that recorded their command. */
export function earlierResults(previous: readonly SizeResult[], sizes: readonly number[]): SizeResult[] {
	return previous.filter((r) => !sizes.includes(r.tools) && r.command !== undefined);
}

/** Servers to generate beside the real ones for `size` tools: one per ~28 tools, at least one more than the real ones. */
export function serversFor(size: number, realServers: number): number {
	return Math.max(realServers + 1, Math.round(size / TOOLS_PER_SERVER));
}

/** Runs the benchmark; returns every result to report (earlier ones with `merge`), sorted by size. */
export async function runBench(options: BenchOptions): Promise<SizeResult[]> {
	const { root, work, log } = options;
	mkdirSync(work, { recursive: true });
	const real = readServers(join(root, 'content/servers'));
	const profile = profileOf(real);
	const resultsFile = join(work, 'results.json');
	const earlier =
		options.merge && existsSync(resultsFile)
			? earlierResults(JSON.parse(readFileSync(resultsFile, 'utf8')) as SizeResult[], options.sizes)
			: [];
	const results: SizeResult[] = [];
	/**
	 * Folders to delete once every build has run. Deleting many files just before a build makes its file
	 * creation slower on a file system that skips recently freed inodes (src/build/set-aside.ts), which
	 * would charge one size's clean-up to the next size's build.
	 */
	const discard: string[] = [];
	/** Moves a folder out of the way for deletion at the end; one that cannot be moved is deleted now. */
	const clearLater = (dir: string) => {
		const aside = setAside(dir);
		if (aside) discard.push(aside);
		else rmSync(dir, { recursive: true, force: true });
	};
	const allResults = () => [...earlier, ...results].sort((a, b) => a.tools - b.tools);
	const build = (dist: string, env: Record<string, string>, label: string) =>
		runMeasured(['node', join(root, 'scripts/build.ts'), '--outDir', dist], env, { root, work, label });

	for (const size of options.sizes) {
		const servers = serversFor(size, real.length);
		const content = join(work, `content-${size}`);
		const dist = join(work, `dist-${size}`);
		log(`\n== ${size} tools on ${servers} servers`);
		const started = performance.now();
		clearLater(content);
		mkdirSync(content, { recursive: true });
		const all: ServerFile[] = [...real];
		for (const s of real) writeFileSync(join(content, `${s.slug}.json`), serializeServerFile(s));
		for (const s of generateCatalogue(profile, {
			servers: servers - real.length,
			tools: size - profile.source.tools,
			seed: options.seed,
		})) {
			writeFileSync(join(content, `${s.slug}.json`), serializeServerFile(s));
			all.push(s);
		}
		const generateMs = performance.now() - started;
		log(`generated in ${fmtS(generateMs)}`);

		clearLater(dist);
		clearLater(join(root, 'node_modules/.astro'));
		const env = { TOOLRISK_CONTENT_DIR: content };
		const cold = await build(dist, env, `build-${size}-cold`);
		if (cold.exitCode !== 0) throw new Error(`the ${size} build failed; see ${cold.log}`);
		log(`cold build ${fmtS(cold.wallMs)}, ${cold.pages} pages, phases ${JSON.stringify(cold.phases)}`);
		const output = outputSize(dist);
		const weights = pageWeights(dist);
		const search = options.search ? await measureSearch(dist) : undefined;

		let warm: BuildRun | undefined;
		if (options.warm) {
			// One server changed: the first generated one gets a new description on its first tool.
			const changed = all[real.length]!;
			const tools = changed.tools.map((t, i) =>
				i === 0 ? { ...t, definition: { ...t.definition, description: `${t.definition.description ?? ''} (changed)` } } : t,
			);
			const { toolsHash: _old, ...provenance } = changed.provenance;
			writeFileSync(
				join(content, `${changed.slug}.json`),
				serializeServerFile(buildServerFile({ ...changed, provenance, tools }, `${changed.slug}.json`)),
			);
			warm = await build(dist, env, `build-${size}-warm`);
			log(`warm build ${fmtS(warm.wallMs)}, phases ${JSON.stringify(warm.phases)}`);
		}

		let baseline: BuildRun | undefined;
		if (options.baseline) {
			const dir = join(work, `baseline-${size}`);
			writeBaseline(dir, all, root, clearLater);
			baseline = await runMeasured(['astro', 'build', '--root', dir], {}, { root, work, label: `baseline-${size}` });
			if (baseline.exitCode !== 0) throw new Error(`the ${size} baseline build failed; see ${baseline.log}`);
			const render = baselineRenderMs(readFileSync(baseline.log, 'utf8'));
			if (render !== undefined) baseline.phases['render'] = render;
			log(`baseline build ${fmtS(baseline.wallMs)}, render ${fmtS(baseline.phases['render'] ?? 0)}`);
			if (!options.keep) discard.push(dir);
		}
		results.push({
			command: options.command,
			date: new Date().toISOString().slice(0, 10),
			tools: size,
			servers,
			generateMs,
			cold,
			...(warm && { warm }),
			...(baseline && { baseline }),
			output,
			weights,
			...(search && { search }),
		});
		if (!options.keep) discard.push(content);
		writeFileSync(resultsFile, `${JSON.stringify(allResults(), null, 1)}\n`);
	}

	for (const dir of discard) rmSync(dir, { recursive: true, force: true });
	return allResults();
}
