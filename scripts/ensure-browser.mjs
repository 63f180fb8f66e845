#!/usr/bin/env node
// Makes sure a Chromium exists for the browser tests. Playwright cannot download its own browser on
// this project's machines, so: use CHROMIUM_PATH or Debian's /usr/bin/chromium when present; else a
// browser Playwright already installed; else, as root with apt-get, install Debian's chromium.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function systemChromium() {
	for (const p of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) if (p && existsSync(p)) return p;
	return undefined;
}

async function playwrightChromium() {
	try {
		const { chromium } = await import('@playwright/test');
		const path = chromium.executablePath();
		return path && existsSync(path) ? path : undefined;
	} catch {
		return undefined;
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	// Takes no options; --help answers in one line (this script stays plain JavaScript like its callers).
	const [arg] = process.argv.slice(2);
	if (arg === '--help' || arg === '-h') {
		console.log(
			"usage: node scripts/ensure-browser.mjs   finds a Chromium for the browser tests, installing Debian's with apt-get as root if none",
		);
		process.exit(0);
	}
	if (arg !== undefined) {
		console.error(
			`ensure-browser: ${arg.startsWith('-') ? `unknown option ${arg}` : `unexpected argument ${JSON.stringify(arg)}`}\nRun with --help for usage.`,
		);
		process.exit(2);
	}
	let found = systemChromium() ?? (await playwrightChromium());
	if (!found && process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
		console.log('ensure-browser: no Chromium found; installing Debian chromium with apt-get');
		execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
		execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
			stdio: 'inherit',
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		});
		found = systemChromium();
	}
	if (!found) {
		console.error(
			'ensure-browser: no Chromium. Install Debian/Ubuntu `chromium`, set CHROMIUM_PATH, or run `npx playwright install chromium` where downloads work.',
		);
		process.exit(1);
	}
	console.log(`ensure-browser: using ${found}`);
}
