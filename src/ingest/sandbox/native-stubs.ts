/**
 * Native modules that install scripts would have built. Every scan installs with `--ignore-scripts`, so
 * a package that compiles or downloads its `.node` binding at install time has none, and a server that
 * loads it while starting crashes before it lists anything. One mechanism serves the single scan and the
 * batch: a `node --require` preload, written with the server's per-run files (`server.ts`), that
 *
 * - replaces the packages it is given (the batch names them from the loader's error: `keytar`,
 *   `node-pty`...) by a stub that loads and throws a clear error only when used, for `require` and
 *   `import` alike (`module.registerHooks`; on a Node without it, `require` only). The SQLite bindings
 *   get a working stand-in over Node's built-in SQLite instead (`sqlite-standin.ts`), because SQLite
 *   servers open their database while starting;
 * - with `generic`, also answers any `require` of a `.node` file that is missing with the stub (the
 *   single scan's `--stub-native`; the batch leaves it off, since a server may catch that failure and
 *   fall back to JavaScript).
 *
 * Nothing in the installed package changes: the package folder stays read-only and shared.
 */
import { hasStandin, standinSource } from './sqlite-standin.ts';

/** The preload's file name in the run-files folder; the replacement modules sit in `native/`. */
export const NATIVE_PRELOAD = 'native-stub.cjs';

/** A package name the preload may replace (npm's rules, loosely): never a path. */
export function isPackageName(name: string): boolean {
	return /^(?:@[\w.-]+\/)?[\w.-]+$/.test(name) && !name.startsWith('.');
}

/**
 * The stub, as JavaScript source: a callable, constructible proxy whose every property is itself (so
 * `new m.Thing()`, `class X extends m.Base`, `m.a.b()` all reach it), not a thenable (an `await` on it
 * does not hang), throwing `message` when called or constructed.
 */
const MAKE_STUB = `function makeStub(message) {
	function fail() { throw new Error(message); }
	const stub = new Proxy(function stub() {}, {
		get(_target, key) { if (key === 'then' || typeof key === 'symbol') return undefined; if (key === '__esModule') return false; return stub; },
		apply: fail,
		construct: fail,
	});
	return stub;
}`;

/** A module whose export is the stub for package `name`. */
export function stubSource(name: string): string {
	const message = `the native module "${name}" was not built (install scripts are off in the scan) and is replaced by a stub`;
	return `'use strict';\n${MAKE_STUB}\nmodule.exports = makeStub(${JSON.stringify(message)});\n`;
}

/** The preload's source: `replaced` maps package names to module files relative to the preload. */
function preloadSource(replaced: Readonly<Record<string, string>>, generic: boolean): string {
	return `'use strict';
const Module = require('node:module');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const replaced = new Map(Object.entries(${JSON.stringify(replaced)}).map(([name, file]) => [name, join(__dirname, file)]));
function replacement(specifier) {
	if (typeof specifier !== 'string') return undefined;
	const m = /^((?:@[^/]+\\/)?[^/]+)(?:\\/.*)?$/.exec(specifier);
	return m ? replaced.get(m[1]) : undefined;
}
if (replaced.size > 0) {
	if (typeof Module.registerHooks === 'function') {
		Module.registerHooks({
			resolve(specifier, context, next) {
				const file = replacement(specifier);
				return file ? { url: pathToFileURL(file).href, format: 'commonjs', shortCircuit: true } : next(specifier, context);
			},
		});
	} else {
		const resolve = Module._resolveFilename;
		Module._resolveFilename = function (request, ...rest) {
			return replacement(request) ?? resolve.call(this, request, ...rest);
		};
	}
}
if (${generic}) {
	const load = Module._load;
	${MAKE_STUB.replace(/\n/g, '\n\t')}
	Module._load = function (request, parent, isMain) {
		try {
			return load.call(this, request, parent, isMain);
		} catch (error) {
			if (error && error.code === 'MODULE_NOT_FOUND' && typeof request === 'string' && request.endsWith('.node')) {
				process.stderr.write('toolrisk scan: native addon ' + request + ' not built; replaced by a stub that throws when used\\n');
				return makeStub('toolrisk scan: native addon ' + request + ' was not built (install scripts are disabled)');
			}
			throw error;
		}
	};
}
`;
}

/**
 * The preload and its replacement modules, as files relative to the run-files folder: `native-stub.cjs`
 * and `native/<n>.cjs`. Names that are not package names are ignored.
 */
export function nativeStubFiles(packages: readonly string[], generic: boolean): { path: string; content: string }[] {
	const names = [...new Set(packages.filter(isPackageName))];
	const replaced: Record<string, string> = {};
	const files = names.map((name, i) => {
		const path = `native/${i}.cjs`;
		replaced[name] = path;
		return { path, content: hasStandin(name) ? standinSource(name, stubSource(name)) : stubSource(name) };
	});
	return [{ path: NATIVE_PRELOAD, content: preloadSource(replaced, generic) }, ...files];
}
