import { expect, test } from './fixtures.ts';

/** The hostile fixture site (tests/fixtures/hostile-servers) is built to dist-hostile and served on :4323. */
const HOSTILE = 'http://127.0.0.1:4323';

test.describe('hostile tool definitions', () => {
	test('render as text, run no script and break no policy', async ({ page, problems }) => {
		void problems;
		await page.goto(`${HOSTILE}/servers/hostile-server/`);
		const link = page.locator('.tool-list a').filter({ hasText: 'send_<script>' });
		await expect(link).toHaveCount(1);
		await link.click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('send_<script>alert(1)</script>');
		await expect(page.locator('.description')).toContainText('<img src=x onerror=alert(1)>');
		await expect(page.locator('img')).toHaveCount(0);
		await expect(page.locator('main script, main svg, main a[href^="javascript:"]')).toHaveCount(0);
		await expect(page.locator('.signals')).toContainText('U+200B');
		await expect(page.locator('.description .hidden-char')).toHaveText('U+200B');
		await expect(page.locator('.tool-head .badge')).toHaveText(/High risk/);
		// The page's only scripts are our own bundled modules.
		const scripts = await page.locator('script').evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).src));
		for (const src of scripts) expect(src).toMatch(/^http:\/\/127\.0\.0\.1:4323\/_astro\//);
		expect(await page.evaluate(() => (window as unknown as { alerted?: boolean }).alerted)).toBeUndefined();
	});

	test('flag a read-only claim on a delete tool', async ({ page, problems }) => {
		void problems;
		await page.goto(`${HOSTILE}/tools/hostile-server/delete_all/`);
		await expect(page.locator('.tool-head .badge')).toHaveText(/Critical risk · Destructive/);
		await expect(page.locator('#signal-annotation-contradiction')).toContainText('annotations.readOnlyHint');
	});
});
