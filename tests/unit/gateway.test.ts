import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
	HOME_PLACEHOLDER,
	INTERCEPT,
	interceptArgv,
	runIt,
	shellQuote,
	validateArgv,
	type Upstream,
} from '../../src/lib/policy/gateway.ts';
import { exampleArguments, runItOptions, upstreamOf } from '../../src/lib/present/run-it.ts';

/** What a POSIX shell makes of a line: the words it passes to the program, with HOME set to /home/u. */
function shellWords(line: string): string[] {
	const out = execFileSync('sh', ['-c', `set -- ${line}; for w in "$@"; do printf '%s\\0' "$w"; done`], {
		env: { HOME: '/home/u', PATH: process.env['PATH'] ?? '' },
		encoding: 'utf8',
	});
	return out.split('\0').slice(0, -1);
}

const HOSTILE = [
	"it's",
	'a b',
	'$(touch /tmp/pwned)',
	'`id`',
	'x; rm -rf /',
	'a\nb',
	'"quoted"',
	'back\\slash',
	'*',
	'~root',
	'--',
	'',
	'-e',
	'!event',
	'semi;colon&amp|pipe>redirect<in',
];

describe('shellQuote', () => {
	it.each(HOSTILE.map((w) => [w]))('%j survives a POSIX shell as one word, unchanged', (word) => {
		expect(shellWords(shellQuote(word))).toEqual([word]);
	});
	it.each([
		['npx', 'npx'],
		['@scope/pkg@1.2.3', '@scope/pkg@1.2.3'],
		['a b', "'a b'"],
		["it's", "'it'\\''s'"],
		['', "''"],
	])('%j is written %s', (word, quoted) => {
		expect(shellQuote(word)).toBe(quoted);
	});
});

const STDIO: Upstream = { kind: 'stdio', command: 'npx', args: ['-y', 'resend-mcp@2.22.0'] };
const REMOTE: Upstream = { kind: 'remote', url: 'https://mcp.example.com/mcp' };

describe('interceptArgv and validateArgv', () => {
	it('wraps a stdio server after --, the policy with -c', () => {
		expect(interceptArgv(STDIO, 'p.yaml')).toEqual({
			command: 'npx',
			args: ['-y', INTERCEPT.npmPackage, '-c', 'p.yaml', '--', 'npx', '-y', 'resend-mcp@2.22.0'],
		});
	});
	it('reaches a remote server with --upstream, headers with --header', () => {
		expect(interceptArgv({ ...REMOTE, headers: ['Authorization: Bearer x'] }, 'p.yaml').args).toEqual([
			'-y',
			INTERCEPT.npmPackage,
			'-c',
			'p.yaml',
			'--upstream',
			'https://mcp.example.com/mcp',
			'--header',
			'Authorization: Bearer x',
		]);
	});
	it('validates with the validate subcommand', () => {
		expect(validateArgv('p.yaml').args).toEqual(['-y', INTERCEPT.npmPackage, 'validate', '-c', 'p.yaml']);
	});
});

/** Hostile upstreams: names and arguments a package or a configuration could carry. */
const UPSTREAMS: [string, Upstream][] = [
	['plain stdio', STDIO],
	['remote', REMOTE],
	['hostile package and args', { kind: 'stdio', command: 'npx', args: ['-y', "evil'pkg$(id)@1", 'a b', '`x`', '; rm -rf ~', ''] }],
	['hostile URL', { kind: 'remote', url: "https://h.example/p?q='a b'&c=$(id)" }],
];

describe('runIt', () => {
	it.each(UPSTREAMS)('%s: every shell line gives back the exact argument vector', (_, up) => {
		const r = runIt("srv'name", up, "odd file's.intercept.yaml", [{ name: 'API_KEY', placeholder: '<your API_KEY>' }]);
		const policy = "/home/u/.intercept/policies/odd file's.intercept.yaml";
		const argv = interceptArgv(up, policy);
		expect(shellWords(r.command)).toEqual([argv.command, ...argv.args]);
		const v = validateArgv(policy);
		expect(shellWords(r.validate)).toEqual([v.command, ...v.args]);
		expect(shellWords(r.clients.find((c) => c.id === 'claude-code')!.text)).toEqual([
			'claude',
			'mcp',
			'add',
			"srv'name",
			'--env',
			'API_KEY=<your API_KEY>',
			'--',
			argv.command,
			...argv.args,
		]);
		expect(shellWords(r.where)).toEqual([policy]);
	});

	it.each(UPSTREAMS)('%s: every JSON snippet parses, names the policy file and carries the argument vector', (_, up) => {
		const r = runIt('__proto__', up, 'srv.intercept.yaml', [{ name: 'API_KEY', placeholder: '<your API_KEY>' }]);
		for (const c of r.clients.filter((s) => s.language === 'json')) {
			const doc = JSON.parse(c.text) as Record<string, Record<string, { command: string; args: string[]; env?: object; type?: string }>>;
			const key = c.id === 'vscode' ? 'servers' : 'mcpServers';
			expect(Object.keys(doc)).toEqual([key]);
			const entry = Object.getOwnPropertyDescriptor(doc[key], '__proto__')?.value as { command: string; args: string[]; type?: string };
			expect(entry, c.id).toBeDefined();
			const home = c.id === 'vscode' ? '${userHome}' : HOME_PLACEHOLDER;
			const argv = interceptArgv(up, `${home}/.intercept/policies/srv.intercept.yaml`);
			expect(entry.command).toBe(argv.command);
			expect(entry.args).toEqual(argv.args);
			expect(entry.args).toContain(`${home}/.intercept/policies/srv.intercept.yaml`);
			if (c.id === 'vscode') expect(entry.type).toBe('stdio');
		}
		expect(r.clients.map((c) => c.id)).toEqual(['claude-desktop', 'claude-code', 'cursor', 'vscode']);
	});
});

describe('upstreamOf and runItOptions', () => {
	it.each([
		[{ kind: 'npm', package: 'p', version: '1.0.0', transport: 'stdio', args: ['/dir'], env: [] }, ['npx', '-y', 'p@1.0.0', '/dir']],
		[{ kind: 'pypi', package: 'q', version: '2', transport: 'stdio', args: [], env: [] }, ['uvx', 'q==2']],
		[
			{ kind: 'oci', image: 'ghcr.io/a/b:1', transport: 'stdio', env: [{ name: 'T', required: true, secret: true }] },
			['docker', 'run', '-i', '--rm', '-e', 'T', 'ghcr.io/a/b:1'],
		],
	] as const)('%j launches as %j', (d, words) => {
		const up = upstreamOf(d as never);
		expect(up.kind).toBe('stdio');
		if (up.kind === 'stdio') expect([up.command, ...up.args]).toEqual(words);
	});
	it('gives one option per distribution and unit, each naming its unit policy file', () => {
		const options = runItOptions(
			'srv',
			[
				{ kind: 'npm', package: 'p', version: '1', transport: 'stdio', args: [], env: [] },
				{ kind: 'remote', url: 'https://x.example/mcp', transport: 'sse', auth: 'OAuth' },
			],
			[{ id: 'a' }, { id: 'b' }],
			(d) => d.kind,
		);
		expect(options.map((o) => [o.kind, o.unit, o.run.file])).toEqual([
			['npm', 'a', 'a.intercept.yaml'],
			['npm', 'b', 'b.intercept.yaml'],
			['remote', 'a', 'a.intercept.yaml'],
			['remote', 'b', 'b.intercept.yaml'],
		]);
		expect(options[2]!.auth).toBe('OAuth');
		expect(options[0]!.run.command).toContain('a.intercept.yaml');
	});
});

describe('exampleArguments', () => {
	const p = (name: string, extra: Partial<Parameter> = {}): Parameter => ({
		path: name,
		name,
		pointer: `/properties/${name}`,
		depth: 0,
		types: ['string'],
		required: true,
		hasDefault: false,
		...extra,
	});
	it('fills required top-level parameters by enum, default, then type', () => {
		expect(
			exampleArguments([
				p('a'),
				p('b', { enum: ['x', 'y'] }),
				p('c', { types: ['integer'] }),
				p('d', { hasDefault: true, default: 'dflt' }),
				p('e', { required: false }),
				p('f.g', { depth: 1 }),
				p('__proto__', { types: ['boolean'] }),
			]),
		).toEqual(JSON.parse('{"a":"","b":"x","c":1,"d":"dflt","__proto__":false}'));
	});
});
type Parameter = import('../../src/lib/content/parameters.ts').Parameter;
