/**
 * Reading an installed package: which executable is the MCP server, how to run it, and the documentation
 * the environment names are read from.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** An executable whose last word says it helps around the server rather than being it. */
const HELPER_BIN =
	/[-_](?:cli|check|setup|install|installer|uninstall|config|configure|init|auth|login|doctor|generate|types|test|update)$/i;

export function chooseBin(packageName: string, bins: Record<string, string>, wanted?: string): { bin: string } | { notAServer: string } {
	const names = Object.keys(bins);
	if (wanted !== undefined) {
		return bins[wanted] !== undefined
			? { bin: wanted }
			: { notAServer: `it has no executable named ${JSON.stringify(wanted)} (it has ${names.join(', ') || 'none'})` };
	}
	if (names.length === 0)
		return { notAServer: 'it declares no executable ("bin" in package.json): a library or SDK, not a server to start' };
	if (names.length === 1) return { bin: names[0] as string };
	const base = packageName.split('/').pop() ?? packageName;
	if (bins[base] !== undefined && /mcp|server/i.test(base)) return { bin: base };
	const mcp = names.filter((n) => /mcp/i.test(n));
	const server = mcp.filter((n) => /server|stdio/i.test(n));
	if (server.length === 1) return { bin: server[0] as string };
	if (mcp.length === 1) return { bin: mcp[0] as string };
	if (bins[base] !== undefined) return { bin: base };
	// Several names for one file, one of them MCP-named (a generated server often declares its package name and "mcp").
	const targets = new Set(names.map((n) => (bins[n] as string).replace(/^\.\//, '')));
	if (mcp.length > 0 && targets.size === 1) return { bin: mcp[0] as string };
	// Helpers beside the server (`x-mcp-check`, `mcp-x-cli`, `x-setup`): the one MCP-named executable left is the server.
	const mainMcp = mcp.filter((n) => !HELPER_BIN.test(n));
	if (mainMcp.length === 1) return { bin: mainMcp[0] as string };
	return { notAServer: `it has several executables (${names.join(', ')}) and none is named for an MCP server; name one in the bin column` };
}

/** How to run an executable: with our Node when it is JavaScript, directly otherwise. */
export function commandFor(binPath: string): { command: string; prefix: string[] } {
	let head: string;
	try {
		head = readFileSync(binPath, { encoding: 'latin1' }).slice(0, 200);
	} catch {
		return { command: process.execPath, prefix: [binPath] };
	}
	const shebang = head.startsWith('#!') ? (head.split('\n')[0] ?? '') : '';
	if (head.startsWith('\u007fELF') || (shebang && !/\bnode\b|\bbun\b|\btsx\b/.test(shebang))) return { command: binPath, prefix: [] };
	return { command: process.execPath, prefix: [binPath] };
}

/** Words a server prints when it refuses to start without real credentials. */
export function readDocs(pkgDir: string): string[] {
	const texts: string[] = [];
	try {
		for (const name of readdirSync(pkgDir)) {
			if (/^readme(\.md|\.markdown|\.txt)?$/i.test(name)) texts.push(readFileSync(join(pkgDir, name), 'utf8').slice(0, 300_000));
		}
	} catch {
		// no folder listing: no docs
	}
	try {
		texts.push(readFileSync(join(pkgDir, 'package.json'), 'utf8').slice(0, 100_000));
	} catch {
		// checked by the caller
	}
	return texts;
}

/** Reads the report, or an empty one. Throws a DataError when it exists but is invalid. */
