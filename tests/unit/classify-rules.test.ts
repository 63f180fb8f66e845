/**
 * General rules of docs/labelling-guide.md, each on invented definitions (none is a catalogued tool): the case the
 * rule decides, and counter-cases that must not move. Grouped by the rule (category rule or signal rule) they pin.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from '../../src/lib/judge/classify.ts';
import type { McpTool } from '../../src/lib/content/mcp-tool.ts';
import type { Category, SignalId } from '../../src/lib/taxonomy.ts';
import { NATURAL_LANGUAGE, sqlMention } from '../../src/lib/text/query-language.ts';

const str = (description?: string) => ({ type: 'string', ...(description !== undefined && { description }) });
const bool = (description?: string) => ({ type: 'boolean', ...(description !== undefined && { description }) });

function tool(name: string, description: string, properties: Record<string, unknown> = {}): McpTool {
	return { name, description, inputSchema: { type: 'object', properties } };
}

interface CategoryRow {
	label: string;
	definition: McpTool;
	category: Category;
	/** A rule that must be among the category evidence (or must not, with `!` in front). */
	rule?: string;
}

const category = (rows: CategoryRow[]) =>
	it.each(rows)('$label', ({ definition, category: expected, rule }) => {
		const j = classifyTool({ definition });
		expect(j.category).toBe(expected);
		if (rule === undefined) return;
		const rules = j.categoryEvidence.map((e) => e.rule);
		if (rule.startsWith('!')) expect(rules).not.toContain(rule.slice(1));
		else expect(rules).toContain(rule);
	});

interface SignalRow {
	label: string;
	definition: McpTool;
	signal: SignalId;
	/** The parameter fields the signal points at; [] when it must not fire. */
	fields: string[];
}

const signal = (rows: SignalRow[]) =>
	it.each(rows)('$label', ({ definition, signal: id, fields }) => {
		const found = classifyTool({ definition }).signals.find((s) => s.id === id);
		expect(found?.evidence.map((e) => e.field) ?? []).toEqual(fields);
	});

describe('signal/url-input: what a URL parameter is', () => {
	signal([
		{
			label: 'a path that a boolean switch turns into a URL fires',
			definition: tool('open_document', 'Open a document from disk or the web.', { path: str('Where the document is'), isUrl: bool() }),
			signal: 'url-input',
			fields: ['path'],
		},
		{
			label: 'counter: the same path without the switch does not',
			definition: tool('open_document', 'Open a document from disk.', { path: str('Where the document is'), recursive: bool() }),
			signal: 'url-input',
			fields: [],
		},
		{
			label: 'a URI confined to the server’s own non-network scheme does not fire',
			definition: tool('read_notes', 'Read notes resources.', { uris: { type: 'array', description: 'each must start with `notes://`' } }),
			signal: 'url-input',
			fields: [],
		},
		{
			label: 'counter: a URI that may be https fires',
			definition: tool('read_page', 'Read a page.', { uri: str('an https:// or notes:// address') }),
			signal: 'url-input',
			fields: ['uri'],
		},
		{
			label: 'a URI documented as a filter is compared, not reached',
			definition: tool('list_deliveries', 'List deliveries.', { sourceUri: str('Filter by source URI') }),
			signal: 'url-input',
			fields: [],
		},
		{
			label: 'counter: a URI the tool fetches fires',
			definition: tool('fetch_feed', 'Fetch a feed.', { feedUri: str('The URI of the feed to fetch') }),
			signal: 'url-input',
			fields: ['feedUri'],
		},
	]);
});

describe('signal/cross-tool-reference: a quoted parameter of the tool itself is not another tool', () => {
	signal([
		{
			label: '"do NOT use \'ticketRef\'" beside its own TicketRef parameter',
			definition: tool('edit_ticket', "Edit a ticket. Pass TicketRef; do NOT use 'ticketRef' (lower case).", { TicketRef: str() }),
			signal: 'cross-tool-reference',
			fields: [],
		},
		{
			label: 'counter: the same phrase naming something that is not a parameter still fires',
			definition: tool('edit_ticket', "Edit a ticket. Do NOT use 'legacy_editor' for this.", { TicketRef: str() }),
			signal: 'cross-tool-reference',
			fields: ['description'],
		},
	]);
});

describe('signal/raw-query: plain-language questions are not a query language', () => {
	signal([
		{
			label: 'a natural-language query to a documentation search of a database product',
			definition: tool('docs_search', 'Search the PostgreSQL documentation.', { query: str('A natural language question') }),
			signal: 'raw-query',
			fields: [],
		},
		{
			label: 'counter: a query on a database tool fires',
			definition: tool('db_query', 'Query the PostgreSQL database.', { query: str('The statement to run') }),
			signal: 'raw-query',
			fields: ['query'],
		},
		{
			label: 'counter: an SQL statement quoted in capitals names the language',
			definition: tool('report', 'Reports. Example: SELECT name FROM t', { query: str() }),
			signal: 'raw-query',
			fields: ['query'],
		},
	]);
	it('shares one SQL test with the argument kinds', () => {
		expect(sqlMention('Run a T-SQL batch')?.[0]).toBe('T-SQL');
		expect(sqlMention('e.g. DELETE FROM orders ')?.[0]).toBe('DELETE FROM ');
		expect(sqlMention('select the rows you want')).toBeNull();
		expect(NATURAL_LANGUAGE.test('plain English question')).toBe(true);
	});
});

describe('category/saves-output and compound-clause: where the output goes', () => {
	category([
		{
			label: 'a capture tool with an undocumented filename saves where the caller says: write',
			definition: tool('grab_screenshot', 'Take a screenshot of the window.', { filename: { type: 'string' } }),
			category: 'write',
			rule: 'category/saves-output',
		},
		{
			label: 'counter: a filename on a tool that is not a capture stays read',
			definition: tool('get_attachment', 'Get an attachment by name.', { filename: { type: 'string' } }),
			category: 'read',
		},
		{
			label: 'a path that picks which store to read is not a save target ("a project-scoped store")',
			definition: tool('get_usage', 'Get usage counters.', {
				projectPath: str('Optional: path of a project-scoped store to read instead'),
			}),
			category: 'read',
		},
		{
			label: 'counter: a path the output is stored at is',
			definition: tool('get_usage', 'Get usage counters.', { outPath: str('Where to store the report file') }),
			category: 'write',
			rule: 'category/saves-output',
		},
		{
			label: 'a by-product file the tool saves in its own place and returns the path of does not count',
			definition: tool('look_at_page', 'Inspect the page: reads the layout and saves a screenshot. Returns the screenshot file path.', {
				session: str(),
			}),
			category: 'read',
		},
		{
			label: 'counter: the same clause with a path the caller names is a write',
			definition: tool('look_at_page', 'Inspect the page: reads the layout and saves a screenshot. Returns the screenshot file path.', {
				outputPath: str(),
			}),
			category: 'write',
		},
	]);
});

describe('category/destructive-flag: "remove from" is an association', () => {
	category([
		{
			label: 'a move with removeFromAllFolders only chooses between moving and adding a second place',
			definition: tool('relocate_doc', 'Moves a document to another folder.', {
				docId: str(),
				folderId: str(),
				removeFromAllFolders: bool(),
			}),
			category: 'write',
		},
		{
			label: 'counter: deleteExistingContent still makes a tool destructive',
			definition: tool('relocate_doc', 'Moves a document to another folder.', { docId: str(), deleteExistingContent: bool() }),
			category: 'destructive',
			rule: 'category/destructive-flag',
		},
	]);
});
