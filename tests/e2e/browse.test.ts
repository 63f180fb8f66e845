import { expect, test } from './fixtures.ts';

/** The hostile fixture site (playwright.config.ts serves it on 4323). */
const HOSTILE = process.env['TOOLRISK_HOSTILE_URL'] ?? 'http://127.0.0.1:4323';

test.describe('class pages', () => {
	test('a risk page shows its rule, counts, an example with evidence and the policy in both formats', async ({ page, problems }) => {
		void problems;
		await page.goto('/');
		await page.locator('main a[href="/risk/critical/"]').click();
		await expect(page).toHaveURL(/\/risk\/critical\/$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Critical risk tools');
		await expect(page.getByRole('heading', { name: 'How it is decided' })).toBeVisible();
		await expect(page.locator('#decided + p')).toContainText('Every destructive or financial tool is critical');

		const counts = (await page.locator('#class-counts').innerText()).match(
			/^(\d+) of (\d+) catalogued tools \(([\d.]+)%\), on (\d+) servers?\.$/,
		);
		expect(counts, 'counts sentence').not.toBeNull();
		const [, n, total, share] = counts!;
		expect(Number(n)).toBeGreaterThan(0);
		expect(Number(share)).toBeCloseTo((Number(n) / Number(total)) * 100, 1);
		// The categories within add up to the level's tools, and every listed tool is critical.
		const within = await page.getByRole('table', { name: 'Categories within' }).locator('tbody tr td:nth-child(2)').allInnerTexts();
		expect(within.reduce((a, b) => a + Number(b), 0)).toBe(Number(n));
		await expect(page.getByRole('table', { name: 'Servers with the most of these tools' }).locator('tbody tr').first()).toBeVisible();
		const listed = page.locator('section:has(> #tools) .tool-list li');
		expect(await listed.count()).toBe(Math.min(100, Number(n)));
		for (const badge of await listed.locator('.badge').allInnerTexts()) expect(badge).toMatch(/^Critical risk/);

		// The example: a real tool page link, why it is here, and the evidence.
		const example = page.locator('section:has(#example)');
		await expect(example.locator('a[href^="/tools/"]').first()).toBeVisible();
		await expect(page.locator('#example-reason')).toContainText(/because/);
		expect(await page.getByRole('table', { name: 'Evidence' }).locator('tbody tr').count()).toBeGreaterThan(0);

		// The policy: the tabs show the Intercept document, then the PolicyLayer one.
		const policy = page.locator('section:has(#policy)');
		await expect(policy.getByRole('tab', { name: 'Intercept YAML' })).toHaveAttribute('aria-selected', 'true');
		await expect(policy.locator('#class-policy-code-intercept')).toContainText('default: deny');
		await expect(policy.locator('#class-policy-code-intercept')).toContainText('action: deny');
		await policy.getByRole('tab', { name: 'PolicyLayer JSON' }).click();
		await expect(policy.locator('#class-policy-code-policylayer')).toBeVisible();
		await expect(policy.locator('#class-policy-code-policylayer')).toContainText('"default": "deny"');
	});

	test('a signal page shows its rule in words, the levels within and the attacks that abuse it', async ({ page, problems }) => {
		void problems;
		await page.goto('/about/');
		await page.getByRole('link', { name: 'Accepts URL or endpoint input' }).click();
		await expect(page).toHaveURL(/\/signals\/url-input\/$/);
		await expect(page.locator('#decided + p')).toContainText('format is uri');
		await expect(page.getByRole('table', { name: 'Risk levels within' })).toBeVisible();
		await expect(page.getByRole('table', { name: 'Evidence' }).locator('tbody td:last-child').first()).toHaveText('signal/url-input');
		await expect(page.locator('section:has(#attacks) a[href^="/attacks/"]').first()).toBeVisible();
	});
});

test.describe('server directory', () => {
	const rows = '#server-results tr';

	test('loads the index only when it is needed', async ({ page, problems }) => {
		void problems;
		const fetched: string[] = [];
		page.on('request', (r) => {
			if (r.url().includes('/api/servers-index.json')) fetched.push(r.url());
		});
		await page.goto('/servers/');
		await expect(page.getByLabel('Filter servers by name or package')).toBeVisible();
		await page.waitForLoadState('networkidle');
		expect(fetched).toEqual([]);
		await page.getByLabel('Filter servers by name or package').focus();
		await expect.poll(() => fetched.length).toBe(1);
	});

	test('typing filters every server and keeps the filter in the URL', async ({ page, problems }) => {
		void problems;
		await page.goto('/servers/');
		// Every server, not just page 1's rows: the filter searches the whole index.
		const total = ((await (await page.request.get('/api/servers-index.json')).json()) as { servers: unknown[] }).servers.length;
		const box = page.getByLabel('Filter servers by name or package');
		await box.pressSequentially('git');
		await expect(page).toHaveURL(/\/servers\/\?q=git$/);
		await expect(page.locator('#server-rows')).toBeHidden();
		await expect(page.locator(rows).first()).toBeVisible();
		const names = await page.locator(`${rows} td:first-child`).allInnerTexts();
		expect(names.length).toBeGreaterThan(1);
		expect(names.length).toBeLessThan(total);
		expect(names.some((n) => n.startsWith('GitHub'))).toBe(true);
		await expect(page.getByRole('status').filter({ hasText: 'match' })).toHaveText(`${names.length} of ${total} servers match.`);

		// A level filter narrows further: every row left has a critical tool.
		await page.getByLabel('With at least one tool at').selectOption('critical');
		await expect(page).toHaveURL(/\?q=git&risk=critical$/);
		await page.getByLabel('Filter servers by name or package').fill('');
		await expect(page).toHaveURL(/\/servers\/\?risk=critical$/);
		const critical = await page.locator(`${rows} td:nth-child(3)`).allInnerTexts();
		expect(critical.length).toBeGreaterThan(0);
		for (const c of critical) expect(Number(c)).toBeGreaterThan(0);
	});

	test('a shared URL restores the filter on load', async ({ page, problems }) => {
		void problems;
		await page.goto('/servers/?q=%40modelcontextprotocol%2Fserver-postgres');
		await expect(page.getByLabel('Filter servers by name or package')).toHaveValue('@modelcontextprotocol/server-postgres');
		await expect(page.locator(rows)).toHaveCount(1);
		await expect(page.locator(`${rows} a`)).toHaveText('PostgreSQL (reference server)');
		await expect(page.locator(`${rows} a`)).toHaveAttribute('href', '/servers/modelcontextprotocol-postgres/');
	});

	test('Esc clears the box and brings the list back', async ({ page, problems }) => {
		void problems;
		await page.goto('/servers/');
		const box = page.getByLabel('Filter servers by name or package');
		// A package only one catalogued server has (as in the shared-URL test above; `server-postgres` alone
		// also begins `…-server-postgrest`).
		await box.fill('@modelcontextprotocol/server-postgres');
		await expect(page.locator(rows)).toHaveCount(1);
		await box.press('Escape');
		await expect(box).toHaveValue('');
		await expect(page).toHaveURL(/\/servers\/$/);
		await expect(page.locator('#server-rows')).toBeVisible();
		await expect(page.locator('#server-results')).toBeHidden();
	});

	test('Enter opens the first match', async ({ page, problems }) => {
		void problems;
		await page.goto('/servers/');
		const box = page.getByLabel('Filter servers by name or package');
		await box.fill('memory');
		await box.press('Enter');
		await expect(page).toHaveURL(/\/servers\/modelcontextprotocol-memory\/$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Memory (reference server)');
	});

	test('without JavaScript it is a plain paginated list', async ({ browser }) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto('/servers/');
		await expect(page.locator('#server-filter')).toBeHidden();
		const [, servers] = (await page.locator('main > p').first().innerText()).match(/^(\d+) servers/) ?? [];
		const total = Number(servers);
		expect(total).toBeGreaterThan(0);
		const links = page.locator('#server-rows tr td:first-child a');
		await expect(links).toHaveCount(Math.min(100, total));
		await expect(links.first()).toHaveAttribute('href', /^\/servers\/[a-z0-9-]+\/$/);
		if (total > 100) {
			await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Next' }).click();
			await expect(page).toHaveURL(/\/servers\/all\/2\/$/);
			await expect(page.locator('#server-rows tr')).toHaveCount(Math.min(100, total - 100));
			await page.getByRole('link', { name: 'Previous' }).click();
			await expect(page).toHaveURL(/\/servers\/$/);
		} else {
			await expect(page.getByRole('navigation', { name: 'Pages' })).toHaveCount(0);
		}
		// Every server is on some page: the page links lead to real server pages.
		await links.first().click();
		await expect(page).toHaveURL(/\/servers\/[a-z0-9-]+\/$/);
		await context.close();
	});

	test('hostile server names come out as text', async ({ page, problems }) => {
		void problems;
		await page.goto(`${HOSTILE}/servers/?q=script`);
		const link = page.locator(`${rows} a`).first();
		await expect(link).toContainText('<script>alert("server")</script>');
		expect(await page.locator('#server-results script').count()).toBe(0);
	});
});
