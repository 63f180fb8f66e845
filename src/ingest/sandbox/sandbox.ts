/**
 * The OS sandbox every untrusted process of the scanner runs in: one bubblewrap (`bwrap`) per server.
 *
 * Inside, the process sees a read-only view of the runtime (`/usr` and the merged-/usr links, the one
 * Node binary, nothing else of the project), the read-only package folder, a few generated `/etc`
 * files, a private `/proc` and `/dev`, and a size-limited private tmpfs for HOME, TMPDIR, its working
 * folder and any throwaway database; everything else of the host's file system is absent and `/` is
 * read-only. It has its own user namespace (one uid, no capabilities, no nested user namespaces), pid
 * namespace (nothing survives its first process), IPC, UTS and cgroup namespaces, and a network
 * namespace holding only its own loopback: the throwaway PostgreSQL or Redis start there, before the
 * server, and nothing can reach out. rlimits (limits.ts) bound memory, CPU, processes, open files and
 * file sizes.
 *
 * When the scanner runs as root, bubblewrap is started as the unprivileged `nobody` user, so the
 * sandbox's processes are nobody on the host (and RLIMIT_NPROC applies: the kernel exempts root from
 * it); a read-only source that `nobody` cannot reach is copied to a readable temporary folder first.
 *
 * This module only builds the command line (pure, table-tested) and prepares the per-run files; the
 * scanner spawns the result like any stdio server (src/ingest/mcp-list.ts).
 */
import { chmodSync, cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, isAbsolute, join, normalize, relative, sep } from 'node:path';
import { prlimitOptions, type SandboxLimits } from './limits.ts';
import {
	POSTGRES_TEMPLATE_INSIDE,
	serviceStartLines,
	SERVICE_FAILED_EXIT,
	shellQuote,
	type ServiceBinaries,
	type ServiceKind,
} from './services.ts';

/** Fixed paths inside the sandbox. */
export const INSIDE = Object.freeze({
	/** The Node binary the scanner itself runs on. */
	node: '/opt/toolrisk/node/bin/node',
	/** The stdio-to-HTTP relay (http-relay.ts), only for servers listening on HTTP. */
	relay: '/opt/toolrisk/http-relay.ts',
	/** The installed package (for npm: the install prefix, holding node_modules). */
	package: '/opt/package',
	/** The private writable tmpfs. */
	writable: '/tmp',
	home: '/tmp/home',
	work: '/tmp/work',
	path: '/opt/toolrisk/node/bin:/usr/local/bin:/usr/bin:/bin',
	hostname: 'toolrisk-sandbox',
});

/** The one user inside the sandbox (named in its generated /etc/passwd). */
export const SANDBOX_USER = Object.freeze({ name: 'sandbox', uid: 1000, gid: 1000 });

/** The host user bubblewrap runs as when the scanner is root (Debian's `nobody` / `nogroup`). */
export const UNPRIVILEGED_HOST_ID = Object.freeze({ uid: 65534, gid: 65534 });

/** Paths inside the sandbox that belong to the sandbox itself; a read-only mount may not go there. */
const RESERVED_INSIDE = [
	'/',
	'/usr',
	'/etc',
	'/proc',
	'/dev',
	'/tmp',
	'/opt/toolrisk',
	'/bin',
	'/sbin',
	'/lib',
	'/lib64',
	'/lib32',
	'/libx32',
];

/** A top-level entry of the host's root that the runtime needs: a merged-/usr link, or a folder to bind. */
export type RootEntry = { path: string; link: string } | { path: string; bind: true };

/** Facts about the host the sandbox is built from (found once by the probe). */
export interface SandboxHost {
	bwrap: string;
	/** `bubblewrap 0.8.0`. */
	version: string;
	prlimit: string;
	/** The Node binary, on the host. */
	node: string;
	/** The relay script, on the host. */
	relay: string;
	/** `/bin`, `/lib`... as links into /usr (merged /usr) or folders to bind read-only. */
	rootEntries: RootEntry[];
	services: ServiceBinaries;
	/** The host user to start bubblewrap as (set when the scanner is root). */
	runAs?: { uid: number; gid: number } | undefined;
	/** Host folders that must never be visible in the sandbox, nor any folder holding them (the project, HOME). */
	protect: string[];
}

/** A host file or folder shown read-only at a path inside the sandbox. */
export interface ReadOnlyMount {
	host: string;
	inside: string;
}

/** One sandboxed process: what it sees, runs, and may use. */
export interface SandboxSpec {
	/** Read-only views besides the runtime (the package folder, a harness). */
	mounts: ReadOnlyMount[];
	/** The program and its arguments, as paths inside the sandbox. */
	command: string;
	args: string[];
	/** The server's own environment (placeholders); PATH, HOME and TMPDIR are the sandbox's. */
	env: Record<string, string>;
	/** Empty folders to create in the writable tmpfs (temp-dir arguments). */
	dirs: string[];
	services: ServiceKind[];
	limits: SandboxLimits;
	/** The server listens for streamable HTTP here (inside); the sandbox's stdio is then the relay's. */
	http?: { url: string } | undefined;
	/** Host folder holding the generated passwd, group, hosts and nsswitch.conf. */
	etc: string;
	/** A ready-made PostgreSQL cluster (host folder holding `data/`), copied instead of running initdb. */
	postgresTemplate?: string | undefined;
	/**
	 * Host folders the process may write, at a path inside. Only for the scanner's own setup steps
	 * (making the PostgreSQL template); a server's sandbox never has one.
	 */
	writable?: ReadOnlyMount[] | undefined;
}

/** The generated /etc files and why each is there. */
export const ETC_FILES: Readonly<Record<string, string>> = Object.freeze({
	// Node's os.userInfo(), PostgreSQL's initdb and many tools look the running user up.
	passwd: `root:x:0:0:root:/root:/usr/sbin/nologin\n${SANDBOX_USER.name}:x:${SANDBOX_USER.uid}:${SANDBOX_USER.gid}:sandbox:${INSIDE.home}:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n`,
	group: `root:x:0:\n${SANDBOX_USER.name}:x:${SANDBOX_USER.gid}:\nnogroup:x:65534:\n`,
	// "localhost" resolves without DNS (there is none: no network).
	hosts: `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n127.0.1.1\t${INSIDE.hostname}\n`,
	// Files only: no DNS lookups that can only time out, no host services (systemd, mDNS).
	'nsswitch.conf': 'passwd: files\ngroup: files\nshadow: files\nhosts: files\nnetworks: files\nprotocols: files\nservices: files\n',
});

/** Checks a spec's mounts and paths; throws an Error naming the problem. */
export function checkSpec(host: SandboxHost, spec: SandboxSpec): void {
	for (const m of [...spec.mounts, ...(spec.writable ?? [])]) {
		if (!isAbsolute(m.host) || !isAbsolute(m.inside))
			throw new Error(`sandbox mount ${m.host} -> ${m.inside}: both paths must be absolute`);
		const inside = normalize(m.inside);
		if (RESERVED_INSIDE.some((r) => inside === r || (r !== '/' && isWithin(inside, r)) || isWithin(r, inside))) {
			throw new Error(`sandbox mount ${m.host} -> ${m.inside}: that path belongs to the sandbox itself`);
		}
		const source = normalize(m.host);
		if (source === '/') throw new Error('sandbox mount: the whole host file system cannot be shown to a sandboxed process');
		const guarded = host.protect.find((p) => isWithin(p, source) || p === source);
		if (guarded) throw new Error(`sandbox mount ${m.host}: it holds ${guarded}, which a sandboxed process must not see`);
	}
	for (const d of spec.dirs) {
		if (!isWithin(normalize(d), INSIDE.writable)) throw new Error(`sandbox folder ${d}: expected a path under ${INSIDE.writable}`);
	}
	for (const name of Object.keys(spec.env)) {
		if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`sandbox environment: ${JSON.stringify(name)} is not a variable name`);
		if (['PATH', 'HOME', 'TMPDIR'].includes(name)) throw new Error(`sandbox environment: ${name} is set by the sandbox`);
	}
}

/** Whether `path` is `folder` or inside it. */
function isWithin(path: string, folder: string): boolean {
	const rel = relative(folder, path);
	return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * The shell script the sandbox's first process runs (`sh -c <script> toolrisk-sandbox <command> <args>`):
 * start the services, then become the server (stdio), or start the server in the background and become
 * the relay to its HTTP endpoint (HTTP).
 */
export function initScript(host: SandboxHost, spec: SandboxSpec): string {
	const lines = [
		'set -eu',
		// The shell exports the working folder it starts in; the server gets only the sandbox's variables.
		'unset PWD OLDPWD',
		`fail() { echo "toolrisk sandbox: $1" >&2; if [ -f "$2" ]; then tail -n 20 "$2" >&2; fi; exit ${SERVICE_FAILED_EXIT}; }`,
		...serviceStartLines(
			spec.services,
			host.services,
			INSIDE.node,
			spec.postgresTemplate !== undefined && spec.services.includes('postgres'),
		),
	];
	if (spec.http) {
		// The server's stdout is not the protocol channel here; it goes to stderr with its logs.
		lines.push('"$@" </dev/null >&2 &', `exec ${INSIDE.node} ${INSIDE.relay} ${shellQuote(spec.http.url)} "$!"`);
	} else {
		lines.push('exec "$@"');
	}
	return lines.join('\n');
}

/** The environment the sandboxed process gets (bubblewrap passes its own environment on). */
export function sandboxEnv(spec: SandboxSpec): Record<string, string> {
	return { ...spec.env, PATH: INSIDE.path, HOME: INSIDE.home, TMPDIR: INSIDE.writable };
}

/** The bubblewrap command line (without the `bwrap` itself) for one sandboxed process. */
export function bwrapArgs(host: SandboxHost, spec: SandboxSpec): string[] {
	checkSpec(host, spec);
	const args = [
		// user, ipc, pid, net, uts, cgroup; --unshare-user explicitly, as --disable-userns requires it.
		'--unshare-all',
		'--unshare-user',
		'--disable-userns',
		'--die-with-parent',
		'--new-session',
		'--uid',
		String(SANDBOX_USER.uid),
		'--gid',
		String(SANDBOX_USER.gid),
		'--hostname',
		INSIDE.hostname,
		'--ro-bind',
		'/usr',
		'/usr',
	];
	for (const entry of host.rootEntries) {
		if ('link' in entry) args.push('--symlink', entry.link, entry.path);
		else args.push('--ro-bind', entry.path, entry.path);
	}
	for (const name of Object.keys(ETC_FILES)) args.push('--ro-bind', join(spec.etc, name), `/etc/${name}`);
	args.push('--ro-bind', host.node, INSIDE.node);
	if (spec.http) args.push('--ro-bind', host.relay, INSIDE.relay);
	for (const m of spec.mounts) args.push('--ro-bind', m.host, normalize(m.inside));
	if (spec.postgresTemplate !== undefined && spec.services.includes('postgres'))
		args.push('--ro-bind', spec.postgresTemplate, POSTGRES_TEMPLATE_INSIDE);
	for (const m of spec.writable ?? []) args.push('--bind', m.host, normalize(m.inside));
	args.push(
		'--proc',
		'/proc',
		'--dev',
		'/dev',
		'--size',
		String(spec.limits.writableBytes),
		'--perms',
		'0755',
		'--tmpfs',
		INSIDE.writable,
		'--size',
		String(spec.limits.sharedMemoryBytes),
		'--perms',
		'1777',
		'--tmpfs',
		'/dev/shm',
	);
	for (const dir of [INSIDE.home, INSIDE.work, ...spec.dirs]) args.push('--dir', normalize(dir));
	args.push(
		'--remount-ro',
		'/',
		'--chdir',
		INSIDE.work,
		'--',
		host.prlimit,
		...prlimitOptions(spec.limits),
		'--',
		'/bin/sh',
		'-c',
		initScript(host, spec),
		'toolrisk-sandbox',
		spec.command,
		...spec.args,
	);
	return args;
}

/** How the scanner starts one sandboxed process. */
export interface SandboxCommand {
	command: string;
	args: string[];
	env: Record<string, string>;
	/** The host folder bubblewrap starts in (it must be reachable by `runAs`). */
	cwd: string;
	uid?: number;
	gid?: number;
	/** The program line as the sandbox runs it, for messages. */
	label: string;
	/** Removes the per-run files. Never throws. */
	cleanup: () => void;
}

/** A sandboxed process to prepare: the spec without the per-run /etc folder. */
export type SandboxRequest = Omit<SandboxSpec, 'etc'>;

/**
 * Writes the per-run files (the generated /etc; copies of read-only sources the unprivileged host user
 * cannot reach) into a new temporary folder and returns the command that starts the sandbox.
 */
export function prepareSandbox(host: SandboxHost, request: SandboxRequest): SandboxCommand {
	const run = mkdtempSync(join(tmpdir(), 'toolrisk-sandbox-'));
	const cleanup = (): void => {
		try {
			rmSync(run, { recursive: true, force: true });
		} catch {
			// a leftover temporary folder is harmless
		}
	};
	try {
		// Readable by the unprivileged host user; it holds nothing secret.
		chmodSync(run, 0o755);
		const etc = join(run, 'etc');
		mkdirSync(etc, { mode: 0o755 });
		for (const [name, text] of Object.entries(ETC_FILES)) writeFileSync(join(etc, name), text, { mode: 0o644 });
		const stage = (path: string): string => (host.runAs ? reachableCopy(path, host.runAs, join(run, 'staged')) : path);
		const mounts = request.mounts.map((m) => ({ inside: m.inside, host: stage(m.host) }));
		if (request.postgresTemplate !== undefined) request = { ...request, postgresTemplate: stage(request.postgresTemplate) };
		const effective: SandboxHost = { ...host, node: stage(host.node), relay: request.http ? stage(host.relay) : host.relay };
		const spec: SandboxSpec = { ...request, mounts, etc };
		return {
			command: host.bwrap,
			args: bwrapArgs(effective, spec),
			env: sandboxEnv(spec),
			cwd: '/',
			...(host.runAs ? { uid: host.runAs.uid, gid: host.runAs.gid } : {}),
			label: `${[request.command, ...request.args].join(' ')} (in a bubblewrap sandbox)`,
			cleanup,
		};
	} catch (error) {
		cleanup();
		throw error;
	}
}

/**
 * Whether the host user `id` can reach `path` (search every folder above it, read it): the mode bits
 * of each folder, as owner, group or other. ACLs are not read (a path they open is copied needlessly).
 */
export function reachableBy(path: string, id: { uid: number; gid: number }): boolean {
	const allowed = (mode: number, uid: number, gid: number, bit: 'x' | 'r'): boolean => {
		const shift = uid === id.uid ? 6 : gid === id.gid ? 3 : 0;
		return ((mode >> shift) & (bit === 'x' ? 1 : 4)) !== 0;
	};
	try {
		const parts = normalize(path).split(sep).filter(Boolean);
		let current = '/';
		for (const part of parts.slice(0, -1)) {
			current = join(current, part);
			const st = statSync(current);
			if (!allowed(st.mode, st.uid, st.gid, 'x')) return false;
		}
		const st = statSync(path);
		return allowed(st.mode, st.uid, st.gid, 'r') && (!st.isDirectory() || allowed(st.mode, st.uid, st.gid, 'x'));
	} catch {
		return false;
	}
}

/**
 * `path` itself when `id` can reach it, else a copy under `stageDir` (links kept as links, modes kept,
 * made readable). Only a root scanner needs this, for sources under a folder like /root.
 */
function reachableCopy(path: string, id: { uid: number; gid: number }, stageDir: string): string {
	if (reachableBy(path, id)) return path;
	mkdirSync(stageDir, { recursive: true, mode: 0o755 });
	const copy = mkdtempSync(join(stageDir, 'x-'));
	chmodSync(copy, 0o755);
	const target = join(copy, basename(path));
	cpSync(path, target, { recursive: true, verbatimSymlinks: true });
	makeReadable(target);
	return target;
}

function makeReadable(path: string): void {
	const st = lstatSync(path);
	if (st.isSymbolicLink()) return;
	chmodSync(path, st.mode | (st.isDirectory() ? 0o555 : 0o444));
	if (st.isDirectory()) for (const name of readdirSync(path)) makeReadable(join(path, name));
}

/**
 * The top-level entries of the host's root the runtime needs besides /usr: on a merged-/usr system
 * links (`/bin -> usr/bin`, `/lib64 -> usr/lib64`, where the ELF loader is found), otherwise folders to
 * bind read-only. Entries the host lacks are left out.
 */
export function hostRootEntries(root = '/'): RootEntry[] {
	const entries: RootEntry[] = [];
	for (const name of ['bin', 'sbin', 'lib', 'lib64', 'lib32', 'libx32']) {
		const path = join(root, name);
		try {
			const st = lstatSync(path);
			if (st.isSymbolicLink()) entries.push({ path: `/${name}`, link: readlinkSync(path) });
			else if (st.isDirectory()) entries.push({ path: `/${name}`, bind: true });
		} catch {
			// absent on this host
		}
	}
	return entries;
}
