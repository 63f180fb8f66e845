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
		const critical = page.getByRole('checkbox', { name: /^critical \(\d+\)$/ });
		await critical.check();
		await expect(page).toHaveURL(/risk=critical/);
		await expect(page.locator('#search-status')).toHaveText(/\d+ results?/);
		const metas = await page.locator('#search-results li .muted').allInnerTexts();
		expect(metas.length).toBeGreaterThan(0);
		for (const m of metas) expect(m).toContain('critical risk');
		await page.reload();
		await expect(page.getByRole('checkbox', { name: /^critical \(\d+\)$/ })).toBeChecked();
	});
});
