import { test as base, expect, type Page } from '@playwright/test';

/**
 * Every test page records console errors, page errors, CSP violations and dialogs (an `alert` from
 * injected script would open one); each test ends by asserting none happened.
 */
export const test = base.extend<{ problems: string[] }>({
	problems: async ({ page }, use) => {
		const problems: string[] = [];
		page.on('console', (m) => {
			// A 404 page reports its own status as a failed load; that is the page working, not a problem.
			if (m.type() === 'error' && !(m.text().startsWith('Failed to load resource') && m.location().url === page.url()))
				problems.push(`console: ${m.text()}`);
		});
		page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
		page.on('dialog', async (d) => {
			problems.push(`dialog: ${d.message()}`);
			await d.dismiss();
		});
		await page.addInitScript(() => {
			document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
		});
		await use(problems);
		expect(problems, 'no console errors, page errors, dialogs or CSP violations').toEqual([]);
	},
});
export { expect };
export type { Page };
