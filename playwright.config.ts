import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

const isCI = Boolean(process.env.CI);
const systemChromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
const preview = (dir: string, port: number) =>
	`node scripts/with-node.mjs npx astro preview --host 127.0.0.1 --port ${port} --ignore-lock${dir === 'dist' ? '' : ` --outDir ${dir}`}`;

/** Browser tests run against the built site (`npm run build` first); a second build holds hostile fixtures. */
export default defineConfig({
	testDir: 'tests/e2e',
	forbidOnly: isCI,
	retries: isCI ? 1 : 0,
	workers: 2,
	reporter: [[isCI ? 'line' : 'list'], ['json', { outputFile: 'test-results/playwright.json' }]],
	outputDir: 'test-results/playwright',
	use: { baseURL: 'http://127.0.0.1:4322', trace: 'retain-on-failure' },
	projects: [
		{
			name: 'chromium',
			use: {
				...devices['Desktop Chrome'],
				// Debian's Chromium where present (Playwright cannot download its own build here).
				...(systemChromium && {
					launchOptions: { executablePath: systemChromium, args: ['--disable-background-networking', '--disable-component-update'] },
				}),
			},
		},
	],
	webServer: [
		{ command: preview('dist', 4322), url: 'http://127.0.0.1:4322/', reuseExistingServer: !isCI, timeout: 60_000 },
		{ command: preview('dist-hostile', 4323), url: 'http://127.0.0.1:4323/', reuseExistingServer: !isCI, timeout: 60_000 },
	],
});
