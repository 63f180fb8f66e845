/** Helpers shared by several unit test files (not a test file itself: vitest only runs `*.test.ts`). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { buildCatalogue, type Catalogue } from '../../src/lib/catalogue.ts';
import type { AttackEntry } from '../../src/lib/present/attacks.ts';
import type { Evidence, Judgement } from '../../src/lib/judge/types.ts';
import { attackSchema, type AttackInput } from '../../src/lib/content/attack.ts';
import type { ServerFile, ServerFileInput } from '../../src/lib/content/server.ts';
import { parseServerFile } from '../../src/lib/content/server-file.ts';
import type { SignalId } from '../../src/lib/taxonomy.ts';
import type { ArgumentFact } from '../../src/lib/policy/model.ts';

/** The repository root, whatever the working directory. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The frozen fixture catalogue (tests/fixtures/catalogue, see its README): verbatim copies of a few real
 * server files and trimmed copies of a few attack entries. Tests of the code read this, never the live
 * content folders, so a re-scan of a third-party server cannot fail them.
 */
export const FIXTURE_CATALOGUE = {
	servers: join('tests', 'fixtures', 'catalogue', 'servers'),
	attacks: join('tests', 'fixtures', 'catalogue', 'attacks'),
} as const;

/**
 * Every server file of a folder (relative to the repository root), validated as the site's loader
 * validates it: each `*.json` whose name does not start with `_`, in file-name order, each named by its
 * path in errors.
 */
export function readServerFiles(folder: string): ServerFile[] {
	const dir = join(ROOT, folder);
	return readdirSync(dir)
		.filter((n) => n.endsWith('.json') && !n.startsWith('_'))
		.sort()
		.map((n) => parseServerFile(JSON.parse(readFileSync(join(dir, n), 'utf8')), join(relative(ROOT, dir), n)));
}

/** One server file of a folder (relative to the repository root), by slug, validated and named by its path. */
export function readServerFile(folder: string, slug: string): ServerFile {
	const file = join(folder, `${slug}.json`);
	if (!existsSync(join(ROOT, file))) throw new Error(`${folder} has no server ${slug}`);
	return parseServerFile(JSON.parse(readFileSync(join(ROOT, file), 'utf8')), file);
}

/** Every attack entry of a folder (relative to the repository root): the validated frontmatter of each `*.mdx` not starting with `_`. */
export function readAttackEntries(folder: string): AttackEntry[] {
	const dir = join(ROOT, folder);
	return readdirSync(dir)
		.filter((n) => n.endsWith('.mdx') && !n.startsWith('_'))
		.sort()
		.map((n) => {
			const front = /^---\n([\s\S]*?)\n---\n/.exec(readFileSync(join(dir, n), 'utf8'))?.[1] ?? '';
			return { slug: n.replace(/\.mdx$/, ''), data: attackSchema.parse(parseYaml(front)) };
		});
}

/** The fixture catalogue's server files. */
export function fixtureServers(): ServerFile[] {
	return readServerFiles(FIXTURE_CATALOGUE.servers);
}

/** One server file of the fixture catalogue, by slug. */
export function fixtureServer(slug: string): ServerFile {
	return readServerFile(FIXTURE_CATALOGUE.servers, slug);
}

/** A tool made for a test case: its name, description, and the input schema's properties and required names. */
export function madeTool(
	name: string,
	description: string,
	properties: Record<string, unknown> = {},
	required: string[] = [],
): ServerFileInput['tools'][number] {
	return { definition: { name, description, inputSchema: { type: 'object', properties, required } } };
}

/** A server made for a test case: the fixture server `base` (its facts and distributions) under `slug`, with only `tools`. */
export function madeServer(base: string, slug: string, tools: ServerFileInput['tools']): ServerFile {
	return { ...fixtureServer(base), slug, tools } as ServerFile;
}

/** The path of a fixture server's file, relative to the repository root (for tests that hand a file to a command). */
export function fixtureServerPath(slug: string): string {
	return join(FIXTURE_CATALOGUE.servers, `${slug}.json`);
}

/** The catalogue built from the fixture servers (plus `extra` server files), as the site builds its own. */
export function fixtureCatalogue(extra: readonly ServerFile[] = []): Catalogue {
	return buildCatalogue([...fixtureServers(), ...extra]);
}

/** The fixture catalogue's attack entries. */
export function fixtureAttacks(): AttackEntry[] {
	return readAttackEntries(FIXTURE_CATALOGUE.attacks);
}

/** Whether `pid` is a live process (a zombie awaiting its reaper counts as gone). */
export function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
	} catch {
		return false;
	}
	try {
		return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
	} catch {
		return !existsSync('/proc/self');
	}
}

/** A valid attack entry for tests, named `slug`, with `data` over a minimal verified pattern. */
export function testAttack(slug: string, data: Partial<AttackInput>): AttackEntry {
	return {
		slug,
		data: attackSchema.parse({
			title: slug,
			kind: 'pattern',
			summary: `A test entry called ${slug} for the unit tests.`,
			disclosed: '2025-01',
			disclosedBy: ['tests'],
			verification: 'verified',
			affected: {},
			controls: ['deny'],
			gatewayLimits: 'Nothing here is real; this entry exists for tests only.',
			containment: {
				kind: 'cannot',
				why: 'Nothing here is real; this entry exists for the unit tests only.',
				instead: 'Nothing either; the unit tests read this statement and nothing else.',
			},
			sources: [{ title: 'test', url: 'https://example.com/' }],
			...data,
		}),
	};
}

/** `{ signal id: [field, ...] }`, in rule order: the shape the classifier tests assert exactly. */
export function signalFields(judgement: Judgement): Partial<Record<SignalId, string[]>> {
	return Object.fromEntries(judgement.signals.map((s) => [s.id, s.evidence.map((e) => e.field)]));
}

/** The evidence of one signal of a judgement (none when it did not fire). */
export function evidenceOf(judgement: Judgement, id: SignalId): Evidence[] {
	return judgement.signals.find((s) => s.id === id)?.evidence ?? [];
}

const KIND_OF_SIGNAL = {
	'file-path': 'local-path',
	'url-input': 'url',
	'command-input': 'shell-command',
	'raw-query': 'sql',
	recipient: 'email-address',
} as const;

/** An argument fact as the policy model derives it (kind by signal; the evidence is not what the tests using it are about). */
export const argumentFact = (signal: keyof typeof KIND_OF_SIGNAL, arg: string): ArgumentFact => ({
	arg,
	signal,
	kind: KIND_OF_SIGNAL[signal],
	evidence: { rule: 'test', field: 'test', match: arg },
});
