/**
 * Stubs for native modules that install scripts would have built. The batch installs with
 * `--ignore-scripts`, so a package that compiles or downloads its `.node` binding at install time has
 * none, and a server that loads it at start-up crashes before it can list its tools. The stub keeps
 * the package's name and version, loads without error, and throws a clear error as soon as anything of
 * it is called or constructed, so a server that only needs the module for a tool call lists its tools,
 * and one that uses it at start-up still fails, saying why.
 *
 * The SQLite bindings (`better-sqlite3`, `sqlite3`) get a working stand-in over Node's built-in SQLite
 * instead (`sqlite-standin.ts`): SQLite servers open their database while starting.
 *
 * The stubs go into the batch's own install folder (a scratch copy in the scan cache): the original
 * package folder is moved aside and put back by `restore()`.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasStandin, standinSource } from './sqlite-standin.ts';

export const STUB_ASIDE = '.toolrisk-original';

/** The stub's source: a callable, constructible proxy whose every property is itself. */
export function stubSource(name: string): string {
	const message = `the native module "${name}" was not built (install scripts are off in the scan) and is replaced by a stub`;
	return [
		"'use strict';",
		`const message = ${JSON.stringify(message)};`,
		'function fail() { throw new Error(message); }',
		'const handler = {',
		"\tget(_target, key) { if (key === 'then' || typeof key === 'symbol') return undefined; if (key === '__esModule') return false; return stub; },",
		'\tapply: fail,',
		'\tconstruct: fail,',
		'};',
		'const stub = new Proxy(function stub() {}, handler);',
		'module.exports = stub;',
		'',
	].join('\n');
}

/**
 * Replaces `node_modules/<name>` of `installDir` by a stub for each name found there; returns the names
 * stubbed and a function that puts the originals back (never throws).
 */
export function stubNativeModules(installDir: string, names: readonly string[]): { stubbed: string[]; restore: () => void } {
	const done: string[] = [];
	for (const name of names) {
		if (!/^(?:@[\w.-]+\/)?[\w.-]+$/.test(name)) continue;
		const dir = join(installDir, 'node_modules', ...name.split('/'));
		const aside = `${dir}${STUB_ASIDE}`;
		if (!existsSync(join(dir, 'package.json')) || existsSync(aside)) continue;
		let version = '0.0.0';
		try {
			const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: unknown };
			if (typeof manifest.version === 'string') version = manifest.version;
		} catch {
			// keep 0.0.0
		}
		renameSync(dir, aside);
		mkdirSync(dir);
		const standin = hasStandin(name);
		writeFileSync(
			join(dir, 'package.json'),
			`${JSON.stringify({ name, version, main: 'index.js', toolriskStub: standin ? 'node:sqlite stand-in' : true }, null, 2)}\n`,
		);
		writeFileSync(join(dir, 'index.js'), standin ? standinSource(name, stubSource(name)) : stubSource(name));
		done.push(name);
	}
	return {
		stubbed: done,
		restore: () => {
			for (const name of done) {
				const dir = join(installDir, 'node_modules', ...name.split('/'));
				try {
					rmSync(dir, { recursive: true, force: true });
					renameSync(`${dir}${STUB_ASIDE}`, dir);
				} catch {
					// the install folder is scratch; a failed restore only costs a reinstall
				}
			}
		},
	};
}
