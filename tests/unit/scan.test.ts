/**
 * The scanner against fake MCP servers that behave and misbehave on purpose
 * (tests/fixtures/fake-servers): a good listing is written verbatim with a correct hash; every failure
 * has the right reason, a readable message, kills the server's whole process group and writes nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseServerFile, serializeServerFile } from '../../src/lib/content/server-file.ts';
import { toolsHash } from '../../src/lib/content/tools-hash.ts';
import { ScanError, listTools, type ListOptions, type ScanErrorKind } from '../../src/ingest/mcp-list.ts';
import { normaliseRepositoryUrl, parsePackageSpec, scanToServerFile, slugFromPackage, type ScanPlan } from '../../src/ingest/scan.ts';
import { PAGES } from '../fixtures/fake-servers/good-tools.mjs';
import { isAlive } from './support.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FAKES = join(ROOT, 'tests', 'fixtures', 'fake-servers');
const PREEXISTING = '{"this file": "must survive a failed scan"}\n';

let work: string;
beforeAll(async () => {
	work = await mkdtemp(join(tmpdir(), 'toolrisk-scan-test-'));
});
afterAll(async () => {
	await rm(work, { recursive: true, force: true });
});

/** A plan that runs one fake server with this Node. */
function plan(fixture: string, args: string[] = [], command = process.execPath): ScanPlan {
	return {
		target: { kind: 'stdio', command, args: [join(FAKES, fixture), ...args], env: { PATH: process.env['PATH'] ?? '' } },
		targetLabel: `fake ${fixture}`,
		slug: 'fake-server',
		distribution: { kind: 'npm', package: 'fake-mcp-server', version: '1.0.0', transport: 'stdio', args: [], env: [] },
		sources: [{ title: 'npm package fake-mcp-server@1.0.0', url: 'https://www.npmjs.com/package/fake-mcp-server/v/1.0.0' }],
	};
}

async function expectGone(pid: number): Promise<void> {
	const until = Date.now() + 2_000;
	while (isAlive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
	expect(isAlive(pid), `process ${pid} is still running`).toBe(false);
}

/** A fresh output folder holding a pre-existing file for the slug. */
async function outDirWithExistingFile(): Promise<string> {
	const dir = await mkdtemp(join(work, 'out-'));
	await writeFile(join(dir, 'fake-server.json'), PREEXISTING);
	return dir;
}

/** Runs a scan that must fail with `kind`; checks the message, that nothing was written and the old file is intact. */
async function expectScanFailure(scan: ScanPlan, kind: ScanErrorKind, message: RegExp, list: ListOptions = {}): Promise<ScanError> {
	const outDir = await outDirWithExistingFile();
	// previous: false: the file there is not content to re-scan, only something a failure must not touch.
	const error = await scanToServerFile(scan, {
		outDir,
		previous: false,
		list: { connectTimeoutMs: 5_000, pageTimeoutMs: 5_000, totalTimeoutMs: 8_000, ...list },
	}).then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(ScanError);
	const scanError = error as ScanError;
	expect(scanError.kind, scanError.message).toBe(kind);
	expect(scanError.message).toMatch(message);
	expect(await readdir(outDir)).toEqual(['fake-server.json']);
	expect(await readFile(join(outDir, 'fake-server.json'), 'utf8')).toBe(PREEXISTING);
	return scanError;
}

describe('scanToServerFile with a well-behaved server', () => {
	it('follows the cursor and writes every tool verbatim with the right hash', async () => {
		const outDir = await outDirWithExistingFile();
		let pid = 0;
		const now = new Date('2026-11-22T10:20:30.456Z');
		// previous: false, a fresh scan: the file there is not content to re-scan (tests/unit/rescan.test.ts).
		const { file, server, listing } = await scanToServerFile(plan('good.mjs'), {
			outDir,
			now,
			previous: false,
			list: { onSpawn: (p) => (pid = p) },
		});

		expect(file).toBe(join(outDir, 'fake-server.json'));
		const expected = [...PAGES[''].tools, ...PAGES['page-2'].tools];
		expect(listing.pages).toBe(2);
		expect(listing.tools).toEqual(expected);
		// Verbatim: fields the SDK's tool schema does not model survive, on the tool and in its annotations.
		expect(server.tools.map((t) => t.definition)).toEqual(expected);
		expect(server.tools[0]?.definition['x-vendor']).toEqual({ cost: 1, tags: ['a', 'b'] });
		expect(server.tools[0]?.definition.annotations).toEqual({ readOnlyHint: true, vendorHint: 'kept' });

		const text = await readFile(file, 'utf8');
		expect(text).toBe(serializeServerFile(server));
		const parsed = parseServerFile(JSON.parse(text), file);
		expect(parsed.provenance.toolsHash).toBe(toolsHash(expected));
		expect(parsed.name).toBe('fake-server');
		expect(parsed.provenance).toMatchObject({
			method: 'scan',
			obtainedAt: '2026-11-22T10:20:30Z',
			completeness: 'complete',
			scan: {
				scanner: 'toolrisk-scan/1',
				transport: 'stdio',
				target: 'fake good.mjs',
				protocolVersion: '2025-11-25',
				pages: 2,
				serverInfo: { name: 'fake-server', version: '0.0.1', title: 'Fake server', vendorExtra: { kept: true } },
			},
		});
		expect(await readdir(outDir)).toEqual(['fake-server.json']);
		await expectGone(pid);
	});

	it('lists over the raw client, keeping what the server sent', async () => {
		const listing = await listTools({ kind: 'stdio', command: process.execPath, args: [join(FAKES, 'good.mjs')], env: {} });
		expect(listing.tools.map((t) => t.name)).toEqual(['read_note', 'write_note', 'delete_note']);
		expect(listing.serverInfo.name).toBe('fake-server');
	});

	it('declares client capabilities only when asked (some servers list more tools to capable clients)', async () => {
		const target = { kind: 'stdio', command: process.execPath, args: [join(FAKES, 'capabilities.mjs')], env: {} } as const;
		expect((await listTools(target)).tools.map((t) => t.name)).toEqual(['always']);
		expect((await listTools(target, { clientCapabilities: { sampling: {} } })).tools.map((t) => t.name)).toEqual([
			'always',
			'ask_the_model',
		]);
	});
});

describe('stdout lines that are not JSON-RPC (noisy-stdout.mjs)', () => {
	const target = (mode: string) => ({
		kind: 'stdio' as const,
		command: process.execPath,
		args: [join(FAKES, 'noisy-stdout.mjs'), mode],
		env: {},
	});
	const fast = { connectTimeoutMs: 3_000, totalTimeoutMs: 6_000 };

	// Strict (the default): the first such line fails the listing and is quoted.
	it.each([
		['banner', /not JSON to stdout \(line 1: "Noisy MCP server running on stdio"\)/],
		['between', /not JSON to stdout \(line 2: "listing tools now"\)/],
		['json-log', /JSON to stdout that is not a JSON-RPC 2\.0 message \(line 1: "\{\\"level\\":\\"info\\",\\"msg\\":\\"started\\"\}"\)/],
	])('strict, %s: fails with the line quoted', async (mode, message) => {
		const error = await listTools(target(mode), fast).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ScanError);
		expect((error as ScanError).kind).toBe('protocol');
		expect((error as ScanError).message).toMatch(message);
	});

	// Skipping, as the SDK's client does: lines before, between and after messages are skipped and counted.
	it.each([
		['banner', 3, ['Noisy MCP server running on stdio', 'ready', '{"level":"info","msg":"started"}']],
		['between', 1, ['listing tools now']],
		['json-log', 1, ['{"level":"info","msg":"started"}']],
	])('skipping, %s: lists the tools and counts %i skipped lines', async (mode, count, sample) => {
		const listing = await listTools(target(mode), { ...fast, skipNonJsonLines: true });
		expect(listing.tools.map((t) => t.name)).toEqual(['noisy']);
		expect(listing.skippedStdoutLines).toBe(count);
		// Colour codes are removed from the sample.
		expect(listing.skippedStdoutSample).toEqual(sample);
	});

	it('skipping: a clean server reports nothing skipped', async () => {
		const listing = await listTools(
			{ kind: 'stdio', command: process.execPath, args: [join(FAKES, 'good.mjs')], env: {} },
			{
				skipNonJsonLines: true,
			},
		);
		expect(listing.skippedStdoutLines).toBeUndefined();
		expect(listing.skippedStdoutSample).toBeUndefined();
	});

	// What no client can read stays a failure, and the message says what was skipped (help text stays visible).
	it.each([
		[
			'glued',
			'timeout',
			/no answer within 3 s while starting and initialising; it had also written 1 line that is not JSON-RPC to stdout, skipped as the SDK's client does \(the first: "Server started\{/,
		],
		[
			'help-exit',
			'crashed',
			/exited with code 0 before the listing was complete; it had also written 2 lines that are not JSON-RPC to stdout, skipped as the SDK's client does \(the first: "Usage: noisy \[options\] <command>", " {2}serve {3}start the server"\)/,
		],
	])('skipping, %s: fails (%s) and quotes the skipped lines', async (mode, kind, message) => {
		const error = (await listTools(target(mode), { ...fast, skipNonJsonLines: true }).catch((e: unknown) => e)) as ScanError;
		expect(error).toBeInstanceOf(ScanError);
		expect(error.kind).toBe(kind);
		expect(error.message).toMatch(message);
		expect(error.phase).toBe('connect');
	});
});

describe('the stderr lines a failure quotes', () => {
	const crash = async (headline: string): Promise<ScanError> =>
		(await listTools(
			{
				kind: 'stdio',
				command: process.execPath,
				args: [
					'-e',
					`console.error(${JSON.stringify(headline)}); for (let i = 1; i <= 30; i++) console.error('    at frame' + i + ' (/x.js:' + i + ')'); process.exit(1);`,
				],
				env: {},
			},
			{ connectTimeoutMs: 5_000, totalTimeoutMs: 8_000 },
		).catch((e: unknown) => e)) as ScanError;

	it.each([
		['Error: Could not locate the bindings file. Tried:'],
		['TypeError [ERR_INVALID_ARG_TYPE]: The "path" argument must be of type string'],
		['[db] init failed: Error: FOO_TOKEN is required'],
	])('keeps the error line %j in front when a long stack pushed it out of the tail', async (headline) => {
		const error = await crash(headline);
		expect(error.stderrTail.split('\n').slice(0, 2)).toEqual([headline, '…']);
		expect(error.stderrTail).toMatch(/frame30 /);
		expect(error.stderrTail).not.toMatch(/frame15 /);
	});

	it('adds nothing when the tail already holds an error line', async () => {
		const error = (await listTools(
			{
				kind: 'stdio',
				command: process.execPath,
				args: ['-e', "console.error('x'); console.error('Error: boom'); process.exit(1);"],
				env: {},
			},
			{ connectTimeoutMs: 5_000 },
		).catch((e: unknown) => e)) as ScanError;
		expect(error.stderrTail).toBe('x\nError: boom');
	});
});

describe('scanToServerFile with a misbehaving server', () => {
	it('times out on a server that never answers, and kills it and its helper process', async () => {
		const pidFile = join(work, 'silent-helper.pid');
		let pid = 0;
		const started = Date.now();
		const error = await expectScanFailure(
			plan('silent.mjs', [pidFile]),
			'timeout',
			/no answer within 0\.6 s while starting and initialising/,
			{
				connectTimeoutMs: 600,
				onSpawn: (p) => (pid = p),
			},
		);
		expect(Date.now() - started).toBeLessThan(5_000);
		expect(error.message).toContain('silent server: listening, but not answering');
		expect(pid).toBeGreaterThan(0);
		await expectGone(pid);
		await expectGone(Number(await readFile(pidFile, 'utf8')));
	});

	it('reports a server that exits in the middle of the listing, with its stderr', async () => {
		const error = await expectScanFailure(plan('crash-mid-list.mjs'), 'crashed', /exited with code 3 before the listing was complete/);
		expect(error.message).toContain('fatal: out of cheese while reading page 2');
	});

	it('rejects a server that prints non-JSON on stdout', async () => {
		await expectScanFailure(
			plan('garbage-stdout.mjs'),
			'protocol',
			/not JSON to stdout \(line 1: "Starting fake server v0\.0\.1 \.\.\."\)/,
		);
	});

	it('stops when a cursor comes back', async () => {
		await expectScanFailure(plan('cursor-loop.mjs', ['same']), 'cursor-loop', /returned cursor "same" twice/);
	});

	it('stops after the page limit when the cursors never end', async () => {
		await expectScanFailure(plan('cursor-loop.mjs', ['fresh']), 'cursor-loop', /still returned a nextCursor after 5 pages/, {
			maxPages: 5,
		});
	});

	it('refuses two tools with the same name', async () => {
		await expectScanFailure(
			plan('duplicate-names.mjs'),
			'duplicate-tools',
			/more than one tool with the same name: "search" \(tools 1 and 3\)/,
		);
	});

	it('refuses a listing over the size limit', async () => {
		await expectScanFailure(plan('good.mjs'), 'too-large', /the tool definitions exceed 200 bytes of JSON \(\d+ bytes after 1 page\)/, {
			maxBytes: 200,
		});
	});

	it('reports a command that cannot be started', async () => {
		await expectScanFailure(plan('good.mjs', [], join(work, 'no-such-command')), 'spawn', /could not start .*no-such-command.*ENOENT/);
	});
});

describe('the scan command line', () => {
	const cli = (args: string[]) =>
		spawnSync(process.execPath, [join(ROOT, 'scripts', 'scan.ts'), ...args], {
			encoding: 'utf8',
			timeout: 15_000,
			env: { PATH: process.env['PATH'] ?? '' },
		});

	it('scans a command, records placeholders by name only, and exits 0', async () => {
		const outDir = join(work, 'cli-out');
		const result = cli([
			'--command',
			process.execPath,
			'--dist',
			'npm:fake-mcp-server@1.0.0',
			'--slug',
			'fake-cli',
			'--name',
			'Fake (CLI)',
			'--out',
			outDir,
			'--env',
			'FAKE_TOKEN=placeholder-value',
			'--arg',
			join(FAKES, 'good.mjs'),
			'--temp-dir-arg',
			'/path/to/allowed/dir',
			// These fakes run from the project's fixtures; the sandboxed command line is tested in sandbox-hostile.test.ts.
			'--unsafe-no-sandbox',
		]);
		expect(result.stderr).toMatch(/^WARNING: .* runs WITHOUT a sandbox \(--unsafe-no-sandbox\)[^\n]*\n$/);
		expect(result.status).toBe(0);
		expect(result.stdout).toMatch(/wrote .*fake-cli\.json: 3 tools in 2 pages from fake-server 0\.0\.1/);
		const text = await readFile(join(outDir, 'fake-cli.json'), 'utf8');
		expect(text).not.toContain('placeholder-value');
		// The scanner's own temp folders (HOME, the --temp-dir-arg folder) must not leak into the file.
		expect(text).not.toMatch(/toolrisk-scan-[A-Za-z0-9]{6}/);
		const server = parseServerFile(JSON.parse(text), join(outDir, 'fake-cli.json'));
		expect(server.name).toBe('Fake (CLI)');
		expect(server.distributions[0]).toEqual({
			kind: 'npm',
			package: 'fake-mcp-server',
			version: '1.0.0',
			transport: 'stdio',
			args: [join(FAKES, 'good.mjs'), '/path/to/allowed/dir'],
			env: [{ name: 'FAKE_TOKEN', required: true, secret: true }],
		});
		expect(server.provenance.notes).toMatch(/placeholder values .* for FAKE_TOKEN/);
	});

	it('prints one clear message and exits 1 on a failed scan, writing nothing', async () => {
		const outDir = join(work, 'cli-fail');
		await mkdir(outDir);
		const result = cli([
			'--command',
			process.execPath,
			'--dist',
			'npm:fake-mcp-server@1.0.0',
			'--slug',
			'fake-cli',
			'--out',
			outDir,
			'--unsafe-no-sandbox',
			'--',
			join(FAKES, 'garbage-stdout.mjs'),
		]);
		expect(result.status).toBe(1);
		expect(result.stderr).toMatch(/^WARNING: [^\n]*\nscan failed \(protocol\): .*not JSON to stdout/);
		expect(result.stderr).toContain('Nothing was written.');
		expect(await readdir(outDir)).toEqual([]);
	});

	it('exits 2 on bad usage', () => {
		const result = cli(['--npm', 'x', '--url', 'https://example.com/mcp']);
		expect(result.status).toBe(2);
		expect(result.stderr).toContain('give exactly one of --npm, --command or --url');
	});
});

describe('npm metadata helpers', () => {
	it('derives slugs and splits package specs', () => {
		expect(slugFromPackage('@modelcontextprotocol/server-memory')).toBe('modelcontextprotocol-server-memory');
		expect(parsePackageSpec('@scope/pkg@1.2.3')).toEqual({ name: '@scope/pkg', range: '1.2.3' });
		expect(parsePackageSpec('pkg')).toEqual({ name: 'pkg', range: 'latest' });
	});

	it('normalises repository fields to browsable https URLs', () => {
		expect(normaliseRepositoryUrl({ type: 'git', url: 'git+https://github.com/modelcontextprotocol/servers.git' })).toBe(
			'https://github.com/modelcontextprotocol/servers',
		);
		expect(normaliseRepositoryUrl('git@github.com:a/b.git')).toBe('https://github.com/a/b');
		expect(normaliseRepositoryUrl('github:a/b')).toBe('https://github.com/a/b');
		expect(normaliseRepositoryUrl('file:///tmp/x')).toBeUndefined();
	});
});
