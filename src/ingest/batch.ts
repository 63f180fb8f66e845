/**
 * The batch scan pipeline's core (scripts/batch-scan.ts is the command line around it): for every
 * package of a server list, resolve and install it, find its executable, give it placeholders for the
 * environment variables it documents, list its tools with the scanner (src/ingest/scan.ts) and record
 * one outcome per package. A bounded pool runs a few at once.
 *
 * Guarantees: a failed package never writes or changes a content file (the scanner writes atomically,
 * and only after the listing validated); a catalogued file is kept when its re-scan fails; every
 * package gets exactly one record, whatever it does (hangs, crashes, floods stdout, is not a server).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { chmod, chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { parseOrThrow } from '../lib/content/errors.ts';
import { scanReportSchema, type ScanOutcome, type ScanRecord, type ScanReport } from '../lib/content/scan-report.ts';
import type { ServerFile } from '../lib/content/server.ts';
import { parseServerFile } from '../lib/content/server-file.ts';
import { ScanError, type ListOptions } from './mcp-list.ts';
import {
	declaredBins,
	isoSeconds,
	makeSandbox,
	npmPlan,
	packageInfo,
	resolveAndInstall,
	resolveVersion,
	SCANNER,
	scanToServerFile,
	slugFromPackage,
	type ArgSpec,
	type EnvSpec,
	type InstalledPackage,
} from './scan.ts';
import { writeFileAtomic } from './write-atomic.ts';

/** A loopback service a server needs to start. */
export const SERVICES = ['postgres', 'redis'] as const;
export type ServiceKind = (typeof SERVICES)[number];

/** The placeholder a content file records for a loopback service URL (what the docs of such servers show). */
const SERVICE_PLACEHOLDER: Record<ServiceKind, string> = {
	postgres: 'postgresql://localhost/mydb',
	redis: 'redis://localhost:6379',
};

/** One line of `content/scan/servers.tsv`. */
export interface ServerListEntry {
	/** npm package name (optionally `@version`), or a path to a local package folder (tests, no network). */
	package: string;
	slug?: string;
	bin?: string;
	/** Server arguments; `{tmpdir}`, `{tmpdir:/placeholder}`, `{postgres}` and `{redis}` are substituted. */
	args: string[];
	/** Environment variables to set besides the detected ones: `NAME` or `NAME=placeholder`. */
	env: { name: string; value?: string }[];
	service?: ServiceKind;
	notes?: string;
	/** 1-based line number in the list, for messages. */
	line: number;
}

export const LIST_COLUMNS = ['package', 'slug', 'bin', 'args', 'env', 'service', 'notes'] as const;

/**
 * Parses the server list: tab-separated, a header line naming the columns (any order, `package`
 * required), `#` comment lines and blank lines ignored. Throws with the line number on bad input.
 */
export function parseServerList(text: string, file: string): ServerListEntry[] {
	const lines = text.split(/\r?\n/);
	const headerIndex = lines.findIndex((l) => l.trim() !== '' && !l.startsWith('#'));
	if (headerIndex === -1) throw new Error(`${file}: empty list (expected a header line: ${LIST_COLUMNS.join('\t')})`);
	const header = (lines[headerIndex] as string).split('\t').map((h) => h.trim());
	const unknown = header.filter((h) => !(LIST_COLUMNS as readonly string[]).includes(h));
	if (unknown.length > 0 || !header.includes('package')) {
		throw new Error(
			`${file}:${headerIndex + 1}: expected a header of the columns ${LIST_COLUMNS.join(', ')} (package required); found ${header.join(', ')}`,
		);
	}
	const entries: ServerListEntry[] = [];
	const seen = new Map<string, number>();
	for (let i = headerIndex + 1; i < lines.length; i++) {
		const raw = lines[i] as string;
		if (raw.trim() === '' || raw.startsWith('#')) continue;
		const cells = raw.split('\t');
		const cell = (name: (typeof LIST_COLUMNS)[number]): string => {
			const at = header.indexOf(name);
			return at === -1 ? '' : (cells[at] ?? '').trim();
		};
		const where = `${file}:${i + 1}`;
		const pkg = cell('package');
		if (!pkg) throw new Error(`${where}: package: expected an npm package name or a local folder`);
		const key = packageKey(pkg);
		if (seen.has(key)) throw new Error(`${where}: package ${pkg} is already listed on line ${seen.get(key)}`);
		seen.set(key, i + 1);
		const service = cell('service');
		if (service && !(SERVICES as readonly string[]).includes(service))
			throw new Error(`${where}: service: expected one of ${SERVICES.join(', ')} or nothing, found ${JSON.stringify(service)}`);
		const env = cell('env')
			.split(',')
			.map((e) => e.trim())
			.filter(Boolean)
			.map((e) => {
				const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?$/.exec(e);
				if (!m) throw new Error(`${where}: env: expected NAME or NAME=placeholder, comma-separated; found ${JSON.stringify(e)}`);
				return m[2] === undefined ? { name: m[1] as string } : { name: m[1] as string, value: m[2] };
			});
		const slug = cell('slug');
		if (slug && !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug))
			throw new Error(`${where}: slug: expected lower-case letters, digits and single hyphens`);
		const bin = cell('bin');
		const notes = cell('notes');
		entries.push({
			package: pkg,
			args: cell('args').split(/\s+/).filter(Boolean),
			env,
			line: i + 1,
			...(slug ? { slug } : {}),
			...(bin ? { bin } : {}),
			...(service ? { service: service as ServiceKind } : {}),
			...(notes ? { notes } : {}),
		});
	}
	return entries;
}

/** Whether a list entry names a local package folder rather than an npm package. */
export function isLocalPackage(spec: string): boolean {
	return spec.startsWith('/') || spec.startsWith('./') || spec.startsWith('../');
}

/** The package name without a version (`@a/b@1.2` -> `@a/b`); local paths stay as they are. */
export function packageKey(spec: string): string {
	if (isLocalPackage(spec)) return spec;
	const at = spec.indexOf('@', spec.startsWith('@') ? 1 : 0);
	return at === -1 ? spec : spec.slice(0, at);
}

const ENV_NAME = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_(?:API_KEY|APIKEY|KEY|TOKEN|SECRET|PASSWORD|PAT|URL|URI|DSN)\b/g;
const ENV_IGNORED = /^(?:YOUR|MY|EXAMPLE|SOME|THE|NPM|NODE|HTTP|HTTPS|NO|ALL)_|^(?:PUBLIC_URL|BASE_URL)$/;
const MAX_ENV = 12;

/**
 * Environment variable names a package documents for credentials and endpoints: names ending in
 * `_API_KEY`, `_KEY`, `_TOKEN`, `_SECRET`, `_PASSWORD`, `_PAT`, `_URL`, `_URI` or `_DSN` in its README
 * and package.json, in order of first mention, at most 12. Names only: values are never read.
 */
export function detectEnvNames(texts: readonly string[]): string[] {
	const names: string[] = [];
	for (const text of texts) {
		for (const m of text.matchAll(ENV_NAME)) {
			const name = m[0];
			if (ENV_IGNORED.test(name) || names.includes(name)) continue;
			names.push(name);
			if (names.length >= MAX_ENV) return names;
		}
	}
	return names;
}

/** Whether the variable holds a secret (a key, token, password) rather than an address. */
export function isSecretName(name: string): boolean {
	return !/_(?:URL|URI)$/.test(name);
}

/** A placeholder value for a variable: loopback service URLs for database URLs, a closed port for other URLs. */
export function placeholderValue(name: string, services: Partial<Record<ServiceKind, string>>): string {
	if (/_(?:URL|URI|DSN)$/.test(name)) {
		if (/REDIS/.test(name) && services.redis) return services.redis;
		if (/POSTGRES|PG|DATABASE|DB_/.test(name) && services.postgres) return services.postgres;
		if (/_DSN$/.test(name)) return services.postgres ?? 'postgresql://127.0.0.1:9/placeholder';
		return 'http://127.0.0.1:9/';
	}
	return 'toolrisk-placeholder-not-a-real-credential';
}

/** Which executable to start, or why none is an MCP server. */
export function chooseBin(packageName: string, bins: Record<string, string>, wanted?: string): { bin: string } | { notAServer: string } {
	const names = Object.keys(bins);
	if (wanted !== undefined) {
		return bins[wanted] !== undefined
			? { bin: wanted }
			: { notAServer: `it has no executable named ${JSON.stringify(wanted)} (it has ${names.join(', ') || 'none'})` };
	}
	if (names.length === 0)
		return { notAServer: 'it declares no executable ("bin" in package.json): a library or SDK, not a server to start' };
	if (names.length === 1) return { bin: names[0] as string };
	const base = packageName.split('/').pop() ?? packageName;
	if (bins[base] !== undefined && /mcp|server/i.test(base)) return { bin: base };
	const mcp = names.filter((n) => /mcp/i.test(n));
	const server = mcp.filter((n) => /server|stdio/i.test(n));
	if (server.length === 1) return { bin: server[0] as string };
	if (mcp.length === 1) return { bin: mcp[0] as string };
	if (bins[base] !== undefined) return { bin: base };
	return { notAServer: `it has several executables (${names.join(', ')}) and none is named for an MCP server; name one in the bin column` };
}

/** How to run an executable: with our Node when it is JavaScript, directly otherwise. */
export function commandFor(binPath: string): { command: string; prefix: string[] } {
	let head: string;
	try {
		head = readFileSync(binPath, { encoding: 'latin1' }).slice(0, 200);
	} catch {
		return { command: process.execPath, prefix: [binPath] };
	}
	const shebang = head.startsWith('#!') ? (head.split('\n')[0] ?? '') : '';
	if (head.startsWith('\u007fELF') || (shebang && !/\bnode\b|\bbun\b|\btsx\b/.test(shebang))) return { command: binPath, prefix: [] };
	return { command: process.execPath, prefix: [binPath] };
}

/** Words a server prints when it refuses to start without real credentials. */
const AUTH_TEXT =
	/unauthori[sz]ed|oauth|client[ _-]?secret|service[ _-]account|authenticat|credential|api[ _-]?key|access[ _-]?token|\btoken\b|\b40[13]\b|forbidden|invalid (?:api )?key|environment variable|env(?:ironment)? var|not configured|login required|please (?:log ?in|sign in)/i;
/** Words of a command-line tool's help or usage text. */
const CLI_TEXT =
	/\busage\b|options:|commands:|description:|--help|unknown (?:command|option|argument)|missing (?:required )?(?:argument|command)|required command|specify a command|too many arguments|Run .* --help/i;

/** Maps a failed scan to a report outcome. */
export function outcomeOfError(error: unknown, envNames: readonly string[]): { outcome: ScanOutcome; reason: string } {
	if (!(error instanceof ScanError)) {
		return { outcome: 'crashed', reason: `the pipeline failed on this package: ${error instanceof Error ? error.message : String(error)}` };
	}
	const text = error.message;
	const mentionsEnv = envNames.some((n) => text.includes(n));
	const authLike = mentionsEnv || AUTH_TEXT.test(error.stderrTail) || AUTH_TEXT.test(text.split('\nLast lines')[0] ?? '');
	switch (error.kind) {
		case 'install':
			return { outcome: 'install-failed', reason: text };
		case 'spawn':
			return { outcome: 'crashed', reason: text };
		case 'timeout':
			if (error.phase === 'connect' && authLike)
				return { outcome: 'needs-credentials', reason: `no answer while starting, and it asks for credentials: ${text}` };
			return { outcome: 'timed-out', reason: text };
		case 'crashed':
			if (authLike) return { outcome: 'needs-credentials', reason: `it exited on the placeholder credentials: ${text}` };
			if (error.phase === 'connect' && / exited with code 0 /.test(text))
				return { outcome: 'not-a-server', reason: `it exited at once without speaking MCP on stdio: ${text}` };
			if (error.phase === 'connect' && CLI_TEXT.test(text))
				return { outcome: 'not-a-server', reason: `it behaves like a command-line tool, not an MCP stdio server: ${text}` };
			return { outcome: 'crashed', reason: text };
		case 'protocol':
			if (error.phase === 'connect' && /not JSON to stdout/.test(text) && CLI_TEXT.test(text)) {
				return { outcome: 'not-a-server', reason: `it printed command-line help instead of speaking MCP on stdio: ${text}` };
			}
			if (error.phase === 'connect' && authLike && /answered with an error/.test(text))
				return { outcome: 'needs-credentials', reason: text };
			return { outcome: 'invalid-output', reason: text };
		case 'http':
		case 'too-large':
		case 'cursor-loop':
		case 'duplicate-tools':
		case 'invalid':
			return { outcome: 'invalid-output', reason: text };
	}
}

/** Thrown from the write hook: the listing succeeded but must not be written. */
class NotWritten extends Error {
	readonly outcome: ScanOutcome | 'unchanged';
	readonly tools: number;
	constructor(outcome: ScanOutcome | 'unchanged', message: string, tools: number) {
		super(message);
		this.outcome = outcome;
		this.tools = tools;
	}
}

/** The content files already in the catalogue: which npm package each slug belongs to. */
export interface CatalogueIndex {
	/** slug -> npm package name (undefined for files of another kind). */
	slugs: Map<string, string | undefined>;
	/** npm package name -> slug. */
	byPackage: Map<string, string>;
}

/** Reads the npm package of every content file (without validating: the build does that). */
export function indexCatalogue(outDir: string): CatalogueIndex {
	const slugs = new Map<string, string | undefined>();
	const byPackage = new Map<string, string>();
	if (!existsSync(outDir)) return { slugs, byPackage };
	for (const name of readdirSync(outDir).sort()) {
		if (!name.endsWith('.json') || name.startsWith('.')) continue;
		const slug = name.slice(0, -'.json'.length);
		let pkg: string | undefined;
		try {
			const data = JSON.parse(readFileSync(join(outDir, name), 'utf8')) as { distributions?: { kind?: string; package?: string }[] };
			pkg = data.distributions?.find((d) => d.kind === 'npm')?.package;
		} catch {
			pkg = undefined;
		}
		slugs.set(slug, pkg);
		if (pkg !== undefined && !byPackage.has(pkg)) byPackage.set(pkg, slug);
	}
	return { slugs, byPackage };
}

/**
 * Gives every entry a slug: its own, the slug of its existing content file, or one from its name that
 * no other file or entry holds (`-npm`, then `-2`, `-3`... appended on a clash).
 */
export function assignSlugs(entries: readonly { key: string; name: string; slug?: string }[], index: CatalogueIndex): Map<string, string> {
	const taken = new Set(index.slugs.keys());
	const out = new Map<string, string>();
	for (const e of entries) {
		const existing = index.byPackage.get(e.name);
		if (e.slug !== undefined) {
			out.set(e.key, e.slug);
			taken.add(e.slug);
			continue;
		}
		if (existing !== undefined) {
			out.set(e.key, existing);
			continue;
		}
		const base = slugFromPackage(e.name) || 'server';
		let slug = base;
		if (taken.has(slug)) slug = `${base}-npm`;
		for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
		taken.add(slug);
		out.set(e.key, slug);
	}
	return out;
}

/** Loopback services, started on first use and stopped by `stopAll`. */
export class Services {
	readonly #started = new Map<ServiceKind, Promise<{ url: string; stop: () => Promise<void> }>>();
	readonly #log: (line: string) => void;
	constructor(log: (line: string) => void = () => {}) {
		this.#log = log;
	}

	/** The URL of a running service of that kind, starting it if needed. */
	async url(kind: ServiceKind): Promise<string> {
		let running = this.#started.get(kind);
		if (!running) {
			running = kind === 'postgres' ? startPostgres(this.#log) : startRedis(this.#log);
			this.#started.set(kind, running);
		}
		return (await running).url;
	}

	async stopAll(): Promise<void> {
		for (const [, running] of this.#started) {
			try {
				await (await running).stop();
			} catch {
				// it failed to start; nothing to stop
			}
		}
		this.#started.clear();
	}
}

/** Synchronous stops of running services, run if this process exits first (Ctrl-C, a kill). */
const exitStops = new Set<() => void>();
process.once('exit', () => {
	for (const stop of exitStops) stop();
});

async function freePort(): Promise<number> {
	return new Promise((resolvePort, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolvePort(port));
		});
	});
}

async function waitForPort(port: number, ms: number): Promise<boolean> {
	const until = Date.now() + ms;
	while (Date.now() < until) {
		const ok = await new Promise<boolean>((done) => {
			const socket = connect(port, '127.0.0.1');
			socket.once('connect', () => {
				socket.destroy();
				done(true);
			});
			socket.once('error', () => done(false));
		});
		if (ok) return true;
		await new Promise((r) => setTimeout(r, 100));
	}
	return false;
}

function findPgBin(name: string): string {
	for (const dir of [
		'/usr/lib/postgresql/17/bin',
		'/usr/lib/postgresql/16/bin',
		'/usr/lib/postgresql/15/bin',
		'/usr/local/bin',
		'/usr/bin',
	]) {
		if (existsSync(join(dir, name))) return join(dir, name);
	}
	throw new Error(`${name} not found: install PostgreSQL (apt-get install -y postgresql)`);
}

/** A throwaway PostgreSQL cluster on a free loopback port (trust auth, run as `postgres` when we are root). */
async function startPostgres(log: (line: string) => void): Promise<{ url: string; stop: () => Promise<void> }> {
	const root = await mkdtemp(join(tmpdir(), 'toolrisk-pg-'));
	const data = join(root, 'data');
	const asRoot = process.getuid?.() === 0;
	const run = (bin: string, args: string[]): void => {
		const [cmd, full] = asRoot ? ['runuser', ['-u', 'postgres', '--', findPgBin(bin), ...args]] : [findPgBin(bin), args];
		const r = spawnSync(cmd as string, full as string[], { encoding: 'utf8', timeout: 60_000 });
		if (r.status !== 0) throw new Error(`${bin} failed: ${(r.stderr || r.stdout || r.error?.message || '').slice(-800)}`);
	};
	if (asRoot) {
		const pw = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
		const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
		await chmod(root, 0o755);
		await chown(root, Number(pw.stdout.trim()), Number(gid.stdout.trim()));
	}
	const port = await freePort();
	run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
	run('pg_ctl', [
		'-D',
		data,
		'-l',
		join(root, 'log'),
		'-w',
		'-t',
		'30',
		'-o',
		`-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off`,
		'start',
	]);
	log(`started PostgreSQL on 127.0.0.1:${port}`);
	const stopSync = (): void => {
		exitStops.delete(stopSync);
		try {
			run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
		} finally {
			rmSync(root, { recursive: true, force: true });
		}
	};
	exitStops.add(stopSync);
	return {
		url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
		stop: async () => {
			stopSync();
			log('stopped PostgreSQL');
		},
	};
}

/** A throwaway Redis on a free loopback port, no persistence. */
async function startRedis(log: (line: string) => void): Promise<{ url: string; stop: () => Promise<void> }> {
	const port = await freePort();
	const bin = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));
	if (!bin) throw new Error('redis-server not found: install it (apt-get install -y redis-server)');
	const dir = await mkdtemp(join(tmpdir(), 'toolrisk-redis-'));
	const child: ChildProcess = spawn(
		bin,
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'yes'],
		{
			stdio: 'ignore',
		},
	);
	if (!(await waitForPort(port, 10_000))) {
		child.kill('SIGKILL');
		throw new Error('redis-server did not start within 10 s');
	}
	log(`started Redis on 127.0.0.1:${port}`);
	const killSync = (): void => {
		exitStops.delete(killSync);
		child.kill('SIGKILL');
		rmSync(dir, { recursive: true, force: true });
	};
	exitStops.add(killSync);
	return {
		url: `redis://127.0.0.1:${port}`,
		stop: async () => {
			child.kill('SIGTERM');
			await new Promise((r) => setTimeout(r, 200));
			killSync();
			log('stopped Redis');
		},
	};
}

export interface BatchOptions {
	/** Content folder (default content/servers). */
	outDir: string;
	/** npm install cache. */
	cacheDir: string;
	/** Folder local package paths in the list are relative to. */
	listDir: string;
	concurrency: number;
	installTimeoutMs: number;
	list: ListOptions;
	/** Re-scan packages that already have a content file (default: keep them and record them as catalogued). */
	rescan: boolean;
	/** Keep installed packages in the cache after scanning (default: remove them to save space). */
	keepInstalls: boolean;
	/** Combines a previous content file with its re-scan (history, first scan date). */
	recordRescan?: (previous: ServerFile | undefined, next: ServerFile) => ServerFile;
	/** Called when a package starts and when it finishes. */
	onStart?: (entry: ServerListEntry) => void;
	onRecord?: (record: ScanRecord, entry: ServerListEntry) => void;
	log?: (line: string) => void;
	now?: () => Date;
}

/** Scans every entry with a bounded pool; returns one record per entry, in list order. */
export async function runBatch(entries: readonly ServerListEntry[], options: BatchOptions): Promise<ScanRecord[]> {
	const index = indexCatalogue(options.outDir);
	const named = entries.map((e) => ({
		entry: e,
		key: packageKey(e.package),
		name: localName(e, options.listDir) ?? packageKey(e.package),
	}));
	const slugs = assignSlugs(
		named.map((n) => ({ key: n.key, name: n.name, ...(n.entry.slug ? { slug: n.entry.slug } : {}) })),
		index,
	);
	const services = new Services(options.log);
	const records: ScanRecord[] = new Array(entries.length);
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < named.length) {
			const i = next++;
			const item = named[i]!;
			options.onStart?.(item.entry);
			const record = await scanEntry(item.entry, item.name, slugs.get(item.key) as string, index, services, options);
			records[i] = record;
			options.onRecord?.(record, item.entry);
		}
	};
	try {
		await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, named.length)) }, () => worker()));
	} finally {
		await services.stopAll();
	}
	return records;
}

/** The package.json name of a local package folder. */
function localName(entry: ServerListEntry, listDir: string): string | undefined {
	if (!isLocalPackage(entry.package)) return undefined;
	try {
		const manifest = JSON.parse(readFileSync(join(resolveLocal(entry.package, listDir), 'package.json'), 'utf8')) as { name?: unknown };
		return typeof manifest.name === 'string' ? manifest.name : undefined;
	} catch {
		return undefined;
	}
}

function resolveLocal(path: string, listDir: string): string {
	return isAbsolute(path) ? path : resolve(listDir, path);
}

/** Scans one entry; never throws. */
async function scanEntry(
	entry: ServerListEntry,
	name: string,
	slug: string,
	index: CatalogueIndex,
	services: Services,
	options: BatchOptions,
): Promise<ScanRecord> {
	const started = Date.now();
	const now = options.now ?? (() => new Date());
	const existingFile = join(options.outDir, `${slug}.json`);
	const hasExisting = index.slugs.has(slug) && existsSync(existingFile);
	let version: string | undefined;
	let bin: string | undefined;
	let envNames: string[] = [];
	const finish = (outcome: ScanOutcome, reason: string, extra: Partial<ScanRecord> = {}): ScanRecord => {
		const keep = outcome !== 'catalogued' && hasExisting;
		return {
			package: name,
			...(version ? { version } : {}),
			...(outcome === 'catalogued' || keep ? { slug } : {}),
			outcome,
			reason: keep ? `${reason}\nThe content file from an earlier scan (${slug}.json) was kept unchanged.` : reason,
			...(bin ? { bin } : {}),
			...(envNames.length > 0 ? { env: envNames } : {}),
			...(keep ? { keptPrevious: true } : {}),
			...extra,
			durationMs: Date.now() - started,
			date: isoSeconds(now()),
		};
	};

	if (hasExisting && !options.rescan) {
		try {
			const previous = parseServerFile(JSON.parse(await readFile(existingFile, 'utf8')), existingFile);
			const d = previous.distributions.find((x) => x.kind === 'npm');
			if (d && 'version' in d && d.version) version = d.version;
			return finish(
				'catalogued',
				`already catalogued in ${slug}.json (scanned ${previous.provenance.obtainedAt}); not re-scanned (use --rescan)`,
				{ tools: previous.tools.length },
			);
		} catch (error) {
			return finish(
				'invalid-output',
				`the existing content file ${slug}.json does not validate, so it was not re-scanned: ${(error as Error).message}`,
			);
		}
	}

	let installed: InstalledPackage;
	const local = isLocalPackage(entry.package);
	try {
		if (local) {
			const pkgDir = resolveLocal(entry.package, options.listDir);
			const manifest = JSON.parse(await readFile(join(pkgDir, 'package.json'), 'utf8')) as Record<string, unknown>;
			if (typeof manifest['name'] !== 'string' || typeof manifest['version'] !== 'string')
				throw new ScanError('install', `${pkgDir}/package.json: expected a name and a version`);
			installed = { name: manifest['name'], version: manifest['version'], installDir: pkgDir, pkgDir, manifest };
		} else {
			const resolved = await resolveVersion(entry.package, 60_000);
			version = resolved.version;
			// The registry's manifest tells a library from a server before anything is downloaded.
			const bins = declaredBins(resolved.name, { bin: resolved.bin });
			const early = chooseBin(resolved.name, bins, entry.bin);
			if ('notAServer' in early) return finish('not-a-server', `${resolved.name}@${resolved.version}: ${early.notAServer}`);
			installed = await resolveAndInstall(entry.package, options.cacheDir, { installTimeoutMs: options.installTimeoutMs, resolved });
		}
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		return finish('install-failed', error instanceof ScanError ? message : `could not read the package: ${message}`);
	}
	version = installed.version;
	try {
		const choice = chooseBin(installed.name, declaredBins(installed.name, installed.manifest), entry.bin);
		if ('notAServer' in choice) return finish('not-a-server', `${installed.name}@${installed.version}: ${choice.notAServer}`);
		bin = choice.bin;
		const info = packageInfo(installed, bin);

		// Loopback services and placeholders.
		const serviceUrls: Partial<Record<ServiceKind, string>> = {};
		const wanted = new Set<ServiceKind>(entry.service ? [entry.service] : []);
		for (const a of entry.args) for (const k of SERVICES) if (a.includes(`{${k}}`)) wanted.add(k);
		for (const k of wanted) serviceUrls[k] = await services.url(k);
		const args: ArgSpec[] = entry.args.map((a) => substituteArg(a, serviceUrls));
		const docs = readDocs(installed.pkgDir);
		const explicit = entry.env.map((e) => e.name);
		envNames = [...explicit, ...detectEnvNames(docs).filter((n) => !explicit.includes(n))];
		const env: EnvSpec[] = envNames.map((n) => {
			const given = entry.env.find((e) => e.name === n)?.value;
			const value = given === undefined ? placeholderValue(n, serviceUrls) : substituteText(given, serviceUrls);
			return { name: n, value, required: explicit.includes(n), secret: isSecretName(n) };
		});
		const detected = envNames.filter((n) => !explicit.includes(n));
		const note = [
			detected.length > 0 ? `The variable names ${detected.join(', ')} were found in the package's README or package.json.` : '',
			entry.notes ?? '',
		]
			.filter(Boolean)
			.join(' ');

		const sandbox = await makeSandbox(args, env);
		try {
			const plan = npmPlan(info, sandbox, args, env, { slug, name: installed.name, ...(note ? { note } : {}) });
			const run = commandFor(info.binPath);
			if (plan.target.kind === 'stdio') plan.target = { ...plan.target, command: run.command, args: [...run.prefix, ...sandbox.args] };
			if (local)
				plan.sources = [{ title: `local package ${installed.name}@${installed.version}`, ref: `${installed.name}@${installed.version}` }];
			const result = await scanToServerFile(plan, {
				outDir: options.outDir,
				list: options.list,
				now: now(),
				// The batch compares with the file on disk itself (keeping its curated name, skipping unchanged re-scans).
				previous: false,
				transform: (scanned, _file, listing) => {
					const skipped = listing.skippedStdoutLines ?? 0;
					const server: ServerFile =
						skipped > 0
							? {
									...scanned,
									provenance: {
										...scanned.provenance,
										notes: [
											scanned.provenance.notes,
											`The server wrote ${skipped} line${skipped === 1 ? ' that is' : 's that are'} not JSON to stdout (where only JSON-RPC belongs); the scan skipped ${skipped === 1 ? 'it' : 'them'}, as the MCP SDK's client does. A strict client would fail.`,
										]
											.filter(Boolean)
											.join(' '),
									},
								}
							: scanned;
					if (server.tools.length === 0) {
						throw new NotWritten(
							envNames.length > 0 ? 'needs-credentials' : 'not-a-server',
							envNames.length > 0
								? `it answered initialize but listed no tools with placeholder values for ${envNames.join(', ')}`
								: 'it answered initialize but listed no tools: nothing to catalogue',
							0,
						);
					}
					if (!hasExisting) return server;
					const previous = parseServerFile(JSON.parse(readFileSync(existingFile, 'utf8')), existingFile);
					const kept: ServerFile = {
						...server,
						name: previous.name,
						...(previous.description ? { description: previous.description } : {}),
					};
					const prevVersion = previous.distributions.find((x) => x.kind === 'npm');
					if (
						previous.provenance.toolsHash === server.provenance.toolsHash &&
						prevVersion &&
						'version' in prevVersion &&
						prevVersion.version === installed.version
					) {
						throw new NotWritten(
							'unchanged',
							`re-scanned: ${server.tools.length} tools, unchanged since ${previous.provenance.obtainedAt}; file not rewritten`,
							server.tools.length,
						);
					}
					return options.recordRescan ? options.recordRescan(previous, kept) : kept;
				},
			});
			return finish(
				'catalogued',
				`${hasExisting ? 're-scanned' : 'wrote'} ${slug}.json: ${result.server.tools.length} tools in ${result.listing.pages} page(s) from ${result.listing.serverInfo.name}`,
				{
					tools: result.server.tools.length,
				},
			);
		} finally {
			await sandbox.cleanup();
		}
	} catch (error) {
		if (error instanceof NotWritten) {
			if (error.outcome === 'unchanged') return finish('catalogued', error.message, { tools: error.tools });
			return finish(error.outcome, error.message);
		}
		const { outcome, reason } = outcomeOfError(error, envNames);
		return finish(outcome, reason);
	} finally {
		if (!local && !options.keepInstalls) await rm(installed.installDir, { recursive: true, force: true }).catch(() => {});
	}
}

function substituteText(text: string, services: Partial<Record<ServiceKind, string>>): string {
	return text.replace(/\{(postgres|redis)\}/g, (_, k: ServiceKind) => services[k] ?? '');
}

function substituteArg(arg: string, services: Partial<Record<ServiceKind, string>>): ArgSpec {
	const dir = /^\{tmpdir(?::(.+))?\}$/.exec(arg);
	if (dir) return { kind: 'temp-dir', placeholder: dir[1] ?? '/path/to/allowed/dir' };
	const service = /\{(postgres|redis)\}/.exec(arg);
	if (service) {
		return {
			kind: 'substitute',
			value: substituteText(arg, services),
			placeholder: arg.replace(/\{(postgres|redis)\}/g, (_, k: ServiceKind) => SERVICE_PLACEHOLDER[k]),
		};
	}
	return { kind: 'literal', value: arg };
}

/** The README and package.json text of a package (capped), to find documented variable names. */
function readDocs(pkgDir: string): string[] {
	const texts: string[] = [];
	try {
		for (const name of readdirSync(pkgDir)) {
			if (/^readme(\.md|\.markdown|\.txt)?$/i.test(name)) texts.push(readFileSync(join(pkgDir, name), 'utf8').slice(0, 300_000));
		}
	} catch {
		// no folder listing: no docs
	}
	try {
		texts.push(readFileSync(join(pkgDir, 'package.json'), 'utf8').slice(0, 100_000));
	} catch {
		// checked by the caller
	}
	return texts;
}

/** Reads the report, or an empty one. Throws a DataError when it exists but is invalid. */
export function readReport(file: string): ScanReport {
	if (!existsSync(file)) return { scanner: SCANNER, updatedAt: '', records: [] };
	return parseOrThrow(scanReportSchema, JSON.parse(readFileSync(file, 'utf8')), file);
}

/** Replaces the records of the same packages, keeps the others, sorts by package, validates, writes atomically. */
export function mergeReport(previous: ScanReport, records: readonly ScanRecord[], now: Date): ScanReport {
	const byPackage = new Map(previous.records.map((r) => [r.package, r]));
	for (const r of records) byPackage.set(r.package, r);
	const merged = [...byPackage.values()].sort((a, b) => (a.package < b.package ? -1 : a.package > b.package ? 1 : 0));
	return parseOrThrow(scanReportSchema, { scanner: SCANNER, updatedAt: isoSeconds(now), records: merged }, 'report');
}

export function writeReport(file: string, report: ScanReport): void {
	writeFileAtomic(file, `${JSON.stringify(report, null, 2)}\n`);
}
