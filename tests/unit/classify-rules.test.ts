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

describe('verbs read in context (category/name-verb, description-verb, compound-clause, action-enum)', () => {
	category([
		// call: a noun or an instruction to the caller is not the action
		{
			label: '"in one call" is a noun',
			definition: tool('bulk_lookup', 'Look up many postcodes in one call and returns their towns.'),
			category: 'read',
		},
		{
			label: '"ALWAYS call this before …" is an instruction',
			definition: tool('style_notes', 'CALL THIS BEFORE editing to get the house style.'),
			category: 'read',
		},
		{
			label: 'counter: calling a function runs it',
			definition: tool('invoke', 'Call a function deployed in the project.', { name: str() }),
			category: 'execute',
		},
		// run / build as nouns before their attributes
		{
			label: '"and run options" names a run’s settings',
			definition: tool('get_job_template', 'Get a saved job template: its name, input and run options.'),
			category: 'read',
		},
		{
			label: '`task_run_complete` marks a run complete',
			definition: tool('task_run_complete', 'Mark a run as finished.', { id: str() }),
			category: 'write',
		},
		{ label: 'counter: run a job still starts work', definition: tool('job_start', 'Run a job now.', { id: str() }), category: 'execute' },
		// apply: edits vs infrastructure
		{
			label: 'apply a style edits a document',
			definition: tool('applyHeadingStyle', 'Applies a named style to a heading.', { docId: str() }),
			category: 'write',
		},
		{
			label: 'apply a template creates from it',
			definition: tool('board_from_template', 'Apply a template to create boards in a workspace.'),
			category: 'write',
		},
		{
			label: 'compound: "and applies character formatting" is an edit, not execution',
			definition: tool('find_and_format', 'Finds text in a document and applies character formatting to it.'),
			category: 'write',
		},
		{
			label: 'counter: apply a plan runs infrastructure changes',
			definition: tool('stack_apply', 'Apply the saved plan to the stack.', { planId: str() }),
			category: 'execute',
		},
		{
			label: 'counter: apply alone in a name stays execute',
			definition: tool('tf_apply', 'Apply the configuration.', { dir: str() }),
			category: 'execute',
		},
		// build: content, views, code
		{
			label: 'build a page creates content',
			definition: tool('site_build_page', 'Build a landing page from sections.', { title: str() }),
			category: 'write',
		},
		{ label: 'build a map computes a view', definition: tool('deps_map', 'Build a dependency map of the services.'), category: 'read' },
		{
			label: 'counter: build the project compiles',
			definition: tool('build_project', 'Build the project with its toolchain.', { target: str() }),
			category: 'execute',
		},
		// money words without money
		{
			label: 'finalize an upload is not a payment',
			definition: tool('finalize_upload', 'Finalize a file upload and attach the file.', { uploadId: str() }),
			category: 'write',
		},
		{
			label: 'counter: finalize an invoice makes it billable',
			definition: tool('finalize_invoice', 'Finalize a draft invoice.', { id: str() }),
			category: 'financial',
		},
		{
			label: 'checkout of a task claims work',
			definition: tool('work', 'Work queue.', { action: { type: 'string', enum: ['list_tasks', 'checkout_task', 'release_task'] } }),
			category: 'write',
		},
		{
			label: 'counter: checkout of a cart pays',
			definition: tool('cart_checkout', 'Checkout the cart with the saved card.', { cartId: str() }),
			category: 'financial',
		},
		{
			label: 'a payment link described in prose moves no money (guide: payment_link_create)',
			definition: tool('new_pay_link', 'This tool will create a payment link for a price.', {
				price: str(),
				quantity: { type: 'integer' },
				amount: { type: 'number' },
			}),
			category: 'write',
		},
		// snapshots, fetches
		{
			label: 'a snapshot of a volume stores an image',
			definition: tool('volume_snapshot', 'Take a snapshot of a volume.', { id: str() }),
			category: 'write',
		},
		{
			label: 'counter: a page snapshot observes',
			definition: tool('page_snapshot', 'Capture an accessibility snapshot of the page.'),
			category: 'read',
		},
		{
			label: 'fetching from a remote writes refs',
			definition: tool('git_fetch', 'Fetch updates without merging.', { remote: str() }),
			category: 'write',
		},
		{
			label: 'counter: fetching a web page reads',
			definition: tool('page_fetch', 'Fetch a web page and return its text.', { address: str() }),
			category: 'read',
		},
		// running a fixed check that returns results
		{
			label: 'run rule checks that return findings reads',
			definition: tool('design_check', 'Run electrical rule checks on a design and return findings.'),
			category: 'read',
		},
		{ label: 'run a screener reads', definition: tool('stock_screen', 'Run a custom equity screener for gappers.'), category: 'read' },
		{ label: 'counter: run the test suite starts work', definition: tool('suite', 'Run the tests of the project.'), category: 'execute' },
		// generate something only handed back
		{
			label: 'generate a URL hands it back',
			definition: tool('issue_url_maker', 'Generate a GitHub issue URL for a bug report.', { title: str() }),
			category: 'read',
		},
		{
			label: 'generate types hands them back',
			definition: tool('generate_types', 'Generates TypeScript types for a project.'),
			category: 'read',
		},
		{ label: 'counter: generate an API key issues one', definition: tool('generate_api_key', 'Generate an API key.'), category: 'write' },
		// unfamiliar reading verbs
		{ label: 'see', definition: tool('inbox', 'See your unread messages.'), category: 'read' },
		{ label: 'score', definition: tool('score_span', 'Score a span for coverage.', { span: str() }), category: 'read' },
		{ label: 'render a chart', definition: tool('renderChart', 'Render a chart as an image.', { props: str() }), category: 'read' },
		{ label: 'boot a simulator changes device state', definition: tool('sim_boot', 'Boot the simulator.'), category: 'write' },
		// hover and subscriptions
		{
			label: 'hover at a source position asks a language server',
			definition: tool('lsp_hover', 'Get type info.', { file: str(), line: { type: 'integer' }, column: { type: 'integer' } }),
			category: 'read',
		},
		{
			label: 'counter: hover over an element acts on a page',
			definition: tool('page_hover', 'Hover over an element.', { ref: str() }),
			category: 'write',
		},
		{
			label: 'subscribe and collect for a bounded time reads',
			definition: tool('events_subscribe', 'Connect to the event socket and collect messages for a specified duration (1-30s).', {
				duration: { type: 'integer' },
			}),
			category: 'read',
		},
		{
			label: 'counter: a lasting subscription writes',
			definition: tool('subscribe_topic', 'Subscribe the user to a topic.', { topic: str() }),
			category: 'write',
		},
	]);
});

describe('category/guidance-text: instructions handed back', () => {
	category([
		{
			label: '"Get usage instructions for …" under an applying name',
			definition: tool('applyPalette', 'Get usage instructions for a named palette.'),
			category: 'read',
			rule: 'category/guidance-text',
		},
		{
			label: 'a leading markup tag does not hide the opening',
			definition: tool('tutor', '<Purpose>\nLoads the core instructions and persona for the tutor.'),
			category: 'read',
		},
		{
			label: 'counter: creating and then returning instructions writes',
			definition: tool('create_widget', 'Creates a widget and returns instructions.'),
			category: 'write',
		},
	]);
});

describe('category/reversible-removal: members removed from a group', () => {
	category([
		{
			label: 'machines removed from a load balancer survive',
			definition: tool('pool-remove-servers', 'Remove servers from a pool.', { ids: str() }),
			category: 'write',
		},
		{
			label: 'issues removed from a sprint by a selector that also adds them',
			definition: tool('sprints', 'Sprints: create, list; add/remove issues.', {
				action: { type: 'string', enum: ['create', 'list', 'add_issues', 'remove_issues'] },
			}),
			category: 'write',
		},
		{
			label: 'counter: removing a device from its registry deletes it',
			definition: tool('remove_device', 'Remove a device from the device registry.', { id: str() }),
			category: 'destructive',
		},
		{
			label: 'counter: removing a file deletes it',
			definition: tool('remove_file', 'Remove a file from the repository.', { path: str() }),
			category: 'destructive',
		},
	]);
});

describe('category/program-input: the parameter’s own description decides', () => {
	category([
		{
			label: 'a natural-language question to a docs search that mentions GraphQL is not a program',
			definition: tool('get_docs_answer', 'Ask a question about the API (GraphQL queries and mutations) and get an answer.', {
				query: str('A natural language question'),
			}),
			category: 'read',
		},
		{
			label: 'counter: an SQL statement is a program even when its description says "keyword"',
			definition: tool('explain_sql', 'Explain a PostgreSQL statement.', { query: str('The SQL statement (omit the EXPLAIN keyword)') }),
			category: 'execute',
			rule: 'category/program-input',
		},
		{
			label: 'a GraphQL body stored inside a saved request is content',
			definition: tool('create_saved_request', 'Creates a request in a collection.', {
				graphql: { type: 'object', properties: { query: str('The GraphQL query') } },
			}),
			category: 'write',
		},
		{
			label: 'counter: a top-level GraphQL document the tool sends runs',
			definition: tool('create_entries', 'Creates entries with a GraphQL mutation.', { query: str('The GraphQL document') }),
			category: 'execute',
		},
	]);
	signal([
		{
			label: 'counter: raw-query still fires on an SQL statement described with "keyword"',
			definition: tool('explain_sql', 'Explain a statement.', { query: str('The SQL statement (omit the EXPLAIN keyword)') }),
			signal: 'raw-query',
			fields: ['query'],
		},
	]);
});

describe('category/money-movement: a payment link named by the tool', () => {
	category([
		{
			label: 'a payment-link tool whose description mentions the payment is write',
			definition: tool('create_payment_link', 'Create a payment link. The URL to redirect to after the payment is completed.', {
				price: str(),
				amount: { type: 'number' },
			}),
			category: 'write',
		},
		{
			label: 'counter: a tool that documents the charge stays financial',
			definition: tool('create_payment_link', 'Create a payment link; the amount is charged to the saved card.', {
				amount: { type: 'number' },
			}),
			category: 'financial',
		},
	]);
});

describe('refinements found on the whole catalogue', () => {
	category([
		{
			label: 'an agent identity is a setting of the agent, not an automation',
			definition: tool('set_identity', 'Set or update your agent identity.', { name: str() }),
			category: 'write',
		},
		{
			label: 'counter: updating an agent is execute',
			definition: tool('agent_update', 'Update the agent.', { id: str() }),
			category: 'execute',
		},
		{
			label: 'start render profiling changes the app state',
			definition: tool('start_render_profile', 'Start render profiling.'),
			category: 'write',
		},
		{ label: 'counter: start a search reads', definition: tool('start_search', 'Start a search of the index.'), category: 'read' },
		{
			label: '"trust score" is a noun',
			definition: tool('endorse_agent', 'Endorse an agent to boost their trust score.', { id: str() }),
			category: 'write',
		},
		{
			label: 'run regression checks starts test runs',
			definition: tool('safety_net', 'Explore your app, generate tests, save them, and run regression checks.'),
			category: 'execute',
		},
		{
			label: 'rotating a key in a second clause is destructive (guide: key_rotate)',
			definition: tool('get_app_key', 'Generate or rotate the API key for an app.', { app: str() }),
			category: 'destructive',
		},
		{
			label: 'an object-typed path on a record tool is not a capture target',
			definition: tool('table_record_search', 'Search records.', { path: { type: 'object', properties: { token: str() } } }),
			category: 'read',
		},
	]);
});

describe('signal/raw-query: natural language beside a product name', () => {
	signal([
		{
			label: 'a natural-language query about a database product is a question',
			definition: tool('kb_search', 'Search the knowledge base.', {
				query: str('A natural language query for the PostgreSQL knowledge base'),
			}),
			signal: 'raw-query',
			fields: [],
		},
	]);
});

describe('more verbs in context', () => {
	category([
		{
			label: 'rank issues reorders a board',
			definition: tool('rank_issues', 'Change the rank of issues.', { keys: str() }),
			category: 'write',
		},
		{
			label: 'counter: rerank documents computes',
			definition: tool('rank_documents', 'Rank documents for a query.', { query: str() }),
			category: 'read',
		},
		{
			label: 'watch issues subscribes',
			definition: tool('bulk_watch_issues', 'Add watchers to issues.', { keys: str() }),
			category: 'write',
		},
		{
			label: 'test a webhook sends a delivery',
			definition: tool('test_webhook', 'Send a test delivery to the webhook URL.', { id: str() }),
			category: 'write',
		},
		{ label: 'test on a simulator runs tests', definition: tool('test_sim', 'Test on the simulator.'), category: 'execute' },
		{
			label: 'convert an issue into a subtask',
			definition: tool('convert_issue_to_subtask', 'Convert an issue to a subtask.', { id: str() }),
			category: 'write',
		},
		{
			label: 'counter: convert units computes',
			definition: tool('convert_units', 'Convert a value between units.', { value: str() }),
			category: 'read',
		},
		{
			label: "revoking an agent's access to boards is a permission",
			definition: tool('agent_knowledge', "List, grant, or revoke an agent's access to boards.", { agent: str() }),
			category: 'write',
		},
		{
			label: 'counter: revoking an access token is destructive',
			definition: tool('revoke_access_token', 'Revoke an access token.', { id: str() }),
			category: 'destructive',
		},
		{
			label: 'a rate-limit label is not the opening',
			definition: tool('finder_x', 'Limit: 10req/30s. Search the library by meaning.', { q: str() }),
			category: 'read',
		},
		{
			label: 'steps listed with commas: the storing step decides',
			definition: tool(
				'fetch_and_keep',
				'Fetches URL content, converts it to markdown, persists it in a knowledge base, and returns a preview.',
				{ address: str() },
			),
			category: 'write',
		},
		{ label: 'refresh an OAuth token', definition: tool('oauth_refresh', 'Manually refresh the OAuth access token.'), category: 'write' },
		{
			label: 'counter: refreshing synced crypto balances moves no money',
			definition: tool('refresh_synced_crypto', 'Refresh synced crypto balances.'),
			category: 'write',
		},
		{
			label: 'rescan starts a scan',
			definition: tool('page_audit_rescan', 'Rescan an existing page audit.', { id: str() }),
			category: 'execute',
		},
	]);
});

describe('geometry computed from inputs', () => {
	category([
		{
			label: 'a buffer polygon is computed',
			definition: tool('buffer', 'Create a buffer polygon around a point.', { point: str() }),
			category: 'read',
		},
		{
			label: 'a union of polygons is computed',
			definition: tool('union', 'Merge two or more polygons into one geometry.', { polygons: str() }),
			category: 'read',
		},
		{
			label: 'counter: merging branches writes',
			definition: tool('merge_branch', 'Merge a branch into main.', { branch: str() }),
			category: 'write',
		},
	]);
});

describe('cls2: framework context, identifier codes, example values (signals)', () => {
	const callResult = {
		type: 'object',
		properties: {
			content: { type: 'array', items: { type: 'object', properties: { uri: { type: 'string', format: 'uri' }, text: str() } } },
			isError: bool(),
		},
	};
	signal([
		{
			label: 'uri fields inside a leaked call-result context parameter are not URL inputs',
			definition: tool('get_member', 'Get one member of a team by name.', { ctx: callResult, member_name: str('The member name') }),
			signal: 'url-input',
			fields: [],
		},
		{
			label: 'counter: an object parameter without the call-result shape keeps its uri field',
			definition: tool('get_member', 'Get one member of a team by name.', {
				source: { type: 'object', properties: { uri: { type: 'string', format: 'uri' }, label: str() } },
			}),
			signal: 'url-input',
			fields: ['source.uri'],
		},
		{
			label: 'a code documented as a promo code is an identifier',
			definition: tool('list_discounts', 'List discounts with optional filters.', { code: str('Promo code') }),
			signal: 'command-input',
			fields: [],
		},
		{
			label: 'a code documented as a verification code is an identifier',
			definition: tool('confirm_signup', 'Confirm a signup.', { code: str('The verification code sent by SMS') }),
			signal: 'command-input',
			fields: [],
		},
		{
			label: 'counter: a code documented as a snippet stays program code',
			definition: tool('run_snippet', 'Run a snippet in the sandbox.', { code: str('The Python code to run') }),
			signal: 'command-input',
			fields: ['code'],
		},
		{
			label: 'a filter whose example values name a database is a name filter, not a query',
			definition: tool('list_glyphs', 'List available glyphs, with optional filtering.', {
				kind_filter: str('Filter glyphs by kind name (e.g., "compute", "database", "network")'),
			}),
			signal: 'raw-query',
			fields: [],
		},
		{
			label: 'counter: a filter documented as a database query language still fires',
			definition: tool('list_rows', 'List rows.', { filter: str('A PostgreSQL WHERE clause') }),
			signal: 'raw-query',
			fields: ['filter'],
		},
	]);
});

describe('cls2: category/program-input for query languages and database servers', () => {
	category([
		{
			label: 'a CQL query is a writable query language',
			definition: tool('readRows', 'Reads rows from the keyspace with a read-only query.', { query: str('The CQL SELECT query to run') }),
			category: 'execute',
			rule: 'category/program-input',
		},
		{
			label: 'counter: CQL beside Confluence only searches',
			definition: tool('wiki_search', 'Search wiki pages in Confluence using CQL.', { query: str('A CQL query string') }),
			category: 'read',
			rule: '!category/program-input',
		},
		{
			label: 'a tool that says it executes SELECT queries takes SQL in its undocumented query',
			definition: tool('fetch_rows', 'Execute SELECT queries to read rows from the store', { query: { type: 'string' } }),
			category: 'execute',
			rule: 'category/program-input',
		},
		{
			label: 'counter: SQL only quoted as a generated example does not make the query SQL',
			definition: tool('get_series', 'Get a time series. This will generate a query like: SELECT AVG("x") FROM s', {
				query: str('Optional name filter'),
			}),
			category: 'read',
			rule: '!category/program-input',
		},
		{
			label: 'a query that defines what a create tool stores is content',
			definition: tool('create_saved_view', 'Create a saved view.', { name: str(), query: str('SELECT query that defines the view') }),
			category: 'write',
			rule: '!category/program-input',
		},
	]);
	const siblingRows = [
		{ label: 'an undocumented query on a server of table tools is SQL', siblings: ['list_tables', 'create_table'], expected: 'execute' },
		{ label: 'counter: the same tool on a server without tables', siblings: ['list_dashboards', 'get_panel'], expected: 'read' },
	];
	it.each(siblingRows)('$label', ({ siblings, expected }) => {
		const definition = tool('execute_query', '', { query: { type: 'string' }, read_only: bool() });
		expect(classifyTool({ definition, siblings }).category).toBe(expected);
	});
});

describe('cls2: selectors listed in prose, stored context items', () => {
	category([
		{
			label: 'a selector whose description lists its operations takes the strongest',
			definition: tool('manage_workspaces', 'Manage interactive workspaces.', {
				operation: str('Operation to perform: create-workspace, delete-workspace, get-workspace, list-workspaces.'),
				workspace_id: str(),
			}),
			category: 'destructive',
			rule: 'category/action-enum',
		},
		{
			label: 'counter: an operation parameter described without a list decides nothing',
			definition: tool('describe_workspaces', 'Describe interactive workspaces.', { operation: str('Which statistic to compute') }),
			category: 'read',
			rule: '!category/action-enum',
		},
		{
			label: 'deleting context items of a store is destructive',
			definition: tool('context_bulk_delete', 'Delete several context items by keys or pattern.', {
				keys: { type: 'array', items: str() },
			}),
			category: 'destructive',
		},
		{
			label: 'counter: clearing the session context stays write',
			definition: tool('context_clear', 'Clear the conversation context of this session.', {}),
			category: 'write',
		},
	]);
});

describe('cls2: stored code, executed code, resumed context', () => {
	category([
		{
			label: 'code nested in a record an add tool stores is content',
			definition: tool('add_transition', 'Connect two states of a flow, optionally with a guard.', {
				flowId: str(),
				guard: { type: 'object', properties: { expression: str('JavaScript expression to evaluate') } },
			}),
			category: 'write',
			rule: '!category/program-input',
		},
		{
			label: 'counter: a top-level JavaScript expression the tool evaluates is a program',
			definition: tool('evaluate_guard', 'Evaluate a guard against a flow state.', {
				expression: str('JavaScript expression to evaluate'),
			}),
			category: 'execute',
		},
		{
			label: 'counter: a nested start command of a created service stays a program',
			definition: tool('create_app', 'Create a new app', {
				settings: { type: 'object', properties: { startCommand: str('Command to start the app'), name: str() } },
			}),
			category: 'execute',
			rule: 'category/program-input',
		},
		{
			label: 'code the description says is executed is a program even with a save option',
			definition: tool('generate_chart', 'Generate a chart from code. The code is executed in a sandbox.', {
				code: str('Plotting code'),
				filename: str('The filename to save the chart to'),
			}),
			category: 'execute',
			rule: 'category/program-input',
		},
		{
			label: 'resuming development with the saved context handed back reads',
			definition: tool(
				'resume_project',
				'Continue development after a break. This tool provides complete project context and next steps.',
				{},
			),
			category: 'read',
		},
		{
			label: 'a description that resumes a session with full context reads',
			definition: tool('session_checkpoint', 'Resume a previous session with full context. Returns: summary, next steps.', {}),
			category: 'read',
		},
		{
			label: 'counter: resuming a paused pipeline is a change',
			definition: tool('resume_pipeline', 'Resume a paused pipeline and return its context.', { id: str() }),
			category: 'write',
		},
	]);
});

describe('cls2: managing tools whose selector routes to operations', () => {
	category([
		{
			label: 'a read word after "manage" does not make the operation enum a filter',
			definition: tool('manage_status_notes', 'Manage status notes: create, list and get them.', {
				action: { type: 'string', enum: ['create', 'list', 'get'], description: 'The status note operation to perform' },
			}),
			category: 'write',
			rule: 'category/action-enum',
		},
		{
			label: 'a managing tool whose selector values are listed as bullets takes the strongest',
			definition: tool(
				'manage_plugins',
				'Manage plugins.\n\nQUERY:\n- list_plugins: List installed plugins\n- remove_plugin: Remove a plugin and its data',
				{
					action: str('The plugin action to perform.'),
				},
			),
			category: 'destructive',
			rule: 'category/action-enum',
		},
		{
			label: 'counter: a list tool whose selector enum is a filter stays read',
			definition: tool('list_alerts', 'List alerts.', {
				action: { type: 'string', enum: ['create', 'delete'], description: 'The action to perform' },
			}),
			category: 'read',
		},
		{
			label: 'counter: bullets on a tool that does not say it manages are not selector values',
			definition: tool('plugin_stats', 'Show plugin statistics.\n- delete_count: number of deletions\n- add_count: number of additions', {
				action: str('The report action to perform.'),
			}),
			category: 'read',
			rule: '!category/action-enum',
		},
	]);
});

describe('cls2: undoable removals', () => {
	category([
		{
			label: 'rules removed from a firewall are configuration entries',
			definition: tool('gateway-remove-rules', 'Remove one or more rules from a gateway', {
				id: str(),
				rules: { type: 'array', items: { type: 'object' } },
			}),
			category: 'write',
			rule: 'category/reversible-removal',
		},
		{
			label: 'counter: deleting an alert rule record stays destructive',
			definition: tool('delete_alert_rule', 'Delete an alert rule by id.', { id: str() }),
			category: 'destructive',
		},
		{
			label: 'a selector value documented as detaching is an association',
			definition: tool('handle_bot_hooks', 'Handle the hooks attached to a bot.', {
				action: {
					type: 'string',
					enum: ['list', 'add', 'remove'],
					description: '"add" — attaches a hook. "remove" — detaches a hook instance by id.',
				},
			}),
			category: 'write',
		},
		{
			label: 'counter: a selector value documented as deleting stays destructive',
			definition: tool('handle_bot_hooks', 'Handle the hooks of a bot.', {
				action: {
					type: 'string',
					enum: ['list', 'add', 'remove'],
					description: '"add" — creates a hook. "remove" — deletes the hook for good.',
				},
			}),
			category: 'destructive',
		},
	]);
});

describe('cls2: create tools that take nothing hand back guidance or text', () => {
	category([
		{
			label: 'no parameters and an opening that provides guidance: read',
			definition: tool('create_widget_type', 'Creates, enhances, and provides expert guidance for custom widget types.', {}),
			category: 'read',
			rule: 'category/guidance-text',
		},
		{
			label: 'no parameters and "create … queries" later in the description: read',
			definition: tool('create_report_query', 'This is a sub tool of a guide. Use this tool to create GraphQL queries for dashboards.', {}),
			category: 'read',
		},
		{
			label: 'counter: the same opening with parameters still creates',
			definition: tool('create_widget_type', 'Creates, enhances, and provides expert guidance for custom widget types.', { name: str() }),
			category: 'write',
		},
		{
			label: 'counter: a no-parameter create without guidance or text still creates',
			definition: tool('create_session', 'Create a new session for the current user.', {}),
			category: 'write',
		},
	]);
});

describe('cls2: an output parameter documented as a path', () => {
	category([
		{
			label: 'an output documented as a path is a save target',
			definition: tool('parse_spec', 'Parse a spec document to generate tasks.', {
				input: str('Path to the spec'),
				output: str('Output path for the tasks file'),
			}),
			category: 'write',
			rule: 'category/saves-output',
		},
		{
			label: 'counter: an output documented as a format is not',
			definition: tool('parse_spec', 'Parse a spec document to generate tasks.', {
				input: str('Path to the spec'),
				output: str('Output format: json or text'),
			}),
			category: 'read',
			rule: '!category/saves-output',
		},
	]);
});
