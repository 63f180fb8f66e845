/**
 * The determinism check: builds the site twice into two folders and compares every file byte for
 * byte. The second build runs with its clock moved forward by 400 days and 7 hours, in another time
 * zone and under the Turkish locale (whose dotless i catches locale-dependent case folding), from a
 * folder path of another length, and in two shards (scripts/build.ts: two processes, each rendering
 * half the tool pages, merged): any output that depends on when, where, in which folder or in how many
 * processes it was built differs. Identical source must give identical output, or caches, diffs and
 * reviews of the published site stop meaning anything.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { walkFiles } from './site-walk.mjs';

/**
 * Output that may legitimately differ between builds: `files` matches the output path, `pattern` the
 * varying text, which is blanked before comparing. Nothing the site writes depends on the build time
 * today (the second build's clock is 400 days ahead and its output is identical), so the list is
 * empty; an entry needs a reason, and a test of its own that the varying part is what it claims.
 *
 * @type {{ files: RegExp, pattern: RegExp, why: string }[]}
 */
export const TIME_DEPENDENT = [];

const CLOCK_SHIFT_MS = (400 * 24 + 7) * 3_600_000;

/** Runs one build (scripts/build.ts, in `shards` processes) into `outDir`, its output into `log`. Resolves with the duration in ms. */
function build(root, outDir, log, env, shards) {
	const started = performance.now();
	return new Promise((resolve, reject) => {
		const out = createWriteStream(log);
		const child = spawn(
			process.execPath,
			['scripts/with-node.mjs', 'node', 'scripts/build.ts', '--shards', String(shards), '--outDir', outDir],
			{
				cwd: root,
				env: { ...process.env, ...env },
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		child.stdout.pipe(out, { end: false });
		child.stderr.pipe(out, { end: false });
		child.on('error', reject);
		child.on('close', (code) => {
			out.end();
			if (code === 0) resolve(performance.now() - started);
			else reject(new Error(`build --shards ${shards} --outDir ${outDir} failed (exit ${code}); see ${log}`));
		});
	});
}

/** 1-based line of the first difference between two buffers, with a short excerpt of each side. */
function firstDifference(a, b) {
	let i = 0;
	while (i < a.length && i < b.length && a[i] === b[i]) i++;
	let line = 1;
	for (let j = 0; j < i; j++) if (a[j] === 0x0a) line++;
	const excerpt = (buf) => JSON.stringify(buf.subarray(Math.max(0, i - 30), i + 50).toString('utf8'));
	return { line, a: excerpt(a), b: excerpt(b) };
}

/** Blanks the declared time-dependent parts of a file, if any apply to it. */
function normalise(file, buffer) {
	const rules = TIME_DEPENDENT.filter((r) => r.files.test(file));
	if (rules.length === 0) return buffer;
	let text = buffer.toString('utf8');
	for (const r of rules) text = text.replace(r.pattern, '<time-dependent>');
	return Buffer.from(text);
}

/**
 * Compares two output folders; streams both file lists in sorted order and reads one pair of files
 * at a time, so memory does not grow with the site.
 * @returns {Promise<{ files: number, allowed: number, differences: { file: string, message: string }[] }>}
 */
export async function compareTrees(a, b) {
	const left = walkFiles(a)[Symbol.asyncIterator]();
	const right = walkFiles(b)[Symbol.asyncIterator]();
	const differences = [];
	let files = 0;
	let allowed = 0;
	let l = await left.next();
	let r = await right.next();
	while (!l.done || !r.done) {
		if (r.done || (!l.done && l.value < r.value)) {
			differences.push({ file: l.value, message: 'only in the first build' });
			l = await left.next();
			continue;
		}
		if (l.done || r.value < l.value) {
			differences.push({ file: r.value, message: 'only in the second build' });
			r = await right.next();
			continue;
		}
		const file = l.value;
		files++;
		const [ba, bb] = await Promise.all([readFile(join(a, file)), readFile(join(b, file))]);
		if (!ba.equals(bb)) {
			if (normalise(file, ba).equals(normalise(file, bb))) allowed++;
			else {
				const d = firstDifference(ba, bb);
				differences.push({ file, message: `line ${d.line} differs: ${d.a} vs ${d.b}` });
			}
		}
		l = await left.next();
		r = await right.next();
	}
	return { files, allowed, differences };
}

/**
 * Builds twice and compares, or, with `against` (a folder just built from the same source, in one
 * process), builds once under the shifted clock, zone, locale and path, in two shards, and compares
 * with it. Keeps the builds (and their logs) when they differ or `keep` is set.
 * @param {string} root
 * @param {{ keep?: boolean, against?: string | undefined }} [options]
 * @typedef {{ file: string, message: string }} Difference
 * @returns {Promise<{ dir: string, kept: boolean, builds: number[], compareMs: number, files: number, allowed: number,
 *   differences: Difference[] }>}
 */
export async function checkDeterminism(root, { keep = false, against = undefined } = {}) {
	const dir = await mkdtemp(join(tmpdir(), 'toolrisk-determinism-'));
	const first = against === undefined ? join(dir, 'a') : resolve(root, against);
	const second = join(dir, 'second-build-in-a-longer-path');
	const builds = [];
	if (against === undefined) builds.push(await build(root, first, join(dir, 'a.log'), {}, 1));
	builds.push(
		await build(
			root,
			second,
			join(dir, 'second.log'),
			{
				TOOLRISK_CLOCK_SHIFT_MS: String(CLOCK_SHIFT_MS),
				NODE_OPTIONS:
					`${process.env.NODE_OPTIONS ?? ''} --import=${pathToFileURL(join(import.meta.dirname, 'site-clock.mjs')).href}`.trim(),
				TZ: 'Pacific/Kiritimati',
				LANG: 'tr_TR.UTF-8',
				LC_ALL: 'tr_TR.UTF-8',
			},
			2,
		),
	);
	const started = performance.now();
	const result = await compareTrees(first, second);
	const compareMs = performance.now() - started;
	const kept = keep || result.differences.length > 0;
	if (!kept) await rm(dir, { recursive: true, force: true });
	return { dir, kept, builds, compareMs, ...result };
}
