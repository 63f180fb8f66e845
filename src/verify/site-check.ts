/**
 * The site check (scripts/check-site.ts): checks built sites as a whole, the things no single page test
 * can see. For every folder:
 * - links: every internal `href`, `src`, `action` (...) of every HTML page resolves to a file in the
 *   folder (a directory URL to its `index.html`) and every `#fragment` to an element id on the target
 *   page; external links are not fetched, but must be http(s) or mailto (a `javascript:` link fails);
 * - HTML: every page passes html-validate with the committed `.htmlvalidate.json`, is valid UTF-8 and
 *   holds no character HTML forbids (raw control characters, noncharacters) and no raw invisible or
 *   bidirectional character (zero-width, bidi controls, tag characters, soft hyphen, smuggling variation
 *   selectors: third-party text shows them as visible `U+…` markers), in text, attributes and `<title>`;
 * - metadata: every page carries Open Graph (og:title, og:description, og:type, og:site_name, and
 *   og:url where it has a canonical address) and a Twitter card;
 * - data: every JSON, NDJSON (line by line), YAML and XML (well-formedness: feeds, sitemaps) file parses;
 * - sitemaps: when the build has a sitemap index, its sitemaps list every HTML page (except 404.html)
 *   exactly once and nothing else, each within 50,000 URLs, and robots.txt names the index.
 *
 * Pages are checked by a pool of workers (site-worker.mjs) and only file lists and problems are kept,
 * so the check scales with the site (Pagefind's own files in `pagefind/` are link targets but are not
 * checked). The determinism check is site-determinism.mjs.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { checkDeterminism } from './site-determinism.mjs';
import { TIME_DEPENDENT } from './site-determinism.mjs';
import { fileFor, fragmentNeedsNoTarget, pageIds, scanTags, urlPathOf } from './site-html.mjs';
import { checkSitemaps } from './site-sitemap.mjs';
import { loadConfig } from './site-validate.mjs';
import { walkFiles } from './site-walk.mjs';

/** Files per message to a worker: enough to keep messaging cheap, few enough to share the work evenly. */
const BATCH = 8;

export interface Problem {
	file: string;
	line: number;
	column: number;
	check: string;
	message: string;
}

/** An internal link a worker found, to resolve against the folder's files. */
interface InternalLink {
	url: string;
	attribute: string;
	path: string;
	fragment: string;
	line: number;
	column: number;
}

/** What a worker reports for one file: `internal` is absent for data files. */
interface FileResult {
	file: string;
	problems: Omit<Problem, 'file'>[];
	internal?: InternalLink[];
	urls: number;
	external: number;
}

/** One folder: what was checked and what was found. */
export interface Site {
	dir: string;
	files: Set<string>;
	/** Files sent to the workers: HTML and data files outside pagefind/. */
	tasks: string[];
	siteOrigin: string | undefined;
	pages: number;
	dataFiles: number;
	urls: number;
	external: number;
	internal: number;
	problems: number;
	/** target page → fragment → the first link to it (checked once every page is done). */
	fragments: Map<string, Map<string, { file: string; line: number; column: number; attribute: string; url: string }>>;
}

export interface SiteCheck {
	sites: Site[];
	/** Every problem, sorted by file, line and column. */
	problems: Problem[];
	walkMs: number;
	checkMs: number;
	fragmentsMs: number;
	fragmentTargets: number;
	/** Worker threads used. */
	workers: number;
	totalMs: number;
}

/** The site's own origin, from the home page's canonical link: absolute links to it are internal. */
async function siteOriginOf(dir: string): Promise<string | undefined> {
	let origin: string | undefined;
	try {
		scanTags(await readFile(join(dir, 'index.html'), 'utf8'), (name: string, attributes: Map<string, string>) => {
			if (origin === undefined && name === 'link' && attributes.get('rel') === 'canonical')
				origin = new URL(attributes.get('href') ?? '').origin;
		});
	} catch {
		// No home page or no canonical link: every absolute link is external.
	}
	return origin;
}

/** Checks every folder in `dirs` with up to `jobs` worker threads; `root` holds `.htmlvalidate.json`. */
export async function checkSites(dirs: readonly string[], options: { root: string; jobs: number }): Promise<SiteCheck> {
	const started = performance.now();
	const problems: Problem[] = [];
	const { config, problems: configProblems } = loadConfig(join(options.root, '.htmlvalidate.json'));
	for (const message of configProblems) problems.push({ file: '.htmlvalidate.json', line: 1, column: 1, check: 'config', message });

	const sites: Site[] = [];
	const walkStarted = performance.now();
	for (const dir of dirs) {
		const files = new Set<string>();
		const tasks: string[] = [];
		for await (const file of walkFiles(dir) as AsyncIterable<string>) {
			files.add(file);
			if (file.startsWith('pagefind/')) continue;
			if (/\.(html|json|ndjson|xml|ya?ml)$/.test(file)) tasks.push(file);
		}
		sites.push({
			dir,
			files,
			tasks,
			siteOrigin: await siteOriginOf(dir),
			pages: 0,
			dataFiles: 0,
			urls: 0,
			external: 0,
			internal: 0,
			problems: 0,
			fragments: new Map(),
		});
	}
	const walkMs = performance.now() - walkStarted;

	const report = (site: Site, file: string, problem: Omit<Problem, 'file'>) => {
		problems.push({ file: join(site.dir, file), ...problem });
		site.problems++;
	};

	/** Resolves the internal links a worker found on one page. */
	const handleResult = (site: Site, result: FileResult) => {
		for (const p of result.problems) report(site, result.file, p);
		if (!result.internal) {
			site.dataFiles++;
			return;
		}
		site.pages++;
		site.urls += result.urls;
		site.external += result.external;
		site.internal += result.internal.length;
		for (const link of result.internal) {
			const target: string | undefined = fileFor(link.path, site.files);
			if (target === undefined) {
				report(site, result.file, {
					line: link.line,
					column: link.column,
					check: 'link',
					message: `${link.attribute}="${link.url}": no file in ${site.dir} for ${link.path}`,
				});
				continue;
			}
			if (fragmentNeedsNoTarget(link.fragment) || !target.endsWith('.html')) continue;
			let wanted = site.fragments.get(target);
			if (!wanted) site.fragments.set(target, (wanted = new Map()));
			if (!wanted.has(link.fragment))
				wanted.set(link.fragment, { file: result.file, line: link.line, column: link.column, attribute: link.attribute, url: link.url });
		}
	};

	const batches: { site: Site; message: { dir: string; siteOrigin: string | undefined; files: string[] } }[] = [];
	for (const site of sites) {
		for (let i = 0; i < site.tasks.length; i += BATCH)
			batches.push({ site, message: { dir: site.dir, siteOrigin: site.siteOrigin, files: site.tasks.slice(i, i + BATCH) } });
	}
	const checkStarted = performance.now();
	await runPool(
		batches.length,
		options.jobs,
		config,
		(id) => batches[id]!.message,
		(id, results) => {
			for (const r of results) handleResult(batches[id]!.site, r);
		},
	);
	const checkMs = performance.now() - checkStarted;

	// Fragments into other pages: each target page is read once more, for its ids only.
	const fragmentsStarted = performance.now();
	let fragmentTargets = 0;
	for (const site of sites) {
		for (const [target, wanted] of site.fragments) {
			fragmentTargets++;
			const ids: Set<string> = pageIds(await readFile(join(site.dir, target), 'utf8'));
			for (const [fragment, ref] of wanted) {
				if (!ids.has(fragment))
					report(site, ref.file, {
						line: ref.line,
						column: ref.column,
						check: 'link',
						message: `${ref.attribute}="${ref.url}": no element with id "${fragment}" in ${target}`,
					});
			}
		}
	}
	const fragmentsMs = performance.now() - fragmentsStarted;

	// Sitemaps against the pages actually built.
	for (const site of sites) {
		const found: { file: string; message: string }[] | undefined = await checkSitemaps({
			files: site.files,
			read: (file: string) => readFile(join(site.dir, file), 'utf8'),
			origin: site.siteOrigin,
			urlPathOf,
		});
		for (const p of found ?? []) report(site, p.file, { line: 1, column: 1, check: 'sitemap', message: p.message });
	}

	problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
	return {
		sites,
		problems,
		walkMs,
		checkMs,
		fragmentsMs,
		fragmentTargets,
		workers: Math.min(options.jobs, Math.max(batches.length, 1)),
		totalMs: performance.now() - started,
	};
}

/** Runs `count` batches on a pool of up to `jobs` workers; resolves when all are done. */
function runPool(
	count: number,
	jobs: number,
	htmlValidateConfig: unknown,
	message: (id: number) => object,
	done: (id: number, results: FileResult[]) => void,
): Promise<void> {
	return new Promise((resolve, reject) => {
		if (count === 0) {
			resolve();
			return;
		}
		let next = 0;
		let finished = 0;
		const workers: Worker[] = [];
		const feed = (worker: Worker) => {
			if (next < count) {
				const id = next++;
				worker.postMessage({ id, ...message(id) });
			}
		};
		for (let i = 0; i < Math.min(jobs, count); i++) {
			const worker = new Worker(new URL('./site-worker.mjs', import.meta.url), { workerData: { htmlValidateConfig } });
			worker.on('message', ({ id, results }: { id: number; results: FileResult[] }) => {
				done(id, results);
				finished++;
				if (finished === count) {
					for (const w of workers) void w.terminate();
					resolve();
				} else feed(worker);
			});
			worker.on('error', (error) => {
				for (const w of workers) void w.terminate();
				reject(error);
			});
			workers.push(worker);
			feed(worker);
		}
	});
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const count = (n: number) => n.toLocaleString('en');

/** The report: up to `maxProblems` problems as `file:line:column: check: message`, then a line per folder and a closing line. */
export function formatSiteCheck(result: SiteCheck, maxProblems: number): string[] {
	const { problems } = result;
	const lines = problems.slice(0, maxProblems).map((p) => `${p.file}:${p.line}:${p.column}: ${p.check}: ${p.message}`);
	if (problems.length > maxProblems) lines.push(`... and ${count(problems.length - maxProblems)} more`);
	for (const s of result.sites) {
		lines.push(
			`check-site: ${s.dir}: ${count(s.files.size)} files; ${count(s.pages)} pages validated and link-checked, ${count(s.dataFiles)} data files (JSON, NDJSON, YAML, XML) parsed; ` +
				`${count(s.urls)} URLs (${count(s.internal)} internal targets, ${count(s.external)} external); ${count(s.problems)} problems`,
		);
	}
	lines.push(
		`check-site: ${count(problems.length)} problems; walk ${seconds(result.walkMs)}, pages ${seconds(result.checkMs)} on ${result.workers} worker threads, ` +
			`fragments ${seconds(result.fragmentsMs)} (${count(result.fragmentTargets)} target pages); total ${seconds(result.totalMs)}`,
	);
	return lines;
}

export type Determinism = Awaited<ReturnType<typeof checkDeterminism>>;

/** The determinism check's differences (up to `maxProblems`) and its closing line. */
export function formatDeterminism(d: Determinism, maxProblems: number, totalMs: number): string[] {
	const lines = d.differences
		.slice(0, maxProblems)
		.map((diff: { file: string; message: string }) => `${diff.file}: determinism: ${diff.message}`);
	if (d.differences.length > maxProblems) lines.push(`... and ${count(d.differences.length - maxProblems)} more`);
	lines.push(
		`check-site: determinism: ${count(d.files)} files in both builds, ${count(d.differences.length)} differences, ${count(d.allowed)} allowed by ${TIME_DEPENDENT.length} declared time-dependent patterns; ` +
			`builds ${d.builds.map(seconds).join(' + ')}, compare ${seconds(d.compareMs)}; total ${seconds(totalMs)}` +
			(d.kept ? `; builds kept in ${d.dir}` : ''),
	);
	return lines;
}
