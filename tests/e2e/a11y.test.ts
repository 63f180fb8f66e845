import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixtures.ts';

/**
 * Axe over the built site: every page of a kind that exists a few times (home, about, search, data,
 * check, the attack pages, page 1 of every risk, category and signal listing), a fixed sample of the
 * kinds that grow with the catalogue (one template, many pages: tool pages, server pages, later
 * listing pages), spread evenly over the sorted list with the first and the last, so the sample is the
 * same on every run and the sweep's length does not grow with the catalogue), a few pages in a
 * particular state, and the pages of the hostile fixture site that show its text, which is built to
 * break things. One test per URL.
 */
const SAMPLE = { tools: 40, servers: 16, laterListingPages: 8 } as const;

/** URL paths of every `index.html` under `dist`, outside Pagefind's folder, sorted. */
function pagesIn(dist: string): string[] {
	if (!existsSync(dist)) throw new Error(`${dist} does not exist: build the site first (npm run build, npm run build:hostile)`);
	return readdirSync(dist, { recursive: true, withFileTypes: true })
		.filter((e) => e.isFile() && e.name === 'index.html')
		.map((e) =>
			`/${relative(dist, join(e.parentPath, e.name)).split(sep).slice(0, -1).map(encodeURIComponent).join('/')}/`.replace(/^\/\/$/, '/'),
		)
		.filter((p) => !p.startsWith('/pagefind/'))
		.sort();
}

/** About `size` pages spread evenly over a sorted list, with the first and the last. */
function sample(paths: readonly string[], size: number): string[] {
	const every = Math.max(1, Math.ceil(paths.length / size));
	return paths.filter((_, i) => i % every === 0 || i === paths.length - 1);
}

const site = pagesIn('dist');
const toolPages = site.filter((p) => p.startsWith('/tools/'));
/** Server pages (not the directory's own pages under /servers/all/). */
const serverPages = site.filter((p) => /^\/servers\/(?!all\/)[^/]+\/$/.test(p));
/** Page 2 and on of a paginated listing: /risk/x/2/, /categories/x/3/, /servers/all/2/ ... */
const laterListingPages = site.filter((p) => /^\/(?:risk|categories|signals)\/[^/]+\/\d+\/$|^\/servers\/all\/\d+\/$/.test(p));
const grown = new Set([...toolPages, ...serverPages, ...laterListingPages]);
const hostile = pagesIn('dist-hostile');

async function openComposer(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Open the policy composer' }).click();
	await expect(page.locator('#composer-form .composer-preview')).toContainText('version');
}

/** Pages in a state the file walk cannot reach, with how to get there. */
const SPECIAL: Record<string, { status?: number; ready?: (page: Page) => Promise<void> }> = {
	'/search/?q=send': { ready: (page) => expect(page.locator('#search-results li').first()).toBeVisible() },
	// The server directory filtered (its rows are built by script from the index); its pages, and the
	// risk, category and signal pages, are in the file walk.
	'/servers/?q=reference&risk=low': { ready: (page) => expect(page.locator('#server-results tr').first()).toBeVisible() },
	'/no-such-page/': { status: 404 },
	'/tools/wingman-gateway/send_message/': {},
	// Server pages with the policy composer opened (one server, and one with several sub-servers).
	'/servers/agentmail/?composer=open': { ready: openComposer },
	'/servers/automagik-tools/?composer=open': { ready: openComposer },
	'/check/#result': {
		ready: async (page) => {
			await page.getByRole('button', { name: 'Load example' }).click();
			await page.getByRole('button', { name: 'Check' }).click();
			await expect(page.locator('#stack-trifecta')).toBeVisible();
		},
	},
};

// One page per test and nothing shared between them: let both workers take tests from this file.
test.describe.configure({ mode: 'parallel' });

const PAGES = [
	...new Set([
		...site.filter((p) => !grown.has(p)),
		...sample(toolPages, SAMPLE.tools),
		...sample(serverPages, SAMPLE.servers),
		...sample(laterListingPages, SAMPLE.laterListingPages),
		...Object.keys(SPECIAL),
	]),
];

async function expectNoViolations(page: Page, url: string, status = 200, ready?: (page: Page) => Promise<void>): Promise<void> {
	const response = await page.goto(url);
	expect(response?.status()).toBe(status);
	await ready?.(page);
	// Legacy mode runs axe in the page itself instead of opening a blank page per run to merge results
	// across frames; the site has no frames, and it halves the time of the sweep.
	const results = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
	expect(
		results.violations.map(
			(v) =>
				`${v.id}: ${v.nodes.length} nodes (${v.help}): ${v.nodes
					.map((n) => n.target.join(' '))
					.slice(0, 3)
					.join(', ')}`,
		),
	).toEqual([]);
}

test.describe('accessibility', () => {
	test('the sweep covers the site', () => {
		expect(toolPages.length).toBeGreaterThan(0);
		expect(serverPages.length).toBeGreaterThan(0);
		expect(PAGES.length).toBeGreaterThan(Object.keys(SPECIAL).length);
	});

	for (const path of PAGES) {
		test(`has no axe violations: ${path}`, async ({ page, problems }) => {
			void problems;
			await expectNoViolations(page, path, SPECIAL[path]?.status, SPECIAL[path]?.ready);
		});
	}
});

test.describe('accessibility of the hostile site', () => {
	// The pages that show hostile text: its tool pages, its server page and the server list. (The
	// hostile site's other pages are the main site's templates, swept above.)
	for (const path of hostile.filter((p) => p.startsWith('/tools/hostile-server/') || p.startsWith('/servers/'))) {
		test(`has no axe violations: ${decodeURIComponent(path).slice(0, 80)}`, async ({ page, problems }) => {
			void problems;
			await expectNoViolations(page, `http://127.0.0.1:4323${path}`);
		});
	}
});
