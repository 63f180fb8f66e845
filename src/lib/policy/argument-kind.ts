/**
 * What an argument is, decided from its schema: SQL or another query language or plain-language text;
 * a URL, a bare host name or an identifier; a shell command or program code; a file path (relative,
 * absolute or either), a file name or a path that names no file; an email address; a database schema
 * name. A check is only ever put on the kind it was written for (`model.ts`): the SQL read-only shape on
 * SQL, the https shape on URLs, the shell shape on shell commands, the path shapes on file paths.
 *
 * Each decision is one rule of an ordered table per family (the risk signal that flagged the argument);
 * the first rule that fires decides and returns its evidence: which field said it (`name`,
 * `description`, `format`, `examples`, `enum`, `default`, `type`, or the tool's own description) and the
 * words it matched, so a page can show why. No rule names a particular tool or server.
 *
 * Framework-free and classifier-free (it runs where `facts.ts` runs; `model.ts` imports its types only).
 */
import type { Parameter } from '../content/parameters.ts';
import { NATURAL_LANGUAGE, SQL_EXAMPLE, SQL_WORD } from '../text/query-language.ts';

export type ArgumentKind =
	| 'sql'
	| 'query-language'
	| 'natural-language'
	| 'url'
	| 'hostname'
	| 'identifier'
	| 'url-or-path'
	| 'shell-command'
	| 'program-code'
	| 'relative-path'
	| 'absolute-path'
	| 'local-path'
	| 'file-name'
	| 'not-a-file'
	| 'email-address'
	| 'other-recipient'
	| 'schema-name'
	| 'unknown';

/** What each kind is, in a few words (pages, reports). */
export const KIND_LABELS: Record<ArgumentKind, string> = {
	sql: 'an SQL statement',
	'query-language': 'a query in a language other than SQL',
	'natural-language': 'plain-language search text',
	url: 'a URL',
	hostname: 'a host name',
	identifier: 'an identifier, not a URL',
	'url-or-path': 'a URL or a file path',
	'shell-command': 'a shell command',
	'program-code': 'program code',
	'relative-path': 'a relative file path',
	'absolute-path': 'an absolute file path',
	'local-path': 'a file path, absolute or relative',
	'file-name': 'a file name',
	'not-a-file': 'a path that names no local file',
	'email-address': 'an email address',
	'other-recipient': 'a recipient that is not an email address',
	'schema-name': 'a database schema name',
	unknown: 'of a kind the schema does not say',
};

/** The signal families a kind is decided for (the risk signal that flagged the argument, or `schema`). */
export type KindFamily = 'command' | 'query' | 'path' | 'url' | 'recipient' | 'schema';

export type EvidenceField = 'name' | 'description' | 'format' | 'examples' | 'enum' | 'default' | 'type' | 'tool description';

export interface KindDecision {
	kind: ArgumentKind;
	/** The rule that decided, `<family>/<rule>`. */
	rule: string;
	/** Which field said it. */
	field: EvidenceField;
	/** The words (or value) of that field that matched, clipped. */
	match: string;
	/** For `query-language` and `program-code`: the language named. */
	language?: string;
}

/** What a kind decision reads of a parameter (a `Parameter` is one). */
export type KindInput = Pick<Parameter, 'name' | 'types' | 'description' | 'format' | 'enum' | 'default' | 'hasDefault'> & {
	examples?: readonly unknown[];
};

/** Lower-case words of an identifier: `imageUrl`, `image_url`, `IMAGE-URL` all give `image url`. */
export function nameWords(name: string): string[] {
	return name
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
		.toLowerCase()
		.split(/[^a-z0-9]+/)
		.filter(Boolean);
}

const clip = (s: string, max = 80) => {
	const flat = s.replace(/\s+/g, ' ').trim();
	return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** At most this many values are read from `examples`, `enum` or a description (schemas with 100,000-value enums exist). */
const MAX_EXAMPLES = 50;

/** Where a description introduces an example: `e.g.`, `example:`, `for example`, `such as`, `like`. */
const EXAMPLE_MARKER = /\b(e\.g\.|eg\.|examples?\b|for instance|such as|like)\s*[:=(]?/gi;
const QUOTED = /"([^"\n]{1,400})"|'([^'\n]{1,400})'|`([^`\n]{1,400})`/g;

/**
 * The example values a description quotes after an example marker (`e.g. "gcr.io/x/y"`,
 * `Example: 'SELECT …'`), in order, without duplicates. Only quoted text counts: unquoted prose is
 * too easily mistaken for a value.
 */
export function descriptionExamples(description: string | undefined): string[] {
	if (!description) return [];
	const out: string[] = [];
	for (const m of description.matchAll(EXAMPLE_MARKER)) {
		const start = (m.index ?? 0) + m[0].length;
		// The examples of this marker run to the end of its sentence (or 300 characters).
		const rest = description.slice(start, start + 300);
		const end = rest.search(/\.\s+[A-Z]|\n\n/);
		const span = end >= 0 ? rest.slice(0, end) : rest;
		for (const q of span.matchAll(QUOTED)) {
			const v = (q[1] ?? q[2] ?? q[3] ?? '').trim();
			if (v && !out.includes(v)) out.push(v);
			if (out.length >= MAX_EXAMPLES) return out;
		}
	}
	return out;
}

/**
 * Every string value the schema offers as an example of the argument: `examples`, quoted description
 * examples, `default`, `enum` (the first `MAX_EXAMPLES` of each list), once each, with the field.
 */
export function exampleValues(p: KindInput): { value: string; field: EvidenceField }[] {
	const out: { value: string; field: EvidenceField }[] = [];
	const seen = new Set<string>();
	const add = (v: unknown, field: EvidenceField) => {
		if (typeof v !== 'string' || v === '' || seen.has(v)) return;
		seen.add(v);
		out.push({ value: v, field });
	};
	for (const v of (p.examples ?? []).slice(0, MAX_EXAMPLES)) add(v, 'examples');
	for (const v of descriptionExamples(p.description)) add(v, 'description');
	if (p.hasDefault) add(p.default, 'default');
	for (const v of (p.enum ?? []).slice(0, MAX_EXAMPLES)) add(v, 'enum');
	return out;
}

interface Ctx {
	p: KindInput;
	words: string[];
	last: string | undefined;
	desc: string;
	tool: string;
	examples: { value: string; field: EvidenceField }[];
}

type Rule = { id: string; decide: (c: Ctx) => Omit<KindDecision, 'rule'> | undefined };

/** A rule that fires when `re` matches the parameter's description (`field: description`). */
function inDescription(re: RegExp, kind: ArgumentKind, language?: (m: RegExpExecArray) => string): Rule['decide'] {
	return (c) => {
		const m = re.exec(c.desc);
		if (!m) return undefined;
		return { kind, field: 'description', match: clip(m[0]), ...(language && { language: language(m) }) };
	};
}
function inToolDescription(re: RegExp, kind: ArgumentKind, language?: (m: RegExpExecArray) => string): Rule['decide'] {
	return (c) => {
		const m = re.exec(c.tool);
		if (!m) return undefined;
		return { kind, field: 'tool description', match: clip(m[0]), ...(language && { language: language(m) }) };
	};
}
function named(words: ReadonlySet<string>, kind: ArgumentKind, language?: (w: string) => string): Rule['decide'] {
	return (c) =>
		c.last !== undefined && words.has(c.last)
			? { kind, field: 'name', match: c.p.name, ...(language && { language: language(c.last) }) }
			: undefined;
}

// ---------------------------------------------------------------------------------------------------
// Query arguments: SQL, other query languages, plain-language text.

/** Query languages other than SQL, as words (names and descriptions). */
const OTHER_LANGUAGES =
	/\b(kql|kusto|jql|graphql|gql|cypher|promql|logql|lucene|sparql|xpath|jsonpath|jq|hql|spl|soql|sosl|n1ql|esql|es\|ql|ppl|traceql|metricsql|influxql|flux|mql|aql|query dsl|elasticsearch dsl|mongodb (query|filter)|odata)\b/i;
const LANGUAGE_NAMES = new Set([
	'jql',
	'kql',
	'cypher',
	'graphql',
	'gql',
	'promql',
	'sparql',
	'xpath',
	'jsonpath',
	'jq',
	'hql',
	'spl',
	'logql',
	'soql',
	'n1ql',
	'esql',
	'ppl',
]);

const QUERY_RULES: Rule[] = [
	{ id: 'name-sql', decide: named(new Set(['sql']), 'sql') },
	{ id: 'name-language', decide: named(LANGUAGE_NAMES, 'query-language', (w) => w.toUpperCase()) },
	{ id: 'description-natural', decide: inDescription(NATURAL_LANGUAGE, 'natural-language') },
	{ id: 'description-language', decide: inDescription(OTHER_LANGUAGES, 'query-language', (m) => m[1]!) },
	{ id: 'description-sql', decide: inDescription(SQL_WORD, 'sql') },
	{
		id: 'examples-sql',
		decide: (c) => {
			const e = c.examples.find((x) => SQL_EXAMPLE.test(x.value));
			return e ? { kind: 'sql', field: e.field, match: clip(e.value) } : undefined;
		},
	},
	{ id: 'tool-natural', decide: inToolDescription(NATURAL_LANGUAGE, 'natural-language') },
	{ id: 'tool-language', decide: inToolDescription(OTHER_LANGUAGES, 'query-language', (m) => m[1]!) },
	{ id: 'tool-sql', decide: inToolDescription(SQL_WORD, 'sql') },
];

// ---------------------------------------------------------------------------------------------------
// URL arguments: URL, bare host, identifier, URL-or-path.

const URL_FORMATS = new Set(['uri', 'url', 'iri', 'uri-reference', 'iri-reference']);
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const IDENTIFIER_DESCRIPTION =
	/\b(uuid|guid|identifier|\bid of\b|container image|image (reference|name|tag)|docker image|registry|repository name|slug)\b/i;
const PATH_IN_DESCRIPTION = /\b(file ?path|local path|local file|path to (a |the )?(local )?file)\b/i;
const HOST_NAMES = new Set(['host', 'hostname', 'domain']);
const URL_LAST_WORDS = new Set(['href', 'link', 'links', 'website', 'endpoint', 'webhook', 'callback', 'redirect']);

const URL_RULES: Rule[] = [
	{
		id: 'format-url',
		decide: (c) =>
			c.p.format !== undefined && URL_FORMATS.has(c.p.format) ? { kind: 'url', field: 'format', match: c.p.format } : undefined,
	},
	{
		id: 'format-hostname',
		decide: (c) => (c.p.format === 'hostname' ? { kind: 'hostname', field: 'format', match: 'hostname' } : undefined),
	},
	{ id: 'description-path-too', decide: inDescription(PATH_IN_DESCRIPTION, 'url-or-path') },
	{
		id: 'examples-without-scheme',
		decide: (c) => {
			if (c.examples.length === 0 || c.examples.some((e) => SCHEME.test(e.value))) return undefined;
			const e = c.examples[0]!;
			return { kind: 'identifier', field: e.field, match: clip(e.value) };
		},
	},
	{
		id: 'examples-with-scheme',
		decide: (c) => {
			const e = c.examples.find((x) => SCHEME.test(x.value));
			return e ? { kind: 'url', field: e.field, match: clip(e.value) } : undefined;
		},
	},
	{
		id: 'name-url',
		decide: (c) =>
			c.words.some((w) => ['url', 'urls', 'uri', 'uris'].includes(w)) || (c.last !== undefined && URL_LAST_WORDS.has(c.last))
				? { kind: 'url', field: 'name', match: c.p.name }
				: undefined,
	},
	{ id: 'description-identifier', decide: inDescription(IDENTIFIER_DESCRIPTION, 'identifier') },
	{ id: 'name-identifier', decide: named(new Set(['id', 'uuid', 'guid', 'key', 'name', 'slug', 'ref', 'tag']), 'identifier') },
	{ id: 'name-host', decide: named(HOST_NAMES, 'hostname') },
	{ id: 'description-url', decide: inDescription(/\b(url|uri|https?:\/\/)/i, 'url') },
];

// ---------------------------------------------------------------------------------------------------
// Command arguments: shell command or program code.

const CODE_LANGUAGES =
	/\b(javascript|typescript|js|ts|node\.js|python|luau|lua|ruby|php|perl|rust|golang|kotlin|swift|applescript|jsx|wasm|playwright|puppeteer|iife|async function|arrow function)\b|=>/i;
const SHELL_WORDS =
	/\b(shell|bash|zsh|sh|powershell|pwsh|cmd\.exe|terminal|command[- ]line|cli command|linux machine|unix command|system command|os command)\b/i;

const CODE_NAMES = new Set(['code', 'script', 'scripts', 'snippet', 'program', 'expression', 'eval']);
const SOURCE_WORDS = new Set([
	'source',
	'js',
	'javascript',
	'python',
	'lua',
	'luau',
	'script',
	'program',
	'shell',
	'test',
	'user',
	'custom',
]);
const RUNS = /\b(run|runs|running|execute|executes|executing|evaluate|evaluates|eval|interpret|interprets)\b/i;

const COMMAND_RULES: Rule[] = [
	{
		id: 'name-language',
		decide: named(new Set(['javascript', 'js', 'python', 'typescript', 'lua', 'luau']), 'program-code', (w) => w),
	},
	{ id: 'name-shell', decide: named(new Set(['shell', 'bash', 'powershell', 'cmdline']), 'shell-command') },
	{ id: 'description-language', decide: inDescription(CODE_LANGUAGES, 'program-code', (m) => m[0]) },
	{ id: 'description-shell', decide: inDescription(SHELL_WORDS, 'shell-command') },
	{ id: 'tool-language', decide: inToolDescription(CODE_LANGUAGES, 'program-code', (m) => m[0]) },
	{ id: 'tool-shell', decide: inToolDescription(SHELL_WORDS, 'shell-command') },
	{
		id: 'name-code-run',
		decide: (c) => {
			if (c.last === undefined || !CODE_NAMES.has(c.last)) return undefined;
			const prev = c.words.at(-2);
			// `keyCode`, `city_code`, `datacenter_code`: a code, not source code.
			if (c.last === 'code' && prev !== undefined && !SOURCE_WORDS.has(prev)) return { kind: 'identifier', field: 'name', match: c.p.name };
			const m = RUNS.exec(c.desc) ?? RUNS.exec(c.tool);
			return m ? { kind: 'program-code', field: RUNS.test(c.desc) ? 'description' : 'tool description', match: clip(m[0]) } : undefined;
		},
	},
];

// ---------------------------------------------------------------------------------------------------
// Path arguments: relative, absolute or either; a file name; a path that is no local file.

const NOT_A_FILE =
	/\b(api|endpoint|namespace|dot[- ]notation|instance path|json ?path|xpath|url path|route|wiki|page path|object path|key path|property path|bucket|s3 key|jmespath)\b/i;
const NOT_A_FILE_NAMES = new Set(['namespace', 'instance', 'endpoint', 'route', 'key', 'bucket']);
const RELATIVE = /\b(relative (to|path)|relative from|repository[- ]relative|within the (repo|repository|project|workspace))\b/i;
const ABSOLUTE = /\b(absolute|full path|must start with (a )?["'`]?\/)/i;
const FILE_NAME_WORDS = new Set(['filename', 'filenames', 'basename', 'name']);
const URL_TOO = /\b(url|uri|https?:\/\/)/i;

const PATH_RULES: Rule[] = [
	{ id: 'description-not-a-file', decide: inDescription(NOT_A_FILE, 'not-a-file') },
	{ id: 'description-url-too', decide: inDescription(URL_TOO, 'url-or-path') },
	{
		id: 'name-not-a-file',
		decide: (c) => (c.words.some((w) => NOT_A_FILE_NAMES.has(w)) ? { kind: 'not-a-file', field: 'name', match: c.p.name } : undefined),
	},
	{
		id: 'description-either',
		decide: (c) => {
			const r = RELATIVE.exec(c.desc);
			const a = ABSOLUTE.exec(c.desc);
			if (r && a) return { kind: 'local-path', field: 'description', match: clip(`${a[0]} … ${r[0]}`) };
			return undefined;
		},
	},
	// A schema example that contradicts the description wins: the argument takes either form.
	{
		id: 'examples-both',
		decide: (c) => {
			if (!RELATIVE.test(c.desc) && !ABSOLUTE.test(c.desc)) return undefined;
			const wrong = c.examples.find((e) => (RELATIVE.test(c.desc) ? e.value.startsWith('/') : !e.value.startsWith('/')));
			return wrong ? { kind: 'local-path', field: wrong.field, match: clip(wrong.value) } : undefined;
		},
	},
	{ id: 'description-relative', decide: inDescription(RELATIVE, 'relative-path') },
	{ id: 'description-absolute', decide: inDescription(ABSOLUTE, 'absolute-path') },
	{
		id: 'name-file-name',
		decide: (c) => {
			const joined = c.words.join('');
			const isName = FILE_NAME_WORDS.has(joined) || (c.last === 'name' && c.words.includes('file'));
			if (!isName || /\b(path|director(y|ies)|folder)\b/i.test(c.desc)) return undefined;
			return { kind: 'file-name', field: 'name', match: c.p.name };
		},
	},
	{
		id: 'default-root',
		decide: (c) => (c.p.hasDefault && c.p.default === '/' ? { kind: 'local-path', field: 'default', match: '/' } : undefined),
	},
	{ id: 'a-path', decide: (c) => ({ kind: 'local-path', field: 'name', match: c.p.name }) },
];

// ---------------------------------------------------------------------------------------------------
// Recipients and schema names.

const EMAIL = /\b(e-?mail|email address(es)?|mailbox)\b/i;
const RECIPIENT_RULES: Rule[] = [
	{ id: 'name-email', decide: (c) => (c.words.includes('email') ? { kind: 'email-address', field: 'name', match: c.p.name } : undefined) },
	{ id: 'description-email', decide: inDescription(EMAIL, 'email-address') },
	{
		id: 'examples-email',
		decide: (c) => {
			const e = c.examples.find((x) => /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(x.value));
			return e ? { kind: 'email-address', field: e.field, match: clip(e.value) } : undefined;
		},
	},
	{
		id: 'tool-email',
		decide: (c) =>
			['to', 'cc', 'bcc', 'recipient', 'recipients'].includes(c.words.join('')) && EMAIL.test(c.tool)
				? { kind: 'email-address', field: 'tool description', match: clip(EMAIL.exec(c.tool)![0]) }
				: undefined,
	},
	{ id: 'other', decide: (c) => ({ kind: 'other-recipient', field: 'name', match: c.p.name }) },
];

const DATABASE_CONTEXT = /\b(database|db|postgres(ql)?|mysql|sql|table|tables|warehouse|snowflake|bigquery|redshift|clickhouse)\b/i;
const SCHEMA_RULES: Rule[] = [
	{
		id: 'name-schema',
		decide: (c) => {
			const joined = c.words.join('');
			if (!['schema', 'schemaname', 'dbschema', 'databaseschema', 'tableschema'].includes(joined)) return undefined;
			const m = DATABASE_CONTEXT.exec(c.desc) ?? DATABASE_CONTEXT.exec(c.tool);
			return m
				? { kind: 'schema-name', field: DATABASE_CONTEXT.test(c.desc) ? 'description' : 'tool description', match: clip(m[0]) }
				: undefined;
		},
	},
];

/** The ordered rule table of each family. */
export const KIND_RULES: Record<KindFamily, readonly Rule[]> = {
	query: QUERY_RULES,
	url: URL_RULES,
	command: COMMAND_RULES,
	path: PATH_RULES,
	recipient: RECIPIENT_RULES,
	schema: SCHEMA_RULES,
};

/**
 * Decides what an argument flagged under `family` is. Arguments that are not text (a declared type
 * other than string) are `unknown`: no regex applies to them (the engine's `regex` fails on non-strings).
 */
export function argumentKind(family: KindFamily, p: KindInput, toolDescription = ''): KindDecision {
	// An array is read as its items: its kind is what each element is (the engine cannot reach them anyway).
	if (p.types.length > 0 && !p.types.includes('string') && !p.types.includes('array'))
		return { kind: 'unknown', rule: `${family}/not-text`, field: 'type', match: p.types.join(', ') };
	const words = nameWords(p.name);
	const ctx: Ctx = { p, words, last: words.at(-1), desc: p.description ?? '', tool: toolDescription, examples: exampleValues(p) };
	for (const rule of KIND_RULES[family]) {
		const d = rule.decide(ctx);
		if (d) return { ...d, rule: `${family}/${rule.id}` };
	}
	return { kind: 'unknown', rule: `${family}/no-rule`, field: 'name', match: p.name };
}
