/**
 * Running the harness (harness.py) on a prepared folder (source-env.ts) inside the scanner's sandbox:
 * the folder read-only at /opt/package, the host's Python from the read-only /usr, no network, the
 * sandbox's limits and a wall-clock limit. Its report is read from stdout.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { resolveLimits } from '../sandbox/limits.ts';
import { INSIDE, prepareSandbox, type SandboxHost } from '../sandbox/sandbox.ts';
import { copyingRunFiles, RUN_FILES_INSIDE, runFiles } from '../sandbox/server.ts';
import { PYTHON } from './source-env.ts';
import { parseHarnessOutput, type HarnessReport } from './python-source.ts';

export interface HarnessRun {
	/** The prepared folder (shown at /opt/package). */
	root: string;
	/** Folders relative to `root` to import from, in order. */
	paths: readonly string[];
	/** Folders relative to `root` whose failing imports are stubbed. */
	own: readonly string[];
	/** `module:function` (the console script) or a module to import. */
	start: { entry: string } | { module: string };
	/** Arguments the entry point sees. */
	args?: readonly string[];
	/** Modules stubbed whoever imports them. */
	stub?: readonly string[];
	/** Placeholder environment. */
	env?: Readonly<Record<string, string>>;
	/** Files (fake values) written in the sandbox's home (`~/x`) or working folder (`./x`) before the server starts. */
	files?: readonly { path: string; content: string }[];
	timeoutMs?: number;
}

/** The harness's command line inside the sandbox. */
export function harnessArgs(run: HarnessRun): string[] {
	const inside = (p: string) => join(INSIDE.package, p);
	return [
		// Isolated as -I would be (no user site, no script folder on the path), but reading the environment
		// harnessEnv builds, for its fixed hash seed: -I would ignore it.
		'-s',
		'-P',
		'-B',
		inside('harness.py'),
		...run.paths.flatMap((p) => ['--path', inside(p)]),
		...run.own.flatMap((p) => ['--own', inside(p)]),
		...(run.stub ?? []).flatMap((m) => ['--stub', m]),
		...('entry' in run.start ? ['--entry', run.start.entry] : ['--module', run.start.module]),
		'--',
		...(run.args ?? []),
	];
}

/**
 * The harness's environment: the placeholders given, without any PYTHON* variable (the interpreter reads
 * them: a path or a startup file would change what runs), and a fixed hash seed, so a description or
 * default a server builds from a set or a dict of strings comes out in the same order on every run.
 */
export function harnessEnv(env: Readonly<Record<string, string>>): Record<string, string> {
	const kept = Object.fromEntries(Object.entries(env).filter(([name]) => !/^PYTHON/i.test(name)));
	return { ...kept, PYTHONHASHSEED: '0' };
}

/** Runs the harness in the sandbox and returns its report (with the stderr tail for messages). */
export async function runHarness(host: SandboxHost, run: HarnessRun): Promise<{ report: HarnessReport; stderr: string }> {
	// The files go in as a scanned server's do: staged in the run files, copied into HOME before the start.
	const files = runFiles({ files: run.files ?? [] });
	const cleanFiles = (): void => {
		if (files !== undefined) rmSync(files, { recursive: true, force: true });
	};
	const started = copyingRunFiles({ files: run.files ?? [] }, PYTHON, harnessArgs(run));
	let command;
	try {
		command = prepareSandbox(host, {
			mounts: [{ host: run.root, inside: INSIDE.package }, ...(files !== undefined ? [{ host: files, inside: RUN_FILES_INSIDE }] : [])],
			command: started.command,
			args: started.args,
			env: harnessEnv(run.env ?? {}),
			dirs: [],
			services: [],
			limits: resolveLimits(),
		});
	} catch (error) {
		cleanFiles();
		throw error;
	}
	try {
		const child = spawn(command.command, command.args, {
			env: command.env,
			cwd: command.cwd,
			stdio: ['ignore', 'pipe', 'pipe'],
			...(command.uid !== undefined && { uid: command.uid }),
			...(command.gid !== undefined && { gid: command.gid }),
		});
		let stdout = '';
		let stderr = '';
		const cap = 32 * 1024 * 1024;
		child.stdout.setEncoding('utf8').on('data', (d: string) => {
			if (stdout.length < cap) stdout += d;
		});
		child.stderr.setEncoding('utf8').on('data', (d: string) => {
			stderr = (stderr + d).slice(-64 * 1024);
		});
		const timer = setTimeout(() => child.kill('SIGKILL'), run.timeoutMs ?? 120_000);
		const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
		clearTimeout(timer);
		const report = parseHarnessOutput(
			stdout,
			`the harness exited with ${code}; stderr ends: ${stderr.trim().split('\n').slice(-5).join(' | ')}`,
		);
		return { report, stderr };
	} finally {
		command.cleanup();
		cleanFiles();
	}
}
