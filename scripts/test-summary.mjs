#!/usr/bin/env node
// Prints one closing line, "N passed, N failed", from the JSON reports vitest and Playwright write
// to test-results/. Missing reports count as nothing run (and say so).
import { existsSync, readFileSync } from 'node:fs';

// Runs on the system Node in CI (.ci/run), so it cannot share scripts/lib/cli.ts; it takes no options.
const [arg] = process.argv.slice(2);
if (arg === '--help' || arg === '-h') {
	console.log('usage: node scripts/test-summary.mjs   prints "N passed, N failed, N skipped" from the reports in test-results/');
	process.exit(0);
}
if (arg !== undefined) {
	console.error(
		`test-summary: ${arg.startsWith('-') ? `unknown option ${arg}` : `unexpected argument ${JSON.stringify(arg)}`}\nRun with --help for usage.`,
	);
	process.exit(2);
}

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];

const vitest = 'test-results/vitest.json';
if (existsSync(vitest)) {
	const r = JSON.parse(readFileSync(vitest, 'utf8'));
	passed += r.numPassedTests ?? 0;
	failed += r.numFailedTests ?? 0;
	skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
} else missing.push('unit');

const playwright = 'test-results/playwright.json';
if (existsSync(playwright)) {
	const s = JSON.parse(readFileSync(playwright, 'utf8')).stats ?? {};
	passed += (s.expected ?? 0) + (s.flaky ?? 0);
	failed += s.unexpected ?? 0;
	skipped += s.skipped ?? 0;
} else missing.push('browser');

if (missing.length > 0) console.log(`tests: no report from the ${missing.join(' and ')} tests`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
