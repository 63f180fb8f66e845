import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixtures.ts';

/**
 * The layout sweep: one page of every type, at a phone's width (360 px) and a desktop's (1280 px), in
 * the light and the dark theme, asserts that
 * - nothing scrolls sideways (the document is no wider than the viewport);
 * - every element the keyboard reaches shows a focus ring (an outline or a box shadow on
 *   :focus-visible) whose colour has at least 3:1 contrast against the page;
 * - axe finds no violation (colour contrast included, so both palettes are checked);
 * and keeps a screenshot of each under test-results/sweep/ for a person to look at.
 *
 * Pages come from the built site in `dist` (the largest server page and a tool page of it, where
 * layouts are most stressed) and from the hostile fixture site in `dist-hostile` (a tool whose
 * description is Markdown carrying injection attempts, and the hostile server page).
 */
const SITE = 'dist';
/** The hostile fixture site (playwright.config.ts serves it on :4323; a local config may move it). */
const HOSTILE = process.env['TOOLRISK_HOSTILE_ORIGIN'] ?? 'http://127.0.0.1:4323';
const SHOTS = 'test-results/sweep';

function dirs(path: string): string[] {
	return existsSync(path)
		? readdirSync(path, { withFileTypes: true })
				.filter((e) => e.isDirectory())
				.map((e) => e.name)
				.sort()
		: [];
}

/** The largest page under `folder`: the one with the most to lay out. */
function largest(folder: string): string {
	const names = dirs(join(SITE, folder)).filter((n) => existsSync(join(SITE, folder, n, 'index.html')) && !/^\d+$/.test(n) && n !== 'all');
	if (names.length === 0) throw new Error(`${SITE}/${folder} has no pages: build the site first`);
	return names.reduce((a, b) =>
		statSync(join(SITE, folder, b, 'index.html')).size > statSync(join(SITE, folder, a, 'index.html')).size ? b : a,
	);
}

const server = largest('servers');
const tool = largest(`tools/${server}`);
const first = (folder: string) => {
	const name = dirs(join(SITE, folder))[0];
	if (!name) throw new Error(`${SITE}/${folder} has no pages`);
	return `/${folder}/${name}/`;
};

const PAGES: Record<string, { path: string; status?: number }> = {
	home: { path: '/' },
	tool: { path: `/tools/${server}/${tool}/` },
	server: { path: `/servers/${server}/` },
	'servers index': { path: '/servers/' },
	category: { path: first('categories') },
	'risk level': { path: '/risk/critical/' },
	signal: { path: first('signals') },
	'attacks index': { path: '/attacks/' },
	attack: { path: first('attacks') },
	search: { path: '/search/?q=delete' },
	check: { path: '/check/' },
	about: { path: '/about/' },
	data: { path: '/data/' },
	'404': { path: '/no-such-page/', status: 404 },
	'hostile tool (Markdown)': { path: `${HOSTILE}/tools/hostile-server/markdown_description/` },
	'hostile server': { path: `${HOSTILE}/servers/hostile-server/` },
};

const WIDTHS = [360, 1280] as const;
const THEMES = ['light', 'dark'] as const;
/** Keyboard stops checked per page: the header, the page's first controls and well into its body. */
const TAB_STOPS = 60;

/** Relative luminance and contrast (WCAG 2) of CSS `rgb()`/`rgba()` colours. */
function luminance(rgb: readonly number[]): number {
	const [r, g, b] = rgb.map((v) => {
		const c = v / 255;
		return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	}) as [number, number, number];
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const parse = (css: string) => (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
function contrast(a: string, b: string): number {
	const [x, y] = [luminance(parse(a)), luminance(parse(b))].sort((m, n) => n - m) as [number, number];
	return (x + 0.05) / (y + 0.05);
}

interface FocusReport {
	what: string;
	ring: string | undefined;
	background: string;
}

/** Tabs through the page and reports, for each stop, its focus ring's colour (or none) and the page's background. */
async function focusRings(page: Page): Promise<FocusReport[]> {
	const reports: FocusReport[] = [];
	await page.locator('body').focus();
	for (let i = 0; i < TAB_STOPS; i++) {
		await page.keyboard.press('Tab');
		const report = await page.evaluate(() => {
			const el = document.activeElement as HTMLElement | null;
			if (!el || el === document.body) return undefined;
			const style = getComputedStyle(el);
			const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 ? style.outlineColor : undefined;
			const shadow = style.boxShadow !== 'none' ? (style.boxShadow.match(/rgba?\([^)]*\)/)?.[0] ?? undefined) : undefined;
			const background = getComputedStyle(document.body).backgroundColor;
			const what = `${el.localName}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
			return { what, ring: outline ?? shadow, background, matches: el.matches(':focus-visible') };
		});
		if (!report) break;
		reports.push(report);
	}
	return reports;
}

test.describe.configure({ mode: 'parallel' });

for (const [type, { path, status = 200 }] of Object.entries(PAGES)) {
	for (const width of WIDTHS) {
		for (const theme of THEMES) {
			test(`${type} at ${width}px, ${theme}`, async ({ page, problems }) => {
				void problems;
				// Axe over a server page of 400 tools takes a while on a busy machine.
				test.setTimeout(300_000);
				await page.setViewportSize({ width, height: 800 });
				await page.emulateMedia({ colorScheme: theme });
				const response = await page.goto(path);
				expect(response?.status()).toBe(status);
				await page.waitForLoadState('load');
				// The system's preference holds when the reader chose none.
				expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe(theme);

				const size = await page.evaluate(() => ({
					page: document.documentElement.scrollWidth,
					viewport: document.documentElement.clientWidth,
				}));
				expect(size.page, `page width ${size.page}px within the ${size.viewport}px viewport`).toBeLessThanOrEqual(size.viewport);

				mkdirSync(SHOTS, { recursive: true });
				const tall = await page.evaluate(() => document.documentElement.scrollHeight > 12_000);
				await page.screenshot({ path: `${SHOTS}/${type.replace(/[^\w]+/g, '-')}-${width}-${theme}.png`, fullPage: !tall });

				const rings = await focusRings(page);
				expect(rings.length, 'the keyboard reaches something').toBeGreaterThan(0);
				for (const r of rings) {
					expect(r.ring, `${r.what} shows a focus ring`).toBeDefined();
					expect(contrast(r.ring!, r.background), `${r.what}: focus ring ${r.ring} against ${r.background}`).toBeGreaterThanOrEqual(3);
				}

				// Legacy mode runs axe in the page itself rather than opening a blank page per run to merge frames (the site has none).
				const axe = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
				const violations = axe.violations.map((v) => `${v.id}: ${v.nodes.length} (${v.nodes[0]?.target.join(' ')})`);
				expect(violations).toEqual([]);
			});
		}
	}
}

test.describe('the theme toggle', () => {
	test('remembers the reader’s choice across pages, without a flash of the other theme', async ({ page, problems }) => {
		void problems;
		await page.emulateMedia({ colorScheme: 'light' });
		await page.goto('/');
		const toggle = page.getByRole('button', { name: 'Dark theme' });
		await expect(toggle).toHaveAttribute('aria-pressed', 'false');
		await toggle.click();
		await expect(toggle).toHaveAttribute('aria-pressed', 'true');
		expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('dark');
		// On the next page the theme is set by the time the body is parsed: before the first paint.
		await page.addInitScript(() => {
			document.addEventListener('readystatechange', () => {
				if (document.readyState === 'interactive')
					(window as unknown as { themeAtParse: string | null }).themeAtParse = document.documentElement.getAttribute('data-theme');
			});
		});
		await page.goto('/about/');
		expect(await page.evaluate(() => (window as unknown as { themeAtParse: string | null }).themeAtParse)).toBe('dark');
		await page.getByRole('button', { name: 'Dark theme' }).click();
		await page.goto('/');
		expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('light');
	});

	test('the phone menu folds the navigation and opens it', async ({ page, problems }) => {
		void problems;
		await page.setViewportSize({ width: 360, height: 800 });
		await page.goto('/');
		const nav = page.getByRole('navigation', { name: 'Main' });
		await expect(nav).toBeHidden();
		const menu = page.getByRole('button', { name: 'Menu' });
		await menu.click();
		await expect(menu).toHaveAttribute('aria-expanded', 'true');
		await expect(nav.getByRole('link', { name: 'Check your stack' })).toBeVisible();
		const header = await page.locator('.site-header').boundingBox();
		await menu.click();
		await expect(nav).toBeHidden();
		const folded = await page.locator('.site-header').boundingBox();
		expect(folded!.height).toBeLessThan(header!.height);
		expect(folded!.height).toBeLessThanOrEqual(140);
	});
});

test.describe('tool pages answer first', () => {
	test('the verdict and the policy with its copy button come before the evidence, a few Tab presses in', async ({ page, problems }) => {
		void problems;
		await page.setViewportSize({ width: 1280, height: 800 });
		await page.goto(PAGES.tool!.path);
		const copy = page.getByRole('button', { name: /^Copy Intercept YAML/ });
		await expect(copy).toBeVisible();
		const policyTop = (await page.locator('#policy').boundingBox())!.y;
		expect(policyTop, 'the policy heading is in the first screen').toBeLessThan(800);
		expect(policyTop).toBeLessThan((await page.locator('#signals').boundingBox())!.y);
		expect(policyTop).toBeLessThan((await page.locator('#what').boundingBox())!.y);
		// The on-this-page list beside the text, each entry a section of the page.
		const toc = page.getByRole('navigation', { name: 'On this page' });
		await expect(toc).toBeVisible();
		for (const href of await toc.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!))) {
			await expect(page.locator(href)).toHaveCount(1);
		}
		// From the top of the page (the header's links come first: 22 presses before the page led with the answer) ...
		const pressesTo = async (start: () => Promise<void>) => {
			await start();
			let presses = 0;
			while (presses < 40 && !(await copy.evaluate((el) => el === document.activeElement))) {
				await page.keyboard.press('Tab');
				presses++;
			}
			return presses;
		};
		expect(await pressesTo(() => page.locator('body').focus()), 'Tab presses from the top to the copy button').toBeLessThanOrEqual(17);
		// ... and after the skip link: the crumbs, the server, the category and level, the tab, then Copy.
		const afterSkip = await pressesTo(async () => {
			await page.goto(PAGES.tool!.path); // start again from the top of a fresh page
			await page.keyboard.press('Tab');
			await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
			await page.keyboard.press('Enter');
		});
		expect(afterSkip, 'Tab presses from the skip link to the copy button').toBeLessThanOrEqual(7);
	});

	test('on a phone a jump link leads to the list', async ({ page, problems }) => {
		void problems;
		await page.setViewportSize({ width: 360, height: 800 });
		await page.goto(PAGES.tool!.path);
		await page.getByRole('link', { name: 'On this page' }).click();
		await expect(page).toHaveURL(/#toc$/);
		await expect(page.getByRole('navigation', { name: 'On this page' })).toBeInViewport();
	});

	test('a Markdown description shows its structure and nothing it smuggles acts', async ({ page, problems }) => {
		void problems;
		await page.goto(PAGES['hostile tool (Markdown)']!.path);
		const d = page.locator('.description');
		await expect(d.locator('strong').first()).toHaveText('Purpose:');
		await expect(d.locator(':scope > ul > li')).toHaveCount(2);
		await expect(d.locator(':scope > ul > li > ul > li')).toHaveCount(1);
		await expect(d.locator(':scope > ol > li')).toHaveCount(2);
		await expect(d.locator('pre code')).toHaveText('</pre><script>alert(65)</script>');
		await expect(d).toContainText('<img src=x onerror=alert(63)>');
		await expect(d).toContainText('[click](javascript:alert(61))');
		await expect(d).toContainText('**unclosed');
		const hrefs = await d.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
		expect(hrefs.length).toBeGreaterThan(0);
		for (const href of hrefs) expect(href).toMatch(/^https:\/\/example\.com\//);
		await expect(d.locator('script, img, iframe')).toHaveCount(0);
		await expect(d.locator('.hidden-char').first()).toHaveText('U+202E');
		// The labelled link shows where it goes.
		await expect(d.locator('.link-host').first()).toHaveText(' (example.com)');
	});
});
