/**
 * The catalogue's taxonomy, defined once. Every enum, label, ordering and zod schema elsewhere is
 * derived from these records; nothing else in the code base spells out a category, level or signal.
 */
import { z } from 'zod';

/**
 * Risk levels, least to most severe. `rank` orders them; `score` is the 1–4 number shown beside the label.
 * `decided` says in words how the classifier (`judge/classify.ts`, `decideLevel`) reaches the level.
 */
export const RISK_LEVELS = {
	low: {
		label: 'Low',
		rank: 1,
		summary: 'Reads data; repeated calls change nothing.',
		decided:
			'Every read tool is low risk, unless it takes a raw query, a command or code, an outbound recipient or a URL (the floor rule, level/input-floor, raises it to medium) or its definition carries a tool-poisoning indicator, which raises it to high.',
	},
	medium: {
		label: 'Medium',
		rank: 2,
		summary: 'Creates or changes data; usually reversible.',
		decided:
			'Every write tool is medium risk, and so is a read tool that takes a raw query, a command or code, an outbound recipient or a URL (level/input-floor), unless its definition carries a tool-poisoning indicator, which raises it to high.',
	},
	high: {
		label: 'High',
		rank: 3,
		summary: 'Runs code or commands; effects are open-ended.',
		decided:
			'Every execute tool is high risk. So is any read or write tool whose definition carries a tool-poisoning indicator (instruction-like text, invisible characters, references to secret files, or text that steers other tools): the rule level/poisoning-indicator raises it to high, whatever the tool does.',
	},
	critical: {
		label: 'Critical',
		rank: 4,
		summary: 'Destroys data or moves money; effects cannot be undone.',
		decided: 'Every destructive or financial tool is critical: the level follows from the category, and nothing lowers it.',
	},
} as const satisfies Record<string, { label: string; rank: number; summary: string; decided: string }>;
export type RiskLevel = keyof typeof RISK_LEVELS;
export const RISK_LEVEL_IDS = Object.keys(RISK_LEVELS) as RiskLevel[];
export const riskLevelSchema = z.enum(RISK_LEVEL_IDS as [RiskLevel, ...RiskLevel[]]);

/**
 * Categories: exactly one per tool. The risk level follows from the category (reversibility); a
 * deviation is a named level rule in `judge/classify.ts` (`decideLevel`).
 */
export const CATEGORIES = {
	read: {
		label: 'Read',
		level: 'low',
		meaning: 'retrieves or computes information without changing anything outside the call',
		/** The first paragraph of the category's section in docs/labelling-guide.md, word for word (a test checks it). */
		definition:
			'A read tool retrieves or computes information and hands it back, and that is all it does: nothing outside the call is created, changed, sent to anyone, started or removed. Searching, listing, fetching a web page, querying metrics, taking a screenshot and planning a change without applying it are reads. A read can still reach private data or return text written by strangers; the risk level and signals show that, not the category.',
		stance: 'Allowed without limits: reading changes nothing.',
		decided:
			'The deciding word is a read verb (get, list, search, fetch, describe, inspect, decompile, …) or its Chinese or Japanese equivalent (查询, 获取, 取得): the first verb of the tool\'s name, else of its description\'s opening sentence; a verb that is often a noun inside a name (run, share, archive) gives way to the next one, and "run" or "execute" of a stored report, query or audit, or "generate" of a chart, table or other output that is only shown, reads. An explicit read-only marker ("read-only", "dry-run", "makes no changes", 只读, 不产生任何变更, 読み取り専用) in the opening sentence settles a tool only words put above read, never one that takes a program, deletes or moves money; a declared readOnlyHint: true decides only a tool whose definition is silent. It stays read only if nothing raises it: no further clause, selector value, save-to-file option or program parameter documents a stronger effect.',
	},
	write: {
		label: 'Write',
		level: 'medium',
		meaning: 'creates, changes or sends data; the effect is real but usually reversible',
		/** The first paragraph of the category's section in docs/labelling-guide.md, word for word (a test checks it). */
		definition:
			'A write tool makes the change it names to the things it names: it creates, edits, moves, sends or publishes something, or changes the state of an application, browser, device or account, without deleting data for good, revoking access, running code or moving money. Saving a file, updating a record, posting a message, clicking a button and archiving a ticket are writes. Tools that send to a recipient or URL the caller picks are never low risk.',
		stance: 'Rate-limited, so an agent stuck in a loop cannot make hundreds of changes a minute.',
		decided:
			'The deciding word is a write verb (create, update, send, post, click, navigate, format, dismiss, …), or a stronger reading is lowered because what it removes survives: an association (a label from an issue, a member from a team, a reaction), session state or derived data (a cache, captured logs, cookies), part of one document (a node, cell, slide), a process or app that can be started again, or an item the description says is recoverable. A read is raised to write by a compound clause ("and save it", "or replace"), a selector that lists a write action, or an option that saves output to a file the caller names. A tool with no recognisable verb is write, the conservative default. Money settings, drafts and database transactions are writes.',
	},
	execute: {
		label: 'Execute',
		level: 'high',
		meaning: 'runs code, commands, queries or automation whose effects the schema cannot bound',
		/** The first paragraph of the category's section in docs/labelling-guide.md, word for word (a test checks it). */
		definition:
			'An execute tool runs something whose effects are decided by its input or by automation defined elsewhere, not by the tool itself: a shell command, program code, a query in a language that can change data (such as SQL or Cypher), or a workflow, job, build, test run, crawl, deployment or agent that it starts. Because the schema cannot say what will happen, such tools get a tight rate limit and checks on their arguments.',
		stance: 'A tight rate limit plus argument checks where the schema allows them.',
		decided:
			"The deciding word is an execute verb (run, exec, spawn, deploy, install, …), or the tool takes a program or starts work defined elsewhere: a parameter that carries a shell command, program code, or a query in a language that can write (SQL, Cypher, GraphQL with mutations, an aggregation pipeline), whatever the name or a read-only promise says; a verb that starts a job, workflow, pipeline, crawl, build, test run, scan, monitor check or training (trigger, start, run, kick off), or creates a recurring one; a task handed to an agent, input fed to a running interpreter, or a code action in a scrape. Read-only query languages (PromQL, JQL, KQL) stay read. The program's possible effects do not make the tool destructive.",
	},
	destructive: {
		label: 'Destructive',
		level: 'critical',
		meaning: 'deletes, wipes or revokes something so that it cannot be had back',
		/** The first paragraph of the category's section in docs/labelling-guide.md, word for word (a test checks it). */
		definition:
			'A destructive tool removes or invalidates something so that it cannot be had back through the same service: it deletes files, records, branches, databases or resources; wipes or replaces a whole collection, history or disk; or revokes keys, tokens or other credentials. Archiving, moving to a recoverable trash, and editing or overwriting one named item are writes, not destructive. A person should allow destructive tools deliberately.',
		stance: 'Denied by default; a person should allow it deliberately.',
		decided:
			'The definition documents a destructive effect: a destructive verb (delete, remove, drop, purge, revoke, wipe, cleanup, …) whose object does not survive, a selector value or a flag that deletes (dropTarget, allow_deleting_content), rotating or regenerating a credential, rebuilding a machine, or a description that says the effect cannot be undone ("permanently delete", "irreversible", "deletes all"). A declared destructiveHint: true alone never makes a tool destructive: the specification defaults it to true for every tool that is not read-only.',
	},
	financial: {
		label: 'Financial',
		level: 'critical',
		meaning: 'moves money or commits to a purchase',
		/** The first paragraph of the category's section in docs/labelling-guide.md, word for word (a test checks it). */
		definition:
			'A financial tool moves money or creates, changes or cancels an obligation to pay: charges, refunds, payouts, transfers, purchases, orders and trades, subscriptions and renewals, issuing, finalising, sending or voiding invoices, and accounting entries that change balances. A tool that lets the caller send any request to a payment service counts too. Reading balances, prices or invoices is a read, and a draft that changes no balance is a write.',
		stance: 'Denied by default; a person should allow it deliberately.',
		decided:
			'The tool moves money or changes an obligation to pay: a financial verb (pay, charge, refund, purchase, renew, finalize, …) or its Chinese equivalent (支付, 续费), a write verb on a money noun (send_payment, create_invoice, a credit note), a documented charge ("requires payment", "paid automatically"), a money amount with a description that says money moves, or a selector that lists a financial action. Reading money, money settings (a default payment method, a payment link), drafts, database transactions and sort orders are not financial.',
	},
} as const satisfies Record<
	string,
	{ label: string; level: RiskLevel; meaning: string; definition: string; stance: string; decided: string }
>;
export type Category = keyof typeof CATEGORIES;
export const CATEGORY_IDS = Object.keys(CATEGORIES) as Category[];
export const categorySchema = z.enum(CATEGORY_IDS as [Category, ...Category[]]);

/** The level a category implies before any named escalation rule. */
export function levelOfCategory(category: Category): RiskLevel {
	return CATEGORIES[category].level;
}

/** Orders categories by severity, for "most severe wins" decisions and sorted listings. */
export const CATEGORY_SEVERITY: Record<Category, number> = {
	read: 0,
	write: 1,
	execute: 2,
	destructive: 3,
	financial: 4,
};

/** At or above this many parameters (nested ones included) a call is hard to review: the `many-parameters` signal. */
export const MANY_PARAMETERS = 10;

/**
 * Risk signals: facts about a tool's definition. Each has a stable id (used in URLs, JSON exports
 * and search filters), a label with the field in brackets on pages, a one-line explanation, and
 * `decided`: the rule in `judge/rules/signals/<id>.ts` (or `judge/classify.ts` for annotation contradictions), in words.
 */
export const SIGNALS = {
	credentials: {
		label: 'Handles credentials or secrets',
		why: 'Secrets passed as arguments end up in agent context, logs and transcripts, and can be exfiltrated by an injected prompt.',
		decided:
			'A parameter whose name ends in a secret word (password, passphrase, secret, credential, apikey, cookie, bearer, otp, …), is api_key, access_token, auth_token, refresh_token, private_key, client_secret, authorization or auth, ends in key after a qualifier such as api, access, private or ssh, or ends in token (not a page, cursor or continuation token); or a string parameter whose description mentions an API key, access or bearer token, password, secret key, client secret or private key.',
	},
	'raw-content': {
		label: 'Accepts raw HTML, template or message body',
		why: 'Free-form markup or body text is where injected instructions, phishing content and script payloads travel.',
		decided:
			'A parameter whose name ends in html, body, template, markup, mjml, svg, xhtml, jinja, handlebars or mustache; or a string parameter (not an id, name, type or key) whose description mentions HTML, a template, markup, Jinja, Handlebars or Mustache.',
	},
	'url-input': {
		label: 'Accepts URL or endpoint input',
		why: 'An agent-chosen URL can reach internal services (SSRF) or carry data out to an attacker-controlled host.',
		decided:
			'A parameter whose name ends in url, uri, endpoint, href, link, webhook, callback, host, hostname, redirect or website, or contains the word url; one whose schema format is uri, url, iri, uri-reference, iri-reference, uri-template or hostname; or a string or array parameter whose description mentions a URL, URI, endpoint, webhook or an http(s):// address; or a path parameter that a boolean switch named for a URL (isUrl) turns into one. Not a parameter documented as a filter ("Filter by build URI") or confined to a non-network scheme of the server\'s own (firebase://).',
	},
	'file-path': {
		label: 'Accepts file system path',
		why: 'Paths can traverse outside the intended folder to read or overwrite sensitive files.',
		decided:
			'A string or array parameter whose name ends in path, file, filename, dir, directory, folder, cwd, workdir or a similar word; or whose description says file path, path to a file, directory or folder, or local, absolute or relative path.',
	},
	'command-input': {
		label: 'Accepts command or code input',
		why: 'Whoever controls the argument controls what runs: injected text becomes code execution.',
		decided:
			'A parameter whose name ends in command, cmd, script, code, shell, bash, exec, program, snippet, javascript, python, eval, expression, powershell, cmdline or argv. A code parameter is skipped when it is an identifier (country_code, status_code, …) or not a string, and an expression counts only when the text around it mentions code, a script, a shell or a command.',
	},
	'raw-query': {
		label: 'Accepts raw query language',
		why: 'A raw SQL, GraphQL or similar query can read or change far more than the tool name suggests.',
		decided:
			"A parameter whose name ends in a query language (sql, cypher, graphql, jql, kql, promql, sparql, xpath, jq, …); or a string parameter named query, statement, where or filter when its own description, or else the tool's name and description, mentions SQL, a query language or a database engine (PostgreSQL, MySQL, BigQuery, MongoDB, Elasticsearch, …), unless its own description says it is natural language or a question.",
	},
	recipient: {
		label: 'Sends to an outbound recipient',
		why: 'An agent-chosen recipient is an exfiltration channel and a spam or phishing vector.',
		decided:
			'On a tool that sends (the deciding word of its name is an outbound verb such as send, post, reply, forward, notify, email or message; or, when the name has no verb, the description opens with send, post, reply, forward, notify, deliver or broadcast), a top-level parameter that names who receives it: to, cc, bcc, recipient, email, phone, channel, chat_id, room, handle, destination, target, user_id, username, webhook and the like.',
	},
	'money-amount': {
		label: 'Takes a money amount or currency',
		why: 'Amounts should be capped per call and per day; an injected or looping agent can move real money.',
		decided:
			'A parameter whose name ends in amount, price, cost, currency, fee, cents, budget, tip, bid, wager, payment, salary or donation, or in a currency or unit (usd, eur, gbp, btc, eth, usdc, sats, wei, lamports, …).',
	},
	'many-parameters': {
		label: 'High parameter count',
		why: 'Many parameters (nested ones included) make a call hard to review and easy to misuse.',
		decided: `The input schema has ${MANY_PARAMETERS} or more parameters, nested properties included (attachments[].url counts).`,
	},
	'free-form-object': {
		label: 'Accepts a free-form object',
		why: 'An object with no declared properties passes arbitrary data the schema cannot describe or validate.',
		decided:
			'A parameter or array item that is an object with no declared properties and no ban on extra keys; or an input schema that declares no type or properties at all, or whose additionalProperties allows arbitrary arguments.',
	},
	'untrusted-content': {
		label: 'Returns untrusted third-party content',
		why: 'Content written by others (web pages, email, messages, issues) reaches the agent and can carry prompt injection.',
		decided:
			'The name pairs a fetching verb (get, list, read, fetch, search, browse, scrape, crawl, …) with something third parties write (email, message, comment, issue, page, web, post, document, ticket, transcript, …); or the opening of the description says it fetches content or a web page, searches the web, scrapes, crawls, or reads email, messages or web pages.',
	},
	'instruction-text': {
		label: 'Description carries instruction-like text',
		why: 'Text addressed to the model rather than the user is the hallmark of tool poisoning.',
		decided:
			'Text anywhere the model reads (name, title, description, parameter names, descriptions, defaults and enum values) matches a pattern for text addressed to the model: fake system or instruction markup and chat-template tokens, orders to ignore earlier instructions, orders to keep something from the user, coerced extra steps, or orders to copy files, the conversation or secrets into arguments or out to an address. Ordinary usage guidance does not match.',
	},
	'hidden-text': {
		label: 'Description carries invisible or bidirectional characters',
		why: 'Characters a reader cannot see can hide instructions meant only for the model.',
		decided:
			'A field the model reads contains characters a reader cannot see: zero-width characters, bidirectional embeddings, overrides and isolates, Unicode tag characters, variation selectors outside ordinary emoji, terminal escape sequences or other control characters (tab, line feed and carriage return excepted).',
	},
	'sensitive-reference': {
		label: 'Definition names secret files or credential stores',
		why: 'A description pointing the model at SSH keys, cloud credentials, .env files or MCP client configs is how a poisoned tool gets them read and passed out.',
		decided:
			'Text the model reads names a place where secrets live: ~/.ssh and private key files, cloud, cluster and package-registry credentials (.aws/credentials, .kube, .npmrc, .netrc, …), .env files (not templates such as .env.example), MCP client configurations (mcp.json, claude_desktop_config.json), /etc/passwd and /etc/shadow, browser cookie and password stores, keychains, wallets or shell history.',
	},
	'cross-tool-reference': {
		label: 'Definition steers other tools or servers',
		why: 'Text that redirects, replaces or reacts to other tools (shadowing) changes how those tools are used, even if this tool is never called.',
		decided:
			'Text the model reads steers other tools or servers: it redirects away from a named tool, triggers on another tool being called ("when the user calls send_email"), claims to replace or override other tools, speaks of other MCP servers and their tools, or names a tool on another server (mcp__server__tool). Workflow hints between a server\'s own tools, and a quoted name that is one of the tool\'s own parameters, do not count.',
	},
	'definition-changed': {
		label: 'Definition changed after cataloguing',
		why: 'A re-scan found a new description, input schema or annotations. A server that rewrites a tool after users approved it (a rug pull) reaches the model with text nobody reviewed; pin definitions and review each change.',
		decided:
			"The server's recorded re-scan history shows that the tool's description, input schema or annotations changed after it was first catalogued (one piece of evidence per change, with its date and version). Title, output schema and other keys are not watched; a renamed or newly added tool has no earlier version to compare.",
	},
	'annotation-contradiction': {
		label: 'Declared annotations contradict the inferred category',
		why: "The server's own hints disagree with what its definition shows; clients that trust hints would under-protect it.",
		decided:
			'The server declares readOnlyHint: true on a tool the classifier finds is not a read, readOnlyHint: false on one it finds only reads, or destructiveHint: false (without readOnlyHint: true) on a tool it finds destructive, or execute with a command, code or raw-query input (guide, Annotations).',
	},
} as const satisfies Record<string, { label: string; why: string; decided: string }>;
export type SignalId = keyof typeof SIGNALS;
export const SIGNAL_IDS = Object.keys(SIGNALS) as SignalId[];
export const signalIdSchema = z.enum(SIGNAL_IDS as [SignalId, ...SignalId[]]);

/** MCP tool annotations and the defaults the specification gives when a server omits them. */
export const ANNOTATION_HINTS = {
	readOnlyHint: { label: 'Read-only', default: false },
	destructiveHint: { label: 'Destructive', default: true },
	idempotentHint: { label: 'Idempotent', default: false },
	openWorldHint: { label: 'Open world', default: true },
} as const;
export type AnnotationHint = keyof typeof ANNOTATION_HINTS;
export const ANNOTATION_HINT_IDS = Object.keys(ANNOTATION_HINTS) as AnnotationHint[];

/** The two policy formats every policy is written in: Intercept YAML and PolicyLayer JSON. */
export const POLICY_FORMATS = ['intercept', 'policylayer'] as const;
export type PolicyFormat = (typeof POLICY_FORMATS)[number];

/** Rate-limit windows both policy engines understand. */
export const WINDOWS = ['minute', 'hour', 'day'] as const;
export type Window = (typeof WINDOWS)[number];

/**
 * Controls a tool-call gateway can apply, as the attack database names them. `engines` says which
 * of them the policies on this site actually emit; the others are named so pages can say honestly
 * what a gateway could do beyond our snippets, or cannot do at all.
 */
export const CONTROLS = {
	deny: { label: 'Deny the tool', engines: true, what: 'Every call to the tool is refused at tools/call.' },
	hide: { label: 'Hide the tool', engines: true, what: 'The tool is removed from tools/list and refused at tools/call.' },
	'default-deny': {
		label: 'Allow-list tools (default deny)',
		engines: true,
		what: 'Only tools the policy names can be called; new or unknown tools are refused.',
	},
	'rate-limit': {
		label: 'Rate limit',
		engines: true,
		what: 'Calls per minute, hour or day are capped, which stops runaway loops and bulk abuse.',
	},
	'argument-check': {
		label: 'Argument checks',
		engines: true,
		what: 'Arguments must match patterns: no path traversal, read-only SQL, https URLs, no shell metacharacters.',
	},
	'spend-cap': {
		label: 'Spend cap',
		engines: true,
		what: 'A counter adds up an amount argument and refuses calls past a daily budget (Intercept state counters).',
	},
	'secret-scan': { label: 'Block secrets in arguments', engines: false, what: 'Arguments that look like keys or tokens are refused.' },
	approval: {
		label: 'Human approval',
		engines: false,
		what: 'A person approves the call (or the first use of a new argument value) before it runs.',
	},
	'definition-pinning': {
		label: 'Pin tool definitions',
		engines: false,
		what: 'Names, descriptions and schemas are hashed; a change blocks the tool until it is reviewed.',
	},
	'description-scan': {
		label: 'Scan descriptions',
		engines: false,
		what: 'Descriptions and schemas are checked for instructions, hidden characters and cross-tool references at tools/list.',
	},
	'output-scan': {
		label: 'Scan tool results',
		engines: false,
		what: 'Results are checked for instruction-like text, secrets and internal addresses before they reach the model.',
	},
	'flow-rule': {
		label: 'Flow rules',
		engines: false,
		what: 'After untrusted content is read, outbound or execute tools need approval for the rest of the session.',
	},
	'server-allowlist': {
		label: 'Allow-list servers',
		engines: false,
		what: 'Only known servers and remote origins can be used; unknown ones raise an alert.',
	},
	namespacing: {
		label: 'Namespace tools by server',
		engines: false,
		what: 'Tool names are qualified by server, so a second server cannot shadow or collide with the first.',
	},
	audit: { label: 'Audit log', engines: false, what: 'Every call is logged with server identity, arguments and result size.' },
} as const satisfies Record<string, { label: string; engines: boolean; what: string }>;
export type ControlId = keyof typeof CONTROLS;
export const CONTROL_IDS = Object.keys(CONTROLS) as ControlId[];
export const controlIdSchema = z.enum(CONTROL_IDS as [ControlId, ...ControlId[]]);

/**
 * What a tool lets an agent do, seen as a leg of the "lethal trifecta" (Simon Willison,
 * https://simonwillison.net/2025/Jun/16/the-lethal-trifecta/): an agent that can read private data,
 * is exposed to content an attacker can write, and has a way to send data out can be talked by that
 * content into exfiltrating the data. The legs may come from different servers of one setup. Which
 * tools supply which leg is derived from their judgement in `capabilities.ts`.
 */
export const CAPABILITIES = {
	'private-data': {
		label: 'Private data access',
		why: 'Reads data that should stay with you: files, databases, mail, messages, repositories, secrets.',
	},
	'untrusted-content': {
		label: 'Exposure to untrusted content',
		why: 'Hands the agent text written by others (web pages, email, issues, chat), which can carry injected instructions.',
	},
	outbound: {
		label: 'Outbound channel',
		why: 'Can send data somewhere others can read it: a message, a post, a published body, or a request to an agent-chosen URL.',
	},
} as const satisfies Record<string, { label: string; why: string }>;
export type CapabilityId = keyof typeof CAPABILITIES;
export const CAPABILITY_IDS = Object.keys(CAPABILITIES) as CapabilityId[];
export const capabilityIdSchema = z.enum(CAPABILITY_IDS as [CapabilityId, ...CapabilityId[]]);
