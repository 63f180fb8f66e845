/**
 * What an argument must be for an attack to apply to a tool: not "some argument the classifier flagged
 * as path-like" but the precise kind the attack needs. A path-traversal or config-rewrite attack needs a
 * path on the machine the server runs on, not a path inside a hosted repository or a cloud drive; a
 * shell-wiping prompt needs a shell command, not the name of a sub-command; an SSRF needs a URL the
 * server itself requests, not an identifier or an address handed to a hosted scraping service; a
 * token-passthrough needs a secret, not an approval token or a token's contract address.
 *
 * Each role is decided per argument from the risk signal that flagged it (`signals`), the argument's
 * kind (`policy/argument-kind.ts`, the same decision the policy's checks use) and a few general rules
 * written here, each on the argument's own name, type and description, its sibling parameters, or the
 * server's declared environment. No rule names a tool, a server or a product.
 */
import type { ToolView } from '../catalogue.ts';
import type { Parameter } from '../content/parameters.ts';
import { ARGUMENT_ROLE_IDS, RETURN_ROLE_IDS } from '../content/attack.ts';
import { argumentKind, nameWords, type ArgumentKind, type KindFamily } from '../policy/argument-kind.ts';
import type { SignalId } from '../taxonomy.ts';

export type ArgumentRole = (typeof ARGUMENT_ROLE_IDS)[number];

/** What each role is, in a few words, for the reason a tool page shows. */
export const ROLE_LABELS: Record<ArgumentRole, string> = {
	'local-file': 'a path on the machine the server runs on',
	'any-file': 'a path on the machine the server runs on, of any file type',
	'output-file': 'a path on the machine the server runs on that it writes to',
	'named-file': 'a path that names the one file written (not a folder, not one file type)',
	content: 'text the agent writes into the file',
	'shell-command': 'a shell command',
	'writable-command': 'a shell command that can change the system',
	code: 'a shell command or program code the server runs',
	sql: 'an SQL statement',
	'read-only-sql': 'an SQL statement for a tool meant only to read',
	'writable-sql': 'an SQL statement that can change data',
	'fetched-url': 'a URL the server itself requests',
	secret: 'a secret (password, API key, private key or access token)',
	person: 'a person, address or chat to send to',
};

/** A description's opening sentence, after any leading blank lines or indentation. */
function openingOf(description: string): string {
	return description.trim().split(/(?<=[.!?])\s|\n/)[0] ?? '';
}

// ---------------------------------------------------------------------------------------------------
// Local paths

/** A bare file name (`filename`) is left out: in most schemas it names an upload or a remote object, not a place on disk. */
const LOCAL_PATH_KINDS: ReadonlySet<ArgumentKind> = new Set(['relative-path', 'absolute-path', 'local-path']);

/** The argument says the path is on this machine (or is where a download is written). */
const LOCAL_DESCRIPTION =
	/\b(local(ly)?|on (the|this|your) (device|disk|machine|computer|host)|file ?system|save[sd]? (to|at|in|into)|path to save|(write|written|download(ed)?|export(ed)?|output) (to|into|at)|where .{0,40} (will be |is )?(saved|written|stored)|working (tree|directory|copy)|(path|directory|folder) (to|of) (the |a |an )?(local |git )?(repo|repository|project|workspace|clone))\b/i;
const LOCAL_NAME_WORDS = new Set(['local', 'output', 'out', 'destination', 'dest', 'target', 'save', 'download', 'workspace']);
/** The argument, or the tool's opening sentence, places the path inside a store elsewhere. */
const REMOTE_DESCRIPTION =
	/\b(repositor(y|ies)|repo|bucket|cloud|drive|onedrive|dropbox|remote|on the server|storage (account|container)|blob|share ?point|wiki|space|vault|gist|merge request|pull request|url[- ]?encoded|[a-z][a-z0-9+.-]*:\/\/)/i;
/** Sibling parameters that name the remote container a path lives in. */
const CONTAINER_WORDS = new Set([
	'repo',
	'repository',
	'repositories',
	'owner',
	'project',
	'bucket',
	'drive',
	'board',
	'space',
	'site',
	'org',
	'organization',
	'vault',
	'share',
	'container',
	'spec',
]);
const PATH_LAST_WORDS = new Set(['path', 'paths', 'dir', 'directory', 'folder', 'file', 'root', 'cwd']);
/** A path named for a repository or project (`repo_path`) is where that repository is on disk. */
const OWN_PATH_WORDS = new Set(['repo', 'repository', 'project', 'workspace', 'git']);
/** A path offered instead of an object's ID names an object in a store that has IDs, not a local file. */
const ALTERNATIVE_TO_ID = /\b(mutually exclusive with|alternative to|instead of|or) (the |an? )?[A-Za-z_]*(id|Id|ID)s?\b/;
const GENERIC_WORDS = new Set(['path', 'paths', 'name', 'id', 'the', 'to']);
/**
 * Paths elsewhere (`remotePath`, `cloudPath`) or into a tree that is not the file system: a scene's
 * nodes, a document's keys or properties, a track.
 */
const TREE_PATH_WORDS = new Set([
	'remote',
	'cloud',
	'node',
	'nodes',
	'property',
	'prop',
	'track',
	'key',
	'object',
	'field',
	'element',
	'selector',
	'jsonpath',
	'xpath',
]);

/**
 * Whether a path argument is on the machine the server runs on. Not when its name says it is a path
 * into another tree (`node_path`, `property_path`, `track_path`). Local when its name or description
 * says so (local, output, save to, path of the repository…); otherwise remote when its description or
 * the tool's opening sentence places it in a store elsewhere (a repository, bucket, drive, wiki, a
 * URL scheme) or offers it instead of an ID, or when a sibling top-level parameter names such a
 * container (`repository`, `owner`, `project_id`, `bucket`, `specId`) and is not itself a path, or is the ID of
 * the same object (`folderPath` beside `folderId`), or is a required bare `id` of the object the call acts on;
 * otherwise local.
 */
export function isLocalPath(
	p: Parameter,
	tool: Pick<ToolView, 'parameters'> & { description: string },
	flaggedPaths: ReadonlySet<string>,
): boolean {
	const words = nameWords(p.name);
	const desc = p.description ?? '';
	// A flag or a number (`includeHiddenFolders`) is no path, whatever the classifier made of its name.
	if (p.types.length > 0 && !p.types.includes('string') && !p.types.includes('array')) return false;
	if (words.some((w) => TREE_PATH_WORDS.has(w))) return false;
	// `fileId`, `folder_ids`: an identifier of an object in a store, whatever the classifier made of it.
	if (['id', 'ids', 'uuid'].includes(words.at(-1) ?? '')) return false;
	// "Instance paths", "the JSON path of the value": a path into a tree that is not the file system; for an
	// argument without a description, as the tool's opening sentence names it ("Read an API path").
	const toolOpening = openingOf(tool.description);
	if (TREE_PATH_DESCRIPTION.test(desc) || (desc === '' && TREE_PATH_DESCRIPTION.test(toolOpening))) return false;
	// The directory a command or CLI runs in, or a path used as a key for stored records: no file at it is opened.
	if (isWorkingDirectory(words, desc) || SCOPE_KEY_DESCRIPTION.test(desc)) return false;
	// Offered instead of an ID, or beside the ID of the same object: the name of an object in a store with IDs,
	// whatever its name says (`destinationPath` beside `destinationFolderId`).
	if (ALTERNATIVE_TO_ID.test(desc)) return false;
	const ownWords = new Set(words.filter((w) => !GENERIC_WORDS.has(w)));
	const siblings = tool.parameters.filter((s) => s.depth === 0 && s.path !== p.path && !flaggedPaths.has(s.path));
	if (siblings.some((s) => nameWords(s.name).at(-1) === 'id' && nameWords(s.name).some((x) => ownWords.has(x)))) return false;
	// "The path within the repository to build from": a path inside a repository, whatever its name says (for an
	// argument without a description, as the tool's opening sentence places it: "a location in a database").
	if (INSIDE_REPOSITORY.test(desc) || (desc === '' && INSIDE_REPOSITORY.test(toolOpening))) return false;
	if (words.some((w) => LOCAL_NAME_WORDS.has(w)) || LOCAL_DESCRIPTION.test(desc)) return true;
	// `repo_path`, `projectRootPath`, `workspace_root`: where a repository or project is on disk (only path words
	// follow the repository word; `customGitBuildPath` is a path inside one).
	const own = words.findLastIndex((w) => OWN_PATH_WORDS.has(w));
	if (own >= 0 && own < words.length - 1 && words.slice(own + 1).every((w) => PATH_LAST_WORDS.has(w))) return true;
	const opening = openingOf(tool.description);
	if (REMOTE_DESCRIPTION.test(desc) || REMOTE_DESCRIPTION.test(opening)) return false;
	// The paths of one call live in one place: a sibling path "within the repository" puts this one there too.
	if (tool.parameters.some((s) => s.path !== p.path && flaggedPaths.has(s.path) && INSIDE_REPOSITORY.test(s.description ?? '')))
		return false;
	// A required bare `id` beside the path: the call acts on one object with an ID (a CDN, a record), and the
	// path names a part of it ("file names to flush from the cache").
	if (siblings.some((s) => s.required && ['id', 'uuid'].includes(s.name.toLowerCase()))) return false;
	return !siblings.some((s) => {
		const w = nameWords(s.name);
		return w.some((x) => CONTAINER_WORDS.has(x)) && !PATH_LAST_WORDS.has(w.at(-1) ?? '');
	});
}

/** A path into something other than the file system, as its description names it ("Instance paths", "JSON path"). */
const TREE_PATH_DESCRIPTION =
	/\b(instance|node|object|element|property|json|key|dom|scene|menu|route|url|api|page|document|documentation|docs|xpath|css) paths?\b|\binternal (file )?path\b|\bin the [\w ]{0,30}user library\b|\bkey is (the )?file ?name\b|\bcontents? keyed by\b/i;
/**
 * A path elsewhere, named by where it is: "the path within the repository", "absolute path in the sandbox",
 * "relative to the website root", "a location in a realtime database".
 */
const INSIDE_REPOSITORY =
	/\b((within|inside) (the |a |this )?(git )?(repo|repository|bucket|drive|sandbox)|in (the |a )?(remote|hosted) (repo|repository)|in the sandbox|(relative to|from) (the )?(website|site|web|document) root( directory)?|(location|path|node) in (a|the) [\w ]{0,30}database)\b/i;
/** A path that keys stored records ("project-scoped memory", "scope") rather than naming a file to open. */
const SCOPE_KEY_DESCRIPTION =
	/\b(to search for (in|within)|search (key|term)|to filter by)\b|\b[a-z]+-scoped\b|\b(scope|namespace) (key|for)\b/i;
const WORKING_DIRECTORY_NAMES = new Set(['cwd', 'workdir', 'workingdir', 'workingdirectory']);
const WORKING_DIRECTORY_DESCRIPTION =
	/^\s*((the|optional[,:]?) )?((current|session) )?working directory\b|\b(directory|folder) to run (this |the )?(tool|command|cli)? ?(from|in)\b|\bdirectory (in which|where) (to run|the command|commands)\b/i;

/** The argument is the directory a command or CLI runs in (`cwd`, "The directory to run this tool from"). */
function isWorkingDirectory(words: readonly string[], description: string): boolean {
	const joined = words.join('');
	return (
		WORKING_DIRECTORY_NAMES.has(joined) ||
		words.some((w) => w === 'cwd' || w === 'workdir') ||
		WORKING_DIRECTORY_DESCRIPTION.test(description)
	);
}

/**
 * A path the tool only accepts for one file type ("the Jupyter notebook file", "Path to the .tscn scene
 * file", "the Excel file"): it cannot be pointed at an editor's or agent's settings file.
 */
const TYPED_FILE =
	/\.(ipynb|xlsx?|docx?|pptx?|pdf|tscn|tres|als|drawio|png|jpe?g|gif|webp|svg|csv|mp3|wav|mp4|heapsnapshot)\b|\b(notebook|excel|spreadsheet|workbook|word|powerpoint|pdf|image|scene|diagram|audio|video) files?\b/i;

/** Whether a path argument (or, without a description, the tool's opening sentence) names one file type. */
export function isTypedFile(p: Parameter, toolDescription: string): boolean {
	if (TYPED_FILE.test(p.description ?? '')) return true;
	return (p.description ?? '') === '' && TYPED_FILE.test(openingOf(toolDescription));
}

/** Name words of a path that is a folder: the tool writes into it under names of its own. */
const FOLDER_NAME_WORDS = new Set(['dir', 'dirs', 'directory', 'directories', 'folder', 'folders']);
const FOLDER_DESCRIPTION = /\b(directory|folder)\b/i;
const FILE_DESCRIPTION = /\bfiles? ?(name|path)?\b/i;

/**
 * Whether a path argument names a folder rather than one file: its name ends in a folder word
 * (`outputDir`, `target_folder`), or its description speaks of a directory or folder and not of a file
 * ("Absolute path to the requirements directory"). A writer given a folder picks the file name itself
 * (`<outputDir>/specs/<slug>.md`, `README.md`), so the agent cannot aim it at a configuration file.
 */
export function isFolderPath(p: Parameter): boolean {
	if (FOLDER_NAME_WORDS.has(nameWords(p.name).at(-1) ?? '')) return true;
	const d = p.description ?? '';
	return FOLDER_DESCRIPTION.test(d) && !FILE_DESCRIPTION.test(d);
}

/** A top-level argument that names the file inside the folder (`filename`, `file_name`, `fileName`). */
function namesFileInFolder(parameters: readonly Parameter[]): boolean {
	return parameters.some((q) => {
		if (q.depth !== 0) return false;
		const words = nameWords(q.name);
		const last = words.at(-1) ?? '';
		return last === 'filename' || (last === 'name' && words.at(-2) === 'file');
	});
}

/**
 * Whether a local path is the one file a writer writes, as the agent chooses it: not a folder the tool
 * writes into under names of its own, unless a sibling argument names the file (`outputDir` + `filename`
 * together choose the whole path).
 */
export function isNamedFile(p: Parameter, parameters: readonly Parameter[]): boolean {
	return !isFolderPath(p) || namesFileInFolder(parameters);
}

/** The argument is where the tool writes: its name or description says output, destination, save to, download to. */
const OUTPUT_NAME_WORDS = new Set(['output', 'out', 'destination', 'dest', 'target', 'save', 'download', 'export', 'local']);
const OUTPUT_DESCRIPTION =
	/\b(save[sd]?|saving|write|written|writes|download(ed|s)? (to|into)|output|destination|export(ed)? (to|into)|where .{0,40} (will be |is )?(saved|written|stored))\b/i;

/** Whether a local path argument is where the tool writes its output (a download, an export, a generated file). */
export function isOutputPath(p: Parameter): boolean {
	return nameWords(p.name).some((w) => OUTPUT_NAME_WORDS.has(w)) || OUTPUT_DESCRIPTION.test(p.description ?? '');
}

/** Names of what a write tool puts into a file: the words an argument's name ends in. */
const CONTENT_LAST_WORDS = new Set([
	'content',
	'contents',
	'text',
	'body',
	'data',
	'source',
	'code',
	'yaml',
	'json',
	'toml',
	'lines',
	'replacement',
]);
const EDIT_LAST_WORDS = new Set(['edits', 'edit', 'diff', 'patch', 'changes']);

/**
 * The top-level arguments that carry what the agent writes into a file: text whose name ends in a
 * content word (`content`, `new_text`, `body`, `yaml`), or a list of edits or a patch of any type;
 * never an argument flagged as a file path (`source` that names a file to copy is not content).
 */
export function contentArguments(parameters: readonly Parameter[], paths: ReadonlySet<string>): string[] {
	return parameters
		.filter((p) => {
			if (p.depth !== 0 || paths.has(p.path)) return false;
			const last = nameWords(p.name).at(-1) ?? '';
			if (EDIT_LAST_WORDS.has(last)) return true;
			return CONTENT_LAST_WORDS.has(last) && (p.types.length === 0 || p.types.includes('string'));
		})
		.map((p) => p.path);
}

// ---------------------------------------------------------------------------------------------------
// Shell commands

const COMMAND_LAST_WORDS = new Set(['command', 'commands', 'cmd', 'cmdline', 'argv']);
/** A command of the tool's own (a sub-command a router dispatches), not a command line for a shell. */
const NOT_A_SHELL_DESCRIPTION = /\b(sub-?commands?|against the (specified )?tool|command name|name of the command|child tools?)\b/i;

/** Words of a tool's name that say it runs what it is given, or is itself a shell or interpreter. */
const RUNNER_NAME_WORDS = new Set([
	'run',
	'exec',
	'execute',
	'eval',
	'evaluate',
	'spawn',
	'launch',
	'start',
	'invoke',
	'shell',
	'bash',
	'sh',
	'zsh',
	'powershell',
	'pwsh',
	'terminal',
	'console',
	'repl',
	'cmd',
	'kubectl',
	'interpreter',
]);
const RUNS_NOW =
	/\b(run|runs|execute|executes|exec|evaluate|evaluates|eval|spawn|spawns|launch|launches|start|starts|invoke|invokes|interpret|interprets)\b/i;

/**
 * Whether the tool runs what it takes now: its name has a run verb or names a shell or interpreter
 * (`run_command`, `sandbox_exec`, `bash`), or the opening sentence of its description says it runs,
 * executes, evaluates or starts something. A tool that stores a command as a setting (`updateProject`
 * with a `buildCommand`), keeps an alias, or writes a command into a manifest for later runs nothing.
 */
export function runsWhatItTakes(tool: { name: string; description: string }): boolean {
	if (nameWords(tool.name).some((w) => RUNNER_NAME_WORDS.has(w))) return true;
	const opening = openingOf(tool.description);
	return RUNS_NOW.test(opening);
}

/**
 * Code that runs inside something other than the server's own process: a web page or browser tab, an
 * app being debugged over a bridge, an editor plugin's sandbox ("in the page context", "in the connected
 * React Native app", "in Figma's plugin context").
 */
const IN_ANOTHER_CONTEXT =
	/\b((in|inside|within|into|on) (the |a |an )?(current |active |open |running |connected |live )?(browser|page|tab|frame|webview|web page|document|dom|preview|app|application)\b|(page|plugin|app) context\b)/i;
/** Name words of tools whose code runs in a page or app: `browser_evaluate`, `execute_in_app`. */
const OTHER_CONTEXT_NAME_WORDS = new Set(['browser', 'page', 'app', 'dom']);
/**
 * A "code" that is an identifier ("Project code (2-10 uppercase letters)"), or code the tool only reads
 * ("code to evaluate against brand guidelines").
 */
const NOT_RUN_CODE_DESCRIPTION =
	/\b((project|country|currency|language|status|error|short|unique|verification|promo|discount) code|identifier|against|to (review|analy[sz]e|check|lint|format|validate|parse|convert|explain|document|score))\b/i;
const NOT_CODE_NAME_WORDS = new Set([
	'id',
	'key',
	'name',
	'type',
	'language',
	'lang',
	'kind',
	'status',
	'country',
	'currency',
	'service',
	'project',
]);

/**
 * Whether a command-input argument is program code (or a command line) the server runs: its kind is
 * `program-code` or `shell-command`, it is no fixed choice, its name and description say it is no
 * identifier (`service_code`, "Project code") and no code the tool only assesses, and neither it, the
 * tool's name nor its opening sentence puts it in another context (a page, an app, a plugin).
 */
export function isRunnableCode(p: Parameter, kind: ArgumentKind, tool: { name: string; description: string }): boolean {
	if (kind !== 'program-code' && kind !== 'shell-command') return false;
	if (p.enum !== undefined && p.enum.length > 0) return false;
	if (nameWords(p.name).some((w) => NOT_CODE_NAME_WORDS.has(w))) return false;
	if (NOT_RUN_CODE_DESCRIPTION.test(p.description ?? '')) return false;
	if (nameWords(tool.name).some((w) => OTHER_CONTEXT_NAME_WORDS.has(w))) return false;
	const opening = openingOf(tool.description);
	return !IN_ANOTHER_CONTEXT.test(p.description ?? '') && !IN_ANOTHER_CONTEXT.test(opening);
}

/**
 * Whether a command-input argument is a command line for a shell: its kind is `shell-command`, or its
 * kind is undecided and its name says command (`command`, `cmd`, `buildCommand`) — unless it is a fixed
 * choice (an `enum`) or its description says it is a sub-command of the tool's own.
 */
function isShellCommand(p: Parameter, kind: ArgumentKind): boolean {
	if (p.enum !== undefined && p.enum.length > 0) return false;
	if (NOT_A_SHELL_DESCRIPTION.test(p.description ?? '')) return false;
	if (kind === 'shell-command') return true;
	return kind === 'unknown' && COMMAND_LAST_WORDS.has(nameWords(p.name).at(-1) ?? '');
}

/**
 * The tool says the commands it runs cannot change anything: "Execute a READ-ONLY command from an
 * allowlist", "Read-only shell command", "This tool does NOT modify the system". An allow-list can be bypassed
 * (command injection still applies), but an injected wipe has nothing to run it with.
 */
const READ_ONLY_COMMAND = /\bread[- ]only (shell )?(commands?|operations?)\b/i;
const MODIFIES_NOTHING = /\b(does|will) not (modify|change|alter) (the )?(system|files?|anything)\b/i;

/**
 * Whether a shell-command argument belongs to a tool meant only to read: the argument or the tool's opening
 * sentence says read-only commands, or the tool says it modifies nothing. A tool that only lists read-only
 * commands as one class among others ("SAFE: Read-only commands … CAUTIOUS: commands with side effects") is
 * not one.
 */
export function isReadOnlyCommand(p: Parameter, toolDescription: string): boolean {
	return (
		READ_ONLY_COMMAND.test(p.description ?? '') ||
		READ_ONLY_COMMAND.test(openingOf(toolDescription)) ||
		MODIFIES_NOTHING.test(toolDescription)
	);
}

// ---------------------------------------------------------------------------------------------------
// Secrets

const SECRET_LAST = new Set(['password', 'passwd', 'passphrase', 'secret', 'credential', 'credentials', 'bearer', 'apikey', 'totp']);
const KEY_QUALIFIERS = new Set(['api', 'private', 'secret', 'access', 'bot', 'subscription', 'app', 'signing', 'master', 'client']);
const TOKEN_NOT_SECRET = new Set([
	'approval',
	'confirm',
	'confirmation',
	'page',
	'next',
	'continuation',
	'cursor',
	'csrf',
	'capability',
	'idempotency',
	'sync',
]);
const PUBLIC_KEY = /\b(public (access )?(token|key)|publishable (key|token))\b/i;
const NOT_A_SECRET_DESCRIPTION =
	/\b(approv(al|e)|confirm(ation)?|pagination|next page|cursor|minted|returned by|(token|contract|wallet|mint) address|0x|environment variable name|name of (the|an) (env|environment)|session (id|identifier) for billing|billing session|(client|autocomplete) session token|identifier|idempoten\w*)\b/i;

/**
 * Whether a credentials-flagged argument is a secret that would pass through the model's context: a
 * text argument whose name ends in a secret word (password, secret, passphrase, credentials, bearer,
 * api key…), or in `key` with a qualifier (`apiKey`, `privateKey`, `bot_key`), or in `token` unless the
 * token is an approval, page or capability token; and whose description does not say it is a
 * confirmation, a pagination cursor, a token's contract address, a name of a variable, a client session
 * token, or a public key.
 */
export function isSecret(p: Parameter): boolean {
	if (p.types.length > 0 && !p.types.includes('string')) return false;
	const words = nameWords(p.name);
	const last = words.at(-1) ?? '';
	const prev = words.at(-2);
	const secretName =
		SECRET_LAST.has(last) ||
		(last === 'pass' && prev !== undefined) ||
		(last === 'key' && prev !== undefined && KEY_QUALIFIERS.has(prev)) ||
		(last === 'token' && !(prev !== undefined && TOKEN_NOT_SECRET.has(prev)));
	const desc = p.description ?? '';
	// A public or publishable key (a map style's `pk.` token) is meant to be seen, unless its first sentence also
	// calls it secret ("the signing secret (or public key)").
	const first = desc.split(/(?<=[.!?])\s/)[0] ?? '';
	const publicKey = PUBLIC_KEY.test(first) && !/\b(secret|private)\b/i.test(first);
	return secretName && !NOT_A_SECRET_DESCRIPTION.test(desc) && !publicKey;
}

// ---------------------------------------------------------------------------------------------------
// Fetched URLs

const URL_KINDS: ReadonlySet<ArgumentKind> = new Set(['url', 'hostname', 'url-or-path']);
/** The tool or its SQL argument says it only reads: "read-only", "SELECT statements only", "Execute a SELECT query". */
const READ_ONLY_SQL = /\bread[- ]only\b|\bselect[- ](style )?(quer(y|ies)|statements?)\b|\b(only select|select only)\b/i;
/** The tool says it changes data ("Run a data-modifying SQL statement", "Execute an INSERT, UPDATE, or DELETE"). */
const WRITES_SQL = /\b(data-modifying|modif(y|ies) data|(run|runs|execute|executes) an? (insert|update|delete))\b/i;

/**
 * Whether an SQL argument belongs to a tool meant only to read: it or the tool says read-only or SELECT
 * only, and the tool does not say it changes data ("a data-modifying statement; disabled: the server is
 * read-only" is a write tool).
 */
export function isReadOnlySql(p: Parameter, toolDescription: string): boolean {
	if (WRITES_SQL.test(toolDescription) || WRITES_SQL.test(p.description ?? '')) return false;
	return READ_ONLY_SQL.test(p.description ?? '') || READ_ONLY_SQL.test(toolDescription);
}

const SQL_LIKE = /\bsql[- ](like|style|inspired)\b|\bsimilar to sql\b/i;

/** Whether a tool's description calls its query language SQL-like: a service's own language over its API. */
export function isSqlLikeLanguage(toolDescription: string): boolean {
	return SQL_LIKE.test(toolDescription);
}

/**
 * A URL an app on a device or simulator opens ("Deep link URL (e.g. myapp://product/123)", "Navigate to
 * screens via URL scheme"): the app routes it to a screen, the server requests nothing.
 */
const DEEP_LINK = /\bdeep[- ]?links?\b|\b(custom )?url schemes?\b|\bapp links?\b/i;
/** Whether a URL argument is an app deep link, by its description or the tool's name or opening sentence. */
export function isDeepLink(p: Parameter, tool: { name: string; description: string }): boolean {
	if (nameWords(tool.name).some((w) => w === 'deeplink' || w === 'deeplinks')) return true;
	return (
		DEEP_LINK.test(p.description ?? '') || DEEP_LINK.test(openingOf(tool.description)) || DEEP_LINK.test(tool.name.replace(/[_-]/g, ' '))
	);
}

/** The tool's description names the hosted service that requests the URL ("using Jina Reader", "via the Serper API"). */
const HOSTED_FETCHER = /\b(using|via|through|with) (the )?[A-Z][\w.-]*( [A-Z][\w.-]*)? (API|service|Reader|Cloud)\b/;
/** Whether a tool's description says a named hosted service requests the URL for it. */
export function namesHostedFetcher(toolDescription: string): boolean {
	return HOSTED_FETCHER.test(toolDescription);
}

/** An environment variable that holds a hosted service's API key: the server is a client of that service. */
const SERVICE_KEY_ENV = /(^|_)(API_?KEY|ACCESS_?TOKEN|API_?TOKEN|SECRET_?KEY)$/i;

// ---------------------------------------------------------------------------------------------------

const ROLE_SIGNAL: Record<
	Exclude<ArgumentRole, 'content'>,
	{ signal: SignalId; family?: KindFamily; kinds?: ReadonlySet<ArgumentKind> }
> = {
	'local-file': { signal: 'file-path', family: 'path', kinds: LOCAL_PATH_KINDS },
	'any-file': { signal: 'file-path', family: 'path', kinds: LOCAL_PATH_KINDS },
	'output-file': { signal: 'file-path', family: 'path', kinds: LOCAL_PATH_KINDS },
	'named-file': { signal: 'file-path', family: 'path', kinds: LOCAL_PATH_KINDS },
	'shell-command': { signal: 'command-input', family: 'command' },
	'writable-command': { signal: 'command-input', family: 'command' },
	code: { signal: 'command-input', family: 'command', kinds: new Set(['shell-command', 'program-code']) },
	sql: { signal: 'raw-query', family: 'query', kinds: new Set(['sql']) },
	'read-only-sql': { signal: 'raw-query', family: 'query', kinds: new Set(['sql']) },
	'writable-sql': { signal: 'raw-query', family: 'query', kinds: new Set(['sql']) },
	'fetched-url': { signal: 'url-input', family: 'url', kinds: URL_KINDS },
	secret: { signal: 'credentials' },
	person: { signal: 'recipient', family: 'recipient', kinds: new Set(['email-address', 'other-recipient']) },
};

/** The server-level facts a role reads (from the server file), computed once per server. */
export interface ServerFacts {
	/**
	 * The server hands URLs to a service elsewhere rather than requesting them from the network it runs
	 * in: it declares an environment variable holding a hosted service's API key (`…_API_KEY`,
	 * `…_ACCESS_TOKEN`), or it is only offered as a remote endpoint.
	 */
	serviceClient: boolean;
}

type Distribution = { kind: string; env?: readonly { name: string }[] };

export function serverFacts(distributions: readonly Distribution[]): ServerFacts {
	const env = distributions.flatMap((d) => d.env ?? []);
	const remoteOnly = distributions.length > 0 && distributions.every((d) => d.kind === 'remote');
	return { serviceClient: remoteOnly || env.some((e) => SERVICE_KEY_ENV.test(e.name)) };
}

/**
 * The arguments of `tool` that play `role` (their parameter paths), in evidence order; empty when none
 * does. With `required`, only parameters the schema lists as required count.
 */
export function argumentsInRole(role: ArgumentRole, tool: ToolView, server: ServerFacts, required = false): string[] {
	if (role === 'content') {
		const paths = tool.judgement.signals.find((s) => s.id === 'file-path')?.evidence.map((e) => e.field) ?? [];
		return contentArguments(tool.parameters, new Set(paths));
	}
	const spec = ROLE_SIGNAL[role];
	const finding = tool.judgement.signals.find((s) => s.id === spec.signal);
	if (!finding) return [];
	// A URL the server passes to a hosted service is fetched from that service's network, not this one; code a
	// hosted service's client sends runs in that service.
	if ((role === 'fetched-url' || role === 'code') && server.serviceClient) return [];
	const description = tool.entry.definition.description ?? '';
	if (role === 'fetched-url' && namesHostedFetcher(description)) return [];
	// "a SQL-like query string", "a SQL-style query language": a service's own query language over its API, not a
	// database's SQL (no statement can change or drop what it reads).
	if ((role === 'sql' || role === 'read-only-sql' || role === 'writable-sql') && isSqlLikeLanguage(description)) return [];
	const byPath = new Map(tool.parameters.map((p) => [p.path, p]));
	const flaggedPaths = new Set(finding.evidence.map((e) => e.field));
	const found: string[] = [];
	for (const e of finding.evidence) {
		const p = byPath.get(e.field);
		if (!p || found.includes(p.path) || (required && !p.required)) continue;
		const kind = spec.family ? argumentKind(spec.family, p, description).kind : undefined;
		if (spec.kinds && kind !== undefined && !spec.kinds.has(kind)) continue;
		if ((role === 'shell-command' || role === 'writable-command') && !isShellCommand(p, kind!)) continue;
		if (role === 'writable-command' && isReadOnlyCommand(p, description)) continue;
		if (role === 'code' && !isRunnableCode(p, kind!, { name: tool.name, description })) continue;
		// A command or code inside an object (`func.build.command`, `runCommand.command`) is a setting of the spec the
		// call sends, and a tool that does not run what it takes (it stores or writes it) runs nothing the agent wrote.
		if (
			(role === 'shell-command' || role === 'writable-command' || role === 'code') &&
			(p.depth > 0 || !runsWhatItTakes({ name: tool.name, description }))
		)
			continue;
		// An argument inside a list of items (`files[].path`, `steps[].script`) is a field of records the call
		// describes (a spec, a test's steps), not a file the tool opens or a command it runs at the agent's word.
		if (p.path.includes('[]') && role !== 'person' && role !== 'secret') continue;
		// A path nested in an object (`body.mounts.path`, `options.outputPath`) is part of a spec the call sends.
		const pathRole = role === 'local-file' || role === 'any-file' || role === 'output-file' || role === 'named-file';
		if (pathRole && p.depth > 0) continue;
		if (pathRole && !isLocalPath(p, { parameters: tool.parameters, description }, flaggedPaths)) continue;
		if (role === 'output-file' && !isOutputPath(p)) continue;
		if ((role === 'any-file' || role === 'named-file') && isTypedFile(p, description)) continue;
		if (role === 'named-file' && !isNamedFile(p, tool.parameters)) continue;
		if (role === 'fetched-url' && isDeepLink(p, { name: tool.name, description })) continue;
		if (role === 'secret' && !isSecret(p)) continue;
		if (role === 'read-only-sql' && !isReadOnlySql(p, description)) continue;
		if (role === 'writable-sql' && isReadOnlySql(p, description)) continue;
		found.push(p.path);
	}
	return found;
}

// ---------------------------------------------------------------------------------------------------
// What a tool returns

export type ReturnRole = (typeof RETURN_ROLE_IDS)[number];

/**
 * Findings a service produced about the user's own code, site or app (static-analysis and lint issues,
 * SEO and accessibility issues, crashes, coverage, audit and scan results): machine output, not text
 * people wrote, whatever the tool calls them.
 */
const FINDINGS =
	/\b(issues? found|found by|that (the )?\w+ found|code[- ]quality|static[- ]analysis|lint(er|ing)?|seo|accessibility|crash(es|lytics)?|audits?|scan(s|ned)?|coverage|risk (assessment|profile|score)|analysis of|grouped issues|error (groups?|events?)|issues? (list )?(for|in|of) (a |the |this )?(specific )?(files?|lines?|code))\b/i;
/** Name words of tools that report findings: `get_site_audit_elements_with_issues`, `lint_file`, `crash_issues`. */
const FINDING_NAME_WORDS = new Set([
	'audit',
	'audits',
	'lint',
	'linter',
	'scan',
	'scans',
	'seo',
	'coverage',
	'crash',
	'crashes',
	'crashlytics',
	'accessibility',
	'a11y',
]);
/** The tool says it returns only metadata ("Returns chat topics, types, and participant information"). */
const METADATA_ONLY =
	/\breturns? (only )?(the )?(chat |message |thread |channel )?(topics|titles|names|ids|counts|metadata|participants?)\b/i;
/** ...unless it also returns some of the text ("metadata plus a body preview", "snippets"). */
const WITH_TEXT = /\b(preview|body|bodies|content|snippets?|text|messages? content)\b/i;
/** Name words of the user's own outgoing items: what they sent or drafted is not text a third party wrote. */
const OWN_OUTGOING_WORDS = new Set(['sent', 'draft', 'drafts', 'outbox', 'outgoing']);
/** The description says the items are ones the user sent ("a specific sent transactional email", "emails you sent"). */
const OWN_OUTGOING_DESCRIPTION = /\b(sent|outgoing) (\w+ )?(e-?mails?|messages?)\b|\b(e-?mails?|messages?) (you|the user) (have )?sent\b/i;
/**
 * Message channels of machines: a queue's messages (`queue_get_message`), a browser console's or a log's
 * messages, an LLM trace's threads; not a service desk's queue of issues.
 */
const MESSAGE_WORDS = new Set(['message', 'messages', 'thread', 'threads']);
const MACHINE_CHANNEL_WORDS = new Set(['queue', 'queues', 'sqs', 'kafka', 'pubsub', 'dlq', 'console', 'log', 'logs', 'trace', 'traces']);
/** Threads or messages of a program ("threads in the debugged process"), not of people. */
const MACHINE_DESCRIPTION = /\b(debugged|debuggee) process\b|\bthreads? (in|of) the (running |target )?process\b/i;
/** The tool saves what it downloads to disk: its content does not come back to the agent. */
const SAVED_TO_DISK = /\b(download|save)s?\b.{0,40}\bto (disk|the (local )?file ?system|a (local )?(file|path|folder|directory))\b/i;
/** Messages between the user's own agents ("the orchestrator's inbox", "sub-agents"). */
const OWN_AGENTS_DESCRIPTION = /\b(sub-?agents?|orchestrator('s)?|between (the )?agents|messages for an agent)\b/i;
/** A listing of these returns their names, sizes and links, not their content (`list_workitem_attachments`). */
const LISTED_OBJECT_WORDS = new Set(['attachments', 'files', 'documents', 'folders']);
/** The last word of a name that is not a trailing verb or wrapper. */
function headWordOf(words: readonly string[]): string {
	for (let i = words.length - 1; i >= 0; i--)
		if (!['list', 'get', 'all', 'by', 'id', 'ids', 'v1', 'v2'].includes(words[i]!)) return words[i]!;
	return '';
}
/** Name words that act on items (watch them, assign them, move them) rather than return them. */
const ACTION_WORDS = new Set([
	'watch',
	'unwatch',
	'assign',
	'unassign',
	'transition',
	'link',
	'unlink',
	'add',
	'remove',
	'set',
	'update',
	'create',
	'delete',
	'move',
	'archive',
	'mark',
	'label',
	'subscribe',
	'unsubscribe',
	'follow',
	'unfollow',
	'vote',
	'star',
	'pin',
	'unpin',
	'lock',
	'unlock',
	'close',
	'reopen',
	'merge',
	'approve',
	'react',
	'rank',
]);
/** Name words that return items. */
const RETRIEVAL_WORDS = new Set([
	'get',
	'list',
	'read',
	'search',
	'fetch',
	'find',
	'query',
	'view',
	'show',
	'retrieve',
	'browse',
	'scrape',
	'crawl',
	'navigate',
	'download',
	'export',
	'open',
	'load',
	'extract',
	'summarize',
	'summary',
	'details',
]);

/**
 * Why a tool flagged for untrusted content does not return text third parties write, or undefined when it
 * does: its name or the opening of its description says the items are findings a service produced (static-analysis, SEO,
 * accessibility or crash issues); its name or opening says they are the user's own outgoing items (sent,
 * drafts); they are messages of a queue, a console, a log or a trace, or between the user's own agents; the tool lists attachments
 * or files (their names, not their content), or saves what it downloads to disk; or its name acts on items (watch, assign, move) without a
 * word that returns them; they are notifications a system generates; or it returns only their metadata.
 */
export function notThirdPartyText(tool: { name: string; description: string }): string | undefined {
	// The first two sentences say what the tool returns; later ones give advice ("results found in…").
	const opening = tool.description
		.split(/(?<=[.!?])\s+|\n/)
		.slice(0, 2)
		.join(' ');
	const words = nameWords(tool.name);
	if (FINDINGS.test(opening) || words.some((w) => FINDING_NAME_WORDS.has(w))) return 'findings a service produced';
	if (words.some((w) => w === 'notification' || w === 'notifications')) return 'notifications a system generates';
	if (METADATA_ONLY.test(opening) && !WITH_TEXT.test(opening)) return 'metadata only (titles, topics, participants)';
	if (words.some((w) => OWN_OUTGOING_WORDS.has(w)) || OWN_OUTGOING_DESCRIPTION.test(opening)) return "the user's own outgoing items";
	const queueMessage = words.some((w) => MACHINE_CHANNEL_WORDS.has(w)) && words.some((w) => MESSAGE_WORDS.has(w));
	if (queueMessage || OWN_AGENTS_DESCRIPTION.test(opening) || MACHINE_DESCRIPTION.test(opening))
		return "messages of the user's own systems or agents";
	if (words.includes('list') && LISTED_OBJECT_WORDS.has(headWordOf(words))) return 'a listing of names, not their content';
	if (SAVED_TO_DISK.test(opening)) return 'saved to disk, not returned';
	if (words.some((w) => ACTION_WORDS.has(w)) && !words.some((w) => RETRIEVAL_WORDS.has(w))) return 'acts on items without returning them';
	return undefined;
}

/** Whether the tool returns what `role` says (today: text third parties write, on a tool flagged for untrusted content). */
export function returnsInRole(role: ReturnRole, tool: ToolView): boolean {
	switch (role) {
		case 'third-party-text':
			if (!tool.judgement.signals.some((s) => s.id === 'untrusted-content')) return false;
			return notThirdPartyText({ name: tool.name, description: tool.entry.definition.description ?? '' }) === undefined;
	}
}
