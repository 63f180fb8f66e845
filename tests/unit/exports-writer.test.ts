/**
 * The exports integration's writer: files a page hands it while rendering are written once, every
 * registered file the pages did not write is made after them, a second write of one path fails the
 * build, and nothing is written outside `astro build`.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportsIntegration } from '../../src/build/integrations/exports.ts';
import { clearHandoff, exportSink, provideExportFiles } from '../../src/build/handoff.ts';

type Hooks = Record<string, (arg: never) => unknown>;
const logger = { info: () => {} };

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'toolrisk-exports-'));
	clearHandoff();
});
afterEach(() => {
	rmSync(dir, { recursive: true, force: true });
	clearHandoff();
});

/** Runs the integration's hooks as `astro <command>` would, with `register` as the catalogue's export files. */
async function start(command: 'build' | 'dev') {
	const hooks = exportsIntegration().hooks as Hooks;
	await hooks['astro:config:setup']!({ command } as never);
	await hooks['astro:config:done']!({ config: { outDir: pathToFileURL(`${dir}/`) } } as never);
	return { done: () => hooks['astro:build:done']!({ dir: pathToFileURL(`${dir}/`), logger } as never) as Promise<void> };
}
const register = (files: Record<string, string>) => {
	provideExportFiles(async function* () {
		for (const [path, text] of Object.entries(files)) yield { path, text: async () => text };
	});
};
const read = (path: string) => readFileSync(join(dir, path), 'utf8');

describe('exports writer', () => {
	it('writes what pages hand it and, after the pages, every registered file they did not', async () => {
		const build = await start('build');
		register({ 'tools/a/one.json': 'one\n', 'tools/a/two.json': 'two\n', 'tools/b/three.json': 'three\n' });
		const sink = exportSink()!;
		await sink('tools/a/one.json', 'one\n');
		await sink('tools/b/three.json', 'three\n');
		await build.done();
		expect([read('tools/a/one.json'), read('tools/a/two.json'), read('tools/b/three.json')]).toEqual(['one\n', 'two\n', 'three\n']);
		expect(readdirSync(join(dir, 'tools/a')).sort()).toEqual(['one.json', 'two.json']);
	});

	it('holds a page back while too many writes are in flight, and loses none of them', async () => {
		const build = await start('build');
		const files = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`tools/s${i % 7}/t${i}.json`, `${i}\n`]));
		register(files);
		let waited = 0;
		for (const [path, text] of Object.entries(files)) {
			const wait = exportSink()!(path, text);
			if (wait) {
				waited++;
				await wait;
			}
		}
		await build.done();
		expect(waited).toBeGreaterThan(0);
		for (const [path, text] of Object.entries(files)) expect(read(path)).toBe(text);
	});

	it('fails on a path written twice', async () => {
		await start('build');
		const sink = exportSink()!;
		await sink('tools/a/one.json', 'one\n');
		expect(() => sink('tools/a/one.json', 'one\n')).toThrow(/written twice/);
	});

	it('fails the build when a file cannot be written, naming it', async () => {
		const build = await start('build');
		register({ 'tools/a/one.json': 'one\n' });
		// A file where the folder should be: the write cannot succeed.
		writeFileSync(join(dir, 'tools'), 'not a folder');
		await exportSink()!('tools/a/one.json', 'one\n');
		await expect(build.done()).rejects.toThrow(/could not write tools\/a\/one\.json/);
	});

	it('installs no writer outside astro build, so pages write nothing in development', async () => {
		await start('dev');
		expect(exportSink()).toBeUndefined();
	});
});
