#!/usr/bin/env node
/**
 * bench: build the site at catalogue sizes that matter and report what it costs, against a bare Astro
 * baseline built in the same run (so the result is a ratio, not a machine-dependent number).
 *
 *   npm run bench                                  # 10k, 50k and 250k tools; writes BENCHMARKS.md
 *   npm run bench -- --sizes 10000 --no-search     # one size, skip the browser part
 *   npm run bench -- --sizes 10000,50000 --out BENCHMARKS.md --work .cache/bench
 *   npm run bench -- --sizes 250000 --no-warm --no-baseline --merge   # add a size to the last run's results
 *
 * For each size: generate the catalogue (scripts/synth-catalogue.ts's library: the real servers plus
 * generated ones, one server per ~28 tools as in the largest public catalogue), build it cold with
 * phase timings (content sync, classification, rendering, search indexing), sample the memory of the
 * whole process tree every 200 ms, measure output bytes, files and page weights per page type, rebuild
 * after one server changed (warm), build the baseline (one minimal page per tool with two highlighted
 * snippets), and measure search in headless Chromium on localhost over a fixed query list: bytes and
 * time to first results for the first query and for later ones.
 *
 * Timings on a shared 2-core machine are noisy: compare ratios within one run.
 */
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { cpus, totalmem } from 'node:os';
import { extname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { ServerFile } from '../src/lib/content/server.ts';
import { buildServerFile, parseServerFile, serializeServerFile } from '../src/lib/content/server-file.ts';
import { generateCatalogue } from '../src/bench/synth/generate.ts';
import { profileOf } from '../src/bench/synth/profile.ts';
import {
	assetsOf,
	fmtKB,
	fmtMB,
	fmtS,
	MemoryPeak,
	percentile,
	pageTypeOf,
	readProcesses,
	staticImportsOf,
	table,
	treeOf,
} from '../src/bench/measure.ts';
import { setAside } from '../src/build/set-aside.ts';

const ROOT = resolve(import.meta.dirname, '..');
/** The largest public catalogue: ~220,000 tools on ~9,000 servers (issue 5). */
const TOOLS_PER_SERVER = 250_000 / 9_000;
const QUERIES = ['send', 'delete', 'github', 'file', 'payment', 'query database', 'slack message', 'create issue', 'browser', 'token'];
/** Pages per type whose weight is measured (a deterministic spread; gzip of 250k pages would dominate the run). */
const WEIGHT_SAMPLE = 3000;

const { values } = parseArgs({
	options: {
		sizes: { type: 'string', default: '10000,50000,250000' },
		work: { type: 'string', default: '.cache/bench' },
		out: { type: 'string', default: 'BENCHMARKS.md' },
		seed: { type: 'string', default: 'toolrisk-bench' },
		'no-search': { type: 'boolean', default: false },
		'no-baseline': { type: 'boolean', default: false },
		'no-warm': { type: 'boolean', default: false },
		keep: { type: 'boolean', default: false },
		merge: { type: 'boolean', default: false },
	},
});
const sizes = values.sizes.split(',').map((s) => Number(s.trim()));
if (sizes.some((n) => !Number.isInteger(n) || n < 300))
	throw new Error('--sizes: a comma-separated list of tool counts, each at least 300');
const work = resolve(values.work);
mkdirSync(work, { recursive: true });

interface BuildRun {
	wallMs: number;
	/** Wall time per phase: the slowest shard's. */
	phases: Record<string, number>;
	/** Time per phase added over the shards; absent in results from before sharding. */
	processPhases?: Record<string, number>;
	shards?: number;
	pages: number;
	memory: { treeBytes: number; byCommand: Record<string, number> };
	exitCode: number;
	log: string;
}

/** Runs a command with the project's Node, samples its process tree's memory, and collects timing lines. */
async function run(args: string[], env: Record<string, string>, cwd = ROOT, label = 'build'): Promise<BuildRun> {
	const timings = join(work, `timings-${process.pid}-${Date.now()}.jsonl`);
	const logFile = join(work, `${label}.log`);
	const started = performance.now();
	const child = spawn(process.execPath, [join(ROOT, 'scripts/with-node.mjs'), ...args], {
		cwd,
		env: { ...process.env, ...env, TOOLRISK_TIMINGS: timings, ASTRO_TELEMETRY_DISABLED: '1' },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const peak = new MemoryPeak();
	const sampler = setInterval(() => peak.add(treeOf(child.pid!, readProcesses())), 200);
	let log = '';
	child.stdout.on('data', (d: Buffer) => (log += d.toString()));
	child.stderr.on('data', (d: Buffer) => (log += d.toString()));
	const exitCode: number = await new Promise((done) => child.on('close', (code) => done(code ?? 1)));
	clearInterval(sampler);
	const wallMs = performance.now() - started;
	writeFileSync(logFile, log);
	// Shards (scripts/build.ts) run at once and each records its own phases: a phase takes as long as
	// its slowest shard, and `processPhases` adds the shards up (the time one process would need).
	const byShard = new Map<string, Record<string, number>>();
	let pages = 0;
	if (existsSync(timings)) {
		for (const line of readFileSync(timings, 'utf8').split('\n').filter(Boolean)) {
			const t = JSON.parse(line) as { phase: string; ms: number; pages?: number; shard?: string };
			const own = byShard.get(t.shard ?? '') ?? {};
			own[t.phase] = (own[t.phase] ?? 0) + t.ms;
			byShard.set(t.shard ?? '', own);
			if (t.pages) pages = t.pages;
		}
		rmSync(timings);
	}
	const phases: Record<string, number> = {};
	const processPhases: Record<string, number> = {};
	for (const own of byShard.values()) {
		for (const [phase, ms] of Object.entries(own)) {
			phases[phase] = Math.max(phases[phase] ?? 0, ms);
			processPhases[phase] = (processPhases[phase] ?? 0) + ms;
		}
	}
	const shards = Math.max(1, [...byShard.keys()].filter((k) => k !== '').length);
	// scripts/build.ts prints the merged count last.
	const built = [...log.matchAll(/(\d+) page\(s\) built in/g)].at(-1);
	if (built) pages = Number(built[1]);
	return {
		wallMs,
		phases,
		processPhases,
		shards,
		pages,
		memory: { treeBytes: peak.tree, byCommand: Object.fromEntries(peak.byCommand) },
		exitCode,
		log: logFile,
	};
}

function filesUnder(dir: string): { path: string; size: number }[] {
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((e) => e.isFile())
		.map((e) => {
			const path = join(e.parentPath, e.name);
			return { path, size: statSync(path).size };
		});
}

interface Weights {
	pages: number;
	html: { median: number; p95: number; gzMedian: number; gzP95: number };
	css: { median: number; gz: number };
	js: { median: number; gz: number };
}

/** Page weight per page type: HTML raw and gzip, and the CSS and JS each page loads (with their static imports). */
function pageWeights(dist: string): Record<string, Weights> {
	const byType = new Map<string, string[]>();
	for (const f of filesUnder(dist)) {
		if (!f.path.endsWith('.html') || f.path.includes(`${join(dist, 'pagefind')}`)) continue;
		const url = `/${relative(dist, f.path)}`;
		const type = pageTypeOf(url);
		const list = byType.get(type);
		if (list) list.push(f.path);
		else byType.set(type, [f.path]);
	}
	/** Each asset's own size and, for scripts, the site paths it imports: read and compressed once per run. */
	const assetCache = new Map<string, { raw: number; gz: number; imports: string[] }>();
	const asset = (href: string, seen: Set<string>): { raw: number; gz: number } => {
		const path = join(dist, href.split('?')[0]!);
		if (seen.has(path) || !existsSync(path)) return { raw: 0, gz: 0 };
		seen.add(path);
		let own = assetCache.get(path);
		if (!own) {
			const text = readFileSync(path);
			const imports = path.endsWith('.js')
				? staticImportsOf(text.toString())
						.filter((spec) => spec.startsWith('.') || spec.startsWith('/'))
						.map((spec) => (spec.startsWith('/') ? spec : `/${relative(dist, resolve(join(path, '..'), spec))}`))
				: [];
			own = { raw: text.length, gz: gzipSync(text).length, imports };
			assetCache.set(path, own);
		}
		let raw = own.raw;
		let gz = own.gz;
		for (const next of own.imports) {
			const sub = asset(next, seen);
			raw += sub.raw;
			gz += sub.gz;
		}
		return { raw, gz };
	};
	const out: Record<string, Weights> = {};
	for (const [type, paths] of [...byType].sort()) {
		paths.sort();
		const step = Math.max(1, Math.floor(paths.length / WEIGHT_SAMPLE));
		const sample = paths.filter((_, i) => i % step === 0);
		const html: number[] = [];
		const htmlGz: number[] = [];
		const css: number[] = [];
		const cssGz: number[] = [];
		const js: number[] = [];
		const jsGz: number[] = [];
		for (const p of sample) {
			const text = readFileSync(p);
			html.push(text.length);
			htmlGz.push(gzipSync(text).length);
			const refs = assetsOf(text.toString());
			const seen = new Set<string>();
			const c = refs.css.map((h) => asset(h, seen)).reduce((s, x) => ({ raw: s.raw + x.raw, gz: s.gz + x.gz }), { raw: 0, gz: 0 });
			const j = refs.js.map((h) => asset(h, seen)).reduce((s, x) => ({ raw: s.raw + x.raw, gz: s.gz + x.gz }), { raw: 0, gz: 0 });
			css.push(c.raw);
			cssGz.push(c.gz);
			js.push(j.raw);
			jsGz.push(j.gz);
		}
		out[type] = {
			pages: paths.length,
			html: {
				median: percentile(html, 0.5),
				p95: percentile(html, 0.95),
				gzMedian: percentile(htmlGz, 0.5),
				gzP95: percentile(htmlGz, 0.95),
			},
			css: { median: percentile(css, 0.5), gz: percentile(cssGz, 0.5) },
			js: { median: percentile(js, 0.5), gz: percentile(jsGz, 0.5) },
		};
	}
	return out;
}

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript',
	'.css': 'text/css',
	'.json': 'application/json',
	'.wasm': 'application/wasm',
	'.svg': 'image/svg+xml',
	'.xml': 'application/xml',
};

/** A static file server on loopback that counts the bytes it sends. */
function serve(dist: string): Promise<{ server: Server; port: number; sent: () => number; sentSearch: () => number }> {
	let bytes = 0;
	let search = 0;
	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		let path = join(dist, decodeURIComponent(url.pathname));
		if (!path.startsWith(dist)) return void res.writeHead(403).end();
		if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
		if (!existsSync(path)) return void res.writeHead(404).end();
		const size = statSync(path).size;
		bytes += size;
		if (url.pathname.startsWith('/pagefind/')) search += size;
		res.writeHead(200, {
			'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
			'Content-Length': size,
			'Cache-Control': 'no-cache',
		});
		createReadStream(path).pipe(res);
	});
	return new Promise((done) =>
		server.listen(0, '127.0.0.1', () =>
			done({ server, port: (server.address() as { port: number }).port, sent: () => bytes, sentSearch: () => search }),
		),
	);
}

interface SearchResult {
	/** bytes: everything under /pagefind/ from opening the page to the first results; pageBytes: the page's own HTML, CSS and JS. */
	/** `ms`: to the first results shown; `settledMs`: to the complete first step (absent in results from before results streamed in). */
	first: { bytes: number; ms: number; settledMs?: number; pageBytes: number }[];
	later: { bytes: number; ms: number; settledMs?: number }[];
}

/** Search in headless Chromium: for each query a fresh page (first query), then the other queries in that page (later queries). */
async function measureSearch(dist: string): Promise<SearchResult> {
	const { chromium } = await import('@playwright/test');
	const executablePath = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium'].find((p) => p && existsSync(p));
	const browser = await chromium.launch({
		...(executablePath && { executablePath }),
		args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu'],
	});
	const { server, port, sent, sentSearch } = await serve(dist);
	const result: SearchResult = { first: [], later: [] };
	try {
		for (const [i, q] of QUERIES.entries()) {
			const context = await browser.newContext();
			const page = await context.newPage();
			const before = sent();
			const beforeSearch = sentSearch();
			await page.goto(`http://127.0.0.1:${port}/search/`, { waitUntil: 'networkidle' });
			const pageBytes = sent() - before - (sentSearch() - beforeSearch);
			const timed = async (query: string) => {
				const start = sent();
				// The page shows hits as each document of a step arrives ("Searching… 3 found so far."),
				// then the complete step ("20 results, best first …"): both moments are timed.
				const { ms, settledMs } = await page.evaluate(async (text) => {
					const input = document.getElementById('search-q') as HTMLInputElement;
					const status = document.getElementById('search-status')!;
					const list = document.getElementById('search-results')!;
					const t0 = performance.now();
					let firstMs: number | undefined;
					const done = new Promise<{ ms: number; settledMs: number }>((resolveDone) => {
						const observer = new MutationObserver(() => {
							const said = status.textContent ?? '';
							const none = /No results/.test(said);
							const settled = none || /\d+ results?,/.test(said);
							if (firstMs === undefined && (none || (list.children.length > 0 && (settled || /[1-9]\d* found so far/.test(said)))))
								firstMs = performance.now() - t0;
							if (settled && firstMs !== undefined) {
								observer.disconnect();
								resolveDone({ ms: firstMs, settledMs: performance.now() - t0 });
							}
						});
						observer.observe(status, { childList: true, characterData: true, subtree: true });
					});
					input.value = text;
					(document.getElementById('search-form') as HTMLFormElement).requestSubmit();
					return done;
				}, query);
				await page.waitForLoadState('networkidle');
				return { bytes: sent() - start, ms, settledMs };
			};
			const first = await timed(q);
			result.first.push({ ms: first.ms, settledMs: first.settledMs, bytes: sentSearch() - beforeSearch, pageBytes });
			for (const other of QUERIES.filter((_, j) => j !== i).slice(0, 3)) result.later.push(await timed(other));
			await context.close();
		}
	} finally {
		await browser.close();
		server.close();
	}
	return result;
}

/** The bare Astro baseline: one minimal page per tool with two highlighted snippets (JSON schema, YAML policy). */
function writeBaseline(dir: string, servers: readonly ServerFile[]): void {
	clearLater(dir);
	mkdirSync(join(dir, 'src/pages/tools'), { recursive: true });
	mkdirSync(join(dir, 'data'), { recursive: true });
	symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
	writeFileSync(join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
	writeFileSync(
		join(dir, 'astro.config.mjs'),
		"import { defineConfig } from 'astro/config';\nexport default defineConfig({ build: { format: 'directory' }, devToolbar: { enabled: false } });\n",
	);
	writeFileSync(
		join(dir, 'src/content.config.ts'),
		"import { defineCollection } from 'astro:content';\nimport { file } from 'astro/loaders';\nexport const collections = { tools: defineCollection({ loader: file('data/tools.json') }) };\n",
	);
	writeFileSync(
		join(dir, 'src/pages/tools/[id].astro'),
		`---
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
`,
	);
	const tools = servers.flatMap((s) =>
		s.tools.map((t, i) => ({
			id: `${s.slug}--${i}`,
			name: t.definition.name,
			description: t.definition.description ?? '',
			schema: JSON.stringify(t.definition.inputSchema ?? {}, null, 2),
			policy: `version: "1"\ndescription: "${s.slug}"\ntools:\n  ${JSON.stringify(t.definition.name)}:\n    rules:\n      - name: "rate limit"\n        rate_limit: "30/minute"\n`,
		})),
	);
	writeFileSync(join(dir, 'data/tools.json'), JSON.stringify(tools));
}

interface SizeResult {
	/** The command that measured this size (runs can be merged with --merge). */
	command: string;
	date: string;
	tools: number;
	servers: number;
	generateMs: number;
	cold: BuildRun;
	warm?: BuildRun;
	baseline?: BuildRun;
	output: { bytes: number; files: number };
	weights: Record<string, Weights>;
	search?: SearchResult;
}

const realDir = join(ROOT, 'content/servers');
const real = readdirSync(realDir)
	.filter((n) => n.endsWith('.json') && !n.startsWith('_'))
	.sort()
	.map((n) => parseServerFile(JSON.parse(readFileSync(join(realDir, n), 'utf8')), join(realDir, n)));
const profile = profileOf(real);
const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim();
const resultsFile = join(work, 'results.json');
/** With --merge, the other sizes of earlier runs in the same --work folder are kept and reported too. */
const earlier: SizeResult[] =
	values.merge && existsSync(resultsFile)
		? (JSON.parse(readFileSync(resultsFile, 'utf8')) as SizeResult[]).filter((r) => !sizes.includes(r.tools) && r.command !== undefined)
		: [];
const results: SizeResult[] = [];
/**
 * Folders to delete once every build has run. Deleting many files just before a build makes its file
 * creation slower on a file system that skips recently freed inodes (src/build/set-aside.ts), which
 * would charge one size's clean-up to the next size's build.
 */
const discard: string[] = [];
/** Moves a folder out of the way for deletion at the end; one that cannot be moved is deleted now. */
const clearLater = (dir: string) => {
	const aside = setAside(dir);
	if (aside) discard.push(aside);
	else rmSync(dir, { recursive: true, force: true });
};
const allResults = () => [...earlier, ...results].sort((a, b) => a.tools - b.tools);

for (const size of sizes) {
	const servers = Math.max(real.length + 1, Math.round(size / TOOLS_PER_SERVER));
	const content = join(work, `content-${size}`);
	const dist = join(work, `dist-${size}`);
	console.log(`\n== ${size} tools on ${servers} servers`);
	let started = performance.now();
	clearLater(content);
	mkdirSync(content, { recursive: true });
	const all: ServerFile[] = [...real];
	for (const s of real) writeFileSync(join(content, `${s.slug}.json`), serializeServerFile(s));
	for (const s of generateCatalogue(profile, { servers: servers - real.length, tools: size - profile.source.tools, seed: values.seed })) {
		writeFileSync(join(content, `${s.slug}.json`), serializeServerFile(s));
		all.push(s);
	}
	const generateMs = performance.now() - started;
	console.log(`generated in ${fmtS(generateMs)}`);

	clearLater(dist);
	clearLater(join(ROOT, 'node_modules/.astro'));
	const env = { TOOLRISK_CONTENT_DIR: content };
	const cold = await run(['node', join(ROOT, 'scripts/build.ts'), '--outDir', dist], env, ROOT, `build-${size}-cold`);
	if (cold.exitCode !== 0) throw new Error(`the ${size} build failed; see ${cold.log}`);
	console.log(`cold build ${fmtS(cold.wallMs)}, ${cold.pages} pages, phases ${JSON.stringify(cold.phases)}`);
	const output = filesUnder(dist).reduce((s, f) => ({ bytes: s.bytes + f.size, files: s.files + 1 }), { bytes: 0, files: 0 });
	const weights = pageWeights(dist);
	const search = values['no-search'] ? undefined : await measureSearch(dist);

	let warm: BuildRun | undefined;
	if (!values['no-warm']) {
		// One server changed: the first generated one gets a new description on its first tool.
		const changed = all[real.length]!;
		const tools = changed.tools.map((t, i) =>
			i === 0 ? { ...t, definition: { ...t.definition, description: `${t.definition.description ?? ''} (changed)` } } : t,
		);
		const { toolsHash: _old, ...provenance } = changed.provenance;
		writeFileSync(
			join(content, `${changed.slug}.json`),
			serializeServerFile(buildServerFile({ ...changed, provenance, tools }, `${changed.slug}.json`)),
		);
		warm = await run(['node', join(ROOT, 'scripts/build.ts'), '--outDir', dist], env, ROOT, `build-${size}-warm`);
		console.log(`warm build ${fmtS(warm.wallMs)}, phases ${JSON.stringify(warm.phases)}`);
	}

	let baseline: BuildRun | undefined;
	if (!values['no-baseline']) {
		const dir = join(work, `baseline-${size}`);
		started = performance.now();
		writeBaseline(dir, all);
		baseline = await run(['astro', 'build', '--root', dir], {}, ROOT, `baseline-${size}`);
		if (baseline.exitCode !== 0) throw new Error(`the ${size} baseline build failed; see ${baseline.log}`);
		// Astro prints "Completed in 812ms", "in 21.37s" or "in 1m 59s".
		const m = /generating static routes[\s\S]*?Completed in (?:(\d+)m )?([\d.]+)(m?s)/.exec(readFileSync(baseline.log, 'utf8'));
		if (m) baseline.phases['render'] = Number(m[1] ?? 0) * 60_000 + Number(m[2]) * (m[3] === 's' ? 1000 : 1);
		console.log(`baseline build ${fmtS(baseline.wallMs)}, render ${fmtS(baseline.phases['render'] ?? 0)}`);
		if (!values.keep) discard.push(dir);
	}
	results.push({
		command,
		date: new Date().toISOString().slice(0, 10),
		tools: size,
		servers,
		generateMs,
		cold,
		...(warm && { warm }),
		...(baseline && { baseline }),
		output,
		weights,
		...(search && { search }),
	});
	if (!values.keep) discard.push(content);
	writeFileSync(resultsFile, `${JSON.stringify(allResults(), null, 1)}\n`);
}

for (const dir of discard) rmSync(dir, { recursive: true, force: true });

// ---- report
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const report = allResults();
const lines: string[] = [];
lines.push('# Benchmarks', '');
lines.push(
	`Measured by ${[...new Set(report.map((r) => `\`${r.command}\` (${r.date})`))].join(' and ')} on ${cpus().length} cores (${cpu}), ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}. Catalogues are the real servers in \`content/servers\` plus synthetic ones generated from their measured distributions ` +
		`(\`npm run synth\`), one server per ${TOOLS_PER_SERVER.toFixed(1)} tools. The machine is shared and noisy: read ratios within a run, not absolute times.`,
	'',
);
const perPage = (r: BuildRun | undefined, pages: number) => (r && pages ? (r.phases['render'] ?? 0) / pages : 0);
/** Rendering time added over the shards, per page: what a page costs one process (the baseline is one process). */
const processPerPage = (r: BuildRun | undefined, pages: number) =>
	r && pages ? ((r.processPhases ?? r.phases)['render'] ?? 0) / pages : 0;
lines.push('## Build', '');
lines.push(
	'Rendering runs from the first page asking for the catalogue to the end of static generation, so it includes classification; ms/page is rendering over HTML pages. ' +
		'The JSON twins (one per tool) are written as their pages render (src/build/integrations/exports.ts); their column is the time the build still spent on them after the pages. The search index is built beside the rendering, from the moment the catalogue is ready (src/build/integrations/pagefind.ts); its column gives its whole time and, in brackets, the part the build waited for after the pages. The baseline renders one page per tool with two Shiki blocks; its ms/page is its rendering over its pages. ' +
		"A large catalogue builds in shards, one process per core (scripts/build.ts): phase times are the slowest shard's, ms/page is wall-clock rendering over pages, and process ms/page adds the shards' rendering up, which is what the ratio compares with the one-process baseline.",
	'',
);
lines.push(
	table(
		[
			'tools',
			'pages',
			'shards',
			'total',
			'content sync',
			'classification',
			'rendering',
			'JSON twins',
			'search index',
			'pages/s (render)',
			'ms/page',
			'process ms/page',
			'process ms/page vs first size',
			'baseline ms/page',
			'ratio (process)',
			'peak tree',
			'peak node',
			'peak pagefind',
		],
		report.map((r) => {
			const ms = perPage(r.cold, r.cold.pages);
			const processMs = processPerPage(r.cold, r.cold.pages);
			const first = processPerPage(report[0]!.cold, report[0]!.cold.pages);
			const base = r.baseline ? perPage(r.baseline, r.tools) : 0;
			const mem = r.cold.memory.byCommand;
			return [
				String(r.tools),
				String(r.cold.pages),
				String(r.cold.shards ?? 1),
				fmtS(r.cold.wallMs),
				fmtS(r.cold.phases['content'] ?? 0),
				fmtS(r.cold.phases['classification'] ?? 0),
				fmtS(r.cold.phases['render'] ?? 0),
				fmtS(r.cold.phases['exports'] ?? 0),
				r.cold.phases['search-index-wait'] === undefined
					? fmtS(r.cold.phases['search-index'] ?? 0)
					: `${fmtS(r.cold.phases['search-index'] ?? 0)} (${fmtS(r.cold.phases['search-index-wait'])})`,
				ms ? (1000 / ms).toFixed(0) : '–',
				ms.toFixed(2),
				processMs.toFixed(2),
				first ? (processMs / first).toFixed(2) : '–',
				base ? base.toFixed(2) : '–',
				base ? (processMs / base).toFixed(2) : '–',
				fmtMB(r.cold.memory.treeBytes),
				fmtMB(
					Math.max(
						0,
						...Object.entries(mem)
							.filter(([c]) => c.startsWith('node'))
							.map(([, v]) => v),
					),
				),
				fmtMB(
					Math.max(
						0,
						...Object.entries(mem)
							.filter(([c]) => c.startsWith('pagefind'))
							.map(([, v]) => v),
					),
				),
			];
		}),
	),
	'',
);
if (report.some((r) => r.warm)) {
	lines.push('## Rebuild after one server changed (warm) against cold', '');
	lines.push(
		table(
			['tools', 'phase', 'cold', 'warm', 'warm / cold'],
			report.flatMap((r) =>
				r.warm
					? ['content', 'classification', 'render', 'exports', 'search-index'].map((p) => {
							const c = r.cold.phases[p] ?? 0;
							const w = r.warm!.phases[p] ?? 0;
							return [String(r.tools), p, fmtS(c), fmtS(w), c ? (w / c).toFixed(2) : '–'];
						})
					: [],
			),
		),
		'',
	);
}
lines.push('## Output and page weight', '');
lines.push(
	table(
		['tools', 'output', 'files'],
		report.map((r) => [String(r.tools), fmtMB(r.output.bytes), String(r.output.files)]),
	),
	'',
);
lines.push(
	table(
		['tools', 'page type', 'pages', 'HTML median', 'HTML p95', 'gzip median', 'gzip p95', 'CSS (gzip)', 'JS (gzip)'],
		report.flatMap((r) =>
			Object.entries(r.weights).map(([type, w]) => [
				String(r.tools),
				type,
				String(w.pages),
				fmtKB(w.html.median),
				fmtKB(w.html.p95),
				fmtKB(w.html.gzMedian),
				fmtKB(w.html.gzP95),
				`${fmtKB(w.css.median)} (${fmtKB(w.css.gz)})`,
				`${fmtKB(w.js.median)} (${fmtKB(w.js.gz)})`,
			]),
		),
	),
	'',
);
if (report.some((r) => r.search)) {
	const settled = (xs: readonly { settledMs?: number }[]) =>
		xs.every((x) => x.settledMs !== undefined)
			? percentile(
					xs.map((x) => x.settledMs!),
					0.5,
				).toFixed(0)
			: '–';
	lines.push('## Search (headless Chromium, localhost)', '');
	lines.push(
		`Queries: ${QUERIES.map((q) => `\`${q}\``).join(', ')}. First query: a fresh page and browser context per query; its bytes are everything fetched from \`/pagefind/\` from opening the page to the first results (the page's own HTML, CSS and JS are shown apart). Later queries: three more in the same page. Times run from submitting the query (without focusing the box first, so Pagefind starts loading only then) to the first results shown; results then refine as the rest of the first step\'s eight documents arrive, and "complete" is the time to the whole step.`,
		'',
	);
	lines.push(
		table(
			[
				'tools',
				'page load (median)',
				'first query bytes (median)',
				'first query ms (median)',
				'first query complete ms (median)',
				'later query bytes (median / p95)',
				'later query ms (median)',
				'later query complete ms (median)',
			],
			report
				.filter((r) => r.search)
				.map((r) => {
					const s = r.search!;
					return [
						String(r.tools),
						fmtKB(
							percentile(
								s.first.map((x) => x.pageBytes),
								0.5,
							),
						),
						fmtKB(
							percentile(
								s.first.map((x) => x.bytes),
								0.5,
							),
						),
						percentile(
							s.first.map((x) => x.ms),
							0.5,
						).toFixed(0),
						settled(s.first),
						`${fmtKB(
							percentile(
								s.later.map((x) => x.bytes),
								0.5,
							),
						)} / ${fmtKB(
							percentile(
								s.later.map((x) => x.bytes),
								0.95,
							),
						)}`,
						percentile(
							s.later.map((x) => x.ms),
							0.5,
						).toFixed(0),
						settled(s.later),
					];
				}),
		),
		'',
	);
}
writeFileSync(values.out, `${lines.join('\n')}\n`);
console.log(`\nwrote ${values.out}`);
