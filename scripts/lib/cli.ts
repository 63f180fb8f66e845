/**
 * The command-line layer every CLI in scripts/ shares: a declarative spec of a command's options over
 * node:util's parseArgs, from which `--help` is generated; every parse error becomes one line and exit
 * code 2; numbers and lists are validated by typed accessors; and one runner, `main`, prints the
 * failures a command expects (UsageError, DataError, and any the command explains) as messages and lets
 * a bug show its stack.
 *
 *   const command = defineCommand({
 *     name: 'synth',
 *     usage: ['npm run synth -- --servers <n> --tools <m> --out <dir> [options]'],
 *     options: { servers: { type: 'string', value: '<n>', description: 'servers in all' }, ... },
 *   });
 *   if (import.meta.main) await main(command, (args) => { const n = args.number('servers', { integer: true, min: 1 }); ... });
 *
 * A CLI keeps to parsing, help, reading and writing the files named on its command line, and printing;
 * what it does lives in the library folder of its stage (CONTRIBUTING.md).
 */
import { parseArgs } from 'node:util';
import { DataError, UsageError } from '../../src/lib/content/errors.ts';

export { DataError, UsageError };

export interface OptionSpec {
	readonly type: 'string' | 'boolean';
	/** A one-letter alias (`-h` is --help's). */
	readonly short?: string;
	/** Repeatable: the values are collected in order (the help says "repeatable"). */
	readonly multiple?: boolean;
	/** The value when the option is absent; shown in the help as "(default …)". */
	readonly default?: string | boolean | readonly string[];
	/** How the value reads in the help, e.g. `<dir>` (string options; `<value>` if not given). */
	readonly value?: string;
	/** One line for the help text (a long one may go on over further lines, split with \n). */
	readonly description: string;
}

export type OptionsSpec = Readonly<Record<string, OptionSpec>>;

export interface PositionalsSpec {
	/** How they read in the usage and help, e.g. `<dist-dir>...`. */
	readonly name: string;
	readonly description: string;
	/** Fewest and most positionals (checked unless --help is given). */
	readonly min?: number;
	readonly max?: number;
}

export interface CommandSpec<O extends OptionsSpec = OptionsSpec> {
	/** The name messages start with: `scan:batch: unknown option --x`. */
	readonly name: string;
	/** Usage lines, each a whole command; the first follows "usage: ". */
	readonly usage: readonly string[];
	/** What the command does, printed after the usage (paragraphs split with blank lines). */
	readonly about?: string;
	readonly options: O;
	/** The command's positional arguments; without this it takes none. */
	readonly positionals?: PositionalsSpec;
	/**
	 * For a command that wraps another: unknown options and positionals are not errors but are handed
	 * on, in order, in `rest`; this text says where they go (printed in the help).
	 */
	readonly passThrough?: string;
	/** Printed after the options: exit codes, environment variables. */
	readonly notes?: string;
	readonly examples?: readonly string[];
}

type Scalar<O> = O extends { readonly type: 'boolean' } ? boolean : string;
type Value<O> = O extends { readonly multiple: true } ? Scalar<O>[] : Scalar<O>;
/** The parsed options: an option with a default always has a value. */
export type Values<O extends OptionsSpec> = {
	-readonly [K in keyof O]: O[K] extends { readonly default: unknown } ? Value<O[K]> : Value<O[K]> | undefined;
};
/** Names of the options that take one string value. */
export type StringOption<O extends OptionsSpec> = {
	[K in keyof O]: O[K] extends { readonly type: 'string'; readonly multiple?: false } ? K : never;
}[keyof O] &
	string;

/** One piece of the command line, as parseArgs reports it (`index` is its place in argv). */
export type Token =
	| { kind: 'option'; name: string; rawName: string; index: number; value?: string | undefined; inlineValue?: boolean | undefined }
	| { kind: 'positional'; index: number; value: string }
	| { kind: 'option-terminator'; index: number };

export interface NumberRule {
	/** A whole number. */
	readonly integer?: boolean;
	/** Greater than 0. */
	readonly positive?: boolean;
	/** At least this. */
	readonly min?: number;
	/** What the message says was expected (default: made from the rule, e.g. "a positive whole number"). */
	readonly expected?: string;
}

export interface Parsed<O extends OptionsSpec> {
	/** --help (or -h) was given: print `command.help()` and do nothing else. */
	readonly help: boolean;
	readonly values: Values<O>;
	readonly positionals: string[];
	/** Every option and positional in order (for commands where the order of different options matters). */
	readonly tokens: Token[];
	/** With `passThrough`: what is handed on, in order; otherwise empty. */
	readonly rest: string[];
	/** The option's value as a number checked against `rule`; `fallback` (or undefined) when absent. */
	number(name: StringOption<O>, rule?: NumberRule): number | undefined;
	number(name: StringOption<O>, rule: NumberRule, fallback: number): number;
	/** A comma-separated value as its trimmed, non-empty items; undefined when absent. */
	list(name: StringOption<O>): string[] | undefined;
	/** A comma-separated list of numbers, each checked against `rule`. */
	numbers(name: StringOption<O>, rule?: NumberRule): number[] | undefined;
}

export interface Command<O extends OptionsSpec> {
	readonly spec: CommandSpec<O>;
	/** Parses a command line (without the node and script paths); throws UsageError on anything wrong. */
	parse(argv: readonly string[]): Parsed<O>;
	/** The generated help text, ending in a newline. */
	help(): string;
}

const HELP: OptionSpec = { type: 'boolean', short: 'h', description: 'print this help and exit' };
/** Width of the option column in the help (two spaces of indent included). */
const COLUMN = 28;

/** Declares a command: its spec is checked once, here, so a mistake in it fails every run of the CLI and its test. */
export function defineCommand<const O extends OptionsSpec>(spec: CommandSpec<O>): Command<O> {
	if ('help' in spec.options) throw new Error(`${spec.name}: --help is built in; do not declare it`);
	const shorts = new Set(['h']);
	for (const [name, option] of Object.entries(spec.options)) {
		if (option.short !== undefined && (option.short.length !== 1 || shorts.has(option.short)))
			throw new Error(`${spec.name}: --${name}: short flag "${option.short}" is not one free letter`);
		if (option.short !== undefined) shorts.add(option.short);
		if (option.default !== undefined && Array.isArray(option.default) !== (option.multiple === true))
			throw new Error(`${spec.name}: --${name}: a repeatable option's default is a list, and only its`);
		if (
			option.default !== undefined &&
			!Array.isArray(option.default) &&
			typeof option.default !== (option.type === 'boolean' ? 'boolean' : 'string')
		) {
			throw new Error(`${spec.name}: --${name}: its default is not a ${option.type}`);
		}
	}
	const config = parseConfig(spec.options);
	return {
		spec,
		help: () => helpText(spec),
		parse: (argv) => parse(spec, config, argv),
	};
}

type ParseConfig = Record<
	string,
	{ type: 'string' | 'boolean'; short?: string; multiple?: boolean; default?: string | boolean | string[] }
>;

function parseConfig(options: OptionsSpec): ParseConfig {
	const config: ParseConfig = {};
	for (const [name, o] of Object.entries({ ...options, help: HELP })) {
		config[name] = {
			type: o.type,
			...(o.short !== undefined && { short: o.short }),
			...(o.multiple && { multiple: true }),
			...(o.default !== undefined && {
				default: Array.isArray(o.default) ? [...(o.default as readonly string[])] : (o.default as string | boolean),
			}),
		};
	}
	return config;
}

/** `--help` or `-h` before any `--`: help wins over every other problem on the line. */
function asksForHelp(argv: readonly string[]): boolean {
	const end = argv.indexOf('--');
	return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

function parse<O extends OptionsSpec>(spec: CommandSpec<O>, config: ParseConfig, argv: readonly string[]): Parsed<O> {
	const { own, rest } = spec.passThrough === undefined ? { own: [...argv], rest: [] } : splitForeign(config, argv);
	let result;
	try {
		result = parseArgs({ args: own, options: config, allowPositionals: spec.positionals !== undefined, strict: true, tokens: true });
	} catch (error) {
		if (asksForHelp(argv)) return parsed<O>({ help: true }, [], [], []);
		throw new UsageError(parseMessage(error));
	}
	const { help, ...values } = result.values as Record<string, unknown>;
	if (help === true) return parsed<O>({ help: true }, [], [], []);
	const { positionals } = result;
	const p = spec.positionals;
	if (p && p.min !== undefined && positionals.length < p.min)
		throw new UsageError(`expected ${p.min === 1 ? 'a' : `at least ${p.min}`} ${p.name}`);
	if (p && p.max !== undefined && positionals.length > p.max) {
		throw new UsageError(
			p.max === 0
				? `unexpected argument ${JSON.stringify(positionals[0])}`
				: `expected at most ${p.max} ${p.name}, found ${positionals.length}: ${positionals.join(' ')}`,
		);
	}
	return parsed<O>(values, positionals, result.tokens as Token[], rest);
}

/** With passThrough: the arguments that belong to declared options, and the rest (kept in order). */
function splitForeign(config: ParseConfig, argv: readonly string[]): { own: string[]; rest: string[] } {
	const { tokens } = parseArgs({ args: [...argv], options: config, strict: false, allowPositionals: true, tokens: true });
	const mine = new Set<number>();
	let end = argv.length;
	for (const t of tokens as Token[]) {
		if (t.kind === 'option-terminator') {
			end = t.index;
			break;
		}
		if (t.kind === 'option' && Object.hasOwn(config, t.name)) {
			mine.add(t.index);
			if (t.value !== undefined && !t.inlineValue) mine.add(t.index + 1);
		}
	}
	const own: string[] = [];
	const rest: string[] = [];
	argv.forEach((a, i) => (i < end && mine.has(i) ? own : rest).push(a));
	return { own, rest };
}

/** parseArgs's messages, in one short line each. */
export function parseMessage(error: unknown): string {
	const { code, message } = error as { code?: string; message: string };
	const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
	const flag = /--[\w-]+/.exec(quoted)?.[0] ?? /-\w/.exec(quoted)?.[0] ?? quoted;
	if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${flag}`;
	if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `unexpected argument ${JSON.stringify(quoted)}`;
	if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
		if (/argument missing/.test(message)) return `${flag} needs a value`;
		if (/ambiguous/.test(message)) return `${flag} needs a value (for a value that starts with a dash, write ${flag}=<value>)`;
		if (/does not take an argument/.test(message)) return `${flag} takes no value`;
	}
	return message.split('\n')[0] ?? message;
}

function parsed<O extends OptionsSpec>(raw: Record<string, unknown>, positionals: string[], tokens: Token[], rest: string[]): Parsed<O> {
	const help = raw['help'] === true;
	const values = (help ? {} : raw) as Values<O>;
	const text = (name: string): string | undefined => (values as Record<string, unknown>)[name] as string | undefined;
	const toNumber = (name: string, raw: string, rule: NumberRule): number => {
		const n = raw.trim() === '' ? Number.NaN : Number(raw);
		const ok =
			Number.isFinite(n) &&
			(!rule.integer || Number.isInteger(n)) &&
			(!rule.positive || n > 0) &&
			(rule.min === undefined || n >= rule.min);
		if (!ok) throw new UsageError(`--${name}: expected ${rule.expected ?? expectedNumber(rule)}, found ${JSON.stringify(raw)}`);
		return n;
	};
	const list = (name: string): string[] | undefined =>
		text(name)
			?.split(',')
			.map((s) => s.trim())
			.filter(Boolean);
	return {
		help,
		values,
		positionals,
		tokens,
		rest,
		number: ((name: string, rule: NumberRule = {}, fallback?: number) => {
			const raw = text(name);
			return raw === undefined ? fallback : toNumber(name, raw, rule);
		}) as Parsed<O>['number'],
		list,
		numbers: (name, rule = {}) => list(name)?.map((item) => toNumber(name, item, rule)),
	};
}

/** "a positive whole number", "a number of at least 300". */
function expectedNumber(rule: NumberRule): string {
	const kind = `${rule.positive ? 'positive ' : ''}${rule.integer ? 'whole number' : 'number'}`;
	return `a ${kind}${rule.min !== undefined ? ` of at least ${rule.min}` : ''}`;
}

/** The option's left column: `-o, --out <dir>`. */
function flagText(name: string, o: OptionSpec): string {
	return `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.value ?? '<value>'}` : ''}`;
}

/** Two columns; a left part too wide for its column puts the text on the next line. */
function row(left: string, text: string): string[] {
	const [first = '', ...more] = text.split('\n');
	const head = `  ${left}`;
	const lines = head.length < COLUMN - 1 ? [`${head.padEnd(COLUMN)}${first}`] : [head, `${' '.repeat(COLUMN)}${first}`];
	return [...lines, ...more.map((m) => `${' '.repeat(COLUMN)}${m}`)].map((l) => l.trimEnd());
}

function describe(o: OptionSpec): string {
	const extra: string[] = [];
	if (o.multiple) extra.push('repeatable');
	const d = o.default;
	if (d !== undefined && d !== false && !(Array.isArray(d) && d.length === 0))
		extra.push(`default ${Array.isArray(d) ? d.join(', ') : String(d)}`);
	return extra.length > 0 ? `${o.description} (${extra.join('; ')})` : o.description;
}

export function helpText(spec: CommandSpec): string {
	const lines = spec.usage.map((u, i) => `${i === 0 ? 'usage: ' : '       '}${u}`);
	if (spec.about) lines.push('', spec.about);
	if (spec.positionals) lines.push('', 'arguments:', ...row(spec.positionals.name, spec.positionals.description));
	lines.push('', 'options:');
	for (const [name, o] of Object.entries(spec.options)) lines.push(...row(flagText(name, o), describe(o)));
	lines.push(...row(flagText('help', HELP), HELP.description));
	if (spec.passThrough) lines.push('', spec.passThrough);
	if (spec.notes) lines.push('', spec.notes);
	if (spec.examples && spec.examples.length > 0)
		lines.push('', spec.examples.length === 1 ? 'example:' : 'examples:', ...spec.examples.map((e) => `  ${e}`));
	return `${lines.join('\n')}\n`;
}

/** How a command reports an error it expects: the message (after "<name>: ") and the exit code. */
export interface Explained {
	message: string;
	exitCode: number;
	/** Print the message as is, without the "<name>: " prefix. */
	bare?: boolean;
}

export interface MainOptions {
	/** Exit code for a DataError (default 1). */
	readonly dataErrorExit?: number;
	/** Errors the command expects besides UsageError and DataError; undefined means a bug. */
	readonly explain?: (error: unknown) => Explained | undefined;
	/** A line added after every failure but a usage error, e.g. "Nothing was written." */
	readonly failureNote?: string;
	/** The command line (default: process.argv after the script). */
	readonly argv?: readonly string[];
	readonly stdout?: { write(text: string): unknown };
	readonly stderr?: { write(text: string): unknown };
}

/**
 * Runs a command: parses its command line, prints the help for --help, runs `run` and sets the exit
 * code to what it returns (0 for nothing). A UsageError prints `<name>: <message>` and the pointer to
 * --help and exits 2; a DataError (a file named on the command line is wrong) prints its message and
 * exits 1; anything else is a bug and shows its stack.
 */
export async function main<O extends OptionsSpec>(
	command: Command<O>,
	run: (args: Parsed<O>) => number | void | Promise<number | void>,
	options: MainOptions = {},
): Promise<number> {
	const { name } = command.spec;
	const stdout = options.stdout ?? process.stdout;
	const stderr = options.stderr ?? process.stderr;
	const note = options.failureNote ? `\n${options.failureNote}` : '';
	let code: number;
	try {
		const args = command.parse(options.argv ?? process.argv.slice(2));
		if (args.help) {
			stdout.write(command.help());
			code = 0;
		} else code = (await run(args)) ?? 0;
	} catch (error) {
		if (error instanceof UsageError) {
			stderr.write(`${name}: ${error.message}\nRun with --help for usage.\n`);
			code = 2;
		} else if (error instanceof DataError) {
			stderr.write(`${name}: ${error.message}${note}\n`);
			code = options.dataErrorExit ?? 1;
		} else {
			const known = options.explain?.(error);
			if (known) {
				stderr.write(`${known.bare ? '' : `${name}: `}${known.message}${note}\n`);
				code = known.exitCode;
			} else {
				stderr.write(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}${note}\n`);
				code = 1;
			}
		}
	}
	process.exitCode = code;
	return code;
}
