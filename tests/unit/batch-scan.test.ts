/**
 * The batch scan pipeline (src/ingest/batch/run.ts, scripts/batch-scan.ts) against local fake packages,
 * no network: each fake MCP server in tests/fixtures/fake-servers is wrapped in a package folder with a
 * `bin`, listed in a server list and driven through the pipeline. Every package gets one clear outcome,
 * the batch moves on, and content files that existed before stay byte-identical.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyTool } from '../../src/lib/judge/classify.ts';
import { scanReportSchema, type ScanOutcome, type ScanRecord } from '../../src/lib/content/scan-report.ts';
import { buildServerFile, parseServerFile, serializeServerFile } from '../../src/lib/content/server-file.ts';
import { assignSlugs } from '../../src/ingest/batch/catalogue-index.ts';
import { detectEnvNames, placeholderValue } from '../../src/ingest/batch/env.ts';
import { outcomeOfError } from '../../src/ingest/batch/outcome.ts';
import { chooseBin } from '../../src/ingest/batch/package.ts';
import { mergeReport } from '../../src/ingest/batch/report.ts';
import { runBatch, type BatchOptions } from '../../src/ingest/batch/run.ts';
import { parseServerList } from '../../src/ingest/batch/server-list.ts';
import { ScanError } from '../../src/ingest/mcp-list.ts';
import { recordRescan } from '../../src/lib/content/history.ts';
import { isAlive } from './support.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FAKES = join(ROOT, 'tests', 'fixtures', 'fake-servers');

/** A fake package: which fixture it runs, its arguments, README text, and the outcome it must get. */
interface FakePackage {
	id: string;
	fixture?: string;
	args?: string;
	readme?: string;
	bin?: Record<string, string> | 'none';
	expect: ScanOutcome;
	reason: RegExp;
}

const PACKAGES: FakePackage[] = [
	{ id: 'good', fixture: 'good.mjs', expect: 'catalogued', reason: /wrote fake-good-npm\.json: 3 tools in 2 page/ },
	{ id: 'rescan-good', fixture: 'good.mjs', expect: 'catalogued', reason: /re-scanned fake-rescan-good\.json: 3 tools/ },
	{
		id: 'silent',
		fixture: 'silent.mjs',
		args: '__PIDFILE__',
		expect: 'timed-out',
		reason: /no answer within 1\.5 s while starting and initialising/,
	},
	{
		id: 'crash-mid-list',
		fixture: 'crash-mid-list.mjs',
		expect: 'crashed',
		reason: /exited with code 3 before the listing was complete[\s\S]*out of cheese/,
	},
	{
		// Strict at first; the quiet variables do not help; read as the SDK's client reads it, it lists its tool.
		id: 'garbage-stdout',
		fixture: 'garbage-stdout.mjs',
		expect: 'catalogued',
		reason:
			/wrote fake-garbage-stdout\.json: 1 tools[\s\S]*Automatic retries: set NO_COLOR[^\n]*; read its stdout as the MCP SDK's stdio client does/,
	},
	{ id: 'cursor-loop', fixture: 'cursor-loop.mjs', args: 'same', expect: 'invalid-output', reason: /returned cursor "same" twice/ },
	{
		id: 'duplicate-names',
		fixture: 'duplicate-names.mjs',
		expect: 'invalid-output',
		reason: /more than one tool with the same name: "search"/,
	},
	{ id: 'huge-description', fixture: 'huge-description.mjs', expect: 'invalid-output', reason: /larger than 3\.9 MB; refusing to read it/ },
	{ id: 'many-tools', fixture: 'many-tools.mjs', expect: 'invalid-output', reason: /more than 1000 tools \(2000 after 2 pages\)/ },
	{
		id: 'schema-not-object',
		fixture: 'bad-schemas.mjs',
		args: 'string',
		expect: 'invalid-output',
		reason: /does not make a valid content file[\s\S]*inputSchema/,
	},
	{ id: 'odd-schemas', fixture: 'bad-schemas.mjs', expect: 'catalogued', reason: /4 tools/ },
	{ id: 'hostile-names', fixture: 'hostile-names.mjs', expect: 'catalogued', reason: /wrote fake-hostile-names\.json: 4 tools/ },
	{
		id: 'exits-at-once',
		fixture: 'exits-at-once.mjs',
		expect: 'crashed',
		reason: /exited with code 1 before the listing was complete[\s\S]*missing native module/,
	},
	{
		id: 'cli',
		fixture: 'not-mcp-cli.mjs',
		expect: 'not-a-server',
		reason: /command-line help instead of speaking MCP[\s\S]*Usage: fake-cli/,
	},
	{
		id: 'needs-credentials',
		fixture: 'needs-credentials.mjs',
		readme: 'Set `FAKE_SERVICE_API_KEY` to your key. See NODE_ENV and YOUR_API_KEY (not names).',
		expect: 'needs-credentials',
		reason: /exited on the placeholder credentials[\s\S]*401 Unauthorized/,
	},
	{
		id: 'no-tools',
		fixture: 'no-tools.mjs',
		readme: 'Needs NOTES_TOKEN.',
		expect: 'needs-credentials',
		reason: /listed no tools with placeholder values for NOTES_TOKEN/,
	},
	{ id: 'library', bin: 'none', expect: 'not-a-server', reason: /declares no executable \("bin" in package\.json\): a library or SDK/ },
	{
		id: 'toolbox',
		bin: { build: 'server.mjs', lint: 'server.mjs' },
		expect: 'not-a-server',
		reason: /several executables \(build, lint\) and none is named for an MCP server/,
	},
];

let work: string;
let outDir: string;
let listFile: string;
let pidFile: string;
/** Files in the content folder before the batch ran, with their bytes. */
const before = new Map<string, string>();
let records: ScanRecord[];
let elapsedMs = 0;

/** A content file from an earlier scan of `fake-<id>` listing one tool `first`. */
function earlierScan(
	id = 'crash-mid-list',
	tools: { name: string; description?: string; inputSchema: Record<string, unknown> }[] = [
		{ name: 'first', inputSchema: { type: 'object' } },
	],
): string {
	const server = buildServerFile(
		{
			slug: `fake-${id}`,
			name: `Fake ${id} (curated name)`,
			distributions: [{ kind: 'npm', package: `fake-${id}`, version: '0.9.0', transport: 'stdio', args: [], env: [] }],
			provenance: {
				method: 'scan',
				obtainedAt: '2026-11-01T00:00:00Z',
				sources: [{ title: `local package fake-${id}@0.9.0`, ref: `fake-${id}@0.9.0` }],
				scan: { scanner: 'toolrisk-scan/1', transport: 'stdio', target: `fake-${id}@0.9.0`, pages: 1 },
				completeness: 'complete',
			},
			tools: tools.map((definition) => ({ definition })),
		},
		`fake-${id}.json`,
	);
	return serializeServerFile(server);
}

function options(extra: Partial<BatchOptions> = {}): BatchOptions {
	return {
		outDir,
		cacheDir: join(work, 'cache'),
		listDir: dirname(listFile),
		concurrency: 4,
		installTimeoutMs: 10_000,
		list: { connectTimeoutMs: 1_500, pageTimeoutMs: 3_000, totalTimeoutMs: 6_000, maxTools: 1000, maxBytes: 4_000_000 },
		rescan: true,
		keepInstalls: false,
		now: () => new Date('2026-12-01T12:00:00Z'),
		recordRescan,
		// The pipeline's own logic, unsandboxed (these fakes import fixtures from the project); the
		// sandboxed pipeline is tested in sandbox-hostile.test.ts.
		sandbox: { kind: 'none' },
		...extra,
	};
}

beforeAll(async () => {
	work = await mkdtemp(join(tmpdir(), 'toolrisk-batch-test-'));
	outDir = join(work, 'servers');
	pidFile = join(work, 'silent-helper.pid');
	await mkdir(outDir);
	const rows = ['# fake packages for the batch test', 'package\tslug\tbin\targs\tenv\tservice\tnotes'];
	for (const p of PACKAGES) {
		const dir = join(work, 'packages', p.id);
		await mkdir(dir, { recursive: true });
		const name = `fake-${p.id}`;
		const bin = p.bin === 'none' ? undefined : (p.bin ?? { [name]: 'server.mjs' });
		await writeFile(
			join(dir, 'package.json'),
			JSON.stringify({ name, version: '1.0.0', description: `Fake package ${p.id}`, ...(bin ? { bin } : {}) }),
		);
		await writeFile(join(dir, 'server.mjs'), p.fixture ? `import ${JSON.stringify(join(FAKES, p.fixture))};\n` : '');
		if (p.readme) await writeFile(join(dir, 'README.md'), p.readme);
		rows.push([`./packages/${p.id}`, '', '', (p.args ?? '').replace('__PIDFILE__', pidFile), '', '', ''].join('\t'));
	}
	// The catalogue before the batch: a server scanned earlier (its re-scan will crash), an unrelated
	// server, and a file whose slug a new package would take.
	before.set('fake-crash-mid-list.json', earlierScan());
	const rescanned = earlierScan('rescan-good', [{ name: 'read_note', description: 'Reads a note.', inputSchema: { type: 'object' } }]);
	await writeFile(join(outDir, 'fake-rescan-good.json'), rescanned);
	before.set('unrelated.json', '{"slug": "unrelated", "not": "validated by the pipeline"}\n');
	before.set(
		'fake-good.json',
		before
			.get('fake-crash-mid-list.json')!
			.replaceAll('fake-crash-mid-list', 'fake-good-other')
			.replace('"slug": "fake-good-other"', '"slug": "fake-good"'),
	);
	for (const [name, text] of before) await writeFile(join(outDir, name), text);
	// fake-good.json belongs to another package, so the good fake gets its own slug: the list names it.
	rows[PACKAGES.findIndex((p) => p.id === 'good') + 2] = ['./packages/good', 'fake-good-npm', '', '', '', '', ''].join('\t');
	listFile = join(work, 'servers.tsv');
	await writeFile(listFile, `${rows.join('\n')}\n`);
	const started = Date.now();
	records = await runBatch(parseServerList(await readFile(listFile, 'utf8'), listFile), options());
	elapsedMs = Date.now() - started;
}, 60_000);

afterAll(async () => {
	await rm(work, { recursive: true, force: true });
});

describe('runBatch over misbehaving fake packages', () => {
	it('gives every package exactly one record, in list order, and finishes quickly', () => {
		expect(records.map((r) => r.package)).toEqual(PACKAGES.map((p) => `fake-${p.id}`));
		expect(elapsedMs).toBeLessThan(30_000);
	});

	it.each(PACKAGES.map((p) => [p.id, p] as const))('%s: the expected outcome with a clear reason', (id, p) => {
		const record = records.find((r) => r.package === `fake-${id}`);
		expect(record, id).toBeDefined();
		expect(record!.outcome, record!.reason).toBe(p.expect);
		expect(record!.reason).toMatch(p.reason);
		expect(record!.date).toBe('2026-12-01T12:00:00Z');
		if (p.expect !== 'catalogued') expect(record!.tools).toBeUndefined();
	});

	it('records the documented variable names (never values) and sets placeholders', () => {
		const record = records.find((r) => r.package === 'fake-needs-credentials');
		expect(record!.env).toEqual(['FAKE_SERVICE_API_KEY']);
		expect(JSON.stringify(records)).not.toContain('toolrisk-placeholder-not-a-real-credential');
	});

	it('writes only the catalogued servers, and leaves every earlier file byte-identical', async () => {
		const files = (await readdir(outDir)).sort();
		expect(files).toEqual([
			'fake-crash-mid-list.json',
			'fake-garbage-stdout.json',
			'fake-good-npm.json',
			'fake-good.json',
			'fake-hostile-names.json',
			'fake-odd-schemas.json',
			'fake-rescan-good.json',
			'unrelated.json',
		]);
		for (const [name, text] of before) expect(await readFile(join(outDir, name), 'utf8'), name).toBe(text);
	});

	it('keeps a catalogued server whose re-scan failed, and says so', () => {
		const record = records.find((r) => r.package === 'fake-crash-mid-list');
		expect(record).toMatchObject({ outcome: 'crashed', slug: 'fake-crash-mid-list', keptPrevious: true });
		expect(record!.reason).toMatch(/was kept unchanged/);
	});

	it('writes valid content files with package, version, scan date and tools hash', async () => {
		for (const slug of ['fake-good-npm', 'fake-hostile-names', 'fake-odd-schemas']) {
			const file = join(outDir, `${slug}.json`);
			const server = parseServerFile(JSON.parse(await readFile(file, 'utf8')), file);
			expect(server.distributions[0]).toMatchObject({ kind: 'npm', version: '1.0.0' });
			expect(server.provenance.obtainedAt).toBe('2026-12-01T12:00:00Z');
			expect(server.provenance.toolsHash).toMatch(/^sha256:[0-9a-f]{64}$/);
		}
	});

	it('re-scans a catalogued server in place: keeps its name and first scan date, records the changes', async () => {
		const file = join(outDir, 'fake-rescan-good.json');
		const server = parseServerFile(JSON.parse(await readFile(file, 'utf8')), file);
		expect(server.name).toBe('Fake rescan-good (curated name)');
		expect(server.provenance).toMatchObject({ obtainedAt: '2026-12-01T12:00:00Z', firstObtainedAt: '2026-11-01T00:00:00Z' });
		expect(server.history).toHaveLength(1);
		const changes = server.history![0]!.changes.map((c) => `${c.change} ${c.tool}`).sort();
		expect(changes).toEqual(['added delete_note', 'added write_note', 'changed read_note']);
	});

	it('keeps hostile tool names verbatim as data', async () => {
		const server = JSON.parse(await readFile(join(outDir, 'fake-hostile-names.json'), 'utf8')) as {
			tools: { definition: { name: string } }[];
		};
		expect(server.tools.map((t) => t.definition.name)).toEqual(['../../etc/passwd', 'a/b\\c', '<script>alert(1)</script>', 'con']);
	});

	it('stores schemas that are not valid JSON Schema verbatim, and the classifier copes with them', async () => {
		const server = JSON.parse(await readFile(join(outDir, 'fake-odd-schemas.json'), 'utf8')) as {
			tools: { definition: Parameters<typeof classifyTool>[0]['definition'] }[];
		};
		for (const tool of server.tools) expect(() => classifyTool({ definition: tool.definition })).not.toThrow();
		expect(server.tools[0]!.definition.inputSchema).toEqual({ type: 42, properties: [1, 2, 3], required: 'id' });
	});

	it('kills the processes of a server that never answers, helpers included', async () => {
		const pid = Number(await readFile(pidFile, 'utf8'));
		expect(pid).toBeGreaterThan(0);
		const alive = (): boolean => isAlive(pid);
		const until = Date.now() + 2_000;
		while (alive() && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
		expect(alive(), `helper ${pid} still runs`).toBe(false);
	});

	it('makes a report that validates, one record per package, merged over an earlier report', () => {
		const earlier = mergeReport(
			{ scanner: 'x', updatedAt: '', records: [] },
			[{ package: 'zzz-other', outcome: 'timed-out', reason: 'slow', durationMs: 1, date: '2026-11-01T00:00:00Z' }],
			new Date(),
		);
		const report = mergeReport(earlier, records, new Date('2026-12-01T12:00:00Z'));
		expect(scanReportSchema.safeParse(report).success).toBe(true);
		expect(report.records).toHaveLength(PACKAGES.length + 1);
		expect(report.records.map((r) => r.package)).toEqual([...report.records.map((r) => r.package)].sort());
	});
});

describe('runBatch with --skip-non-json-stdout', () => {
	it('catalogues a server that prints a banner on stdout, and says so in the provenance notes', async () => {
		const out = join(work, 'lenient-out');
		const entries = parseServerList(`package\n./packages/garbage-stdout\n`, listFile);
		const [record] = await runBatch(entries, options({ outDir: out, list: { ...options().list, skipNonJsonLines: true } }));
		expect(record).toMatchObject({ outcome: 'catalogued', tools: 1 });
		const file = join(out, 'fake-garbage-stdout.json');
		const server = parseServerFile(JSON.parse(await readFile(file, 'utf8')), file);
		expect(server.provenance.notes).toMatch(/wrote 1 line that is not JSON-RPC to stdout[\s\S]*A strict client would fail/);
	});
});

describe('the scan:batch command', () => {
	it('runs a list, prints plain progress lines off a terminal and writes the report', async () => {
		const list = join(work, 'one.tsv');
		await writeFile(list, `package\targs\n./packages/good\t\n./packages/library\t\n`);
		const report = join(work, 'report.json');
		const out = join(work, 'cli-out');
		const run = spawnSync(
			process.execPath,
			[
				join(ROOT, 'scripts', 'batch-scan.ts'),
				'--list',
				list,
				'--out',
				out,
				'--report',
				report,
				'--concurrency',
				'2',
				'--unsafe-no-sandbox',
			],
			{
				encoding: 'utf8',
				timeout: 30_000,
			},
		);
		expect(run.status, run.stderr).toBe(0);
		expect(run.stderr).toMatch(/fake-good@1\.0\.0 catalogued \(3 tools\)/);
		expect(run.stderr).toMatch(/\[2\/2\] catalogued 1 · failed 1 · remaining 0/);
		expect(run.stdout).toMatch(/2 packages in \d+ s: 1 catalogued, 1 not-a-server; 3 tools catalogued/);
		const parsed = scanReportSchema.parse(JSON.parse(await readFile(report, 'utf8')));
		expect(parsed.records.map((r) => [r.package, r.outcome])).toEqual([
			['fake-good', 'catalogued'],
			['fake-library', 'not-a-server'],
		]);
	});
});

describe('pipeline helpers', () => {
	it.each([
		['FOO_API_KEY and BAR_TOKEN, then FOO_API_KEY again', ['FOO_API_KEY', 'BAR_TOKEN']],
		['DATABASE_URL, REDIS_URI, SENTRY_DSN, GITHUB_PAT', ['DATABASE_URL', 'REDIS_URI', 'SENTRY_DSN', 'GITHUB_PAT']],
		['YOUR_API_KEY NODE_ENV NPM_TOKEN HTTP_PROXY_URL api_key', []],
		['CLIENT_SECRET, DB_PASSWORD', ['CLIENT_SECRET', 'DB_PASSWORD']],
	])('detectEnvNames(%j)', (text, names) => {
		expect(detectEnvNames([text])).toEqual(names);
	});

	it.each([
		['DATABASE_URL', { postgres: 'postgresql://x' }, 'postgresql://x'],
		['REDIS_URL', { redis: 'redis://r' }, 'redis://r'],
		['SERVICE_URL', {}, 'https://placeholder.example.com'],
		['SERVICE_API_KEY', {}, 'toolrisk-placeholder-not-a-real-credential'],
	] as const)('placeholderValue(%s)', (name, services, value) => {
		expect(placeholderValue(name, services)).toBe(value);
	});

	it.each([
		['@a/server-x', {}, undefined, 'not-a-server'],
		['@a/server-x', { x: 'a.js' }, undefined, 'x'],
		['@a/mcp', { mcp: 'a.js', other: 'b.js' }, undefined, 'mcp'],
		['tool', { 'tool-cli': 'a.js', 'tool-mcp': 'b.js' }, undefined, 'tool-mcp'],
		['tool', { 'tool-mcp-server': 'a.js', 'tool-mcp-setup': 'b.js' }, undefined, 'tool-mcp-server'],
		['tool', { a: 'a.js', b: 'b.js' }, undefined, 'not-a-server'],
		['@v/asset-mcp', { '@v/asset-mcp': 'bin/mcp-server.js', mcp: './bin/mcp-server.js' }, undefined, '@v/asset-mcp'],
		['@t/jira-mcp', { 'x-jira-mcp': 'a.js', 'x-jira-mcp-check': 'b.js' }, undefined, 'x-jira-mcp'],
		['@t/adf', { 'mcp-adf': 'a.js', 'mcp-adf-cli': 'b.js' }, undefined, 'mcp-adf'],
		['figma', { 'figma-developer-mcp': 'a.js', 'figma-mcp': 'b.js', 'other-figma-mcp': 'c.js' }, undefined, 'not-a-server'],
		['tool', { 'x-mcp-cli': 'a.js', 'x-mcp-setup': 'b.js' }, undefined, 'not-a-server'],
		['tool', { a: 'a.js', b: 'b.js' }, 'b', 'b'],
		['tool', { a: 'a.js' }, 'c', 'not-a-server'],
	] as const)('chooseBin(%s, %j, %s) -> %s', (name, bins, wanted, expected) => {
		const choice = chooseBin(name, bins, wanted);
		expect('bin' in choice ? choice.bin : 'not-a-server').toBe(expected);
	});

	it.each([
		[new ScanError('install', 'npm install failed'), 'install-failed'],
		[Object.assign(new ScanError('timeout', 'no answer'), { phase: 'connect' }), 'timed-out'],
		[new ScanError('crashed', 'exited with code 1', { stderrTail: 'Error: Invalid API key' }), 'needs-credentials'],
		[new ScanError('crashed', 'exited with code 1', { stderrTail: 'TypeError: x is undefined' }), 'crashed'],
		[
			Object.assign(new ScanError('crashed', 'x: the server exited with code 0 before the listing was complete'), { phase: 'connect' }),
			'not-a-server',
		],
		[new ScanError('too-large', 'too many tools'), 'invalid-output'],
		[new Error('boom'), 'crashed'],
	] as const)('outcomeOfError(%s) -> %s', (error, outcome) => {
		expect(outcomeOfError(error, []).outcome).toBe(outcome);
	});

	it('gives slugs that collide with no file and no other entry', () => {
		const index = {
			slugs: new Map<string, string | undefined>([
				['a-b', 'a-b'],
				['c', 'other-package'],
			]),
			byPackage: new Map([['a-b', 'a-b']]),
		};
		const slugs = assignSlugs(
			[
				{ key: 'a-b', name: 'a-b' },
				{ key: '@a/b', name: '@a/b' },
				{ key: 'c', name: 'c' },
				{ key: '@x/c', name: '@x/c' },
				{ key: 'x-c', name: 'x-c' },
			],
			index,
		);
		expect([...slugs.values()]).toEqual(['a-b', 'a-b-npm', 'c-npm', 'x-c', 'x-c-npm']);
	});

	it.each([
		['package\tslug\nfoo\tbad slug\n', /slug: expected lower-case/],
		['package\nfoo\nfoo@1.0.0\n', /already listed on line 2/],
		['package\tservice\nfoo\tmongodb\n', /service: expected one of postgres, redis, mysql/],
		['name\tversion\nfoo\t1\n', /expected a header/],
	])('parseServerList rejects %j', (text, message) => {
		expect(() => parseServerList(text, 'list.tsv')).toThrow(message);
	});
});
