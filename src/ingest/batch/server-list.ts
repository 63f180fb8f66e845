/**
 * The batch's server list (`content/scan/servers.tsv`): its columns, parsing with errors naming the line and
 * column, and how a package spec is keyed.
 */
import { SERVICE_KINDS } from '../sandbox/services.ts';

/** A loopback service a server needs to start. */
export const SERVICES = SERVICE_KINDS;
export type ServiceKind = (typeof SERVICES)[number];

/** The placeholder a content file records for a loopback service URL (what the docs of such servers show). */
export const SERVICE_PLACEHOLDER: Record<ServiceKind, string> = {
	postgres: 'postgresql://localhost/mydb',
	redis: 'redis://localhost:6379',
	mysql: 'mysql://user:password@localhost:3306/mydb',
};

/** One line of `content/scan/servers.tsv`. */
export interface ServerListEntry {
	/** npm package name (optionally `@version`), or a path to a local package folder (tests, no network). */
	package: string;
	slug?: string;
	bin?: string;
	/** Server arguments; `{tmpdir}`, `{tmpdir:/placeholder}`, `{postgres}`, `{redis}` and `{mysql}` are substituted. */
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
