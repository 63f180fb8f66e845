/**
 * The Python source harness: the pure checks of its report and of a project's metadata, and the harness
 * itself run inside the sandbox on a fixture server with a stand-in SDK (tests/fixtures/python-source):
 * it answers with the server's own tools/list handler (called directly: serving fails, the stand-in SDK
 * has no client), stubs a missing module the server imports and says so, refuses a listing whose text
 * mentions a stub, reports a server that exits before serving, and is not fooled by a server printing a
 * fake report on stdout.
 */
import { chmodSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	answerNote,
	harnessTools,
	HarnessError,
	parseHarnessOutput,
	pydanticNote,
	REPORT_PREFIX,
	stubNote,
	typingNote,
	type HarnessReport,
} from '../../src/ingest/python/python-source.ts';
import {
	conflictingExtras,
	dropExtra,
	fastmcpLayout,
	HARNESS_FILE,
	lockedVersion,
	missingDistribution,
	ownFolders,
	parseToml,
	pyProjectOf,
	requirementName,
	sdkOwnDependencies,
	withoutBound,
} from '../../src/ingest/python/source-env.ts';
import { harnessArgs, harnessEnv, runHarness } from '../../src/ingest/python/source-run.ts';
import { probeSandbox } from '../../src/ingest/sandbox/probe.ts';
import { distributionKey, sharesDistribution } from '../../src/ingest/sourced.ts';
import type { SandboxHost } from '../../src/ingest/sandbox/sandbox.ts';
import { ROOT } from './support.ts';

const ok = (tools: unknown[], extra: Partial<HarnessReport> = {}): HarnessReport => ({ result: { tools }, stubbed: [], ...extra });
const tool = { name: 'read', description: 'Reads.', inputSchema: { type: 'object' } };

describe('harness reports', () => {
	it.each([
		['an error', { stubbed: [], error: 'ImportError: x' }, /did not answer: ImportError/],
		['a stub in the answer', ok([tool], { stubbed: ['boto3'], stubInOutput: true }), /mentions a stubbed module \(boto3\)/],
		['a signature naming a stub', ok([tool], { stubbed: ['x'], toolsTouchingStubs: ['read'] }), /signatures of read name a stubbed/],
		['no tools', ok([]), /lists no tools/],
		['a nameless tool', ok([{ description: 'x' }]), /tools\[0\]: expected a named tool/],
		['a tool twice', ok([tool, tool]), /"read" is listed twice/],
		['a paginated answer', { stubbed: [], result: { tools: [tool], nextCursor: 'n' } }, /paginated/],
	] as const)('refuses %s', (_, report, message) => {
		expect(() => harnessTools(report as HarnessReport, 'src/x')).toThrow(message);
	});
	it('keeps each definition as answered, with where it was listed from', () => {
		expect(harnessTools(ok([tool]), 'src/x')).toEqual([{ definition: tool, source: { path: 'src/x' } }]);
	});
	it.each([
		['', /no harness report \(ctx\)/],
		[`${REPORT_PREFIX}{`, /not JSON/],
		[`${REPORT_PREFIX}{"result": {}}`, /no list of stubbed modules/],
	])('rejects the output %j', (stdout, message) => {
		expect(() => parseHarnessOutput(stdout, 'ctx')).toThrow(message);
	});
	it('reads the report line among other output', () => {
		expect(parseHarnessOutput(`noise\n${REPORT_PREFIX}{"stubbed": ["a"]}\n`, 'ctx').stubbed).toEqual(['a']);
	});
	it('says how the server answered', () => {
		expect(answerNote({ stubbed: [], answeredBy: 'session' })).toMatch(/over an in-memory session/);
		expect(answerNote({ stubbed: [], answeredBy: 'handler', sessionError: 'OSError: no database' })).toBe(
			"The server's tools/list handler was called directly (serving it failed: OSError: no database).",
		);
	});
	it('says which modules were stubbed', () => {
		expect(stubNote({ stubbed: [] })).toBe('No module was stubbed.');
		expect(stubNote({ stubbed: ['a', 'b'] })).toMatch(/the listing touches none of them.*: a, b\.$/);
		expect(stubNote({ stubbed: ['a'], signaturesChecked: 3 })).toMatch(/no tool's signature names them/);
		expect(stubNote({ stubbed: ['a'], signaturesChecked: 0 })).toMatch(/signatures were not inspected/);
	});
	it.each<[string, HarnessReport, RegExp | null]>([
		['no report of them', { stubbed: [] }, null],
		['none', { stubbed: [], pydanticDefaults: [] }, null],
		[
			'one',
			{ stubbed: [], pydanticDefaults: ['fastmcp.settings.Settings.dependencies'] },
			/such a field .*: fastmcp\.settings\.Settings\.dependencies\.$/,
		],
		['two', { stubbed: [], pydanticDefaults: ['m.A.x', 'm.B.y'] }, /such fields .*equals what the factory returns.*: m\.A\.x, m\.B\.y\.$/],
	])('says which pydantic fields were accepted as older pydantic did: %s', (_, report, expected) => {
		const note = pydanticNote(report);
		if (expected === null) expect(note).toBeNull();
		else expect(note).toMatch(expected);
	});
	it.each<[string, HarnessReport, RegExp | null]>([
		['no report of them', { stubbed: [] }, null],
		['none', { stubbed: [], typingBackfills: [] }, null],
		['one', { stubbed: [], typingBackfills: ['override'] }, /own code imports typing\.override, which .*typing_extensions/],
		['two', { stubbed: [], typingBackfills: ['override', 'TypeAliasType'] }, /typing\.override, typing\.TypeAliasType, /],
	])('says which typing names were served from typing_extensions: %s', (_, report, expected) => {
		const note = typingNote(report);
		if (expected === null) expect(note).toBeNull();
		else expect(note).toMatch(expected);
	});
});

describe('project metadata', () => {
	it.each([
		['pydantic>=2.0; python_version < "3.14"', 'pydantic', 'pydantic; python_version < "3.14"'],
		['mcp[cli]>=1.23.0,<2.0.0', 'mcp', 'mcp[cli]'],
		['Python_Dotenv.X == 1', 'python-dotenv-x', 'Python_Dotenv.X'],
		['requests_auth_aws_sigv4', 'requests-auth-aws-sigv4', 'requests_auth_aws_sigv4'],
	])('%s names %s and unbounded is %s', (req, name, bare) => {
		expect(requirementName(req)).toBe(name);
		expect(withoutBound(req)).toBe(bare);
	});
	it.each([
		['py-key-value-aio[disk,memory]>=0.3', 'disk', 'py-key-value-aio[memory]>=0.3'],
		['x[disk]; python_version < "4"', 'disk', 'x; python_version < "4"'],
		['x[a]', 'disk', 'x[a]'],
	])('%s without the %s extra is %s', (req, extra, out) => {
		expect(dropExtra(req, extra)).toBe(out);
	});
	it.each([
		['ERROR: No matching distribution found for protego>=0.3.1', 'protego'],
		['ERROR: Could not find a version that satisfies the requirement Readabilipy>=0.2 (from versions: none)', 'readabilipy'],
		['ERROR: something else', undefined],
	])('pip says %j', (stderr, name) => {
		expect(missingDistribution(stderr)).toBe(name);
	});
	it.each([
		[
			'up to 3.3: the root project and src/fastmcp',
			'[project]\nname = "fastmcp"\ndependencies = ["mcp>=1.24,<2", "httpx"]\n',
			undefined,
			{ source: 'src/fastmcp', dependencies: ['mcp>=1.24,<2', 'httpx'] },
		],
		[
			'from 3.4: the slim package and the extras the metapackage names, followed through self-references',
			'[project]\nname = "fastmcp"\ndynamic = ["dependencies"]\n[tool.hatch.metadata.hooks.uv-dynamic-versioning]\ndependencies = ["fastmcp-slim[client,server]=={{ version }}"]\n',
			'[project]\nname = "fastmcp-slim"\ndependencies = ["pydantic>=2", "rich"]\n[tool.hatch.metadata.hooks.uv-dynamic-versioning.optional-dependencies]\n' +
				'mcp = ["mcp>=1.24,<2", "httpx"]\nclient = ["fastmcp-slim[mcp]=={{ version }}", "authlib"]\nserver = ["fastmcp-slim[mcp]=={{ version }}", "authlib", "cyclopts"]\nopenai = ["openai"]\n',
			{ source: 'fastmcp_slim/fastmcp', dependencies: ['pydantic>=2', 'rich', 'authlib', 'cyclopts', 'mcp>=1.24,<2', 'httpx'] },
		],
	])('FastMCP layout %s', (_, rootText, slimText, layout) => {
		const read = (path: string) => {
			expect(path).toBe('fastmcp_slim/pyproject.toml');
			return parseToml(slimText!);
		};
		expect(fastmcpLayout(parseToml(rootText), read, 'v')).toEqual(layout);
	});
	it('refuses a FastMCP metapackage naming an extra the slim package lacks', () => {
		const root = parseToml(
			'[project]\nname = "fastmcp"\n[tool.hatch.metadata.hooks.uv-dynamic-versioning]\ndependencies = ["fastmcp-slim[gone]==1"]\n',
		);
		expect(() => fastmcpLayout(root, () => parseToml('[project]\nname = "fastmcp-slim"\n'), 'v9')).toThrow(
			/v9: fastmcp-slim has no extra "gone"/,
		);
	});
	it.each([
		[
			'ERROR: Cannot install boto3==1.43.107, botocore[crt]==1.43.106 and botocore[crt]==1.43.107 because these package versions have conflicting dependencies.',
			[{ name: 'botocore', extras: ['crt'] }],
		],
		['ERROR: Cannot install a==1 and b==2 because these package versions have conflicting dependencies.', []],
		['ERROR: ResolutionImpossible', []],
	])('a conflict %j names the extras %j', (stderr, extras) => {
		expect(conflictingExtras(stderr)).toEqual(extras);
	});
	it.each([
		['a src layout', ['src', 'src/pkg/__init__.py'], ['server/src']],
		['a package at the top', ['pkg/__init__.py'], ['server']],
		['a src folder that is a package (src.main:cli, or a package inside it)', ['src', 'src/__init__.py'], ['server/src', 'server']],
	])('with %s (files %j) the server is imported from %j', (_, present, folders) => {
		expect(ownFolders((path) => present.includes(path))).toEqual(folders);
	});
	it("installs the SDK's dependencies except its own packages pinned to its version by template", () => {
		expect(sdkOwnDependencies(['anyio>=4.9', 'mcp-types=={{ version }}', 'x=={{version}}', 'pydantic>=2.12.0'])).toEqual([
			'anyio>=4.9',
			'pydantic>=2.12.0',
		]);
	});
	it('reads pyproject.toml and uv.lock with the host Python', () => {
		const project = pyProjectOf(
			parseToml('[project]\nname = "x-server"\nversion = "1.2"\ndependencies = ["mcp>=1"]\n[project.scripts]\nx = "x_server:main"\n'),
			'p',
		);
		expect(project).toEqual({ name: 'x-server', version: '1.2', dependencies: ['mcp>=1'], scripts: { x: 'x_server:main' } });
		const lock = parseToml('[[package]]\nname = "MCP"\nversion = "1.23.0"\n\n[[package]]\nname = "x"\nversion = "2"\n');
		expect(lockedVersion(lock, 'mcp')).toBe('1.23.0');
		expect(lockedVersion(lock, 'fastmcp')).toBeUndefined();
		expect(() => pyProjectOf(parseToml('[tool.x]\na = 1\n'), 'p')).toThrow(/p: expected a \[project\] table/);
		// Dependencies declared dynamic are read from the build hook that writes them.
		const dynamic = pyProjectOf(
			parseToml(
				'[project]\nname = "mcp"\ndynamic = ["dependencies"]\n[tool.hatch.metadata.hooks.uv-dynamic-versioning]\ndependencies = ["anyio>=4", "mcp-types=={{ version }}"]\n',
			),
			'p',
		);
		expect(dynamic.dependencies).toEqual(['anyio>=4', 'mcp-types=={{ version }}']);
		expect(() => parseToml('[[')).toThrow(/not TOML/);
	});
});

describe('the harness in the sandbox, on a fixture server', () => {
	let host: SandboxHost;
	let root: string;
	beforeAll(async () => {
		const probe = await probeSandbox();
		if (!probe.ok) throw new Error(`these tests need the bubblewrap sandbox: ${probe.reason}`);
		host = probe.host;
		root = mkdtempSync(join(tmpdir(), 'toolrisk-python-source-test-'));
		cpSync(join(ROOT, 'tests/fixtures/python-source'), root, { recursive: true });
		cpSync(HARNESS_FILE, join(root, 'harness.py'));
		chmodSync(root, 0o755);
	});
	afterAll(() => {
		if (root) rmSync(root, { recursive: true, force: true });
	});
	const run = (args: string[] = []) =>
		runHarness(host, { root, paths: ['server', 'sdk'], own: ['server'], start: { entry: 'fixture_server:main' }, args, timeoutMs: 60_000 });

	it('runs in the sandbox with the folder at /opt/package', () => {
		expect(harnessArgs({ root, paths: ['server'], own: ['server'], start: { module: 'm' }, args: ['--x'] })).toEqual([
			'-s',
			'-P',
			'-B',
			'/opt/package/harness.py',
			'--path',
			'/opt/package/server',
			'--own',
			'/opt/package/server',
			'--module',
			'm',
			'--',
			'--x',
		]);
	});
	it("answers with the server's own tools/list handler and names the stubbed module", async () => {
		const { report } = await run();
		expect(report.error).toBeUndefined();
		expect(report.stubbed).toEqual(['not_installed_lib']);
		// The stand-in SDK has no client, so serving over a session fails and the handler answers.
		expect(report.answeredBy).toBe('handler');
		expect(report.sessionError).toMatch(/^ModuleNotFoundError: /);
		expect(harnessTools(report, 'server').map((t) => t.definition)).toEqual([
			{
				name: 'read_note',
				description: 'Reads a note.',
				inputSchema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
			},
			{ name: 'delete_note', description: 'Deletes a note.', inputSchema: { type: 'object' } },
		]);
	}, 90_000);
	it('runs with a fixed hash seed and no PYTHON* variable of the caller', async () => {
		expect(harnessEnv({ JIRA_URL: 'u', PYTHONPATH: '/x', PYTHONSTARTUP: '/y' })).toEqual({ JIRA_URL: 'u', PYTHONHASHSEED: '0' });
		// The fixture's set of words comes out in the same order on every run.
		const a = await run(['--set-description']);
		const b = await run(['--set-description']);
		expect(a.report.result?.tools).toEqual(b.report.result?.tools);
	}, 120_000);
	it("answers when the server is a subclass of the SDK's Server with its own run", async () => {
		const { report } = await run(['--subclass']);
		expect(report.error).toBeUndefined();
		expect(report.answeredBy).toBe('handler');
		expect(report.sessionError).toMatch(/^ModuleNotFoundError: /);
		expect(report.result?.tools).toHaveLength(2);
	}, 90_000);
	it("inspects the signatures of a framework's tool functions for stubs", async () => {
		const plain = await run();
		expect(plain.report.signaturesChecked).toBe(0);
		const { report } = await run(['--framework']);
		expect(report.signaturesChecked).toBe(2);
		expect(report.toolsTouchingStubs).toEqual(['read_note']);
		expect(() => harnessTools(report, 'server')).toThrow(/signatures of read_note name a stubbed module/);
		// A framework that built the Server in its constructor is found from the constructor's frame.
		const owned = await run(['--owner']);
		expect(owned.report.signaturesChecked).toBe(1);
		expect(owned.report.toolsTouchingStubs).toEqual(['read_note']);
	}, 120_000);
	it('refuses an answer that mentions a stub', async () => {
		const { report } = await run(['--describe-stub']);
		expect(report.stubInOutput).toBe(true);
		expect(() => harnessTools(report, 'server')).toThrow(HarnessError);
	}, 90_000);
	it('reports a server that exits before serving', async () => {
		const { report } = await run(['--exit']);
		expect(report.error).toBe('the entry point exited (3) before serving');
	}, 90_000);
	it('accepts a model field with a default beside an equal default_factory, as pydantic before 2.12 did, and says so', async () => {
		// deps/pydantic refuses both, as pydantic 2.12 and later do.
		const withDeps = (args: string[]) =>
			runHarness(host, {
				root,
				paths: ['server', 'sdk', 'deps'],
				own: ['server'],
				start: { entry: 'fixture_server:main' },
				args,
				timeoutMs: 60_000,
			});
		const { report } = await withDeps(['--settings']);
		expect(report.error).toBeUndefined();
		expect(report.pydanticDefaults).toEqual(['fixture_server.main.<locals>.Settings.dependencies']);
		expect(report.result?.tools).toHaveLength(2);
		// A default that differs from what the factory gives stays refused.
		const differs = await withDeps(['--settings-differs']);
		expect(differs.report.error).toBe('TypeError: cannot specify both default and default_factory');
		expect((await run()).report.pydanticDefaults).toEqual([]);
	}, 120_000);
	it("serves a name this Python's typing lacks from typing_extensions to the server's own code only, and says so", async () => {
		const { report } = await runHarness(host, {
			root,
			paths: ['server', 'sdk', 'deps'],
			own: ['server'],
			start: { entry: 'fixture_server:main' },
			args: ['--typing-backfill'],
			timeoutMs: 60_000,
		});
		// The fixture exits (6) if the library in deps saw the name, or the server got something else.
		expect(report.error).toBeUndefined();
		expect(report.typingBackfills).toEqual(['FixtureOnlyName']);
		expect(report.result?.tools).toHaveLength(2);
	}, 90_000);
	it("stubs a dotted module given with --stub inside the server's own package, and records that name", async () => {
		const withStub = (stub: string[]) =>
			runHarness(host, {
				root,
				paths: ['server', 'sdk'],
				own: ['server'],
				start: { entry: 'fixture_server:main' },
				args: ['--dotted-stub'],
				stub,
				timeoutMs: 60_000,
			});
		// A missing module of the server's own package is not stubbed unless named: it fails to import.
		expect((await withStub([])).report.error).toMatch(/^ModuleNotFoundError: No module named 'fixture_server.not_shipped'/);
		const { report } = await withStub(['fixture_server.not_shipped']);
		expect(report.error).toBeUndefined();
		expect(report.stubbed).toEqual(['not_installed_lib', 'fixture_server.not_shipped']);
		expect(report.result?.tools).toHaveLength(2);
	}, 120_000);
	it('writes the files given in the sandbox home before the server starts', async () => {
		const without = await run(['--needs-home-file']);
		expect(without.report.error).toBe('the entry point exited (7) before serving');
		const { report } = await runHarness(host, {
			root,
			paths: ['server', 'sdk'],
			own: ['server'],
			start: { entry: 'fixture_server:main' },
			args: ['--needs-home-file'],
			files: [{ path: '~/.fixture/config', content: '[default]\n' }],
			timeoutMs: 60_000,
		});
		expect(report.error).toBeUndefined();
		expect(report.result?.tools).toHaveLength(2);
	}, 120_000);
	it("is not fooled by the server's own stdout", async () => {
		const { report } = await run(['--print']);
		expect(report.result?.tools).toHaveLength(2);
	}, 90_000);
});

describe('a sourced file never replaces another server', () => {
	const npm = (pkg: string) => ({ kind: 'npm', package: pkg, version: '1.0.0', transport: 'stdio', args: [], env: [] }) as const;
	const pypi = (pkg: string) => ({ kind: 'pypi', package: pkg, version: '2.0.0', transport: 'stdio', args: [], env: [] }) as const;
	it.each([
		[[npm('a')], [npm('a')], true],
		[[npm('a'), pypi('b')], [pypi('b')], true],
		[[npm('duckduckgo-mcp-server')], [pypi('duckduckgo-mcp-server')], false],
		[[npm('a')], [npm('b')], false],
	] as const)('%j and %j share a distribution: %s', (a, b, shared) => {
		expect(sharesDistribution(a as never, b as never)).toBe(shared);
	});
	it('names them by kind and package', () => {
		expect(distributionKey(pypi('x') as never)).toBe('pypi:x');
	});
});
