/**
 * One measured run of the benchmark (a build, or the baseline's): the command with the project's Node,
 * its whole process tree's memory sampled every 200 ms, its output kept in a log file, and the build
 * phases it records through TOOLRISK_TIMINGS (src/build/timings.ts).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryPeak, readProcesses, treeOf } from './measure.ts';
import type { BuildRun } from './results.ts';

/** One line of the timings file. */
export interface TimingLine {
	phase: string;
	ms: number;
	pages?: number;
	shard?: string;
}

/**
 * Phases from the timings lines. Shards (scripts/build.ts) run at once and each records its own
 * phases: a phase takes as long as its slowest shard, and `processPhases` adds the shards up (the
 * time one process would need). `pages` is the last page count a line gives.
 */
export function phasesOf(lines: readonly TimingLine[]): {
	phases: Record<string, number>;
	processPhases: Record<string, number>;
	shards: number;
	pages: number;
} {
	const byShard = new Map<string, Record<string, number>>();
	let pages = 0;
	for (const t of lines) {
		const own = byShard.get(t.shard ?? '') ?? {};
		own[t.phase] = (own[t.phase] ?? 0) + t.ms;
		byShard.set(t.shard ?? '', own);
		if (t.pages) pages = t.pages;
	}
	const phases: Record<string, number> = {};
	const processPhases: Record<string, number> = {};
	for (const own of byShard.values()) {
		for (const [phase, ms] of Object.entries(own)) {
			phases[phase] = Math.max(phases[phase] ?? 0, ms);
			processPhases[phase] = (processPhases[phase] ?? 0) + ms;
		}
	}
	const shards = Math.max(1, [...byShard.keys()].filter((k) => k !== '').length);
	return { phases, processPhases, shards, pages };
}

/** The page count a build printed last (scripts/build.ts prints the merged count last), if any. */
export function pagesFromLog(log: string): number | undefined {
	const built = [...log.matchAll(/(\d+) page\(s\) built in/g)].at(-1);
	return built ? Number(built[1]) : undefined;
}

/** Runs `args` with the project's Node (scripts/with-node.mjs under `root`), measuring it; the log goes to `<work>/<label>.log`. */
export async function runMeasured(
	args: readonly string[],
	env: Record<string, string>,
	options: { root: string; work: string; label: string; cwd?: string },
): Promise<BuildRun> {
	const timings = join(options.work, `timings-${process.pid}-${Date.now()}.jsonl`);
	const logFile = join(options.work, `${options.label}.log`);
	const started = performance.now();
	const child = spawn(process.execPath, [join(options.root, 'scripts/with-node.mjs'), ...args], {
		cwd: options.cwd ?? options.root,
		env: { ...process.env, ...env, TOOLRISK_TIMINGS: timings, ASTRO_TELEMETRY_DISABLED: '1' },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const peak = new MemoryPeak();
	const sampler = setInterval(() => peak.add(treeOf(child.pid!, readProcesses())), 200);
	let log = '';
	child.stdout.on('data', (d: Buffer) => (log += d.toString()));
	child.stderr.on('data', (d: Buffer) => (log += d.toString()));
	const exitCode: number = await new Promise((done) => child.on('close', (code) => done(code ?? 1)));
	clearInterval(sampler);
	const wallMs = performance.now() - started;
	writeFileSync(logFile, log);
	let lines: TimingLine[] = [];
	if (existsSync(timings)) {
		lines = readFileSync(timings, 'utf8')
			.split('\n')
			.filter(Boolean)
			.map((line) => JSON.parse(line) as TimingLine);
		rmSync(timings);
	}
	const { phases, processPhases, shards, pages: timedPages } = phasesOf(lines);
	const pages = pagesFromLog(log) ?? timedPages;
	return {
		wallMs,
		phases,
		processPhases,
		shards,
		pages,
		memory: { treeBytes: peak.tree, byCommand: Object.fromEntries(peak.byCommand) },
		exitCode,
		log: logFile,
	};
}
