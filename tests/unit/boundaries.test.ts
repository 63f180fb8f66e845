/**
 * The import boundaries (src/verify/boundaries.ts, CONTRIBUTING.md "Layers") hold over the whole tree,
 * and each rule fails on a planted violation.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkBoundaries, importsOf, stageOf, STAGES } from '../../src/verify/boundaries.ts';

function tree(): Map<string, string> {
	const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'src', 'scripts', 'astro.config.mjs'], {
		encoding: 'utf8',
	});
	const files = new Map<string, string>();
	for (const f of listed.split('\n')) {
		if (!/\.(ts|mjs|astro)$/.test(f)) continue;
		try {
			files.set(f, readFileSync(f, 'utf8'));
		} catch {
			// deleted in the working tree
		}
	}
	return files;
}

describe('the code base', () => {
	const files = tree();

	it('keeps every boundary', () => {
		expect(checkBoundaries(files).map((v) => `${v.file}:${v.line} [${v.rule}] ${v.message}`)).toEqual([]);
	});

	it('puts every source file in a stage', () => {
		const unstaged = [...files.keys()].filter((f) => !stageOf(f));
		expect(unstaged).toEqual([]);
	});
});

describe('reading imports', () => {
	const exists = (p: string) => ['src/lib/a.ts', 'src/lib/b.ts'].includes(p);
	it.each([
		{ src: "import { a } from './a.ts';", typeOnly: false, dynamic: false },
		{ src: "import type { A } from './a.ts';", typeOnly: true, dynamic: false },
		{ src: "import { type A, type B } from './a.ts';", typeOnly: true, dynamic: false },
		{ src: "import { type A, b } from './a.ts';", typeOnly: false, dynamic: false },
		{ src: "export { a } from './a.ts';", typeOnly: false, dynamic: false },
		{ src: "import './a.ts';", typeOnly: false, dynamic: false },
		{ src: "const m = await import('./a.ts');", typeOnly: false, dynamic: true },
		{ src: "type M = typeof import('./a.ts');", typeOnly: true, dynamic: true },
	])('$src', ({ src, typeOnly, dynamic }) => {
		const [imp] = importsOf('src/lib/b.ts', src, exists);
		expect(imp).toMatchObject({ target: 'src/lib/a.ts', typeOnly, dynamic });
	});
});

describe('a planted violation fails', () => {
	const base = (): Map<string, string> =>
		new Map([
			['src/lib/taxonomy.ts', "import { z } from 'zod';\nexport const A = 1;"],
			['src/lib/content/server.ts', "import { A } from '../taxonomy.ts';\nexport const S = A;"],
			['src/lib/judge/classify.ts', "import { rule } from './rules/signals/r.ts';\nexport const C = rule;"],
			['src/lib/judge/rules/signals/r.ts', 'export const rule = 1;'],
			['src/lib/present/page.ts', "import { S } from '../content/server.ts';\nexport const P = S;"],
			['src/lib/stack/match.ts', 'export const M = 1;'],
			[
				'src/components/Box.client.ts',
				"import { M } from '../lib/stack/match.ts';\nimport type { P } from '../lib/present/page.ts';\nexport const B: typeof P = M;",
			],
			['src/ingest/scan.ts', "import { S } from '../lib/content/server.ts';\nexport const X = S;"],
		]);

	it('passes the clean tree', () => expect(checkBoundaries(base())).toEqual([]));

	it.each([
		{ rule: 'pipeline', file: 'src/lib/content/server.ts', add: "import { P } from '../present/page.ts';" },
		{ rule: 'astro', file: 'src/lib/present/page.ts', add: "import { getCollection } from 'astro:content';" },
		{ rule: 'ingest', file: 'src/ingest/scan.ts', add: "import { C } from '../lib/judge/classify.ts';" },
		{ rule: 'rules', file: 'src/lib/present/page.ts', add: "import { rule } from '../judge/rules/signals/r.ts';" },
		{ rule: 'browser', file: 'src/lib/stack/match.ts', add: "import { z } from 'zod';" },
		{ rule: 'browser', file: 'src/components/Box.client.ts', add: "import { P } from '../lib/present/page.ts';" },
		{ rule: 'browser', file: 'src/components/Box.client.ts', add: "const c = await import('../lib/judge/classify.ts');" },
		{ rule: 'circle', file: 'src/lib/judge/rules/signals/r.ts', add: "import { C } from '../../classify.ts';" },
	])('$rule: $add in $file', ({ rule, file, add }) => {
		const files = base();
		files.set(file, `${add}\n${files.get(file)}`);
		expect(checkBoundaries(files).map((v) => v.rule)).toContain(rule);
	});

	it('allows zod loaded on first use by browser code', () => {
		const files = base();
		files.set('src/components/Box.client.ts', `const z = await import('zod');\n${files.get('src/components/Box.client.ts')}`);
		expect(checkBoundaries(files)).toEqual([]);
	});

	it('ranks the stages from the foundations up', () => {
		expect(STAGES.map((s) => s.rank)).toEqual([...STAGES.map((s) => s.rank)].sort((a, b) => a - b));
	});
});
