/**
 * The argument roles an attack target can require (src/lib/present/attack-arguments.ts): each rule on
 * ordinary schemas, and the near misses each rule exists to keep out (a path in a hosted repository, an
 * approval token, a sub-command name, a URL a hosted service fetches).
 */
import { describe, expect, it } from 'vitest';
import type { Parameter } from '../../src/lib/content/parameters.ts';
import {
	argumentsInRole,
	contentArguments,
	isDeepLink,
	isFolderPath,
	isLocalPath,
	isOutputPath,
	isReadOnlyCommand,
	isRunnableCode,
	isSecret,
	isSqlLikeLanguage,
	isTypedFile,
	namesHostedFetcher,
	notThirdPartyText,
	runsWhatItTakes,
	serverFacts,
} from '../../src/lib/present/attack-arguments.ts';
import { buildAttackIndex } from '../../src/lib/present/attacks.ts';
import { fixtureCatalogue, fixtureServer, madeServer, madeTool, testAttack } from './support.ts';

function param(name: string, extra: Partial<Parameter> = {}): Parameter {
	return { path: name, name, pointer: `/properties/${name}`, depth: 0, types: ['string'], required: false, hasDefault: false, ...extra };
}

describe('a local path', () => {
	const tool = (parameters: Parameter[], description = '') => ({ parameters, description });
	it.each([
		{ case: 'a bare path', p: param('path'), siblings: [], description: '', local: true },
		{
			case: "a file of a hosted spec, beside the spec's ID",
			p: param('path', { description: "The file's path. Accepts JSON or YAML files." }),
			siblings: [param('specId', { required: true })],
			description: 'Creates a file for an OpenAPI specification.',
			local: false,
		},
		{
			case: 'file names of the object a required bare ID names',
			p: param('Files', { description: 'file names to flush from the cache', types: ['array'] }),
			siblings: [param('ID', { required: true })],
			description: 'Flush the cache of a CDN',
			local: false,
		},
		{ case: 'beside an optional bare ID', p: param('path'), siblings: [param('id')], description: 'Write a file.', local: true },
		{
			case: 'beside a session ID',
			p: param('path'),
			siblings: [param('sessionId', { required: true })],
			description: 'Write a file.',
			local: true,
		},
		{ case: 'says local', p: param('local_path'), siblings: [param('project_id')], description: '', local: true },
		{
			case: 'where a download is saved',
			p: param('targetPath', { description: 'The path to save the downloaded object' }),
			siblings: [param('bucketName')],
			description: '',
			local: true,
		},
		{
			case: 'a file on the device',
			p: param('filePath', { description: 'Path to the new image file on the device' }),
			siblings: [param('boardId')],
			description: '',
			local: true,
		},
		{
			case: 'the path of a repository',
			p: param('repo_path', { description: 'Path to the Git repository' }),
			siblings: [],
			description: 'Shows the working tree status',
			local: true,
		},
		{
			case: 'in a hosted repository (sibling)',
			p: param('path', { description: 'File path (e.g., "/src/index.ts")' }),
			siblings: [param('repository')],
			description: '',
			local: false,
		},
		{
			case: 'in a hosted repository (tool description)',
			p: param('path'),
			siblings: [],
			description: 'Get the content of a file from a repository at a branch.',
			local: false,
		},
		{
			case: 'URL-encoded path of a project',
			p: param('filePath', { description: 'File path, needs to be URL encoded' }),
			siblings: [],
			description: '',
			local: false,
		},
		{
			case: 'a path on a hub (scheme)',
			p: param('path', { description: 'For example hf://models/x' }),
			siblings: [],
			description: '',
			local: false,
		},
		{
			case: 'the same object as an ID',
			p: param('folderPath', { description: "Folder path like '/Documents'" }),
			siblings: [param('folderId')],
			description: '',
			local: false,
		},
		{
			case: 'offered instead of an ID',
			p: param('parentPath', { description: 'mutually exclusive with parentFolderId' }),
			siblings: [],
			description: '',
			local: false,
		},
		{ case: 'a node of a scene tree', p: param('node_path'), siblings: [], description: '', local: false },
		{ case: 'a remote path', p: param('remotePath'), siblings: [], description: '', local: false },
		{ case: 'an object ID', p: param('fileId'), siblings: [], description: '', local: false },
		{
			case: 'paths into an object tree, as the description names them',
			p: param('paths', { types: ['array'], description: 'Instance paths' }),
			siblings: [],
			description: 'Set a property on multiple instances',
			local: false,
		},
		{
			case: 'a path within a hosted repository, whatever its name says',
			p: param('customGitBuildPath', { description: 'The path within the repository to build from.' }),
			siblings: [],
			description: 'Saves Git provider configuration for an application.',
			local: false,
		},
		{
			case: 'a path beside one that is within a repository',
			p: param('watchPaths', { types: ['array'] }),
			siblings: [param('build_path', { description: 'The path within the repository to build from.' })],
			description: '',
			local: false,
		},
		{
			case: 'the directory a CLI runs in (description)',
			p: param('directory', { description: 'The directory to run this tool from.' }),
			siblings: [],
			description: 'Resume a long running operation.',
			local: false,
		},
		{ case: 'the directory a command runs in (name)', p: param('cwd'), siblings: [], description: 'Run a command', local: false },
		{
			case: 'relative to the working directory is still a file',
			p: param('file', { description: 'Path to the source file, absolute or relative to your current working directory' }),
			siblings: [],
			description: 'Get source context around a line',
			local: true,
		},
		{
			case: 'a path that keys stored records',
			p: param('projectPath', { description: 'Required absolute project path for project-scoped memory operations.' }),
			siblings: [],
			description: 'List project-scoped lessons.',
			local: false,
		},
		{
			case: 'named as a destination, beside the ID of the same folder',
			p: param('destinationPath', { description: "Destination folder path like '/Archive/2024'" }),
			siblings: [param('destinationFolderId')],
			description: '',
			local: false,
		},
		{
			case: 'the root of the project on disk, though the tool mentions its repository',
			p: param('projectRootPath', { description: 'Absolute path of current project root' }),
			siblings: [],
			description: 'Analyze the project repository and summarize the codebase.',
			local: true,
		},
		{
			case: 'a path in a remote sandbox',
			p: param('path', { description: 'Absolute path in the sandbox (e.g., /root/script.py)' }),
			siblings: [],
			description: 'Write a file to a sandbox.',
			local: false,
		},
		{
			case: 'relative to a hosted website root',
			p: param('archive_path', { description: 'Relative path to the archive file from website root directory' }),
			siblings: [],
			description: 'Deploy a static application from an archive file.',
			local: false,
		},
		{
			case: 'a location in a hosted database (tool description)',
			p: param('path'),
			siblings: [],
			description: 'Use this to retrieve data from the specified location in a Firebase Realtime Database.',
			local: false,
		},
		{
			case: 'a search key over stored records',
			p: param('filepath', { description: 'File path to search for in conversation history' }),
			siblings: [],
			description: 'Find all conversations related to a file',
			local: false,
		},
		{
			case: 'a directory the tool searches',
			p: param('directory', { description: 'Directory to search for Godot projects' }),
			siblings: [],
			description: 'List Godot projects in a directory',
			local: true,
		},
		{
			case: "a file name in a connected app's library",
			p: param('filename', { description: 'Workflow filename in the ComfyUI user library' }),
			siblings: [],
			description: '',
			local: false,
		},
		{
			case: 'contents keyed by file name',
			p: param('files', { description: 'Component files as key-value pairs where key is filename and value is file content.' }),
			siblings: [],
			description: '',
			local: false,
		},
		{
			case: 'paths offered instead of IDs (plural)',
			p: param('filePaths', { types: ['array'], description: 'Array of file paths to move (mutually exclusive with fileIds)' }),
			siblings: [],
			description: 'Batch move files to folder',
			local: false,
		},
		{
			case: 'a path inside a book',
			p: param('path', { description: 'The internal file path of the chapter' }),
			siblings: [],
			description: '',
			local: false,
		},
		{
			case: 'a documentation path',
			p: param('path', { description: 'The documentation path (e.g. /platforms/js/)' }),
			siblings: [],
			description: '',
			local: false,
		},
		{ case: 'a flag, not a path', p: param('includeHiddenFolders', { types: ['boolean'] }), siblings: [], description: '', local: false },
		{
			case: 'an API path (tool description)',
			p: param('path'),
			siblings: [],
			description: 'Read a Sports API path relative to /v2.',
			local: false,
		},
		{
			case: 'a sibling that is itself a path is no container',
			p: param('file'),
			siblings: [param('repo_path')],
			description: '',
			local: true,
		},
	])('$case → $local', ({ p, siblings, description, local }) => {
		const flagged = new Set(siblings.filter((s) => s.name.endsWith('path')).map((s) => s.path));
		expect(isLocalPath(p, tool([p, ...siblings], description), flagged)).toBe(local);
	});

	it.each([
		{ p: param('outputPath'), out: true },
		{ p: param('path', { description: 'Where the screenshot will be saved' }), out: true },
		{ p: param('localPath'), out: true },
		{ p: param('path', { description: 'File to read' }), out: false },
		{ p: param('sourcePath'), out: false },
	])('$p.name ($p.description) is an output path: $out', ({ p, out }) => {
		expect(isOutputPath(p)).toBe(out);
	});
});

describe('a tool that runs what it takes', () => {
	it.each([
		{ name: 'run_command', description: '', runs: true },
		{ name: 'sandbox_exec', description: 'Execute a shell command in a sandbox.', runs: true },
		{ name: 'Bash', description: '', runs: true },
		{ name: 'ssh_session_send', description: 'Runs one command inside an already-open session.', runs: true },
		{ name: 'updateProject', description: 'Updates a project', runs: false },
		{ name: 'ssh_command_alias', description: 'Manages local aliases for a command string, with no remote execution.', runs: false },
		{
			name: 'generator_write_test',
			description: 'Save generated test code to a file. The healer can run the tests later.',
			runs: false,
		},
	])('$name: $runs', ({ name, description, runs }) => {
		expect(runsWhatItTakes({ name, description })).toBe(runs);
	});
});

describe('program code the server runs', () => {
	it.each([
		{ case: 'code for an interpreter', p: param('code'), kind: 'program-code', tool: 'run-code', desc: 'Run code', runs: true },
		{ case: 'a shell command', p: param('command'), kind: 'shell-command', tool: 'Bash', desc: '', runs: true },
		{
			case: 'a project code',
			p: param('code', { description: 'Project code (2-10 uppercase letters)' }),
			kind: 'program-code',
			tool: 'qase_run_complete',
			desc: 'Mark a test run as complete.',
			runs: false,
		},
		{ case: 'an identifier by name', p: param('service_code'), kind: 'program-code', tool: 'execute', desc: '', runs: false },
		{
			case: 'code only assessed',
			p: param('code', { description: 'The code to evaluate against brand guidelines' }),
			kind: 'program-code',
			tool: 'evaluate_design',
			desc: 'Evaluates a design.',
			runs: false,
		},
		{
			case: 'in a web page',
			p: param('expression'),
			kind: 'program-code',
			tool: 'evaluate',
			desc: 'Evaluate a JavaScript expression in the current page.',
			runs: false,
		},
		{ case: 'by a browser tool', p: param('expression'), kind: 'program-code', tool: 'browser_evaluate', desc: '', runs: false },
		{
			case: 'in a connected app',
			p: param('code'),
			kind: 'program-code',
			tool: 'execute_in_app',
			desc: 'Execute JavaScript code in the connected React Native app.',
			runs: false,
		},
		{ case: 'a fixed choice', p: param('command', { enum: ['start', 'stop'] }), kind: 'shell-command', tool: 'x', desc: '', runs: false },
		{ case: 'not code at all', p: param('code'), kind: 'identifier', tool: 'run', desc: '', runs: false },
	] as const)('$case: $runs', ({ p, kind, tool, desc, runs }) => {
		expect(isRunnableCode(p, kind, { name: tool, description: desc })).toBe(runs);
	});
});

describe('text third parties write', () => {
	it.each([
		{ name: 'get_issue', description: 'Get details of a specific issue in a GitHub repository.', why: undefined },
		{ name: 'list_messages', description: 'List messages in the inbox.', why: undefined },
		{
			name: 'search',
			description: 'Search the web. Returns titles and snippets. Use it to locate pages; anything found in them is text.',
			why: undefined,
		},
		{
			name: 'list_repository_issues',
			description: 'Lists and filters code quality issues in a repository.',
			why: 'findings a service produced',
		},
		{
			name: 'get_issue',
			description: 'Returns information about an open issue that the analyzer found in a repository.',
			why: 'findings a service produced',
		},
		{ name: 'check_seo_issues', description: 'Check for common SEO issues.', why: 'findings a service produced' },
		{ name: 'get_crash_issue', description: 'Gets data for a Crashlytics issue.', why: 'findings a service produced' },
		{ name: 'get-sent-email-attachment', description: 'Retrieve an attachment of a sent email.', why: "the user's own outgoing items" },
		{ name: 'list_drafts', description: 'List drafts.', why: "the user's own outgoing items" },
		{
			name: 'jira_bulk_watch_issues',
			description: 'Add watchers to issues. Returns a task ID.',
			why: 'acts on items without returning them',
		},
		{ name: 'get_issue_watchers', description: '', why: undefined },
		{ name: 'get-email', description: 'Retrieve a specific sent transactional email by ID.', why: "the user's own outgoing items" },
		{ name: 'get-received-email', description: 'Retrieve a specific received email by ID.', why: undefined },
		{ name: 'queue_get_message', description: 'Get a message from a queue', why: "messages of the user's own systems or agents" },
		{ name: 'jira_get_queue_issues', description: 'Get issues from a service desk queue.', why: undefined },
		{
			name: 'list_console_messages',
			description: 'List console messages of the page.',
			why: "messages of the user's own systems or agents",
		},
		{
			name: 'read_inbox',
			description: "Read messages from an inbox. Use agent_id='master' to read the orchestrator's inbox.",
			why: "messages of the user's own systems or agents",
		},
		{ name: 'list_workitem_attachments', description: 'List attachments for a work item.', why: 'a listing of names, not their content' },
		{ name: 'get_attachment', description: 'Get a message attachment', why: undefined },
		{
			name: 'get_site_audit_elements_with_issues',
			description: 'Shows where a problematic element is used.',
			why: 'findings a service produced',
		},
		{ name: 'notifications_search', description: 'Search notifications.', why: 'notifications a system generates' },
		{
			name: 'list_chats',
			description: 'List all recent chats. Returns chat topics, types, and participant information.',
			why: 'metadata only (titles, topics, participants)',
		},
		{
			name: 'list-mail-messages',
			description: 'List Outlook email messages. Returns message metadata (subject, from) plus a body preview.',
			why: undefined,
		},
		{ name: 'search_issues', description: 'Search for grouped issues/problems in Sentry.', why: 'findings a service produced' },
		{ name: 'download_attachment', description: 'Download an email attachment to disk', why: 'saved to disk, not returned' },
		{ name: 'list_threads', description: 'List all threads in the debugged process', why: "messages of the user's own systems or agents" },
	])('$name: $why', ({ name, description, why }) => {
		expect(notThirdPartyText({ name, description })).toBe(why);
	});
});

describe('a secret, near misses of a description', () => {
	it.each([
		{
			p: param('accessToken', { description: 'Mapbox public access token (must start with pk.). Secret tokens cannot be used.' }),
			secret: false,
		},
		{ p: param('secret', { description: 'The signing secret (or public key) a provider issued.' }), secret: true },
		{ p: param('session_token', { description: 'Optional client session token; if omitted, one is generated' }), secret: false },
		{ p: param('app_token', { description: 'Base unique App identifier' }), secret: false },
		{ p: param('client_token', { description: 'Idempotency key for the operation' }), secret: false },
		{ p: param('token', { description: 'Optional. Omit to use the cached session from login' }), secret: true },
	])('$p.name ($p.description): $secret', ({ p, secret }) => {
		expect(isSecret(p)).toBe(secret);
	});
});

describe('a path of one file type', () => {
	it.each([
		{ p: param('notebook_path', { description: 'The absolute path to the Jupyter notebook file to edit' }), d: '', typed: true },
		{ p: param('filepath'), d: 'Create new worksheet in an Excel file.', typed: true },
		{ p: param('scene_path', { description: 'Path to the .tscn scene file' }), d: '', typed: true },
		{ p: param('path', { description: 'File path' }), d: 'Reliably writes large files', typed: false },
		{ p: param('file_path', { description: 'The absolute path to the file to write' }), d: '', typed: false },
	])('$p.name ($p.description): $typed', ({ p, d, typed }) => {
		expect(isTypedFile(p, d)).toBe(typed);
	});
});

describe("a service's SQL-like query language", () => {
	it.each([
		{ d: 'Execute a QuickBooks query using SQL-like syntax.', like: true },
		{ d: 'Execute a TRQL query. TRQL is a SQL-style query language for analyzing runs.', like: true },
		{ d: 'Execute a SQL query against the connected database.', like: false },
		{ d: 'Run a read-only SQL query for diagnostics', like: false },
	])('$d → $like', ({ d, like }) => {
		expect(isSqlLikeLanguage(d)).toBe(like);
	});
});

describe('a URL a hosted service requests', () => {
	it.each([
		{ d: 'Fetch a URL and convert it to markdown using Jina Reader.', hosted: true },
		{ d: 'Scrape a website using the ScrAPI service.', hosted: true },
		{ d: 'Search via the Serper API.', hosted: true },
		{ d: 'Fetch a website and return its contents as HTML.', hosted: false },
		{ d: 'Navigate to a URL using Playwright.', hosted: false },
	])('$d → $hosted', ({ d, hosted }) => {
		expect(namesHostedFetcher(d)).toBe(hosted);
	});
});

describe('written content', () => {
	it('is a text argument named for content, or edits of any type, never one flagged as a path', () => {
		const ps = [
			param('path'),
			param('content'),
			param('new_text'),
			param('edits', { types: ['array'] }),
			param('wrap_text', { types: ['boolean'] }),
			param('source'),
			param('nested', { path: 'a.content', depth: 1 }),
		];
		expect(contentArguments(ps, new Set(['path', 'source']))).toEqual(['content', 'new_text', 'edits']);
	});
});

describe('a secret', () => {
	it.each([
		{ p: param('password'), secret: true },
		{ p: param('dbPassword'), secret: true },
		{ p: param('api_key'), secret: true },
		{ p: param('x_api_key'), secret: true },
		{ p: param('privateKey'), secret: true },
		{ p: param('bot_key'), secret: true },
		{ p: param('client_secret'), secret: true },
		{ p: param('access_token'), secret: true },
		{ p: param('token', { description: 'Bearer token for the request' }), secret: true },
		{ p: param('approval_token'), secret: false },
		{ p: param('pageToken'), secret: false },
		{ p: param('token', { description: 'Token address (0x...) to claim fees for' }), secret: false },
		{ p: param('hiveToken', { description: 'Capability token minted by hive_init' }), secret: false },
		{ p: param('confirm_token'), secret: false },
		{ p: param('withCredentials', { types: ['boolean'] }), secret: false },
		{ p: param('keyName'), secret: false },
		{ p: param('key'), secret: false },
	])('$p.name → $secret', ({ p, secret }) => {
		expect(isSecret(p)).toBe(secret);
	});
});

describe('a server that hands URLs to a hosted service', () => {
	it.each([
		{ d: [{ kind: 'npm', env: [] }], client: false },
		{ d: [{ kind: 'npm', env: [{ name: 'SCRAPER_API_KEY' }] }], client: true },
		{ d: [{ kind: 'pypi', env: [{ name: 'SERVICE_ACCESS_TOKEN' }] }], client: true },
		{ d: [{ kind: 'npm', env: [{ name: 'PROXY_URL' }] }], client: false },
		{ d: [{ kind: 'remote' }], client: true },
		{ d: [{ kind: 'remote' }, { kind: 'npm', env: [] }], client: false },
	])('$d → $client', ({ d, client }) => {
		expect(serverFacts(d).serviceClient).toBe(client);
	});
});

describe('roles on catalogued tools', () => {
	const catalogue = fixtureCatalogue();
	const tool = (id: string) => catalogue.tool(id)!;
	const local = serverFacts([{ kind: 'npm', env: [] }]);

	it('a file system tool takes a local path; an SQL tool takes SQL; a navigation tool a URL the server fetches', () => {
		expect(argumentsInRole('local-file', tool('modelcontextprotocol-filesystem/read_file'), local)).toEqual(['path']);
		expect(argumentsInRole('fetched-url', tool('modelcontextprotocol-puppeteer/puppeteer_navigate'), local)).toEqual(['url']);
		expect(argumentsInRole('fetched-url', tool('modelcontextprotocol-puppeteer/puppeteer_navigate'), { serviceClient: true })).toEqual([]);
		expect(argumentsInRole('secret', tool('modelcontextprotocol-filesystem/read_file'), local)).toEqual([]);
	});

	it('a target with a role links only tools with such an argument, and says which', () => {
		const paths = testAttack('local-paths', {
			targets: [{ why: 'takes a path on the machine it runs on', signals: ['file-path'], arguments: ['local-file'], required: true }],
		});
		const index = buildAttackIndex([paths], catalogue);
		const [m] = index.forTool(tool('modelcontextprotocol-filesystem/read_file'));
		expect(m?.why).toMatch(/a path on the machine the server runs on \(path\)/);
		for (const t of catalogue.tools)
			if (index.forTool(t).length > 0) expect(argumentsInRole('local-file', t, local, true).length, t.id).toBeGreaterThan(0);
	});
});

describe('targets on tools made for the case', () => {
	const made = madeServer('modelcontextprotocol-filesystem', 'made-for-the-case', [
		madeTool('run_command', 'Run a shell command on this machine.', { command: { type: 'string', description: 'Shell command to run' } }, [
			'command',
		]),
		madeTool(
			'run_python',
			'Execute Python code and return its output.',
			{ code: { type: 'string', description: 'Python code to execute' } },
			['code'],
		),
		madeTool(
			'update_site',
			'Updates a hosted site.',
			{ siteId: { type: 'string' }, buildCommand: { type: 'string', description: 'Build command' } },
			['siteId'],
		),
		madeTool(
			'save_alias',
			'Stores a shorthand for a command string in local config.',
			{ command: { type: 'string', description: 'Shell command' } },
			['command'],
		),
		madeTool(
			'evaluate_in_page',
			'Evaluate a JavaScript expression in the current page.',
			{ expression: { type: 'string', description: 'JavaScript to evaluate' } },
			['expression'],
		),
	]);
	const catalogue = fixtureCatalogue([made]);
	const runs = testAttack('runs-commands', {
		categories: ['execute'],
		targets: [
			{
				why: 'takes a shell command that the server runs',
				categories: ['execute', 'destructive'],
				signals: ['command-input'],
				arguments: ['shell-command'],
			},
			{
				why: 'runs program code that the agent writes',
				categories: ['execute', 'destructive'],
				signals: ['command-input'],
				arguments: ['code'],
			},
		],
	});
	const index = buildAttackIndex([runs], catalogue);
	const linked = (name: string) => index.forTool(catalogue.tool(`made-for-the-case/${name}`)!).map((m) => m.why);

	it.each([
		{ name: 'run_command', links: true },
		{ name: 'run_python', links: true },
		{ name: 'update_site', links: false },
		{ name: 'save_alias', links: false },
		{ name: 'evaluate_in_page', links: false },
	])('$name links to a command-running attack: $links', ({ name, links }) => {
		expect(linked(name).length > 0, linked(name).join(' | ')).toBe(links);
	});

	it('the reason names the argument', () => {
		expect(linked('run_python')[0]).toMatch(/program code the server runs \(code\)/);
	});
});

describe('SQL for a tool meant only to read', () => {
	const sqlTool = (name: string, description: string, sqlDescription: string) => ({
		...fixtureServer('modelcontextprotocol-postgres'),
		slug: `sql-${name}`,
		tools: [
			{
				definition: {
					name,
					description,
					inputSchema: { type: 'object', properties: { sql: { type: 'string', description: sqlDescription } }, required: ['sql'] },
				},
			},
		],
	});
	const servers = [
		sqlTool('query', 'Run a read-only SQL query', 'SQL to run'),
		sqlTool('select', 'Execute a SELECT query', 'SQL SELECT query'),
		sqlTool('execute', 'Execute an INSERT, UPDATE, or DELETE query', 'SQL statement'),
		sqlTool('quickbooks_query', 'Execute a QuickBooks query using SQL-like syntax.', 'the SQL-like query string'),
		sqlTool('disabled', 'Run a data-modifying SQL statement. Currently disabled: the server is read-only.', 'One INSERT statement'),
		sqlTool('filtered', 'Runs a read-only query; any insert, update or delete keyword is rejected.', 'SQL query (SELECT only)'),
	] as ReturnType<typeof fixtureServer>[];
	const catalogue = fixtureCatalogue(servers);
	const local = serverFacts([{ kind: 'npm', env: [] }]);
	it.each([
		{ id: 'sql-query/query', sql: ['sql'], readOnly: ['sql'], writable: [] },
		{ id: 'sql-select/select', sql: ['sql'], readOnly: ['sql'], writable: [] },
		{ id: 'sql-execute/execute', sql: ['sql'], readOnly: [], writable: ['sql'] },
		{ id: 'sql-quickbooks_query/quickbooks_query', sql: [], readOnly: [], writable: [] },
		{ id: 'sql-disabled/disabled', sql: ['sql'], readOnly: [], writable: ['sql'] },
		{ id: 'sql-filtered/filtered', sql: ['sql'], readOnly: ['sql'], writable: [] },
	])('$id', ({ id, sql, readOnly, writable }) => {
		const tool = catalogue.tool(id)!;
		expect(argumentsInRole('sql', tool, local)).toEqual(sql);
		expect(argumentsInRole('read-only-sql', tool, local)).toEqual(readOnly);
		expect(argumentsInRole('writable-sql', tool, local)).toEqual(writable);
	});
});

describe('a path that names a folder, not the one file written', () => {
	it.each([
		{ p: param('outputDir', { description: 'Absolute path to the requirements directory' }), folder: true },
		{ p: param('outputDir'), folder: true },
		{ p: param('target_folder'), folder: true },
		{ p: param('path', { description: 'Path of the folder to write the report into' }), folder: true },
		{ p: param('path', { description: 'Absolute path to the file to write' }), folder: false },
		{ p: param('path', { description: 'Directory or file path' }), folder: false },
		{ p: param('output_path', { description: 'Where the file is written, inside the output directory' }), folder: false },
		{ p: param('file_path'), folder: false },
	])('$p.name ($p.description): $folder', ({ p, folder }) => {
		expect(isFolderPath(p)).toBe(folder);
	});
});

describe('a shell command for a tool meant only to read', () => {
	it.each([
		{
			p: param('command'),
			d: 'Execute a READ-ONLY command from an allowlist (ls, cat, grep). This tool does NOT modify the system.',
			ro: true,
		},
		{ p: param('command', { description: 'Read-only shell command (must be in the allowlist)' }), d: 'Run a command.', ro: true },
		{ p: param('cmd'), d: 'Runs read-only operations such as status and log.', ro: true },
		{
			p: param('command', { description: 'TSO command to execute' }),
			d: 'Execute a TSO command.\n- SAFE: Read-only commands (LISTDS)\n- CAUTIOUS: Commands with side effects (SUBMIT)',
			ro: false,
		},
		{ p: param('command'), d: 'Execute an arbitrary shell command on the remote server. May modify the system.', ro: false },
		{ p: param('command', { description: 'Shell command to run' }), d: 'Run a shell command; output is returned read only.', ro: false },
	])('$d ($p.description): $ro', ({ p, d, ro }) => {
		expect(isReadOnlyCommand(p, d)).toBe(ro);
	});
});

describe('an app deep link', () => {
	it.each([
		{ p: param('url', { description: 'Deep link URL (e.g. myapp://product/123).' }), name: 'open_url', d: 'Open a URL.', deep: true },
		{ p: param('url'), name: 'open_deeplink', d: 'Open on the device.', deep: true },
		{ p: param('url'), name: 'open_deep_link', d: 'Open on the device.', deep: true },
		{ p: param('url'), name: 'navigate', d: 'Navigate to screens via URL scheme.', deep: true },
		{ p: param('url', { description: 'URL to fetch' }), name: 'fetch', d: 'Fetches a URL from the internet.', deep: false },
		{ p: param('url'), name: 'open_page', d: 'Open a web page and return its text.', deep: false },
	])('$name ($p.description / $d): $deep', ({ p, name, d, deep }) => {
		expect(isDeepLink(p, { name, description: d })).toBe(deep);
	});
});

describe('the one file a writer writes, a command that can change the system, a URL the server requests: on tools made for the case', () => {
	const made = madeServer('modelcontextprotocol-filesystem', 'made-roles', [
		madeTool(
			'write_file',
			'Write content to a file on this machine.',
			{ path: { type: 'string', description: 'Absolute path to the file to write' }, content: { type: 'string' } },
			['path', 'content'],
		),
		madeTool(
			'write_summary',
			'Writes a README.md summary file to the requirements directory.',
			{ outputDir: { type: 'string', description: 'Absolute path to the requirements directory' }, readmeContent: { type: 'string' } },
			['outputDir', 'readmeContent'],
		),
		madeTool(
			'save_spec',
			'Save a markdown spec. Saved to <outputDir>/specs/<title-slug>.md',
			{ title: { type: 'string' }, content: { type: 'string' }, outputDir: { type: 'string' } },
			['title', 'content'],
		),
		madeTool(
			'save_plan',
			'Save the test plan to a markdown file.',
			{ planContent: { type: 'string' }, filename: { type: 'string' }, outputDir: { type: 'string' } },
			['planContent'],
		),
		madeTool(
			'write_pdf',
			'\n    Create a new PDF file or modify an existing one.\n\n    RULES ABOUT FILENAMES: use a new name.',
			{ outputPath: { type: 'string' }, content: { type: 'string' } },
			['outputPath', 'content'],
		),
		madeTool(
			'run_command',
			'Execute an arbitrary shell command on this machine.',
			{ command: { type: 'string', description: 'Shell command to run' } },
			['command'],
		),
		madeTool(
			'read_command',
			'Execute a READ-ONLY command from an allowlist (ls, cat, grep). This tool does NOT modify the system.',
			{ command: { type: 'string', description: 'Read-only shell command (must be in the allowlist)' } },
			['command'],
		),
		madeTool('fetch_url', 'Fetch a URL and return its content.', { url: { type: 'string', description: 'URL to fetch' } }, ['url']),
		madeTool(
			'open_deeplink',
			'Open deep link on simulator/device. Navigate to screens via URL scheme.',
			{ url: { type: 'string', description: 'Deep link URL (e.g. myapp://product/123).' } },
			['url'],
		),
	]);
	const catalogue = fixtureCatalogue([made]);
	const local = serverFacts([{ kind: 'npm', env: [] }]);
	it.each([
		{ name: 'write_file', role: 'named-file', args: ['path'] },
		{ name: 'write_file', role: 'any-file', args: ['path'] },
		{ name: 'write_summary', role: 'named-file', args: [] },
		{ name: 'write_summary', role: 'any-file', args: ['outputDir'] },
		{ name: 'save_spec', role: 'named-file', args: [] },
		{ name: 'save_spec', role: 'local-file', args: ['outputDir'] },
		{ name: 'save_plan', role: 'named-file', args: ['outputDir'] },
		{ name: 'write_pdf', role: 'named-file', args: [] },
		{ name: 'write_pdf', role: 'any-file', args: [] },
		{ name: 'write_pdf', role: 'local-file', args: ['outputPath'] },
		{ name: 'run_command', role: 'writable-command', args: ['command'] },
		{ name: 'run_command', role: 'shell-command', args: ['command'] },
		{ name: 'read_command', role: 'writable-command', args: [] },
		{ name: 'read_command', role: 'shell-command', args: ['command'] },
		{ name: 'fetch_url', role: 'fetched-url', args: ['url'] },
		{ name: 'open_deeplink', role: 'fetched-url', args: [] },
	] as const)('$name, $role: $args', ({ name, role, args }) => {
		const t = catalogue.tool(`made-roles/${name}`)!;
		// The negative cases fail for the rule under test: each tool carries the signal its role reads.
		const signal = {
			'named-file': 'file-path',
			'any-file': 'file-path',
			'local-file': 'file-path',
			'writable-command': 'command-input',
			'shell-command': 'command-input',
			'fetched-url': 'url-input',
		}[role];
		expect(t.judgement.signals.map((s) => s.id)).toContain(signal);
		expect(argumentsInRole(role, t, local)).toEqual(args);
	});
});
