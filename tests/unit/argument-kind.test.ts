/**
 * What an argument is (src/lib/policy/argument-kind.ts): one row per rule, each with the field the
 * decision must cite, plus rows that guard the mistakes the checks used to make (KQL, JQL, GraphQL
 * and search text taken for SQL; a UUID and an image reference taken for URLs; JavaScript and Luau
 * taken for shell commands; a name or an API path taken for a file path).
 */
import { describe, expect, it } from 'vitest';
import {
	argumentKind,
	descriptionExamples,
	exampleValues,
	KIND_RULES,
	type KindFamily,
	type KindInput,
} from '../../src/lib/policy/argument-kind.ts';

const param = (name: string, extra: Partial<KindInput> = {}): KindInput => ({ name, types: ['string'], hasDefault: false, ...extra });

type Row = [family: KindFamily, p: KindInput, tool: string, kind: string, rule: string, field: string];

const ROWS: Row[] = [
	// Query: SQL, other languages, plain text.
	['query', param('sql'), '', 'sql', 'query/name-sql', 'name'],
	['query', param('jql'), '', 'query-language', 'query/name-language', 'name'],
	[
		'query',
		param('query', { description: "Search query. Supports KQL syntax like 'from:user'" }),
		'',
		'query-language',
		'query/description-language',
		'description',
	],
	[
		'query',
		param('query', { description: 'A natural language query to search for' }),
		'',
		'natural-language',
		'query/description-natural',
		'description',
	],
	[
		'query',
		param('query', { description: 'Search terms. Use quotes for exact phrase.' }),
		'',
		'natural-language',
		'query/description-natural',
		'description',
	],
	['query', param('query', { description: 'The BigQuery SQL query to execute.' }), '', 'sql', 'query/description-sql', 'description'],
	['query', param('query', { description: 'Query to run', examples: ['SELECT 1'] }), '', 'sql', 'query/examples-sql', 'examples'],
	[
		'query',
		param('query', { description: "Runs it, e.g. 'WITH a AS (SELECT 1) SELECT * FROM a'" }),
		'',
		'sql',
		'query/examples-sql',
		'description',
	],
	['query', param('query'), 'Query a GraphQL endpoint with the given query', 'query-language', 'query/tool-language', 'tool description'],
	['query', param('query'), 'Run a read-only SQL statement against Postgres', 'sql', 'query/tool-sql', 'tool description'],
	['query', param('query', { description: 'SQL or Cypher query' }), '', 'query-language', 'query/description-language', 'description'],
	['query', param('query'), 'Semantic search over the docs', 'natural-language', 'query/tool-natural', 'tool description'],
	['query', param('query'), 'Find things', 'unknown', 'query/no-rule', 'name'],
	['query', param('query', { types: ['object'] }), 'SQL', 'unknown', 'query/not-text', 'type'],
	// URL: URL, host, identifier, URL-or-path.
	['url', param('target', { format: 'uri' }), '', 'url', 'url/format-url', 'format'],
	['url', param('server', { format: 'hostname' }), '', 'hostname', 'url/format-hostname', 'format'],
	[
		'url',
		param('imageUrl', { description: 'The URL of the container image to deploy (e.g. "gcr.io/cloudrun/hello")' }),
		'',
		'identifier',
		'url/examples-without-scheme',
		'description',
	],
	['url', param('webhookId', { description: 'UUID of the webhook' }), '', 'identifier', 'url/description-identifier', 'description'],
	['url', param('webhook_id'), '', 'identifier', 'url/name-identifier', 'name'],
	['url', param('url', { description: 'URL of the notebook, its uuid at the end' }), '', 'url', 'url/name-url', 'name'],
	['url', param('source', { description: 'Local file path or remote URL' }), '', 'url-or-path', 'url/description-path-too', 'description'],
	['url', param('site', { description: 'e.g. "https://example.com/docs"' }), '', 'url', 'url/examples-with-scheme', 'description'],
	['url', param('hostname'), '', 'hostname', 'url/name-host', 'name'],
	['url', param('target', { description: 'Where to send it: a URL' }), '', 'url', 'url/description-url', 'description'],
	// Command: shell or program code.
	[
		'command',
		param('script', { description: 'JavaScript code to execute, () => { /* code */ }' }),
		'',
		'program-code',
		'command/description-language',
		'description',
	],
	['command', param('code', { description: 'Luau code to execute' }), '', 'program-code', 'command/description-language', 'description'],
	[
		'command',
		param('command', { description: 'Shell command to execute' }),
		'',
		'shell-command',
		'command/description-shell',
		'description',
	],
	[
		'command',
		param('command', { description: 'Command with args' }),
		'Run a command on this linux machine',
		'shell-command',
		'command/tool-shell',
		'tool description',
	],
	['command', param('python'), '', 'program-code', 'command/name-language', 'name'],
	['command', param('source'), 'Evaluate Python in the notebook kernel', 'program-code', 'command/tool-language', 'tool description'],
	['command', param('bash'), '', 'shell-command', 'command/name-shell', 'name'],
	['command', param('keyCode'), '', 'identifier', 'command/name-code-run', 'name'],
	[
		'command',
		param('code', { description: 'Code Snippet' }),
		'Run code snippet and return the result.',
		'program-code',
		'command/name-code-run',
		'tool description',
	],
	['command', param('code'), 'Create an inventory item', 'unknown', 'command/no-rule', 'name'],
	['command', param('command'), 'Execute an IPC call', 'unknown', 'command/no-rule', 'name'],
	// Path: relative, absolute, either, a name, not a file.
	[
		'path',
		param('path', { description: 'The Bitbucket API endpoint path (without base URL). Must start with "/".' }),
		'',
		'not-a-file',
		'path/description-not-a-file',
		'description',
	],
	[
		'path',
		param('image_source', { description: 'Local file path or remote URL to the image' }),
		'',
		'url-or-path',
		'path/description-url-too',
		'description',
	],
	['path', param('instancePath'), '', 'not-a-file', 'path/name-not-a-file', 'name'],
	[
		'path',
		param('dir', { description: 'Absolute or relative path to the workshop root directory' }),
		'',
		'local-path',
		'path/description-either',
		'description',
	],
	[
		'path',
		param('filePath', { description: 'File path (relative to root)' }),
		'',
		'relative-path',
		'path/description-relative',
		'description',
	],
	[
		'path',
		param('path', { description: 'Path within the repository', hasDefault: true, default: '/' }),
		'',
		'local-path',
		'path/examples-both',
		'default',
	],
	['path', param('file', { description: 'Absolute path of the file, e.g. "src/"' }), '', 'local-path', 'path/examples-both', 'description'],
	[
		'path',
		param('localPath', { description: 'Absolute local path to save the file (must start with /)' }),
		'',
		'absolute-path',
		'path/description-absolute',
		'description',
	],
	['path', param('filename', { description: 'The filename of the upload' }), '', 'file-name', 'path/name-file-name', 'name'],
	['path', param('filename', { description: 'Path to the file to write' }), '', 'local-path', 'path/a-path', 'name'],
	['path', param('path', { hasDefault: true, default: '/' }), '', 'local-path', 'path/default-root', 'default'],
	['path', param('path'), '', 'local-path', 'path/a-path', 'name'],
	// Recipients and schemas.
	['recipient', param('email'), '', 'email-address', 'recipient/name-email', 'name'],
	['recipient', param('to', { description: 'Recipient email address' }), '', 'email-address', 'recipient/description-email', 'description'],
	['recipient', param('to', { description: 'e.g. "ops@example.com"' }), '', 'email-address', 'recipient/examples-email', 'description'],
	['recipient', param('to'), 'Send an email', 'email-address', 'recipient/tool-email', 'tool description'],
	['recipient', param('channel'), 'Post a message', 'other-recipient', 'recipient/other', 'name'],
	['schema', param('schema', { description: 'Database schema name' }), '', 'schema-name', 'schema/name-schema', 'description'],
	['schema', param('schema', { description: 'JSON Schema of the output' }), 'Generate data', 'unknown', 'schema/no-rule', 'name'],
];

describe('argumentKind', () => {
	it.each(ROWS)('%s %o (tool: %s) is %s by %s, citing %s', (family, p, tool, kind, rule, field) => {
		const d = argumentKind(family, p, tool);
		expect({ kind: d.kind, rule: d.rule, field: d.field }).toEqual({ kind, rule, field });
		expect(d.match.length).toBeGreaterThan(0);
	});

	it('every rule of every family is exercised by a row', () => {
		const used = new Set(ROWS.map((r) => r[4]));
		for (const [family, rules] of Object.entries(KIND_RULES))
			for (const rule of rules) expect(used.has(`${family}/${rule.id}`), `${family}/${rule.id}`).toBe(true);
	});
});

describe('example values', () => {
	it.each([
		['The URL of the image (e.g. "gcr.io/cloudrun/hello")', ['gcr.io/cloudrun/hello']],
		["Example: 'SELECT TOP 10 c.id FROM c'. Always use TOP.", ['SELECT TOP 10 c.id FROM c']],
		['Examples: "/workspaces", "/repositories/{workspace}"', ['/workspaces', '/repositories/{workspace}']],
		['Quoted "words" without a marker are not examples', []],
		[undefined, []],
	])('%s', (description, expected) => {
		expect(descriptionExamples(description)).toEqual(expected);
	});

	it('collects examples, description examples, the default and enum values, once each, with their field', () => {
		const p = param('q', { examples: ['a', 7], description: 'e.g. "b"', hasDefault: true, default: 'c', enum: ['a', 'd'] });
		expect(exampleValues(p)).toEqual([
			{ value: 'a', field: 'examples' },
			{ value: 'b', field: 'description' },
			{ value: 'c', field: 'default' },
			{ value: 'd', field: 'enum' },
		]);
	});
});
