/**
 * The folder a Python server is listed from (src/ingest/python/harness.py runs in it, in the sandbox):
 * the server's source and the MCP Python SDK's source, both taken from fetched mirrors at pinned commits
 * (`git archive`, nothing of them run), the dependencies installed as wheels only by the machine's pip
 * (`--only-binary :all:`: no build step, so no package code runs on the host), and the harness.
 *
 * The SDK is the version the server's lock file pins (`uv.lock`), read from the SDK's own repository
 * at its release tag: the released SDK of that version is the same source. A dependency pip cannot find
 * is retried without its version bound, then left out; a module of it the server imports is then
 * stubbed by the harness, which says so.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFile, resolveCommit, type GitCommit } from '../git-read.ts';

/** The harness script, beside this file. */
export const HARNESS_FILE = join(dirname(fileURLToPath(import.meta.url)), 'harness.py');

/** The interpreter the harness runs on, inside the sandbox (the host's /usr is shown read-only). */
export const PYTHON = '/usr/bin/python3';

/** What a pyproject.toml says that the listing needs. */
export interface PyProject {
	name: string;
	version?: string | undefined;
	dependencies: string[];
	/** Console scripts: name -> `module:function`. */
	scripts: Record<string, string>;
}

/** Parses TOML text with the host Python's standard library (data only: nothing of the project runs). */
export function parseToml(text: string, python = PYTHON): unknown {
	const r = spawnSync(python, ['-I', '-c', 'import json,sys,tomllib; print(json.dumps(tomllib.loads(sys.stdin.read())))'], {
		input: text,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
	});
	if (r.status !== 0) throw new Error(`not TOML: ${(r.stderr || r.error?.message || '').trim().split('\n').pop()}`);
	return JSON.parse(r.stdout) as unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The `[tool.hatch.metadata.hooks.uv-dynamic-versioning]` table of a parsed pyproject.toml (empty if none). */
function dynamicHook(parsed: unknown): Record<string, unknown> {
	let at: unknown = parsed;
	for (const key of ['tool', 'hatch', 'metadata', 'hooks', 'uv-dynamic-versioning']) at = isObject(at) ? at[key] : undefined;
	return isObject(at) ? at : {};
}

/** The `[project]` table of a parsed pyproject.toml. */
export function pyProjectOf(parsed: unknown, where: string): PyProject {
	const project = isObject(parsed) ? parsed['project'] : undefined;
	if (!isObject(project) || typeof project['name'] !== 'string') throw new Error(`${where}: expected a [project] table with a name`);
	// Dependencies declared dynamic are written in the uv-dynamic-versioning build hook (with `{{ version }}` templates).
	const dynamic = Array.isArray(project['dynamic']) && project['dynamic'].includes('dependencies');
	const declared = dynamic ? dynamicHook(parsed)['dependencies'] : project['dependencies'];
	const deps = Array.isArray(declared) ? declared.filter((d): d is string => typeof d === 'string') : [];
	const scripts = isObject(project['scripts'])
		? Object.fromEntries(Object.entries(project['scripts']).filter((e): e is [string, string] => typeof e[1] === 'string'))
		: {};
	return {
		name: project['name'],
		...(typeof project['version'] === 'string' && { version: project['version'] }),
		dependencies: deps,
		scripts,
	};
}

/** The version a uv.lock pins for a package (`[[package]]` with that name), if any. */
export function lockedVersion(parsed: unknown, name: string): string | undefined {
	const packages = isObject(parsed) && Array.isArray(parsed['package']) ? parsed['package'] : [];
	const norm = (n: string) => n.toLowerCase().replace(/[-_.]+/g, '-');
	const hit = packages.find((p) => isObject(p) && typeof p['name'] === 'string' && norm(p['name']) === norm(name));
	return isObject(hit) && typeof hit['version'] === 'string' ? hit['version'] : undefined;
}

/** The distribution name a requirement string names (`pydantic>=2; python_version<'3.14'` -> `pydantic`). */
export function requirementName(requirement: string): string {
	const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(requirement);
	if (!m) throw new Error(`not a requirement: ${JSON.stringify(requirement)}`);
	return m[1]!.toLowerCase().replace(/[-_.]+/g, '-');
}

/** The requirement without its version bound, extras and marker kept (`x[y]>=1; m` -> `x[y]; m`). */
export function withoutBound(requirement: string): string {
	const [spec, marker] = requirement.split(';', 2) as [string, string | undefined];
	const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*(?:\[[^\]]*\])?)/.exec(spec);
	const bare = m ? m[1]! : spec.trim();
	return marker !== undefined ? `${bare}; ${marker.trim()}` : bare;
}

/** The requirement without one of its extras (`x[a,b]>=1` without b -> `x[a]>=1`). */
export function dropExtra(requirement: string, extra: string): string {
	return requirement.replace(/\[([^\]]*)\]/, (_, list: string) => {
		const kept = list
			.split(',')
			.map((e) => e.trim())
			.filter((e) => e !== '' && e !== extra);
		return kept.length > 0 ? `[${kept.join(',')}]` : '';
	});
}

/** What pip's failure names as not found (`No matching distribution found for x>=1`). */
export function missingDistribution(stderr: string): string | undefined {
	const m =
		/No matching distribution found for ([^\s]+)/.exec(stderr) ??
		/Could not find a version that satisfies the requirement ([^\s]+)/.exec(stderr);
	return m ? requirementName(m[1]!) : undefined;
}

/** The requirements with extras that pip names in a resolution conflict (`Cannot install a==1, b[crt]==2 and …`). */
export function conflictingExtras(stderr: string): { name: string; extras: string[] }[] {
	const line = /Cannot install (.+?) because/.exec(stderr)?.[1] ?? '';
	const found: { name: string; extras: string[] }[] = [];
	for (const m of line.matchAll(/([A-Za-z0-9][A-Za-z0-9._-]*)\[([^\]]+)\]/g)) {
		const name = requirementName(m[1]!);
		const extras = m[2]!.split(',').map((e) => e.trim());
		if (!found.some((f) => f.name === name)) found.push({ name, extras });
	}
	return found;
}

export interface Installed {
	/** name -> version, as pip's report gives them. */
	packages: Record<string, string>;
	/** Requirements installed without their version bound. */
	unbounded: string[];
	/** Requirements left out: no wheel of them could be found. */
	missing: string[];
}

/**
 * Installs `requirements` as wheels into `target` with the machine's pip (its configured index), relaxing
 * and then leaving out what cannot be found, one at a time.
 */
export function installWheels(requirements: readonly string[], target: string, python = PYTHON): Installed {
	let reqs = [...requirements];
	const unbounded: string[] = [];
	const missing: string[] = [];
	for (let attempt = 0; attempt < 40; attempt++) {
		rmSync(target, { recursive: true, force: true });
		mkdirSync(target, { recursive: true });
		const report = join(dirname(target), 'pip-report.json');
		if (reqs.length === 0) return { packages: {}, unbounded, missing };
		const r = spawnSync(
			'nice',
			[
				'-n',
				'10',
				python,
				'-m',
				'pip',
				'install',
				'--quiet',
				'--disable-pip-version-check',
				'--no-input',
				// An index the machine cannot reach fails at once rather than after pip's retries.
				'--retries',
				'0',
				'--timeout',
				'15',
				'--only-binary',
				':all:',
				'--target',
				target,
				'--report',
				report,
				...reqs,
			],
			{ encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
		);
		if (r.status === 0) {
			const parsed = JSON.parse(readFileSync(report, 'utf8')) as { install?: { metadata?: { name?: string; version?: string } }[] };
			const packages: Record<string, string> = {};
			for (const i of parsed.install ?? []) if (i.metadata?.name && i.metadata.version) packages[i.metadata.name] = i.metadata.version;
			return { packages, unbounded, missing };
		}
		const name = missingDistribution(r.stderr);
		if (name === undefined && /ResolutionImpossible|conflicting dependencies/.test(r.stderr)) {
			// Version bounds that no set of the wheels here satisfies: drop every bound (once), and say so.
			const bounded = reqs.filter((q) => withoutBound(q) !== q);
			if (bounded.length > 0) {
				reqs = reqs.map(withoutBound);
				for (const q of bounded) if (!unbounded.includes(requirementName(q))) unbounded.push(requirementName(q));
				continue;
			}
			// Then the extras the conflict names (`botocore[crt]`, whose extra's package has no wheel here).
			const conflicting = conflictingExtras(r.stderr);
			const index = reqs.findIndex((q) =>
				conflicting.some((c) => c.name === requirementName(q) && c.extras.some((e) => extrasOf(q).includes(e))),
			);
			if (index < 0) throw new Error(`pip install failed: ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
			const req = reqs[index]!;
			const dropped = conflicting.find((c) => c.name === requirementName(req))!.extras.filter((e) => extrasOf(req).includes(e));
			reqs[index] = dropped.reduce(dropExtra, req);
			missing.push(`the ${dropped.join(', ')} extra of ${requirementName(req)} (no consistent set of wheels here; left out)`);
			continue;
		}
		if (name === undefined) throw new Error(`pip install failed: ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
		const index = reqs.findIndex((q) => requirementName(q) === name);
		if (index < 0) {
			// Needed only through an optional extra of a requirement (`x[disk]`): drop that extra, and say so.
			const extra = /extra == "([^"]+)"/.exec(r.stderr)?.[1];
			const withExtra = extra === undefined ? -1 : reqs.findIndex((q) => new RegExp(`\\[[^\\]]*\\b${extra}\\b[^\\]]*\\]`).test(q));
			if (extra === undefined || withExtra < 0)
				throw new Error(`pip install: ${name} is needed by a dependency and has no wheel here (${r.stderr.trim().split('\n').pop()})`);
			reqs[withExtra] = dropExtra(reqs[withExtra]!, extra);
			missing.push(`${name} (for the ${extra} extra of ${requirementName(reqs[withExtra]!)}, left out)`);
			continue;
		}
		const req = reqs[index]!;
		const bare = withoutBound(req);
		if (bare !== req && !unbounded.includes(name)) {
			reqs[index] = bare;
			unbounded.push(name);
		} else {
			reqs = reqs.filter((_, i) => i !== index);
			missing.push(name);
			if (unbounded.includes(name)) unbounded.splice(unbounded.indexOf(name), 1);
		}
	}
	throw new Error('pip install: too many retries');
}

export interface SourceEnvRequest {
	/** The server's fetched mirror and the revision to read. */
	gitDir: string;
	rev: string;
	/** The server's folder in the repository (holding pyproject.toml); '' for the root. */
	dir: string;
	/** The MCP Python SDK's fetched mirror; its tag for `sdkVersion` is read. */
	sdkGitDir: string;
	/** The SDK version; default: the one the server's uv.lock pins. */
	sdkVersion?: string | undefined;
	/**
	 * The fetched mirror of FastMCP (the standalone framework, `fastmcp` on PyPI): read at the version the
	 * server's uv.lock pins when the server depends on it.
	 */
	fastmcpGitDir?: string | undefined;
	/** The FastMCP version; default: the one the server's uv.lock pins. */
	fastmcpVersion?: string | undefined;
	/** Requirements added to the server's own (a dependency its pyproject leaves to an extra). */
	extraRequirements?: readonly string[];
	/** Requirements of the server not to install (they are stubbed if imported). */
	skipRequirements?: readonly string[];
	/** The folder to build in (emptied first). */
	workDir: string;
}

export interface SourceEnv {
	/** The folder to show at /opt/package. */
	root: string;
	server: GitCommit;
	sdk: GitCommit & { version: string; tag: string; lockPinned: boolean };
	/** FastMCP, when the server depends on it. */
	fastmcp?: (GitCommit & { version: string; tag: string; lockPinned: boolean }) | undefined;
	project: PyProject;
	/** Folders, relative to `root`, on the harness's import path, in order. */
	paths: string[];
	/** The server's import root(s), relative to `root`: their failing imports are stubbed. */
	own: string[];
	installed: Installed;
}

/** The files under `path` at `commit` whose content the mirror holds. */
function presentFiles(gitDir: string, commit: string, path: string): string[] {
	const tree = spawnSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', commit, '--', ...(path ? [path] : [])], {
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
	});
	const entries = tree.stdout
		.split('\n')
		.map((line) => /^\d+ blob ([0-9a-f]+)\t(.+)$/.exec(line))
		.filter((m): m is RegExpExecArray => m !== null);
	const check = spawnSync('git', ['--git-dir', gitDir, 'cat-file', '--batch-check'], {
		input: `${entries.map((m) => m[1]).join('\n')}\n`,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
	});
	const missing = new Set(
		check.stdout
			.split('\n')
			.filter((l) => l.endsWith(' missing'))
			.map((l) => l.split(' ')[0]),
	);
	return entries.filter((m) => !missing.has(m[1]!)).map((m) => m[2]!);
}

function extract(gitDir: string, commit: string, path: string, dest: string, strip: number): void {
	mkdirSync(dest, { recursive: true });
	const tar = join(dest, '..', `${Math.random().toString(36).slice(2)}.tar`);
	let a = spawnSync('git', ['--git-dir', gitDir, 'archive', '--format=tar', '-o', tar, commit, ...(path ? [path] : [])], {
		encoding: 'utf8',
	});
	if (a.status !== 0 && /invalid object|cannot read/.test(a.stderr)) {
		// A fetched mirror may leave out its largest files (a demo GIF): archive the files it has.
		const present = presentFiles(gitDir, commit, path);
		a = spawnSync('git', ['--git-dir', gitDir, 'archive', '--format=tar', '-o', tar, commit, '--', ...present], { encoding: 'utf8' });
	}
	if (a.status !== 0) throw new Error(`git archive ${path}: ${a.stderr.trim()}`);
	const x = spawnSync('tar', ['-x', '-f', tar, '-C', dest, `--strip-components=${strip}`], { encoding: 'utf8' });
	rmSync(tar, { force: true });
	if (x.status !== 0) throw new Error(`tar: ${x.stderr.trim()}`);
}

/** The SDK 2.x wire-types package in the SDK's repository. */
const SDK_TYPES_PACKAGE = 'src/mcp-types/mcp_types';

/** Whether the tree at `commit` has `path`. */
function hasPath(gitDir: string, commit: string, path: string): boolean {
	return spawnSync('git', ['--git-dir', gitDir, 'cat-file', '-e', `${commit}:${path}`]).status === 0;
}

function distInfo(folder: string, name: string, version: string): void {
	const dir = join(folder, `${name.replace(/-/g, '_')}-${version}.dist-info`);
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'METADATA'), `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n`);
}

/**
 * installWheels through a cache of installed folders keyed by the requirement list (in the system's
 * temporary folder): the same dependencies are installed once per machine.
 */
export function cachedWheels(
	requirements: readonly string[],
	target: string,
	cacheRoot = join(tmpdir(), 'toolrisk-python-site'),
): Installed {
	const key = createHash('sha256')
		.update(JSON.stringify([...requirements].sort()))
		.digest('hex')
		.slice(0, 24);
	const cached = join(cacheRoot, key);
	if (!existsSync(join(cached, 'installed.json'))) {
		const building = `${cached}.${process.pid}`;
		const installed = installWheels(requirements, join(building, 'site'));
		writeFileSync(join(building, 'installed.json'), JSON.stringify(installed));
		rmSync(cached, { recursive: true, force: true });
		renameSync(building, cached);
	}
	cpSync(join(cached, 'site'), target, { recursive: true, verbatimSymlinks: true });
	return JSON.parse(readFileSync(join(cached, 'installed.json'), 'utf8')) as Installed;
}

/**
 * The SDK's dependencies to install: one pinned to the SDK's own version by template
 * (`mcp-types=={{ version }}`, SDK 2.x) is a package of the same repository, released with it and taken
 * with its source (`src/mcp-types/mcp_types`), not installed.
 */
export function sdkOwnDependencies(dependencies: readonly string[]): string[] {
	return dependencies.filter((d) => !/\{\{\s*version\s*\}\}/.test(d));
}

/** Where a FastMCP release keeps its package and what it needs installed. */
export interface FastmcpLayout {
	/** The package folder in the repository (`src/fastmcp`, or `fastmcp_slim/fastmcp` from 3.4 on). */
	source: string;
	dependencies: string[];
}

/** A requirement's extras (`x[a, b]>=1` -> a, b). */
function extrasOf(requirement: string): string[] {
	const m = /^\s*[A-Za-z0-9][A-Za-z0-9._-]*\s*\[([^\]]*)\]/.exec(requirement);
	return m
		? m[1]!
				.split(',')
				.map((e) => e.trim())
				.filter(Boolean)
		: [];
}

/**
 * The folders the server's code is imported from, relative to the prepared root: `server/src` in a src layout, the
 * server's folder itself otherwise. A `src` folder that is itself a package (it holds `__init__.py`) may be either:
 * the package the entry point names (`src.main:cli`) or a src layout whose folder happens to have an `__init__.py`
 * (the entry point names a package inside it); both folders are then importable, the src layout first.
 */
export function ownFolders(exists: (path: string) => boolean): string[] {
	if (!exists('src')) return ['server'];
	return exists('src/__init__.py') ? ['server/src', 'server'] : ['server/src'];
}

/**
 * FastMCP's layout at a release, from its root pyproject.toml. Up to 3.3 the package is `src/fastmcp` and
 * the root project lists its dependencies. From 3.4 the root `fastmcp` is a metapackage whose dependency
 * (`fastmcp-slim[client,server]`, written in the uv-dynamic-versioning hook) is the package in
 * `fastmcp_slim/`: its dependencies plus those of the extras named, following the extras that name
 * fastmcp-slim's own extras in turn.
 */
export function fastmcpLayout(root: unknown, readToml: (path: string) => unknown, where: string): FastmcpLayout {
	const hook = dynamicHook;
	const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((d): d is string => typeof d === 'string') : []);
	const rootDeps = strings(hook(root)['dependencies']);
	const slim = rootDeps.find((d) => requirementName(d) === 'fastmcp-slim');
	if (slim === undefined) return { source: 'src/fastmcp', dependencies: pyProjectOf(root, `${where} pyproject.toml`).dependencies };
	const slimParsed = readToml('fastmcp_slim/pyproject.toml');
	const slimProject = pyProjectOf(slimParsed, `${where} fastmcp_slim/pyproject.toml`);
	const optional = hook(slimParsed)['optional-dependencies'];
	const extras = isObject(optional) ? optional : {};
	const dependencies = [...slimProject.dependencies];
	const seen = new Set<string>();
	const queue = extrasOf(slim);
	while (queue.length > 0) {
		const extra = queue.shift()!;
		if (seen.has(extra)) continue;
		seen.add(extra);
		if (!(extra in extras)) throw new Error(`${where}: fastmcp-slim has no extra ${JSON.stringify(extra)}`);
		for (const dep of strings(extras[extra])) {
			if (requirementName(dep) === 'fastmcp-slim') queue.push(...extrasOf(dep));
			else if (!dependencies.includes(dep)) dependencies.push(dep);
		}
	}
	return { source: 'fastmcp_slim/fastmcp', dependencies };
}

/** Builds the folder: server source, SDK source, wheels, harness. */
export function prepareSourceEnv(req: SourceEnvRequest): SourceEnv {
	const server = resolveCommit(req.gitDir, req.rev);
	const prefix = req.dir ? `${req.dir.replace(/\/$/, '')}/` : '';
	const project = pyProjectOf(parseToml(readFile(req.gitDir, server.commit, `${prefix}pyproject.toml`)), `${prefix}pyproject.toml`);
	let lock: unknown;
	try {
		lock = parseToml(readFile(req.gitDir, server.commit, `${prefix}uv.lock`));
	} catch {
		lock = undefined;
	}
	const pinned = lock !== undefined ? lockedVersion(lock, 'mcp') : undefined;
	const sdkVersion = req.sdkVersion ?? pinned;
	if (sdkVersion === undefined) throw new Error(`${prefix}uv.lock pins no mcp version: give the SDK version`);
	const tag = `v${sdkVersion}`;
	const sdk = { ...resolveCommit(req.sdkGitDir, tag), version: sdkVersion, tag, lockPinned: req.sdkVersion === undefined };
	const sdkProject = pyProjectOf(parseToml(readFile(req.sdkGitDir, sdk.commit, 'pyproject.toml')), `SDK ${tag} pyproject.toml`);

	const usesFastmcp = project.dependencies.some((d) => requirementName(d) === 'fastmcp');
	let fastmcp: SourceEnv['fastmcp'];
	let fastmcpDeps: string[] = [];
	let fastmcpSource = 'src/fastmcp';
	if (usesFastmcp) {
		const locked = lock !== undefined ? lockedVersion(lock, 'fastmcp') : undefined;
		const version = req.fastmcpVersion ?? locked;
		if (version === undefined)
			throw new Error(`the server depends on fastmcp but ${prefix}uv.lock pins no version of it: give the FastMCP version`);
		if (req.fastmcpGitDir === undefined) throw new Error('the server depends on fastmcp: give the fetched FastMCP mirror');
		fastmcp = {
			...resolveCommit(req.fastmcpGitDir, `v${version}`),
			version,
			tag: `v${version}`,
			lockPinned: req.fastmcpVersion === undefined,
		};
		const layout = fastmcpLayout(
			parseToml(readFile(req.fastmcpGitDir, fastmcp.commit, 'pyproject.toml')),
			(path) => parseToml(readFile(req.fastmcpGitDir!, fastmcp!.commit, path)),
			`FastMCP v${version}`,
		);
		fastmcpDeps = layout.dependencies;
		fastmcpSource = layout.source;
	}

	rmSync(req.workDir, { recursive: true, force: true });
	mkdirSync(req.workDir, { recursive: true });
	const root = req.workDir;
	extract(req.gitDir, server.commit, req.dir, join(root, 'server'), req.dir ? req.dir.split('/').filter(Boolean).length : 0);
	extract(req.sdkGitDir, sdk.commit, 'src/mcp', join(root, 'sdk'), 1);
	distInfo(join(root, 'sdk'), 'mcp', sdk.version);
	// SDK 2.x keeps its wire types as a second package of the repository (`mcp-types`, src/mcp-types/mcp_types).
	if (hasPath(req.sdkGitDir, sdk.commit, SDK_TYPES_PACKAGE)) {
		extract(req.sdkGitDir, sdk.commit, SDK_TYPES_PACKAGE, join(root, 'sdk'), 2);
		distInfo(join(root, 'sdk'), 'mcp-types', sdk.version);
	}
	if (fastmcp !== undefined && req.fastmcpGitDir !== undefined) {
		extract(req.fastmcpGitDir, fastmcp.commit, fastmcpSource, join(root, 'sdk'), fastmcpSource.split('/').length - 1);
		distInfo(join(root, 'sdk'), 'fastmcp', fastmcp.version);
	}
	const own = ownFolders((path) => existsSync(join(root, 'server', path)));
	if (project.version) distInfo(join(root, own[0]!), project.name, project.version);

	const skip = new Set(['mcp', 'fastmcp', requirementName(project.name), ...(req.skipRequirements ?? []).map(requirementName)]);
	const requirements = [
		...sdkOwnDependencies(sdkProject.dependencies),
		...fastmcpDeps,
		...project.dependencies,
		...(req.extraRequirements ?? []),
	].filter((r) => !skip.has(requirementName(r)));
	const installed = cachedWheels(requirements, join(root, 'site'));
	copyFileSync(HARNESS_FILE, join(root, 'harness.py'));
	return { root, server, sdk, fastmcp, project, paths: [...own, 'sdk', 'site'], own, installed };
}
