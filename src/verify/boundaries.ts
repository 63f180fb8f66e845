/**
 * The import boundaries of the code base, checked from the source text (see CONTRIBUTING.md, "Layers").
 *
 * - **Down the pipeline.** Every file belongs to a stage with a rank; a file may import files of its
 *   own stage and of lower ranks, never higher (`STAGES`). The library never reaches into the build,
 *   the scanner, the components or the pages.
 * - **The scanner stays small.** `src/ingest` imports only the foundations and the content format.
 * - **No Astro in the library.** Nothing under `src/lib` or `src/ingest` imports `astro` or `astro:*`.
 * - **Rules are plug-ins.** Only the rule registry and the classifier import rule modules (and rule
 *   modules each other's helpers).
 * - **The browser stays light.** Code that loads with a page (the `*.client.ts` scripts and everything
 *   they import statically) imports no zod and nothing of the classifier; code loaded on first use
 *   (a dynamic `import()`) may bring zod, never the classifier.
 * - **No circles.** No file reaches itself through its imports (type-only imports included).
 */
import { posix } from 'node:path';

export interface Import {
	/** The specifier as written. */
	spec: string;
	/** The repository path it resolves to, for relative specifiers; undefined for packages. */
	target: string | undefined;
	/** `import type`, `export type`, or every named specifier marked `type`. */
	typeOnly: boolean;
	/** `import('…')`: loaded on first use, not with the module. */
	dynamic: boolean;
	line: number;
}

/** A stage of the pipeline: files whose path starts with one of `prefixes`, and its rank (lower is further down). */
interface Stage {
	name: string;
	prefixes: readonly string[];
	rank: number;
}

/** The stages, from the foundations up. A file may import its own stage and any stage of lower rank. */
export const STAGES: readonly Stage[] = [
	{ name: 'foundations', prefixes: ['src/lib/text/', 'src/lib/taxonomy.ts'], rank: 0 },
	{ name: 'content format', prefixes: ['src/lib/content/'], rank: 1 },
	{ name: 'judge', prefixes: ['src/lib/judge/'], rank: 2 },
	{ name: 'policy', prefixes: ['src/lib/policy/'], rank: 3 },
	{ name: 'stack checker core', prefixes: ['src/lib/stack/'], rank: 3 },
	{ name: 'catalogue', prefixes: ['src/lib/catalogue.ts'], rank: 4 },
	{ name: 'presentation and exports', prefixes: ['src/lib/present/', 'src/lib/exports/'], rank: 5 },
	{ name: 'ingest', prefixes: ['src/ingest/'], rank: 5 },
	{ name: 'build', prefixes: ['src/build/', 'src/bench/', 'src/verify/'], rank: 6 },
	{ name: 'components', prefixes: ['src/components/', 'src/layouts/', 'src/styles/'], rank: 7 },
	{ name: 'pages', prefixes: ['src/pages/', 'src/middleware.ts', 'src/content.config.ts', 'src/env.d.ts', 'astro.config.mjs'], rank: 8 },
	{ name: 'command line', prefixes: ['scripts/'], rank: 9 },
];

/** What `src/ingest` may import besides itself: the foundations and the content format. */
const INGEST_MAY_IMPORT = ['src/lib/text/', 'src/lib/taxonomy.ts', 'src/lib/content/'];

/** The only modules outside `judge/rules/` that may import a rule module. */
const RULE_IMPORTERS = ['src/lib/judge/registry.ts', 'src/lib/judge/classify.ts'];

const RULES = 'src/lib/judge/rules/';
const JUDGE = 'src/lib/judge/';

export function stageOf(path: string): Stage | undefined {
	return STAGES.find((s) => s.prefixes.some((p) => (p.endsWith('/') ? path.startsWith(p) : path === p)));
}

const EXTENSIONS = ['', '.ts', '.mjs', '.js', '.astro', '/index.ts'];

/** The imports of a source file (TypeScript, JavaScript, or an Astro component's frontmatter and scripts). */
export function importsOf(path: string, text: string, exists: (p: string) => boolean): Import[] {
	const out: Import[] = [];
	const lineOf = (index: number) => text.slice(0, index).split('\n').length;
	const resolve = (spec: string): string | undefined => {
		if (!spec.startsWith('.')) return undefined;
		const base = posix.normalize(posix.join(posix.dirname(path), spec));
		return EXTENSIONS.map((e) => base + e).find(exists) ?? base;
	};
	// Static imports and re-exports: `import … from '…'`, `import '…'`, `export … from '…'`.
	const fromRe = /^[ \t]*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]|^[ \t]*import\s+['"]([^'"]+)['"]/gm;
	for (const m of text.matchAll(fromRe)) {
		const spec = m[4] ?? m[5]!;
		const clause = m[3] ?? '';
		const named = /^\{([^}]*)\}$/.exec(clause.trim());
		const allTypes =
			named !== null &&
			named[1]!
				.split(',')
				.map((s) => s.trim())
				.filter(Boolean)
				.every((s) => s.startsWith('type '));
		out.push({ spec, target: resolve(spec), typeOnly: Boolean(m[2]) || allTypes, dynamic: false, line: lineOf(m.index) });
	}
	// Dynamic imports with a literal specifier; `typeof import('…')` is a type, not a load.
	for (const m of text.matchAll(/(typeof\s+)?\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) {
		out.push({ spec: m[2]!, target: resolve(m[2]!), typeOnly: Boolean(m[1]), dynamic: true, line: lineOf(m.index) });
	}
	return out;
}

export interface Violation {
	file: string;
	line: number;
	rule: 'pipeline' | 'ingest' | 'astro' | 'rules' | 'browser' | 'circle';
	message: string;
}

/** Checks every boundary over a set of files (path → source text). */
export function checkBoundaries(files: ReadonlyMap<string, string>): Violation[] {
	const exists = (p: string) => files.has(p);
	const graph = new Map<string, Import[]>();
	for (const [path, text] of files) graph.set(path, importsOf(path, text, exists));
	const violations: Violation[] = [];

	for (const [file, imports] of graph) {
		const from = stageOf(file);
		for (const imp of imports) {
			const at = { file, line: imp.line };
			if ((file.startsWith('src/lib/') || file.startsWith('src/ingest/')) && /^astro(:|\/|$)/.test(imp.spec)) {
				violations.push({ ...at, rule: 'astro', message: `imports ${imp.spec}: the library and the scanner are framework-free` });
			}
			const target = imp.target;
			if (target === undefined || !files.has(target)) continue;
			const to = stageOf(target);
			if (from && to && to.rank > from.rank) {
				violations.push({
					...at,
					rule: 'pipeline',
					message: `imports ${target} (${to.name}) from ${from.name}: imports point down the pipeline`,
				});
			}
			if (file.startsWith('src/ingest/') && !target.startsWith('src/ingest/') && !INGEST_MAY_IMPORT.some((p) => target.startsWith(p))) {
				violations.push({
					...at,
					rule: 'ingest',
					message: `imports ${target}: the scanner imports only the foundations and the content format`,
				});
			}
			if (target.startsWith(RULES) && !file.startsWith(RULES) && !RULE_IMPORTERS.includes(file) && !file.startsWith('tests/')) {
				violations.push({ ...at, rule: 'rules', message: `imports the rule module ${target}: only the registry and the classifier do` });
			}
		}
	}

	// The browser: entries are the client scripts (and scripts an Astro <script> block imports).
	const entries = [...files.keys()].filter((f) => /\.client\.ts$/.test(f));
	for (const entry of entries) {
		const seen = new Map<string, boolean>(); // file → reached only through a dynamic import
		const queue: { file: string; lazy: boolean; via: string[] }[] = [{ file: entry, lazy: false, via: [entry] }];
		while (queue.length > 0) {
			const { file, lazy, via } = queue.shift()!;
			const before = seen.get(file);
			if (before !== undefined && (before === false || lazy)) continue;
			seen.set(file, lazy);
			for (const imp of graph.get(file) ?? []) {
				if (imp.typeOnly) continue;
				const isLazy = lazy || imp.dynamic;
				if (imp.spec === 'zod' && !isLazy) {
					violations.push({
						file,
						line: imp.line,
						rule: 'browser',
						message: `loads zod with the page (${via.join(' → ')}); load it on first use or not at all`,
					});
				}
				if (imp.target?.startsWith(JUDGE)) {
					violations.push({
						file,
						line: imp.line,
						rule: 'browser',
						message: `brings the classifier (${imp.target}) to the browser (${via.join(' → ')})`,
					});
				}
				if (imp.target && files.has(imp.target)) queue.push({ file: imp.target, lazy: isLazy, via: [...via, imp.target] });
			}
		}
	}

	// Circles: strongly connected components (Tarjan) of more than one file, or a file importing itself.
	let index = 0;
	const indexOf = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const visit = (v: string) => {
		indexOf.set(v, index);
		low.set(v, index);
		index++;
		stack.push(v);
		onStack.add(v);
		for (const imp of graph.get(v) ?? []) {
			const w = imp.target;
			if (!w || !files.has(w)) continue;
			if (!indexOf.has(w)) {
				visit(w);
				low.set(v, Math.min(low.get(v)!, low.get(w)!));
			} else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
		}
		if (low.get(v) === indexOf.get(v)) {
			const component: string[] = [];
			let w: string;
			do {
				w = stack.pop()!;
				onStack.delete(w);
				component.push(w);
			} while (w !== v);
			const selfLoop = (graph.get(v) ?? []).some((i) => i.target === v);
			if (component.length > 1 || selfLoop) {
				const files = component.sort();
				violations.push({ file: files[0]!, line: 1, rule: 'circle', message: `import circle: ${files.join(' ↔ ')}` });
			}
		}
	};
	for (const v of graph.keys()) if (!indexOf.has(v)) visit(v);

	return violations;
}
