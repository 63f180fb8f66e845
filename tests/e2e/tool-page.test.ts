import { expect, test } from './fixtures.ts';

test.describe('the Agentmail send_message page', () => {
	test('shows the judgement with evidence', async ({ page, problems }) => {
		void problems;
		await page.goto('/tools/agentmail/send_message/');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('send_message');
		await expect(page.locator('.tool-head .badge')).toHaveText(/Medium risk · Write/);
		const signals = page.locator('.signals');
		for (const field of ['html', 'attachments[].url', 'attachments[].filename'])
			await expect(signals.getByRole('cell', { name: field, exact: true }).first()).toBeVisible();
		await expect(signals).toContainText('13 properties');
	});

	test('switches between the policy tabs with mouse and keyboard', async ({ page, problems }) => {
		void problems;
		await page.goto('/tools/agentmail/send_message/');
		const yamlTab = page.getByRole('tab', { name: 'Intercept YAML' });
		const jsonTab = page.getByRole('tab', { name: 'PolicyLayer JSON' });
		await expect(yamlTab).toHaveAttribute('aria-selected', 'true');
		await expect(page.getByRole('tabpanel', { name: 'Intercept YAML' })).toContainText('rate_limit: 20/hour');
		await expect(page.getByRole('tabpanel', { name: 'PolicyLayer JSON' })).toBeHidden();
		await jsonTab.click();
		await expect(jsonTab).toHaveAttribute('aria-selected', 'true');
		await expect(page.getByRole('tabpanel', { name: 'PolicyLayer JSON' })).toContainText('"scope": "grant"');
		await expect(page.getByRole('tabpanel', { name: 'Intercept YAML' })).toBeHidden();
		await jsonTab.press('ArrowLeft');
		await expect(yamlTab).toBeFocused();
		await expect(yamlTab).toHaveAttribute('aria-selected', 'true');
	});

	test('copies the YAML policy to the clipboard', async ({ page, context, problems }) => {
		void problems;
		await context.grantPermissions(['clipboard-read', 'clipboard-write']);
		await page.goto('/tools/agentmail/send_message/');
		await page.getByRole('button', { name: 'Copy Intercept YAML' }).click();
		await expect(page.getByRole('tabpanel', { name: 'Intercept YAML' }).getByRole('status')).toHaveText('Copied.');
		const copied = await page.evaluate(() => navigator.clipboard.readText());
		const shown = await page.locator('#tool-policy-code-intercept pre').innerText();
		expect(copied.trim()).toBe(shown.trim());
		expect(copied).toContain('version: "1"');
		expect(copied).toContain('send_message:');
		expect(copied).toContain('rate_limit: 20/hour');
	});

	test('has a JSON twin with the same judgement', async ({ request }) => {
		const res = await request.get('/tools/agentmail/send_message.json');
		expect(res.ok()).toBe(true);
		const data = await res.json();
		expect(data.judgement.category).toBe('write');
		expect(data.judgement.level).toBe('medium');
		expect(data.policy.policylayer.tools.send_message.limits[0]).toEqual({
			counter: 'send_message_rate',
			window: 'hour',
			max: 20,
			scope: 'grant',
		});
	});
});

test.describe('the Agentmail send_message page without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('shows both policies under their headings, with no tab or copy markup in the page', async ({ page }) => {
		await page.goto('/tools/agentmail/send_message/');
		await expect(page.getByRole('heading', { level: 3, name: /^Intercept YAML/ })).toBeVisible();
		await expect(page.locator('#tool-policy-code-intercept')).toContainText('rate_limit: 20/hour');
		await expect(page.locator('#tool-policy-code-policylayer')).toContainText('"scope": "grant"');
		await expect(page.locator('#tool-policy-code-policylayer')).toBeVisible();
		// The enhancement script builds these; a page without it has no dead controls.
		await expect(page.locator('[role="tablist"], [role="tab"], button.copy')).toHaveCount(0);
	});
});
