import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { expect, test } from './fixtures.ts';

/**
 * The stack checker hands back the answer: a pasted four-server configuration (two catalogued stdio
 * servers, one catalogued remote server, one unknown) comes back with the three catalogued servers
 * behind Intercept, one policy per server, as one archive or file by file, with the unknown server
 * listed as not judged; offline after the index has loaded, and no secret shown.
 *
 * Needs a build that catalogues modelcontextprotocol-filesystem, modelcontextprotocol-github, deepwiki and
 * mcp-server-kubernetes.
 */
const SECRET = 'ghp_e2eWrapSecret0123456789';
const CONFIG = JSON.stringify(
	{
		mcpServers: {
			files: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/Users/me/Documents'] },
			github: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'], env: { GITHUB_PERSONAL_ACCESS_TOKEN: SECRET } },
			wiki: { type: 'http', url: 'https://mcp.deepwiki.com/mcp' },
			notes: { command: 'npx', args: ['-y', 'some-unknown-mcp'] },
		},
	},
	null,
	2,
);
const SHOTS = 'test-results/run-it';

type Entry = { type?: string; command: string; args: string[]; env?: Record<string, string> };

test('the stack checker wraps a four-server configuration and hands back the policies', async ({ page, context, problems }) => {
	void problems;
	await page.goto('/check/');
	// Load the index once (the same file for everyone), then cut the network: the rest happens in the page.
	await page.getByLabel(/MCP client configuration/).fill('{"mcpServers": {}}');
	await page.getByRole('button', { name: 'Check' }).click();
	await expect(page.locator('#stack-results h2').first()).toBeVisible();
	await page.getByLabel(/MCP client configuration/).fill(CONFIG);
	await page.getByLabel(/Folder for the policy files/).fill('/home/me/.intercept/policies');
	await page.getByRole('button', { name: 'Check' }).click();
	const wrapped = page.locator('section[aria-labelledby="stack-wrapped"]');
	await expect(wrapped.locator('#stack-wrapped-list li')).toHaveCount(3);
	await context.setOffline(true);
	await expect(wrapped).toContainText('“notes”: not in the catalogue');
	await wrapped.screenshot({ path: `${SHOTS}/6-stack-wrapped.png` });

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		wrapped.getByRole('button', { name: 'Download everything (.zip)' }).click(),
	]);
	expect(download.suggestedFilename()).toBe('mcp-behind-intercept.zip');
	const zip = await download.path();
	const list = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).trim().split('\n');
	expect(list.sort()).toEqual(
		[
			'mcp-config.json',
			'policies/deepwiki.intercept.yaml',
			'policies/modelcontextprotocol-filesystem.intercept.yaml',
			'policies/modelcontextprotocol-github.intercept.yaml',
		].sort(),
	);
	const config = JSON.parse(execFileSync('unzip', ['-p', zip, 'mcp-config.json'], { encoding: 'utf8' })) as {
		mcpServers: Record<string, Entry>;
	};
	const head = (file: string) => ['-y', '@policylayer/intercept', '-c', `/home/me/.intercept/policies/${file}`];
	expect(config.mcpServers['files']!.args).toEqual([
		...head('modelcontextprotocol-filesystem.intercept.yaml'),
		'--',
		'npx',
		'-y',
		'@modelcontextprotocol/server-filesystem',
		'/Users/me/Documents',
	]);
	expect(config.mcpServers['github']!.env).toEqual({ GITHUB_PERSONAL_ACCESS_TOKEN: SECRET });
	expect(config.mcpServers['wiki']).toEqual({
		type: 'stdio',
		command: 'npx',
		args: [...head('deepwiki.intercept.yaml'), '--upstream', 'https://mcp.deepwiki.com/mcp'],
	});
	expect(config.mcpServers['notes']).toEqual({ command: 'npx', args: ['-y', 'some-unknown-mcp'] });
	for (const file of list.filter((f) => f.startsWith('policies/'))) {
		const doc = parseYaml(execFileSync('unzip', ['-p', zip, file], { encoding: 'utf8' })) as {
			version: string;
			default: string;
			tools: object;
		};
		expect(doc.version).toBe('1');
		expect(doc.default).toBe('deny');
		// The same policy the server page offers as a file.
		const slug = file.replace(/^policies\//, '').replace(/\.intercept\.yaml$/, '');
		await context.setOffline(false);
		const site = parseYaml(await (await page.request.get(`/servers/${slug}/policies/${slug}.intercept.yaml`)).text()) as { tools: object };
		await context.setOffline(true);
		expect(doc.tools).toEqual(site.tools);
	}

	// One file at a time too.
	const [one] = await Promise.all([
		page.waitForEvent('download'),
		wrapped.getByRole('button', { name: 'Download deepwiki.intercept.yaml' }).click(),
	]);
	expect(one.suggestedFilename()).toBe('deepwiki.intercept.yaml');
	expect(readFileSync(await one.path(), 'utf8')).toContain('default: deny');

	// The secret went into the file, never onto the page.
	expect(await page.locator('#stack-results').innerText()).not.toContain(SECRET);
	await context.setOffline(false);
});

test('advice never repeats what the recommended policy already denies', async ({ page, problems }) => {
	void problems;
	// The four servers above plus one whose recommended policy denies a tool that supplies a leg of the
	// trifecta (mcp-server-kubernetes denies kubectl_create, which reaches out): the leg lists name it, the
	// advice must not.
	const config = JSON.parse(CONFIG) as { mcpServers: Record<string, unknown> };
	config.mcpServers['k8s'] = { command: 'npx', args: ['-y', 'mcp-server-kubernetes'] };
	await page.goto('/check/');
	await page.getByLabel(/MCP client configuration/).fill(JSON.stringify(config, null, 2));
	await page.getByRole('button', { name: 'Check' }).click();
	await expect(page.locator('#stack-wrapped-list li')).toHaveCount(4);
	const hrefs = (selector: string) => page.locator(selector).evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
	const denied = await page
		.locator('#stack-results .stack-entry li', { hasText: /^Denies/ })
		.locator('a')
		.evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
	expect(denied.length).toBeGreaterThan(0);
	const legs = await hrefs('h3[id^="stack-leg-"] + p + ul a');
	// The check below can fail only if a denied tool is one the legs list.
	expect(denied.filter((h) => legs.includes(h)).length).toBeGreaterThan(0);
	await expect(page.locator('#stack-trifecta')).toBeVisible();
	await expect(page.locator('#stack-advice, #stack-broken')).toHaveCount(1);
	const advice = await hrefs('#stack-advice a[href^="/tools/"]');
	for (const tool of denied) expect(advice, tool).not.toContain(tool);
	await expect(page.locator('#stack-results')).not.toContainText('Tools to deny or rate-limit first');
});
