import { parse as parseYaml } from 'yaml';
import { expect, test, type Page } from './fixtures.ts';

/**
 * From a server page to a running gateway: the "Run it" commands and client snippets (a stdio server
 * and a remote one), the composer's four states and a deployment parameter reflected in the download,
 * and "try a call" deciding an allowed and a refused call, all with the network cut after load.
 *
 * Runs against any build that catalogues `modelcontextprotocol-filesystem` (npm, stdio), `deepwiki`
 * (remote only) and `mcp-server-kubernetes` (whose recommended policy denies `cleanup`): the real
 * catalogue, or a small site built from those files.
 */
const STDIO = { slug: 'modelcontextprotocol-filesystem', file: 'modelcontextprotocol-filesystem.intercept.yaml' };
const REMOTE = { slug: 'deepwiki', file: 'deepwiki.intercept.yaml' };
const SHOTS = 'test-results/run-it';

interface ClientEntry {
	command: string;
	args: string[];
	type?: string;
}

/** Splits a shell line the way a POSIX shell would for the quoting our commands use (bare words and '…'). */
function shellWords(line: string): string[] {
	const words: string[] = [];
	const re = /'((?:[^']|'\\'')*)'|(\S+)/g;
	for (const m of line.matchAll(re)) words.push(m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]!);
	return words;
}

async function snippets(page: Page, option: number): Promise<Record<string, string>> {
	const out: Record<string, string> = {};
	for (const id of ['claude-desktop', 'claude-code', 'cursor', 'vscode'])
		out[id] = (await page.locator(`#run-${option}-${id}-code`).textContent()) ?? '';
	return out;
}

function checkClients(s: Record<string, string>, file: string, upstream: string[]): void {
	for (const id of ['claude-desktop', 'cursor', 'vscode']) {
		const doc = JSON.parse(s[id]!) as Record<string, Record<string, ClientEntry>>;
		const servers = doc[id === 'vscode' ? 'servers' : 'mcpServers']!;
		const entry = Object.values(servers)[0]!;
		expect(entry.command, id).toBe('npx');
		expect(entry.args.slice(0, 3), id).toEqual(['-y', '@policylayer/intercept', '-c']);
		expect(entry.args[3], id).toMatch(new RegExp(`/\\.intercept/policies/${file.replace(/\./g, '\\.')}$`));
		expect(entry.args.slice(4), id).toEqual(upstream);
		if (id === 'vscode') expect(entry.type).toBe('stdio');
	}
	const words = shellWords(s['claude-code']!);
	expect(words.slice(0, 3)).toEqual(['claude', 'mcp', 'add']);
	const dash = words.indexOf('--');
	expect(words.slice(dash + 1, dash + 5)).toEqual(['npx', '-y', '@policylayer/intercept', '-c']);
	expect(words[dash + 5]).toBe(`~/.intercept/policies/${file}`);
	expect(words.slice(dash + 6)).toEqual(upstream);
}

/** The hostile fixture site (playwright.config.ts serves it on :4323; a local config may move it). */
const HOSTILE = process.env['TOOLRISK_HOSTILE_ORIGIN'] ?? 'http://127.0.0.1:4323';

test.describe('run it', () => {
	test('a hostile server: every snippet still parses and its text stays text', async ({ page, problems }) => {
		void problems;
		await page.goto(`${HOSTILE}/servers/hostile-server/`);
		const options = await page.locator('#run-it-section .run-option').count();
		expect(options).toBeGreaterThan(0);
		for (let i = 0; i < options; i++) {
			for (const id of ['claude-desktop', 'cursor', 'vscode']) JSON.parse((await page.locator(`#run-${i}-${id}-code`).textContent()) ?? '');
			expect(shellWords((await page.locator(`#run-${i}-command`).textContent())!.trim()).slice(0, 3)).toEqual([
				'npx',
				'-y',
				'@policylayer/intercept',
			]);
		}
		await expect(page.locator('#run-it-section script, #run-it-section img')).toHaveCount(0);
	});

	test('a stdio server: the command wraps its launch line and every client snippet parses and names the policy file', async ({
		page,
		context,
		problems,
	}) => {
		void problems;
		// The user path: search, the tool's page, its server's page, Run it, the command.
		await page.goto('/search/?q=write_file');
		// Several servers have a write_file: the reader picks the hit on the server they run.
		const hit = page.locator('#search-results li', { hasText: 'Filesystem (reference server)' }).locator('a', { hasText: 'write_file' });
		await expect(hit).toBeVisible();
		await page.screenshot({ path: `${SHOTS}/1-search.png` });
		await hit.click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('write_file');
		await page
			.getByRole('navigation', { name: 'Breadcrumb' })
			.getByRole('link', { name: /Filesystem/ })
			.click();
		await expect(page).toHaveURL(new RegExp(`/servers/${STDIO.slug}/$`));
		await page.screenshot({ path: `${SHOTS}/2-server-page.png` });
		await context.setOffline(true);
		const section = page.locator('#run-it-section');
		await section.scrollIntoViewIfNeeded();
		await section.screenshot({ path: `${SHOTS}/3-run-it.png` });
		const command = (await page.locator('#run-0-command').textContent())!.trim();
		const words = shellWords(command);
		const launch = ['npx', '-y', expect.stringMatching(/^@modelcontextprotocol\/server-filesystem@/), '/path/to/allowed/dir'];
		expect(words).toEqual(['npx', '-y', '@policylayer/intercept', '-c', `~/.intercept/policies/${STDIO.file}`, '--', ...launch]);
		expect(shellWords((await page.locator('#run-0-validate').textContent())!.trim())).toEqual([
			'npx',
			'-y',
			'@policylayer/intercept',
			'validate',
			'-c',
			`~/.intercept/policies/${STDIO.file}`,
		]);
		const upstream = words.slice(5);
		checkClients(await snippets(page, 0), STDIO.file, upstream);
		await expect(section.getByRole('link', { name: STDIO.file })).toHaveAttribute('href', `/servers/${STDIO.slug}/policies/${STDIO.file}`);
		// The client tabs: each selectable, each with a copy button.
		await section.getByRole('tab', { name: 'VS Code' }).first().click();
		await expect(page.locator('#run-0-vscode-code')).toBeVisible();
		await expect(page.locator('#run-0-vscode').getByRole('button', { name: 'Copy VS Code' })).toBeVisible();
		await page.locator('#run-0-command').screenshot({ path: `${SHOTS}/4-command.png` });
		await context.setOffline(false);
	});

	test('a remote server: Intercept reaches it with --upstream and the snippets parse', async ({ page, problems }) => {
		void problems;
		await page.goto(`/servers/${REMOTE.slug}/`);
		const words = shellWords((await page.locator('#run-0-command').textContent())!.trim());
		expect(words).toEqual([
			'npx',
			'-y',
			'@policylayer/intercept',
			'-c',
			`~/.intercept/policies/${REMOTE.file}`,
			'--upstream',
			'https://mcp.deepwiki.com/mcp',
		]);
		checkClients(await snippets(page, 0), REMOTE.file, ['--upstream', 'https://mcp.deepwiki.com/mcp']);
	});

	test('the whole-server policy is folded and the composer comes before the tool list', async ({ page, problems }) => {
		void problems;
		await page.goto(`/servers/${STDIO.slug}/`);
		await expect(page.locator('details.whole-policy')).not.toHaveAttribute('open');
		const composerTop = await page.locator('#composer-section').evaluate((e) => e.getBoundingClientRect().top);
		const toolsTop = await page.locator('#tools').evaluate((e) => e.getBoundingClientRect().top);
		expect(composerTop).toBeLessThan(toolsTop);
	});
});

async function openComposer(page: Page): Promise<void> {
	await page.goto(`/servers/${STDIO.slug}/`);
	await page.getByRole('button', { name: 'Open the policy composer' }).click();
	await expect(page.locator('#composer-form .composer-preview')).toContainText('version');
}

async function downloadText(page: Page): Promise<{ name: string; text: string }> {
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.locator('#composer-form').getByRole('button', { name: 'Download' }).click(),
	]);
	const { readFileSync } = await import('node:fs');
	return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

type InterceptDoc = {
	hide?: string[];
	tools: Record<
		string,
		{ rules: { name: string; rate_limit?: string; action?: string; on_deny?: string; conditions?: { path: string; value: string }[] }[] }
	>;
};

test.describe('composer with four states', () => {
	test('each state and a root folder reach the download, in both formats', async ({ page, context, problems }) => {
		void problems;
		await openComposer(page);
		await context.setOffline(true);
		const state = (tool: string) => page.getByRole('combobox', { name: `State of ${tool}`, exact: true });
		await state('write_file').selectOption('allow');
		await state('move_file').selectOption('limit');
		await page.getByRole('spinbutton', { name: 'Calls allowed for move_file' }).fill('3');
		await page.getByRole('combobox', { name: 'Per period for move_file' }).selectOption('hour');
		await state('read_text_file').selectOption('deny');
		await state('list_allowed_directories').selectOption('hide');
		await page.getByLabel('Allowed root folder for file paths').fill('/home/me/work');
		await expect(page.locator('#composer-form .composer-preview')).toContainText('/home/me/work');
		await page.locator('#composer-section').screenshot({ path: `${SHOTS}/5-composer.png` });

		const yaml = await downloadText(page);
		expect(yaml.name).toBe('modelcontextprotocol-filesystem.recommended.custom.intercept.yaml');
		const doc = parseYaml(yaml.text) as InterceptDoc;
		expect(doc.hide).toEqual(['list_allowed_directories']);
		expect(doc.tools['write_file']!.rules.some((r) => r.rate_limit)).toBe(false);
		// The root folder confines write_file's path: the rule's pattern admits a file inside it and nothing else.
		const rooted = doc.tools['write_file']!.rules.find((r) => r.name === 'path: inside the allowed root folder');
		expect(rooted?.on_deny).toContain('inside /home/me/work');
		expect(rooted?.conditions?.[0]?.path).toBe('args.path');
		const inside = new RegExp(rooted!.conditions![0]!.value);
		expect(inside.test('/home/me/work/notes.txt')).toBe(true);
		expect(inside.test('/home/me/workshop/notes.txt')).toBe(false);
		expect(inside.test('/etc/passwd')).toBe(false);
		expect(doc.tools['move_file']!.rules[0]!.rate_limit).toBe('3/hour');
		expect(doc.tools['read_text_file']!.rules[0]!.action).toBe('deny');

		await page.getByRole('radio', { name: 'PolicyLayer JSON' }).check();
		const json = await downloadText(page);
		const pl = JSON.parse(json.text) as { hide?: string[]; tools: Record<string, { limits?: { max: number; window: string }[] }> };
		// PolicyLayer refuses a denied tool by naming it under hide, beside the hidden one (render.ts: refusedByName).
		expect([...(pl.hide ?? [])].sort()).toEqual(['list_allowed_directories', 'read_text_file']);
		expect(pl.tools['move_file']!.limits![0]).toMatchObject({ max: 3, window: 'hour' });
		expect(pl.tools).not.toHaveProperty('read_text_file');
		expect(pl.tools['write_file']).toEqual({});
		await context.setOffline(false);
	});

	test('a preset sets the states; a bad rate stops the download', async ({ page, problems }) => {
		void problems;
		await openComposer(page);
		const state = (tool: string) => page.getByRole('combobox', { name: `State of ${tool}`, exact: true });
		const max = (tool: string) => page.getByRole('spinbutton', { name: `Calls allowed for ${tool}` });
		await expect(state('write_file')).toHaveValue('limit');
		await expect(max('write_file')).toHaveValue('30');
		await expect(state('create_directory')).toHaveValue('limit');
		await expect(max('create_directory')).toHaveValue('30');
		await expect(state('read_file')).toHaveValue('allow');
		// A tool set by hand goes back to what the next preset gives it.
		await state('write_file').selectOption('hide');
		await page.getByRole('radio', { name: 'Strict' }).check();
		await expect(state('write_file')).toHaveValue('limit');
		await expect(max('write_file')).toHaveValue('10');
		await expect(max('create_directory')).toHaveValue('10');
		await expect(state('read_file')).toHaveValue('allow');
		await page.getByRole('radio', { name: 'Permissive' }).check();
		await expect(max('create_directory')).toHaveValue('120');
		await max('create_directory').fill('0');
		await expect(page.locator('#composer-form .composer-error')).toContainText('whole number');
		await expect(page.locator('#composer-form').getByRole('button', { name: 'Download' })).toBeDisabled();
	});
});

test.describe('try a call', () => {
	test('in the composer: an allowed and a refused call, each with the deciding rule', async ({ page, context, problems }) => {
		void problems;
		await openComposer(page);
		await context.setOffline(true);
		await page.getByRole('combobox', { name: 'State of write_file', exact: true }).selectOption('allow');
		await page.getByLabel('Allowed root folder for file paths').fill('/home/me/work');
		await page.getByRole('combobox', { name: 'Tool', exact: true }).selectOption({ label: 'write_file' });
		const args = page.getByLabel(/^Arguments/);
		await expect(args).toHaveValue(/"path"/);
		await args.fill('{"path": "/home/me/work/notes.txt", "content": "hi"}');
		await page.getByRole('button', { name: 'Try this call' }).click();
		const result = page.locator('#composer-form .try-result');
		await expect(result).toContainText('Allowed');
		await expect(result).toContainText('"path: inside the allowed root folder"');
		await args.fill('{"path": "/etc/passwd", "content": "x"}');
		await page.getByRole('button', { name: 'Try this call' }).click();
		await expect(result).toContainText('Refused: rule "path: inside the allowed root folder" requires args.path regex');
		// What the agent is told names the folder the reader chose.
		await expect(result).toContainText('must be a path inside /home/me/work');
		await context.setOffline(false);
	});
});

test.describe('try a call on a tool page', () => {
	test('an allowed and a refused call, each with the deciding rule; only the evaluator script is fetched', async ({ page, problems }) => {
		void problems;
		await page.goto(`/tools/${STDIO.slug}/read_file/`);
		await page.waitForLoadState('networkidle');
		const requests: string[] = [];
		page.on('request', (r) => requests.push(new URL(r.url()).pathname));
		const box = page.locator('details.try');
		await box.locator('summary').click();
		const args = box.getByLabel(/^Arguments/);
		await expect(args).toHaveValue(/"path": ""/);
		await args.fill('{"path": "notes/today.md"}');
		await box.getByRole('button', { name: 'Try this call' }).click();
		const result = box.locator('.try-result');
		await expect(result).toContainText('Allowed');
		await expect(result).toContainText('"path: no .. segments"');
		await args.fill('{"path": "../../etc/passwd"}');
		await box.getByRole('button', { name: 'Try this call' }).click();
		await expect(result).toContainText('Refused: rule "path: no .. segments" requires args.path regex');
		await expect(result).toContainText('[INTERCEPT POLICY DENIED]');
		await args.fill('not json');
		await box.getByRole('button', { name: 'Try this call' }).click();
		await expect(result).toContainText('Cannot try it: the arguments are not valid JSON');
		expect(requests.length).toBe(1);
		expect(requests[0]).toMatch(/^\/_astro\/TryCall\.worker-[\w-]+\.js$/);
	});

	test('a denied tool is refused by its deny rule', async ({ page, problems }) => {
		void problems;
		// cleanup cannot be undone: the recommended policy denies it (the filesystem server's tools are all limited or allowed).
		await page.goto('/tools/mcp-server-kubernetes/cleanup/');
		await expect(page.locator('#tool-policy-code-intercept')).toContainText('action: deny');
		await page.locator('details.try summary').click();
		await page.getByRole('button', { name: 'Try this call' }).click();
		await expect(page.locator('details.try .try-result')).toContainText('Refused: rule "deny" denies every call.');
	});
});
