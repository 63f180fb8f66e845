/**
 * `scan:batch`: scan every package of a server list (default content/scan/servers.tsv) into
 * content/servers/ and record one outcome per package in content/scan/report.json. The batch is
 * src/ingest/batch/run.ts; which packages to scan, src/ingest/batch/select.ts; the progress lines,
 * src/ingest/progress.ts.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { mergeReport, readReport, writeReport } from '../src/ingest/batch/report.ts';
import { BATCH_MAX_TOOLS, batchSandbox, findFallbackNode, runBatch, SandboxUnavailableError } from '../src/ingest/batch/run.ts';
import { parseServerList, type ServerListEntry } from '../src/ingest/batch/server-list.ts';
import { batchSummary, parseShard, selectEntries } from '../src/ingest/batch/select.ts';
import { Progress } from '../src/ingest/batch/progress.ts';
import { resolveFrom } from '../src/ingest/scan.ts';
import { recordRescan } from '../src/lib/content/history.ts';
import { DataError, defineCommand, main } from './lib/cli.ts';

const ROOT = join(import.meta.dirname, '..');

const command = defineCommand({
	name: 'scan:batch',
	usage: ['node scripts/batch-scan.ts [options] [<package> ...]'],
	about:
		'Scans the packages of the server list (or only the ones named) with the scanner: resolve the exact\n' +
		'version, install it into the cache with --ignore-scripts, pick its executable from "bin", start it in a\n' +
		'bubblewrap sandbox (read-only package and runtime, private HOME, no network but its own loopback, where\n' +
		'any PostgreSQL, Redis or MySQL (MariaDB) it needs starts too, resource limits) with an empty environment plus\n' +
		'placeholders for the variables its README documents, list every tools/list page, end the sandbox.\n' +
		'Writes content/servers/<slug>.json atomically for each server that lists\n' +
		'tools, and one record per package in the report. A failure never writes or changes a content file.\n\n' +
		'When a start fails in a way a general change can fix, the batch retries with it and records what it\n' +
		'tried (src/ingest/batch/recover.ts): a longer install limit, the usual subcommands after help text,\n' +
		'placeholders for variables or flags stderr asks for, dummy credential files, stubs for native modules\n' +
		'never built, the system Node after a Node-version crash, quiet variables after a stdout banner.\n\n' +
		'A list entry whose package is a path (./x, ../x, /x) is a local package folder: no network is used.',
	positionals: { name: '<package> ...', description: 'only these packages of the list' },
	options: {
		list: { type: 'string', value: '<file>', description: 'server list, tab-separated (default content/scan/servers.tsv)' },
		out: { type: 'string', value: '<dir>', description: 'content folder (default content/servers)' },
		report: { type: 'string', value: '<file>', description: 'report (default content/scan/report.json)' },
		cache: { type: 'string', value: '<dir>', description: 'install cache (default .cache/scan)' },
		concurrency: { type: 'string', value: '<n>', default: '2', description: 'packages at once' },
		failed: { type: 'boolean', description: 'only packages whose last recorded outcome is not "catalogued"' },
		new: { type: 'boolean', description: 'only packages with no record in the report yet (resume an interrupted batch)' },
		outcome: { type: 'string', multiple: true, value: '<name>', description: 'only packages whose last recorded outcome is this one' },
		limit: { type: 'string', value: '<n>', description: 'only the first n packages (after the filters)' },
		shard: {
			type: 'string',
			value: '<k/N>',
			description: 'only share k of N of what the filters select (matrix jobs; merge with npm run scan:merge)',
		},
		rescan: { type: 'boolean', description: 're-scan packages that already have a content file (default: keep them)' },
		'keep-installs': { type: 'boolean', description: 'keep installed packages in the cache (default: remove each after its scan)' },
		'install-timeout': { type: 'string', value: '<s>', default: '180', description: 'npm install limit' },
		'connect-timeout': { type: 'string', value: '<s>', default: '30', description: 'start + initialize limit' },
		'page-timeout': { type: 'string', value: '<s>', default: '30', description: 'per tools/list page' },
		'total-timeout': { type: 'string', value: '<s>', default: '60', description: 'whole listing' },
		'max-tools': {
			type: 'string',
			value: '<n>',
			default: String(BATCH_MAX_TOOLS),
			description:
				'refuse listings with more tools (more than a server page holds within\nits 150 kB budget; src/ingest/batch/README.md "Limits")',
		},
		'max-bytes': { type: 'string', value: '<n>', default: '4000000', description: 'refuse listings with more JSON bytes' },
		'unsafe-no-sandbox': {
			type: 'boolean',
			description:
				"run servers WITHOUT the bubblewrap sandbox, with your user's rights (their\ncode can read your files and credentials, write anywhere you can, use the\nnetwork); a warning is printed for every package. Without this flag the\nbatch scans nothing when the sandbox is unavailable",
		},
		'no-recover': { type: 'boolean', description: 'no automatic retries (one start per package, as listed)' },
		'skip-non-json-stdout': {
			type: 'boolean',
			description:
				"skip stdout lines that are not JSON-RPC (startup banners) from the first start,\nas the MCP SDK's client does (without it, that is the last recovery); the\ncontent file's provenance notes say so",
		},
	},
	notes: 'Exit codes: 0 the batch ran (whatever the packages did), 1 a bug, 2 bad usage or an invalid list or report.',
});

// Ctrl-C or a kill: exit through process.exit so the scanner's exit hook kills every server's process group.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

/** A list or report that cannot be read or parsed is bad input, reported as such (exit 2), not as a bug. */
function input<T>(file: string, read: () => T): T {
	try {
		return read();
	} catch (error) {
		if (error instanceof DataError) throw error;
		const { code, message } = error as NodeJS.ErrnoException;
		throw new DataError(file, [code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' ? `cannot read the file: ${message}` : message]);
	}
}

await main(
	command,
	async (cli) => {
		const { values } = cli;
		const cwd = process.cwd();
		const listFile = values.list ? resolveFrom(cwd, values.list) : join(ROOT, 'content', 'scan', 'servers.tsv');
		const outDir = values.out ? resolveFrom(cwd, values.out) : join(ROOT, 'content', 'servers');
		const reportFile = values.report ? resolveFrom(cwd, values.report) : join(ROOT, 'content', 'scan', 'report.json');
		const cacheDir = values.cache ? resolveFrom(cwd, values.cache) : join(ROOT, '.cache', 'scan');
		const positive = (name: Parameters<typeof cli.number>[0]) => cli.number(name, { positive: true, expected: 'a positive number' });
		const seconds = (name: Parameters<typeof cli.number>[0]) => positive(name)! * 1000;
		const concurrency = Math.floor(positive('concurrency')!);
		const limit = positive('limit');

		const entries: ServerListEntry[] = input(listFile, () => parseServerList(readFileSync(listFile, 'utf8'), listFile));
		let report = input(reportFile, () => readReport(reportFile));
		const last = new Map(report.records.map((r) => [r.package, r.outcome]));
		const selected = selectEntries(
			entries,
			last,
			{
				packages: cli.positionals,
				new: values.new,
				failed: values.failed,
				outcome: values.outcome,
				limit,
				shard: values.shard === undefined ? undefined : parseShard(values.shard),
			},
			listFile,
		);

		// Fail closed: probe the sandbox before anything is installed or started.
		const sandbox = await batchSandbox(values['unsafe-no-sandbox'] ? { kind: 'none' } : undefined);
		const progress = new Progress(selected.length, process.stderr.isTTY === true, process.stderr);
		progress.line(
			`scanning ${selected.length} package${selected.length === 1 ? '' : 's'} from ${listFile}, ${concurrency} at once, ` +
				(sandbox.kind === 'bubblewrap' ? `each in a sandbox (${sandbox.host.version})` : 'WITHOUT a sandbox'),
		);
		const started = Date.now();
		const records = await runBatch(selected, {
			outDir,
			cacheDir,
			listDir: dirname(listFile),
			concurrency,
			installTimeoutMs: seconds('install-timeout'),
			list: {
				connectTimeoutMs: seconds('connect-timeout'),
				pageTimeoutMs: seconds('page-timeout'),
				totalTimeoutMs: seconds('total-timeout'),
				maxTools: Math.floor(positive('max-tools')!),
				maxBytes: Math.floor(positive('max-bytes')!),
				...(values['skip-non-json-stdout'] ? { skipNonJsonLines: true } : {}),
			},
			rescan: values.rescan === true,
			sandbox,
			recover: values['no-recover'] !== true,
			fallbackNode: values['no-recover'] ? undefined : findFallbackNode(),
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
		console.log(batchSummary(records, Math.round((Date.now() - started) / 1000), reportFile));
		return 0;
	},
	{
		dataErrorExit: 2,
		explain: (error) => (error instanceof SandboxUnavailableError ? { message: error.message, exitCode: 2 } : undefined),
	},
);
