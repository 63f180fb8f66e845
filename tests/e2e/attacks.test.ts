import { expect, test } from './fixtures.ts';

test.describe('attack database', () => {
	test('opens an attack from a tool page and comes back', async ({ page, problems }) => {
		void problems;
		await page.goto('/tools/agentmail/send_message/');
		const links = page.locator('.attack-matches a');
		await expect(links.first()).toBeVisible();
		const title = await links.first().innerText();
		await links.first().click();
		await expect(page).toHaveURL(/\/attacks\/[a-z0-9-]+\/$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
		// The attack page lists exposed catalogued tools, grouped by server.
		await expect(page.getByRole('heading', { name: 'Catalogued tools exposed' })).toBeVisible();
		await expect(page.locator('main a[href^="/tools/"]').first()).toBeAttached();
		await page.goBack();
		await expect(page).toHaveURL(/\/tools\/agentmail\/send_message\/$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('send_message');
	});

	test('filters the index by signal and keeps the filter in the URL', async ({ page, problems }) => {
		void problems;
		await page.goto('/attacks/');
		const all = await page.locator('#attack-list > li').count();
		expect(all).toBeGreaterThanOrEqual(35);
		await page.getByLabel('Signal').selectOption('url-input');
		await expect(page).toHaveURL(/signal=url-input/);
		const visible = page.locator('#attack-list > li:not([hidden])');
		const n = await visible.count();
		expect(n).toBeGreaterThan(0);
		expect(n).toBeLessThan(all);
		for (const li of await visible.all()) expect(await li.getAttribute('data-signal')).toMatch(/(^| )url-input( |$)/);
		await expect(page.locator('#attack-count')).toHaveText(`${n} of ${all} entries`);
		await page.reload();
		await expect(page.getByLabel('Signal')).toHaveValue('url-input');
	});
});
