/**
 * The sandbox's policy (src/ingest/sandbox): the bubblewrap command line it builds (namespaces, what is
 * visible and how, limits, the first shell's script), the checks on what may be mounted, how a limit
 * is read from a failure, and failing closed: the scan commands scan nothing when bubblewrap is
 * missing or cannot start, unless --unsafe-no-sandbox, which warns for every package.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, limitHit, prlimitOptions, resolveLimits, type RunEnd } from '../../src/ingest/sandbox/limits.ts';
import { findExecutable, hostFacts, unavailableMessage } from '../../src/ingest/sandbox/probe.ts';
import {
	bwrapArgs,
	checkSpec,
	ETC_FILES,
	hostRootEntries,
	initScript,
	INSIDE,
	reachableBy,
	sandboxEnv,
	type SandboxHost,
	type SandboxSpec,
} from '../../src/ingest/sandbox/sandbox.ts';
import { insidePackage, sandboxedServer } from '../../src/ingest/sandbox/server.ts';
import { POSTGRES_TEMPLATE_INSIDE, SANDBOX_SERVICE_URLS } from '../../src/ingest/sandbox/services.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const work = mkdtempSync(join(tmpdir(), 'toolrisk-sandbox-test-'));
chmodSync(work, 0o755);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const HOST: SandboxHost = {
	bwrap: '/usr/bin/bwrap',
	version: 'bubblewrap 0.8.0',
	prlimit: '/usr/bin/prlimit',
	node: '/opt/node-24/bin/node',
	relay: `${ROOT}/src/ingest/sandbox/http-relay.ts`,
	rootEntries: [
		{ path: '/bin', link: 'usr/bin' },
		{ path: '/lib64', link: 'usr/lib64' },
	],
	services: { postgresBin: '/usr/lib/postgresql/15/bin', redisServer: '/usr/bin/redis-server' },
	protect: [ROOT, '/home/someone', '/root'],
};

function spec(extra: Partial<SandboxSpec> = {}): SandboxSpec {
	return {
		mounts: [{ host: '/var/cache/scan/pkg@1.0.0', inside: INSIDE.package }],
		command: INSIDE.node,
		args: ['/opt/package/node_modules/pkg/index.js', '--dir', '/tmp/dir-1'],
		env: { PKG_API_KEY: 'placeholder' },
		dirs: ['/tmp/dir-1'],
		services: [],
		limits: resolveLimits(),
		etc: '/tmp/run/etc',
		...extra,
	};
}

/** The `--flag source dest` triples of a bubblewrap command line. */
function binds(args: string[], flag: string): [string, string][] {
	const out: [string, string][] = [];
	const end = args.indexOf('--');
	args.slice(0, end).forEach((a, i) => {
		if (a === flag) out.push([args[i + 1] as string, args[i + 2] as string]);
	});
	return out;
}

describe('bwrapArgs: the sandbox a server runs in', () => {
	const args = bwrapArgs(HOST, spec());
	const options = args.slice(0, args.indexOf('--'));

	it.each(['--unshare-all', '--unshare-user', '--disable-userns', '--die-with-parent', '--new-session'])('has %s', (flag) => {
		expect(options).toContain(flag);
	});

	it.each(['--share-net', '--bind', '--dev-bind', '--bind-try', '--dev-bind-try', '--cap-add', '--as-pid-1', '--userns'])(
		'never has %s',
		(flag) => {
			expect(options).not.toContain(flag);
		},
	);

	it('shows exactly the runtime, the generated /etc files, the Node binary and the package, read-only', () => {
		expect(binds(args, '--ro-bind')).toEqual([
			['/usr', '/usr'],
			...Object.keys(ETC_FILES).map((name): [string, string] => [`/tmp/run/etc/${name}`, `/etc/${name}`]),
			['/opt/node-24/bin/node', INSIDE.node],
			['/var/cache/scan/pkg@1.0.0', INSIDE.package],
		]);
		expect(binds(args, '--symlink')).toEqual([
			['usr/bin', '/bin'],
			['usr/lib64', '/lib64'],
		]);
	});

	it('shows nothing of the project, the user home or /root', () => {
		const sources = binds(args, '--ro-bind').map(([source]) => source);
		for (const source of sources) {
			for (const guarded of HOST.protect)
				expect(guarded === source || guarded.startsWith(`${source}/`), `${source} holds ${guarded}`).toBe(false);
		}
	});

	it('gives private size-limited tmpfs for HOME/TMPDIR and /dev/shm, a fresh /proc and /dev, and makes / read-only last', () => {
		const at = (flag: string, value: string): number => options.findIndex((a, i) => a === flag && options[i + 1] === value);
		expect(options.slice(at('--tmpfs', '/tmp') - 4, at('--tmpfs', '/tmp'))).toEqual([
			'--size',
			String(DEFAULT_LIMITS.writableBytes),
			'--perms',
			'0755',
		]);
		expect(options.slice(at('--tmpfs', '/dev/shm') - 4, at('--tmpfs', '/dev/shm'))).toEqual([
			'--size',
			String(DEFAULT_LIMITS.sharedMemoryBytes),
			'--perms',
			'1777',
		]);
		expect(at('--proc', '/proc')).toBeGreaterThan(0);
		expect(at('--dev', '/dev')).toBeGreaterThan(0);
		for (const dir of [INSIDE.home, INSIDE.work, '/tmp/dir-1']) expect(at('--dir', dir)).toBeGreaterThan(at('--tmpfs', '/tmp'));
		expect(options.slice(-4)).toEqual(['--remount-ro', '/', '--chdir', INSIDE.work]);
	});

	it('runs prlimit with every limit, then the first shell, then the server with its arguments', () => {
		const command = args.slice(args.indexOf('--') + 1);
		expect(command.slice(0, 8)).toEqual(['/usr/bin/prlimit', ...prlimitOptions(resolveLimits()), '--']);
		expect(command.slice(8, 10)).toEqual(['/bin/sh', '-c']);
		expect(command.slice(11)).toEqual(['toolrisk-sandbox', INSIDE.node, '/opt/package/node_modules/pkg/index.js', '--dir', '/tmp/dir-1']);
	});

	it('passes only the sandbox variables and the placeholders', () => {
		expect(sandboxEnv(spec())).toEqual({ PKG_API_KEY: 'placeholder', PATH: INSIDE.path, HOME: INSIDE.home, TMPDIR: '/tmp' });
	});

	it('binds a read-write folder only when the scanner asks for one (its own PostgreSQL template step)', () => {
		expect(binds(bwrapArgs(HOST, spec({ mounts: [], writable: [{ host: '/tmp/template', inside: '/opt/output' }] })), '--bind')).toEqual([
			['/tmp/template', '/opt/output'],
		]);
	});

	it('shows the PostgreSQL template read-only, and only to a server that asked for PostgreSQL', () => {
		expect(binds(bwrapArgs(HOST, spec({ services: ['postgres'], postgresTemplate: '/tmp/t' })), '--ro-bind')).toContainEqual([
			'/tmp/t',
			POSTGRES_TEMPLATE_INSIDE,
		]);
		expect(binds(bwrapArgs(HOST, spec({ services: [], postgresTemplate: '/tmp/t' })), '--ro-bind').map(([s]) => s)).not.toContain('/tmp/t');
	});
});

describe('checkSpec: what may be shown to a sandboxed process', () => {
	it.each([
		['a mount over /usr', { mounts: [{ host: '/x', inside: '/usr/lib/x' }] }, /belongs to the sandbox itself/],
		['a mount into the writable tmpfs', { mounts: [{ host: '/x', inside: '/tmp/x' }] }, /belongs to the sandbox itself/],
		['a mount over /etc', { mounts: [{ host: '/x', inside: '/etc' }] }, /belongs to the sandbox itself/],
		['a mount above /opt/toolrisk', { mounts: [{ host: '/x', inside: '/opt' }] }, /belongs to the sandbox itself/],
		['the whole host', { mounts: [{ host: '/', inside: '/opt/package' }] }, /whole host file system/],
		['a folder holding the project', { mounts: [{ host: dirname(ROOT), inside: '/opt/package' }] }, /must not see/],
		['/root itself', { mounts: [{ host: '/root', inside: '/opt/package' }] }, /must not see/],
		['the user home', { mounts: [{ host: '/home/someone', inside: '/opt/package' }] }, /must not see/],
		['a relative path', { mounts: [{ host: 'pkg', inside: '/opt/package' }] }, /must be absolute/],
		['a folder outside the tmpfs', { dirs: ['/var/x'] }, /expected a path under \/tmp/],
		['a PATH of its own', { env: { PATH: '/x' } }, /PATH is set by the sandbox/],
		['a bad variable name', { env: { 'A=B': 'x' } }, /not a variable name/],
	] as const)('refuses %s', (_what, extra, message) => {
		expect(() => checkSpec(HOST, spec(extra as Partial<SandboxSpec>))).toThrow(message);
	});

	it('accepts a package folder inside the project cache (not the project itself)', () => {
		expect(() =>
			checkSpec(HOST, spec({ mounts: [{ host: join(ROOT, '.cache', 'scan', 'pkg@1.0.0'), inside: INSIDE.package }] })),
		).not.toThrow();
	});
});

describe('initScript: the first shell', () => {
	it('becomes the server when there is nothing to start first', () => {
		const script = initScript(HOST, spec());
		expect(script.split('\n').at(-1)).toBe('exec "$@"');
		expect(script).toContain('unset PWD OLDPWD');
	});

	it('starts PostgreSQL from the template and Redis on the sandbox loopback, waiting for each, before the server', () => {
		const script = initScript(HOST, spec({ services: ['postgres', 'redis'], postgresTemplate: '/tmp/t' }));
		expect(script).toMatch(/cp -R \/opt\/toolrisk\/postgres-template\/data \/tmp\/\.toolrisk-services\/postgres\/data/);
		expect(script).toMatch(/pg_ctl -D \S+ -l \S+ -w -t 30 -o '-p 5432 -k \S+ -c listen_addresses=127\.0\.0\.1 -c fsync=off' start/);
		expect(script).toMatch(/redis-server --port 6379 --bind 127\.0\.0\.1/);
		expect(script).toMatch(/-e '.*' 6379 \|\| fail 'Redis did not accept connections/);
		expect(script.indexOf('pg_ctl')).toBeLessThan(script.indexOf('exec "$@"'));
		expect(SANDBOX_SERVICE_URLS).toMatchObject({
			postgres: 'postgresql://postgres@127.0.0.1:5432/postgres',
			redis: 'redis://127.0.0.1:6379',
		});
	});

	it('runs initdb when there is no template', () => {
		expect(initScript(HOST, spec({ services: ['postgres'] }))).toMatch(/initdb -D \S+ -A trust -U postgres --no-sync/);
	});

	it('refuses a service the host lacks', () => {
		expect(() => initScript({ ...HOST, services: {} }, spec({ services: ['redis'] }))).toThrow(/redis-server not found/);
	});

	it('for an HTTP server: starts it in the background (stdout to stderr) and becomes the relay', () => {
		const script = initScript(HOST, spec({ http: { url: 'http://127.0.0.1:8080/mcp' } }));
		expect(script.split('\n').slice(-2)).toEqual([
			'"$@" </dev/null >&2 &',
			`exec ${INSIDE.node} ${INSIDE.relay} http://127.0.0.1:8080/mcp "$!"`,
		]);
		expect(binds(bwrapArgs(HOST, spec({ http: { url: 'http://127.0.0.1:8080/mcp' } })), '--ro-bind')).toContainEqual([
			HOST.relay,
			INSIDE.relay,
		]);
	});
});

describe('limits', () => {
	it('sets every rlimit, soft and hard, with the CPU hard limit 5 s after the soft one', () => {
		expect(prlimitOptions(resolveLimits({ cpuSeconds: 10, processes: 50 }))).toEqual([
			`--as=${DEFAULT_LIMITS.addressSpaceBytes}:${DEFAULT_LIMITS.addressSpaceBytes}`,
			'--cpu=10:15',
			'--nproc=50:50',
			`--nofile=${DEFAULT_LIMITS.openFiles}:${DEFAULT_LIMITS.openFiles}`,
			`--fsize=${DEFAULT_LIMITS.fileSizeBytes}:${DEFAULT_LIMITS.fileSizeBytes}`,
			'--core=0:0',
		]);
	});

	it.each([0, -1, 1.5, Number.NaN])('refuses %s as a limit', (value) => {
		expect(() => resolveLimits({ processes: value })).toThrow(/sandbox limit processes: expected a positive whole number/);
	});

	it.each([
		[{ errorKind: 'timeout', message: 'no answer within 30 s' }, 'wall-clock'],
		[{ errorKind: 'too-large', message: 'x: the server wrote more than 8.0 MB to stderr; refusing to read more' }, 'output'],
		[{ errorKind: 'too-large', message: 'the server sent a single message larger than 1.0 MB; refusing to read it' }, 'output'],
		[{ errorKind: 'too-large', message: 'the server listed more than 1000 tools' }, undefined],
		[{ errorKind: 'crashed', message: 'x: the server exited with code 152 before the listing was complete' }, 'cpu-time'],
		[{ errorKind: 'crashed', message: 'x: the server was killed by SIGXFSZ before the listing was complete' }, 'file-size'],
		[
			{ errorKind: 'crashed', message: 'x: the server exited with code 1', stderr: 'Error: ENOSPC: no space left on device, write' },
			'disk',
		],
		[{ errorKind: 'crashed', message: 'x: the server exited with code 1', stderr: 'Error: EMFILE: too many open files' }, 'open-files'],
		[
			{
				errorKind: 'crashed',
				message: 'x: the server exited with code 134',
				stderr: 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory',
			},
			'memory',
		],
		[{ errorKind: 'crashed', message: 'x: the server exited with code 1', stderr: 'Error: spawn /bin/sh EAGAIN' }, 'processes'],
		[{ errorKind: 'crashed', message: 'x: the server exited with code 1', stderr: 'TypeError: x is undefined' }, undefined],
		[{ errorKind: 'install', message: 'npm install failed: ENOSPC' }, undefined],
	] as [RunEnd, string | undefined][])('limitHit(%j) -> %s', (end, limit) => {
		expect(limitHit(end)).toBe(limit);
	});
});

describe('server targets', () => {
	it('maps package paths into the sandbox and refuses paths outside the package', () => {
		expect(insidePackage('/c/pkg@1', '/c/pkg@1/node_modules/pkg/bin.js')).toBe('/opt/package/node_modules/pkg/bin.js');
		expect(() => insidePackage('/c/pkg@1', '/c/other/bin.js')).toThrow(/not inside the package folder/);
	});

	it('gives temp-dir arguments fresh folders in the sandbox and records their placeholders', async () => {
		const pkg = join(work, 'pkg');
		mkdirSync(pkg, { recursive: true });
		const run = await sandboxedServer(HOST, {
			packageDir: pkg,
			program: join(pkg, 'index.js'),
			runWithNode: true,
			args: [
				{ kind: 'literal', value: '--stdio' },
				{ kind: 'temp-dir', placeholder: '/path/to/allowed/dir' },
				{ kind: 'substitute', value: SANDBOX_SERVICE_URLS.redis, placeholder: 'redis://localhost:6379' },
			],
			env: { A_TOKEN: 'placeholder' },
			services: ['redis'],
		});
		try {
			expect(run.storedArgs).toEqual(['--stdio', '/path/to/allowed/dir', 'redis://localhost:6379']);
			expect(run.target.args.slice(-5)).toEqual([INSIDE.node, '/opt/package/index.js', '--stdio', '/tmp/dir-1', 'redis://127.0.0.1:6379']);
			expect(run.target.label).toBe('node /opt/package/index.js --stdio /tmp/dir-1 redis://127.0.0.1:6379 in a bubblewrap sandbox');
			expect(run.target.env).toEqual({ A_TOKEN: 'placeholder', PATH: INSIDE.path, HOME: INSIDE.home, TMPDIR: '/tmp' });
		} finally {
			await run.cleanup();
		}
	});
});

describe('host facts', () => {
	it('tells whether a user other than the owner can reach a path', () => {
		const open = join(work, 'open');
		const closed = join(work, 'closed');
		mkdirSync(join(open, 'x'), { recursive: true });
		mkdirSync(join(closed, 'x'), { recursive: true });
		chmodSync(closed, 0o700);
		const stranger = { uid: 65534, gid: 65534 };
		expect(reachableBy(join(open, 'x'), stranger)).toBe(true);
		expect(reachableBy(join(closed, 'x'), stranger)).toBe(false);
		expect(reachableBy(join(work, 'missing'), stranger)).toBe(false);
	});

	it('copies merged-/usr links and binds real folders', () => {
		const root = join(work, 'root');
		mkdirSync(join(root, 'lib64'), { recursive: true });
		symlinkSync('usr/bin', join(root, 'bin'));
		expect(hostRootEntries(root)).toEqual([
			{ path: '/bin', link: 'usr/bin' },
			{ path: '/lib64', bind: true },
		]);
	});

	it('says how to install bubblewrap when it is not on PATH', () => {
		const saved = process.env['PATH'];
		process.env['PATH'] = join(work, 'nothing-here');
		try {
			expect(findExecutable('bwrap')).toBeUndefined();
			expect(hostFacts()).toMatch(/bubblewrap \(bwrap\) is not installed; install it with `apt-get install -y bubblewrap`/);
		} finally {
			process.env['PATH'] = saved;
		}
		expect(unavailableMessage('x')).toMatch(/Nothing was scanned\.\nTo scan anyway, .* pass --unsafe-no-sandbox\./);
	});
});

describe('failing closed', () => {
	const packages = join(work, 'packages');
	const list = join(work, 'list.tsv');
	// Two harmless local packages (no network needed).
	for (const id of ['one', 'two']) {
		const dir = join(packages, id);
		mkdirSync(dir, { recursive: true });
		writeFileSync(join(dir, 'lib.mjs'), readFileSync(join(ROOT, 'tests', 'fixtures', 'hostile-packages', 'lib.mjs')));
		writeFileSync(join(dir, 'server.mjs'), "import { serve } from './lib.mjs';\nserve({});\n");
		writeFileSync(
			join(dir, 'package.json'),
			JSON.stringify({ name: `quiet-${id}`, version: '1.0.0', bin: { [`quiet-${id}`]: 'server.mjs' } }),
		);
	}
	writeFileSync(list, 'package\n./packages/one\n./packages/two\n');
	// A bubblewrap that exists but cannot make a sandbox, as on a kernel without user namespaces.
	const fakeBin = join(work, 'fake-bin');
	mkdirSync(fakeBin, { recursive: true });
	writeFileSync(
		join(fakeBin, 'bwrap'),
		'#!/bin/sh\nif [ "$1" = --version ]; then echo "bubblewrap 0.0-fake"; exit 0; fi\necho "bwrap: No permissions to creating new namespace, likely because the kernel does not allow non-privileged user namespaces." >&2\nexit 1\n',
		{ mode: 0o755 },
	);

	const batch = (path: string, extra: string[] = []) =>
		spawnSync(
			process.execPath,
			[
				join(ROOT, 'scripts', 'batch-scan.ts'),
				'--list',
				list,
				'--out',
				join(work, 'out'),
				'--report',
				join(work, 'report.json'),
				'--cache',
				join(work, 'cache'),
				...extra,
			],
			{
				encoding: 'utf8',
				timeout: 60_000,
				env: { PATH: path, HOME: process.env['HOME'] ?? '/' },
			},
		);

	it('scan:batch without bubblewrap: says why, scans nothing, exits 2', () => {
		const run = batch(join(work, 'nothing-here'));
		expect(run.status, run.stderr).toBe(2);
		expect(run.stderr).toMatch(
			/sandbox is unavailable here: bubblewrap \(bwrap\) is not installed[\s\S]*Nothing was scanned\.[\s\S]*--unsafe-no-sandbox/,
		);
		expect(existsSync(join(work, 'report.json'))).toBe(false);
		expect(existsSync(join(work, 'out'))).toBe(false);
	});

	it('scan:batch with a bubblewrap that cannot start: says why, with a hint, scans nothing', () => {
		const run = batch(`${fakeBin}:/usr/bin:/bin`);
		expect(run.status, run.stderr).toBe(2);
		expect(run.stderr).toMatch(
			/bubblewrap 0\.0-fake could not start the sandbox \(exit code 1\): bwrap: No permissions to creating new namespace[\s\S]*user namespaces seem disabled/,
		);
		expect(existsSync(join(work, 'report.json'))).toBe(false);
	});

	it('scan --npm without bubblewrap: says why and installs nothing', () => {
		const run = spawnSync(
			process.execPath,
			[join(ROOT, 'scripts', 'scan.ts'), '--npm', 'left-pad', '--out', join(work, 'out'), '--cache', join(work, 'npm-cache')],
			{
				encoding: 'utf8',
				timeout: 30_000,
				env: { PATH: join(work, 'nothing-here'), HOME: process.env['HOME'] ?? '/' },
			},
		);
		expect(run.status).toBe(1);
		expect(run.stderr).toMatch(
			/^scan: The scanner runs every server in an OS sandbox, and the sandbox is unavailable here: bubblewrap \(bwrap\) is not installed/,
		);
		expect(existsSync(join(work, 'npm-cache'))).toBe(false);
	});

	it('--unsafe-no-sandbox: scans, warning for every package, and records that no sandbox was used', () => {
		const run = batch(join(work, 'nothing-here'), ['--unsafe-no-sandbox']);
		expect(run.status, run.stderr).toBe(0);
		expect(run.stderr).toMatch(/2 packages from .*, 2 at once, WITHOUT a sandbox/);
		expect(run.stderr.match(/^WARNING: quiet-(?:one|two)@1\.0\.0 runs WITHOUT a sandbox \(--unsafe-no-sandbox\)/gm)).toHaveLength(2);
		const report = JSON.parse(readFileSync(join(work, 'report.json'), 'utf8')) as { records: { outcome: string; sandbox: unknown }[] };
		expect(report.records.map((r) => [r.outcome, r.sandbox])).toEqual([
			['catalogued', { kind: 'none' }],
			['catalogued', { kind: 'none' }],
		]);
	});
});
