/**
 * The RE2 shapes argument checks use, and the deployment parameters that tighten them.
 *
 * The engine's `regex` is Go's `MatchString` (docs/engine-decision.md): an unanchored search under RE2,
 * with no look-around and no back-references, and there is no negated match. So every check here is an
 * allow-list: a pattern anchored at both ends (`^…$`; `$` is the end of the text, since no `(?m)` is
 * set) that describes the whole value the check lets through. "Anything but the word DELETE" cannot be
 * written with a look-ahead; it is written as a finite automaton instead: the text is cut into maximal
 * runs of letters and underscores, and each run must be a word outside a finite list (`wordNotIn`).
 *
 * Every pattern is compiled by the engine schema's RE2 (`re2.ts`) with every document that carries it.
 */

// ---------------------------------------------------------------------------------------------------
// Escaping deployment values

/** Escapes text for use as a literal inside an RE2 pattern (every ASCII punctuation RE2 gives a meaning). */
export function escapeRe2(text: string): string {
	return text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------------
// Paths

/**
 * One path segment that cannot climb: `.`, or a run that has at least one character other than a dot
 * or a space (so `..`, `...` and `. .`, which Windows trims to `..`, are not segments). No `/`, `\`,
 * `%` (so `%2e%2e` cannot hide a `..`), `:` (no drive letters, no `file:`), control characters, and no
 * `~` at the start of a segment (no home-relative `~/` or `~user`).
 */
const SEG = '(\\.|[. ]*[^/\\\\%:~\\x00-\\x1f\\x7f. ][^/\\\\%:\\x00-\\x1f\\x7f]*)';

export const PATH_PATTERNS = {
	/** A relative path made of safe segments: no leading `/`, `~`, drive letter or backslash, no `..` segment, no `%`. */
	relative: `^${SEG}(/${SEG})*/?$`,
	/** An absolute POSIX path made of safe segments (or `/` itself). */
	absolute: `^/(${SEG}(/${SEG})*/?)?$`,
	/** Either of the above (or empty). */
	local: `^/?(${SEG}(/${SEG})*/?)?$`,
	/** One segment: a file name with no folder in it. */
	fileName: `^${SEG}$`,
} as const;

/** An absolute path at or under `root` (a normalized absolute folder, see `rootProblems`), in safe segments. */
export function rootedPathPattern(root: string): string {
	const base = root.replace(/\/+$/, '');
	if (base === '') return PATH_PATTERNS.absolute;
	return `^${escapeRe2(base)}(/${SEG})*/?$`;
}

// ---------------------------------------------------------------------------------------------------
// SQL

/** The words a read-only statement may start with. */
export const SQL_READ_STARTS = ['select', 'with', 'explain', 'show', 'describe', 'desc'] as const;

/**
 * Words refused anywhere in a read-only statement, as whole words of letters and underscores (any
 * case): the keywords that start a write or change the session in T-SQL, where a second statement
 * needs no `;` (`SELECT 1 DROP TABLE t` is two statements there); the ones that make a read write
 * (`SELECT … INTO`, `EXPLAIN ANALYZE`, a data-modifying `WITH d AS (DELETE …)`, `FOR UPDATE`); and a
 * short list of functions known to write, sleep, reach other servers or read the server's files. In
 * the other dialects a new statement needs a `;`, which the shape refuses. A function not on this list
 * (including every function your database defines) is not refused.
 */
export const SQL_REFUSED_WORDS = [
	'insert',
	'update',
	'delete',
	'merge',
	'upsert',
	'drop',
	'create',
	'alter',
	'truncate',
	'grant',
	'revoke',
	'deny',
	'copy',
	'call',
	'exec',
	'execute',
	'do',
	'set',
	'lock',
	'analyze',
	'analyse',
	'into',
	'begin',
	'commit',
	'rollback',
	'save',
	'declare',
	'kill',
	'shutdown',
	'backup',
	'restore',
	'waitfor',
	'dbcc',
	'reconfigure',
	'enable',
	'disable',
	'openquery',
	'openrowset',
	'opendatasource',
	'nextval',
	'setval',
	'set_config',
	'pg_sleep',
	'sleep',
	'dblink',
	'dblink_exec',
	'pg_read_file',
	'lo_import',
	'lo_export',
	'load_file',
	'xp_cmdshell',
	'query_to_xml',
] as const;

/** A character class for one word character (a letter in both cases, or `_`). */
const charClass = (c: string) => (c === '_' ? '_' : `[${c}${c.toUpperCase()}]`);
/** Letters and `_` except `chars` (either case): `\W` and `\d` are ASCII in RE2, so `[^\W\d]` is `[A-Za-z_]`. */
const otherThan = (chars: readonly string[]) => `[^\\W\\d${chars.map((c) => (c === '_' ? '_' : `${c}${c.toUpperCase()}`)).join('')}]`;
const ANY_WORD_CHAR = '[A-Za-z_]';

interface Trie {
	terminal: boolean;
	children: Map<string, Trie>;
}

/**
 * An RE2 pattern matching exactly the non-empty runs of `[A-Za-z_]` that are not one of `words` (in
 * any case). Built from the words' trie: at each node, either continue along a child, or leave the trie
 * with a character no child has and then any run; a node may end the run unless it completes a word.
 */
export function wordNotIn(words: readonly string[]): string {
	const root: Trie = { terminal: false, children: new Map() };
	for (const w of words) {
		if (!/^[a-z_]+$/.test(w)) throw new Error(`wordNotIn: "${w}" is not lower-case letters and underscores`);
		let node = root;
		for (const ch of w) {
			let next = node.children.get(ch);
			if (!next) node.children.set(ch, (next = { terminal: false, children: new Map() }));
			node = next;
		}
		node.terminal = true;
	}
	const nonEmpty = (node: Trie): string => {
		const alts: string[] = [];
		for (const [ch, child] of [...node.children].sort(([a], [b]) => a.localeCompare(b))) {
			const rest = nonEmpty(child);
			alts.push(`${charClass(ch)}${child.terminal ? rest : `(?:${rest})?`}`);
		}
		alts.push(`${otherThan([...node.children.keys()])}${ANY_WORD_CHAR}*`);
		return alts.length === 1 ? alts[0]! : `(?:${alts.join('|')})`;
	};
	return nonEmpty(root);
}

/** A word in any case, as an RE2 pattern without flags. */
const anyCase = (word: string) => [...word].map((c) => (c === '_' ? '_' : `[${c}${c.toUpperCase()}]`)).join('');

/** Characters between words: anything but a letter, `_` or `;`. */
const SQL_SEPARATOR = '[^A-Za-z_;]';

/**
 * A single read-only statement: optional blanks and `(`, a read starting word, then words and the
 * characters between them, where no word is in `SQL_REFUSED_WORDS` and no `;` appears except one at
 * the end (followed by blanks only). Comments are plain text to this shape, so a write word inside a
 * comment is refused like any other.
 */
export function sqlReadOnlyPattern(): string {
	const start = `(?:${SQL_READ_STARTS.map(anyCase).join('|')})`;
	return `^[\\s(]*${start}(?:${SQL_SEPARATOR}+${wordNotIn(SQL_REFUSED_WORDS)})*${SQL_SEPARATOR}*(?:;\\s*)?$`;
}

// ---------------------------------------------------------------------------------------------------
// Shell, URLs, hosts, recipients, schemas

/** One command: no `;`, `&`, `|`, backtick, `$`, `<`, `>`, line break or NUL. */
export const SHELL_SINGLE_COMMAND = '^[^;&|`$<>\\n\\r\\x00]*$';

/** An https URL with no blank in it. */
export const HTTPS_URL = '^https://\\S+$';

/** A host from the list: `*.example.com` allows any subdomain of example.com (not example.com itself). */
function hostAlternation(hosts: readonly string[]): string {
	return hosts.map((h) => (h.startsWith('*.') ? `(?:[A-Za-z0-9-]+\\.)+${escapeRe2(h.slice(2))}` : escapeRe2(h))).join('|');
}

/**
 * An https URL whose host is one of `hosts` (any port), followed by a path, query, fragment or nothing:
 * `@` tricks and longer host names fail.
 */
export function httpsHostPattern(hosts: readonly string[]): string {
	return `^https://(?i:${hostAlternation(hosts)})(:[0-9]{1,5})?([/?#]\\S*)?$`;
}

/** A bare host name from `hosts`. */
export function hostnamePattern(hosts: readonly string[]): string {
	return `^(?i:${hostAlternation(hosts)})$`;
}

/** One email address at one of `domains` (or their subdomains when written `*.`): no second address, no display name. */
export function recipientDomainPattern(domains: readonly string[]): string {
	return `^[^@\\s,;<>"]+@(?i:${hostAlternation(domains)})$`;
}

/** Exactly one of `schemas` (any case). */
export function schemaPattern(schemas: readonly string[]): string {
	return `^(?i:${schemas.map(escapeRe2).join('|')})$`;
}

// ---------------------------------------------------------------------------------------------------
// Deployment parameters

/** What the strict preset can confine arguments to, given by whoever deploys the policy. */
export interface DeploymentParameters {
	/** An absolute folder: path arguments that may be absolute must be at or under it. */
	rootFolder?: string;
	/** Email recipients must be at one of these domains (`*.example.com` for subdomains). */
	recipientDomains?: readonly string[];
	/** URL arguments must be https URLs on one of these hosts; host arguments must be one of them. */
	urlHosts?: readonly string[];
	/** Database schema arguments must be one of these names. */
	schemas?: readonly string[];
}

const HOST = /^(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*$/;
const SCHEMA = /^[A-Za-z_][A-Za-z0-9_$]{0,62}$/;

function listProblems(name: string, values: readonly string[] | undefined, ok: RegExp, what: string): string[] {
	if (values === undefined) return [];
	if (values.length === 0) return [`${name}: give at least one ${what}, or leave it out`];
	return values.filter((v) => !ok.test(v)).map((v) => `${name}: ${JSON.stringify(v)} is not ${what}`);
}

/** What is wrong with a set of deployment parameters (empty when they can be used). */
export function deploymentParameterProblems(p: DeploymentParameters): string[] {
	const problems: string[] = [];
	if (p.rootFolder !== undefined) {
		const r = p.rootFolder;
		if (!r.startsWith('/')) problems.push(`rootFolder: ${JSON.stringify(r)} must be an absolute folder starting with /`);
		else if (!new RegExp(PATH_PATTERNS.absolute).test(r))
			problems.push(
				`rootFolder: ${JSON.stringify(r)} must not contain .. segments, %, \\, :, a segment starting with ~, or control characters`,
			);
	}
	problems.push(...listProblems('recipientDomains', p.recipientDomains, HOST, 'a domain name (example.com or *.example.com)'));
	problems.push(...listProblems('urlHosts', p.urlHosts, HOST, 'a host name (api.example.com or *.example.com)'));
	problems.push(...listProblems('schemas', p.schemas, SCHEMA, 'a schema name (letters, digits, _ and $, starting with a letter or _)'));
	return problems;
}

export class DeploymentParameterError extends Error {
	override name = 'DeploymentParameterError';
	readonly problems: readonly string[];
	constructor(problems: readonly string[]) {
		super(`deployment parameters cannot be used:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
		this.problems = problems;
	}
}
