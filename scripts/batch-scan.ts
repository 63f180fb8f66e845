/**
 * `scan:batch`: scan every package of a server list (default content/scan/servers.tsv) into
 * content/servers/ and record one outcome per package in content/scan/report.json. The core is
 * src/ingest/batch.ts; run `node scripts/batch-scan.ts --help` for usage.
 *
 * Exit codes: 0 the batch ran (whatever the packages did), 2 bad usage or an invalid list/report.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { outcomeCounts, type ScanRecord } from '../src/lib/content/scan-report.ts';
import { mergeReport, packageKey, parseServerList, readReport, runBatch, writeReport, type ServerListEntry } from '../src/ingest/batch.ts';
import { resolveFrom } from '../src/ingest/scan.ts';
import { recordRescan } from '../src/lib/content/history.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

const USAGE = `usage: node scripts/batch-scan.ts [options] [<package> ...]

Scans the packages of the server list (or only the ones named) with the scanner: resolve the exact
version, install it into the cache with --ignore-scripts, pick its executable from "bin", start it with
an empty environment plus placeholders for the variables its README documents, list every tools/list
page, kill its process group. Writes content/servers/<slug>.json atomically for each server that lists
tools, and one record per package in the report. A failure never writes or changes a content file.

A list entry whose package is a path (./x, ../x, /x) is a local package folder: no network is used.

options:
  --list <file>             server list, tab-separated (default content/scan/servers.tsv)
  --out <dir>               content folder (default content/servers)
  --report <file>           report (default content/scan/report.json)
  --cache <dir>             install cache (default .cache/scan)
  --concurrency <n>         packages at once (default 2)
  --failed                  only packages whose last recorded outcome is not "catalogued"
  --new                     only packages with no record in the report yet (resume an interrupted batch)
  --outcome <name>          only packages whose last recorded outcome is this one (repeatable)
  --limit <n>               only the first n packages (after the filters)
  --rescan                  re-scan packages that already have a content file (default: keep them)
  --keep-installs           keep installed packages in the cache (default: remove each after its scan)
  --install-timeout <s>     npm install limit (default 180)
  --connect-timeout <s>     start + initialize limit (default 30)
  --page-timeout <s>        per tools/list page (default 30)
  --total-timeout <s>       whole listing (default 60)
  --max-tools <n>           refuse listings with more tools (default 1000)
  --max-bytes <n>           refuse listings with more JSON bytes (default 4000000)
  --skip-non-json-stdout    skip stdout lines that are not JSON (startup banners) instead of failing, as
                            the MCP SDK's client does; the content file's provenance notes say so`;

class UsageError extends Error {}

const OPTIONS = {
	list: { type: 'string' },
	out: { type: 'string' },
	report: { type: 'string' },
	cache: { type: 'string' },
	concurrency: { type: 'string' },
	failed: { type: 'boolean' },
	new: { type: 'boolean' },
	outcome: { type: 'string', multiple: true },
	limit: { type: 'string' },
	rescan: { type: 'boolean' },
	'keep-installs': { type: 'boolean' },
	'install-timeout': { type: 'string' },
	'connect-timeout': { type: 'string' },
	'page-timeout': { type: 'string' },
	'total-timeout': { type: 'string' },
	'max-tools': { type: 'string' },
	'max-bytes': { type: 'string' },
	'skip-non-json-stdout': { type: 'boolean' },
	help: { type: 'boolean', short: 'h' },
} as const;

function positive(values: Record<string, unknown>, key: string, fallback: number): number {
	const raw = values[key];
	if (raw === undefined) return fallback;
	const n = Number(raw);
	if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${key}: expected a positive number, got ${JSON.stringify(raw)}`);
	return n;
}

async function main(argv: string[]): Promise<number> {
	let parsed;
	try {
		parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
	} catch (error) {
		throw new UsageError((error as Error).message);
	}
	const { values, positionals } = parsed;
	if (values.help) {
		console.log(USAGE);
		return 0;
	}
	const cwd = process.cwd();
	const listFile = values.list ? resolveFrom(cwd, values.list) : join(ROOT, 'content', 'scan', 'servers.tsv');
	const outDir = values.out ? resolveFrom(cwd, values.out) : join(ROOT, 'content', 'servers');
	const reportFile = values.report ? resolveFrom(cwd, values.report) : join(ROOT, 'content', 'scan', 'report.json');
	const cacheDir = values.cache ? resolveFrom(cwd, values.cache) : join(ROOT, '.cache', 'scan');
	const concurrency = Math.floor(positive(values, 'concurrency', 2));

	let entries: ServerListEntry[] = parseServerList(readFileSync(listFile, 'utf8'), listFile);
	let report = readReport(reportFile);
	const last = new Map(report.records.map((r) => [r.package, r.outcome]));
	if (positionals.length > 0) {
		const wanted = new Set(positionals.map(packageKey));
		const unknown = [...wanted].filter((w) => !entries.some((e) => packageKey(e.package) === w));
		if (unknown.length > 0) throw new UsageError(`not in ${listFile}: ${unknown.join(', ')}`);
		entries = entries.filter((e) => wanted.has(packageKey(e.package)));
	}
	if (values.new) entries = entries.filter((e) => !last.has(packageKey(e.package)));
	if (values.failed) entries = entries.filter((e) => last.get(packageKey(e.package)) !== 'catalogued');
	if (values.outcome) entries = entries.filter((e) => values.outcome?.includes(last.get(packageKey(e.package)) ?? ''));
	if (values.limit !== undefined) entries = entries.slice(0, Math.floor(positive(values, 'limit', entries.length)));

	const progress = new Progress(entries.length, process.stderr.isTTY === true);
	progress.line(`scanning ${entries.length} package${entries.length === 1 ? '' : 's'} from ${listFile}, ${concurrency} at once`);
	const started = Date.now();
	const records = await runBatch(entries, {
		outDir,
		cacheDir,
		listDir: dirname(listFile),
		concurrency,
		installTimeoutMs: positive(values, 'install-timeout', 180) * 1000,
		list: {
			connectTimeoutMs: positive(values, 'connect-timeout', 30) * 1000,
			pageTimeoutMs: positive(values, 'page-timeout', 30) * 1000,
			totalTimeoutMs: positive(values, 'total-timeout', 60) * 1000,
			maxTools: Math.floor(positive(values, 'max-tools', 1000)),
			maxBytes: Math.floor(positive(values, 'max-bytes', 4_000_000)),
			...(values['skip-non-json-stdout'] ? { skipNonJsonLines: true } : {}),
		},
		rescan: values.rescan === true,
		keepInstalls: values['keep-installs'] === true,
		recordRescan,
		onStart: (entry) => progress.start(entry.package),
		onRecord: (record, entry) => {
			// Saved after every package, so an interrupted batch keeps what it found.
			report = mergeReport(readReport(reportFile), [record], new Date());
			writeReport(reportFile, report);
			progress.finish(entry.package, record);
		},
		log: (line) => progress.line(line),
	});
	progress.end();
	const counts = outcomeCounts(records);
	const tools = records.reduce((n, r) => n + (r.outcome === 'catalogued' ? (r.tools ?? 0) : 0), 0);
	console.log(
		`${records.length} packages in ${Math.round((Date.now() - started) / 1000)} s: ` +
			Object.entries(counts)
				.filter(([, n]) => n > 0)
				.map(([o, n]) => `${n} ${o}`)
				.join(', ') +
			`; ${tools} tools catalogued. Report: ${reportFile}`,
	);
	return 0;
}

/** Progress: a status line rewritten in place on a terminal, plain lines otherwise. */
class Progress {
	readonly #total: number;
	readonly #tty: boolean;
	readonly #running = new Set<string>();
	#done = 0;
	#failed = 0;
	constructor(total: number, tty: boolean) {
		this.#total = total;
		this.#tty = tty;
	}

	#status(): string {
		const remaining = this.#total - this.#done - this.#failed;
		return `[${this.#done + this.#failed}/${this.#total}] catalogued ${this.#done} · failed ${this.#failed} · remaining ${remaining} · running ${[...this.#running].join(', ') || '-'}`;
	}

	#redraw(): void {
		if (this.#tty) process.stderr.write(`\r\u001b[K${this.#status().slice(0, (process.stderr.columns || 120) - 1)}`);
	}

	line(text: string): void {
		if (this.#tty) process.stderr.write('\r\u001b[K');
		process.stderr.write(`${text}\n`);
		this.#redraw();
	}

	start(pkg: string): void {
		this.#running.add(pkg);
		if (!this.#tty) process.stderr.write(`start ${pkg}\n`);
		this.#redraw();
	}

	finish(pkg: string, record: ScanRecord): void {
		this.#running.delete(pkg);
		if (record.outcome === 'catalogued') this.#done += 1;
		else this.#failed += 1;
		const first = record.reason.split('\n')[0] ?? '';
		const what = `${record.outcome}${record.outcome === 'catalogued' ? ` (${record.tools} tools)` : ''}`;
		const head = `${record.package}${record.version ? `@${record.version}` : ''} ${what} in ${(record.durationMs / 1000).toFixed(1)} s: ${first.slice(0, 200)}`;
		this.line(this.#tty ? head : `${head}\n  ${this.#status()}`);
	}

	end(): void {
		if (this.#tty) process.stderr.write('\r\u001b[K');
	}
}

// Ctrl-C or a kill: exit through process.exit so the scanner's exit hook kills every server's process group.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

try {
	process.exitCode = await main(process.argv.slice(2));
} catch (error) {
	if (error instanceof UsageError) {
		console.error(`scan:batch: ${error.message}\n\n${USAGE}`);
	} else {
		console.error(`scan:batch: ${error instanceof Error ? error.message : String(error)}`);
	}
	process.exitCode = 2;
}
