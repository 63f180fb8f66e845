/**
 * MariaDB for MySQL servers: a server whose list entry asks for `mysql` finds a throwaway MariaDB on
 * the sandbox's own loopback (127.0.0.1:3306), started before it, with the database and user of
 * SANDBOX_SERVICE_URLS.mysql. Skipped when MariaDB or the sandbox is not installed (.ci/run installs both).
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBatch } from '../../src/ingest/batch/run.ts';
import { parseServerList } from '../../src/ingest/batch/server-list.ts';
import { probeSandbox } from '../../src/ingest/sandbox/probe.ts';
import { findMariadb, initdbLine, serviceStartLines, SANDBOX_SERVICE_URLS } from '../../src/ingest/sandbox/services.ts';

/** A self-contained MCP server: reads the MySQL greeting at the URL it is given and names a tool after it. */
const SERVER = `
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
const url = new URL(process.argv[2]);
const greeting = await new Promise((done, fail) => {
	const s = connect(Number(url.port), url.hostname);
	s.once('data', (b) => { s.destroy(); done(b.toString('latin1')); });
	s.once('error', fail);
});
const tool = /MariaDB/.test(greeting) ? 'query_mariadb' : 'unknown_database';
const send = (m) => process.stdout.write(JSON.stringify(m) + '\\n');
createInterface({ input: process.stdin }).on('line', (line) => {
	const m = JSON.parse(line);
	if (m.id === undefined) return;
	if (m.method === 'initialize') send({ jsonrpc: '2.0', id: m.id, result: { protocolVersion: m.params.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 'fake-mysql', version: '1.0.0' } } });
	else if (m.method === 'tools/list') send({ jsonrpc: '2.0', id: m.id, result: { tools: [{ name: tool, inputSchema: { type: 'object' } }] } });
	else send({ jsonrpc: '2.0', id: m.id, error: { code: -32601, message: 'no' } });
});
`;

const probe = await probeSandbox();
const host = probe.ok ? probe.host : undefined;

describe('MariaDB as a loopback service', () => {
	const dirs: string[] = [];
	afterAll(() => {
		for (const d of dirs) rmSync(d, { recursive: true, force: true });
	});

	it('starts it before the server, waits for it, and creates the database and user', () => {
		const bin = { server: '/usr/sbin/mariadbd', installDb: '/usr/bin/mariadb-install-db', client: '/usr/bin/mariadb' };
		const lines = serviceStartLines(['mysql'], { mariadb: bin }, '/opt/toolrisk/node/bin/node').join('\n');
		expect(lines).toMatch(/mariadb-install-db --no-defaults --datadir=\S+ --auth-root-authentication-method=normal --skip-test-db/);
		expect(lines).toMatch(/mariadbd --no-defaults .*--port=3306 --bind-address=127\.0\.0\.1/);
		expect(lines).toMatch(/3306 30 \|\| fail 'MariaDB did not accept connections within 30 s'/);
		expect(lines).toMatch(/CREATE USER IF NOT EXISTS/);
		expect(new URL(SANDBOX_SERVICE_URLS.mysql)).toMatchObject({
			protocol: 'mysql:',
			hostname: '127.0.0.1',
			port: '3306',
			pathname: '/toolrisk',
		});
		expect(() => serviceStartLines(['mysql'], {}, '/node')).toThrow(/MariaDB not found: install it/);
		expect(initdbLine('/pg', '/d', '/l')).toContain('initdb');
	});

	it.skipIf(findMariadb() === undefined || host === undefined)(
		'gives a sandboxed server its own MariaDB at the fixed address',
		async () => {
			const work = mkdtempSync(join(tmpdir(), 'toolrisk-mariadb-test-'));
			dirs.push(work);
			chmodSync(work, 0o755);
			const pkg = join(work, 'packages', 'mysql');
			mkdirSync(pkg, { recursive: true });
			writeFileSync(
				join(pkg, 'package.json'),
				JSON.stringify({ name: 'fake-mysql', version: '1.0.0', bin: { 'fake-mysql': 'server.mjs' } }),
			);
			writeFileSync(join(pkg, 'server.mjs'), SERVER);
			const list = join(work, 'servers.tsv');
			writeFileSync(list, 'package\targs\tservice\n./packages/mysql\t{mysql}\tmysql\n');
			mkdirSync(join(work, 'servers'));
			const [record] = await runBatch(parseServerList(readFileSync(list, 'utf8'), list), {
				outDir: join(work, 'servers'),
				cacheDir: join(work, 'cache'),
				listDir: work,
				concurrency: 1,
				installTimeoutMs: 10_000,
				list: { connectTimeoutMs: 90_000, pageTimeoutMs: 20_000, totalTimeoutMs: 120_000, maxTools: 10, maxBytes: 100_000 },
				rescan: true,
				keepInstalls: true,
				now: () => new Date('2026-12-01T12:00:00Z'),
				sandbox: { kind: 'bubblewrap', host: host! },
			});
			expect(record, record?.reason).toMatchObject({ outcome: 'catalogued', tools: 1 });
			const server = JSON.parse(readFileSync(join(work, 'servers', 'fake-mysql.json'), 'utf8')) as {
				tools: { definition: { name: string } }[];
				distributions: { args: string[] }[];
			};
			expect(server.tools[0]!.definition.name).toBe('query_mariadb');
			expect(server.distributions[0]!.args).toEqual(['mysql://user:password@localhost:3306/mydb']);
		},
		180_000,
	);
});
