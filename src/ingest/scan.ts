/**
 * The scan command's core: turn a live tool listing into a content file, and prepare the listing of an
 * npm package (resolve an exact version, install it in an isolated cache without running its install
 * scripts, find its executable). Kept apart from the CLI so tests can drive it without spawning one.
 *
 * A content file holds facts about a server that anyone can re-check, so the scan records what it ran
 * (package and exact version, arguments, environment variable names) but never a value it was given:
 * arguments stand for themselves or for a documented placeholder, environment values are placeholders.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { DataError } from '../lib/content/errors.ts';
import { recordRescan } from '../lib/content/history.ts';
import { SLUG_PATTERN, type HistoryEntry, type ServerFile, type ServerFileInput } from '../lib/content/server.ts';
import { buildServerFile, parseServerFile, serializeServerFile } from '../lib/content/server-file.ts';
import { listTools, ScanError, type ListOptions, type ListResult, type ListTarget } from './mcp-list.ts';
import { writeFileAtomic } from './write-atomic.ts';
import { scanOrigin } from '../lib/content/origin.ts';

/** Recorded in `provenance.scan.scanner`; bump when what a scan records changes. */
export const SCANNER = 'toolrisk-scan/1';

type DistributionInput = ServerFileInput['distributions'][number];
type SourceInput = ServerFileInput['provenance']['sources'][number];

/** Everything a scan needs besides the listing itself. */
export interface ScanPlan {
	target: ListTarget;
	/** `provenance.scan.target`: `<package>@<version>`, the URL, or the command line with placeholders. */
	targetLabel: string;
	slug: string;
	/** Defaults to the name the server reports in `serverInfo`. */
	name?: string;
	description?: string;
	homepage?: string;
	repository?: string;
	distribution: DistributionInput;
	sources: SourceInput[];
	notes?: string;
}

export interface ScanToFileOptions {
	/** Folder of content files; created if missing. */
	outDir: string;
	list?: ListOptions;
	/** The scan time to record; defaults to now. */
	now?: Date;
	/**
	 * The content file this scan replaces. By default the output file, when it exists: the re-scan
	 * keeps its identity fields the plan leaves out, its first-catalogued date and its history, and
	 * records what changed (recordRescan). A path reads another file; `false` ignores any existing file
	 * (a fresh first scan that overwrites it and drops its history).
	 */
	previous?: string | false;
	/**
	 * Checks or rewrites the new file before it is written (a re-scan carries the previous file's history
	 * forward); its result is validated again. Throwing a ScanError writes nothing.
	 */
	transform?: (server: ServerFile, file: string, listing: ListResult) => ServerFile;
}

export interface ScanOutput {
	file: string;
	server: ServerFile;
	listing: ListResult;
	/** The content file the scan replaced, when it was a re-scan. */
	previous?: ServerFile;
	/** The history entry this re-scan added, when a tool definition changed. */
	recorded?: HistoryEntry;
}

/**
 * Reads the content file a re-scan replaces. An existing file that is not a valid content file is an
 * error rather than something to overwrite: it may hold history that a fresh scan would lose.
 */
async function readPrevious(path: string, slug: string): Promise<ServerFile> {
	let server: ServerFile;
	try {
		server = parseServerFile(JSON.parse(await readFile(path, 'utf8')), path);
	} catch (error) {
		throw new ScanError(
			'invalid',
			`${path}: the existing content file cannot be read as one (${error instanceof Error ? error.message : String(error)}); fix or remove it, or scan with --fresh to replace it and drop its history`,
			{ cause: error },
		);
	}
	if (server.slug !== slug) throw new ScanError('invalid', `${path}: the previous content file is for "${server.slug}", not "${slug}"`);
	return server;
}

/**
 * Lists the server's tools and writes `<outDir>/<slug>.json` atomically (a temporary file in the same
 * folder, then a rename), so a failed scan never leaves a partial file or touches an existing one.
 * Throws a ScanError; on failure nothing is written.
 */
export async function scanToServerFile(plan: ScanPlan, options: ScanToFileOptions): Promise<ScanOutput> {
	if (!SLUG_PATTERN.test(plan.slug)) {
		throw new ScanError('invalid', `slug ${JSON.stringify(plan.slug)}: expected lower-case letters, digits and single hyphens`);
	}
	const file = join(options.outDir, `${plan.slug}.json`);
	const previousPath = options.previous === false ? undefined : (options.previous ?? (existsSync(file) ? file : undefined));
	// Read before the server starts: a re-scan that could not be recorded is not worth running.
	const previous = previousPath !== undefined ? await readPrevious(previousPath, plan.slug) : undefined;
	const listing = await listTools(plan.target, options.list);
	assertUniqueNames(listing, plan.targetLabel);
	const transport = plan.target.kind === 'stdio' ? 'stdio' : 'streamable-http';
	let server: ServerFile;
	try {
		server = buildServerFile(
			{
				slug: plan.slug,
				// A re-scan keeps the identity the previous file gave unless the plan names a new one.
				name: plan.name ?? previous?.name ?? listing.serverInfo.name,
				...pickIdentity(plan, previous),
				distributions: [plan.distribution],
				provenance: {
					method: 'scan',
					obtainedAt: isoSeconds(options.now ?? new Date()),
					origin: scanOrigin(plan.distribution, plan.targetLabel),
					sources: plan.sources,
					scan: {
						scanner: SCANNER,
						transport,
						target: plan.targetLabel,
						protocolVersion: listing.protocolVersion,
						serverInfo: listing.serverInfo,
						pages: listing.pages,
					},
					completeness: 'complete',
					...(plan.notes ? { notes: plan.notes } : {}),
				},
				tools: listing.tools.map((definition) => ({ definition })),
			},
			file,
		);
	} catch (error) {
		if (error instanceof DataError) {
			throw new ScanError(
				'invalid',
				`${plan.targetLabel}: the listing does not make a valid content file, so nothing was written. ${error.message}`,
				{ cause: error },
			);
		}
		throw error;
	}
	let recorded: HistoryEntry | undefined;
	if (previous) {
		try {
			const merged = parseServerFile(recordRescan(previous, server), file);
			if ((merged.history?.length ?? 0) > (previous.history?.length ?? 0)) recorded = merged.history!.at(-1);
			server = merged;
		} catch (error) {
			throw new ScanError(
				'invalid',
				`${plan.targetLabel}: the re-scan could not be recorded against ${previousPath}, so nothing was written. ${error instanceof Error ? error.message : String(error)}`,
				{ cause: error },
			);
		}
	}
	if (options.transform) {
		const transformed = options.transform(server, file, listing);
		try {
			server = parseServerFile(JSON.parse(serializeServerFile(transformed)), file);
		} catch (error) {
			if (error instanceof DataError) {
				throw new ScanError(
					'invalid',
					`${plan.targetLabel}: the re-scanned file does not validate, so nothing was written. ${error.message}`,
					{ cause: error },
				);
			}
			throw error;
		}
	}
	writeFileAtomic(file, serializeServerFile(server));
	return { file, server, listing, ...(previous ? { previous } : {}), ...(recorded ? { recorded } : {}) };
}

/** description, homepage and repository: from the plan, else from the file a re-scan replaces. */
function pickIdentity(plan: ScanPlan, previous: ServerFile | undefined): Pick<ServerFileInput, 'description' | 'homepage' | 'repository'> {
	const out: Pick<ServerFileInput, 'description' | 'homepage' | 'repository'> = {};
	for (const key of ['description', 'homepage', 'repository'] as const) {
		const value = plan[key] || previous?.[key];
		if (value) out[key] = value;
	}
	return out;
}

/** Two tools with one name cannot be told apart by a client, and a content file rejects them. */
function assertUniqueNames(listing: ListResult, label: string): void {
	const first = new Map<string, number>();
	const clashes: string[] = [];
	listing.tools.forEach((tool, i) => {
		const name = String(tool['name']);
		const at = first.get(name);
		if (at === undefined) first.set(name, i);
		else clashes.push(`${JSON.stringify(name)} (tools ${at + 1} and ${i + 1})`);
	});
	if (clashes.length > 0) {
		throw new ScanError(
			'duplicate-tools',
			`${label}: the server lists more than one tool with the same name: ${clashes.join(', ')}; a content file needs unique tool names, so nothing was written`,
		);
	}
}

/** The scan time, UTC, to the second: `2026-11-22T02:17:36Z`. */
export function isoSeconds(date: Date): string {
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `@modelcontextprotocol/server-memory` -> `modelcontextprotocol-server-memory`. */
export function slugFromPackage(name: string): string {
	return slugify(name.replace(/^@/, ''));
}

/** Lower-case letters and digits joined by single hyphens. */
export function slugify(text: string): string {
	return text
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
}

/**
 * A browsable https URL for an npm `repository` field, or undefined when it is not one: handles
 * `git+https://host/x/y.git`, `git://`, `git@host:x/y.git`, `ssh://git@host/x/y` and the `github:x/y` /
 * `x/y` shorthands. A `directory` is not appended: the repository may have moved it since.
 */
export function normaliseRepositoryUrl(repository: unknown): string | undefined {
	const raw =
		typeof repository === 'string'
			? repository
			: isRecord(repository) && typeof repository['url'] === 'string'
				? repository['url']
				: undefined;
	if (raw === undefined) return undefined;
	let url = raw.trim();
	const shorthand = /^(?:(github|gitlab|bitbucket):)?([\w.-]+\/[\w.-]+)$/.exec(url);
	if (shorthand) {
		const host = { github: 'github.com', gitlab: 'gitlab.com', bitbucket: 'bitbucket.org' }[shorthand[1] ?? 'github'] ?? 'github.com';
		url = `https://${host}/${shorthand[2]}`;
	}
	url = url
		.replace(/^git\+/, '')
		.replace(/^git@([^:]+):/, 'https://$1/')
		.replace(/^(?:git|ssh):\/\/(?:git@)?/, 'https://')
		.replace(/\.git$/, '')
		.replace(/\/+$/, '');
	return httpUrlOrUndefined(url);
}

/** The string when it is an http(s) URL. */
export function httpUrlOrUndefined(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	const url = URL.parse(text);
	return url && (url.protocol === 'https:' || url.protocol === 'http:') ? text : undefined;
}

/** One server argument: itself, or a fresh empty directory recorded under a documented placeholder. */
export type ArgSpec =
	| { kind: 'literal'; value: string }
	| { kind: 'temp-dir'; placeholder: string }
	/** A value made up for this run (a loopback service URL), recorded as the documented placeholder. */
	| { kind: 'substitute'; value: string; placeholder: string };

/** One environment variable: the value is a placeholder passed to the server, never recorded. */
export interface EnvSpec {
	name: string;
	value: string;
	required: boolean;
	secret: boolean;
}

/** What the stdio server runs with, and the temporary folders to remove afterwards. */
export interface Sandbox {
	args: string[];
	storedArgs: string[];
	env: Record<string, string>;
	cwd: string;
	/** The temporary folder holding HOME, the working folder and any temp-dir arguments. */
	root: string;
	cleanup: () => Promise<void>;
}

/**
 * A minimal environment and fresh folders for one stdio run: PATH, HOME (an empty temporary folder, so
 * the server finds no user configuration or credentials), the placeholders, and a temporary working
 * directory. `temp-dir` arguments become further empty folders.
 */
export async function makeSandbox(args: readonly ArgSpec[], env: readonly EnvSpec[]): Promise<Sandbox> {
	const root = await mkdtemp(join(tmpdir(), 'toolrisk-scan-'));
	const cleanup = (): Promise<void> => rm(root, { recursive: true, force: true });
	try {
		const home = join(root, 'home');
		const cwd = join(root, 'work');
		await mkdir(home);
		await mkdir(cwd);
		const runArgs: string[] = [];
		const storedArgs: string[] = [];
		let n = 0;
		for (const arg of args) {
			if (arg.kind === 'literal') {
				runArgs.push(arg.value);
				storedArgs.push(arg.value);
			} else if (arg.kind === 'substitute') {
				runArgs.push(arg.value);
				storedArgs.push(arg.placeholder);
			} else {
				n += 1;
				const dir = join(root, `dir-${n}`);
				await mkdir(dir);
				runArgs.push(dir);
				storedArgs.push(arg.placeholder);
			}
		}
		const runEnv: Record<string, string> = {
			PATH: process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin',
			HOME: home,
			TMPDIR: join(root, 'tmp'),
		};
		await mkdir(runEnv['TMPDIR'] as string);
		for (const e of env) runEnv[e.name] = e.value;
		return { args: runArgs, storedArgs, env: runEnv, cwd, root, cleanup };
	} catch (error) {
		await cleanup();
		throw error;
	}
}

/** Notes for provenance saying which inputs were placeholders: the listing might differ with real ones. */
export function placeholderNotes(args: readonly ArgSpec[], env: readonly EnvSpec[], extra?: string): string | undefined {
	const parts: string[] = [];
	const dirs = args.flatMap((a) => (a.kind === 'temp-dir' ? [a.placeholder] : []));
	if (dirs.length > 0) parts.push(`Scanned with a fresh empty directory in place of ${dirs.map((d) => `"${d}"`).join(', ')}.`);
	const services = args.flatMap((a) => (a.kind === 'substitute' ? [a.placeholder] : []));
	if (services.length > 0)
		parts.push(`Scanned against a fresh empty local service on loopback in place of ${services.map((d) => `"${d}"`).join(', ')}.`);
	if (env.length > 0) {
		parts.push(
			`Scanned with placeholder values (not real credentials) for ${env.map((e) => e.name).join(', ')}; the server was not connected to any real account or service.`,
		);
	}
	if (extra) parts.push(extra);
	return parts.length > 0 ? parts.join(' ') : undefined;
}

/** The npm registry facts a scan records. */
export interface NpmPackageInfo {
	name: string;
	version: string;
	description?: string;
	homepage?: string;
	repository?: string;
	/** Absolute path of the executable that starts the server. */
	binPath: string;
	binName: string;
	/** The install prefix holding `node_modules` (what a sandbox shows of the package). */
	installDir?: string;
}

/** Splits `@scope/name@range` / `name@range` / `name` into name and range (default `latest`). */
export function parsePackageSpec(spec: string): { name: string; range: string } {
	const at = spec.indexOf('@', spec.startsWith('@') ? 1 : 0);
	const name = at === -1 ? spec : spec.slice(0, at);
	const range = at === -1 ? 'latest' : spec.slice(at + 1);
	if (!/^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i.test(name) || range === '') {
		throw new ScanError(
			'install',
			`${JSON.stringify(spec)} is not an npm package spec (expected name, name@version or @scope/name@version)`,
		);
	}
	return { name, range };
}

/** An npm package installed in the scan cache: its exact version, folder and manifest. */
export interface InstalledPackage {
	name: string;
	version: string;
	/** `<cache>/<name>@<version>`: the install prefix (remove it to free the space). */
	installDir: string;
	/** The package's own folder inside `installDir`. */
	pkgDir: string;
	manifest: Record<string, unknown>;
}

/** An exact version of a package and the executables the registry says it declares. */
export interface ResolvedVersion {
	name: string;
	version: string;
	/** `bin` from the registry's manifest of that version (undefined: none declared). */
	bin: Record<string, string> | string | undefined;
}

/** Resolves `spec` to an exact version with `npm view` (no install). Throws an `install` ScanError. */
export async function resolveVersion(spec: string, timeoutMs = 120_000): Promise<ResolvedVersion> {
	const { name, range } = parsePackageSpec(spec);
	const view = await runNpm(['view', `${name}@${range}`, 'version', 'bin', '--json'], undefined, timeoutMs);
	let data: unknown;
	try {
		data = JSON.parse(view.trim() || 'null');
	} catch {
		throw new ScanError('install', `npm view ${name}@${range}: unexpected output ${JSON.stringify(view.slice(0, 200))}`);
	}
	// Several matching versions: npm lists them all, oldest first.
	if (Array.isArray(data)) data = data.at(-1);
	const version = typeof data === 'string' ? data : isRecord(data) ? data['version'] : undefined;
	if (typeof version !== 'string' || version === '') {
		throw new ScanError('install', `npm view ${name}@${range}: no version of ${name} matches ${JSON.stringify(range)}`);
	}
	const bin =
		isRecord(data) && (typeof data['bin'] === 'string' || isRecord(data['bin']))
			? (data['bin'] as Record<string, string> | string)
			: undefined;
	return { name, version, bin };
}

/**
 * Resolves `spec` to an exact version (`npm view`), installs that version into
 * `<cacheRoot>/<package>@<version>` with `--ignore-scripts` (nothing of the package runs during
 * install; a reused cache folder is checked, not reinstalled). Throws an `install` ScanError.
 */
export async function resolveAndInstall(
	spec: string,
	cacheRoot: string,
	limits: { viewTimeoutMs?: number; installTimeoutMs?: number; resolved?: ResolvedVersion } = {},
): Promise<InstalledPackage> {
	const { name, version } = limits.resolved ?? (await resolveVersion(spec, limits.viewTimeoutMs));
	const dir = resolve(cacheRoot, `${name}@${version}`);
	const pkgDir = join(dir, 'node_modules', ...name.split('/'));
	const installed = await readJson(join(pkgDir, 'package.json'));
	if (installed?.['version'] !== version) {
		await rm(dir, { recursive: true, force: true });
		await mkdir(dir, { recursive: true });
		await writeFile(join(dir, 'package.json'), `${JSON.stringify({ name: 'toolrisk-scan-sandbox', private: true }, null, 2)}\n`);
		await runNpm(
			[
				'install',
				'--prefix',
				dir,
				'--ignore-scripts',
				'--no-audit',
				'--no-fund',
				'--save-exact',
				'--loglevel',
				'error',
				`${name}@${version}`,
			],
			dir,
			limits.installTimeoutMs ?? 600_000,
		);
	}
	const pkg = await readJson(join(pkgDir, 'package.json'));
	if (!pkg || pkg['version'] !== version)
		throw new ScanError('install', `${name}@${version}: installed, but ${pkgDir}/package.json is missing or has another version`);
	return { name, version, installDir: dir, pkgDir, manifest: pkg };
}

/** The executables a manifest declares (`bin` as a string or a map), name -> relative path. */
export function declaredBins(name: string, manifest: Record<string, unknown>): Record<string, string> {
	const bin = manifest['bin'];
	if (typeof bin === 'string') return { [name.split('/').pop() ?? name]: bin };
	if (!isRecord(bin)) return {};
	return Object.fromEntries(Object.entries(bin).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** The registry facts of an installed package, with the chosen executable. */
export function packageInfo(pkg: InstalledPackage, binName: string): NpmPackageInfo {
	const bins = declaredBins(pkg.name, pkg.manifest);
	const target = bins[binName];
	if (target === undefined) throw new ScanError('install', `${pkg.name}@${pkg.version} has no executable named ${JSON.stringify(binName)}`);
	const binPath = resolve(pkg.pkgDir, target);
	if (!binPath.startsWith(pkg.pkgDir) || !existsSync(binPath))
		throw new ScanError('install', `${pkg.name}@${pkg.version}: executable ${binName} -> ${target} not found in the package`);
	const m = pkg.manifest;
	const description = typeof m['description'] === 'string' && m['description'].trim() ? m['description'].trim() : undefined;
	const homepage = httpUrlOrUndefined(m['homepage']);
	const repository = normaliseRepositoryUrl(m['repository']);
	return {
		name: pkg.name,
		version: pkg.version,
		binPath,
		binName,
		...(description ? { description } : {}),
		...(homepage ? { homepage } : {}),
		...(repository ? { repository } : {}),
	};
}

/**
 * Resolves and installs `spec` (see {@link resolveAndInstall}) and finds its executable from `bin`.
 */
export async function installNpmPackage(spec: string, cacheRoot: string, binName?: string): Promise<NpmPackageInfo> {
	const pkg = await resolveAndInstall(spec, cacheRoot);
	const { name, version } = pkg;
	const bins = declaredBins(name, pkg.manifest);
	const binNames = Object.keys(bins);
	const chosen = binName ?? (binNames.length === 1 ? binNames[0] : binNames.find((b) => b === name.split('/').pop()));
	if (chosen === undefined || bins[chosen] === undefined) {
		throw new ScanError(
			'install',
			binNames.length === 0
				? `${name}@${version} declares no executable ("bin" in package.json), so there is nothing to start`
				: `${name}@${version} has ${binName ? `no executable named ${JSON.stringify(binName)}; it has` : 'several executables:'} ${binNames.join(', ')}; choose one with --bin`,
		);
	}
	return { ...packageInfo(pkg, chosen), installDir: pkg.installDir };
}

/** The scan plan for an installed npm package run with `node` in a sandbox. */
export function npmPlan(
	pkg: NpmPackageInfo,
	sandbox: Sandbox,
	args: readonly ArgSpec[],
	env: readonly EnvSpec[],
	overrides: { slug?: string; name?: string; description?: string; note?: string },
): ScanPlan {
	const notes = placeholderNotes(args, env, overrides.note);
	const description = overrides.description ?? pkg.description;
	return {
		target: { kind: 'stdio', command: process.execPath, args: [pkg.binPath, ...sandbox.args], env: sandbox.env, cwd: sandbox.cwd },
		targetLabel: `${pkg.name}@${pkg.version}`,
		slug: overrides.slug ?? slugFromPackage(pkg.name),
		...(overrides.name ? { name: overrides.name } : {}),
		...(description ? { description } : {}),
		...(pkg.homepage ? { homepage: pkg.homepage } : {}),
		...(pkg.repository ? { repository: pkg.repository } : {}),
		distribution: {
			kind: 'npm',
			package: pkg.name,
			version: pkg.version,
			transport: 'stdio',
			args: sandbox.storedArgs,
			env: env.map((e) => ({ name: e.name, required: e.required, secret: e.secret })),
		},
		sources: [{ title: `npm package ${pkg.name}@${pkg.version}`, url: `https://www.npmjs.com/package/${pkg.name}/v/${pkg.version}` }],
		...(notes ? { notes } : {}),
	};
}

/** Runs npm with the caller's environment (registry settings); returns stdout or throws an `install` ScanError. */
function runNpm(args: string[], cwd: string | undefined, timeoutMs: number): Promise<string> {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, {
			stdio: ['ignore', 'pipe', 'pipe'],
			...(cwd ? { cwd } : {}),
			timeout: timeoutMs,
			killSignal: 'SIGKILL',
		});
		let out = '';
		let err = '';
		child.stdout.setEncoding('utf8').on('data', (t: string) => {
			out += t;
		});
		child.stderr.setEncoding('utf8').on('data', (t: string) => {
			err = (err + t).slice(-8_000);
		});
		child.once('error', (error) => reject(new ScanError('install', `could not run npm: ${error.message}`, { cause: error })));
		child.once('close', (code, signal) => {
			if (code === 0) return resolvePromise(out);
			const lines = err
				.split('\n')
				.filter((l) => l.trim() && !/^npm warn/i.test(l))
				.slice(-12)
				.join('\n');
			reject(
				new ScanError(
					'install',
					`npm ${args.slice(0, 2).join(' ')} failed (${signal ? `killed by ${signal}` : `exit code ${code}`}):\n${lines || '(no output)'}`,
				),
			);
		});
	});
}

async function readJson(file: string): Promise<Record<string, unknown> | undefined> {
	try {
		const value: unknown = JSON.parse(await readFile(file, 'utf8'));
		return isRecord(value) ? value : undefined;
	} catch {
		return undefined;
	}
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Resolves `path` against `base` unless it is absolute. */
export function resolveFrom(base: string, path: string): string {
	return isAbsolute(path) ? path : resolve(base, path);
}
