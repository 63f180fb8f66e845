/**
 * The synthetic catalogue on disk (scripts/synth-catalogue.ts, scripts/bench.ts): reading a content
 * folder, making sure an output folder may be (re)written, and writing the real servers plus the
 * generated ones into it.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UsageError } from '../../lib/content/errors.ts';
import type { ServerFile } from '../../lib/content/server.ts';
import { parseServerFile, serializeServerFile } from '../../lib/content/server-file.ts';
import { generateCatalogue } from './generate.ts';
import { SummaryBuilder, type Profile, type Summary } from './profile.ts';

/** The file that marks a folder as written by the generator, so it may be emptied next time. */
export const MARKER = '.toolrisk-synth';

/** Every content file of `dir` (not `_`-prefixed ones), in name order, validated. */
export function readServers(dir: string): ServerFile[] {
	return readdirSync(dir)
		.filter((n) => n.endsWith('.json') && !n.startsWith('_'))
		.sort()
		.map((n) => parseServerFile(JSON.parse(readFileSync(join(dir, n), 'utf8')), join(dir, n)));
}

/**
 * Makes `out` an empty folder holding only the marker (with `note` in it). Refuses, with a UsageError
 * naming `shown` (the path as given), a folder inside `contentRoot` and a non-empty folder the
 * generator did not make or that holds anything but content files.
 */
export function prepareOutput(out: string, contentRoot: string, shown: string, note: string): void {
	if (out === contentRoot || !relative(contentRoot, out).startsWith('..'))
		throw new UsageError(`refusing to write into ${relative(process.cwd(), out) || '.'}: generated catalogues never go in content/`);
	if (existsSync(out)) {
		const names = readdirSync(out);
		if (names.length > 0 && !names.includes(MARKER))
			throw new UsageError(`${shown} exists and was not made by this script; choose an empty or new folder`);
		if (names.some((n) => n !== MARKER && !n.endsWith('.json')))
			throw new UsageError(`${shown} holds files other than content files; not emptying it`);
		rmSync(out, { recursive: true });
	}
	mkdirSync(out, { recursive: true });
	writeFileSync(join(out, MARKER), note);
}

export interface WriteOptions {
	/** Servers and tools in all, the real ones included unless `noReal`. */
	servers: number;
	tools: number;
	seed: string;
	/** Leave the real servers out. */
	noReal: boolean;
	/** Summarise the real and the generated servers for comparison (classifies every tool). */
	compare: boolean;
	/** Called after each generated server with the running totals. */
	onProgress?: (servers: number, tools: number) => void;
}

export interface Written {
	servers: number;
	tools: number;
	/** With `compare`: the real catalogue's numbers and the generated servers'. */
	real?: Summary;
	generated?: Summary;
}

/** How many servers and tools to generate beside the real ones; a UsageError when the totals leave too few. */
export function generatedCounts(
	profile: Profile,
	realServers: number,
	options: Pick<WriteOptions, 'servers' | 'tools' | 'noReal'>,
): { servers: number; tools: number } {
	const servers = options.servers - (options.noReal ? 0 : realServers);
	const tools = options.tools - (options.noReal ? 0 : profile.source.tools);
	if (servers < 1 || tools < servers) {
		throw new UsageError(
			`--servers and --tools must exceed the real catalogue copied in (${options.noReal ? 0 : realServers} servers, ${options.noReal ? 0 : profile.source.tools} tools), or pass --no-real`,
		);
	}
	return { servers, tools };
}

/** Writes the real servers (unless `noReal`) and the generated ones into `out`, one content file each. */
export function writeSynthCatalogue(out: string, real: readonly ServerFile[], profile: Profile, options: WriteOptions): Written {
	const generate = generatedCounts(profile, real.length, options);
	const realSummary = options.compare ? new SummaryBuilder() : undefined;
	const genSummary = options.compare ? new SummaryBuilder() : undefined;
	let servers = 0;
	let tools = 0;
	const write = (s: ServerFile, summary: SummaryBuilder | undefined) => {
		writeFileSync(join(out, `${s.slug}.json`), serializeServerFile(s));
		summary?.add(s);
		servers++;
		tools += s.tools.length;
	};
	if (!options.noReal) for (const s of real) write(s, realSummary);
	for (const s of generateCatalogue(profile, { servers: generate.servers, tools: generate.tools, seed: options.seed })) {
		write(s, genSummary);
		options.onProgress?.(servers, tools);
	}
	if (options.noReal) for (const s of real) realSummary?.add(s);
	return { servers, tools, ...(realSummary && { real: realSummary.result() }), ...(genSummary && { generated: genSummary.result() }) };
}
