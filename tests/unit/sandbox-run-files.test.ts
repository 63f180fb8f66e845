/**
 * The per-run files of a sandboxed server (src/ingest/sandbox/server.ts): work files copied into the
 * working folder before the server starts, and the stub for native addons that install scripts would
 * have built. The command line is checked as data; then a tiny server runs in the real sandbox and
 * reports what it found (the copy, writable, in its working folder; the stub, throwing when used).
 */
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTools, ScanError } from '../../src/ingest/mcp-list.ts';
import { probeSandbox } from '../../src/ingest/sandbox/probe.ts';
import { INSIDE, type SandboxHost } from '../../src/ingest/sandbox/sandbox.ts';
import { RUN_FILES_INSIDE, runFilePath, sandboxedServer, type ServerLaunch } from '../../src/ingest/sandbox/server.ts';
import { ROOT } from './support.ts';

const FIXTURE = join(ROOT, 'tests', 'fixtures', 'sandbox-run-files');
let work = '';
let host: SandboxHost;
let pkg = '';

beforeAll(async () => {
	const probe = await probeSandbox();
	if (!probe.ok) throw new Error(`these tests need the bubblewrap sandbox: ${probe.reason}`);
	host = probe.host;
	work = mkdtempSync(join(tmpdir(), 'toolrisk-run-files-test-'));
	chmodSync(work, 0o755);
	pkg = join(work, 'package');
	cpSync(join(FIXTURE, 'package'), pkg, { recursive: true });
});
afterAll(() => {
	if (work) rmSync(work, { recursive: true, force: true });
});

function launch(extra: Partial<ServerLaunch>): ServerLaunch {
	return { packageDir: pkg, program: join(pkg, 'server.cjs'), runWithNode: true, args: [], env: {}, ...extra };
}

describe('the command line with run files', () => {
	it.each([
		[{}, [INSIDE.node, '/opt/package/server.cjs']],
		[{ stubNativeAddons: true }, [INSIDE.node, '--require', `${RUN_FILES_INSIDE}/native-stub.cjs`, '/opt/package/server.cjs']],
		[
			{ workFiles: [join(FIXTURE, 'conf')] },
			[
				'/bin/sh',
				'-c',
				`cp -R ${RUN_FILES_INSIDE}/work/. /tmp/work/ && chmod -R u+w /tmp/work && exec "$@"`,
				'toolrisk-work-files',
				INSIDE.node,
				'/opt/package/server.cjs',
			],
		],
	] as [Partial<ServerLaunch>, string[]][])('%j runs %j', async (extra, tail) => {
		const run = await sandboxedServer(host, launch(extra));
		try {
			expect(run.target.args.slice(-tail.length)).toEqual(tail);
			const mounted = run.target.args.some((a, i) => a === RUN_FILES_INSIDE && run.target.args[i - 2] === '--ro-bind');
			expect(mounted).toBe(Object.keys(extra).length > 0);
		} finally {
			await run.cleanup();
		}
	});

	it('removes its run folder on cleanup', async () => {
		const run = await sandboxedServer(host, launch({ workFiles: [join(FIXTURE, 'conf')], stubNativeAddons: true }));
		const i = run.target.args.indexOf(RUN_FILES_INSIDE);
		const folder = run.target.args[i - 1]!;
		expect(existsSync(join(folder, 'native-stub.cjs'))).toBe(true);
		expect(existsSync(join(folder, 'work', 'conf', 'settings.json'))).toBe(true);
		await run.cleanup();
		expect(existsSync(folder)).toBe(false);
	});

	it.each([
		[{ workFiles: [join(FIXTURE, 'absent.json')] }, /work file .*absent\.json does not exist/],
		[{ workFiles: [join(FIXTURE, 'conf'), join(FIXTURE, 'package', '..', 'conf')] }, /two work files are named conf/],
		[{ stubNativeAddons: true, runWithNode: false }, /stubNativeAddons and nativeStubs need a server run with Node/],
		[{ nativeStubs: ['keytar'], runWithNode: false }, /need a server run with Node/],
	] as [Partial<ServerLaunch>, RegExp][])('refuses %j', async (extra, message) => {
		await expect(sandboxedServer(host, launch(extra))).rejects.toThrow(message);
	});
});

describe('content files (dummy credentials) travel as run files', () => {
	it.each([
		['~/.aws/credentials', 'home/.aws/credentials'],
		['./gcp-oauth.keys.json', 'work/gcp-oauth.keys.json'],
		['./a/../b.json', 'work/b.json'],
	])('%s -> %s', (path, at) => {
		expect(runFilePath(path)).toBe(at);
	});

	it.each([['/etc/passwd'], ['~/../../etc/x'], ['./../x'], ['~/'], ['relative.json']])('refuses %s', (path) => {
		expect(() => runFilePath(path)).toThrow(/expected ~\/\.\.\. or \.\/\.\.\. inside them/);
	});

	it('copies only what there is: the working folder, HOME, or both, then becomes the server', async () => {
		for (const [files, copies] of [
			[[{ path: './x.json', content: '{}' }], [INSIDE.work]],
			[[{ path: '~/x.json', content: '{}' }], [INSIDE.home]],
			[
				[
					{ path: './x.json', content: '{}' },
					{ path: '~/y.json', content: '{}' },
				],
				[INSIDE.work, INSIDE.home],
			],
		] as [NonNullable<ServerLaunch['files']>, string[]][]) {
			const run = await sandboxedServer(host, launch({ files }));
			try {
				const script = run.target.args[run.target.args.indexOf('toolrisk-work-files') - 1]!;
				expect(script).toBe(
					[
						...copies.map((to) => `cp -R ${RUN_FILES_INSIDE}/${to === INSIDE.work ? 'work' : 'home'}/. ${to}/ && chmod -R u+w ${to}`),
						'exec "$@"',
					].join(' && '),
				);
			} finally {
				await run.cleanup();
			}
		}
	});
});

describe('a server in the real sandbox', () => {
	it('finds content files in HOME and its working folder, byte-identical and writable', async () => {
		const token = '{"access_token": "toolrisk-placeholder", "note": "it\'s $HOME `quoted`"}\n';
		const keys = '{"installed": {"client_id": "x"}}\n';
		const run = await sandboxedServer(
			host,
			launch({
				stubNativeAddons: true,
				files: [
					{ path: '~/.fake-app/token.json', content: token },
					{ path: './keys/oauth.json', content: keys },
				],
			}),
		);
		try {
			const listing = await listTools(run.target, { connectTimeoutMs: 30_000, totalTimeoutMs: 45_000 });
			const seen = JSON.parse(String(listing.tools[0]!['description'])) as Record<string, unknown>;
			expect(seen).toMatchObject({ home: token, homeWritable: true, work: keys, workWritable: true, cwd: INSIDE.work });
		} finally {
			await run.cleanup();
		}
	}, 60_000);

	it('finds the work files in its working folder, writable, and a stub for its unbuilt addon', async () => {
		const run = await sandboxedServer(host, launch({ workFiles: [join(FIXTURE, 'conf')], stubNativeAddons: true }));
		try {
			const listing = await listTools(run.target, { connectTimeoutMs: 30_000, totalTimeoutMs: 45_000 });
			const seen = JSON.parse(String(listing.tools[0]!['description'])) as Record<string, unknown>;
			expect(seen).toEqual({
				addon: 'function',
				call: 'toolrisk scan: native addon ./build/Release/missing.node was not built (install scripts are disabled)',
				config: { fixture: 'settings' },
				writable: true,
				cwd: INSIDE.work,
			});
		} finally {
			await run.cleanup();
		}
		// The server wrote to its copy, never to the fixture.
		expect(JSON.parse(readFileSync(join(FIXTURE, 'conf', 'settings.json'), 'utf8'))).toEqual({ fixture: 'settings' });
	}, 60_000);

	it('without the stub, the unbuilt addon ends the server at start-up', async () => {
		const run = await sandboxedServer(host, launch({ workFiles: [join(FIXTURE, 'conf')] }));
		try {
			const error = await listTools(run.target, { connectTimeoutMs: 30_000, totalTimeoutMs: 45_000 }).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(ScanError);
			expect((error as ScanError).kind).toBe('crashed');
			expect((error as ScanError).message).toMatch(/cannot load the addon: MODULE_NOT_FOUND/);
		} finally {
			await run.cleanup();
		}
	}, 60_000);
});
