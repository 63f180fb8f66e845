#!/usr/bin/env node
// Prints one closing line, "N passed, N failed", from the JSON reports vitest and Playwright write
// to test-results/. Missing reports count as nothing run (and say so).
import { existsSync, readFileSync } from 'node:fs';

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
