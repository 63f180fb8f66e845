/**
 * The command-line layer (scripts/lib/cli.ts) and every CLI in scripts/: each answers --help with its
 * usage and exit code 0, and turns an unknown option into one message line, the pointer to --help and
 * exit code 2, never a stack trace.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError, defineCommand, main, parseMessage, UsageError, type MainOptions } from '../../scripts/lib/cli.ts';

const ROOT = join(import.meta.dirname, '..', '..');

const command = defineCommand({
	name: 'demo',
	usage: ['node demo.ts [options] <file>...'],
	about: 'Does nothing, for the tests.',
	positionals: { name: '<file>...', description: 'files to read', min: 1, max: 3 },
	options: {
		out: { type: 'string', short: 'o', value: '<dir>', default: 'dist', description: 'where to write' },
		sizes: { type: 'string', value: '<n,...>', description: 'tool counts' },
		jobs: { type: 'string', value: '<n>', description: 'workers' },
		tag: { type: 'string', multiple: true, value: '<tag>', description: 'a tag' },
		json: { type: 'boolean', description: 'print JSON' },
		long: { type: 'string', value: '<intercept|policylayer|something-long>', description: 'first line\nsecond line' },
	},
	examples: ['node demo.ts a.json'],
});

describe('defineCommand: parsing', () => {
	it('returns typed values with defaults, positionals and tokens in order', () => {
		const args = command.parse(['a', '--tag', 'x', '-o', 'build', '--tag=y', '--json', 'b']);
		expect(args.help).toBe(false);
		expect(args.values).toEqual({ out: 'build', tag: ['x', 'y'], json: true });
		expect(args.positionals).toEqual(['a', 'b']);
		expect(args.tokens.map((t) => (t.kind === 'option' ? t.name : t.kind))).toEqual([
			'positional',
			'tag',
			'out',
			'tag',
			'json',
			'positional',
		]);
		expect(command.parse(['a']).values.out).toBe('dist');
	});

	it.each([
		{ argv: ['a', '--frob'], message: 'unknown option --frob' },
		{ argv: ['a', '-x'], message: 'unknown option -x' },
		{ argv: ['a', '--out'], message: '--out needs a value' },
		{ argv: ['a', '--out', '--json'], message: '--out needs a value (for a value that starts with a dash, write --out=<value>)' },
		{ argv: ['a', '--json=yes'], message: '--json takes no value' },
		{ argv: [], message: 'expected a <file>...' },
		{ argv: ['a', 'b', 'c', 'd'], message: 'expected at most 3 <file>..., found 4: a b c d' },
	])('refuses $argv with "$message"', ({ argv, message }) => {
		expect(() => command.parse(argv)).toThrow(UsageError);
		expect(() => command.parse(argv)).toThrow(message);
	});

	it('refuses positionals when the spec declares none', () => {
		const bare = defineCommand({ name: 'bare', usage: ['bare'], options: {} });
		expect(() => bare.parse(['x'])).toThrow('unexpected argument "x"');
	});

	it('gives help precedence over every other problem before --', () => {
		expect(command.parse(['--help']).help).toBe(true);
		expect(command.parse(['-h', '--frob']).help).toBe(true);
		expect(command.parse(['a']).help).toBe(false);
		expect(() => command.parse(['a', '--frob', '--', '--help'])).toThrow('unknown option --frob');
	});

	it('reads numbers and lists, naming the option and the value in the message', () => {
		const args = command.parse(['a', '--sizes', '10000, 50000,,250000', '--jobs', '2.5']);
		expect(args.list('sizes')).toEqual(['10000', '50000', '250000']);
		expect(args.numbers('sizes', { integer: true, min: 300 })).toEqual([10000, 50000, 250000]);
		expect(args.number('jobs', { positive: true })).toBe(2.5);
		expect(() => args.number('jobs', { integer: true })).toThrow('--jobs: expected a whole number, found "2.5"');
		expect(() => args.number('jobs', { min: 3, expected: 'three or more workers' })).toThrow(
			'--jobs: expected three or more workers, found "2.5"',
		);
		const none = command.parse(['a']);
		expect(none.number('jobs')).toBeUndefined();
		expect(none.number('jobs', { positive: true }, 4)).toBe(4);
		expect(none.list('sizes')).toBeUndefined();
		expect(() => command.parse(['a', '--sizes', '300,x']).numbers('sizes', { integer: true, min: 300 })).toThrow(
			'--sizes: expected a whole number of at least 300, found "x"',
		);
		expect(() => command.parse(['a', '--jobs', '']).number('jobs')).toThrow('--jobs: expected a number, found ""');
		expect(() => command.parse(['a', '--jobs', '0']).number('jobs', { positive: true, integer: true })).toThrow(
			'expected a positive whole number',
		);
	});

	it('hands unknown options and positionals on, in order, with passThrough', () => {
		const wrapper = defineCommand({
			name: 'wrap',
			usage: ['wrap [options]'],
			passThrough: 'Other options go to the wrapped command.',
			options: { shards: { type: 'string', value: '<n>', description: 'shards' } },
		});
		const args = wrapper.parse(['--site', 'https://x', '--shards', '2', '--outDir=d', '-v', '--', '--shards', '3']);
		expect(args.values.shards).toBe('2');
		expect(args.rest).toEqual(['--site', 'https://x', '--outDir=d', '-v', '--', '--shards', '3']);
		expect(wrapper.parse(['--shards=4']).rest).toEqual([]);
		expect(() => wrapper.parse(['--shards'])).toThrow('--shards needs a value');
		expect(() => wrapper.parse(['--shards', '--site'])).toThrow('--shards needs a value');
		expect(wrapper.parse(['--help', '--site']).help).toBe(true);
	});

	it('refuses a spec that declares --help, a taken short flag or a default of the wrong kind', () => {
		expect(() => defineCommand({ name: 'x', usage: [], options: { help: { type: 'boolean', description: '' } } })).toThrow(
			'--help is built in',
		);
		expect(() => defineCommand({ name: 'x', usage: [], options: { hop: { type: 'boolean', short: 'h', description: '' } } })).toThrow(
			'short flag "h"',
		);
		expect(() => defineCommand({ name: 'x', usage: [], options: { n: { type: 'string', default: true, description: '' } } })).toThrow(
			'not a string',
		);
		expect(() =>
			defineCommand({ name: 'x', usage: [], options: { n: { type: 'string', multiple: true, default: 'a', description: '' } } }),
		).toThrow('default is a list');
	});

	it('shortens parseArgs messages it does not know to their first line', () => {
		expect(parseMessage(Object.assign(new Error('Something odd.\nMore detail.'), { code: 'ERR_OTHER' }))).toBe('Something odd.');
	});
});

describe('defineCommand: help', () => {
	const help = command.help();

	it('starts with the usage and lists every option with its value, default and repeatability', () => {
		const lines = help.split('\n');
		expect(lines[0]).toBe('usage: node demo.ts [options] <file>...');
		expect(help).toContain('Does nothing, for the tests.');
		expect(help).toMatch(/^ {2}<file>\.\.\. +files to read$/m);
		expect(help).toMatch(/^ {2}-o, --out <dir> +where to write \(default dist\)$/m);
		expect(help).toMatch(/^ {2}--tag <tag> +a tag \(repeatable\)$/m);
		expect(help).toMatch(/^ {2}--json +print JSON$/m);
		expect(help).toMatch(/^ {2}-h, --help +print this help and exit$/m);
		expect(help).toContain('example:\n  node demo.ts a.json');
		expect(help.endsWith('\n')).toBe(true);
	});

	it('puts the description of a long option on the next line, aligned with the others', () => {
		const lines = help.split('\n');
		const at = lines.indexOf('  --long <intercept|policylayer|something-long>');
		expect(at).toBeGreaterThan(0);
		const column = lines.find((l) => l.startsWith('  --json'))!.indexOf('print JSON');
		expect(lines[at + 1]).toBe(`${' '.repeat(column)}first line`);
		expect(lines[at + 2]).toBe(`${' '.repeat(column)}second line`);
	});
});

describe('main', () => {
	const capture = async (argv: string[], run: Parameters<typeof main<typeof command.spec.options>>[1], options: MainOptions = {}) => {
		let out = '';
		let err = '';
		const saved = process.exitCode;
		const code = await main(command, run, {
			argv,
			stdout: { write: (t: string) => (out += t) },
			stderr: { write: (t: string) => (err += t) },
			...options,
		});
		const exitCode = process.exitCode;
		process.exitCode = saved;
		return { code, exitCode, out, err };
	};

	it('prints the help and exits 0 without running the command', async () => {
		let ran = false;
		const r = await capture(['--help'], () => {
			ran = true;
		});
		expect(r).toMatchObject({ code: 0, exitCode: 0, err: '' });
		expect(r.out).toBe(command.help());
		expect(ran).toBe(false);
	});

	it('exits with what the command returns, 0 for nothing', async () => {
		expect((await capture(['a'], () => 3)).code).toBe(3);
		expect((await capture(['a'], async () => undefined)).exitCode).toBe(0);
	});

	it.each([
		{ label: 'a parse error', argv: ['--frob'], run: () => 0, code: 2, err: 'demo: unknown option --frob\nRun with --help for usage.\n' },
		{
			label: 'a UsageError',
			argv: ['a'],
			run: () => {
				throw new UsageError('give one of --a or --b');
			},
			code: 2,
			err: 'demo: give one of --a or --b\nRun with --help for usage.\n',
		},
		{
			label: 'a DataError',
			argv: ['a'],
			run: () => {
				throw new DataError('x.json', ['tools: expected an array']);
			},
			code: 1,
			err: 'demo: x.json is invalid:\n  - tools: expected an array\n',
		},
	])('prints $label as a message without a stack', async ({ argv, run, code, err }) => {
		const r = await capture(argv, run);
		expect(r.code).toBe(code);
		expect(r.exitCode).toBe(code);
		expect(r.err).toBe(err);
		expect(r.out).toBe('');
	});

	it('uses the exit code given for data errors, the note, and the errors the command explains', async () => {
		const data = await capture(
			['a'],
			() => {
				throw new DataError('x', ['y']);
			},
			{ dataErrorExit: 2, failureNote: 'Nothing was written.' },
		);
		expect(data).toMatchObject({ code: 2, err: 'demo: x is invalid:\n  - y\nNothing was written.\n' });
		const explain = (e: unknown) => (e instanceof RangeError ? { message: `listing failed: ${e.message}`, exitCode: 1 } : undefined);
		expect(
			await capture(
				['a'],
				() => {
					throw new RangeError('timeout');
				},
				{ explain },
			),
		).toMatchObject({ code: 1, err: 'demo: listing failed: timeout\n' });
		const bare = await capture(
			['a'],
			() => {
				throw new RangeError('x');
			},
			{ explain: () => ({ message: 'scan failed (x)', exitCode: 1, bare: true }) },
		);
		expect(bare.err).toBe('scan failed (x)\n');
	});

	it('lets a bug show its stack, with exit code 1', async () => {
		const r = await capture(
			['a'],
			() => {
				throw new TypeError('x is undefined');
			},
			{ failureNote: 'Nothing was written.' },
		);
		expect(r.code).toBe(1);
		expect(r.err).toMatch(/^demo failed: TypeError: x is undefined\n\s+at /);
		expect(r.err).toMatch(/Nothing was written\.\n$/);
	});
});

/** Every command in scripts/ (a new one joins the table by being there). */
const SCRIPTS = readdirSync(join(ROOT, 'scripts'), { withFileTypes: true })
	.filter((e) => e.isFile() && /\.(ts|mjs|sh)$/.test(e.name))
	.map((e) => e.name)
	.sort();

/**
 * How each command is refused: an unknown option, except for build, which hands options it does not
 * know to astro build (so it is given a bad value of its own instead).
 */
const REFUSED: Record<string, { args: string[]; message: string }> = {
	'build.ts': {
		args: ['--shards', 'none'],
		message: 'build: --shards / TOOLRISK_SHARDS: expected a whole number of at least 1, found "none"',
	},
};

function run(script: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
	const [command, first] = script.endsWith('.sh')
		? ['bash', join(ROOT, 'scripts', script)]
		: [process.execPath, join(ROOT, 'scripts', script)];
	return new Promise((resolve, reject) => {
		const child = spawn(command, [first, ...args], {
			cwd: ROOT,
			env: { PATH: process.env['PATH'] ?? '' },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
		child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
		child.once('error', reject);
		child.once('close', (status) => resolve({ status, stdout, stderr }));
	});
}

describe.concurrent('every command in scripts/', () => {
	it('is in the table', () => {
		expect(SCRIPTS).toContain('scan.ts');
		expect(SCRIPTS).toContain('with-node.mjs');
		expect(SCRIPTS.length).toBeGreaterThanOrEqual(15);
	});

	it.each(SCRIPTS)('%s answers --help with its usage and exit code 0', async (script) => {
		const r = await run(script, ['--help']);
		expect(r.status, r.stderr).toBe(0);
		expect(r.stdout).toMatch(/^usage: \S/);
		expect(r.stderr).toBe('');
	});

	it.each(SCRIPTS)('%s refuses a wrong option in one line, with the pointer to --help and exit code 2', async (script) => {
		const refused = REFUSED[script] ?? { args: ['--no-such-option'], message: 'unknown option --no-such-option' };
		const r = await run(script, refused.args);
		expect(r.status, r.stderr).toBe(2);
		const lines = r.stderr.trimEnd().split('\n');
		expect(lines, r.stderr).toHaveLength(2);
		expect(lines[0]).toMatch(/^[\w:.-]+: /);
		expect(lines[0]).toContain(refused.message);
		expect(lines[1]).toBe('Run with --help for usage.');
		expect(r.stderr).not.toMatch(/^\s+at /m);
		expect(r.stdout).toBe('');
	});
});
