import type { z } from 'zod';

/** A data file failed validation. The message names the file, each failing field and what was expected. */
export class DataError extends Error {
	override name = 'DataError';
	readonly file: string;
	readonly problems: readonly string[];
	constructor(file: string, problems: readonly string[]) {
		super(`${file} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
		this.file = file;
		this.problems = problems;
	}
}

/**
 * A command line asks for something the command cannot do: an unknown or malformed option, a missing
 * argument, options that exclude each other. The message names the option and what was expected.
 * Commands print it with a pointer to `--help` and exit 2 (scripts/lib/cli.ts); it lives here, beside
 * DataError, so the code that interprets arguments (src/ingest, src/bench) can throw it without
 * importing the command-line layer.
 */
export class UsageError extends Error {
	override name = 'UsageError';
}

/** Renders a zod issue path as `tools[3].definition.name`. */
export function formatPath(path: readonly PropertyKey[]): string {
	let out = '';
	for (const key of path) {
		if (typeof key === 'number') out += `[${key}]`;
		else out += out ? `.${String(key)}` : String(key);
	}
	return out || '(root)';
}

/**
 * Parses `input` with `schema`, or throws a {@link DataError} listing every problem as
 * `field: what was expected`. The single parse path for every data file.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, file: string): z.output<S> {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	const problems = result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
	throw new DataError(file, problems);
}
