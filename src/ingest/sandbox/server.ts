/**
 * A scanned server as a sandboxed stdio target: the package folder shown read-only at /opt/package,
 * the server's arguments with fresh folders inside the sandbox for `temp-dir` placeholders, its
 * placeholder environment, its services, and the relay when it listens on HTTP.
 */
import { isAbsolute, join, normalize, relative } from 'node:path';
import { resolveLimits, type SandboxLimits } from './limits.ts';
import { INSIDE, prepareSandbox, type SandboxHost } from './sandbox.ts';
import type { ServiceKind } from './services.ts';
import { postgresTemplate } from './templates.ts';

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
	/** Files written in the sandbox before the server starts (see SandboxSpec.files). */
	files?: readonly { path: string; content: string }[];
	limits?: Partial<SandboxLimits>;
	/** The server listens for streamable HTTP on this loopback port (and path) inside the sandbox. */
	http?: { port: number; path?: string };
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
	const command = prepareSandbox(host, {
		mounts: launch.packageDir !== undefined ? [{ host: launch.packageDir, inside: INSIDE.package }] : [],
		command: launch.runWithNode ? INSIDE.node : program,
		args: launch.runWithNode ? [program, ...args] : args,
		env: { ...launch.env },
		dirs,
		...(launch.files && launch.files.length > 0 ? { files: launch.files.map((f) => ({ ...f })) } : {}),
		services,
		limits,
		http,
		postgresTemplate: template,
	});
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
		cleanup: async () => command.cleanup(),
	};
}
