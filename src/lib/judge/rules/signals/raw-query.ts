import type { SignalRule } from '../../types.ts';
import { NATURAL_LANGUAGE, sqlMention } from '../../../text/query-language.ts';
import { clip } from '../../tokens.ts';
import { lastTwo, paramEvidence } from './_helpers.ts';

/** Names that are a query language by themselves. */
const LANGUAGE = new Set([
	'sql',
	'cypher',
	'graphql',
	'gql',
	'jql',
	'kql',
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
/** Names that are a query language only when the text around them says so. */
const MAYBE = new Set(['query', 'queries', 'statement', 'statements', 'where', 'filter']);
const CONTEXT =
	/\b(cypher|graphql|sparql|jql|kql|promql|logql|query language|postgres(ql)?|mysql|sqlite|mariadb|database|bigquery|snowflake|clickhouse|duckdb|redshift|neo4j|elasticsearch|opensearch|mongo(db)?|influx(db)?|splunk)\b/i;

/** A query language named in prose (not a database product). */
const LANGUAGE_WORD = /\b(cypher|graphql|sparql|jql|kql|promql|logql|query language)\b/i;

/** A parenthesised example list ("(e.g., "aws", "database")"), or the examples that end a sentence ("e.g. compute, database."). */
const EXAMPLES = /\((e\.g\.|eg|for example|such as|like)[^)]*\)|\b(e\.g\.|for example|such as)[^.]*(\.|$)/gi;

/** Parameters that take a raw query in SQL, GraphQL, Cypher or a similar language. */
export const rawQuery: SignalRule = {
	id: 'signal/raw-query',
	signal: 'raw-query',
	detect(ctx) {
		return ctx.parameters.flatMap((p) => {
			const [last] = lastTwo(p.tokens);
			if (last === undefined) return [];
			if (LANGUAGE.has(last)) return [paramEvidence(this.id, p)];
			if (!MAYBE.has(last)) return [];
			const stringish = p.types.length === 0 || p.types.includes('string');
			if (!stringish) return [];
			// A parameter documented as plain language ("A natural language query") is a question, whatever product it asks about.
			const context = (text: string) => CONTEXT.exec(text) ?? sqlMention(text);
			// Example values ("Filter by service name (e.g., "compute", "database")") are values, not the language of the parameter.
			const own = p.description ? (CONTEXT.exec(p.description.replace(EXAMPLES, ' ')) ?? sqlMention(p.description)) : null;
			// An explicit "natural language query" beats a product named beside it ("… the MongoDB knowledge base"); a language
			// named in the same description ("The SQL statement … omit the EXPLAIN keyword") beats the plain-language words.
			const ownLanguage = p.description ? (sqlMention(p.description) ?? LANGUAGE_WORD.exec(p.description)) : null;
			if (!ownLanguage && p.description && NATURAL_LANGUAGE.test(p.description)) return [];
			const around = own ?? context(`${ctx.nameTokens.join(' ')} ${ctx.description}`);
			return around ? [paramEvidence(this.id, p, `${p.name} (context: "${clip(around[0], 40)}")`)] : [];
		});
	},
};
