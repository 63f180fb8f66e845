/**
 * A server page that does not exist (`/servers/<name>/`): what the not-found page says instead of a
 * dead end. The name from the path, what the ranking of the most used servers knows about it, a
 * prefilled request to catalogue it (a new-issue URL, bounded like the correction links), and the
 * `classify` command that judges its tools locally. Runs in the browser: no zod, types only.
 */
import { encodeBounded } from './correction.ts';

/** One ranked server as `/api/ranking.json` lists it. */
export interface RankedServer {
	id: string;
	name: string;
	vendor: string;
	official: boolean;
	rank: number;
	evidence: string;
	/** npm and PyPI package names. */
	packages: { registry: 'npm' | 'pypi'; name: string }[];
	remote: string | null;
	/** The content slug when catalogued. */
	catalogued: string | null;
	/** How its exact definitions can be had (the ranking's howToObtain). */
	howToObtain: string;
}

export interface RankingIndex {
	version: 1;
	asOf: string;
	servers: RankedServer[];
}

/** The server name a not-found path asks for: the first segment after `/servers/`, decoded, or undefined. */
export function requestedServer(pathname: string): string | undefined {
	const m = /^\/servers\/([^/]+?)\/?$/.exec(pathname);
	if (!m) return undefined;
	let name: string;
	try {
		name = decodeURIComponent(m[1]!);
	} catch {
		return undefined;
	}
	name = name.replace(/\.json$/, '').trim();
	return name === '' || name === 'all' || name.length > 200 ? undefined : name;
}

/** Lower-case letters and digits only, for matching a path against ids, names and packages. */
const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');

/** The ranked server a requested name most likely means: by id, package name (with or without scope) or name. */
export function findRanked(index: RankingIndex | undefined, requested: string): RankedServer | undefined {
	if (!index) return undefined;
	const want = squash(requested);
	if (want === '') return undefined;
	const keys = (s: RankedServer) => [s.id, s.name, ...s.packages.flatMap((p) => [p.name, p.name.replace(/^@[^/]+\//, '')])].map(squash);
	return index.servers.find((s) => keys(s).includes(want));
}

/** Encoded-length budgets of the request link's parts. */
const TITLE_MAX = 120;
const BODY_NAME_MAX = 240;

/** The new-issue URL asking for a server to be catalogued. */
export function requestUrl(repository: string, requested: string, ranked: RankedServer | undefined): string {
	const title = `${encodeBounded('Catalogue: ', 40)}${encodeBounded(requested, TITLE_MAX)}`;
	const facts = ranked
		? `\nRanking: #${ranked.rank} ${ranked.name} (${ranked.evidence}); how to obtain: ${ranked.howToObtain}`
		: '\nNot in the ranking of the most used servers.';
	const body = `${encodeBounded('Server: ', 40)}${encodeBounded(requested, BODY_NAME_MAX)}${encodeBounded(`${facts}\n\nPackage, repository or endpoint:\n`, 600)}`;
	return `${repository}/issues/new?title=${title}&body=${body}`;
}

/** The command that lists and judges the server's tools on the reader's machine, publishing nothing. */
export function classifyCommand(ranked: RankedServer | undefined): string {
	const npm = ranked?.packages.find((p) => p.registry === 'npm');
	if (npm) return `npm run classify -- --npm ${npm.name}`;
	if (ranked?.remote) return `npm run classify -- --url ${ranked.remote}`;
	return 'npm run classify -- --npm <package>   (or --url <https://…/mcp>, or a tools.json file)';
}
