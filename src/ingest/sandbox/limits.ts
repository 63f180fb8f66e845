/**
 * Resource limits of a sandboxed server, and how to tell afterwards which one ended it.
 *
 * Per-process limits are rlimits set by `prlimit` on the sandbox's first process, so everything the
 * server starts inherits them: address space (RLIMIT_AS), CPU seconds (RLIMIT_CPU: SIGXCPU at the soft
 * limit, SIGKILL at the hard one), processes and threads (RLIMIT_NPROC, counted in the sandbox's own
 * user namespace, so concurrent sandboxes and the user's other processes do not share the count), open
 * files (RLIMIT_NOFILE) and the largest file (RLIMIT_FSIZE). The writable space is a tmpfs of a fixed
 * size (disk fill ends in ENOSPC there), and the scanner stops reading after a number of stdout and
 * stderr bytes. Wall-clock time is the scanner's own limit (`ListOptions`).
 */
import type { SandboxLimit } from '../../lib/content/scan-report.ts';

export interface SandboxLimits {
	/** Address space of each process, in bytes (RLIMIT_AS). Node 24 needs about 1.1 GiB just to start. */
	addressSpaceBytes: number;
	/** CPU seconds of each process (RLIMIT_CPU soft limit: SIGXCPU); the hard limit (SIGKILL) is 5 s later. */
	cpuSeconds: number;
	/** Processes and threads of the sandbox's user, all together (RLIMIT_NPROC); Node alone runs about 11 threads. */
	processes: number;
	/** Open files of each process (RLIMIT_NOFILE, soft and hard). */
	openFiles: number;
	/** The largest file a process may write, in bytes (RLIMIT_FSIZE). */
	fileSizeBytes: number;
	/** Size of the private writable tmpfs holding HOME, TMPDIR, the working folder and the services' data. */
	writableBytes: number;
	/** Size of the private `/dev/shm`. */
	sharedMemoryBytes: number;
	/** Bytes of stderr the scanner reads before it stops the server (stdout has the listing's own cap). */
	stderrBytes: number;
}

const MiB = 1024 * 1024;

/**
 * Defaults: room for a large Node or native server and a throwaway PostgreSQL (which needs about 40 MB
 * of disk and a dozen processes), far below what would disturb a machine running two scans at once.
 */
export const DEFAULT_LIMITS: Readonly<SandboxLimits> = Object.freeze({
	addressSpaceBytes: 8 * 1024 * MiB,
	cpuSeconds: 120,
	processes: 256,
	openFiles: 1024,
	fileSizeBytes: 256 * MiB,
	writableBytes: 512 * MiB,
	sharedMemoryBytes: 64 * MiB,
	stderrBytes: 8 * MiB,
});

/** The hard CPU limit is this many seconds after the soft one, so SIGXCPU (catchable, reported) comes first. */
export const CPU_HARD_GRACE_SECONDS = 5;

/** Checks that every limit is a positive whole number; throws a RangeError naming the first that is not. */
export function resolveLimits(overrides: Partial<SandboxLimits> = {}): SandboxLimits {
	const limits = { ...DEFAULT_LIMITS };
	for (const [key, value] of Object.entries(overrides) as [keyof SandboxLimits, number | undefined][]) {
		if (value === undefined) continue;
		if (!Number.isSafeInteger(value) || value <= 0)
			throw new RangeError(`sandbox limit ${key}: expected a positive whole number, got ${value}`);
		limits[key] = value;
	}
	return limits;
}

/** The `prlimit` options that set the per-process limits (soft:hard). */
export function prlimitOptions(limits: SandboxLimits): string[] {
	return [
		`--as=${limits.addressSpaceBytes}:${limits.addressSpaceBytes}`,
		`--cpu=${limits.cpuSeconds}:${limits.cpuSeconds + CPU_HARD_GRACE_SECONDS}`,
		`--nproc=${limits.processes}:${limits.processes}`,
		`--nofile=${limits.openFiles}:${limits.openFiles}`,
		`--fsize=${limits.fileSizeBytes}:${limits.fileSizeBytes}`,
		// No core files: a crashing server must not write its memory to disk.
		'--core=0:0',
	];
}

/** What is known about how a sandboxed run ended. */
export interface RunEnd {
	/** The ScanError kind (`timeout`, `too-large`, `crashed`, ...), if the scan failed. */
	errorKind?: string;
	/** The failure message (it says "exited with code N" or "was killed by SIGNAL" when the server ended). */
	message?: string;
	/** The server's last stderr lines. */
	stderr?: string;
}

/**
 * Signals the kernel sends when a limit is reached, and how bubblewrap reports a command killed by a
 * signal (exit code 128 + the signal's number).
 */
const LIMIT_SIGNALS: readonly { signal: string; code: number; limit: SandboxLimit }[] = [
	{ signal: 'SIGXCPU', code: 128 + 24, limit: 'cpu-time' },
	{ signal: 'SIGXFSZ', code: 128 + 25, limit: 'file-size' },
];

/** Error texts of each limit, as libc, Node and V8 print them. Checked in this order. */
const LIMIT_TEXTS: readonly { pattern: RegExp; limit: SandboxLimit }[] = [
	{ pattern: /\bENOSPC\b|no space left on device/i, limit: 'disk' },
	{ pattern: /\bEFBIG\b|file size limit exceeded|file too large/i, limit: 'file-size' },
	{ pattern: /\bEMFILE\b|too many open files/i, limit: 'open-files' },
	{
		pattern:
			/out of memory|\bENOMEM\b|cannot allocate memory|failed to reserve virtual memory|allocation failed|std::bad_alloc|memory allocation of \d+ bytes failed/i,
		limit: 'memory',
	},
	{
		pattern: /cannot fork|fork: retry|spawn \S+ EAGAIN|\bEAGAIN\b.*(?:spawn|fork|thread)|pthread_create|resource temporarily unavailable/i,
		limit: 'processes',
	},
	{ pattern: /CPU time limit exceeded/i, limit: 'cpu-time' },
];

/**
 * The limit that most likely ended a run, or undefined when none did. Time and output limits are the
 * scanner's own and certain; the others are read from the exit signal and the server's stderr, which a
 * server can fake: a hint for the report, never a security decision.
 */
export function limitHit(end: RunEnd): SandboxLimit | undefined {
	const message = end.message ?? '';
	if (end.errorKind === 'timeout') return 'wall-clock';
	if (end.errorKind === 'too-large' && /\b(?:stdout|stderr)\b|single message larger than/.test(message)) return 'output';
	for (const s of LIMIT_SIGNALS) {
		if (message.includes(`killed by ${s.signal}`) || new RegExp(`exited with code ${s.code}\\b`).test(message)) return s.limit;
	}
	if (end.errorKind !== 'crashed' && end.errorKind !== 'timeout' && end.errorKind !== 'protocol') return undefined;
	const text = `${end.stderr ?? ''}\n${message.split('\nLast lines')[0] ?? ''}`;
	return LIMIT_TEXTS.find((t) => t.pattern.test(text))?.limit;
}
