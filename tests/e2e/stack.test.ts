import { expect, test } from './fixtures.ts';

/** A real Claude Desktop configuration: catalogued servers, a secret in env, and one server nobody catalogued. */
const SECRET = 'ghp_e2eSecretTokenValue9876543210';
const CONFIG = JSON.stringify(
	{
		mcpServers: {
			filesystem: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/Users/me/Documents'] },
			github: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'], env: { GITHUB_PERSONAL_ACCESS_TOKEN: SECRET } },
			'brave-search': {
				command: 'npx',
				args: ['-y', '@modelcontextprotocol/server-brave-search@0.6.2'],
				env: { BRAVE_API_KEY: `${SECRET}-brave` },
			},
			slack: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-slack@2025.1.17'], env: { SLACK_BOT_TOKEN: `${SECRET}-slack` } },
			'my-notes': { command: 'npx', args: ['-y', 'some-unknown-mcp'] },
		},
	},
	null,
	2,
);

/** The hostile fixture site (see playwright.config.ts); overridable when its preview runs elsewhere. */
const HOSTILE = process.env['TOOLRISK_HOSTILE_ORIGIN'] ?? 'http://127.0.0.1:4323';

test.describe('stack checker', () => {
	test('matches a Claude Desktop configuration, finds the lethal trifecta and never sends the configuration', async ({
		page,
		problems,
	}) => {
		void problems;
		const requests: { url: string; method: string; body: string }[] = [];
		page.on('request', (r) => requests.push({ url: r.url(), method: r.method(), body: r.postData() ?? '' }));
		await page.goto('/check/');
		await expect(page.getByText('Your configuration never leaves your browser.')).toBeVisible();
		const before = requests.length;

		await page.getByLabel(/MCP client configuration/).fill(CONFIG);
		await page.getByRole('button', { name: 'Check' }).click();
		const results = page.locator('#stack-results');
		await expect(results.getByRole('heading', { level: 2, name: 'Result' })).toBeVisible();
		await expect(results).toHaveAttribute('aria-live', 'polite');

		// Matches, with links to the catalogued servers.
		const matched = results.locator('section[aria-labelledby="stack-matched"]');
		await expect(matched.getByRole('heading', { level: 2 })).toHaveText('Matched servers (4)');
		for (const [slug, name] of [
			['modelcontextprotocol-filesystem', 'Filesystem (reference server)'],
			['modelcontextprotocol-github', 'GitHub (reference server)'],
			['modelcontextprotocol-brave-search', 'Brave Search (reference server)'],
			['modelcontextprotocol-slack', 'Slack (reference server)'],
		] as const) {
			await expect(matched.getByRole('heading', { level: 3 }).getByRole('link', { name })).toHaveAttribute('href', `/servers/${slug}/`);
		}
		await expect(
			matched.getByText(
				'Version: configured 2025.1.17, catalogued 2025.4.25 (warning: the configured version is not the catalogued one, so its tool list may differ).',
			),
		).toBeVisible();

		// The unknown server, listed as unknown with what could be read.
		const unknown = results.locator('section[aria-labelledby="stack-unknown"]');
		await expect(unknown.getByRole('heading', { level: 2 })).toHaveText('Unknown servers (1)');
		await expect(unknown.getByRole('heading', { level: 3 })).toHaveText('“my-notes”');
		await expect(unknown.getByText('some-unknown-mcp')).toBeVisible();
		await expect(unknown.getByText(/nobody here has reviewed their tools/)).toBeVisible();

		// The trifecta, with each leg named by the servers and tools supplying it.
		await expect(results.locator('#stack-trifecta')).toContainText('Lethal trifecta: this setup combines all three legs.');
		await expect(results.locator('#stack-trifecta a')).toHaveAttribute(
			'href',
			'https://simonwillison.net/2025/Jun/16/the-lethal-trifecta/',
		);
		const leg = (id: string) => results.locator(`#stack-leg-${id} + p + ul`);
		await expect(leg('private-data')).toContainText('Filesystem (reference server)');
		await expect(leg('private-data').getByRole('link', { name: 'read_file', exact: true })).toHaveAttribute(
			'href',
			'/tools/modelcontextprotocol-filesystem/read_file/',
		);
		await expect(leg('untrusted-content')).toContainText('brave_web_search');
		await expect(leg('outbound')).toContainText('slack_post_message');
		await expect(results.getByRole('heading', { level: 3, name: 'Break the chain' })).toBeVisible();

		// Every policy link resolves.
		const hrefs = await matched.locator('a[href*="/policies/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
		expect(hrefs).toHaveLength(8);
		for (const href of hrefs) {
			const response = await page.request.get(href);
			expect(response.status(), href).toBe(200);
			expect((await response.text()).length).toBeGreaterThan(100);
		}

		// Nothing secret is shown, and no request carried the configuration.
		const html = await page.content();
		expect(html).not.toContain(SECRET);
		expect(await page.locator('body').innerText()).not.toContain('e2eSecret');
		const after = requests.slice(before);
		expect(after.map((r) => new URL(r.url).pathname)).toContain('/api/stack-index.json');
		for (const r of after) {
			expect(new URL(r.url).origin, r.url).toBe(new URL(page.url()).origin);
			expect(r.method, r.url).toBe('GET');
			for (const needle of [SECRET, 'some-unknown-mcp', 'mcpServers', 'my-notes']) {
				expect(decodeURIComponent(r.url), r.url).not.toContain(needle);
				expect(r.body).not.toContain(needle);
			}
		}
	});

	test('works with the keyboard alone and explains bad input', async ({ page, problems }) => {
		void problems;
		await page.goto('/check/');
		await page.getByRole('button', { name: 'Load example' }).focus();
		await page.keyboard.press('Enter');
		await expect(page.getByLabel(/MCP client configuration/)).toBeFocused();
		await expect(page.getByLabel(/MCP client configuration/)).toHaveValue(/"mcpServers"/);
		await page.keyboard.press('Tab');
		await expect(page.getByRole('button', { name: 'Check' })).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(page.locator('#stack-results h2').first()).toBeFocused();
		await expect(page.locator('#stack-trifecta')).toBeVisible();

		await page.getByLabel(/MCP client configuration/).fill('{"mcpServers": {"x": <img src=x onerror=alert(1)>}}');
		await page.keyboard.press('Control+Enter');
		await expect(page.getByRole('status')).toHaveText(
			/Could not read the configuration: not valid JSON: unexpected character "<" at line 1, column 22/,
		);
		await expect(page.locator('#stack-results')).toBeEmpty();
	});

	test('renders hostile entry names as text', async ({ page, problems }) => {
		void problems;
		await page.goto('/check/');
		const name = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
		await page
			.getByLabel(/MCP client configuration/)
			.fill(JSON.stringify({ servers: { [name]: { command: 'npx', args: ['-y', name] }, __proto__x: { command: 'npx' } } }));
		await page.getByRole('button', { name: 'Check' }).click();
		await expect(page.locator('#stack-unknown')).toHaveText('Unknown servers (2)');
		await expect(page.locator('#stack-results img, #stack-results script')).toHaveCount(0);
		await expect(page.locator('#stack-results').getByText(name, { exact: false }).first()).toBeVisible();
	});

	test('shows a hostile catalogued server as text, with tool links that resolve', async ({ page, problems }) => {
		void problems;
		await page.goto(`${HOSTILE}/check/`);
		await page
			.getByLabel(/MCP client configuration/)
			.fill('{"mcpServers": {"h": {"type": "http", "url": "https://MCP.example.com/mcp/"}}}');
		await page.getByRole('button', { name: 'Check' }).click();
		const matched = page.locator('section[aria-labelledby="stack-matched"]');
		await expect(matched.getByRole('heading', { level: 3 })).toContainText('<script>alert("server")</script>');
		await expect(page.locator('#stack-results img, #stack-results script')).toHaveCount(0);
		const hrefs = await page
			.locator('#stack-results a[href^="/tools/"]')
			.evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute('href')!))]);
		expect(hrefs.length).toBeGreaterThan(3);
		for (const href of hrefs) {
			expect(href).toMatch(/^\/tools\/hostile-server\/[A-Za-z0-9_.~%-]+\/$/);
			expect((await page.request.get(`${HOSTILE}${href}`)).status(), href).toBe(200);
		}
	});
});
