/**
 * Finds bubblewrap and proves, once per process, that the exact sandbox the scanner will use starts
 * here: the same namespaces, mounts, limits and Node binary, running a one-line Node program that
 * reports its user and network interfaces. The scanner fails closed on the answer: when the sandbox is
 * unavailable it scans nothing, unless the user asked for an unsandboxed run by name.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveLimits } from './limits.ts';
import { hostRootEntries, INSIDE, prepareSandbox, SANDBOX_USER, UNPRIVILEGED_HOST_ID, type SandboxHost } from './sandbox.ts';
import { findMariadb, findPostgresBin, findRedisServer } from './services.ts';

/** The command-line flag that runs servers without the sandbox. */
export const UNSAFE_FLAG = '--unsafe-no-sandbox';

export type ProbeResult = { ok: true; host: SandboxHost } | { ok: false; reason: string };

/** Where the project is: never visible inside a sandbox. */
const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const RELAY = join(dirname(fileURLToPath(import.meta.url)), 'http-relay.ts');

/** An executable on PATH (the usual system folders when PATH is unset). */
export function findExecutable(name: string, path = process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin'): string | undefined {
	for (const dir of path.split(delimiter).filter(Boolean)) {
		const candidate = join(dir, name);
		if (existsSync(candidate)) return candidate;
	}
	return undefined;
}

/** The host facts, or why the sandbox cannot be built (without starting it). */
export function hostFacts(options: { node?: string } = {}): SandboxHost | string {
	const bwrap = findExecutable('bwrap');
	if (!bwrap)
		return "bubblewrap (bwrap) is not installed; install it with `apt-get install -y bubblewrap` (Debian, Ubuntu) or your system's package";
	const version = spawnSync(bwrap, ['--version'], { encoding: 'utf8', timeout: 10_000 });
	if (version.status !== 0) return `${bwrap} --version failed: ${(version.stderr || version.error?.message || '').trim()}`;
	const prlimit = ['/usr/bin/prlimit', '/bin/prlimit'].find((p) => existsSync(p));
	if (!prlimit) return 'prlimit (util-linux) is not installed under /usr/bin; the sandbox sets its limits with it';
	const home = process.env['HOME'];
	const root = process.getuid?.() === 0;
	return {
		bwrap,
		version: version.stdout.trim(),
		prlimit,
		node: options.node ?? process.execPath,
		relay: RELAY,
		rootEntries: hostRootEntries(),
		services: { postgresBin: findPostgresBin(), redisServer: findRedisServer(), mariadb: findMariadb() },
		...(root ? { runAs: { ...UNPRIVILEGED_HOST_ID } } : {}),
		protect: [PROJECT_ROOT, ...(home && home !== '/' ? [home] : []), '/root'],
	};
}

const cache = new Map<string, Promise<ProbeResult>>();

/**
 * Builds the host facts and runs a trivial program in the exact sandbox; the answer is cached for the
 * process. `ok: false` carries a message for people.
 */
export function probeSandbox(options: { node?: string } = {}): Promise<ProbeResult> {
	const key = options.node ?? process.execPath;
	let result = cache.get(key);
	if (!result) {
		result = runProbe(options);
		cache.set(key, result);
	}
	return result;
}

/** What the probe's program prints: its uid and its network interfaces. */
const PROBE_PROGRAM =
	'process.stdout.write(JSON.stringify({uid:process.getuid(),net:Object.keys(require("node:os").networkInterfaces())}))';

async function runProbe(options: { node?: string }): Promise<ProbeResult> {
	const host = hostFacts(options);
	if (typeof host === 'string') return { ok: false, reason: host };
	const empty = mkdtempSync(join(tmpdir(), 'toolrisk-sandbox-probe-'));
	let command;
	try {
		command = prepareSandbox(host, {
			mounts: [{ host: empty, inside: INSIDE.package }],
			command: INSIDE.node,
			args: ['-e', PROBE_PROGRAM],
			env: {},
			dirs: [],
			services: [],
			limits: resolveLimits(),
		});
	} catch (error) {
		rmSync(empty, { recursive: true, force: true });
		return { ok: false, reason: `the sandbox could not be prepared: ${(error as Error).message}` };
	}
	try {
		const { code, stdout, stderr } = await run(command.command, command.args, {
			env: command.env,
			cwd: command.cwd,
			uid: command.uid,
			gid: command.gid,
		});
		if (code !== 0) {
			return {
				ok: false,
				reason: `${host.version} could not start the sandbox (exit code ${code}): ${stderr.trim() || '(no message)'}${hints(stderr)}`,
			};
		}
		let report: { uid?: number; net?: string[] } = {};
		try {
			report = JSON.parse(stdout) as typeof report;
		} catch {
			// checked below
		}
		if (report.uid !== SANDBOX_USER.uid || JSON.stringify(report.net) !== '["lo"]') {
			return {
				ok: false,
				reason: `the sandbox started but is not isolated as expected (it reported ${JSON.stringify(stdout.slice(0, 200))}, expected uid ${SANDBOX_USER.uid} and only the loopback interface)`,
			};
		}
		return { ok: true, host };
	} finally {
		command.cleanup();
		rmSync(empty, { recursive: true, force: true });
	}
}

function hints(stderr: string): string {
	if (/user namespace|uid map|setting up uid|Operation not permitted|No permissions to creat/i.test(stderr)) {
		return '. Unprivileged user namespaces seem disabled: enable them (sysctl kernel.unprivileged_userns_clone=1; on Ubuntu 24.04 also kernel.apparmor_restrict_unprivileged_userns=0), or run where they are allowed';
	}
	if (/Permission denied/i.test(stderr) && process.getuid?.() === 0) {
		return `. As root, the sandbox runs as the unprivileged user ${UNPRIVILEGED_HOST_ID.uid}; a folder it must read is not reachable by that user`;
	}
	return '';
}

function run(
	command: string,
	args: string[],
	options: { env: Record<string, string>; cwd: string; uid?: number | undefined; gid?: number | undefined },
): Promise<{ code: number | null; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		const child = spawn(command, args, {
			env: options.env,
			cwd: options.cwd,
			stdio: ['ignore', 'pipe', 'pipe'],
			timeout: 30_000,
			killSignal: 'SIGKILL',
			...(options.uid !== undefined ? { uid: options.uid } : {}),
			...(options.gid !== undefined ? { gid: options.gid } : {}),
		});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout = (stdout + t).slice(0, 10_000)));
		child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr = (stderr + t).slice(-4_000)));
		child.once('error', (error) => resolve({ code: -1, stdout, stderr: `${stderr}${error.message}` }));
		child.once('close', (code) => resolve({ code, stdout, stderr }));
	});
}

/** The message a scanner prints when the sandbox is unavailable and no unsafe run was asked for. */
export function unavailableMessage(reason: string): string {
	return [
		`The scanner runs every server in an OS sandbox, and the sandbox is unavailable here: ${reason}.`,
		'Nothing was scanned.',
		`To scan anyway, with each server's code running with your user's rights (it can read your files and credentials, write to the project, reach the network), pass ${UNSAFE_FLAG}.`,
	].join('\n');
}

/** The warning printed for each package scanned without the sandbox. */
export function unsafeWarning(what: string): string {
	return `WARNING: ${what} runs WITHOUT a sandbox (${UNSAFE_FLAG}): its code has your user's rights`;
}
