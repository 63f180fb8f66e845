/**
 * The gold-set sampler (`scripts/gold-sample.ts` runs it): draws the gold set (content/gold/tools.jsonl),
 * splits it into five labelling batches and draws the 300-tool agreement sample for the second labeller. See content/gold/README.md.
 *
 * Selection, deterministic for a given seed and catalogue:
 * 1. every tool of the 40 most used catalogued servers (monthly npm downloads of the server's npm package,
 *    read from a `name<TAB>version<TAB>downloads_a_month` list with --downloads, which also rewrites
 *    content/gold/top-servers.json; without --downloads that committed ranking is used);
 * 2. then strata, in the order of STRATA below, each drawing tools not yet chosen in a seeded hash order
 *    with a per-server cap, until its quota or its target is met;
 * 3. then one tool of each server not yet represented, then a seeded fill up to --size.
 *
 * The strata use a cheap keyword PROXY (name tokens, the opening of the description, parameter names,
 * annotations) that exists only to make sure every category and every hard case is well represented. It
 * is not the classifier, it decides no verdict, and it is withheld from the labelling files (which carry
 * no `why`), so labels stay blind to it.
 *
 */
import { createHash } from 'node:crypto';
import { detectLanguage } from '../text/languages.ts';

export const PROXY_CATEGORIES = ['read', 'write', 'execute', 'destructive', 'financial', 'unknown'] as const;
export type ProxyCategory = (typeof PROXY_CATEGORIES)[number];

/** Sampling proxy word lists (see the header): tokens of a tool name, lower case. */
const PROXY_WORDS: Record<Exclude<ProxyCategory, 'unknown'>, readonly string[]> = {
	financial: [
		'pay',
		'payout',
		'payouts',
		'refund',
		'charge',
		'purchase',
		'buy',
		'sell',
		'withdraw',
		'deposit',
		'topup',
		'trade',
		'swap',
		'bid',
		'donate',
		'tip',
		'renew',
		'finalize',
		'finalise',
		'void',
	],
	destructive: [
		'delete',
		'remove',
		'drop',
		'purge',
		'destroy',
		'truncate',
		'wipe',
		'erase',
		'revoke',
		'reset',
		'clear',
		'uninstall',
		'terminate',
		'kill',
		'unlink',
		'rm',
		'del',
		'discard',
		'prune',
		'cleanup',
		'overwrite',
		'rollback',
		'revert',
		'flush',
		'evict',
		'deprovision',
		'teardown',
	],
	execute: [
		'run',
		'exec',
		'execute',
		'eval',
		'evaluate',
		'invoke',
		'trigger',
		'start',
		'launch',
		'deploy',
		'install',
		'build',
		'compile',
		'shell',
		'command',
		'script',
		'spawn',
		'dispatch',
		'kick',
		'crawl',
		'call',
		'apply',
		'restart',
		'reboot',
		'rebuild',
		'redeploy',
		'provision',
		'test',
		'benchmark',
		'sql',
		'kubectl',
		'bash',
		'terminal',
		'process',
		'job',
		'simulate',
		'perform',
	],
	write: [
		'create',
		'update',
		'set',
		'add',
		'edit',
		'modify',
		'write',
		'send',
		'post',
		'reply',
		'upload',
		'save',
		'insert',
		'upsert',
		'put',
		'patch',
		'move',
		'rename',
		'copy',
		'click',
		'type',
		'fill',
		'navigate',
		'select',
		'press',
		'hover',
		'drag',
		'comment',
		'publish',
		'share',
		'invite',
		'assign',
		'archive',
		'merge',
		'push',
		'commit',
		'enable',
		'disable',
		'toggle',
		'mark',
		'close',
		'import',
		'download',
		'register',
		'subscribe',
		'tap',
		'swipe',
		'scroll',
		'resize',
		'append',
		'attach',
		'link',
		'tag',
		'label',
		'schedule',
		'cancel',
		'approve',
		'reject',
		'submit',
		'forward',
		'notify',
		'email',
		'message',
		'store',
		'remember',
		'record',
		'log',
		'transfer',
		'duplicate',
		'clone',
		'fork',
		'format',
		'dismiss',
		'resolve',
		'reopen',
		'restore',
		'pause',
		'resume',
		'stop',
		'connect',
		'disconnect',
		'login',
		'logout',
		'lock',
		'unlock',
		'sync',
		'generate',
		'convert',
		'manage',
		'configure',
		'change',
		'replace',
		'open',
		'focus',
		'drop',
	],
	read: [
		'get',
		'list',
		'search',
		'find',
		'fetch',
		'read',
		'describe',
		'show',
		'view',
		'retrieve',
		'lookup',
		'look',
		'check',
		'inspect',
		'count',
		'analyze',
		'analyse',
		'validate',
		'screenshot',
		'query',
		'export',
		'browse',
		'scrape',
		'extract',
		'summarize',
		'explain',
		'compare',
		'diff',
		'status',
		'info',
		'details',
		'history',
		'stats',
		'metrics',
		'logs',
		'preview',
		'plan',
		'estimate',
		'calculate',
		'compute',
		'verify',
		'detect',
		'discover',
		'resolve',
		'parse',
		'decompile',
		'disassemble',
		'paginate',
		'expand',
		'watch',
		'wait',
		'ping',
		'echo',
		'help',
		'suggest',
		'recommend',
		'translate',
		'geocode',
		'snapshot',
		'capture',
		'audit',
		'scan',
		'lint',
		'test',
		'download',
	],
};
const SEVERITY: Record<ProxyCategory, number> = { unknown: -1, read: 0, write: 1, execute: 2, destructive: 3, financial: 4 };
/** Name tokens after the head verb raise the proxy only when they are unambiguous verbs, not nouns like "test" or "run". */
const STRONG_LATER_VERBS = new Set([
	'delete',
	'remove',
	'drop',
	'purge',
	'destroy',
	'truncate',
	'wipe',
	'erase',
	'revoke',
	'uninstall',
	'terminate',
	'kill',
	'execute',
	'exec',
	'eval',
	'deploy',
	'install',
	'pay',
	'refund',
	'purchase',
	'buy',
	'sell',
	'withdraw',
]);
const MONEY_NOUNS = new Set([
	'checkout',
	'payment',
	'payments',
	'invoice',
	'invoices',
	'refunds',
	'charges',
	'subscription',
	'subscriptions',
	'order',
	'orders',
	'credit',
	'credits',
	'billing',
	'price',
	'prices',
	'pricing',
	'wallet',
	'balance',
	'transaction',
	'transactions',
	'payouts',
	'coupon',
	'quote',
	'budget',
	'spend',
	'cart',
	'ledger',
	'fund',
	'funds',
	'money',
]);
/** Text saying money moves (raises the proxy) and text about money at all (the money-topic stratum). */
const MONEY_MOVES =
	/\b(pays?|paying|charges? (?:a |the )?(?:card|customer|payment)|refunds?|refunded|purchases?|buys?|withdraws?|deposits?|tops? up|transfers? (?:funds|money|tokens|usdc|eth|sol)|moves? money|places? an? (?:market |limit |futures )?order|sends? (?:a )?payment)\b/i;
const MONEY_TOPIC =
	/\b(pays?|paid|paying|charges?|refunds?|purchases?|payouts?|payments?|invoices?|billing|billable|subscriptions?|usdc|credit card|price|pricing|wallet|balance|currency)\b/i;
const DESTRUCTIVE_TEXT =
	/\b(permanently|irreversibl[ey]|cannot be undone|can't be undone|overwrites?|deletes? all|wipes?|destroys?|drops? (?:the )?(?:table|database|collection|index))\b/i;
const EXECUTE_TEXT =
	/\b(executes?|runs? (?:a |an |the |arbitrary |any )?(?:shell |bash |terminal |sql |javascript |python |code|commands?|scripts?|quer(?:y|ies)|workflows?|jobs?|tasks?|tests?|pipelines?)|shell commands?|arbitrary (?:code|sql|commands?|quer(?:y|ies))|evaluates? (?:javascript|code|expressions?)|triggers? (?:a |an |the )?(?:run|build|job|workflow|pipeline|deploy)|deploys?|kicks? off|starts? (?:a |an |the )?(?:crawl|job|run|build|process|scan|workflow))\b/i;
const READ_ONLY_MARKER =
	/read[- ]only|readonly|dry[- ]run|makes? no changes|no changes are made|does not (?:modify|change|write|alter)|doesn't (?:modify|change|write|alter)|without (?:modifying|changing|making (?:any )?changes|side effects)|no side[- ]effects|non[- ]destructive|safe to call|只读|不产生任何变更|不会修改|不修改|読み取り専用|変更しません|solo lectura|sin modificar|somente leitura|lecture seule|schreibgeschützt/i;
const COMPOUND =
	/\b(?:and|or|then|&)\s+(?:then\s+)?(?:save|saves|import|imports|write|writes|delete|deletes|replace|replaces|update|updates|send|sends|run|runs|execute|executes|apply|applies|create|creates|install|installs|upload|uploads|store|stores|overwrite|overwrites|deploy|deploys|commit|commits|push|pushes|post|posts|publish|publishes|remove|removes)\b/i;
const RAW_PARAMS =
	/^(?:command|cmd|commands|script|code|source|sql|query|statement|cypher|gql|graphql|promql|logql|kql|jql|expression|expr|js|javascript|python|shell|bash|program|snippet|function|pipeline|aggregation|mutation|url|uri|endpoint|webhook|to|recipient|recipients|email|phone|channel|chat_id|path|body|html|args|argv)$/i;
const UI_WORDS = new Set([
	'click',
	'hover',
	'type',
	'navigate',
	'resize',
	'tab',
	'tabs',
	'press',
	'drag',
	'scroll',
	'screenshot',
	'select',
	'fill',
	'upload',
	'evaluate',
	'tap',
	'swipe',
	'keyboard',
	'mouse',
	'dialog',
	'browser',
	'page',
	'element',
	'screen',
]);
const MISLEADING_HEADS = new Set([
	'read',
	'get',
	'check',
	'view',
	'show',
	'list',
	'fetch',
	'query',
	'run',
	'test',
	'preview',
	'plan',
	'sync',
	'generate',
	'manage',
	'process',
	'handle',
	'open',
	'apply',
	'reset',
	'clear',
	'transaction',
	'deploy',
	'execute',
]);

/** Splits a tool name into lower-case word tokens (camelCase, snake_case, kebab-case, dots, digits). */
export function nameTokens(name: string): string[] {
	return name
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
		.split(/[^A-Za-z0-9]+/)
		.map((t) => t.toLowerCase())
		.filter((t) => t !== '' && !/^v\d+$/.test(t));
}

function proxyOfWord(word: string): ProxyCategory | undefined {
	for (const cat of ['financial', 'destructive', 'execute', 'write', 'read'] as const) if (PROXY_WORDS[cat].includes(word)) return cat;
	return undefined;
}

type Definition = { name: string; title?: unknown; description?: unknown; inputSchema?: unknown; annotations?: unknown };

export type ToolFeatures = {
	proxy: ProxyCategory;
	/** The proxy category of the first verb found in the name alone. */
	nameProxy: ProxyCategory;
	language: string;
	annotated: boolean;
	annotationConflict: boolean;
	misleadingName: boolean;
	readOnlyMarker: boolean;
	compound: boolean;
	leadingWhitespace: boolean;
	rawInput: boolean;
	ui: boolean;
	moneyTopic: boolean;
};

function topLevelParameters(schema: unknown): string[] {
	if (typeof schema !== 'object' || schema === null) return [];
	const props = (schema as { properties?: unknown }).properties;
	return typeof props === 'object' && props !== null ? Object.keys(props) : [];
}

/** The sampling proxy's view of one definition (see the header: not the classifier). */
export function features(def: Definition): ToolFeatures {
	const tokens = nameTokens(def.name);
	const description = typeof def.description === 'string' ? def.description : '';
	const opening = description.trim().slice(0, 300);
	const params = topLevelParameters(def.inputSchema);
	const annotations = (typeof def.annotations === 'object' && def.annotations !== null ? def.annotations : {}) as Record<string, unknown>;

	let nameProxy: ProxyCategory = 'unknown';
	for (const t of tokens) {
		const c = proxyOfWord(t);
		if (c !== undefined) {
			nameProxy = c;
			break;
		}
	}
	// The strongest effect any name token, the opening of the description or a parameter points at.
	let proxy = nameProxy;
	const raise = (c: ProxyCategory) => {
		if (SEVERITY[c] > SEVERITY[proxy]) proxy = c;
	};
	for (const t of tokens) if (STRONG_LATER_VERBS.has(t)) raise(proxyOfWord(t)!);
	const moneyName = tokens.some((t) => MONEY_NOUNS.has(t));
	const writeName = tokens.some((t) =>
		['create', 'send', 'place', 'issue', 'process', 'initiate', 'submit', 'execute', 'confirm', 'capture', 'make'].includes(t),
	);
	if (moneyName && writeName) raise('financial');
	const firstSentence = opening.split(/(?<=[.!?。])\s|\n/)[0] ?? '';
	if (MONEY_MOVES.test(firstSentence) && SEVERITY[nameProxy] >= SEVERITY.write) raise('financial');
	if (DESTRUCTIVE_TEXT.test(opening)) raise('destructive');
	if (EXECUTE_TEXT.test(opening)) raise('execute');
	const rawExec = params.some((p) =>
		/^(?:command|cmd|script|code|sql|cypher|javascript|js|python|shell|bash|expression|program|snippet)$/i.test(p),
	);
	if (rawExec) raise('execute');
	if (proxy === 'unknown' && opening !== '') {
		const first = opening.toLowerCase().match(/\p{L}+/u)?.[0] ?? '';
		const stem = first.replace(/(?:ies)$/, 'y').replace(/(?:es|s)$/, '');
		raise(proxyOfWord(first) ?? proxyOfWord(stem) ?? 'unknown');
	}

	const language = description.trim() === '' ? 'no description' : detectLanguage(description);
	const ro = annotations['readOnlyHint'];
	const de = annotations['destructiveHint'];
	const annotated = typeof ro === 'boolean' || typeof de === 'boolean';
	const annotationConflict =
		(ro === true && SEVERITY[proxy] >= SEVERITY.write) ||
		(ro === false && proxy === 'read') ||
		(de === true && (proxy === 'read' || proxy === 'write')) ||
		(de === false && SEVERITY[proxy] >= SEVERITY.destructive);
	const head = tokens.find((t) => proxyOfWord(t) !== undefined || MISLEADING_HEADS.has(t)) ?? '';
	const misleadingName = MISLEADING_HEADS.has(head) && proxy !== 'unknown' && nameProxy !== proxy;
	return {
		proxy,
		nameProxy,
		language,
		annotated,
		annotationConflict,
		misleadingName,
		readOnlyMarker: READ_ONLY_MARKER.test(description),
		compound: COMPOUND.test(opening),
		leadingWhitespace: /^\s/.test(description),
		rawInput: params.some((p) => RAW_PARAMS.test(p)),
		ui: tokens.some((t) => UI_WORDS.has(t)),
		moneyTopic: moneyName || MONEY_TOPIC.test(firstSentence),
	};
}

// ---------------------------------------------------------------------------------------------------------
// Selection

export type CatalogueTool = {
	server: string;
	subServer?: string;
	index: number;
	definition: Definition;
	knownParameters?: string[];
	features: ToolFeatures;
	hash: string;
};

/** A stratum: which tools it draws, how many at most, how many per server, and an optional target. */
type Stratum = {
	id: string;
	take: (t: CatalogueTool) => boolean;
	/** At most this many tools from the stratum. */
	quota: number;
	/** Stop once the sample holds this many tools matching `take` (counting earlier picks). */
	target?: number;
	perServer: number;
};

/** Strata in drawing order (rare and hard cases first). Quotas are tool counts. */
export const STRATA: readonly Stratum[] = [
	{
		id: 'non-english',
		take: (t) => !['English', 'undetermined', 'no description'].includes(t.features.language),
		quota: 1000,
		perServer: 1000,
	},
	{ id: 'financial', take: (t) => t.features.proxy === 'financial', quota: 1000, perServer: 1000 },
	{ id: 'money-topic', take: (t) => t.features.moneyTopic, quota: 1000, perServer: 1000 },
	{ id: 'misleading-name', take: (t) => t.features.misleadingName, quota: 1000, perServer: 1000 },
	{ id: 'annotation-conflict', take: (t) => t.features.annotationConflict, quota: 100, perServer: 4 },
	{ id: 'read-only-marker', take: (t) => t.features.readOnlyMarker, quota: 60, perServer: 4 },
	{ id: 'compound', take: (t) => t.features.compound, quota: 60, perServer: 3 },
	{ id: 'leading-whitespace', take: (t) => t.features.leadingWhitespace, quota: 25, perServer: 3 },
	{ id: 'execute', take: (t) => t.features.proxy === 'execute', quota: 300, target: 260, perServer: 5 },
	{ id: 'destructive', take: (t) => t.features.proxy === 'destructive', quota: 300, target: 260, perServer: 4 },
	{ id: 'raw-input', take: (t) => t.features.rawInput, quota: 60, perServer: 3 },
	{ id: 'ui', take: (t) => t.features.ui, quota: 40, perServer: 4 },
	{ id: 'unknown-verb', take: (t) => t.features.proxy === 'unknown', quota: 60, perServer: 3 },
	{ id: 'annotated', take: (t) => t.features.annotated, quota: 80, perServer: 3 },
	{ id: 'write', take: (t) => t.features.proxy === 'write', quota: 300, target: 300, perServer: 4 },
	{ id: 'read', take: (t) => t.features.proxy === 'read', quota: 300, target: 300, perServer: 4 },
];

/** Outside the top 40, no server contributes more than this many tools (the exhaustive strata excepted). */
export const SERVER_CAP = 20;
const EXHAUSTIVE = new Set(['non-english', 'financial', 'money-topic', 'misleading-name']);

export type Picked = CatalogueTool & { why: string };

export function toolHash(seed: string, server: string, subServer: string | undefined, tool: string): string {
	return createHash('sha256')
		.update(`${seed}\n${server}\n${subServer ?? ''}\n${tool}`)
		.digest('hex');
}

/** Draws the sample. `top` lists the server slugs whose every tool is included. */
export function select(tools: CatalogueTool[], top: ReadonlySet<string>, size: number): Picked[] {
	const ordered = [...tools].sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
	const picked: Picked[] = [];
	const chosen = new Set<CatalogueTool>();
	const perServer = new Map<string, number>();
	const add = (t: CatalogueTool, why: string) => {
		chosen.add(t);
		perServer.set(t.server, (perServer.get(t.server) ?? 0) + 1);
		picked.push({ ...t, why });
	};
	for (const t of tools) if (top.has(t.server)) add(t, 'top-40');
	for (const s of STRATA) {
		let taken = 0;
		const inStratum = new Map<string, number>();
		let have = picked.filter((p) => s.take(p)).length;
		for (const t of ordered) {
			if (taken >= s.quota || (s.target !== undefined && have >= s.target)) break;
			if (chosen.has(t) || !s.take(t)) continue;
			if ((inStratum.get(t.server) ?? 0) >= s.perServer) continue;
			if (!EXHAUSTIVE.has(s.id) && (perServer.get(t.server) ?? 0) >= SERVER_CAP) continue;
			inStratum.set(t.server, (inStratum.get(t.server) ?? 0) + 1);
			add(t, `stratum:${s.id}`);
			taken++;
			have++;
		}
	}
	for (const t of ordered) if (!perServer.has(t.server)) add(t, 'stratum:coverage');
	for (const t of ordered) {
		if (picked.length >= size) break;
		if (chosen.has(t) || (perServer.get(t.server) ?? 0) >= SERVER_CAP) continue;
		add(t, 'stratum:fill');
	}
	return picked;
}

/**
 * Deals the sample into `n` batches: within each `why` and proxy category, tools go round-robin in hash
 * order, so every batch is a stratified slice of about equal size.
 */
export function batches(sample: Picked[], n: number): Picked[][] {
	const out: Picked[][] = Array.from({ length: n }, () => []);
	const key = (p: Picked) => `${p.why}\u0000${p.features.proxy}\u0000${p.hash}`;
	const sorted = [...sample].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
	// Start each group at the currently smallest batch so sizes stay within one of each other.
	let next = 0;
	sorted.forEach((p) => {
		out[next]!.push(p);
		next = (next + 1) % n;
	});
	return out.map((b) => b.sort(byServerThenIndex));
}

export function byServerThenIndex(a: Picked, b: Picked): number {
	return a.server < b.server ? -1 : a.server > b.server ? 1 : a.index - b.index;
}

/**
 * Draws `size` tools across the batches for the second labeller: an equal share per batch, and within a
 * batch every proxy category gets at least `floor` tools (when it has them), the rest proportionally.
 */
export function agreementSample(batchList: Picked[][], size: number, floor = 3): { batch: number; tool: Picked }[] {
	const out: { batch: number; tool: Picked }[] = [];
	batchList.forEach((batch, bi) => {
		const share = Math.floor(size / batchList.length) + (bi < size % batchList.length ? 1 : 0);
		const groups = new Map<ProxyCategory, Picked[]>();
		for (const p of [...batch].sort((a, b) => (a.hash < b.hash ? -1 : 1))) {
			const g = groups.get(p.features.proxy) ?? [];
			g.push(p);
			groups.set(p.features.proxy, g);
		}
		const alloc = new Map<ProxyCategory, number>();
		let left = share;
		for (const [c, g] of groups) {
			const n = Math.min(floor, g.length);
			alloc.set(c, n);
			left -= n;
		}
		const rest = batch.length - [...alloc.values()].reduce((a, b) => a + b, 0);
		const quotas = [...groups].map(([c, g]) => {
			const exact = rest > 0 ? (left * (g.length - alloc.get(c)!)) / rest : 0;
			return { c, base: Math.floor(exact), frac: exact - Math.floor(exact), room: g.length - alloc.get(c)! };
		});
		for (const q of quotas) alloc.set(q.c, alloc.get(q.c)! + Math.min(q.base, q.room));
		let short = share - [...alloc.values()].reduce((a, b) => a + b, 0);
		for (const q of [...quotas].sort((a, b) => b.frac - a.frac || (a.c < b.c ? -1 : 1))) {
			if (short <= 0) break;
			if (alloc.get(q.c)! < groups.get(q.c)!.length) {
				alloc.set(q.c, alloc.get(q.c)! + 1);
				short--;
			}
		}
		const chosen: Picked[] = [];
		for (const [c, g] of groups) chosen.push(...g.slice(0, alloc.get(c)));
		for (const p of chosen.sort(byServerThenIndex)) out.push({ batch: bi + 1, tool: p });
	});
	return out;
}

// ---------------------------------------------------------------------------------------------------------
// Files

export type ServerJson = {
	slug: string;
	distributions?: { kind?: string; package?: string }[];
	tools: { definition: Definition; subServer?: string; knownParameters?: string[] }[];
};

export type TopServer = { rank: number; server: string; package: string; downloadsAMonth: number; tools: number };

/** Ranks servers by the monthly downloads of their npm package (the best of several). */
export function rankServers(servers: ServerJson[], downloads: ReadonlyMap<string, number>, count: number): TopServer[] {
	return servers
		.map((s) => {
			let best = { pkg: '', n: 0 };
			for (const d of s.distributions ?? []) {
				if (d.kind !== 'npm' || typeof d.package !== 'string') continue;
				const n = downloads.get(d.package) ?? 0;
				if (n > best.n) best = { pkg: d.package, n };
			}
			return { server: s.slug, package: best.pkg, downloadsAMonth: best.n, tools: s.tools.length };
		})
		.filter((s) => s.downloadsAMonth > 0)
		.sort((a, b) => b.downloadsAMonth - a.downloadsAMonth || (a.server < b.server ? -1 : 1))
		.slice(0, count)
		.map((s, i) => ({ rank: i + 1, ...s }));
}

/** The line written for a sampled tool: the definition exactly as catalogued. */
export function goldLine(p: Picked, extra: { why?: string; batch?: string }): Record<string, unknown> {
	const d = p.definition;
	return {
		server: p.server,
		...(p.subServer !== undefined ? { subServer: p.subServer } : {}),
		tool: d.name,
		...(typeof d.title === 'string' ? { title: d.title } : {}),
		...(typeof d.description === 'string' ? { description: d.description } : {}),
		...(typeof d.inputSchema === 'object' && d.inputSchema !== null ? { inputSchema: d.inputSchema } : {}),
		...(typeof d.annotations === 'object' && d.annotations !== null ? { annotations: d.annotations } : {}),
		...(p.knownParameters !== undefined ? { knownParameters: p.knownParameters } : {}),
		...(extra.why !== undefined ? { why: extra.why } : {}),
		...(extra.batch !== undefined ? { batch: extra.batch } : {}),
	};
}

/** Counts printed after a draw (and pasted into the README). */
export function summary(
	sample: Picked[],
	batchList: Picked[][],
	agreement: { batch: number; tool: Picked }[],
	all: CatalogueTool[],
): string {
	const count = <T>(xs: T[], f: (x: T) => string) => {
		const m = new Map<string, number>();
		for (const x of xs) m.set(f(x), (m.get(f(x)) ?? 0) + 1);
		return [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
	};
	const lines: string[] = [];
	lines.push(
		`sample: ${sample.length} tools from ${new Set(sample.map((p) => p.server)).size} servers (catalogue: ${all.length} tools, ${new Set(all.map((t) => t.server)).size} servers)`,
	);
	lines.push('', '| why | tools |', '|---|---:|');
	for (const [k, v] of count(sample, (p) => p.why)) lines.push(`| ${k} | ${v} |`);
	lines.push('', '| proxy category | in sample | in catalogue |', '|---|---:|---:|');
	const cat = new Map(count(all, (t) => t.features.proxy));
	for (const c of PROXY_CATEGORIES) lines.push(`| ${c} | ${sample.filter((p) => p.features.proxy === c).length} | ${cat.get(c) ?? 0} |`);
	const flags: [string, (f: ToolFeatures) => boolean][] = [
		['non-English description', (f) => !['English', 'undetermined', 'no description'].includes(f.language)],
		['declared readOnlyHint or destructiveHint', (f) => f.annotated],
		['annotation contradicts proxy', (f) => f.annotationConflict],
		['name verb misleading', (f) => f.misleadingName],
		['read-only marker in description', (f) => f.readOnlyMarker],
		['compound description', (f) => f.compound],
		['description starts with whitespace', (f) => f.leadingWhitespace],
		['raw query, command, code, URL or recipient parameter', (f) => f.rawInput],
		['browser or UI words in name', (f) => f.ui],
		['money topic', (f) => f.moneyTopic],
	];
	lines.push('', '| feature | in sample | in catalogue |', '|---|---:|---:|');
	for (const [label, f] of flags)
		lines.push(`| ${label} | ${sample.filter((p) => f(p.features)).length} | ${all.filter((t) => f(t.features)).length} |`);
	lines.push('', `batches: ${batchList.map((b, i) => `batch-${i + 1} ${b.length}`).join(', ')}`);
	lines.push(
		`agreement sample: ${agreement.length} tools (${count(agreement, (a) => a.tool.features.proxy)
			.map(([k, v]) => `${k} ${v}`)
			.join(', ')})`,
	);
	return lines.join('\n');
}
