import { NATURAL_LANGUAGE, sqlMention } from '../../../text/query-language.ts';
import { IDENTIFIER_CODE_WORDS, identifierCodeDescription } from '../../lexicon.ts';
import { clip } from '../../tokens.ts';
import type { CategoryVote, ContextParameter, RuleContext } from '../../types.ts';
import { nameVerb } from './name-verb.ts';

/** A description that says the tool runs the code it takes. */
const RUNS_CODE =
	/\b(run(s|ning)?|execut(e|es|ing)|evaluat(e|es|ing))\b[^.]{0,40}\b(code|script|javascript|python)\b|\bvia (js |javascript |python |lua )?code\b|\b(code|script) (is|will be|gets) (executed|run|evaluated)\b/i;
/** Verbs that run what they are given, whatever lexicon category the word has. */
const RUNS = new Set(['test', 'run', 'exec', 'execute', 'eval', 'evaluate', 'check']);
/** Parameter names that take a shell command, a script or program code. */
const PROGRAM = new Set([
	'command',
	'commands',
	'cmd',
	'script',
	'scripts',
	'code',
	'shell',
	'bash',
	'javascript',
	'js',
	'python',
	'powershell',
	'cmdline',
	'snippet',
	'function',
	'initscript',
	'jscode',
]);
/** `code` after these words is an identifier (lexicon.ts), and `source` (`source_code` names stored source, not a program to run). */
const NOT_PROGRAM: ReadonlySet<string> = new Set([...IDENTIFIER_CODE_WORDS, 'source']);
/** Query languages that can change data or call side-effecting functions (guide, execute). */
const WRITABLE_LANGUAGE = new Set(['sql', 'cypher', 'graphql', 'gql', 'hql', 'n1ql', 'sparql', 'pipeline']);
/** Names that take a query whose language the text around them decides. */
const MAYBE_QUERY = new Set(['query', 'queries', 'statement', 'statements']);
/**
 * Database engines and languages that can write, named near a query parameter. "SQL-like" or "SQL-style" names another
 * language that only looks like SQL (a product's own query language): it is judged by what the tool says it does.
 */
const WRITABLE_CONTEXT =
	/\b(sql|cql|cassandra|cypher|postgres(ql)?|mysql|sqlite|mariadb|mssql|sql server|oracle|bigquery|snowflake|clickhouse|duckdb|redshift|neo4j|graphql|ddl|dml)\b(?![- ](like|style|inspired)\b)/i;
/**
 * A writable database engine or language named in `text`, or SQL named in prose ("Execute SELECT queries"). CQL is
 * Cassandra's (INSERT, UPDATE, DELETE) except beside Confluence, whose CQL only searches pages.
 */
function writableContext(text: string, around: string, own: boolean): RegExpExecArray | null {
	const m = WRITABLE_CONTEXT.exec(text) ?? (own ? sqlMention(text) : RUNS_SQL.exec(text));
	if (m && /^[- ](like|style|inspired)\b/i.test(text.slice(m.index + m[0].length))) return null;
	if (m && /^cql$/i.test(m[0]) && /\bconfluence\b/i.test(around)) return null;
	return m;
}

/** A tool text that says the tool runs SQL ("Execute SELECT queries"); SQL quoted elsewhere (a generated query shown) does not count. */
const RUNS_SQL =
	/\b(run(s|ning)?|execut(e|es|ing))\s+(an? |the )?(read-only |arbitrary |raw |custom )?(sql\b|select (statements?|quer(y|ies)))/i;

/** Tool names that manage tables (`list_tables`, `describeTable`): a server of them is a database server. */
const TABLE_TOOL = /(^|[_-])tables?([_-]|$)|[a-z]tables?$/;

/** The tool documents that it rejects writes in the language (guide: `graphql_query` "Mutations are rejected"). */
const REJECTS_WRITES =
	/\b(mutations? (are|is) (rejected|not (allowed|supported|permitted))|only (graphql )?quer(y|ies) (are|is) (allowed|accepted)|rejects? (\$out|\$merge|mutations|write stages))/i;
/** A `command` that picks one of the tool's own operations rather than a shell command line (guide: `storage(command, …)`). */
const OPERATION_SELECTOR =
	/\b(sub[- ]?commands?|command router|one of the (following|available|supported) (commands|operations)|available commands|supported commands)\b/i;

/** Shell command lines, which a created service or job runs when it starts. */
const COMMANDS = new Set(['command', 'commands', 'cmd', 'shell', 'bash', 'powershell', 'cmdline']);

/** Name verbs of tools that store or edit a record rather than run what it holds. */
const STORES = new Set(['create', 'add', 'update', 'edit', 'save', 'insert', 'upsert']);

/** General-purpose languages (and "program state"): an expression in one of them runs code. */
const GENERAL_LANGUAGE = /\b(javascript|js|typescript|python|lua|ruby|php|modify program state|read and modify program state)\b/i;

function programParameter(ctx: RuleContext, p: ContextParameter): string | undefined {
	const tokens = p.tokens;
	const last = tokens.at(-1);
	const prev = tokens.at(-2);
	if (last === undefined) return undefined;
	const stringish = p.types.length === 0 || p.types.includes('string') || p.types.includes('array');
	if (!stringish) return undefined;
	const text = `${p.description ?? ''}`;
	if (PROGRAM.has(last) || PROGRAM.has(tokens.join(''))) {
		if (p.enum) return undefined;
		// Code nested inside a record the tool creates or edits (a test step's `script`) is stored, as a nested query is. A command
		// in a created service's settings (`params.startCommand`) is run by what the call creates, so it still counts.
		if (p.depth > 0 && !COMMANDS.has(last) && STORES.has(nameVerb(ctx)?.evidence.match ?? '')) return undefined;
		// Code a tool stores or analyses is content, not a program it runs (`create_code_block`, `review_tests(code)`).
		const verb = nameVerb(ctx);
		const verbWord = verb?.evidence.match.split(/\s/)[0] ?? '';
		// Code counts as a program only for a tool that runs things (or says nothing): stored or reviewed code is content.
		if (
			(last === 'code' || last === 'snippet') &&
			verb &&
			!RUNS.has(verbWord) &&
			verb.category !== 'execute' &&
			!RUNS_CODE.test(ctx.description)
		)
			return undefined;
		if (prev !== undefined && NOT_PROGRAM.has(prev)) return undefined;
		if (last === 'code' && identifierCodeDescription(p.description)) return undefined;
		if (last === 'function' && !/\b(javascript|js|code|function\s*\(|=>|evaluate|script)\b/i.test(`${text} ${ctx.description}`))
			return undefined;
		if ((last === 'command' || last === 'commands' || last === 'cmd') && OPERATION_SELECTOR.test(`${text} ${ctx.description}`))
			return undefined;
		if (
			last === 'code' &&
			!RUNS.has(verbWord) &&
			!/\b(source code|script|program|javascript|typescript|python|lua|ruby|execut|eval|interpret|snippet)/i.test(
				`${text} ${ctx.description} ${ctx.tool.name}`,
			)
		)
			return undefined;
		return p.path;
	}
	// An expression in a general-purpose language is code (`expression: "JavaScript expression to evaluate"`); an arithmetic,
	// cron or style expression is not (guide: `calc(expression)` reads).
	if ((last === 'expression' || last === 'expressions') && GENERAL_LANGUAGE.test(`${text} ${ctx.description}`)) {
		if (p.depth > 0 && STORES.has(nameVerb(ctx)?.evidence.match ?? '')) return undefined;
		return p.path;
	}
	if (WRITABLE_LANGUAGE.has(last)) {
		if (last === 'pipeline' && !/\baggregat/i.test(`${ctx.tool.name} ${ctx.description} ${text}`)) return undefined;
		if (REJECTS_WRITES.test(`${ctx.description} ${text}`)) return undefined;
		return p.path;
	}
	// A query kept inside a record the tool creates or edits (a saved request's `body.query`) is content it stores, like stored code.
	if ((WRITABLE_LANGUAGE.has(last) || MAYBE_QUERY.has(last)) && p.depth > 0 && STORES.has(nameVerb(ctx)?.evidence.match ?? ''))
		return undefined;
	// A query documented as a plain-language question is not a program, whatever the tool's text says about GraphQL or SQL.
	if (MAYBE_QUERY.has(last) && NATURAL_LANGUAGE.test(text) && !WRITABLE_CONTEXT.test(text)) return undefined;
	if (MAYBE_QUERY.has(last)) {
		const whole = `${ctx.tool.name} ${ctx.description} ${text}`;
		// A query that defines what a create tool stores (a view's SELECT) is its content, like a query nested in a stored record.
		if (p.depth === 0 && /\bdefin(es?|ing|ition)\b/i.test(text) && STORES.has(nameVerb(ctx)?.evidence.match ?? '')) return undefined;
		const around = writableContext(text, whole, true) ?? writableContext(`${ctx.tool.name} ${ctx.description}`, whole, false);
		if (around && !REJECTS_WRITES.test(`${ctx.description} ${text}`)) return `${p.path} (${clip(around[0], 30)})`;
		// An undocumented `query` of a tool that executes or runs queries on a server of table tools is SQL: the server's
		// domain explains the word (guide, Deciding).
		const verb = nameVerb(ctx)?.evidence.match.split(/\s/)[0] ?? '';
		if (p.depth === 0 && !p.description && RUNS.has(verb) && [...ctx.siblings].some((n) => TABLE_TOOL.test(n)))
			return `${p.path} (a database server's query)`;
	}
	return undefined;
}

/**
 * Mechanism rule (guide, Deciding): a tool that takes a program (a shell command, code, or a query in a language
 * that can write: SQL, Cypher, GraphQL with mutations, an aggregation pipeline) is execute, whatever its verb and
 * whatever the description promises about read-only use.
 */
export function programInput(ctx: RuleContext): CategoryVote | undefined {
	for (const p of ctx.parameters) {
		if (p.depth > (p.tokens.at(-1) === 'pipeline' ? 3 : 1)) continue;
		const match = programParameter(ctx, p);
		if (match)
			return {
				category: 'execute',
				evidence: { rule: 'category/program-input', source: p.knownOnly ? 'known-parameter' : 'schema', field: p.path, match },
			};
	}
	return undefined;
}
