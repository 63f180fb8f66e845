/**
 * The batch's automatic recoveries (src/ingest/batch/recover.ts, sandbox/native-stubs.ts, the install retry in
 * run.ts): each rule against the failures it must recover and the ones it must leave alone, then the
 * pipeline over fake packages that only start after a recovery, unsandboxed (the sandboxed pipeline is
 * tested in sandbox-hostile.test.ts; the sandbox's file writing in sandbox.test.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSecretLike } from '../../src/ingest/batch/env.ts';
import { installFailureCause, isInstallTimeout, outcomeOfError } from '../../src/ingest/batch/outcome.ts';
import { NATIVE_PRELOAD, nativeStubFiles } from '../../src/ingest/sandbox/native-stubs.ts';
import {
	dummyCredentialFiles,
	FIRST_ATTEMPT,
	looksLikeHelp,
	MAX_ATTEMPTS,
	missingEnvNames,
	missingFlags,
	missingNativeModules,
	namedMissingFiles,
	nextRecovery,
	placeholderFor,
	QUIET_ENV,
	SUBCOMMANDS,
	type Failure,
	type RecoveryContext,
	type StartVariant,
} from '../../src/ingest/batch/recover.ts';
import { findFallbackNode, longInstallTimeout, runBatch, type BatchOptions } from '../../src/ingest/batch/run.ts';
import { parseServerList } from '../../src/ingest/batch/server-list.ts';
import { parseServerFile } from '../../src/lib/content/server-file.ts';
import { scanReportSchema, type ScanRecord } from '../../src/lib/content/scan-report.ts';
import { ScanError } from '../../src/ingest/mcp-list.ts';
import { SANDBOX_SERVICE_URLS } from '../../src/ingest/sandbox/services.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FAKES = join(ROOT, 'tests', 'fixtures', 'fake-servers');

const CONTEXT: RecoveryContext = {
	node: 'v24.1.0',
	fallbackNode: 'v20.20.2',
	packageName: 'some-server',
	envNames: ['DOCUMENTED_API_KEY'],
	args: [],
	canStub: true,
	home: '/tmp/home',
	cwd: '/tmp/work',
};

const crashed = (stderr: string, code = 1): Failure => ({
	kind: 'crashed',
	phase: 'connect',
	message: `node /opt/package/x.js: the server exited with code ${code} before the listing was complete\nLast lines the server wrote to stderr:\n  | ${stderr.split('\n').join('\n  | ')}`,
});
const stdoutLine = (line: string): Failure => ({
	kind: 'protocol',
	phase: 'connect',
	message: `x: the server wrote something that is not JSON to stdout (line 1: ${JSON.stringify(line)}); stdout is reserved for JSON-RPC messages, logs belong on stderr`,
});

const jsonLine = (line: string): Failure => ({
	kind: 'protocol',
	phase: 'connect',
	message: `x: the server wrote JSON to stdout that is not a JSON-RPC 2.0 message (line 1: ${JSON.stringify(line)})`,
});
const afterQuiet: StartVariant = { ...FIRST_ATTEMPT, env: { ...QUIET_ENV, WIDGET_TOKEN: 'x' }, applied: ['quiet', 'env:WIDGET_TOKEN'] };

/** Which rule fired: the last applied id, or "none". */
function rule(failure: Failure, current: StartVariant = FIRST_ATTEMPT, context: RecoveryContext = CONTEXT): string {
	const next = nextRecovery(failure, current, context);
	return next ? (next.variant.applied.at(-1) as string) : 'none';
}

describe('nextRecovery: one rule per kind of failure', () => {
	it.each([
		['a Node-version crash', crashed('TypeError: Cannot set property navigator of #<Object> which has only a getter'), 'node'],
		['a removed import assertion', crashed("SyntaxError: Unexpected identifier 'assert'"), 'node'],
		[
			'a native binding never built',
			crashed(
				'Error: Could not locate the bindings file. Tried:\n → /opt/package/node_modules/better-sqlite3/build/Release/better_sqlite3.node\n    at bindings (/opt/package/node_modules/bindings/bindings.js:126:9)',
			),
			'stub:better-sqlite3',
		],
		['a variable named on stderr', crashed('Error: FOO_API_TOKEN is required'), 'env:FOO_API_TOKEN'],
		[
			'zod-style variables',
			crashed('❌ Environment validation failed:\n  - TWILIO_ACCOUNT_SID: Required\n  - TWILIO_PHONE_NUMBER: Required'),
			'env:TWILIO_PHONE_NUMBER',
		],
		['a flag named on stderr', crashed('Error: Missing required argument --access-token'), 'flag:--access-token'],
		["commander's required option", crashed("error: required option '-i, --input <file_or_url>' not specified"), 'flag:--input'],
		[
			'a missing OAuth file',
			crashed('Error: OAuth keys file not found. Please place gcp-oauth.keys.json in current directory or /tmp/home/.gmail-mcp/'),
			'credential-files',
		],
		['a kubeconfig', crashed('Error: unable to load kubeconfig: ENOENT'), 'credential-files'],
		['usage text on stdout', stdoutLine('Usage: tool <command> [options]'), 'sub:stdio'],
		['a clean exit without MCP', crashed('', 0), 'sub:stdio'],
		['an unknown command', crashed("error: unknown command 'stdio'"), 'sub:stdio'],
		['a telemetry banner', stdoutLine('OpenTelemetry: tracing enabled'), 'quiet'],
		['a JSON log line on stdout', jsonLine('{"level":"info","msg":"started"}'), 'skip-stdout'],
		['an HTTP server announced', stdoutLine('MCP server listening on http://localhost:3001/mcp'), 'flag:--stdio'],
		['a plain crash', crashed('TypeError: x is not a function'), 'none'],
		['a documented variable refused', crashed('Error: DOCUMENTED_API_KEY is invalid (401)'), 'none'],
		['a timeout with nothing said', { kind: 'timeout', phase: 'connect', message: 'no answer within 30 s' } as Failure, 'none'],
		['too many tools', { kind: 'too-large', phase: 'list', message: 'more than 1000 tools' } as Failure, 'none'],
		['an install failure', { kind: 'install', message: 'npm install failed (killed by SIGKILL)' } as Failure, 'none'],
	])('%s -> %s', (_name, failure, expected) => {
		expect(rule(failure)).toBe(expected);
	});

	it('tries the subcommands in order, then --stdio, then gives up', () => {
		let variant = FIRST_ATTEMPT;
		const seen: string[] = [];
		const help = stdoutLine('Usage: tool <command>');
		for (;;) {
			const next = nextRecovery(help, variant, { ...CONTEXT, args: [] });
			if (!next) break;
			seen.push(next.variant.applied.at(-1) as string);
			variant = next.variant;
		}
		expect(seen).toEqual([...SUBCOMMANDS.map((s) => `sub:${s}`), 'flag:--stdio']);
		expect(variant.lead).toEqual([]);
		expect(variant.tail).toEqual([{ value: '--stdio' }]);
		expect(variant.steps[0]).toMatch(/subcommand "stdio" \(it printed help or usage text\)/);
	});

	it('keeps the subcommand that got past the help text when the next failure is another one', () => {
		const afterSub = nextRecovery(stdoutLine('Usage: tool <command>'), FIRST_ATTEMPT, CONTEXT)!.variant;
		const next = nextRecovery(crashed('Error: WIDGET_TOKEN is not set'), afterSub, CONTEXT)!;
		expect(next.variant.lead).toEqual(['stdio']);
		expect(next.variant.env).toEqual({ WIDGET_TOKEN: 'toolrisk-placeholder-not-a-real-credential' });
		expect(next.variant.steps).toHaveLength(2);
	});

	it('applies each rule once: the same failure after a retry ends the retries', () => {
		for (const failure of [
			crashed('TypeError: Cannot set property navigator of #<Object> which has only a getter'),
			crashed('Error: FOO_API_TOKEN is required'),
			crashed('Error: Missing required argument --access-token'),
			crashed('Error: OAuth keys file not found: credentials.json'),
			jsonLine('{"type":"info"}'),
			crashed("Cannot find module '/opt/package/node_modules/keytar/build/Release/keytar.node'"),
		]) {
			const once = nextRecovery(failure, FIRST_ATTEMPT, CONTEXT);
			expect(once, failure.message).toBeDefined();
			expect(nextRecovery(failure, once!.variant, CONTEXT), failure.message).toBeUndefined();
		}
		// A banner: the quiet variables once, then skipping once, then nothing.
		const banner = stdoutLine('OpenTelemetry: tracing enabled');
		const quiet = nextRecovery(banner, FIRST_ATTEMPT, CONTEXT)!;
		const skip = nextRecovery(banner, quiet.variant, CONTEXT)!;
		expect(skip.variant.applied).toEqual(['quiet', 'skip-stdout']);
		expect(nextRecovery(banner, skip.variant, CONTEXT)).toBeUndefined();
	});

	it('does not retry on the fallback Node when there is none, nor stub a folder it does not own', () => {
		expect(
			rule(crashed('Cannot set property navigator of #<Object> which has only a getter'), FIRST_ATTEMPT, {
				...CONTEXT,
				fallbackNode: undefined,
			}),
		).toBe('none');
		const native = crashed(
			"Error: Cannot find module '../build/Release/keytar.node'\nRequire stack:\n- /opt/package/node_modules/keytar/lib/keytar.js",
		);
		expect(rule(native)).toBe('stub:keytar');
		expect(rule(native, FIRST_ATTEMPT, { ...CONTEXT, canStub: false })).toBe('none');
	});

	it('stops after MAX_ATTEMPTS starts', () => {
		const busy: StartVariant = { ...FIRST_ATTEMPT, applied: Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => `x${i}`) };
		expect(nextRecovery(crashed('Error: FOO_API_TOKEN is required'), busy, CONTEXT)).toBeUndefined();
	});

	it('records flag placeholders as <name>, never the value given', () => {
		const next = nextRecovery(crashed('Error: Missing required argument --access-token'), FIRST_ATTEMPT, CONTEXT)!;
		expect(next.variant.tail).toEqual([
			{ value: '--access-token' },
			{ value: 'toolrisk-placeholder-not-a-real-credential', stored: '<access-token>' },
		]);
	});

	it('for an HTTP server: --stdio, then the stdio subcommand, then the quiet variables', () => {
		const http = stdoutLine('MCP server listening on http://localhost:3001/mcp');
		const first = nextRecovery(http, FIRST_ATTEMPT, CONTEXT)!;
		const second = nextRecovery(http, first.variant, CONTEXT)!;
		expect(second.variant.applied).toEqual(['flag:--stdio', 'sub:stdio']);
		expect(nextRecovery(http, second.variant, CONTEXT)!.variant.applied.at(-1)).toBe('quiet');
	});

	it.each([
		['a banner the quiet variables did not silence', stdoutLine('Widget MCP server running on stdio'), afterQuiet, 'skip-stdout'],
		['a JSON log line after the quiet variables', jsonLine('{"type":"info"}'), afterQuiet, 'skip-stdout'],
		[
			'a banner after skipping already',
			stdoutLine('x'),
			{ ...afterQuiet, skipNonJsonStdout: true, applied: ['quiet', 'skip-stdout'] },
			'none',
		],
		['a crash after skipping', crashed('TypeError: x is not a function'), { ...FIRST_ATTEMPT, skipNonJsonStdout: true }, 'none'],
	])('then: %s -> %s', (_name, failure, current, expected) => {
		expect(rule(failure, current as StartVariant)).toBe(expected);
	});

	it('skips non-JSON-RPC lines with the quiet variables dropped again, and says so', () => {
		const next = nextRecovery(stdoutLine('Widget MCP server running on stdio'), afterQuiet, CONTEXT)!;
		expect(next.variant.skipNonJsonStdout).toBe(true);
		expect(next.variant.env).toEqual({ WIDGET_TOKEN: 'x' });
		expect(next.step).toMatch(
			/as the MCP SDK's stdio client does, skipping the lines that are not JSON-RPC messages \(without the quiet variables/,
		);
		const direct = nextRecovery(jsonLine('{"type":"info"}'), FIRST_ATTEMPT, CONTEXT)!;
		expect(direct.variant.env).toEqual({});
		expect(direct.step).not.toMatch(/quiet/);
	});

	it('sets the quiet variables for a banner', () => {
		expect(nextRecovery(stdoutLine('📁 Working directory: /tmp/work'), FIRST_ATTEMPT, CONTEXT)!.variant.env).toEqual(QUIET_ENV);
	});
});

describe('what stderr says is missing', () => {
	it.each([
		['Error: FOO_API_KEY is required', ['FOO_API_KEY']],
		['Error: SHOPIFY_DOMAIN is required.\nPlease provide it via command line argument or .env file.', ['SHOPIFY_DOMAIN']],
		['  Error: DISCORD_GUILD_ID is not set.', ['DISCORD_GUILD_ID']],
		['Missing required environment variables: A_TOKEN, B_URL and C_SECRET', ['A_TOKEN', 'B_URL', 'C_SECRET']],
		['Please set the GITLAB_PERSONAL_TOKEN environment variable', ['GITLAB_PERSONAL_TOKEN']],
		['github.GITHUB_OWNER: Invalid input: expected string, received undefined', ['GITHUB_OWNER']],
		['Fatal error: Missing required configuration: --jenkins-user or JENKINS_USER', ['JENKINS_USER']],
		['Error [ERR_MODULE_NOT_FOUND]: Cannot find package', []],
		['TypeError: fetch failed ENOTFOUND', []],
		['code: MODULE_NOT_FOUND is required', []],
	])('missingEnvNames(%j)', (text, names) => {
		expect(missingEnvNames(text)).toEqual(names);
	});

	it.each([
		['Error: Missing required argument --access-token', ['--access-token']],
		["error: required option '-i, --input <file_or_url>' not specified", ['--input']],
		['Please provide a base URL with the --apiUrl flag', ['--apiUrl']],
		['Error: Missing required parameter. Provide --endpoint or GITHUB_ENTERPRISE_ENDPOINT.', ['--endpoint']],
		['Error: OpenAPI spec is required. Use one of: --openapi-spec, --spec-from-stdin, or --spec-inline', ['--openapi-spec']],
		['Run with --help for usage; --verbose for more', []],
		['Listening with --port 3000', []],
	])('missingFlags(%j)', (text, flags) => {
		expect(missingFlags(text)).toEqual(flags);
	});

	it.each([
		[
			"Error: Cannot find module '../build/Release/keytar.node'\nRequire stack:\n- /opt/package/node_modules/keytar/lib/keytar.js",
			['keytar'],
		],
		[
			"Error: Failed to load native module: pty.node, checked: build/Release, build/Debug, prebuilds/linux-x64: Error: Cannot find module './prebuilds/linux-x64//pty.node'\nRequire stack:\n- /opt/package/node_modules/node-pty/lib/utils.js",
			['node-pty'],
		],
		["'/opt/package/node_modules/sqlite3/build/Release/node_sqlite3.node',\nError: Could not locate the bindings file.", ['sqlite3']],
		["Error: Cannot find module 'jsdom'\nRequire stack:\n- /opt/package/node_modules/x/index.js", []],
		[
			"  |     '/opt/package/node_modules/better-sqlite3/build/Release/better_sqlite3.node',\n  |     '/opt/package/node_modules/better-sqlite3/lib/binding/node-v137-linux-x64/better_sqlite3.node'\n  |   ]\n  | }",
			['better-sqlite3'],
		],
		['a line about main.node.js in node_modules/x/ without a binding', []],
	])('missingNativeModules(%j)', (text, names) => {
		expect(missingNativeModules(text)).toEqual(names);
	});

	it.each([
		['Please place gcp-oauth.keys.json in /tmp/home/.gmail-mcp/gcp-oauth.keys.json', ['~/.gmail-mcp/gcp-oauth.keys.json']],
		['cannot read /tmp/work/config/token.json', ['./config/token.json']],
		['cannot read ~/.app/creds.yaml', ['~/.app/creds.yaml']],
		['cannot read /etc/app/creds.json or /tmp/home/../../etc/x.json', []],
	])('namedMissingFiles(%j)', (text, files) => {
		expect(namedMissingFiles(text, '/tmp/home', '/tmp/work')).toEqual(files);
	});

	it.each([
		[stdoutLine('Usage: x [options]'), true],
		[crashed("error: unknown command 'serve'"), true],
		[crashed('', 0), true],
		[crashed('Error: the native module "sqlite3" was not built\n    at new Db (/opt/package/x.js:1:1)', 0), false],
		[stdoutLine('{"level":"info"}x'), false],
		[crashed('TypeError: boom'), false],
		[{ kind: 'timeout', phase: 'connect', message: 'Usage: x' } as Failure, false],
	])('looksLikeHelp(%j) = %s', (failure, help) => {
		expect(looksLikeHelp(failure)).toBe(help);
	});
});

describe('placeholders that do not break start-up', () => {
	it.each([
		['SERVICE_URL', 'https://placeholder.example.com'],
		['--apiUrl', 'https://placeholder.example.com'],
		['JIRA_BASE_URL', 'https://placeholder.example.com'],
		['DATABASE_URL', 'postgresql://placeholder:placeholder@127.0.0.1:5432/placeholder'],
		['MONGODB_URI', 'mongodb://127.0.0.1:27017/placeholder'],
		['MYSQL_URL', 'mysql://placeholder:placeholder@127.0.0.1:3306/placeholder'],
		['REDIS_URL', 'redis://127.0.0.1:6379'],
		['JIRA_EMAIL', 'placeholder@example.com'],
		['--kubeconfig', './placeholder.json'],
		['NOTES_DIR', '.'],
		['SHOPIFY_DOMAIN', 'placeholder.example.com'],
		['DISCORD_GUILD_ID', '1234567890'],
		['AWS_REGION', 'us-east-1'],
		['TWILIO_PHONE_NUMBER', '+15550100000'],
		['GITHUB_OWNER', 'placeholder'],
		['GOOGLE_CLIENT_ID', 'placeholder'],
		['--access-token', 'toolrisk-placeholder-not-a-real-credential'],
		['STRIPE_SECRET_KEY', 'toolrisk-placeholder-not-a-real-credential'],
	])('placeholderFor(%s) = %s', (name, value) => {
		expect(placeholderFor(name)).toBe(value);
	});

	it('uses the loopback services when they run', () => {
		expect(placeholderFor('DATABASE_URL', { postgres: 'postgresql://postgres@127.0.0.1:5432/postgres' })).toBe(
			'postgresql://postgres@127.0.0.1:5432/postgres',
		);
		expect(placeholderFor('REDIS_URL', { redis: 'redis://127.0.0.1:6379/1' })).toBe('redis://127.0.0.1:6379/1');
	});

	it.each([
		['MYSQL_HOST', '127.0.0.1'],
		['MYSQL_PORT', '3306'],
		['MYSQL_USER', 'toolrisk'],
		['MYSQL_PASSWORD', 'toolrisk-placeholder'],
		['MYSQL_DATABASE', 'toolrisk'],
		['MYSQL_URL', 'mysql://toolrisk:toolrisk-placeholder@127.0.0.1:3306/toolrisk'],
		['PGUSER', 'postgres'],
	])('with loopback MariaDB and PostgreSQL running, placeholderFor(%s) = %s', (name, value) => {
		expect(placeholderFor(name, { mysql: SANDBOX_SERVICE_URLS.mysql, postgres: SANDBOX_SERVICE_URLS.postgres })).toBe(value);
	});

	it('every URL placeholder parses as a URL', () => {
		for (const name of ['SERVICE_URL', 'DATABASE_URL', 'MONGODB_URI', 'MYSQL_URL', 'REDIS_URL'])
			expect(() => new URL(placeholderFor(name))).not.toThrow();
	});

	it('dummy credential files are well-formed and hold no real-looking secret', () => {
		const files = dummyCredentialFiles();
		expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(['./gcp-oauth.keys.json', '~/.kube/config', '~/.aws/credentials']));
		for (const f of files.filter((x) => x.path.endsWith('.json'))) expect(() => JSON.parse(f.content), f.path).not.toThrow();
		for (const f of files) expect(f.path).toMatch(/^(?:~|\.)\/[\w./-]+$/);
		expect(files.find((f) => f.path === '~/.aws/credentials')!.content).toMatch(/AKIAIOSFODNN7EXAMPLE/);
	});
});

describe('which asked-for variables are secrets', () => {
	it.each([
		['JIRA_API_TOKEN', true],
		['STRIPE_SECRET_KEY', true],
		['DB_PASSWORD', true],
		['GOOGLE_APPLICATION_CREDENTIALS', true],
		['JIRA_EMAIL', false],
		['JIRA_HOST', false],
		['SHOPIFY_DOMAIN', false],
		['DISCORD_GUILD_ID', false],
		['KEYBOARD_LAYOUT', false],
	])('isSecretLike(%s) = %s', (name, secret) => {
		expect(isSecretLike(name)).toBe(secret);
	});
});

describe('install failures', () => {
	it.each([
		['npm install --prefix failed (killed by SIGKILL):\n(no output)', /time limit/, true],
		[
			'npm install --prefix failed (exit code 1):\nnpm error code E404\nnpm error 404 Not Found - GET https://registry.npmjs.org/x',
			/not published/,
			false,
		],
		[
			'npm install --prefix failed (exit code 1):\nnpm error code ETARGET\nnpm error notarget No matching version found for x@^1.0.0.',
			/version the registry does not have/,
			false,
		],
		['npm install --prefix failed (exit code 1):\nnpm error code EBADPLATFORM', /another operating system/, false],
		[
			'npm install --prefix failed (exit code 1):\nnpm error network request to https://github.com/x.tar.gz failed, reason: getaddrinfo ENOTFOUND github.com',
			/outside the npm registry/,
			false,
		],
		['npm view x@latest failed (killed by SIGKILL)', /time limit/, false],
	])('installFailureCause(%j)', (message, cause, retry) => {
		expect(installFailureCause(message)).toMatch(cause);
		expect(isInstallTimeout(message)).toBe(retry);
	});

	it.each([
		[180_000, 600_000],
		[300_000, 900_000],
		[10_000, 600_000],
	])('longInstallTimeout(%d) = %d', (limit, longer) => {
		expect(longInstallTimeout(limit)).toBe(longer);
	});

	it('names the cause in the outcome reason of an install failure', () => {
		expect(outcomeOfError(new ScanError('install', 'npm install failed (killed by SIGKILL)'), []).outcome).toBe('install-failed');
	});
});

/** Writes the preload and its modules for `packages` into a fresh folder; returns the preload's path. */
async function preloadFor(root: string, packages: string[], generic = false): Promise<string> {
	const dir = await mkdtemp(join(root, 'preload-'));
	for (const f of nativeStubFiles(packages, generic)) {
		await mkdir(dirname(join(dir, f.path)), { recursive: true });
		await writeFile(join(dir, f.path), f.content);
	}
	return join(dir, NATIVE_PRELOAD);
}

describe('native-module stubs (the preload of sandbox/native-stubs.ts)', () => {
	let dir: string;
	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'toolrisk-stub-test-'));
		const pkg = join(dir, 'node_modules', '@fake', 'keychain');
		await mkdir(pkg, { recursive: true });
		await writeFile(join(pkg, 'package.json'), JSON.stringify({ name: '@fake/keychain', version: '7.9.0', main: 'index.js' }));
		await writeFile(join(pkg, 'index.js'), "module.exports = require('./build/Release/keychain.node');\n");
		const plain = join(dir, 'node_modules', 'plain-js');
		await mkdir(plain, { recursive: true });
		await writeFile(join(plain, 'package.json'), JSON.stringify({ name: 'plain-js', version: '1.0.0', main: 'index.js' }));
		await writeFile(join(plain, 'index.js'), "module.exports = 'the real plain-js';\n");
	});
	afterAll(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	const probe = (preload: string[], esm = false): string =>
		execFileSync(
			process.execPath,
			[
				...preload,
				...(esm ? ['--input-type=module'] : []),
				'-e',
				esm
					? `let m; try { m = (await import('@fake/keychain')).default; } catch (e) { console.log('load failed'); process.exit(0); }
					   try { m.getPassword('s', 'a'); } catch (e) { console.log('call:', e.message); }
					   console.log((await import('plain-js')).default);`
					: `let m; try { m = require('@fake/keychain'); } catch (e) { console.log('load failed'); process.exit(0); }
					   console.log('loaded', typeof m.getPassword, m.then === undefined);
					   try { m.getPassword('service', 'account'); } catch (e) { console.log('call:', e.message); }
					   try { new m.Keychain(); } catch (e) { console.log('new:', e.message); }
					   class X extends m.Base {} console.log('extends ok', typeof X);
					   console.log(require('plain-js'));`,
			],
			{ cwd: dir, encoding: 'utf8' },
		);

	it('replaces the named package for require: it loads, throws a clear error only when used; other packages are untouched', async () => {
		expect(probe([])).toBe('load failed\n');
		const out = probe(['--require', await preloadFor(dir, ['@fake/keychain', '../escape'])]);
		expect(out).toMatch(/^loaded function true$/m);
		expect(out).toMatch(/^call: the native module "@fake\/keychain" was not built \(install scripts are off in the scan\)/m);
		expect(out).toMatch(/^new: the native module "@fake\/keychain" was not built/m);
		expect(out).toMatch(/^extends ok function$/m);
		expect(out).toMatch(/^the real plain-js$/m);
	});

	it('replaces it for import too (module.registerHooks)', async () => {
		expect(probe([], true)).toBe('load failed\n');
		const out = probe(['--require', await preloadFor(dir, ['@fake/keychain'])], true);
		expect(out).toMatch(/^call: the native module "@fake\/keychain" was not built/m);
		expect(out).toMatch(/^the real plain-js$/m);
	});

	it("generic (the single scan's --stub-native): any missing .node file required becomes a stub", async () => {
		const out = probe(['--require', await preloadFor(dir, [], true)]);
		expect(out).toMatch(/^loaded function true$/m);
		expect(out).toMatch(/^call: toolrisk scan: native addon \.\/build\/Release\/keychain\.node was not built/m);
	});

	it('never writes a module for something that is not a package name', () => {
		expect(nativeStubFiles(['../escape', '/abs', 'ok-name', '@s/ok'], false).map((f) => f.path)).toEqual([
			NATIVE_PRELOAD,
			'native/0.cjs',
			'native/1.cjs',
		]);
	});
});

describe('SQLite stand-ins over node:sqlite', () => {
	let dir: string;
	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'toolrisk-sqlite-standin-test-'));
		for (const name of ['better-sqlite3', 'sqlite3']) {
			const pkg = join(dir, 'node_modules', name);
			await mkdir(pkg, { recursive: true });
			await writeFile(join(pkg, 'package.json'), JSON.stringify({ name, version: '5.1.7', main: 'index.js' }));
			await writeFile(join(pkg, 'index.js'), `module.exports = require('./build/Release/${name}.node');\n`);
		}
	});
	afterAll(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	const run = async (name: string, code: string): Promise<unknown> =>
		JSON.parse(execFileSync(process.execPath, ['--require', await preloadFor(dir, [name]), '-e', code], { cwd: dir, encoding: 'utf8' }));

	it('better-sqlite3: a real database file, statements, pluck, transactions, pragmas; unsupported parts throw when used', async () => {
		{
			const out = await run(
				'better-sqlite3',
				`
				const Database = require('better-sqlite3');
				const db = new Database('memo.db');
				db.pragma('journal_mode = WAL');
				db.exec('CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, body TEXT)');
				const insert = db.prepare('INSERT INTO notes (body) VALUES (?)');
				const first = insert.run('one');
				const many = db.transaction((bodies) => { for (const b of bodies) insert.run(b); return bodies.length; });
				const added = many(['two', 'three']);
				let rolledBack = false;
				try { db.transaction(() => { insert.run('four'); throw new Error('no'); })(); } catch { rolledBack = true; }
				let unsupported = '';
				try { db.loadExtension('x'); } catch (e) { unsupported = e.message; }
				const out = {
					first, added, rolledBack,
					row: db.prepare('SELECT body FROM notes WHERE id = ?').get(2),
					bodies: db.prepare('SELECT body FROM notes ORDER BY id').pluck().all(),
					named: db.prepare('SELECT id FROM notes WHERE body = @body').get({ body: 'three' }),
					count: db.pragma('table_info(notes)').length,
					simple: db.pragma('user_version', { simple: true }),
					reader: db.prepare('SELECT 1').reader,
					unsupported,
				};
				db.close();
				console.log(JSON.stringify(out, (k, v) => (typeof v === 'bigint' ? Number(v) : v)));`,
			);
			expect(out).toEqual({
				first: { changes: 1, lastInsertRowid: 1 },
				added: 2,
				rolledBack: true,
				row: { body: 'two' },
				bodies: ['one', 'two', 'three'],
				named: { id: 3 },
				count: 2,
				simple: 0,
				reader: true,
				unsupported: expect.stringMatching(/stand-in over node:sqlite .*loadExtension\(\) is not supported/),
			});
			expect(existsSync(join(dir, 'memo.db'))).toBe(true);
		}
	});

	it('sqlite3: callbacks in call order, this.lastID and this.changes, prepared statements, an open error to the callback', async () => {
		{
			const out = await run(
				'sqlite3',
				`
				const sqlite3 = require('sqlite3').verbose();
				const events = [];
				const db = new sqlite3.Database('cb.db', sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE, (e) => events.push('open ' + e));
				db.serialize(() => {
					db.run('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)');
					db.run('INSERT INTO t (name) VALUES (?)', ['a'], function (e) { events.push('insert ' + e + ' ' + this.lastID + ' ' + this.changes); });
					db.run('INSERT INTO t (name) VALUES ($name)', { $name: 'b' });
					const st = db.prepare('SELECT name FROM t WHERE id = ?');
					st.get(2, (e, row) => events.push('stmt ' + row.name));
					st.finalize();
					db.all('SELECT * FROM t ORDER BY id', (e, rows) => events.push('all ' + JSON.stringify(rows)));
					db.get('SELECT * FROM nope', (e) => events.push('error ' + /no such table/.test(e.message)));
					db.each('SELECT name FROM t', (e, row) => events.push('each ' + row.name), (e, n) => events.push('done ' + n));
					db.close((e) => {
						events.push('close ' + e);
						new sqlite3.Database('/no/such/dir/x.db', (err) => {
							events.push('bad open ' + Boolean(err));
							console.log(JSON.stringify(events));
						});
					});
				});`,
			);
			expect(out).toEqual([
				'open null',
				'insert null 1 1',
				'stmt b',
				'all [{"id":1,"name":"a"},{"id":2,"name":"b"}]',
				'error true',
				'each a',
				'each b',
				'done 2',
				'close null',
				'bad open true',
			]);
		}
	});

	it('the recovery step says which modules got a stand-in and which a stub', () => {
		const next = nextRecovery(
			crashed(
				"Error: Cannot find module '/opt/package/node_modules/sqlite3/lib/binding/napi-v6-linux-glibc-x64/node_sqlite3.node'\n" +
					"Error: Cannot find module '/opt/package/node_modules/keytar/build/Release/keytar.node'",
			),
			FIRST_ATTEMPT,
			CONTEXT,
		)!;
		expect(next.variant.stubs.sort()).toEqual(['keytar', 'sqlite3']);
		expect(next.step).toMatch(
			/by a stub that throws only when used, and sqlite3 by a stand-in over Node's built-in SQLite \(node:sqlite\)/,
		);
	});
});

/** Fake packages that start only after a recovery, through the whole pipeline (unsandboxed). */
const RECOVERABLE: { id: string; fixture: string; tools: string[]; step: RegExp; args?: string[]; env?: string[] }[] = [
	{ id: 'needs-subcommand', fixture: 'needs-subcommand.mjs', tools: ['sync_things'], step: /subcommand "mcp"/, args: ['mcp'] },
	{
		id: 'needs-env',
		fixture: 'needs-env.mjs',
		tools: ['list_widgets'],
		step: /FAKE_WIDGET_TOKEN, FAKE_WIDGET_URL/,
		env: ['FAKE_WIDGET_TOKEN', 'FAKE_WIDGET_URL'],
	},
	{
		id: 'needs-flag',
		fixture: 'needs-flag.mjs',
		tools: ['list_projects'],
		step: /flag --access-token/,
		args: ['--access-token', '<access-token>'],
	},
	{ id: 'needs-oauth-file', fixture: 'needs-oauth-file.mjs', tools: ['send_mail'], step: /dummy credential files/ },
	// Its server.mjs imports (ESM) a package whose native binding was never built; the preload replaces it.
	{
		id: 'needs-native',
		fixture: 'good.mjs',
		tools: ['read_note', 'write_note', 'delete_note'],
		step: /replaced the native module \(never built: install scripts are off\) fake-keychain by a stub that throws only when used/,
	},
	{ id: 'banner-unless-quiet', fixture: 'banner-unless-quiet.mjs', tools: ['traced'], step: /OTEL_SDK_DISABLED/ },
	{ id: 'noisy-stdout', fixture: 'noisy-stdout.mjs', tools: ['noisy'], step: /skipping the lines that are not JSON-RPC messages/ },
];

describe('runBatch recovers what a general retry can', () => {
	let work: string;
	let records: ScanRecord[];
	const fallback = findFallbackNode();

	const options = (outDir: string, extra: Partial<BatchOptions> = {}): BatchOptions => ({
		outDir,
		cacheDir: join(work, 'cache'),
		listDir: work,
		concurrency: 3,
		installTimeoutMs: 10_000,
		list: { connectTimeoutMs: 3_000, pageTimeoutMs: 3_000, totalTimeoutMs: 6_000, maxTools: 1000, maxBytes: 4_000_000 },
		rescan: true,
		keepInstalls: false,
		now: () => new Date('2026-12-01T12:00:00Z'),
		sandbox: { kind: 'none' },
		fallbackNode: fallback,
		...extra,
	});

	beforeAll(async () => {
		work = await mkdtemp(join(tmpdir(), 'toolrisk-recover-test-'));
		const ids = [
			...RECOVERABLE.map((r) => [r.id, r.fixture] as const),
			['node-version', 'node-version.mjs'] as const,
			['cli', 'not-mcp-cli.mjs'] as const,
		];
		for (const [id, fixture] of ids) {
			const dir = join(work, 'packages', id);
			await mkdir(dir, { recursive: true });
			await writeFile(
				join(dir, 'package.json'),
				JSON.stringify({ name: `fake-${id}`, version: '1.0.0', bin: { [`fake-${id}`]: 'server.mjs' } }),
			);
			await writeFile(join(dir, 'server.mjs'), `import ${JSON.stringify(join(FAKES, fixture))};\n`);
		}
		// needs-native: an installed dependency whose binding was never built, imported before the server starts.
		const keychain = join(work, 'packages', 'needs-native', 'node_modules', 'fake-keychain');
		await mkdir(keychain, { recursive: true });
		await writeFile(join(keychain, 'package.json'), JSON.stringify({ name: 'fake-keychain', version: '1.0.0', main: 'index.js' }));
		await writeFile(join(keychain, 'index.js'), "module.exports = require('./build/Release/keychain.node');\n");
		await writeFile(
			join(work, 'packages', 'needs-native', 'server.mjs'),
			`import keychain from 'fake-keychain';\nvoid keychain.getPassword;\nawait import(${JSON.stringify(join(FAKES, 'good.mjs'))});\n`,
		);
		await mkdir(join(work, 'servers'));
		const list = `package\n${ids.map(([id]) => `./packages/${id}`).join('\n')}\n`;
		records = await runBatch(parseServerList(list, join(work, 'servers.tsv')), options(join(work, 'servers')));
	}, 60_000);

	afterAll(async () => {
		await rm(work, { recursive: true, force: true });
	});

	it.each(RECOVERABLE.map((r) => [r.id, r] as const))(
		'%s: catalogued after one retry, which the report and the provenance say',
		async (id, r) => {
			const record = records.find((x) => x.package === `fake-${id}`)!;
			expect(record.outcome, record.reason).toBe('catalogued');
			expect(record.retries?.at(-1)).toMatch(r.step);
			expect(record.reason).toMatch(/\nAutomatic retries: /);
			const file = join(work, 'servers', `fake-${id}.json`);
			const server = parseServerFile(JSON.parse(await readFile(file, 'utf8')), file);
			expect(server.tools.map((t) => t.definition.name)).toEqual(r.tools);
			expect(server.provenance.notes).toMatch(/recovered this listing automatically/);
			const dist = server.distributions[0]!;
			if (r.args && 'args' in dist) expect(dist.args).toEqual(r.args);
			if (r.env && 'env' in dist)
				expect(dist.env?.map((e) => [e.name, e.required, e.secret])).toEqual(r.env.map((n) => [n, true, isSecretLike(n)]));
			expect(JSON.stringify(server)).not.toContain('toolrisk-placeholder-not-a-real-credential');
		},
	);

	it('a server that always writes a banner: the quiet variables, then skipping; the notes count the lines and no quiet variable is recorded', async () => {
		const record = records.find((x) => x.package === 'fake-noisy-stdout')!;
		expect(record.retries).toEqual([expect.stringMatching(/^set NO_COLOR/), expect.stringMatching(/^read its stdout as the MCP SDK/)]);
		const file = join(work, 'servers', 'fake-noisy-stdout.json');
		const server = parseServerFile(JSON.parse(await readFile(file, 'utf8')), file);
		expect(server.provenance.notes).toMatch(
			/wrote 3 lines that are not JSON-RPC to stdout[^.]*; the scan skipped them, as the MCP SDK's stdio client does\. A strict client would fail\./,
		);
		const dist = server.distributions[0]!;
		expect('env' in dist ? (dist.env ?? []).map((e) => e.name) : []).not.toContain('OTEL_SDK_DISABLED');
	});

	it('records each failed retry of a command-line tool that is not a server, and keeps its outcome', () => {
		const record = records.find((x) => x.package === 'fake-cli')!;
		expect(record.outcome).toBe('not-a-server');
		expect(record.retries).toHaveLength(SUBCOMMANDS.length + 1);
		expect(record.reason).toMatch(/Automatic retries: started it with the subcommand "stdio"/);
	});

	it.skipIf(fallback === undefined)('runs a server written for an older Node on the fallback Node, and records which', () => {
		const record = records.find((x) => x.package === 'fake-node-version')!;
		expect(record.outcome, record.reason).toBe('catalogued');
		expect(record.node).toBe(fallback!.version);
		expect(record.retries).toEqual([expect.stringMatching(/^ran on Node v\d+.*which has only a getter/)]);
	});

	it('writes records the report schema accepts', () => {
		for (const r of records) expect(scanReportSchema.shape.records.element.safeParse(r).success, r.package).toBe(true);
	});

	it('with recover: false, starts each package once', async () => {
		const out = join(work, 'no-recover');
		await mkdir(out);
		const [record] = await runBatch(
			parseServerList('package\n./packages/needs-env\n', join(work, 'servers.tsv')),
			options(out, { recover: false }),
		);
		expect(record!.outcome).not.toBe('catalogued');
		expect(record!.reason).toMatch(/missing required environment variables: FAKE_WIDGET_TOKEN, FAKE_WIDGET_URL/);
		expect(record!.retries).toBeUndefined();
	});
});
