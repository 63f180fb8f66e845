/**
 * Unit tests only. `tests/e2e` holds Playwright specs, which import `@playwright/test` and would fail
 * (or start browsers) under vitest, so the include list names the unit folder and nothing else.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		// Some tests spawn Node (the CLIs, fake MCP servers, sandboxed scans); a cold start on a busy machine can take many seconds.
		testTimeout: 60_000,
		hookTimeout: 60_000,
	},
});
