/**
 * Throwaway databases (PostgreSQL, Redis, MariaDB for MySQL servers) for a sandboxed server, started
 * inside the server's own sandbox, before the server, by the sandbox's first shell. They listen on the
 * sandbox's private loopback, so the server reaches them at fixed addresses (no port can clash with another scan: every sandbox has its own
 * network namespace) and nothing outside the sandbox can reach them, nor they anything outside. Their
 * data lives in the sandbox's size-limited tmpfs and disappears with it.
 *
 * The binaries are the host's (under `/usr`, which the sandbox sees read-only); nothing is installed.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The services a server list entry may ask for. */
export const SERVICE_KINDS = ['postgres', 'redis', 'mysql'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/** Where each service listens inside the sandbox, as the URL given to the server. */
export const SANDBOX_SERVICE_URLS: Readonly<Record<ServiceKind, string>> = Object.freeze({
	postgres: 'postgresql://postgres@127.0.0.1:5432/postgres',
	redis: 'redis://127.0.0.1:6379',
	mysql: 'mysql://toolrisk:toolrisk-placeholder@127.0.0.1:3306/toolrisk',
});

/** The services' data folder inside the sandbox (in its writable tmpfs). */
export const SERVICES_DIR = '/tmp/.toolrisk-services';

/** Exit code of the sandbox's first shell when a service cannot start (bubblewrap itself uses 1). */
export const SERVICE_FAILED_EXIT = 125;

const PG_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin', '/usr/local/bin', '/usr/bin'];
const REDIS_PATHS = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'];

/** The folder holding PostgreSQL's `initdb` and `pg_ctl`, or undefined when it is not installed. */
export function findPostgresBin(): string | undefined {
	return PG_DIRS.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

export function findRedisServer(): string | undefined {
	return REDIS_PATHS.find((p) => existsSync(p));
}

/** MariaDB's server, its data-folder initialiser and its client (Debian `mariadb-server`), or undefined. */
export interface MariadbBinaries {
	server: string;
	installDb: string;
	client: string;
}

export function findMariadb(): MariadbBinaries | undefined {
	const server = ['/usr/sbin/mariadbd', '/usr/bin/mariadbd', '/usr/local/bin/mariadbd'].find((p) => existsSync(p));
	const installDb = ['/usr/bin/mariadb-install-db', '/usr/local/bin/mariadb-install-db'].find((p) => existsSync(p));
	const client = ['/usr/bin/mariadb', '/usr/local/bin/mariadb'].find((p) => existsSync(p));
	return server && installDb && client ? { server, installDb, client } : undefined;
}

/** The database and the user (password auth, any host) a MySQL server is given. */
export const MARIADB_SETUP_SQL =
	"CREATE DATABASE IF NOT EXISTS toolrisk; CREATE USER IF NOT EXISTS 'toolrisk'@'%' IDENTIFIED BY 'toolrisk-placeholder'; GRANT ALL ON *.* TO 'toolrisk'@'%';";

/** Small InnoDB files and no binary log or performance schema: a throwaway database starts in seconds in little space. */
export const MARIADB_OPTIONS = [
	'--innodb-log-file-size=4M',
	'--innodb-data-file-path=ibdata1:4M:autoextend',
	'--innodb-buffer-pool-size=16M',
	'--skip-log-bin',
	'--performance-schema=OFF',
	'--skip-name-resolve',
] as const;

/** Where the host's service binaries are; only paths under `/usr` can be used inside the sandbox. */
export interface ServiceBinaries {
	postgresBin?: string | undefined;
	redisServer?: string | undefined;
	mariadb?: MariadbBinaries | undefined;
}

/** Quotes a word for `sh`. */
export function shellQuote(word: string): string {
	return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Where a ready-made PostgreSQL cluster (see templates.ts) is shown read-only inside the sandbox. */
export const POSTGRES_TEMPLATE_INSIDE = '/opt/toolrisk/postgres-template';

/** The `initdb` line that creates a cluster in `data` (trust: only this sandbox's processes can reach it; throwaway data). */
export function initdbLine(bin: string, data: string, log: string): string {
	return `${shellQuote(join(bin, 'initdb'))} -D ${data} -A trust -U postgres --no-sync -E UTF8 --locale=C --wal-segsize=1 >${log} 2>&1 || fail 'PostgreSQL: initdb failed' ${log}`;
}

/**
 * Shell lines that start the given services and wait until each accepts connections; on failure they
 * print the service's log to stderr and exit with {@link SERVICE_FAILED_EXIT}. Expects the function
 * `fail` defined by the sandbox's first shell (see sandbox.ts). With `postgresTemplate`, the cluster is
 * copied from {@link POSTGRES_TEMPLATE_INSIDE} instead of made by `initdb` (templates.ts).
 */
export function serviceStartLines(
	services: readonly ServiceKind[],
	binaries: ServiceBinaries,
	node: string,
	postgresTemplate = false,
): string[] {
	const lines: string[] = [];
	for (const kind of new Set(services)) {
		const dir = `${SERVICES_DIR}/${kind}`;
		if (kind === 'postgres') {
			const bin = binaries.postgresBin;
			if (!bin) throw new Error('PostgreSQL not found: install it (apt-get install -y postgresql)');
			lines.push(
				`mkdir -p ${dir}`,
				postgresTemplate
					? `cp -R ${POSTGRES_TEMPLATE_INSIDE}/data ${dir}/data && chmod 700 ${dir}/data || fail 'PostgreSQL: could not copy the cluster' /dev/null`
					: initdbLine(bin, `${dir}/data`, `${dir}/initdb.log`),
				`${shellQuote(join(bin, 'pg_ctl'))} -D ${dir}/data -l ${dir}/log -w -t 30 -o '-p 5432 -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off' start >/dev/null 2>&1 || fail 'PostgreSQL did not start' ${dir}/log`,
			);
		} else if (kind === 'mysql') {
			const bin = binaries.mariadb;
			if (!bin) throw new Error('MariaDB not found: install it (apt-get install -y mariadb-server)');
			const options = MARIADB_OPTIONS.join(' ');
			lines.push(
				`mkdir -p ${dir}`,
				`${shellQuote(bin.installDb)} --no-defaults --datadir=${dir}/data --auth-root-authentication-method=normal --skip-test-db ${options} >${dir}/install.log 2>&1 || fail 'MariaDB: mariadb-install-db failed' ${dir}/install.log`,
				`${shellQuote(bin.server)} --no-defaults --datadir=${dir}/data --socket=${dir}/sock --port=3306 --bind-address=127.0.0.1 --pid-file=${dir}/pid ${options} >${dir}/log 2>&1 &`,
				`${shellQuote(node)} -e ${shellQuote(WAIT_FOR_PORT)} 3306 30 || fail 'MariaDB did not accept connections within 30 s' ${dir}/log`,
				`${shellQuote(bin.client)} --no-defaults -h 127.0.0.1 -P 3306 -u root -e ${shellQuote(MARIADB_SETUP_SQL)} >>${dir}/log 2>&1 || fail 'MariaDB: could not create the database' ${dir}/log`,
			);
		} else {
			const bin = binaries.redisServer;
			if (!bin) throw new Error('redis-server not found: install it (apt-get install -y redis-server)');
			lines.push(
				`mkdir -p ${dir}`,
				`${shellQuote(bin)} --port 6379 --bind 127.0.0.1 --save '' --appendonly no --dir ${dir} --daemonize yes --logfile ${dir}/log --protected-mode yes || fail 'Redis did not start' ${dir}/log`,
				`${shellQuote(node)} -e ${shellQuote(WAIT_FOR_PORT)} 6379 || fail 'Redis did not accept connections within 10 s' ${dir}/log`,
			);
		}
	}
	return lines;
}

/** Waits until 127.0.0.1:<argv[1]> accepts a connection (argv[2] seconds, default 10, at most); exit code 1 otherwise. */
const WAIT_FOR_PORT =
	'const net=require("node:net");const port=Number(process.argv[1]);const until=Date.now()+1000*Number(process.argv[2]||10);' +
	'(function attempt(){const s=net.connect(port,"127.0.0.1");s.once("connect",()=>process.exit(0));' +
	's.once("error",()=>{s.destroy();if(Date.now()>until)process.exit(1);setTimeout(attempt,50);});})();';
