/**
 * Throwaway PostgreSQL, Redis and MariaDB on the host's loopback, for the unsandboxed mode only (in the sandbox each
 * server gets its own, inside its network namespace: `../sandbox/services.ts`).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { chmod, chown, mkdtemp } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findMariadb, MARIADB_OPTIONS, MARIADB_SETUP_SQL } from '../sandbox/services.ts';
import type { ServiceKind } from './server-list.ts';

export class Services {
	readonly #started = new Map<ServiceKind, Promise<{ url: string; stop: () => Promise<void> }>>();
	readonly #log: (line: string) => void;
	constructor(log: (line: string) => void = () => {}) {
		this.#log = log;
	}

	/** The URL of a running service of that kind, starting it if needed. */
	async url(kind: ServiceKind): Promise<string> {
		let running = this.#started.get(kind);
		if (!running) {
			running = kind === 'postgres' ? startPostgres(this.#log) : kind === 'mysql' ? startMariadb(this.#log) : startRedis(this.#log);
			this.#started.set(kind, running);
		}
		return (await running).url;
	}

	async stopAll(): Promise<void> {
		for (const [, running] of this.#started) {
			try {
				await (await running).stop();
			} catch {
				// it failed to start; nothing to stop
			}
		}
		this.#started.clear();
	}
}

/** Synchronous stops of running services, run if this process exits first (Ctrl-C, a kill). */
const exitStops = new Set<() => void>();
process.once('exit', () => {
	for (const stop of exitStops) stop();
});

async function freePort(): Promise<number> {
	return new Promise((resolvePort, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolvePort(port));
		});
	});
}

async function waitForPort(port: number, ms: number): Promise<boolean> {
	const until = Date.now() + ms;
	while (Date.now() < until) {
		const ok = await new Promise<boolean>((done) => {
			const socket = connect(port, '127.0.0.1');
			socket.once('connect', () => {
				socket.destroy();
				done(true);
			});
			socket.once('error', () => done(false));
		});
		if (ok) return true;
		await new Promise((r) => setTimeout(r, 100));
	}
	return false;
}

function findPgBin(name: string): string {
	for (const dir of [
		'/usr/lib/postgresql/17/bin',
		'/usr/lib/postgresql/16/bin',
		'/usr/lib/postgresql/15/bin',
		'/usr/local/bin',
		'/usr/bin',
	]) {
		if (existsSync(join(dir, name))) return join(dir, name);
	}
	throw new Error(`${name} not found: install PostgreSQL (apt-get install -y postgresql)`);
}

/** A throwaway PostgreSQL cluster on a free loopback port (trust auth, run as `postgres` when we are root). */
async function startPostgres(log: (line: string) => void): Promise<{ url: string; stop: () => Promise<void> }> {
	const root = await mkdtemp(join(tmpdir(), 'toolrisk-pg-'));
	const data = join(root, 'data');
	const asRoot = process.getuid?.() === 0;
	const run = (bin: string, args: string[]): void => {
		const [cmd, full] = asRoot ? ['runuser', ['-u', 'postgres', '--', findPgBin(bin), ...args]] : [findPgBin(bin), args];
		const r = spawnSync(cmd as string, full as string[], { encoding: 'utf8', timeout: 60_000 });
		if (r.status !== 0) throw new Error(`${bin} failed: ${(r.stderr || r.stdout || r.error?.message || '').slice(-800)}`);
	};
	if (asRoot) {
		const pw = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
		const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
		await chmod(root, 0o755);
		await chown(root, Number(pw.stdout.trim()), Number(gid.stdout.trim()));
	}
	const port = await freePort();
	run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
	run('pg_ctl', [
		'-D',
		data,
		'-l',
		join(root, 'log'),
		'-w',
		'-t',
		'30',
		'-o',
		`-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off`,
		'start',
	]);
	log(`started PostgreSQL on 127.0.0.1:${port}`);
	const stopSync = (): void => {
		exitStops.delete(stopSync);
		try {
			run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
		} finally {
			rmSync(root, { recursive: true, force: true });
		}
	};
	exitStops.add(stopSync);
	return {
		url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
		stop: async () => {
			stopSync();
			log('stopped PostgreSQL');
		},
	};
}

/** A throwaway Redis on a free loopback port, no persistence. */
async function startRedis(log: (line: string) => void): Promise<{ url: string; stop: () => Promise<void> }> {
	const port = await freePort();
	const bin = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));
	if (!bin) throw new Error('redis-server not found: install it (apt-get install -y redis-server)');
	const dir = await mkdtemp(join(tmpdir(), 'toolrisk-redis-'));
	const child: ChildProcess = spawn(
		bin,
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'yes'],
		{
			stdio: 'ignore',
		},
	);
	if (!(await waitForPort(port, 10_000))) {
		child.kill('SIGKILL');
		throw new Error('redis-server did not start within 10 s');
	}
	log(`started Redis on 127.0.0.1:${port}`);
	const killSync = (): void => {
		exitStops.delete(killSync);
		child.kill('SIGKILL');
		rmSync(dir, { recursive: true, force: true });
	};
	exitStops.add(killSync);
	return {
		url: `redis://127.0.0.1:${port}`,
		stop: async () => {
			child.kill('SIGTERM');
			await new Promise((r) => setTimeout(r, 200));
			killSync();
			log('stopped Redis');
		},
	};
}

/** A throwaway MariaDB (for MySQL servers) on a free loopback port: database and user `toolrisk` (see MARIADB_SETUP_SQL). */
async function startMariadb(log: (line: string) => void): Promise<{ url: string; stop: () => Promise<void> }> {
	const bin = findMariadb();
	if (!bin) throw new Error('MariaDB not found: install it (apt-get install -y mariadb-server)');
	const port = await freePort();
	const dir = await mkdtemp(join(tmpdir(), 'toolrisk-mariadb-'));
	const user = process.getuid?.() === 0 ? ['--user=root'] : [];
	const init = spawnSync(
		bin.installDb,
		[
			'--no-defaults',
			`--datadir=${join(dir, 'data')}`,
			'--auth-root-authentication-method=normal',
			'--skip-test-db',
			...user,
			...MARIADB_OPTIONS,
		],
		{ encoding: 'utf8', timeout: 120_000 },
	);
	if (init.status !== 0) {
		rmSync(dir, { recursive: true, force: true });
		throw new Error(`mariadb-install-db failed: ${(init.stderr || init.stdout || init.error?.message || '').slice(-800)}`);
	}
	const child: ChildProcess = spawn(
		bin.server,
		[
			'--no-defaults',
			`--datadir=${join(dir, 'data')}`,
			`--socket=${join(dir, 'sock')}`,
			`--port=${port}`,
			'--bind-address=127.0.0.1',
			`--pid-file=${join(dir, 'pid')}`,
			...user,
			...MARIADB_OPTIONS,
		],
		{ stdio: 'ignore' },
	);
	const killSync = (): void => {
		exitStops.delete(killSync);
		child.kill('SIGKILL');
		rmSync(dir, { recursive: true, force: true });
	};
	exitStops.add(killSync);
	if (!(await waitForPort(port, 30_000))) {
		killSync();
		throw new Error('MariaDB did not start within 30 s');
	}
	const db = spawnSync(bin.client, ['--no-defaults', '-h', '127.0.0.1', '-P', String(port), '-u', 'root', '-e', MARIADB_SETUP_SQL], {
		encoding: 'utf8',
		timeout: 30_000,
	});
	if (db.status !== 0) {
		killSync();
		throw new Error(`MariaDB: could not create the database: ${(db.stderr || db.error?.message || '').slice(-400)}`);
	}
	log(`started MariaDB on 127.0.0.1:${port}`);
	return {
		url: `mysql://toolrisk:toolrisk-placeholder@127.0.0.1:${port}/toolrisk`,
		stop: async () => {
			child.kill('SIGTERM');
			await new Promise((r) => setTimeout(r, 500));
			killSync();
			log('stopped MariaDB');
		},
	};
}
