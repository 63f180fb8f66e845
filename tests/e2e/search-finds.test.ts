import { expect, test, type Page } from './fixtures.ts';

/**
 * Search that finds (issue 20): servers named by the query come first, names match whole words before
 * stems, security acronyms reach attack entries, a query naming no catalogued server says so with a
 * request link, excerpts hold no index tokens, the filters fold away on a phone, and third-party text
 * in results shows invisible characters as markers (the hostile site on :4323).
 */
const HOSTILE = process.env['TOOLRISK_HOSTILE_URL'] ?? 'http://127.0.0.1:4323';
const results = '#search-results li';
/** Waits until the results of the current query are final (the list is busy while documents load). */
const settled = (page: Page) => expect(page.locator('#search-results')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });

test.describe('search that finds', () => {
	test('a server named by the query comes first, above attack entries and its own tools', async ({ page, problems }) => {
		void problems;
		for (const [q, first] of [
			['github', /^\/servers\/[^/]*github[^/]*\/$/],
			['sentry', /^\/servers\/sentry-mcp\/$/],
			['agentmail', /^\/servers\/agentmail\/$/],
		] as const) {
			await page.goto(`/search/?q=${q}`);
			await settled(page);
			await expect(page.locator(`${results} > a`).first()).toHaveAttribute('href', first);
			await expect(page.locator('#missing-server')).toBeHidden();
		}
	});

	test('whole words before stems: "sentry" ranks no tool that only matched "sent" above Sentry', async ({ page, problems }) => {
		void problems;
		await page.goto('/search/?q=sentry');
		await settled(page);
		const top = await page.locator(`${results} > a`).evaluateAll((as) => as.slice(0, 3).map((a) => a.getAttribute('href') ?? ''));
		for (const href of top) expect(href).toMatch(/sentry/);
	});

	test('security acronyms reach attack entries', async ({ page, problems }) => {
		void problems;
		for (const q of ['ssrf', 'rce', 'sqli']) {
			await page.goto(`/search/?q=${q}`);
			await settled(page);
			await expect(page.locator(`${results} > a`).first()).toHaveAttribute('href', /^\/attacks\//);
		}
	});

	test('a query naming no catalogued server says so, with a request link', async ({ page, problems }) => {
		void problems;
		await page.goto('/search/?q=zendesk');
		const missing = page.locator('#missing-server');
		await expect(missing).toBeVisible();
		await expect(missing.getByRole('heading')).toHaveText(/Not catalogued yet: zendesk/);
		await expect(missing.getByRole('link', { name: 'Ask for it to be catalogued' })).toHaveAttribute(
			'href',
			/\/issues\/new\?title=Catalogue:\+zendesk&/,
		);
		// Typing on to a catalogued server hides it again.
		await page.getByRole('searchbox', { name: 'Search tools and servers' }).fill('agentmail');
		await expect(missing).toBeHidden();
	});

	test('excerpts carry no index tokens', async ({ page, problems }) => {
		void problems;
		for (const q of ['github', 'delete', 'ssrf']) {
			await page.goto(`/search/?q=${q}`);
			await settled(page);
			for (const text of await page.locator(`${results} p`).allInnerTexts()) {
				expect(text).not.toMatch(/(low|medium|high|critical)(low|medium|high|critical|read|write|execute|destructive|financial)/);
				expect(text).not.toMatch(/(read|write|execute|destructive|financial)(server|attack)\b/);
				expect(text).not.toMatch(/^attack Attack /);
			}
		}
	});

	test('on a phone the filters fold away; on a wide screen they stand open', async ({ page, problems }) => {
		void problems;
		await page.setViewportSize({ width: 390, height: 844 });
		await page.goto('/search/?q=delete');
		const box = page.locator('#search-filter-box');
		await expect(box).not.toHaveAttribute('open');
		await expect(page.getByRole('checkbox', { name: /^Critical \(\d+\)$/ })).toBeHidden();
		await expect(page.locator(results).first()).toBeInViewport();
		await box.locator('summary').click();
		await expect(page.getByRole('checkbox', { name: /^Critical \(\d+\)$/ })).toBeVisible();
		await page.setViewportSize({ width: 1280, height: 800 });
		await page.goto('/search/?q=delete');
		await expect(box).toHaveAttribute('open');
		// A filter set in the URL opens them on a phone too.
		await page.setViewportSize({ width: 390, height: 844 });
		await page.goto('/search/?q=delete&risk=critical');
		await expect(box).toHaveAttribute('open');
	});

	test('results show invisible and bidirectional characters of third-party text as markers', async ({ page, problems }) => {
		void problems;
		await page.goto(`${HOSTILE}/search/?q=invisible`);
		await settled(page);
		const list = page.locator('#search-results');
		await expect(list.locator('li').first()).toBeVisible();
		await expect(list).toContainText('U+202E');
		const text = await list.innerText();
		expect(text).not.toMatch(/[\u200B-\u200F\u202A-\u202E\u2060-\u206F\u00AD\uFEFF]/);
		expect(text).not.toMatch(/[\u{E0000}-\u{E007F}]/u);
	});

	test('a pasted query with a right-to-left override is echoed with a marker', async ({ page, problems }) => {
		void problems;
		await page.goto(`/search/?q=${encodeURIComponent('zen\u202Edesk')}`);
		const name = page.locator('#missing-name');
		await expect(name).toBeVisible();
		await expect(name.locator('.hidden-char')).toHaveText('U+202E');
		expect(await name.innerText()).not.toContain('\u202E');
	});
});
