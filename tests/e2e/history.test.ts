import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { toolSegment } from '../../src/lib/text/slug.ts';
import { visibleSegments } from '../../src/lib/text/visible-text.ts';
import { expect, test, type Page } from './fixtures.ts';

/**
 * Change history on tool pages, on the hostile site (tests/fixtures/hostile-servers/changed-server.json,
 * written by recordRescan): a tool whose description changed says so plainly, shows the dated history
 * and the previous text as text (markup inert, invisible characters as markers), and carries the
 * definition-changed signal; a tool no re-scan changed shows no history at all.
 */
/** The hostile site's origin (playwright.config.ts serves it on :4323; override to run beside another checkout). */
const HOSTILE = process.env['TOOLRISK_HOSTILE_ORIGIN'] ?? 'http://127.0.0.1:4323';
interface Change {
	tool: string;
	change: string;
	before?: Record<string, unknown>;
}
const server = JSON.parse(readFileSync('tests/fixtures/hostile-servers/changed-server.json', 'utf8')) as {
	tools: { definition: { name: string; description: string } }[];
	history: { date: string; version?: string; changes: Change[] }[];
};
const page = (name: string) => `${HOSTILE}/tools/changed-server/${toolSegment(name)}/`;
const previousDescription = server.history[0]!.changes.find((c) => c.tool === 'get_fact_of_the_day')!.before!['description'] as string;
const currentDescription = server.tools.find((t) => t.definition.name === 'get_fact_of_the_day')!.definition.description;
/** Text as the page shows it: invisible characters replaced by their `U+…` markers. */
const shown = (text: string) =>
	visibleSegments(text)
		.map((s) => s.hidden ?? s.text)
		.join('');

async function expectInert(p: Page): Promise<void> {
	await expect(p.locator('main :is(img, svg, iframe, object, embed, style, script)')).toHaveCount(0);
	const handlers = await p.evaluate(() =>
		[...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name)),
	);
	expect(handlers).toEqual([]);
}

test.describe('tool change history', () => {
	test('a changed description is announced, dated, shown as text and signalled', async ({ page: p, problems }) => {
		void problems;
		await p.goto(page('get_fact_of_the_day'));
		const history = p.locator('section[aria-labelledby="history"]');
		await expect(history.getByRole('heading', { name: 'Change history' })).toBeVisible();
		await expect(history.getByRole('complementary', { name: 'Definition changed after cataloguing' })).toContainText(
			'The description of this tool changed after it was catalogued (last on 2026-11-01)',
		);
		await expect(history).toContainText('rug pull');
		await expect(history.getByRole('link', { name: 'The risk signal' })).toHaveAttribute('href', '#signal-definition-changed');
		await expect(history.getByRole('link', { name: /WhatsApp MCP exploited/ })).toHaveAttribute(
			'href',
			'https://invariantlabs.ai/blog/whatsapp-mcp-exploited',
		);
		await expect(history).toContainText('First catalogued on 2026-10-01');
		const items = history.locator('ol.history > li');
		await expect(items).toHaveCount(2);
		await expect(items.nth(0)).toContainText('2026-11-01 (version 1.1.0): changed: description.');
		// The hostile version string of the last scan is text too.
		await expect(items.nth(1)).toContainText('(version 2.0.0<script>alert(106)</script>): changed: title.');

		const details = items.nth(0).locator('details');
		await expect(details.locator('p.pre-line').first()).toBeHidden();
		await details.locator('summary').click();
		await expect(details.locator('p.pre-line').first()).toHaveText(shown(previousDescription));
		await expect(details.locator('.hidden-char')).toHaveCount(3);

		const signal = p.locator('#signal-definition-changed');
		await expect(signal).toContainText('Definition changed after cataloguing');
		await expect(signal.locator('td code').nth(1)).toHaveText(
			`2026-11-01 (version 1.1.0): description rewritten (${previousDescription.length} → ${currentDescription.length} characters)`,
		);
		// The answer-first page says why under the signals: the reason a policy is needed asks to pin the definition.
		await expect(p.getByRole('heading', { name: 'Why it needs a policy' })).toBeVisible();
		await expect(p.locator('#why + p')).toContainText('pin the definition you reviewed');
		await expectInert(p);

		const json = (await (await p.request.get(`${HOSTILE}/tools/changed-server/get_fact_of_the_day.json`)).json()) as {
			firstCatalogued: string;
			history: { change: Change }[];
		};
		expect(json.firstCatalogued).toBe('2026-10-01');
		expect(json.history.map((h) => h.change.before?.['description'] ?? null)[0]).toBe(previousDescription);
	});

	test('schema and annotation changes, renames with a hostile previous name, long previous texts', async ({ page: p, problems }) => {
		void problems;
		await p.goto(page('flip_hints'));
		await expect(p.locator('section[aria-labelledby="history"] aside')).toContainText(
			'The input schema or annotations of this tool changed',
		);
		await expect(p.locator('#signal-definition-changed')).toContainText('input schema changed: parameters added sidenote');
		await expect(p.locator('#signal-definition-changed')).toContainText('annotations changed: readOnlyHint false → true');

		await p.goto(page('notes_renamed'));
		await expect(p.locator('section[aria-labelledby="history"] li')).toHaveText(
			'2026-11-01 (version 1.1.0): renamed from notes_<script>alert(103)</script>.',
		);
		// A rename alone is no risk signal, so there is no notice.
		await expect(p.locator('section[aria-labelledby="history"] aside')).toHaveCount(0);
		await expect(p.locator('#signal-definition-changed')).toHaveCount(0);

		await p.goto(page('long_history'));
		const details = p.locator('section[aria-labelledby="history"] details');
		await details.locator('summary').click();
		const previous = await details.locator('p.pre-line').first().textContent();
		expect(previous!.length).toBeLessThanOrEqual(4_001);
		await expect(details.locator('ins')).toHaveText(' Now shorter? No, longer: <b>bold</b>');
		await expectInert(p);
	});

	test('a tool no re-scan changed carries no history', async ({ page: p, problems }) => {
		void problems;
		await p.goto(page('stable_tool'));
		await expect(p.locator('section[aria-labelledby="history"]')).toHaveCount(0);
		await expect(p.locator('#signal-definition-changed')).toHaveCount(0);
		const json = (await (await p.request.get(`${HOSTILE}/tools/changed-server/stable_tool.json`)).json()) as Record<string, unknown>;
		expect(json['history']).toBeUndefined();
	});

	for (const name of ['get_fact_of_the_day', 'flip_hints', 'long_history']) {
		test(`has no axe violations with its history open: ${name}`, async ({ page: p, problems }) => {
			void problems;
			await p.goto(page(name));
			for (const summary of await p.locator('section[aria-labelledby="history"] summary').all()) await summary.click();
			const results = await new AxeBuilder({ page: p }).setLegacyMode(true).analyze();
			expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
		});
	}
});
