import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { expect, test, type Page } from './fixtures.ts';

/**
 * The server page's policy composer and badge: presets, switching a tool off, downloads in both
 * formats (parsed back), the recommended download equal to the static file, no request after the
 * composer has loaded, and the static links without JavaScript.
 */
const SERVER = '/servers/agentmail/';
/** The hostile fixture site (playwright.config.ts serves it on :4323; a local config may move it). */
const HOSTILE = process.env['TOOLRISK_HOSTILE_ORIGIN'] ?? 'http://127.0.0.1:4323';

async function openComposer(page: Page): Promise<void> {
	await page.goto(SERVER);
	await page.getByRole('button', { name: 'Open the policy composer' }).click();
	await expect(page.locator('#composer-form .composer-preview')).toContainText('version');
}

async function downloadText(page: Page): Promise<{ name: string; text: string }> {
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.locator('#composer-form').getByRole('button', { name: 'Download' }).click(),
	]);
	const path = await download.path();
	return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

test.describe('policy composer', () => {
	test('the recommended downloads equal the static files, byte for byte', async ({ page, request, problems }) => {
		void problems;
		await openComposer(page);
		const yaml = await downloadText(page);
		expect(yaml.name).toBe('agentmail.recommended.intercept.yaml');
		expect(yaml.text).toBe(await (await request.get('/servers/agentmail/policies/agentmail.intercept.yaml')).text());
		await page.getByRole('radio', { name: 'PolicyLayer JSON' }).check();
		const json = await downloadText(page);
		expect(json.name).toBe('agentmail.recommended.policylayer.json');
		expect(json.text).toBe(await (await request.get('/servers/agentmail/policies/agentmail.policylayer.json')).text());
	});

	test('strict preset with send_message switched off: hidden in both downloads, and no request after loading', async ({
		page,
		context,
		problems,
	}) => {
		void problems;
		await openComposer(page);
		const requests: string[] = [];
		page.on('request', (r) => {
			if (!r.url().startsWith('blob:')) requests.push(r.url());
		});
		await context.setOffline(true);
		await page.getByRole('radio', { name: 'Strict' }).check();
		await page.getByRole('combobox', { name: 'State of send_message', exact: true }).selectOption('hide');
		await expect(page.locator('#composer-form .composer-preview')).toContainText('strict policy');

		const yaml = await downloadText(page);
		expect(yaml.name).toBe('agentmail.strict.custom.intercept.yaml');
		const intercept = parseYaml(yaml.text) as {
			default: string;
			hide?: string[];
			tools: Record<string, { rules: { rate_limit?: string; action?: string }[] }>;
		};
		expect(intercept.default).toBe('deny');
		expect(intercept.hide).toEqual(['send_message']);
		expect(intercept.tools).not.toHaveProperty('send_message');
		expect(intercept.tools['reply_to_message']?.rules[0]?.rate_limit).toBe('10/minute');
		expect(intercept.tools['delete_inbox']?.rules[0]?.action).toBe('deny');

		await page.getByRole('radio', { name: 'PolicyLayer JSON' }).check();
		const json = await downloadText(page);
		expect(json.name).toBe('agentmail.strict.custom.policylayer.json');
		const pl = JSON.parse(json.text) as { default: string; hide?: string[]; tools: Record<string, { limits?: { max: number }[] }> };
		// PolicyLayer refuses a denied tool by naming it under hide too (render.ts: refusedByName), in listed order.
		expect(pl.hide).toEqual(['delete_inbox', 'send_message']);
		expect(pl.tools).not.toHaveProperty('send_message');
		expect(pl.tools).not.toHaveProperty('delete_inbox');
		expect(pl.tools['reply_to_message']?.limits?.[0]?.max).toBe(10);
		expect(requests).toEqual([]);
		await context.setOffline(false);
	});

	test('the preview follows the choices and the treatment of each tool is shown', async ({ page, problems }) => {
		void problems;
		await openComposer(page);
		const state = page.getByRole('combobox', { name: 'State of send_message', exact: true });
		// send_message sends to recipients the agent chooses: its limit is counted per hour (OUTBOUND_LIMIT).
		const treatment = page.locator('li', { has: state }).locator('.treatment');
		await expect(treatment).toHaveText('20/hour');
		await page.getByRole('radio', { name: 'Permissive' }).check();
		await expect(treatment).toHaveText('60/hour');
		await state.selectOption('hide');
		await expect(treatment).toHaveText('hidden');
		await expect(page.locator('#composer-form .composer-error')).toBeHidden();
	});

	test('the policy code loads only when the composer is opened', async ({ page, problems }) => {
		void problems;
		const scripts: string[] = [];
		page.on('request', (r) => {
			if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
		});
		await page.goto(SERVER);
		await page.waitForLoadState('networkidle');
		expect(scripts.some((s) => /render|preset-model/.test(s))).toBe(false);
		await page.getByRole('button', { name: 'Open the policy composer' }).click();
		await expect(page.locator('#composer-form .composer-preview')).toContainText('version');
		expect(scripts.some((s) => /render/.test(s))).toBe(true);
	});

	test('a server with sub-servers: one policy per sub-server, equal to its static file', async ({ page, request, problems }) => {
		void problems;
		await page.goto('/servers/automagik-tools/');
		await page.getByRole('button', { name: 'Open the policy composer' }).click();
		await page.getByRole('radio', { name: 'genie' }).check();
		await expect(page.locator('#composer-form .composer-file')).toHaveText('genie.recommended.intercept.yaml');
		await expect(page.locator('#composer-form .composer-unit:visible')).toHaveCount(1);
		const yaml = await downloadText(page);
		expect(yaml.text).toBe(await (await request.get('/servers/automagik-tools/policies/genie.intercept.yaml')).text());
	});

	test('a hostile server: tool names appear as text only and every preset still validates', async ({ page, problems }) => {
		void problems;
		await page.goto(`${HOSTILE}/servers/hostile-server/`);
		await page.getByRole('button', { name: 'Open the policy composer' }).click();
		for (const preset of ['Strict', 'Recommended', 'Permissive']) {
			await page.getByRole('radio', { name: preset }).check();
			await expect(page.locator('#composer-form .composer-preview')).toContainText(`${preset.toLowerCase()} policy`);
			await expect(page.locator('#composer-form .composer-error')).toBeHidden();
		}
		for (const select of await page.locator('#composer-form .composer-unit:visible select[name="state"]:enabled').all())
			await select.selectOption('hide');
		await expect(page.locator('#composer-form .composer-preview')).toContainText('hide:');
		await expect(page.locator('#composer-form .composer-error')).toBeHidden();
	});
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });
	test('the composer section offers the static recommended downloads', async ({ page }) => {
		await page.goto(SERVER);
		await expect(page.getByRole('button', { name: 'Open the policy composer' })).toBeHidden();
		await expect(page.locator('#composer-form')).toBeHidden();
		const section = page.locator('#composer-section');
		await expect(section.getByRole('link', { name: 'Intercept YAML' })).toHaveAttribute(
			'href',
			'/servers/agentmail/policies/agentmail.intercept.yaml',
		);
		await expect(section.getByRole('link', { name: 'PolicyLayer JSON' })).toHaveAttribute(
			'href',
			'/servers/agentmail/policies/agentmail.policylayer.json',
		);
	});
});

test.describe('badge', () => {
	test('the server page shows the badge and copies its Markdown snippet', async ({ page, context, problems }) => {
		void problems;
		await context.grantPermissions(['clipboard-read', 'clipboard-write']);
		await page.goto(SERVER);
		const img = page.locator('#badge ~ p img');
		await expect(img).toHaveAttribute('src', '/servers/agentmail/badge.svg');
		expect(await img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0)).toBe(true);
		await page.getByRole('button', { name: 'Copy Markdown' }).click();
		const copied = await page.evaluate(() => navigator.clipboard.readText());
		expect(copied).toMatch(
			/^\[!\[MCP risk of Agentmail\]\(https?:\/\/[^)]+\/servers\/agentmail\/badge\.svg\)\]\(https?:\/\/[^)]+\/servers\/agentmail\/\)$/,
		);
	});

	test('the badge is an SVG image', async ({ request }) => {
		const response = await request.get('/servers/agentmail/badge.svg');
		expect(response.headers()['content-type']).toContain('image/svg+xml');
		expect(await response.text()).toContain('role="img"');
	});
});
