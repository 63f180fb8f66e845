/**
 * Tool-page FAQ: each answer says what is particular to the tool (category, level, the page's own
 * limit or refusal, the server) and links to the section or about-page entry that holds the rest,
 * instead of restating it; the about page carries the engine syntax once.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from '../../src/lib/judge/classify.ts';
import { POLICY_GUIDE, buildFaq, openingSentence, type FaqItem } from '../../src/lib/present/faq.ts';
import { listParameters } from '../../src/lib/content/parameters.ts';
import { categoryReason } from '../../src/lib/present/narrative.ts';
import { toolPolicy } from '../../src/lib/policy/facts.ts';
import { OUTBOUND_LIMIT } from '../../src/lib/policy/model.ts';
import type { McpTool } from '../../src/lib/content/mcp-tool.ts';

function faqFor(definition: McpTool): FaqItem[] {
	const judgement = classifyTool({ definition });
	const { parameters } = listParameters(definition.inputSchema ?? {});
	return buildFaq({
		tool: definition.name,
		description: definition.description ?? '',
		serverName: 'Example Server',
		runLine: 'npx -y example-mcp@1.0.0',
		judgement,
		policy: toolPolicy(definition.name, judgement, parameters),
		categoryReason: categoryReason(judgement),
	});
}
const answer = (items: FaqItem[], start: string) => items.find((i) => i.question.startsWith(start))!;

const send: McpTool = {
	name: 'send_message',
	description: 'Send an email message to a recipient. Supports attachments and HTML bodies.',
	inputSchema: { type: 'object', properties: { to: { type: 'string' }, body: { type: 'string' } }, required: ['to'] },
	annotations: { readOnlyHint: false },
};
const remove: McpTool = {
	name: 'delete_record',
	description: 'Delete a record permanently.',
	inputSchema: { type: 'object', properties: { id: { type: 'string' } } },
};

describe('buildFaq', () => {
	it('quotes only the opening sentence of the description and links to the full text', () => {
		const what = answer(faqFor(send), 'What does');
		expect(what.answer).toContain('Write tool');
		expect(what.answer).toContain('“Send an email message to a recipient.”');
		expect(what.answer).not.toContain('attachments');
		expect(what.see).toEqual({ href: '#what', label: 'Full description' });
	});

	it('ends the quote with a full stop when the opening sentence has none', () => {
		expect(answer(faqFor({ ...send, description: 'Send message' }), 'What does').answer).toMatch(/“Send message”\.$/);
	});

	it('says when there is no description, with no link to one', () => {
		const what = answer(faqFor({ ...remove, description: undefined }), 'What does');
		expect(what.answer).toContain('The server gives no description.');
		expect(what.see).toBeUndefined();
	});

	it("quotes the page's own limit for a rate-limited tool, in both engines' terms", () => {
		// send_message sends to a recipient the agent chooses, so its limit is counted per hour.
		const { max, window } = OUTBOUND_LIMIT;
		const rate = answer(faqFor(send), 'How do I rate-limit');
		expect(rate.answer).toContain(`already caps it at ${max} calls per ${window}`);
		expect(rate.answer).toContain(`rate_limit: "${max}/${window}"`);
		expect(rate.answer).toContain(`"max": ${max} in PolicyLayer`);
		expect(rate.see?.href).toBe('/about/#rate-limit');
	});

	it('gives the full limit syntax for a tool the page does not limit, and says a denied tool is already refused', () => {
		const items = faqFor(remove);
		expect(answer(items, 'How do I rate-limit').answer).toContain(
			'{"counter": "delete_record_rate", "window": "minute", "max": 30, "scope": "grant"}',
		);
		expect(answer(items, 'How do I block').answer).toMatch(/^The policy on this page already refuses every call to it/);
		expect(answer(faqFor(send), 'How do I block').answer).toContain('action: deny (no conditions)');
	});

	it('asks about annotations only when the server declares some, and links to them', () => {
		expect(answer(faqFor(send), 'Can I rely on the annotations')?.see?.href).toBe('#annotations');
		expect(faqFor(remove).some((i) => i.question.startsWith('Can I rely'))).toBe(false);
	});

	it('links only to sections a tool page has and to entries the about page has', () => {
		const pageSections = new Set(['#what', '#signals', '#policy', '#annotations']);
		const guide = new Set(POLICY_GUIDE.map((g) => `/about/#${g.id}`));
		for (const item of [...faqFor(send), ...faqFor(remove)]) {
			if (item.see) expect(pageSections.has(item.see.href) || guide.has(item.see.href), item.see.href).toBe(true);
		}
	});
});

describe('openingSentence', () => {
	it.each([
		['One. Two.', 'One.'],
		['Line one\nline two', 'Line one line two'],
		['通过企业微信群机器人发送图片消息。其余', '通过企业微信群机器人发送图片消息。'],
		['v1.2 is a version, not an end. Next.', 'v1.2 is a version, not an end.'],
	])('%j opens with %j', (text, expected) => expect(openingSentence(text)).toBe(expected));

	it('cuts a long sentence at 160 characters with an ellipsis', () => {
		const cut = openingSentence('a'.repeat(400));
		expect(cut).toHaveLength(160);
		expect(cut.endsWith('…')).toBe(true);
	});
});
