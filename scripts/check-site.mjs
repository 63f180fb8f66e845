#!/usr/bin/env node
/**
 * check-site: checks a built site as a whole, the things no single page test can see.
 *
 *   node scripts/with-node.mjs node scripts/check-site.mjs dist [dist-hostile ...] [--determinism]
 *
 * For every folder given:
 * - links: every internal `href`, `src`, `action` (...) of every HTML page resolves to a file in the
 *   folder (a directory URL to its `index.html`) and every `#fragment` to an element id on the target
 *   page; external links are not fetched, but must be http(s) or mailto (a `javascript:` link fails);
 * - HTML: every page passes html-validate with the committed `.htmlvalidate.json`, is valid UTF-8 and
 *   holds no character HTML forbids (raw control characters, noncharacters);
 * - metadata: every page carries Open Graph (og:title, og:description, og:type, og:site_name, and
 *   og:url where it has a canonical address) and a Twitter card;
 * - data: every JSON, NDJSON (line by line), YAML and XML (well-formedness: feeds, sitemaps) file parses;
 * - sitemaps: when the build has a sitemap index, its sitemaps list every HTML page (except 404.html)
 *   exactly once and nothing else, each within 50,000 URLs, and robots.txt names the index.
 * `--determinism` also builds the site twice and compares the builds byte for byte (see
 * src/verify/site-determinism.mjs); `--determinism-against <dir>` builds it once, under the shifted
 * clock, zone, locale and path, and compares with `<dir>`, a build just made from the same source (as
 * `npm test` does with `dist`), which saves one build of the whole site.
 *
 * Problems are printed as `file:line:column: check: message`; the exit code is 1 if there is any.
 * Pages are checked by one worker per CPU and only file lists and problems are kept, so the check
 * scales with the site (Pagefind's own files in `pagefind/` are link targets but are not checked).
 */
import { availableParallelism } from 'node:os';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { checkDeterminism, TIME_DEPENDENT } from '../src/verify/site-determinism.mjs';
import { fileFor, fragmentNeedsNoTarget, pageIds, scanTags, urlPathOf } from '../src/verify/site-html.mjs';
import { checkSitemaps } from '../src/verify/site-sitemap.mjs';
import { loadConfig } from '../src/verify/site-validate.mjs';
import { walkFiles } from '../src/verify/site-walk.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const USAGE =
	'usage: check-site.mjs <dist-dir>... [--determinism | --determinism-against <dir>] [--keep-builds] [--jobs <n>] [--max-problems <n>]';
/** Files per message to a worker: enough to keep messaging cheap, few enough to share the work evenly. */
const BATCH = 8;

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		determinism: { type: 'boolean', default: false },
		'determinism-against': { type: 'string' },
		'keep-builds': { type: 'boolean', default: false },
		jobs: { type: 'string' },
		'max-problems': { type: 'string', default: '200' },
		help: { type: 'boolean', default: false },
	},
});
if (values.help) {
	console.log(USAGE);
	process.exit(0);
}
if (positionals.length === 0) {
	console.error(USAGE);
	process.exit(2);
}
for (const dir of positionals) {
	if (!existsSync(dir) || !statSync(dir).isDirectory()) {
		console.error(`check-site: ${dir} is not a directory (build the site first)`);
		process.exit(2);
	}
}
const jobs = Math.max(1, Number(values.jobs ?? Math.min(availableParallelism(), 8)) || 1);
const maxProblems = Number(values['max-problems']) || 200;

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const count = (n) => n.toLocaleString('en');

/** @type {{ file: string, line: number, column: number, check: string, message: string }[]} */
const problems = [];
const started = performance.now();

const { config, problems: configProblems } = loadConfig(join(ROOT, '.htmlvalidate.json'));
for (const message of configProblems) problems.push({ file: '.htmlvalidate.json', line: 1, column: 1, check: 'config', message });

/** The site's own origin, from the home page's canonical link: absolute links to it are internal. */
async function siteOriginOf(dir) {
	let origin;
	try {
		scanTags(await readFile(join(dir, 'index.html'), 'utf8'), (name, attributes) => {
			if (origin === undefined && name === 'link' && attributes.get('rel') === 'canonical')
				origin = new URL(attributes.get('href') ?? '').origin;
		});
	} catch {
		// No home page or no canonical link: every absolute link is external.
	}
	return origin;
}

/** What is checked in each folder, and what was found. */
const sites = [];
const walkStarted = performance.now();
for (const dir of positionals) {
	const files = new Set();
	const tasks = [];
	for await (const file of walkFiles(dir)) {
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
		/** target page → fragment → the first link to it (checked once every page is done). */
		fragments: new Map(),
	});
}
const walkMs = performance.now() - walkStarted;

function report(site, file, problem) {
	problems.push({ file: join(site.dir, file), ...problem });
	site.problems++;
}

/** Resolves the internal links a worker found on one page. */
function handleResult(site, result) {
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
		const target = fileFor(link.path, site.files);
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
}

/** Runs every batch on a pool of workers; resolves when all are done. */
function runPool(batches) {
	return new Promise((resolve, reject) => {
		if (batches.length === 0) {
			resolve();
			return;
		}
		let next = 0;
		let done = 0;
		const workers = [];
		const feed = (worker) => {
			if (next < batches.length) worker.postMessage({ id: next, ...batches[next++].message });
		};
		for (let i = 0; i < Math.min(jobs, batches.length); i++) {
			const worker = new Worker(new URL('../src/verify/site-worker.mjs', import.meta.url), { workerData: { htmlValidateConfig: config } });
			worker.on('message', ({ id, results }) => {
				for (const r of results) handleResult(batches[id].site, r);
				done++;
				if (done === batches.length) {
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

const batches = [];
for (const site of sites) {
	for (let i = 0; i < site.tasks.length; i += BATCH) {
		batches.push({ site, message: { dir: site.dir, siteOrigin: site.siteOrigin, files: site.tasks.slice(i, i + BATCH) } });
	}
}
const checkStarted = performance.now();
await runPool(batches);
const checkMs = performance.now() - checkStarted;

// Fragments into other pages: each target page is read once more, for its ids only.
const fragmentsStarted = performance.now();
let fragmentTargets = 0;
for (const site of sites) {
	for (const [target, wanted] of site.fragments) {
		fragmentTargets++;
		const ids = pageIds(await readFile(join(site.dir, target), 'utf8'));
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
	const found = await checkSitemaps({
		files: site.files,
		read: (file) => readFile(join(site.dir, file), 'utf8'),
		origin: site.siteOrigin,
		urlPathOf,
	});
	for (const p of found ?? []) report(site, p.file, { line: 1, column: 1, check: 'sitemap', message: p.message });
}

problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
for (const p of problems.slice(0, maxProblems)) console.log(`${p.file}:${p.line}:${p.column}: ${p.check}: ${p.message}`);
if (problems.length > maxProblems) console.log(`... and ${count(problems.length - maxProblems)} more`);

for (const s of sites) {
	console.log(
		`check-site: ${s.dir}: ${count(s.files.size)} files; ${count(s.pages)} pages validated and link-checked, ${count(s.dataFiles)} data files (JSON, NDJSON, YAML, XML) parsed; ` +
			`${count(s.urls)} URLs (${count(s.internal)} internal targets, ${count(s.external)} external); ${count(s.problems)} problems`,
	);
}
console.log(
	`check-site: ${count(problems.length)} problems; walk ${seconds(walkMs)}, pages ${seconds(checkMs)} on ${Math.min(jobs, Math.max(batches.length, 1))} worker threads, ` +
		`fragments ${seconds(fragmentsMs)} (${count(fragmentTargets)} target pages); total ${seconds(performance.now() - started)}`,
);

let failed = problems.length > 0;
if (values.determinism || values['determinism-against'] !== undefined) {
	const determinismStarted = performance.now();
	try {
		const d = await checkDeterminism(ROOT, { keep: values['keep-builds'], against: values['determinism-against'] });
		for (const diff of d.differences.slice(0, maxProblems)) console.log(`${diff.file}: determinism: ${diff.message}`);
		if (d.differences.length > maxProblems) console.log(`... and ${count(d.differences.length - maxProblems)} more`);
		console.log(
			`check-site: determinism: ${count(d.files)} files in both builds, ${count(d.differences.length)} differences, ${count(d.allowed)} allowed by ${TIME_DEPENDENT.length} declared time-dependent patterns; ` +
				`builds ${d.builds.map(seconds).join(' + ')}, compare ${seconds(d.compareMs)}; total ${seconds(performance.now() - determinismStarted)}` +
				(d.kept ? `; builds kept in ${d.dir}` : ''),
		);
		if (d.differences.length > 0) failed = true;
	} catch (error) {
		console.log(`check-site: determinism: ${error.message}`);
		failed = true;
	}
}
process.exit(failed ? 1 : 0);
