/**
 * A scanned server as a sandboxed stdio target: the package folder shown read-only at /opt/package,
 * the server's arguments with fresh folders inside the sandbox for `temp-dir` placeholders, its
 * placeholder environment, its services, and the relay when it listens on HTTP.
 */
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, normalize, relative } from 'node:path';
import { resolveLimits, type SandboxLimits } from './limits.ts';
import { INSIDE, prepareSandbox, type ReadOnlyMount, type SandboxHost } from './sandbox.ts';
import type { ServiceKind } from './services.ts';
import { postgresTemplate } from './templates.ts';
import { NATIVE_PRELOAD, nativeStubFiles } from './native-stubs.ts';

/** One server argument, as the scanner describes it (the same shape as `ArgSpec` in src/ingest/scan.ts). */
export type ServerArg =
	| { kind: 'literal'; value: string }
	| { kind: 'temp-dir'; placeholder: string }
	| { kind: 'substitute'; value: string; placeholder: string };

export interface ServerLaunch {
	/** The host folder shown read-only at /opt/package: an npm install prefix, or a local package folder. */
	packageDir?: string | undefined;
	/**
	 * The executable: its host path inside `packageDir`, or without `packageDir` a command found in the
	 * sandbox itself (a name looked up on the sandbox's PATH, or a path under /usr).
	 */
	program: string;
	/** Run `program` with the sandbox's Node (a JavaScript file) rather than directly. */
	runWithNode: boolean;
	args: readonly ServerArg[];
	/** The server's environment: placeholder values only. */
	env: Readonly<Record<string, string>>;
	services?: readonly ServiceKind[];
	/**
	 * Files given by content (dummy credential files): `~/x` lands in HOME, `./x` in the working folder,
	 * before the server starts. They travel like the work files (run files, copied in).
	 */
	files?: readonly { path: string; content: string }[];
	limits?: Partial<SandboxLimits>;
	/** The server listens for streamable HTTP on this loopback port (and path) inside the sandbox. */
	http?: { port: number; path?: string };
	/**
	 * Host files or folders copied into the sandbox's working folder before the server starts (a
	 * configuration file the server insists on finding there). Copies: the server may change them.
	 */
	workFiles?: readonly string[];
	/**
	 * With `runWithNode`: a native addon (`*.node`) that cannot be loaded because install scripts (which
	 * build it) are disabled is replaced at load time by a stub that throws when used. Only a `require` of
	 * a missing `.node` file is affected; a listing never calls such a module (`native-stubs.ts`).
	 */
	stubNativeAddons?: boolean;
	/**
	 * With `runWithNode`: packages replaced, for `require` and `import`, by a stub that throws when used
	 * (the SQLite bindings by a working stand-in): native modules the server loads that were never built.
	 */
	nativeStubs?: readonly string[];
}

/** Where the per-run files of {@link sandboxedServer} (work files, the addon stub) appear inside. */
export const RUN_FILES_INSIDE = '/opt/toolrisk-run';

/**
 * The shell line that copies the run files' `work/` and `home/` into the working folder and HOME (writable
 * by the server, as files it made itself would be), then becomes the server.
 */
function copyRunFiles(work: boolean, home: boolean): string {
	const copy = (from: string, to: string): string => `cp -R ${RUN_FILES_INSIDE}/${from}/. ${to}/ && chmod -R u+w ${to}`;
	return [...(work ? [copy('work', INSIDE.work)] : []), ...(home ? [copy('home', INSIDE.home)] : []), 'exec "$@"'].join(' && ');
}

/**
 * The command that first copies the run files into the working folder and HOME, then becomes `command`
 * (unchanged when there is nothing to copy). With {@link runFiles} mounted at {@link RUN_FILES_INSIDE}, this
 * is how any sandboxed program (a scanned server, the Python source harness) gets its files.
 */
export function copyingRunFiles(
	launch: Pick<ServerLaunch, 'workFiles' | 'files'>,
	command: string,
	args: readonly string[],
): { command: string; args: string[] } {
	const toWork = (launch.workFiles ?? []).length > 0 || (launch.files ?? []).some((f) => f.path.startsWith('./'));
	const toHome = (launch.files ?? []).some((f) => f.path.startsWith('~/'));
	if (!toWork && !toHome) return { command, args: [...args] };
	return { command: '/bin/sh', args: ['-c', copyRunFiles(toWork, toHome), 'toolrisk-work-files', command, ...args] };
}

/** Where a content file goes in the run files (`work/...` or `home/...`); throws for anything else. */
export function runFilePath(path: string): string {
	const m = /^(~|\.)\/(.+)$/.exec(path);
	const rel = m ? normalize(m[2] as string) : '';
	if (!m || rel === '.' || rel.startsWith('..') || isAbsolute(rel))
		throw new Error(`sandbox file ${path}: expected ~/... or ./... inside them`);
	return join(m[1] === '~' ? 'home' : 'work', rel);
}

/** Whether the server starts with the native-module preload. */
function wantsNativeStubs(launch: Pick<ServerLaunch, 'nativeStubs' | 'stubNativeAddons'>): boolean {
	return launch.stubNativeAddons === true || (launch.nativeStubs ?? []).length > 0;
}

/**
 * Writes the per-run files into a new host folder readable by anyone (they hold nothing secret):
 * `work/` with a copy of each work file (links followed), the native-module preload and its stubs when asked.
 */
export function runFiles(launch: Pick<ServerLaunch, 'workFiles' | 'files' | 'nativeStubs' | 'stubNativeAddons'>): string | undefined {
	const work = launch.workFiles ?? [];
	const files = (launch.files ?? []).map((f) => ({ at: runFilePath(f.path), content: f.content }));
	if (work.length === 0 && files.length === 0 && !wantsNativeStubs(launch)) return undefined;
	const dir = mkdtempSync(join(tmpdir(), 'toolrisk-run-'));
	try {
		const names = new Set<string>();
		if (work.length > 0) mkdirSync(join(dir, 'work'));
		for (const path of work) {
			if (!existsSync(path)) throw new Error(`work file ${path} does not exist`);
			const name = basename(path);
			if (names.has(name)) throw new Error(`two work files are named ${name}`);
			names.add(name);
			cpSync(path, join(dir, 'work', name), { recursive: true, dereference: true });
		}
		for (const f of files) {
			mkdirSync(dirname(join(dir, f.at)), { recursive: true });
			writeFileSync(join(dir, f.at), f.content);
		}
		if (wantsNativeStubs(launch)) writeNativeStubs(dir, launch.nativeStubs ?? [], launch.stubNativeAddons === true);
		openUp(dir);
		return dir;
	} catch (error) {
		rmSync(dir, { recursive: true, force: true });
		throw error;
	}
}

/**
 * Writes the native-module preload and its stubs into `dir` (a run-files folder, or a scratch folder of an
 * unsandboxed run); returns the preload's path.
 */
export function writeNativeStubs(dir: string, packages: readonly string[], generic: boolean): string {
	for (const f of nativeStubFiles(packages, generic)) {
		mkdirSync(dirname(join(dir, f.path)), { recursive: true });
		writeFileSync(join(dir, f.path), f.content);
	}
	return join(dir, NATIVE_PRELOAD);
}

/** Makes a folder tree readable (and folders searchable) by every user. */
function openUp(path: string): void {
	const st = lstatSync(path);
	if (st.isSymbolicLink()) return;
	chmodSync(path, st.mode | (st.isDirectory() ? 0o555 : 0o444));
	if (st.isDirectory()) for (const name of readdirSync(path)) openUp(join(path, name));
}

/** A stdio target (src/ingest/mcp-list.ts `ListTarget`) that starts the sandbox. */
export interface SandboxedTarget {
	kind: 'stdio';
	command: string;
	args: string[];
	env: Record<string, string>;
	cwd: string;
	uid?: number;
	gid?: number;
	label: string;
}

export interface SandboxedRun {
	target: SandboxedTarget;
	/** The arguments as a content file records them (placeholders for folders and service URLs). */
	storedArgs: string[];
	/** The limits in force. */
	limits: SandboxLimits;
	cleanup: () => Promise<void>;
}

/** Maps a host path inside `packageDir` to its path in the sandbox; throws for a path outside it. */
export function insidePackage(packageDir: string, hostPath: string): string {
	const rel = relative(normalize(packageDir), normalize(hostPath));
	if (rel.startsWith('..') || isAbsolute(rel)) throw new Error(`${hostPath} is not inside the package folder ${packageDir}`);
	return rel === '' ? INSIDE.package : join(INSIDE.package, rel);
}

/**
 * Builds the sandboxed target for one server (making the PostgreSQL template first when the server
 * needs PostgreSQL and it is not made yet).
 */
export async function sandboxedServer(host: SandboxHost, launch: ServerLaunch): Promise<SandboxedRun> {
	const limits = resolveLimits(launch.limits);
	const program = launch.packageDir !== undefined ? insidePackage(launch.packageDir, launch.program) : launch.program;
	const args: string[] = [];
	const storedArgs: string[] = [];
	const dirs: string[] = [];
	for (const arg of launch.args) {
		if (arg.kind === 'literal') {
			args.push(arg.value);
			storedArgs.push(arg.value);
		} else if (arg.kind === 'substitute') {
			args.push(arg.value);
			storedArgs.push(arg.placeholder);
		} else {
			const dir = `${INSIDE.writable}/dir-${dirs.length + 1}`;
			dirs.push(dir);
			args.push(dir);
			storedArgs.push(arg.placeholder);
		}
	}
	const services = [...new Set(launch.services ?? [])];
	const template = services.includes('postgres') ? await postgresTemplate(host) : undefined;
	const http = launch.http ? { url: `http://127.0.0.1:${launch.http.port}${launch.http.path ?? '/mcp'}` } : undefined;
	if (wantsNativeStubs(launch) && !launch.runWithNode) throw new Error('stubNativeAddons and nativeStubs need a server run with Node');
	const files = runFiles(launch);
	const mounts: ReadOnlyMount[] = launch.packageDir !== undefined ? [{ host: launch.packageDir, inside: INSIDE.package }] : [];
	if (files !== undefined) mounts.push({ host: files, inside: RUN_FILES_INSIDE });
	const nodeArgs = wantsNativeStubs(launch) ? ['--require', `${RUN_FILES_INSIDE}/${NATIVE_PRELOAD}`] : [];
	let runCommand = launch.runWithNode ? INSIDE.node : program;
	let runArgs = launch.runWithNode ? [...nodeArgs, program, ...args] : args;
	({ command: runCommand, args: runArgs } = copyingRunFiles(launch, runCommand, runArgs));
	let command;
	try {
		command = prepareSandbox(host, {
			mounts,
			command: runCommand,
			args: runArgs,
			env: { ...launch.env },
			dirs,
			services,
			limits,
			http,
			postgresTemplate: template,
		});
	} catch (error) {
		if (files !== undefined) rmSync(files, { recursive: true, force: true });
		throw error;
	}
	return {
		target: {
			kind: 'stdio',
			command: command.command,
			args: command.args,
			env: command.env,
			cwd: command.cwd,
			...(command.uid !== undefined ? { uid: command.uid } : {}),
			...(command.gid !== undefined ? { gid: command.gid } : {}),
			label: `${launch.runWithNode ? 'node ' : ''}${[program, ...args].join(' ')}${http ? ` (HTTP at ${http.url} through the relay)` : ''} in a bubblewrap sandbox`,
		},
		storedArgs,
		limits,
		cleanup: async () => {
			command.cleanup();
			if (files !== undefined) rmSync(files, { recursive: true, force: true });
		},
	};
}
