/**
 * The batch run: for every package of the list, resolve and install it, find its executable, give it
 * placeholders, list its tools inside the sandbox with the scanner (`../scan.ts`) and record one outcome
 * per package. A bounded pool runs a few at once.
 *
 * Guarantees: a failed package never writes or changes a content file (the scanner writes atomically,
 * and only after the listing validated); a catalogued file is kept when its re-scan fails; every
 * package gets exactly one record, whatever it does (hangs, crashes, floods stdout, is not a server).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { type ScanOutcome, type ScanRecord } from '../../lib/content/scan-report.ts';
import type { ServerFile } from '../../lib/content/server.ts';
import { parseServerFile } from '../../lib/content/server-file.ts';
import { ScanError, type ListOptions } from '../mcp-list.ts';
import {
	declaredBins,
	isoSeconds,
	makeSandbox,
	npmPlan,
	packageInfo,
	resolveAndInstall,
	resolveVersion,
	scanToServerFile,
	type ArgSpec,
	type EnvSpec,
	type InstalledPackage,
} from '../scan.ts';
import { limitHit, type SandboxLimits } from '../sandbox/limits.ts';
import { probeSandbox, unavailableMessage, unsafeWarning } from '../sandbox/probe.ts';
import { INSIDE, type SandboxHost } from '../sandbox/sandbox.ts';
import { sandboxedServer, writeNativeStubs } from '../sandbox/server.ts';
import { SANDBOX_SERVICE_URLS } from '../sandbox/services.ts';
import { NotWritten, assignSlugs, indexCatalogue, type CatalogueIndex } from './catalogue-index.ts';
import { detectEnvNames, isSecretLike, isSecretName, placeholderValue } from './env.ts';
import { installFailureCause, isInstallTimeout, outcomeOfError } from './outcome.ts';
import {
	dummyCredentialFiles,
	FIRST_ATTEMPT,
	nextRecovery,
	QUIET_ENV,
	type Failure,
	type RecoveryContext,
	type StartVariant,
} from './recover.ts';
import { chooseBin, commandFor, readDocs } from './package.ts';
import { SERVICES, SERVICE_PLACEHOLDER, isLocalPackage, packageKey, type ServerListEntry, type ServiceKind } from './server-list.ts';
import { Services } from './services.ts';

/**
 * The most tools the batch catalogues from one server (`--max-tools`). Not a memory guard (the listing's
 * own limit, 20,000 tools and 20 MB, is that): it keeps servers whose page cannot fit out of the
 * catalogue. A server page lists every tool by name and carries the policy composer's packed facts, so
 * it grows with the tool count: about 20 kB for one tool, and from about 160 bytes per tool (short
 * names, few parameters) to about 1 kB per tool (many parameters) beyond that, measured on the built
 * site. Within the 150 kB server-page budget (`npm run check:weight`) even the lightest tools fit about
 * 800 times; a server with more could never pass, so the batch refuses it with that reason rather than
 * letting the build fail. Below the limit the weight check still decides.
 */
export const BATCH_MAX_TOOLS = 800;

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
	/**
	 * A second Node to retry on when a server crashes with an error only a Node version explains
	 * (`recover.ts`); undefined: no such retry. See {@link findFallbackNode}.
	 */
	fallbackNode?: FallbackNode | undefined;
	/** Retry failed starts with the general recoveries of recover.ts (default true). */
	recover?: boolean;
	/** Called when a package starts and when it finishes. */
	onStart?: (entry: ServerListEntry) => void;
	onRecord?: (record: ScanRecord, entry: ServerListEntry) => void;
	log?: (line: string) => void;
	now?: () => Date;
	/**
	 * How servers are isolated: in a bubblewrap sandbox (the default: the sandbox is probed, and the
	 * batch refuses to run when it is unavailable), or `none`, only when the user asked for it by name.
	 */
	sandbox?: BatchSandbox;
}

/** A Node binary other than the scanner's, and its version. */
export interface FallbackNode {
	path: string;
	version: string;
}

/**
 * The system Node (`/usr/bin/node` or the given path) when its major version differs from the
 * scanner's: servers written for an older Node get one retry on it.
 */
export function findFallbackNode(path = '/usr/bin/node'): FallbackNode | undefined {
	if (!existsSync(path)) return undefined;
	const run = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 10_000 });
	const version = run.status === 0 ? run.stdout.trim() : '';
	if (!/^v\d+\./.test(version)) return undefined;
	const major = (v: string): string => v.slice(1).split('.')[0] as string;
	return major(version) === major(process.version) ? undefined : { path, version };
}

type BatchSandbox = { kind: 'bubblewrap'; host: SandboxHost; limits?: Partial<SandboxLimits> } | { kind: 'none' };

/** The batch was asked to run sandboxed and the sandbox is unavailable: nothing was scanned. */
export class SandboxUnavailableError extends Error {
	override name = 'SandboxUnavailableError';
}

/** The sandbox to use: the one given, or the probed bubblewrap; throws SandboxUnavailableError. */
export async function batchSandbox(given: BatchSandbox | undefined): Promise<BatchSandbox> {
	if (given) return given;
	const probe = await probeSandbox();
	if (!probe.ok) throw new SandboxUnavailableError(unavailableMessage(probe.reason));
	return { kind: 'bubblewrap', host: probe.host };
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
	const sandbox = await batchSandbox(options.sandbox);
	const services = new Services(options.log);
	const records: ScanRecord[] = new Array(entries.length);
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < named.length) {
			const i = next++;
			const item = named[i]!;
			options.onStart?.(item.entry);
			const record = await scanEntry(item.entry, item.name, slugs.get(item.key) as string, index, services, { ...options, sandbox });
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
	/** Set once a process of the package is about to start. */
	let ran: ScanRecord['sandbox'];
	/** The Node version the server last ran on (when it ran on a Node). */
	let nodeVersion: string | undefined;
	/** The automatic retries, in order (recover.ts and the install retry). */
	const retries: string[] = [];
	const retriedLine = (): string => (retries.length > 0 ? `\nAutomatic retries: ${retries.join('; ')}.` : '');
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
			...(ran ? { sandbox: ran } : {}),
			...(ran && nodeVersion ? { node: nodeVersion } : {}),
			...(retries.length > 0 ? { retries: [...retries] } : {}),
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
			try {
				installed = await resolveAndInstall(entry.package, options.cacheDir, { installTimeoutMs: options.installTimeoutMs, resolved });
			} catch (error) {
				// Heavy packages (large dependency trees, big binaries) can need longer than the limit: once more, longer.
				if (!(error instanceof ScanError) || !isInstallTimeout(error.message) || options.recover === false) throw error;
				const longer = longInstallTimeout(options.installTimeoutMs);
				retries.push(
					`installed again with a ${Math.round(longer / 1000)} s limit (the ${Math.round(options.installTimeoutMs / 1000)} s limit was reached)`,
				);
				installed = await resolveAndInstall(entry.package, options.cacheDir, { installTimeoutMs: longer, resolved });
			}
		}
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		const cause = installFailureCause(message);
		const text = error instanceof ScanError ? message : `could not read the package: ${message}`;
		return finish('install-failed', `${cause ? `${cause}: ` : ''}${text}${retriedLine()}`);
	}
	version = installed.version;
	const restores: (() => void)[] = [];
	try {
		const choice = chooseBin(installed.name, declaredBins(installed.name, installed.manifest), entry.bin);
		if ('notAServer' in choice) return finish('not-a-server', `${installed.name}@${installed.version}: ${choice.notAServer}`);
		bin = choice.bin;
		const info = packageInfo(installed, bin);

		// Loopback services and placeholders.
		const serviceUrls: Partial<Record<ServiceKind, string>> = {};
		const wanted = new Set<ServiceKind>(entry.service ? [entry.service] : []);
		for (const a of entry.args) for (const k of SERVICES) if (a.includes(`{${k}}`)) wanted.add(k);
		const isolation = options.sandbox ?? { kind: 'none' };
		// In the sandbox, the services start inside the server's own network namespace, at fixed addresses.
		for (const k of wanted) serviceUrls[k] = isolation.kind === 'bubblewrap' ? SANDBOX_SERVICE_URLS[k] : await services.url(k);
		const listArgs: ArgSpec[] = entry.args.map((a) => substituteArg(a, serviceUrls));
		const docs = readDocs(installed.pkgDir);
		const explicit = entry.env.map((e) => e.name);
		const documented = [...explicit, ...detectEnvNames(docs).filter((n) => !explicit.includes(n))];
		envNames = documented;
		const baseEnv: EnvSpec[] = documented.map((n) => {
			const given = entry.env.find((e) => e.name === n)?.value;
			const value = given === undefined ? placeholderValue(n, serviceUrls) : substituteText(given, serviceUrls);
			return { name: n, value, required: explicit.includes(n), secret: isSecretName(n) };
		});
		const detected = documented.filter((n) => !explicit.includes(n));
		const run = commandFor(info.binPath);
		const fallback = run.command === process.execPath ? options.fallbackNode : undefined;
		const context: RecoveryContext = {
			node: process.version,
			fallbackNode: fallback?.version,
			packageName: installed.name,
			envNames: documented,
			args: entry.args,
			canStub: run.command === process.execPath,
			services: serviceUrls,
		};

		/** One start and listing with `variant`; returns the record, or throws what failed. */
		const attempt = async (variant: StartVariant): Promise<ScanRecord> => {
			const args: ArgSpec[] = [
				...variant.lead.map((value): ArgSpec => ({ kind: 'literal', value })),
				...listArgs,
				...variant.tail.map((t): ArgSpec =>
					t.stored === undefined ? { kind: 'literal', value: t.value } : { kind: 'substitute', value: t.value, placeholder: t.stored },
				),
			];
			const asked = Object.keys(variant.env).filter((n) => !documented.includes(n));
			const env: EnvSpec[] = [
				...baseEnv,
				...asked.map((n) => ({
					name: n,
					value: variant.env[n] as string,
					required: !(n in QUIET_ENV),
					secret: !(n in QUIET_ENV) && isSecretLike(n),
				})),
			];
			envNames = [...documented, ...asked.filter((n) => !(n in QUIET_ENV))];
			const files = variant.credentialFiles ? credentialFiles(variant) : [];
			const note = [
				detected.length > 0 ? `The variable names ${detected.join(', ')} were found in the package's README or package.json.` : '',
				variant.steps.length > 0 ? `The batch scanner recovered this listing automatically: it ${variant.steps.join('; then ')}.` : '',
				entry.notes ?? '',
			]
				.filter(Boolean)
				.join(' ');
			// Native modules never built: the preload of sandbox/native-stubs.ts (the single scan's mechanism too).
			let preload: string[] = [];
			if (variant.stubs.length > 0 && isolation.kind !== 'bubblewrap') {
				const dir = mkdtempSync(join(tmpdir(), 'toolrisk-native-'));
				restores.push(() => rmSync(dir, { recursive: true, force: true }));
				preload = ['--require', writeNativeStubs(dir, variant.stubs, false)];
			}
			const nodePath = variant.fallbackNode && fallback ? fallback.path : undefined;
			const isolated =
				isolation.kind === 'bubblewrap'
					? await sandboxedServer(nodePath ? { ...isolation.host, node: nodePath } : isolation.host, {
							packageDir: installed.installDir,
							program: info.binPath,
							runWithNode: run.command === process.execPath,
							args,
							env: Object.fromEntries(env.map((e) => [e.name, e.value])),
							services: [...wanted],
							files,
							nativeStubs: variant.stubs,
							...(isolation.limits ? { limits: isolation.limits } : {}),
						})
					: undefined;
			const sandbox = isolated
				? { args: [], storedArgs: isolated.storedArgs, env: {}, cwd: '/', root: '', cleanup: isolated.cleanup }
				: await makeSandbox(args, env);
			if (!isolated) {
				options.log?.(unsafeWarning(`${installed.name}@${installed.version}`));
				await writeFiles(files, sandbox.env['HOME'] as string, sandbox.cwd);
			}
			context.home = isolated ? INSIDE.home : sandbox.env['HOME'];
			context.cwd = isolated ? INSIDE.work : sandbox.cwd;
			ran = isolation.kind === 'bubblewrap' ? { kind: 'bubblewrap', version: isolation.host.version } : { kind: 'none' };
			nodeVersion = nodePath ? (fallback?.version ?? nodePath) : run.command === process.execPath ? process.version : undefined;
			try {
				const plan = npmPlan(info, sandbox, args, env, { slug, name: installed.name, ...(note ? { note } : {}) });
				if (isolated) plan.target = isolated.target;
				else if (plan.target.kind === 'stdio')
					plan.target = {
						...plan.target,
						command: nodePath && run.command === process.execPath ? nodePath : run.command,
						args: [...preload, ...run.prefix, ...sandbox.args],
					};
				if (local)
					plan.sources = [{ title: `local package ${installed.name}@${installed.version}`, ref: `${installed.name}@${installed.version}` }];
				const result = await scanToServerFile(plan, {
					outDir: options.outDir,
					list: {
						...(isolated ? { maxStderrBytes: isolated.limits.stderrBytes } : {}),
						...options.list,
						...(variant.skipNonJsonStdout ? { skipNonJsonLines: true } : {}),
					},
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
												`The server wrote ${skipped} line${skipped === 1 ? ' that is' : 's that are'} not JSON-RPC to stdout (where only JSON-RPC messages belong); the scan skipped ${skipped === 1 ? 'it' : 'them'}, as the MCP SDK's stdio client does. A strict client would fail.`,
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
					`${hasExisting ? 're-scanned' : 'wrote'} ${slug}.json: ${result.server.tools.length} tools in ${result.listing.pages} page(s) from ${result.listing.serverInfo.name}${retriedLine()}`,
					{ tools: result.server.tools.length },
				);
			} finally {
				await sandbox.cleanup();
			}
		};

		let variant: StartVariant = FIRST_ATTEMPT;
		for (;;) {
			try {
				return await attempt(variant);
			} catch (error) {
				if (error instanceof NotWritten) {
					if (error.outcome === 'unchanged') return finish('catalogued', `${error.message}${retriedLine()}`, { tools: error.tools });
					return finish(error.outcome, `${error.message}${retriedLine()}`);
				}
				const next = error instanceof ScanError && options.recover !== false ? nextRecovery(failureOf(error), variant, context) : undefined;
				if (!next) throw error;
				options.log?.(`${installed.name}@${installed.version}: retrying: ${next.step}`);
				retries.push(next.step);
				variant = next.variant;
			}
		}
	} catch (error) {
		if (error instanceof NotWritten) {
			if (error.outcome === 'unchanged') return finish('catalogued', error.message, { tools: error.tools });
			return finish(error.outcome, error.message);
		}
		const { outcome, reason } = outcomeOfError(error, envNames);
		const limit =
			ran && error instanceof ScanError ? limitHit({ errorKind: error.kind, message: error.message, stderr: error.stderrTail }) : undefined;
		return finish(outcome, `${reason}${retriedLine()}`, limit ? { limitHit: limit } : {});
	} finally {
		for (const restore of restores.reverse()) restore();
		if (!local && !options.keepInstalls) await rm(installed.installDir, { recursive: true, force: true }).catch(() => {});
	}
}

/** A longer install limit for a retry: three times the limit, at least 10 and at most 15 minutes. */
export function longInstallTimeout(limitMs: number): number {
	return Math.min(900_000, Math.max(600_000, limitMs * 3));
}

function failureOf(error: ScanError): Failure {
	return { kind: error.kind, phase: error.phase, message: error.message };
}

/** The dummy credential files of a variant, and empty JSON objects at the paths stderr named. */
function credentialFiles(variant: StartVariant): { path: string; content: string }[] {
	const files = dummyCredentialFiles();
	for (const path of variant.namedFiles) {
		const known = files.find((f) => f.path.split('/').pop() === path.split('/').pop());
		if (!files.some((f) => f.path === path)) files.push({ path, content: known?.content ?? '{}\n' });
	}
	return files;
}

/** Writes sandbox files (`~/x`, `./x`) into an unsandboxed run's HOME and working folder. */
async function writeFiles(files: readonly { path: string; content: string }[], home: string, cwd: string): Promise<void> {
	for (const f of files) {
		const target = f.path.startsWith('~/') ? join(home, f.path.slice(2)) : f.path.startsWith('./') ? join(cwd, f.path.slice(2)) : undefined;
		if (!target || relative(f.path.startsWith('~/') ? home : cwd, target).startsWith('..')) continue;
		await mkdir(dirname(target), { recursive: true });
		await writeFile(target, f.content);
	}
}

function substituteText(text: string, services: Partial<Record<ServiceKind, string>>): string {
	return text.replace(/\{(postgres|redis|mysql)\}/g, (_, k: ServiceKind) => services[k] ?? '');
}

function substituteArg(arg: string, services: Partial<Record<ServiceKind, string>>): ArgSpec {
	const dir = /^\{tmpdir(?::(.+))?\}$/.exec(arg);
	if (dir) return { kind: 'temp-dir', placeholder: dir[1] ?? '/path/to/allowed/dir' };
	const service = /\{(postgres|redis|mysql)\}/.exec(arg);
	if (service) {
		return {
			kind: 'substitute',
			value: substituteText(arg, services),
			placeholder: arg.replace(/\{(postgres|redis|mysql)\}/g, (_, k: ServiceKind) => SERVICE_PLACEHOLDER[k]),
		};
	}
	return { kind: 'literal', value: arg };
}

/** The README and package.json text of a package (capped), to find documented variable names. */
