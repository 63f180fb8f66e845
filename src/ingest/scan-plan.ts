/**
 * What `npm run scan` (scripts/scan.ts) makes of its options: the scan plan for a URL or a command
 * (for an npm package, `npmPlan` in scan.ts), which earlier file a re-scan compares with, and the
 * lines it prints. A wrong value is a UsageError naming the option.
 */
import { basename } from 'node:path';
import { UsageError } from '../lib/content/errors.ts';
import type { HistoryEntry } from '../lib/content/server.ts';
import type { ListOptions } from './mcp-list.ts';
import { parseHeaders, pickDefined } from './server-options.ts';
import {
	parsePackageSpec,
	placeholderNotes,
	resolveFrom,
	slugify,
	type ArgSpec,
	type EnvSpec,
	type Sandbox,
	type ScanPlan,
} from './scan.ts';

/** The identity options a plan takes as given. */
export interface PlanOptions {
	slug?: string | undefined;
	name?: string | undefined;
	description?: string | undefined;
	note?: string | undefined;
}

/** A `--slug` must already be a slug. */
export function checkSlug(slug: string | undefined): void {
	if (slug !== undefined && slugify(slug) !== slug)
		throw new UsageError(`--slug ${JSON.stringify(slug)}: expected lower-case letters, digits and single hyphens`);
}

/** `--listen 6006/mcp` -> { port: 6006, path: '/mcp' }. */
export function listenOption(value: string | undefined): { port: number; path: string } | undefined {
	if (value === undefined) return undefined;
	const m = /^(\d{1,5})(\/[\w./-]*)?$/.exec(value);
	const port = Number(m?.[1]);
	if (!m || port < 1 || port > 65535) throw new UsageError(`--listen ${value}: expected <port>[/path], e.g. 6006/mcp`);
	return { port, path: m[2] ?? '/mcp' };
}

/** The provenance note for --work-file: the names of what the working folder held. */
export function workFileNote(paths: readonly string[]): string | undefined {
	if (paths.length === 0) return undefined;
	return `The working folder held ${paths.map((p) => basename(p)).join(', ')} (fixture${paths.length === 1 ? '' : 's'} given to the scan).`;
}

/** The provenance note saying which client capabilities the scan declared, if any. */
export function capabilityNote(capabilities: ListOptions['clientCapabilities']): string | undefined {
	return capabilities
		? `Scanned as a client declaring the capabilities ${JSON.stringify(capabilities)} (requests the server sent were not served).`
		: undefined;
}

/** A remote server over streamable HTTP; the header names (never their values) go in the notes. */
export function urlPlan(url: string, headerArgs: readonly string[], options: PlanOptions & { auth?: string | undefined }): ScanPlan {
	const parsedUrl = URL.parse(url);
	if (!parsedUrl || !/^https?:$/.test(parsedUrl.protocol)) throw new UsageError(`--url ${JSON.stringify(url)}: expected an http(s) URL`);
	const headers = parseHeaders(headerArgs);
	const names = Object.keys(headers);
	const notes = [names.length > 0 ? `Scanned with request headers ${names.join(', ')} (values not recorded).` : '', options.note ?? '']
		.filter(Boolean)
		.join(' ');
	return {
		target: { kind: 'http', url, headers },
		targetLabel: url,
		slug: options.slug ?? slugify(`${parsedUrl.hostname}${parsedUrl.pathname}`),
		...pickDefined({ name: options.name, description: options.description }),
		distribution: { kind: 'remote', url, transport: 'streamable-http', ...pickDefined({ auth: options.auth }) },
		sources: [{ title: `remote MCP endpoint ${url}`, url }],
		...(notes ? { notes } : {}),
	};
}

/**
 * A command started in the sandbox, recorded with the distribution `--dist` names (`npm:<pkg>@<version>`,
 * `pypi:<pkg>[@<version>]` or `oci:<image>`): a content file records how to obtain the server. A
 * relative command path is taken from `cwd` (the server runs in an empty temporary folder).
 */
export function commandPlan(
	command: string,
	sandbox: Sandbox,
	args: readonly ArgSpec[],
	env: readonly EnvSpec[],
	options: PlanOptions & { dist?: string | undefined },
	cwd: string,
): ScanPlan {
	if (options.dist === undefined)
		throw new UsageError(
			'--command needs --dist (npm:<pkg>@<version>, pypi:<pkg>[@<version>] or oci:<image>): a content file records how to obtain the server',
		);
	if (options.slug === undefined) throw new UsageError('--command needs --slug');
	const envRecord = env.map((e) => ({ name: e.name, required: e.required, secret: e.secret }));
	const [kind, ...rest] = options.dist.split(':');
	const ref = rest.join(':');
	let distribution: ScanPlan['distribution'];
	let source: ScanPlan['sources'][number];
	if (kind === 'npm') {
		const { name, range } = parsePackageSpec(ref);
		if (range === 'latest') throw new UsageError('--dist npm: give an exact version (npm:<pkg>@<version>)');
		distribution = { kind: 'npm', package: name, version: range, transport: 'stdio', args: sandbox.storedArgs, env: envRecord };
		source = { title: `npm package ${name}@${range}`, url: `https://www.npmjs.com/package/${name}/v/${range}` };
	} else if (kind === 'pypi' && /^[A-Za-z0-9][\w.-]*(@[\w.+!-]+)?$/.test(ref)) {
		const [name = '', version] = ref.split('@');
		distribution = {
			kind: 'pypi',
			package: name,
			...pickDefined({ version }),
			transport: 'stdio',
			args: sandbox.storedArgs,
			env: envRecord,
		};
		source = { title: `PyPI package ${ref.replace('@', ' ')}`, url: `https://pypi.org/project/${name}/${version ? `${version}/` : ''}` };
	} else if (kind === 'oci' && ref) {
		distribution = { kind: 'oci', image: ref, transport: 'stdio', env: envRecord };
		source = { title: `OCI image ${ref}`, ref };
	} else {
		throw new UsageError(`--dist ${JSON.stringify(options.dist)}: expected npm:<pkg>@<version>, pypi:<pkg>[@<version>] or oci:<image>`);
	}
	const notes = placeholderNotes(args, env, options.note);
	const executable = command.includes('/') ? resolveFrom(cwd, command) : command;
	return {
		target: { kind: 'stdio', command: executable, args: sandbox.args, env: sandbox.env, cwd: sandbox.cwd },
		targetLabel: [command, ...sandbox.storedArgs].join(' '),
		slug: options.slug,
		...pickDefined({ name: options.name, description: options.description, notes }),
		distribution,
		sources: [source],
	};
}

/** `--previous <file>` or `--fresh` (not both); neither means "the output file, if it exists". */
export function previousOption(
	options: { previous?: string | undefined; fresh?: boolean | undefined },
	cwd: string,
): { previous?: string | false } {
	if (options.previous !== undefined && options.fresh) throw new UsageError('give --previous or --fresh, not both');
	if (options.fresh) return { previous: false };
	return options.previous !== undefined ? { previous: resolveFrom(cwd, options.previous) } : {};
}

/** "2 changed, 1 added" for the history entry a re-scan recorded. */
export function describeChanges(entry: HistoryEntry): string {
	const counts = new Map<string, number>();
	for (const c of entry.changes) counts.set(c.change, (counts.get(c.change) ?? 0) + 1);
	return [...counts].map(([kind, n]) => `${n} ${kind}`).join(', ');
}
