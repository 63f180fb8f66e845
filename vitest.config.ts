/**
 * Unit tests only. `tests/e2e` holds Playwright specs, which import `@playwright/test` and would fail
 * (or start browsers) under vitest, so the include list names the unit folder and nothing else.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		// Some tests spawn Node (the CLIs, fake MCP servers); a cold start on a busy machine can take seconds.
		testTimeout: 20_000,
		hookTimeout: 20_000,
	},
});
