/**
 * The consistency report (src/lib/judge/consistency.ts): how a tool's key is made (verb folding,
 * singular objects, the server's namespace, argument kinds), how tools are grouped, which groups count as
 * inconsistent, and how reviews (the review file's schema, src/lib/content/consistency-review.ts) mark them.
 */
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/lib/content/errors.ts';
import { parseConsistencyReviews, type ConsistencyReview } from '../../src/lib/content/consistency-review.ts';
import type { McpTool } from '../../src/lib/content/mcp-tool.ts';
import type { Parameter } from '../../src/lib/content/parameters.ts';
import {
	allReviewed,
	argumentKind,
	consistencyReport,
	formatConsistency,
	namespaceWords,
	singular,
	toolKey,
	verbOf,
	type ArgumentKind,
	type ConsistencyTool,
} from '../../src/lib/judge/consistency.ts';
import type { Category, RiskLevel } from '../../src/lib/taxonomy.ts';

function def(name: string, properties: Record<string, unknown> = {}, description?: string): McpTool {
	return { name, ...(description !== undefined && { description }), inputSchema: { type: 'object', properties } };
}

const str = (description?: string) => ({ type: 'string', ...(description && { description }) });

describe('verbOf: lemmatised and folded', () => {
	it.each([
		['get', 'get'],
		['fetch', 'get'],
		['retrieve', 'get'],
		['read', 'get'],
		['gets', 'get'],
		['list', 'list'],
		['enumerate', 'list'],
		['listing', 'list'],
		['create', 'create'],
		['add', 'create'],
		['new', 'create'],
		['created', 'create'],
		['delete', 'delete'],
		['remove', 'delete'],
		['destroy', 'delete'],
		['run', 'run'],
		['execute', 'run'],
		['exec', 'run'],
		['send', 'send'],
		['post', 'send'],
		['click', 'click'],
		['navigate', 'navigate'],
		['start', 'start'],
		['issue', undefined],
		['browser', undefined],
	])('%s → %s', (word, verb) => {
		expect(verbOf(word)).toBe(verb);
	});
});

describe('singular', () => {
	it.each([
		['files', 'file'],
		['entries', 'entry'],
		['branches', 'branch'],
		['boxes', 'box'],
		['status', 'status'],
		['analysis', 'analysis'],
		['metrics', 'metric'],
		['issue', 'issue'],
		['ids', 'ids'],
	])('%s → %s', (word, one) => {
		expect(singular(word)).toBe(one);
	});
});

describe('argumentKind', () => {
	it.each([
		[{ name: 'command' }, 'command'],
		[{ name: 'cmd' }, 'command'],
		[{ name: 'code' }, 'code'],
		[{ name: 'script' }, 'code'],
		[{ name: 'code', description: 'JavaScript code to run in the page' }, 'code'],
		[{ name: 'code', description: 'The authorization code from the OAuth redirect' }, undefined],
		[{ name: 'code', description: 'Discount code customers enter at checkout' }, undefined],
		[{ name: 'function', description: 'The name of the function to invoke' }, undefined],
		[{ name: 'function', description: 'A JavaScript function to evaluate on the page' }, 'code'],
		[{ name: 'sql' }, 'query'],
		[{ name: 'query', description: 'The SQL query to run' }, 'query'],
		[{ name: 'query', description: 'A Cypher statement' }, 'query'],
		[{ name: 'query', description: 'PromQL expression' }, 'read-query'],
		[{ name: 'jql' }, 'read-query'],
		[{ name: 'query', description: 'Search terms' }, undefined],
		[{ name: 'filePath' }, 'path'],
		[{ name: 'path' }, 'path'],
		[{ name: 'url' }, 'url'],
		[{ name: 'target', format: 'uri' }, 'url'],
		[{ name: 'to' }, 'recipient'],
		[{ name: 'body' }, 'content'],
		[{ name: 'action', enum: ['list', 'delete'] }, 'selector'],
		[{ name: 'action' }, undefined],
		[{ name: 'issue_id' }, undefined],
		[{ name: 'limit' }, undefined],
	] satisfies [Pick<Parameter, 'name' | 'description' | 'enum' | 'format'>, ArgumentKind | undefined][])('%j → %s', (p, kind) => {
		expect(argumentKind(p)).toBe(kind);
	});
});

describe('namespaceWords', () => {
	it('takes the slug words and a first word most tools share, never a verb', () => {
		const ns = namespaceWords('acme-browser', ['browser_click', 'browser_hover', 'browser_type', 'get_version']);
		expect([...ns].sort()).toEqual(['acme', 'api', 'browser', 'mcp', 'server']);
		// "get" opens most names but is a verb: it stays.
		expect(namespaceWords('x', ['get_a', 'get_b', 'get_c']).has('get')).toBe(false);
		// Fewer than three tools: no prefix statistics.
		expect(namespaceWords('x', ['foo_a', 'foo_b']).has('foo')).toBe(false);
	});
});

describe('toolKey', () => {
	it.each([
		{ name: 'browser_navigate', ns: ['browser'], props: { url: str() }, key: 'navigate - [url]' },
		{ name: 'puppeteer_navigate', ns: ['puppeteer'], props: { url: str() }, key: 'navigate - [url]' },
		{ name: 'get_file_contents', ns: [], props: { path: str() }, key: 'get file [path]' },
		{ name: 'readFile', ns: [], props: { path: str() }, key: 'get file [path]' },
		{ name: 'fetch_files', ns: [], props: { paths: { type: 'array' } }, key: 'get file [path]' },
		{ name: 'list_repos', ns: [], props: { owner: str() }, key: 'list repository []' },
		{ name: 'listRepositories', ns: [], props: {}, key: 'list repository []' },
		{ name: 'add_issue_comment', ns: [], props: { issue_number: str(), body: str() }, key: 'create issue comment [content]' },
		{ name: 'create-issue-comment', ns: [], props: { issueId: str(), body: str() }, key: 'create issue comment [content]' },
		{ name: 'remove_label', ns: [], props: { name: str() }, key: 'delete label []' },
		{ name: 'run_command', ns: [], props: { command: str() }, key: 'run command [command]' },
		{ name: 'execute-command', ns: [], props: { cmd: str() }, key: 'run command [command]' },
		{ name: 'take_screenshot', ns: [], props: {}, key: 'capture screenshot []' },
		{ name: 'screenshot', ns: [], props: {}, key: 'capture screenshot []' },
		{ name: 'send_email', ns: [], props: { to: str(), subject: str(), body: str() }, key: 'send email [recipient content]' },
		{ name: 'post_message', ns: [], props: { channel: str(), text: str() }, key: 'send message [content]' },
		// A command beside a parameters object picks one of the tool's own operations.
		{
			name: 'storage',
			ns: [],
			props: { command: str(), parameters: { type: 'object' } },
			key: 'list storage [selector]',
			description: 'Lists storage accounts',
		},
		// The namespace is kept when nothing else is left.
		{ name: 'jira', ns: ['jira'], props: {}, key: '? jira []' },
	])('$name → $key', ({ name, ns, props, key, description }) => {
		expect(toolKey(def(name, props, description), new Set(ns)).key).toBe(key);
	});

	it('puts a tool that takes a program in its mechanism group too', () => {
		expect(toolKey(def('read-command', { command: str() })).mechanisms).toEqual(['command mechanism [command]']);
		expect(toolKey(def('start_process', { command: str() })).mechanisms).toEqual(['command mechanism [command]']);
		expect(toolKey(def('query', { sql: str() })).mechanisms).toEqual(['query mechanism [query]']);
		expect(toolKey(def('evaluate', { function: str(), url: str() })).mechanisms).toEqual(['code mechanism [code]']);
		expect(toolKey(def('metrics_query', { promql: str() })).mechanisms).toEqual([]);
		expect(toolKey(def('get_issue', { id: str() })).mechanisms).toEqual([]);
	});
});

function tool(
	server: string,
	name: string,
	category: Category,
	level: RiskLevel,
	props: Record<string, unknown> = {},
	rank?: number,
): ConsistencyTool {
	return { server, tool: name, definition: def(name, props), category, level, reason: `${category} (fixture)`, rank };
}

const FIXTURE: ConsistencyTool[] = [
	// Same job, different verdicts: a group to review.
	tool('alpha', 'run_command', 'execute', 'high', { command: str() }, 3),
	{
		...tool('beta', 'run-command', 'destructive', 'critical', { command: str() }, 1),
		gold: { category: 'execute', reason: 'runs a shell command (command parameter)' },
	},
	tool('gamma', 'start_process', 'destructive', 'critical', { command: str() }),
	// Same job, same verdict: consistent.
	tool('alpha', 'list_files', 'read', 'low', { path: str() }, 3),
	tool('beta', 'listFiles', 'read', 'low', { path: str() }, 1),
	// Same category, different level.
	tool('alpha', 'get_project', 'read', 'low', {}, 3),
	tool('gamma', 'getProjects', 'read', 'high', {}),
	// Two tools of one server only: not a group.
	tool('delta', 'delete_issue', 'destructive', 'critical'),
	tool('delta', 'remove_issue', 'write', 'medium'),
	// Alone.
	tool('gamma', 'send_email', 'write', 'medium', { to: str() }),
];

describe('consistencyReport', () => {
	const report = consistencyReport(FIXTURE);

	it('counts groups of at least two tools from two servers, and lists those whose verdicts differ', () => {
		expect(report.tools).toBe(FIXTURE.length);
		expect(report.inconsistent.map((g) => g.key)).toEqual(['command mechanism [command]', 'run command [command]', 'get project []']);
		// run command, command mechanism, list file, get project
		expect(report.groups).toBe(4);
		expect(report.groupedTools).toBe(3 + 2 + 2 + 2);
		expect(report.counts).toEqual({ unreviewed: 3, justified: 0, 'known-error': 0, 'fixed-but-differs': 0 });
		expect(allReviewed(report)).toBe(false);
	});

	it('lists members weakest verdict first, with verdict counts and the best rank', () => {
		const g = report.inconsistent.find((x) => x.key === 'run command [command]')!;
		expect(g.members.map((m) => `${m.server}/${m.tool} ${m.verdict}`)).toEqual([
			'alpha/run_command execute/high',
			'beta/run-command destructive/critical',
		]);
		expect(g.verdicts).toEqual([
			{ verdict: 'destructive/critical', count: 1 },
			{ verdict: 'execute/high', count: 1 },
		]);
		expect(g.bestRank).toBe(1);
		expect(report.inconsistent.find((x) => x.key === 'get project []')!.verdicts.map((v) => v.verdict)).toEqual(['read/high', 'read/low']);
		expect(g.goldDisagreements).toBe(1);
		expect(g.members[1]!.gold).toEqual({ category: 'execute', reason: 'runs a shell command (command parameter)' });
	});

	const review = (key: string, decision: ConsistencyReview['decision']): ConsistencyReview => ({
		key,
		decision,
		reason: 'the reason',
		reviewer: 'test',
		note: decision === 'known error' ? 'fix category/name-verb' : 'a note',
	});

	it.each([
		{ reviews: [], statuses: ['unreviewed', 'unreviewed', 'unreviewed'], passes: false, settled: [] },
		{
			reviews: [review('run command [command]', 'differences justified')],
			statuses: ['unreviewed', 'justified', 'unreviewed'],
			passes: false,
			settled: [],
		},
		{
			reviews: [
				review('run command [command]', 'differences justified'),
				review('command mechanism [command]', 'differences justified'),
				review('get project []', 'differences justified'),
			],
			statuses: ['justified', 'justified', 'justified'],
			passes: true,
			settled: [],
		},
		{
			// "rule fixed" while the verdicts still differ does not count as reviewed.
			reviews: [
				review('run command [command]', 'rule fixed'),
				review('command mechanism [command]', 'differences justified'),
				review('get project []', 'differences justified'),
			],
			statuses: ['justified', 'fixed-but-differs', 'justified'],
			passes: false,
			settled: [],
		},
		{
			// A known error counts as reviewed (the rule to fix is named) but is counted apart.
			reviews: [
				review('run command [command]', 'known error'),
				review('command mechanism [command]', 'differences justified'),
				review('get project []', 'differences justified'),
			],
			statuses: ['justified', 'known-error', 'justified'],
			passes: true,
			settled: [],
		},
		{
			// A known error whose group no longer differs is settled like any other review.
			reviews: [review('list file [path]', 'known error')],
			statuses: ['unreviewed', 'unreviewed', 'unreviewed'],
			passes: false,
			settled: ['list file [path]'],
		},
		{
			// A review of a group that no longer differs is settled.
			reviews: [review('list file [path]', 'rule fixed')],
			statuses: ['unreviewed', 'unreviewed', 'unreviewed'],
			passes: false,
			settled: ['list file [path]'],
		},
	])('reviews mark groups: $statuses', ({ reviews, statuses, passes, settled }) => {
		const r = consistencyReport(FIXTURE, reviews);
		expect(r.inconsistent.map((g) => g.status)).toEqual(statuses);
		expect(allReviewed(r)).toBe(passes);
		expect(r.settled.map((s) => s.key)).toEqual(settled);
	});

	it('lists the groups asked for by key, consistent ones too, in the order asked', () => {
		const r = consistencyReport(FIXTURE, [], { select: ['list file [path]', 'no such key', 'get project []'] });
		expect(r.selected.map((g) => `${g.key}: ${g.status}`)).toEqual(['list file [path]: consistent', 'get project []: unreviewed']);
		expect(r.inconsistent).toHaveLength(3);
		expect(formatConsistency(r, { selected: true })).toContain('== list file [path]  (2 tools, 2 servers, best rank 1) consistent');
	});

	it('prints every inconsistent group with its members, verdicts and reasons', () => {
		const text = formatConsistency(consistencyReport(FIXTURE, [review('get project []', 'differences justified')]));
		expect(text).toContain('10 tools; 4 groups of equivalent tools');
		expect(text).toContain(
			'3 groups with differing verdicts: 2 unreviewed, 1 justified, 0 known errors (rule not yet fixed), 0 marked fixed but still differing',
		);
		expect(text).toContain('== run command [command]  (2 tools, 2 servers, best rank 1) UNREVIEWED');
		expect(text).toContain('   execute/high         alpha / run_command: execute (fixture)');
		expect(text).toContain('review (differences justified, test): the reason');
		expect(text).toContain('tools in these groups with a gold label: 1, of which 1 differ from it in category');
		expect(text).toContain('gold: execute (differs): runs a shell command (command parameter)');
		expect(formatConsistency(report, { limit: 1 })).toContain('… 2 more groups (--limit)');
	});

	it('prints a known error with the rule to fix and counts it apart', () => {
		const r = consistencyReport(FIXTURE, [
			review('get project []', 'known error'),
			review('run command [command]', 'differences justified'),
		]);
		expect(r.counts).toEqual({ unreviewed: 1, justified: 1, 'known-error': 1, 'fixed-but-differs': 0 });
		const text = formatConsistency(r);
		expect(text).toContain('1 unreviewed, 1 justified, 1 known errors (rule not yet fixed), 0 marked fixed but still differing');
		expect(text).toContain('== get project []  (2 tools, 2 servers, best rank 3) reviewed: KNOWN ERROR (rule not yet fixed)');
		expect(text).toContain('   review (known error, test): the reason\n   rule to fix: fix category/name-verb');
	});
});

describe('consistency review file', () => {
	const good = {
		reviews: [{ key: 'run command [command]', decision: 'rule fixed', reason: 'mechanism rule', reviewer: 'me', note: 'ok then' }],
	};

	it('accepts a valid file', () => {
		expect(parseConsistencyReviews(good, 'r.json').reviews).toHaveLength(1);
	});

	it.each(['category/saves-output', 'signal/url-input', 'level/input-floor'])('accepts a known error whose note names %s', (rule) => {
		const file = { reviews: [{ ...good.reviews[0], decision: 'known error', note: `member X over-rated: fix ${rule} (not done yet)` }] };
		expect(parseConsistencyReviews(file, 'r.json').reviews[0]!.decision).toBe('known error');
	});

	it.each([
		{
			input: { reviews: [{ ...good.reviews[0], decision: 'fixed' }] },
			problem: 'reviews[0].decision: expected "rule fixed", "differences justified" or "known error"',
		},
		{
			// A known error must name the rule to fix by its id, or nobody can act on it.
			input: { reviews: [{ ...good.reviews[0], decision: 'known error', note: 'the saves-output rule is too eager' }] },
			problem: 'reviews[0].note: expected the rule to fix, named by its id (category/…, signal/… or level/…), for a "known error"',
		},
		{
			input: { reviews: [{ ...good.reviews[0], decision: 'known error', note: 'fix category/' }] },
			problem: 'reviews[0].note: expected the rule to fix',
		},
		{ input: { reviews: [{ ...good.reviews[0], reason: 'a\nb' }] }, problem: 'reviews[0].reason: expected one line' },
		{ input: { reviews: [{ ...good.reviews[0], note: '' }] }, problem: 'reviews[0].note: expected a reviewer note' },
		{
			input: { reviews: [good.reviews[0], good.reviews[0]] },
			problem: 'reviews[1].key: duplicate key "run command [command]" (first at reviews[0])',
		},
		{ input: { reviews: [{ ...good.reviews[0], extra: 1 }] }, problem: 'reviews[0]' },
	])('refuses $problem', ({ input, problem }) => {
		expect(() => parseConsistencyReviews(input, 'r.json')).toThrow(DataError);
		expect(() => parseConsistencyReviews(input, 'r.json')).toThrow(problem);
	});
});
