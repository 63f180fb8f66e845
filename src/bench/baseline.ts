/**
 * The benchmark's baseline (scripts/bench.ts): a bare Astro project with one minimal page per tool and
 * two highlighted snippets (JSON schema, YAML policy), built in the same run so the site's cost is a
 * ratio, not a machine-dependent number.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerFile } from '../lib/content/server.ts';

/** The page every tool gets in the baseline. */
const PAGE = `---
import { Code } from 'astro:components';
import { getCollection } from 'astro:content';
export async function getStaticPaths() {
	return (await getCollection('tools')).map((t) => ({ params: { id: t.id }, props: { tool: t.data } }));
}
const { tool } = Astro.props;
---
<html lang="en"><head><meta charset="utf-8" /><title>{tool.name}</title></head>
<body><h1>{tool.name}</h1><p>{tool.description}</p>
<Code code={tool.schema} lang="json" theme="github-light-high-contrast" />
<Code code={tool.policy} lang="yaml" theme="github-light-high-contrast" />
</body></html>
`;

/** The baseline's data: one record per tool, with its schema and a small policy as text. */
export function baselineTools(
	servers: readonly ServerFile[],
): { id: string; name: string; description: string; schema: string; policy: string }[] {
	return servers.flatMap((s) =>
		s.tools.map((t, i) => ({
			id: `${s.slug}--${i}`,
			name: t.definition.name,
			description: t.definition.description ?? '',
			schema: JSON.stringify(t.definition.inputSchema ?? {}, null, 2),
			policy: `version: "1"\ndescription: "${s.slug}"\ntools:\n  ${JSON.stringify(t.definition.name)}:\n    rules:\n      - name: "rate limit"\n        rate_limit: "30/minute"\n`,
		})),
	);
}

/** Writes the baseline project into `dir` (which `clear` first moves out of the way), using `root`'s node_modules. */
export function writeBaseline(dir: string, servers: readonly ServerFile[], root: string, clear: (dir: string) => void): void {
	clear(dir);
	mkdirSync(join(dir, 'src/pages/tools'), { recursive: true });
	mkdirSync(join(dir, 'data'), { recursive: true });
	symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
	writeFileSync(join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
	writeFileSync(
		join(dir, 'astro.config.mjs'),
		"import { defineConfig } from 'astro/config';\nexport default defineConfig({ build: { format: 'directory' }, devToolbar: { enabled: false } });\n",
	);
	writeFileSync(
		join(dir, 'src/content.config.ts'),
		"import { defineCollection } from 'astro:content';\nimport { file } from 'astro/loaders';\nexport const collections = { tools: defineCollection({ loader: file('data/tools.json') }) };\n",
	);
	writeFileSync(join(dir, 'src/pages/tools/[id].astro'), PAGE);
	writeFileSync(join(dir, 'data/tools.json'), JSON.stringify(baselineTools(servers)));
}

/** The baseline's rendering time from its log: Astro prints "Completed in 812ms", "in 21.37s" or "in 1m 59s". */
export function baselineRenderMs(log: string): number | undefined {
	const m = /generating static routes[\s\S]*?Completed in (?:(\d+)m )?([\d.]+)(m?s)/.exec(log);
	return m ? Number(m[1] ?? 0) * 60_000 + Number(m[2]) * (m[3] === 's' ? 1000 : 1) : undefined;
}
