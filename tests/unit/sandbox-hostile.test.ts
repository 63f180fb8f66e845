/**
 * Hostile fake packages (tests/fixtures/hostile-packages) through the real, sandboxed batch pipeline:
 * each tries to read the project and the user's home, write into content/, reach the host's network,
 * outlive the scan, fill the disk, exhaust memory, fork without end, burn CPU or flood its output,
 * while answering tools/list like a real server. Every attempt must fail, the listing must succeed or
 * fail with a clear outcome and the limit it hit, the project's files must be byte-identical afterwards,
 * and no process may be left. Needs bubblewrap: without it these tests fail, they are not skipped.
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseServerFile } from '../../src/lib/content/server-file.ts';
import { scanReportSchema, type ScanOutcome, type ScanRecord, type SandboxLimit } from '../../src/lib/content/scan-report.ts';
import { runBatch } from '../../src/ingest/batch/run.ts';
import { parseServerList } from '../../src/ingest/batch/server-list.ts';
import { listTools, ScanError } from '../../src/ingest/mcp-list.ts';
import type { SandboxLimits } from '../../src/ingest/sandbox/limits.ts';
import { probeSandbox } from '../../src/ingest/sandbox/probe.ts';
import type { SandboxHost } from '../../src/ingest/sandbox/sandbox.ts';
import { sandboxedServer } from '../../src/ingest/sandbox/server.ts';
import { removePostgresTemplates } from '../../src/ingest/sandbox/templates.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const HOSTILE = join(ROOT, 'tests', 'fixtures', 'hostile-packages');
const MARKER = `toolrisk-hostile-${randomBytes(6).toString('hex')}`;
const MiB = 1024 * 1024;

/** Small limits, so each one is reached quickly. */
const LIMITS: Partial<SandboxLimits> = {
	addressSpaceBytes: 2048 * MiB,
	cpuSeconds: 3,
	processes: 64,
	openFiles: 256,
	fileSizeBytes: 16 * MiB,
	writableBytes: 128 * MiB,
	stderrBytes: 1 * MiB,
};

/** A hostile package: its fixture, its arguments, the outcome and limit its record must show. */
interface Hostile {
	id: string;
	args?: () => string;
	outcome: ScanOutcome;
	limit?: SandboxLimit;
	reason?: RegExp;
}

let host: SandboxHost;
let work: string;
let listener: Server;
let abstract: Server;
const connections = { tcp: 0, abstract: 0 };
const abstractName = `toolrisk-hostile-${randomBytes(6).toString('hex')}`;
let records: ScanRecord[] = [];
let outDir: string;
const before: { content: string; packageJson: string; markers: string[] } = { content: '', packageJson: '', markers: [] };

/** A user of the host's /etc/passwd that the sandbox's own /etc/passwd does not list. */
function hostUser(): string {
	const users = readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.map((l) => l.split(':')[0] ?? '')
		.filter((u) => u && !['root', 'sandbox', 'nobody'].includes(u));
	return users[0] ?? 'daemon';
}

const PACKAGES: Hostile[] = [
	{ id: 'good', outcome: 'catalogued' },
	{
		id: 'read-files',
		args: () => `--project=${ROOT} --projectName=toolrisk --home=${homedir()} --hostUser=${hostUser()} --pid=${process.pid}`,
		outcome: 'catalogued',
	},
	{ id: 'write-files', args: () => `--project=${ROOT}`, outcome: 'catalogued' },
	{
		id: 'network',
		args: () => `--port=${(listener.address() as { port: number }).port} --abstract=${abstractName}`,
		outcome: 'catalogued',
	},
	{ id: 'outlive', args: () => `--marker=${MARKER}`, outcome: 'catalogued' },
	{ id: 'fill-disk', outcome: 'catalogued' },
	{ id: 'fork-bomb', outcome: 'catalogued' },
	{ id: 'open-files', outcome: 'catalogued' },
	{
		id: 'services',
		args: () => `--postgres={postgres} --redis={redis} --port=${(listener.address() as { port: number }).port}`,
		outcome: 'catalogued',
	},
	{ id: 'exhaust-memory', outcome: 'crashed', limit: 'memory', reason: /allocation failed after \d+ MB|out of memory/i },
	{ id: 'burn-cpu', outcome: 'crashed', limit: 'cpu-time', reason: /exited with code 152/ },
	{ id: 'spam-stderr', outcome: 'invalid-output', limit: 'output', reason: /more than 1\.0 MB to stderr/ },
	{ id: 'spam-stdout', outcome: 'invalid-output', limit: 'output', reason: /single message larger than/ },
];

/** sha256 of every file under `dir` (path and bytes), in a stable order. */
function hashTree(dir: string): string {
	const hash = createHash('sha256');
	const walk = (d: string): void => {
		for (const name of readdirSync(d).sort()) {
			const path = join(d, name);
			const st = statSync(path);
			if (st.isDirectory()) walk(path);
			else
				hash
					.update(`${relative(dir, path)}\0`)
					.update(readFileSync(path))
					.update('\0');
		}
	};
	walk(dir);
	return hash.digest('hex');
}

/** Processes whose command line or environment holds the marker. */
function markerProcesses(): string[] {
	const found: string[] = [];
	for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
		try {
			const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'latin1');
			const environ = readFileSync(`/proc/${pid}/environ`, 'latin1');
			if (cmdline.includes(MARKER) || environ.includes(MARKER)) found.push(`${pid}: ${cmdline.replace(/\0/g, ' ').slice(0, 160)}`);
		} catch {
			// gone, or not ours to read
		}
	}
	return found;
}

/** The `report` tool's description of a catalogued hostile package: what each attempt got. */
function report(id: string): Record<string, string> {
	const file = join(outDir, `hostile-${id}.json`);
	const server = parseServerFile(JSON.parse(readFileSync(file, 'utf8')), file);
	const tool = server.tools.find((t) => t.definition.name === 'report');
	return JSON.parse(String(tool?.definition.description)) as Record<string, string>;
}

function record(id: string): ScanRecord {
	const r = records.find((x) => x.package === `hostile-${id}`);
	if (!r) throw new Error(`no record for hostile-${id}`);
	return r;
}

/** A package folder outside the project: the fixture as server.mjs, the shared lib, a package.json. */
function makePackage(id: string): string {
	const dir = join(work, 'packages', id);
	mkdirSync(dir, { recursive: true });
	cpSync(join(HOSTILE, 'lib.mjs'), join(dir, 'lib.mjs'));
	cpSync(join(HOSTILE, `${id}.mjs`), join(dir, `${id}.mjs`));
	writeFileSync(join(dir, 'server.mjs'), `import './${id}.mjs';\n`);
	writeFileSync(
		join(dir, 'package.json'),
		JSON.stringify({ name: `hostile-${id}`, version: '1.0.0', bin: { [`hostile-${id}`]: 'server.mjs' } }),
	);
	return dir;
}

beforeAll(async () => {
	const probe = await probeSandbox();
	if (!probe.ok) throw new Error(`these tests need the bubblewrap sandbox: ${probe.reason}`);
	host = probe.host;
	work = mkdtempSync(join(tmpdir(), 'toolrisk-hostile-test-'));
	chmodSync(work, 0o755);
	outDir = join(work, 'servers');
	listener = createServer((socket) => {
		connections.tcp += 1;
		socket.destroy();
	});
	abstract = createServer((socket) => {
		connections.abstract += 1;
		socket.destroy();
	});
	await new Promise<void>((done) => listener.listen(0, '127.0.0.1', done));
	await new Promise<void>((done) => abstract.listen(`\0${abstractName}`, done));

	const rows = ['package\targs\tenv'];
	for (const p of PACKAGES) {
		makePackage(p.id);
		rows.push([`./packages/${p.id}`, p.args?.() ?? '', `TOOLRISK_HOSTILE_MARKER=${MARKER}`].join('\t'));
	}
	const listFile = join(work, 'servers.tsv');
	writeFileSync(listFile, `${rows.join('\n')}\n`);

	before.content = hashTree(join(ROOT, 'content'));
	before.packageJson = readFileSync(join(ROOT, 'package.json'), 'utf8');
	before.markers = markerProcesses();
	records = await runBatch(parseServerList(readFileSync(listFile, 'utf8'), listFile), {
		outDir,
		cacheDir: join(work, 'cache'),
		listDir: work,
		concurrency: 3,
		installTimeoutMs: 10_000,
		// Generous: on a loaded machine the CPU-time limit (3 s of CPU) can take many seconds of wall clock.
		list: { connectTimeoutMs: 60_000, pageTimeoutMs: 20_000, totalTimeoutMs: 90_000, maxTools: 100, maxBytes: 1_000_000 },
		rescan: true,
		keepInstalls: true,
		sandbox: { kind: 'bubblewrap', host, limits: LIMITS },
	});
}, 300_000);

afterAll(async () => {
	removePostgresTemplates();
	listener?.close();
	abstract?.close();
	if (work) rmSync(work, { recursive: true, force: true });
});

describe('hostile packages in the sandboxed batch', () => {
	it('gives every package a record that says it ran in bubblewrap', () => {
		expect(records.map((r) => r.package)).toEqual(PACKAGES.map((p) => `hostile-${p.id}`));
		for (const r of records) expect(r.sandbox, r.package).toEqual({ kind: 'bubblewrap', version: host.version });
		expect(scanReportSchema.safeParse({ scanner: 'test', updatedAt: 'now', records }).success).toBe(true);
	});

	it.each(PACKAGES.map((p) => [p.id, p] as const))('%s: the expected outcome, and the limit it hit', (id, p) => {
		const r = record(id);
		expect(r.outcome, r.reason).toBe(p.outcome);
		expect(r.limitHit, r.reason).toBe(p.limit);
		if (p.reason) expect(r.reason).toMatch(p.reason);
	});

	it('leaves the project byte-identical: content/ and package.json', () => {
		expect(hashTree(join(ROOT, 'content'))).toBe(before.content);
		expect(readFileSync(join(ROOT, 'package.json'), 'utf8')).toBe(before.packageJson);
	});

	it('leaves no process behind (none carries the marker, detached grandchildren included)', async () => {
		expect(before.markers).toEqual([]);
		const until = Date.now() + 3_000;
		let left = markerProcesses();
		while (left.length > 0 && Date.now() < until) {
			await new Promise((r) => setTimeout(r, 100));
			left = markerProcesses();
		}
		expect(left).toEqual([]);
	});

	it('read-files: the project, the real home, /root, the npm cache, host accounts and the scanner are out of reach', () => {
		const got = report('read-files');
		const { environment, ...attempts } = got;
		expect(Object.keys(attempts).length).toBeGreaterThanOrEqual(12);
		expect(Object.keys(attempts).filter((k) => k.startsWith('../ guess ')).length).toBeGreaterThanOrEqual(3);
		for (const [what, result] of Object.entries(attempts)) expect(result, what).toMatch(/^blocked: /);
		expect(attempts['project package.json (absolute)']).toMatch(/^blocked: ENOENT/);
		expect(attempts['signal 0 to the scanner']).toMatch(/^blocked: ESRCH/);
		// Only the sandbox's variables and the placeholder the list gave: nothing of the scanner's environment.
		expect(environment).toBe('HOME,PATH,TMPDIR,TOOLRISK_HOSTILE_MARKER');
	});

	it('write-files: content/, package.json, its own folder, / and /usr are read-only or absent; no remount, no user namespace', () => {
		const got = report('write-files');
		expect(Object.keys(got)).toHaveLength(9);
		// A project under /tmp shares its path with the sandbox's private /tmp (a tmpfs): mkdir -p there creates the
		// folders inside the tmpfs, which vanishes with the sandbox. The host's files are untouched either way
		// ("leaves the project byte-identical" above), so under /tmp only that attempt may report success (the fixture
		// tries package.json before it, while the project's path does not exist in the tmpfs).
		const shadowed = ROOT === '/tmp' || ROOT.startsWith('/tmp/');
		for (const [what, result] of Object.entries(got)) {
			if (shadowed && what === 'create content/hostile (absolute, mkdir -p)') continue;
			expect(result, what).toMatch(/^blocked: /);
		}
		expect(got['write into its own package folder']).toMatch(/^blocked: EROFS/);
		expect(got['write at /']).toMatch(/^blocked: EROFS/);
	});

	it('network: no connection reaches the host (loopback TCP, abstract socket), the internet or DNS', () => {
		const got = report('network');
		for (const [what, result] of Object.entries(got)) expect(result, what).toMatch(/^blocked: /);
		expect(got['TCP to the host loopback listener']).toMatch(/ECONNREFUSED/);
		expect(got['TCP to a public address']).toMatch(/ENETUNREACH|EHOSTUNREACH/);
		expect(connections).toEqual({ tcp: 0, abstract: 0 });
	});

	it('services: the server reaches its own PostgreSQL and Redis on the sandbox loopback, and nothing of the host', () => {
		const got = report('services');
		const entries = Object.entries(got);
		expect(entries.find(([k]) => k.startsWith('its own PostgreSQL'))?.[1]).toMatch(/^SUCCEEDED: "N"/);
		expect(entries.find(([k]) => k.startsWith('its own Redis'))?.[1]).toMatch(/^SUCCEEDED: "\+PONG/);
		expect(got['TCP to the host loopback listener']).toMatch(/^blocked: ECONNREFUSED/);
	});

	it('outlive: the detached grandchild started inside, and died with the sandbox (see "leaves no process")', () => {
		expect(report('outlive')['a detached process (double fork + setsid)']).toMatch(/^SUCCEEDED: started pid \d+/);
	});

	it('fill-disk: writing stops at the file size limit and then at the size of the private tmpfs', () => {
		const got = report('fill-disk')['fill the disk'] ?? '';
		const m = /^blocked: ENOSPC: stopped after (\d+) bytes in (\d+) files \(EFBIG, ENOSPC\)/.exec(got);
		expect(m, got).not.toBeNull();
		expect(Number(m![1])).toBeLessThanOrEqual(LIMITS.writableBytes!);
	});

	it('fork-bomb: process creation fails at the process limit, and the server still answers', () => {
		const got = report('fork-bomb')['fork bomb (up to 2000 processes)'] ?? '';
		const m = /^blocked: EAGAIN: after (\d+) processes/.exec(got);
		expect(m, got).not.toBeNull();
		expect(Number(m![1])).toBeLessThan(LIMITS.processes!);
	});

	it('open-files: opening fails at the open file limit', () => {
		const got = report('open-files')['open 100000 files'] ?? '';
		const m = /^blocked: EMFILE: after (\d+) files/.exec(got);
		expect(m, got).not.toBeNull();
		expect(Number(m![1])).toBeLessThan(LIMITS.openFiles!);
	});
});

describe('a streamable HTTP server in the sandbox, through the relay', () => {
	it('lists its tools over the sandbox stdio; the server cannot reach the host', async () => {
		const dir = makePackage('http-server');
		const port = (listener.address() as { port: number }).port;
		const run = await sandboxedServer(host, {
			packageDir: dir,
			program: join(dir, 'server.mjs'),
			runWithNode: true,
			args: [
				{ kind: 'literal', value: '--port=8080' },
				{ kind: 'literal', value: `--host-port=${port}` },
			],
			env: { TOOLRISK_HOSTILE_MARKER: MARKER },
			http: { port: 8080 },
		});
		try {
			const listing = await listTools(run.target, { connectTimeoutMs: 20_000, totalTimeoutMs: 30_000 });
			expect(listing.serverInfo.name).toBe('http-fake');
			expect(listing.tools.map((t) => t.name)).toEqual(['report', 'echo']);
			expect(listing.tools[1]!['description']).toBe('Echoes its input.\nOver two lines.');
			const got = JSON.parse(String(listing.tools[0]!['description'])) as Record<string, string>;
			expect(got['TCP to the host loopback listener']).toMatch(/^blocked: ECONNREFUSED/);
			expect(connections.tcp).toBe(0);
		} finally {
			await run.cleanup();
		}
	}, 60_000);
});

describe('a streamable HTTP server that dies before it listens', () => {
	it("ends the listing as a crash with the relay's reason", async () => {
		const dir = makePackage('http-server');
		const run = await sandboxedServer(host, {
			packageDir: dir,
			program: join(dir, 'server.mjs'),
			runWithNode: true,
			args: [
				{ kind: 'literal', value: '--port=not-a-port' },
				{ kind: 'literal', value: '--host-port=9' },
			],
			env: {},
			http: { port: 8080 },
		});
		try {
			const error = await listTools(run.target, { connectTimeoutMs: 20_000, totalTimeoutMs: 30_000 }).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(ScanError);
			expect((error as ScanError).kind).toBe('crashed');
			expect((error as ScanError).message).toMatch(/toolrisk relay: the server exited before answering on http:\/\/127\.0\.0\.1:8080\/mcp/);
		} finally {
			await run.cleanup();
		}
	}, 60_000);
});

describe('the scan command in the sandbox', () => {
	it('scans a local command sandboxed and writes its content file', () => {
		const dir = makePackage('good');
		writeFileSync(join(dir, 'start.mjs'), `#!/usr/bin/env node\nimport './good.mjs';\n`, { mode: 0o755 });
		const out = join(work, 'cli-out');
		const result = spawnSync(
			process.execPath,
			[
				join(ROOT, 'scripts', 'scan.ts'),
				'--command',
				join(dir, 'start.mjs'),
				'--dist',
				'npm:hostile-good@1.0.0',
				'--slug',
				'hostile-good-cli',
				'--out',
				out,
			],
			{ encoding: 'utf8', timeout: 60_000 },
		);
		expect(result.status, result.stderr).toBe(0);
		expect(result.stderr).toBe('');
		expect(result.stdout).toMatch(/wrote .*hostile-good-cli\.json: 1 tool in 1 page from hostile-server/);
	}, 60_000);
});
