import { expect, test } from './fixtures.ts';

test.describe('search', () => {
	test('finds a tool by name from another page and lands on it', async ({ page, problems }) => {
		void problems;
		await page.goto('/servers/');
		await page.getByRole('searchbox', { name: 'Search tools' }).fill('forward_message');
		await page.getByRole('searchbox', { name: 'Search tools' }).press('Enter');
		await expect(page).toHaveURL(/\/search\/\?q=forward_message/);
		const first = page.locator('#search-results li a').first();
		await expect(first).toHaveText('forward_message');
		await first.click();
		await expect(page).toHaveURL(/\/tools\/agentmail\/forward_message\/$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('forward_message');
	});

	test('filters results by risk level and keeps the filter in the URL', async ({ page, problems }) => {
		void problems;
		await page.goto('/search/?q=delete');
		await expect(page.locator('#search-results li').first()).toBeVisible();
		const critical = page.getByRole('checkbox', { name: /^Critical \(\d+\)$/ });
		await critical.check();
		await expect(page).toHaveURL(/risk=critical/);
		await expect(page.locator('#search-status')).toHaveText(/\d+ results?/);
		const metas = await page.locator('#search-results li .muted').allInnerTexts();
		expect(metas.length).toBeGreaterThan(0);
		for (const m of metas) expect(m).toMatch(/^Critical risk · /);
		await page.reload();
		await expect(page.getByRole('checkbox', { name: /^Critical \(\d+\)$/ })).toBeChecked();
		await expect(page.locator('#search-results li').first()).toBeVisible();
	});

	test('loads no search code until the box is used, then finds a tool as you type', async ({ page, problems }) => {
		void problems;
		const requested: string[] = [];
		page.on('request', (r) => requested.push(new URL(r.url()).pathname));
		await page.goto('/search/');
		await page.waitForLoadState('networkidle');
		expect(requested.filter((p) => p.startsWith('/pagefind/'))).toEqual([]);
		const box = page.getByRole('searchbox', { name: 'Search tools and servers' });
		await box.focus();
		await expect.poll(() => requested.some((p) => p === '/pagefind/pagefind.js')).toBe(true);
		// `forward` is only the start of forward_message: the tool is a sub-result of its server's document.
		await box.fill('forward');
		await expect(page.locator('#search-results li a', { hasText: /^forward_message$/ })).toHaveAttribute(
			'href',
			'/tools/agentmail/forward_message/',
		);
	});

	test('shows more results on request, best first, without repeating any', async ({ page, problems }) => {
		void problems;
		await page.goto('/search/?q=get');
		await expect(page.locator('#search-results li')).toHaveCount(20);
		// Hits show as documents arrive; the list is busy until the step is complete.
		await expect(page.locator('#search-results')).toHaveAttribute('aria-busy', 'false');
		await expect(page.locator('#search-status')).toHaveText(/^20 results, best first/);
		const more = page.getByRole('button', { name: 'Show more results' });
		await more.click();
		await expect(page.locator('#search-results li')).toHaveCount(40);
		const hrefs = await page.locator('#search-results li > a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
		expect(new Set(hrefs).size).toBe(hrefs.length);
	});
});
