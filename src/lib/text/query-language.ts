/**
 * What a query argument is written in, as words in its documentation: SQL, or plain language. One definition for
 * the raw-query signal (`judge/rules/signals/raw-query.ts`) and the argument kinds of the policy checks
 * (`policy/argument-kind.ts`), so a parameter the classifier calls a raw SQL query is the one the SQL check guards.
 */

/** SQL named in prose: "SQL", "T-SQL", "PostgreSQL query", "SELECT statement". */
export const SQL_WORD = /\b(sql|t-sql|tsql|pl\/pgsql|postgres(ql)? (query|statement)|select (statement|query)|select queries)\b/i;
/** SQL statements quoted in prose, in capitals only: "select" and "insert" in lower case are ordinary English. */
export const SQL_STATEMENT = /\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\s/;
/** An example value that is an SQL statement ("SELECT * FROM t", "with x as (…)"). */
export const SQL_EXAMPLE = /^\s*\(*\s*(select|with|explain|show|describe|insert|update|delete)\b/i;
/** Text that says the value is plain language, not a query language ("A natural language query", "search keywords"). */
export const NATURAL_LANGUAGE =
	/\b(natural[- ]language|plain[- ](english|language|text)|free[- ]text|search (terms?|keywords?|text|phrase|string)|keywords?|what to (look up|search)|(a |the )?question|semantic(ally)? (search|query|queries|match|matching|similarity|meaning)|full[- ]text search)\b/i;

/** The SQL test: where `text` names SQL or quotes an SQL statement, the match; else null. */
export function sqlMention(text: string): RegExpExecArray | null {
	return SQL_WORD.exec(text) ?? SQL_STATEMENT.exec(text);
}
