import { readFileSync } from 'node:fs';
import { expect, test, type Page } from './fixtures.ts';

/**
 * Text that cannot lie (issue 20): the hostile site's invisible-server and invisible-attack
 * (tests/fixtures/hostile/generate-invisible.mjs, tests/fixtures/hostile-attacks/invisible-attack.mdx)
 * put right-to-left overrides, isolates, zero-width characters, a soft hyphen, tag characters and
 * smuggling variation selectors into every field a page shows. Every page shows each as a `U+…` marker
 * and holds none raw, in text, attributes and `<title>`; policies write them as escapes that decode
 * to the exact tool name; the composer still composes for the exact name.
 */
const HOSTILE = process.env['TOOLRISK_HOSTILE_URL'] ?? 'http://127.0.0.1:4323';
const RAW = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF\uFE00-\uFE0F]|[\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}]/u;
const server = JSON.parse(readFileSync('tests/fixtures/hostile-servers/invisible-server.json', 'utf8')) as {
	tools: { definition: { name: string } }[];
};

async function expectNoRaw(page: Page): Promise<void> {
	const html = await page.content();
	const at = RAW.exec(html);
	expect(at && html.slice(Math.max(0, at.index - 60), at.index + 20), `a raw invisible character on ${page.url()}`).toBeNull();
	expect(await page.title()).not.toMatch(RAW);
}

test.describe('invisible and bidirectional characters', () => {
	test('the server page shows each as a marker: name, description, sources, notes, tools, policy', async ({ page, problems }) => {
		void problems;
		await page.goto(`${HOSTILE}/servers/invisible-server/`);
		await expectNoRaw(page);
		await expect(page.locator('h1 .hidden-char').first()).toHaveText('U+200B');
		expect(await page.title()).toContain('U+202E');
		await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /U\+202E/);
		await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', /U\+202E/);
		const main = page.locator('main');
		for (const shown of ['desreverU+202C', 'eltitU+202C', 'setonU+202C', 'deleteU+202E_all_files']) await expect(main).toContainText(shown);
		// The whole-server policy writes the character as an escape of the exact name.
		await expect(main.locator('#policy-section pre').first()).toContainText('delete\\u202E_all_files');
	});

	test('tool pages, the attack page, the attack list and listings hold none raw', async ({ page, problems }) => {
		void problems;
		const paths = [
			'/tools/invisible-server/run_command/',
			'/attacks/invisible-attack/',
			'/attacks/',
			'/categories/execute/',
			'/risk/critical/',
			'/signals/hidden-text/',
			'/servers/',
		];
		for (const tool of await page.request.get(`${HOSTILE}/servers/invisible-server/`).then(async (r) => {
			const html = await r.text();
			return [...html.matchAll(/href="(\/tools\/invisible-server\/[^"]+\/)"/g)].map((m) => m[1]!);
		}))
			paths.push(tool);
		for (const path of new Set(paths)) {
			await page.goto(`${HOSTILE}${path}`);
			await expectNoRaw(page);
		}
		await page.goto(`${HOSTILE}/attacks/invisible-attack/`);
		expect(await page.title()).toContain('U+202E');
		await expect(page.locator('main')).toContainText('desreverU+202C');
	});

	test('the composer still composes a policy for the exact tool name', async ({ page, problems }) => {
		void problems;
		await page.goto(`${HOSTILE}/servers/invisible-server/`);
		const open = page.getByRole('button', { name: 'Open the policy composer' });
		if ((await open.count()) === 0) test.skip(true, 'no composer on this page');
		await open.click();
		await page.getByRole('radio', { name: 'PolicyLayer JSON' }).check();
		const preview = page.locator('.composer-preview');
		await expect(preview).toContainText('\\u');
		const json = JSON.parse((await preview.textContent()) ?? '{}') as { tools?: Record<string, unknown> };
		const names = server.tools.map((t) => t.definition.name);
		for (const name of Object.keys(json.tools ?? {})) expect(names).toContain(name);
		await expectNoRaw(page);
	});
});

test('the stack checker echoes pasted names and commands with markers, never raw', async ({ page, problems }) => {
	void problems;
	await page.goto('/check/');
	const config = JSON.stringify({ mcpServers: { ['mail\u202Erevres']: { command: 'npx', args: ['-y', 'some\u200Bthing-mcp'] } } });
	await page.getByLabel(/MCP client configuration/).fill(config);
	await page.getByRole('button', { name: 'Check' }).click();
	const results = page.locator('#stack-results');
	await expect(results).toContainText('U+202E', { timeout: 20_000 });
	await expect(results.locator('.hidden-char').first()).toBeVisible();
	expect(await results.innerText()).not.toMatch(RAW);
});
