/** What scan and classify make of their options (src/ingest/server-options.ts, src/ingest/scan-plan.ts), without starting a server. */
import { describe, expect, it } from 'vitest';
import {
	capabilityNote,
	checkSlug,
	commandPlan,
	describeChanges,
	listenOption,
	previousOption,
	urlPlan,
	workFileNote,
} from '../../src/ingest/scan-plan.ts';
import type { Sandbox } from '../../src/ingest/scan.ts';
import {
	parseClientCapabilities,
	parseEnv,
	parseHeaders,
	pickDefined,
	serverArgs,
	type ArgToken,
} from '../../src/ingest/server-options.ts';
import { UsageError } from '../../src/lib/content/errors.ts';
import type { HistoryEntry } from '../../src/lib/content/server.ts';

const opt = (name: string, value?: string): ArgToken => ({ kind: 'option', name, value });
const pos = (value: string): ArgToken => ({ kind: 'positional', value });
const END: ArgToken = { kind: 'option-terminator' };

describe('server options', () => {
	it('keeps server arguments in the order given, --arg, --temp-dir-arg and after --, and returns positionals before --', () => {
		expect(
			serverArgs([
				opt('arg', 'a'),
				pos('file.json'),
				opt('json'),
				opt('temp-dir-arg', '/allowed'),
				opt('env', 'X=1'),
				END,
				pos('--stdio'),
				pos('b'),
			]),
		).toEqual({
			args: [
				{ kind: 'literal', value: 'a' },
				{ kind: 'temp-dir', placeholder: '/allowed' },
				{ kind: 'literal', value: '--stdio' },
				{ kind: 'literal', value: 'b' },
			],
			before: ['file.json'],
		});
	});

	const scanEnv = { valueWord: 'placeholder', reservedBy: 'by the scanner' };
	it('reads --env as required secrets unless marked otherwise', () => {
		expect(parseEnv(['A_KEY=x', 'B=y=z', 'C='], { ...scanEnv, optional: ['B'], notSecret: ['B', 'C'] })).toEqual([
			{ name: 'A_KEY', value: 'x', required: true, secret: true },
			{ name: 'B', value: 'y=z', required: false, secret: false },
			{ name: 'C', value: '', required: true, secret: false },
		]);
	});

	it.each([
		[['nope'], {}, '--env "nope": expected NAME=placeholder'],
		[['PATH=/x'], {}, '--env PATH: set by the scanner'],
		[['A=1', 'A=2'], {}, '--env A given twice'],
		[['A=1'], { optional: ['B'] }, '--optional/--not-secret B: no --env B=... given'],
	])('refuses --env %j %j', (entries, extra, message) => {
		expect(() => parseEnv(entries, { ...scanEnv, ...extra })).toThrow(new UsageError(message));
	});

	it('words its messages for the command', () => {
		expect(() => parseEnv(['HOME=/h'], { valueWord: 'value', reservedBy: 'for the server by classify' })).toThrow(
			'--env HOME: set for the server by classify',
		);
		expect(() => parseEnv(['x'], { valueWord: 'value', reservedBy: '' })).toThrow('expected NAME=value');
	});

	it('reads headers and client capabilities', () => {
		expect(parseHeaders(['Authorization: Bearer x', 'X-Empty:'])).toEqual({ Authorization: 'Bearer x', 'X-Empty': '' });
		expect(() => parseHeaders(['no colon'])).toThrow('--header "no colon": expected "Name: value"');
		expect(parseClientCapabilities(undefined)).toBeUndefined();
		expect(parseClientCapabilities('{"sampling":{}}')).toEqual({ sampling: {} });
		for (const bad of ['[]', 'null', '{', '"x"'])
			expect(() => parseClientCapabilities(bad)).toThrow('--client-capabilities: expected a JSON object');
		expect(capabilityNote(undefined)).toBeUndefined();
		expect(capabilityNote({ roots: {} })).toBe(
			'Scanned as a client declaring the capabilities {"roots":{}} (requests the server sent were not served).',
		);
		expect(pickDefined({ a: 1, b: undefined })).toEqual({ a: 1 });
	});
});

describe('scan plans', () => {
	it('checks slugs', () => {
		expect(() => checkSlug(undefined)).not.toThrow();
		expect(() => checkSlug('a-b2')).not.toThrow();
		expect(() => checkSlug('A_b')).toThrow('--slug "A_b": expected lower-case letters, digits and single hyphens');
	});

	it('plans a URL scan with a slug from the address and only the header names in the notes', () => {
		const plan = urlPlan('https://mcp.example.com/v1/mcp', ['Authorization: Bearer secret'], { note: 'extra', auth: 'oauth' });
		expect(plan).toMatchObject({
			target: { kind: 'http', url: 'https://mcp.example.com/v1/mcp', headers: { Authorization: 'Bearer secret' } },
			slug: 'mcp-example-com-v1-mcp',
			distribution: { kind: 'remote', url: 'https://mcp.example.com/v1/mcp', transport: 'streamable-http', auth: 'oauth' },
			notes: 'Scanned with request headers Authorization (values not recorded). extra',
		});
		expect(JSON.stringify({ ...plan, target: undefined })).not.toContain('secret');
		expect(() => urlPlan('file:///etc/passwd', [], {})).toThrow('--url "file:///etc/passwd": expected an http(s) URL');
	});

	const sandbox: Sandbox = {
		args: ['/tmp/run/dir-1'],
		storedArgs: ['/path/to/dir'],
		env: { PATH: '/bin' },
		cwd: '/tmp/run/work',
		root: '/tmp/run',
		cleanup: async () => {},
	};
	const plan = (dist: string | undefined, command = './server.js', slug: string | null = 's') =>
		commandPlan(command, sandbox, [{ kind: 'temp-dir', placeholder: '/path/to/dir' }], [], { dist, slug: slug ?? undefined }, '/home/me');

	it.each([
		[
			'npm:@a/b@1.2.3',
			{ kind: 'npm', package: '@a/b', version: '1.2.3', args: ['/path/to/dir'] },
			{ title: 'npm package @a/b@1.2.3', url: 'https://www.npmjs.com/package/@a/b/v/1.2.3' },
		],
		[
			'pypi:mcp-x@0.4',
			{ kind: 'pypi', package: 'mcp-x', version: '0.4' },
			{ title: 'PyPI package mcp-x 0.4', url: 'https://pypi.org/project/mcp-x/0.4/' },
		],
		['pypi:mcp-x', { kind: 'pypi', package: 'mcp-x' }, { title: 'PyPI package mcp-x', url: 'https://pypi.org/project/mcp-x/' }],
		['oci:ghcr.io/a/b:1', { kind: 'oci', image: 'ghcr.io/a/b:1' }, { title: 'OCI image ghcr.io/a/b:1', ref: 'ghcr.io/a/b:1' }],
	])('plans a command recorded as %s', (dist, distribution, source) => {
		const p = plan(dist);
		expect(p.distribution).toMatchObject(distribution);
		expect(p.sources).toEqual([source]);
		expect(p.target).toMatchObject({ kind: 'stdio', command: '/home/me/server.js', args: ['/tmp/run/dir-1'], cwd: '/tmp/run/work' });
		expect(p.targetLabel).toBe('./server.js /path/to/dir');
		expect(p.notes).toContain('a fresh empty directory in place of "/path/to/dir"');
	});

	it.each([
		[undefined, 's', '--command needs --dist'],
		['npm:a@1', null, '--command needs --slug'],
		['npm:a', 's', '--dist npm: give an exact version'],
		['pypi:bad name', 's', '--dist "pypi:bad name": expected npm:<pkg>@<version>'],
		['oci:', 's', 'expected npm:<pkg>@<version>, pypi:<pkg>[@<version>] or oci:<image>'],
		['deb:x', 's', 'expected npm:<pkg>@<version>'],
	])('refuses --dist %s with --slug %s', (dist, slug, message) => {
		expect(() => plan(dist, 'server', slug)).toThrow(message);
	});

	it('keeps a command on PATH as it is', () => {
		expect(plan('npm:a@1', 'node').target).toMatchObject({ command: 'node' });
	});

	it('reads --previous and --fresh', () => {
		expect(previousOption({}, '/w')).toEqual({});
		expect(previousOption({ fresh: true }, '/w')).toEqual({ previous: false });
		expect(previousOption({ previous: 'old.json' }, '/w')).toEqual({ previous: '/w/old.json' });
		expect(() => previousOption({ previous: 'x', fresh: true }, '/w')).toThrow('give --previous or --fresh, not both');
	});

	it('counts the changes a re-scan recorded', () => {
		const change = (kind: string) => ({ change: kind }) as HistoryEntry['changes'][number];
		expect(describeChanges({ changes: [change('changed'), change('added'), change('changed')] } as HistoryEntry)).toBe(
			'2 changed, 1 added',
		);
	});
});

describe('--listen and --work-file', () => {
	it.each([
		[undefined, undefined],
		['6006', { port: 6006, path: '/mcp' }],
		['6006/mcp', { port: 6006, path: '/mcp' }],
		['8080/api/v1/mcp', { port: 8080, path: '/api/v1/mcp' }],
	] as const)('--listen %s -> %j', (value, expected) => {
		expect(listenOption(value)).toEqual(expected);
	});

	it.each(['0', '70000', 'localhost:6006', '6006mcp', '/mcp', ''])('refuses --listen %j', (value) => {
		expect(() => listenOption(value)).toThrow(UsageError);
	});

	it('names the work files, not their folders, in the note', () => {
		expect(workFileNote([])).toBeUndefined();
		expect(workFileNote(['/x/fixtures/panda.config.mjs'])).toBe('The working folder held panda.config.mjs (fixture given to the scan).');
		expect(workFileNote(['/a/cclsp.json', '/b/oauth'])).toBe('The working folder held cclsp.json, oauth (fixtures given to the scan).');
	});
});
