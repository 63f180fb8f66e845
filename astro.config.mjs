// @ts-check
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import { exportsIntegration } from './src/build/integrations/exports.ts';
import { pagefindIntegration } from './src/build/integrations/pagefind.ts';
import { timingsIntegration } from './src/build/timings.ts';

export default defineConfig({
	site: process.env.TOOLRISK_SITE ?? 'https://toolrisk.dev',
	// A sharded build (scripts/build.ts) gives each secondary shard its own content data store.
	...(process.env.TOOLRISK_ASTRO_CACHE_DIR ? { cacheDir: process.env.TOOLRISK_ASTRO_CACHE_DIR } : {}),
	trailingSlash: 'ignore',
	// Every page is static HTML with no inline scripts or styles, so the content security policy can forbid them.
	build: { format: 'directory', inlineStylesheets: 'never' },
	// Code blocks in MDX (attack examples) use the same light, high-contrast theme as the policy snippets.
	markdown: { shikiConfig: { theme: 'github-light-high-contrast' } },
	integrations: [mdx(), timingsIntegration(), exportsIntegration(), pagefindIntegration()],
	devToolbar: { enabled: false },
	server: { host: '127.0.0.1', port: 4321 },
	vite: { build: { assetsInlineLimit: 0 } },
});
