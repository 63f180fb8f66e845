/**
 * Unit tests of the code run on fixtures, never on the live catalogue: a re-scan of a third-party
 * server must not be able to fail a test of the classifier, the policies or the pages. This test reads
 * every module under tests/unit and fails on one that names a live content folder (each folder of
 * content/: servers, attacks, scan, ...) or imports a `*.catalogue.*` module, unless the module is
 * itself named `*.catalogue.*`: those are the tests about the catalogue itself, and each says in its
 * header comment what about the live data it guards.
 *
 * A folder is named as a path (`content/servers`, `content\\servers`) or as join() pieces
 * (`'content', 'servers'`), in code or comments alike. A regular expression that matches an error
 * message the code writes escapes its slashes (`content\/attacks\/x\.mdx`): that names no file to
 * read, and is allowed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support.ts';

const UNIT = join(ROOT, 'tests', 'unit');
/** This file: its table below spells the forbidden references on purpose. */
const SELF = 'no-live-content.test.ts';

/** The live content folders: the catalogue's (servers, attacks) and every other folder of content/, all data the site is built from. */
const LIVE_FOLDERS = [
	...new Set([
		'attacks',
		'servers',
		...readdirSync(join(ROOT, 'content'), { withFileTypes: true })
			.filter((d) => d.isDirectory())
			.map((d) => d.name),
	]),
].sort();

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `content` then a path separator or the end of one quoted join() piece and the start of the next, then a live folder. */
const LIVE_REFERENCE = new RegExp(
	`(?<!lib/)(?<![\\w-])content(?:/|\\\\\\\\|['"\`]\\s*,\\s*['"\`])(?:${LIVE_FOLDERS.map(escape).join('|')})(?![\\w-])`,
);
/** An import (static or dynamic) of a module named `*.catalogue.*`. */
const CATALOGUE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"`][^'"`]*\.catalogue\.[^'"`]*['"`]/;

const isCatalogueModule = (file: string) => basename(file).includes('.catalogue.');

/** Every `.ts` module under `dir`, recursively. */
function modules(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
		d.isDirectory() ? modules(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
	);
}

/** `line: text` for each line of `text` that names a live folder or imports a catalogue module. */
function violations(text: string): string[] {
	return text
		.split('\n')
		.flatMap((line, i) => (LIVE_REFERENCE.test(line) || CATALOGUE_IMPORT.test(line) ? [`${i + 1}: ${line.trim()}`] : []));
}

describe('the detector', () => {
	it('knows the live folders', () => {
		expect(LIVE_FOLDERS).toEqual(expect.arrayContaining(['attacks', 'servers']));
	});

	it.each([
		["readdirSync('content/servers')", true],
		['const CONTENT = "content/attacks";', true],
		["readFileSync(join(ROOT, 'content', 'servers', `${slug}.json`))", true],
		['join("content" , "attacks")', true],
		['const file = `${ROOT}/content/servers/agentmail.json`;', true],
		["readFileSync('content\\\\servers\\\\agentmail.json')", true],
		["JSON.parse(readFileSync(join(ROOT, 'content', 'scan', 'report.json'), 'utf8'))", true],
		[' * Reads every file in content/servers.', true],
		["import { liveCatalogue } from './support.catalogue.ts';", true],
		["const { liveServers } = await import('./support.catalogue.ts');", true],
		["import './browse.catalogue.test.ts';", true],
		["import { parseServerFile } from '../../src/lib/content/server-file.ts';", false],
		["import type { Attack } from '../../src/lib/content/attack.ts';", false],
		['expect(run).toThrow(/content\\/attacks\\/x\\.mdx: exampleTool/);', false],
		['TOOLRISK_CONTENT_DIR: COLLIDING_DIR,', false],
		["readServerFiles('tests/fixtures/catalogue/servers')", false],
		["join('content', 'classify-test-output.json')", false],
		["const servers = 'my-content/servers';", false],
		['// see presets.catalogue.test.ts for the live sweep', false],
	])('%s → %s', (line, flagged) => {
		expect(violations(line).length > 0).toBe(flagged);
	});
});

describe('unit tests of the code', () => {
	const files = modules(UNIT).filter((f) => basename(f) !== SELF);

	it('are most of the unit test files', () => {
		const tests = files.filter((f) => f.endsWith('.test.ts'));
		expect(tests.filter((f) => !isCatalogueModule(f)).length).toBeGreaterThan(tests.filter(isCatalogueModule).length * 2);
	});

	it('name no live content folder and import no catalogue module (only *.catalogue.* files may)', () => {
		const found = files
			.filter((f) => !isCatalogueModule(f))
			.flatMap((f) => violations(readFileSync(f, 'utf8')).map((v) => `${relative(ROOT, f)}:${v}`));
		expect(found).toEqual([]);
	});

	it.each(files.filter((f) => isCatalogueModule(f) && f.endsWith('.test.ts')).map((f) => relative(ROOT, f)))(
		'%s says in its header what about the live catalogue it guards',
		(file) => {
			const text = readFileSync(join(ROOT, file), 'utf8');
			expect(text.startsWith('/**\n * About the live catalogue: ')).toBe(true);
		},
	);
});
