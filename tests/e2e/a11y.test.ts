import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures.ts';

const PAGES = {
	home: '/',
	'server list': '/servers/',
	server: '/servers/agentmail/',
	'server with sub-servers': '/servers/automagik-tools/',
	tool: '/tools/agentmail/send_message/',
	'tool with unpublished schema': '/tools/wingman-gateway/send_message/',
	search: '/search/?q=send',
	about: '/about/',
	'not found': '/no-such-page/',
};

for (const [kind, path] of Object.entries(PAGES)) {
	test(`has no accessibility violations: ${kind} (${path})`, async ({ page, problems }) => {
		void problems;
		const response = await page.goto(path);
		expect(response?.status()).toBe(path === '/no-such-page/' ? 404 : 200);
		if (path.startsWith('/search/')) await expect(page.locator('#search-results li').first()).toBeVisible();
		const results = await new AxeBuilder({ page }).analyze();
		expect(results.violations.map((v) => `${v.id}: ${v.nodes.length} nodes (${v.help})`)).toEqual([]);
	});
}
