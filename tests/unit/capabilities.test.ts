import { describe, expect, it } from 'vitest';
import { CAPABILITY_RULES, toolCapabilities, type CapabilityRuleId } from '../../src/lib/judge/capabilities.ts';
import { CAPABILITY_IDS, type CapabilityId } from '../../src/lib/taxonomy.ts';
import { fixtureCatalogue } from './support.ts';

const catalogue = fixtureCatalogue();

function capabilitiesOf(id: string): Partial<Record<CapabilityId, CapabilityRuleId>> {
	const tool = catalogue.tool(id);
	if (!tool) throw new Error(`no catalogued tool ${id}`);
	const found = toolCapabilities({ name: tool.name, description: tool.entry.definition.description, judgement: tool.judgement });
	return Object.fromEntries(found.map((f) => [f.capability, f.rule]));
}

describe('capabilities of catalogued tools (fixture catalogue)', () => {
	// Real tools (verbatim copies in tests/fixtures/catalogue), with the rule expected to supply each capability
	// (absent = the tool does not supply it).
	it.each<[string, Partial<Record<CapabilityId, CapabilityRuleId>>]>([
		['modelcontextprotocol-filesystem/read_file', { 'private-data': 'private-query' }],
		['modelcontextprotocol-filesystem/list_allowed_directories', { 'private-data': 'private-read' }],
		['modelcontextprotocol-filesystem/write_file', {}],
		['modelcontextprotocol-slack/slack_post_message', { outbound: 'recipient' }],
		['modelcontextprotocol-slack/slack_get_channel_history', { 'private-data': 'private-read', 'untrusted-content': 'untrusted-signal' }],
		['modelcontextprotocol-slack/slack_list_channels', {}],
		['modelcontextprotocol-brave-search/brave_web_search', { 'untrusted-content': 'untrusted-signal' }],
		['modelcontextprotocol-github/get_issue', { 'private-data': 'private-read', 'untrusted-content': 'untrusted-signal' }],
		['modelcontextprotocol-github/get_file_contents', { 'private-data': 'private-query', 'untrusted-content': 'untrusted-signal' }],
		['modelcontextprotocol-github/create_issue', { outbound: 'published-body' }],
		['modelcontextprotocol-github/push_files', { outbound: 'send-verb' }],
		['modelcontextprotocol-github/search_users', {}],
		['modelcontextprotocol-postgres/query', { 'private-data': 'private-query' }],
		['modelcontextprotocol-gdrive/search', { 'private-data': 'private-read' }],
		['modelcontextprotocol-redis/get', { 'private-data': 'private-read' }],
		['modelcontextprotocol-everything/get-env', { 'private-data': 'private-read' }],
		['modelcontextprotocol-google-maps/maps_geocode', {}],
		['modelcontextprotocol-puppeteer/puppeteer_navigate', { 'untrusted-content': 'fetch-url', outbound: 'url-out' }],
		[
			'modelcontextprotocol-puppeteer/puppeteer_evaluate',
			{ 'private-data': 'code-execution', 'untrusted-content': 'code-execution', outbound: 'code-execution' },
		],
		['modelcontextprotocol-sequential-thinking/sequentialthinking', {}],
		['agentmail/get_thread', { 'private-data': 'private-read', 'untrusted-content': 'untrusted-signal' }],
		['agentmail/send_message', { outbound: 'recipient' }],
		['notify-mcp-server/wework_send_text', { outbound: 'send-verb' }],
		['notify-mcp-server/bark_send_notify', { outbound: 'url-out' }],
		['wingman-gateway/send_message', { outbound: 'send-verb' }],
		['wingman-gateway/check_inbox', { 'private-data': 'private-read', 'untrusted-content': 'inbox-read' }],
	])('%s', (id, expected) => {
		expect(capabilitiesOf(id)).toEqual(expected);
	});
});

describe('toolCapabilities rules', () => {
	const judgement = (category: 'read' | 'write' | 'execute' | 'destructive', signals: [string, string][] = []) => ({
		category,
		signals: signals.map(([id, field]) => ({
			id: id as never,
			evidence: [{ rule: `signal/${id}`, source: 'schema' as const, field, match: field }],
		})),
	});
	it.each<[string, string, ReturnType<typeof judgement>, string | undefined, CapabilityId[]]>([
		['no name words, no signals', 'do_thing', judgement('read'), undefined, []],
		['private noun only counts on reads', 'delete_file', judgement('destructive'), undefined, []],
		['description fallback', 'search', judgement('read'), 'Search for documents in the archive', ['private-data']],
		['description fallback is skipped past 200 characters', 'search', judgement('read'), `${'x '.repeat(120)}files`, []],
		['url input on a read is outbound (data in the address)', 'lookup', judgement('read', [['url-input', 'url']]), undefined, ['outbound']],
		[
			'fetch with url is untrusted and outbound',
			'fetch',
			judgement('read', [['url-input', 'url']]),
			undefined,
			['untrusted-content', 'outbound'],
		],
		['execute without command input is not all three', 'run_report', judgement('execute'), undefined, []],
		['send verb on a read is not outbound', 'get_sent_mail', judgement('read'), undefined, ['private-data', 'untrusted-content']],
		['hostile name', '__proto__', judgement('read'), '<script>alert(1)</script>', []],
	])('%s', (_, name, j, description, expected) => {
		expect(toolCapabilities({ name, description, judgement: j }).map((f) => f.capability)).toEqual(expected);
	});

	it('every rule supplies at least one known capability and has words for the page', () => {
		for (const rule of Object.values(CAPABILITY_RULES)) {
			expect(rule.capabilities.length).toBeGreaterThan(0);
			for (const c of rule.capabilities) expect(CAPABILITY_IDS).toContain(c);
			expect(rule.text.length).toBeGreaterThan(20);
		}
	});

	it('the fixture catalogue has tools supplying each leg', () => {
		const counts = Object.fromEntries(CAPABILITY_IDS.map((c) => [c, 0]));
		for (const t of catalogue.tools)
			for (const f of toolCapabilities({ name: t.name, description: t.entry.definition.description, judgement: t.judgement }))
				counts[f.capability]!++;
		for (const c of CAPABILITY_IDS) expect(counts[c], c).toBeGreaterThan(5);
	});
});
