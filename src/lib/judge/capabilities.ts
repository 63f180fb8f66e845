/**
 * Which legs of the lethal trifecta (see `CAPABILITIES` in `taxonomy.ts`) a tool supplies, derived
 * from its judgement (category and signals with their fields) and the words of its name. Pure and
 * deterministic; the rules are listed in `CAPABILITY_RULES` so the stack checker page can state them
 * in words, and each finding names the rule that produced it.
 */
import type { Judgement } from './types.ts';
import { tokenize } from './tokens.ts';
import { CAPABILITY_IDS, type CapabilityId, type SignalId } from '../taxonomy.ts';

/** One rule: which capability it supplies and, in words, when it fires. */
export interface CapabilityRule {
	id: string;
	capabilities: readonly CapabilityId[];
	text: string;
}

const words = (s: string) => new Set(s.trim().split(/\s+/));

/** Nouns naming data a person or organisation keeps to itself. */
const PRIVATE_NOUNS = words(`
	file files directory directories dir folder folders tree document documents doc docs drive
	email emails mail inbox inboxes message messages thread threads chat chats conversation conversations
	history replies issue issues pull pr prs commit commits repository repositories repo repos code contents
	attachment attachments database databases db table tables record records row rows
	env environment secret secrets credential credentials password passwords token tokens
	contact contacts calendar event events note notes memory graph nodes entities knowledge kb profile
	customer customers order orders invoice invoices account accounts transaction transactions payment payments`);
/** The same idea in a description's first sentence, for names that say nothing (`search`, `get`). */
const PRIVATE_DESCRIPTION =
	/\b(files?|documents?|drive|e-?mails?|inbox(es)?|messages?|databases?|redis|sql|tables?|records?|repositor(y|ies)|knowledge (base|graph)|environment variables|secrets?|credentials?|passwords?|contacts?|calendar|notes)\b/i;
/** Nouns naming what other people write to you: reading them is exposure to their text. */
const OTHERS_WRITE = words(
	'email emails mail inbox inboxes message messages thread threads chat chats conversation conversations replies comment comments issue issues review reviews ticket tickets notification notifications',
);
/** Verbs that open or fetch what an address points to. */
const FETCH_VERBS = words('fetch navigate browse open visit scrape crawl download goto load get read');
/** Verbs that send or publish something for others to read. */
const SEND_VERBS = words(
	'send post reply forward notify publish share broadcast announce email mail sms tweet dm push upload comment invite',
);

export const CAPABILITY_RULES = {
	'code-execution': {
		id: 'code-execution',
		capabilities: ['private-data', 'untrusted-content', 'outbound'],
		text: 'An execute tool that takes command or code input can do anything the code does: read files, fetch pages and send requests. It supplies all three legs on its own.',
	},
	'private-read': {
		id: 'private-read',
		capabilities: ['private-data'],
		text: 'A read tool whose name names kept data (files, folders, documents, mail, messages, threads, issues, commits, repositories, databases, environment, secrets, contacts, notes, memory…), or whose description’s opening does when the name does not.',
	},
	'private-query': {
		id: 'private-query',
		capabilities: ['private-data'],
		text: 'A read tool that takes a file system path or a raw query (SQL and the like): it reads whatever the path or query reaches.',
	},
	'untrusted-signal': {
		id: 'untrusted-signal',
		capabilities: ['untrusted-content'],
		text: 'A tool with the “returns untrusted third-party content” signal: web pages, email, messages, issues, comments.',
	},
	'inbox-read': {
		id: 'inbox-read',
		capabilities: ['untrusted-content'],
		text: 'A read tool whose name names what others write to you (mail, inbox, messages, threads, chats, comments, issues, reviews, tickets, notifications).',
	},
	'fetch-url': {
		id: 'fetch-url',
		capabilities: ['untrusted-content'],
		text: 'A tool that fetches, opens or navigates to an agent-chosen URL: whatever the page says reaches the agent.',
	},
	recipient: {
		id: 'recipient',
		capabilities: ['outbound'],
		text: 'A tool with the “sends to an outbound recipient” signal: the agent chooses who receives it.',
	},
	'url-out': {
		id: 'url-out',
		capabilities: ['outbound'],
		text: 'A tool that takes an agent-chosen URL: data can leave in the address itself (path or query) even when the call only reads.',
	},
	'send-verb': {
		id: 'send-verb',
		capabilities: ['outbound'],
		text: 'A write tool named for sending or publishing (send, post, reply, forward, notify, publish, share, push, upload, comment…).',
	},
	'published-body': {
		id: 'published-body',
		capabilities: ['outbound'],
		text: 'A write tool that takes a raw body, HTML or template: the text is stored or shown where others can read it (an issue, a pull request, a message).',
	},
} as const satisfies Record<string, CapabilityRule>;
export type CapabilityRuleId = keyof typeof CAPABILITY_RULES;

/** One capability a tool supplies, with the rule and the fact it rests on. */
export interface CapabilityFinding {
	capability: CapabilityId;
	rule: CapabilityRuleId;
	/** The word, field or signal the rule fired on. */
	because: string;
}

/** What the rules read: the tool's name, its description and its judgement. */
export interface CapabilityInput {
	name: string;
	description?: string | null | undefined;
	judgement: Pick<Judgement, 'category' | 'signals'>;
}

function signalFields(judgement: CapabilityInput['judgement'], id: SignalId): string[] | undefined {
	const finding = judgement.signals.find((s) => s.id === id);
	return finding ? [...new Set(finding.evidence.map((e) => e.field))] : undefined;
}

/** The capabilities a tool supplies, at most one finding per capability (the first rule that fires), in `CAPABILITY_IDS` order. */
export function toolCapabilities(tool: CapabilityInput): CapabilityFinding[] {
	const { category } = tool.judgement;
	const tokens = tokenize(tool.name);
	const fields = (id: SignalId) => signalFields(tool.judgement, id);
	const found = new Map<CapabilityId, CapabilityFinding>();
	const add = (rule: CapabilityRuleId, because: string) => {
		for (const capability of CAPABILITY_RULES[rule].capabilities)
			if (!found.has(capability)) found.set(capability, { capability, rule, because });
	};

	const command = fields('command-input');
	if (category === 'execute' && command) add('code-execution', `command input: ${command.join(', ')}`);
	// A raw query reaches private data whether the language is read-only (read) or can write (execute, the mechanism rule).
	if (category === 'execute' && !command && fields('raw-query')) add('private-query', `raw query: ${fields('raw-query')!.join(', ')}`);
	if (category === 'read') {
		const path = fields('file-path') ?? fields('raw-query');
		if (path) add('private-query', `${fields('file-path') ? 'file path' : 'raw query'}: ${path.join(', ')}`);
		const noun = tokens.find((t) => PRIVATE_NOUNS.has(t));
		const description = (tool.description ?? '').slice(0, 200);
		const described = noun === undefined ? PRIVATE_DESCRIPTION.exec(description) : null;
		if (noun !== undefined) add('private-read', `name: ${noun}`);
		else if (described) add('private-read', `description: ${described[0]}`);
	}

	const untrusted = fields('untrusted-content');
	if (untrusted) add('untrusted-signal', `untrusted-content signal: ${untrusted.join(', ')}`);
	const inbox = category === 'read' ? tokens.find((t) => OTHERS_WRITE.has(t)) : undefined;
	if (inbox !== undefined) add('inbox-read', `name: ${inbox}`);
	const url = fields('url-input');
	const fetchVerb = tokens.find((t) => FETCH_VERBS.has(t));
	if (url && fetchVerb !== undefined) add('fetch-url', `${fetchVerb} + URL input: ${url.join(', ')}`);

	const recipient = fields('recipient');
	if (recipient) add('recipient', `recipient: ${recipient.join(', ')}`);
	if (url) add('url-out', `URL input: ${url.join(', ')}`);
	if (category === 'write' || category === 'execute') {
		const verb = tokens.find((t) => SEND_VERBS.has(t));
		if (verb !== undefined) add('send-verb', `name: ${verb}`);
	}
	const body = fields('raw-content');
	if (category === 'write' && body) add('published-body', `raw content: ${body.join(', ')}`);

	return CAPABILITY_IDS.flatMap((c) => {
		const f = found.get(c);
		return f ? [f] : [];
	});
}
