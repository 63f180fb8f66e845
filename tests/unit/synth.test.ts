import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ServerFile } from '../../src/lib/content/server.ts';
import { parseServerFile, serializeServerFile } from '../../src/lib/content/server-file.ts';
import { apportion, generateCatalogue } from '../../src/bench/synth/generate.ts';
import { nameStyleOf, profileOf, quantiles, rootShapeOf, summarise } from '../../src/bench/synth/profile.ts';
import { countsOf, Random, Weighted } from '../../src/bench/synth/random.ts';
import { compareSummaries, describeProfile } from '../../src/bench/synth/describe.ts';
import { generatedCounts, MARKER, prepareOutput, readServers, writeSynthCatalogue } from '../../src/bench/synth/files.ts';
import { UsageError } from '../../src/lib/content/errors.ts';
import { fixtureServers } from './support.ts';

/** Real servers to profile: the fixture catalogue's verbatim copies (the bench profiles the live one). */
const real: ServerFile[] = fixtureServers();
const profile = profileOf(real);

describe('Random', () => {
	it('is reproducible per seed and differs between seeds', () => {
		const a = new Random('x');
		const b = new Random('x');
		const c = new Random('y');
		const seqA = Array.from({ length: 5 }, () => a.next());
		expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
		expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
		for (const x of seqA) expect(x >= 0 && x < 1).toBe(true);
	});

	it('samples weights in proportion', () => {
		const r = new Random(1);
		const w = new Weighted([
			['a', 1],
			['b', 3],
			['never', 0],
		] as const);
		const counts = countsOf(Array.from({ length: 20_000 }, () => w.sample(r)));
		const share = Object.fromEntries(counts.map(([k, n]) => [k, n / 20_000]));
		expect(share['b']).toBeCloseTo(0.75, 1);
		expect(share['never']).toBeUndefined();
		expect(() => new Weighted([['a', 0]])).toThrow(/positive weight/);
	});
});

describe('apportion', () => {
	it.each([
		{ counts: [1, 1, 1], total: 3, expected: [1, 1, 1] },
		{ counts: [1, 1], total: 5, expected: [3, 2] },
		{ counts: [10, 0, 30], total: 43, expected: [11, 1, 31] },
		{ counts: [0, 0], total: 4, expected: [2, 2] },
		{ counts: [125, 1, 1, 1], total: 8, expected: [5, 1, 1, 1] },
	])('splits $total over $counts', ({ counts, total, expected }) => {
		const out = apportion(counts, total);
		expect(out).toEqual(expected);
		expect(out.reduce((s, c) => s + c, 0)).toBe(total);
	});

	it('refuses fewer tools than servers', () => {
		expect(() => apportion([1, 1, 1], 2)).toThrow(RangeError);
	});
});

describe('profile', () => {
	it.each([
		{ name: 'send_message', style: 'snake' },
		{ name: 'sendMessage', style: 'camel' },
		{ name: 'send-message', style: 'kebab' },
		{ name: 'mail.send', style: 'dotted' },
		{ name: 'search', style: 'single' },
	] as const)('name style of $name is $style', ({ name, style }) => {
		expect(nameStyleOf(name)).toBe(style);
	});

	it.each([
		{ schema: {}, shape: 'empty' },
		{ schema: { type: 'object', properties: { a: { type: 'string' } } }, shape: 'plain' },
		{ schema: { type: 'object', properties: {}, additionalProperties: false }, shape: 'closed' },
		{ schema: { type: 'object', additionalProperties: { type: 'string' } }, shape: 'open' },
	] as const)('root shape $shape', ({ schema, shape }) => {
		expect(rootShapeOf(schema)).toBe(shape);
	});

	it('measures a real catalogue (the fixture copies)', () => {
		expect(profile.source.tools).toBe(real.reduce((n, s) => n + s.tools.length, 0));
		expect(profile.toolsPerServer).toHaveLength(real.length);
		expect(profile.descriptionLengths).toHaveLength(profile.source.tools);
		expect(profile.firstWords.length).toBeGreaterThan(10);
		expect(Object.keys(profile.descriptionBigrams).length).toBeGreaterThan(100);
		// Every category's annotated count is within its tool count, every hint's true count within its declared count.
		for (const h of Object.values(profile.hintsByCategory)) {
			expect(h.annotated).toBeLessThanOrEqual(h.tools);
			for (const [declared, yes] of Object.values(h.hints)) expect(yes).toBeLessThanOrEqual(declared);
		}
	});

	it('quantiles', () => {
		expect(quantiles([])).toEqual({ median: 0, p90: 0, max: 0, mean: 0 });
		expect(quantiles([5, 1, 3, 2, 4])).toEqual({ median: 3, p90: 5, max: 5, mean: 3 });
	});
});

describe('generateCatalogue', () => {
	const options = { servers: 40, tools: 700, seed: 'test' };
	const generated = [...generateCatalogue(profile, options)];

	it('writes exactly the counts asked for, as valid content files', () => {
		expect(generated).toHaveLength(40);
		expect(generated.reduce((n, s) => n + s.tools.length, 0)).toBe(700);
		for (const s of generated) {
			// Re-parse the serialised text: the schema and the recorded tool-list hash both hold.
			expect(() => parseServerFile(JSON.parse(serializeServerFile(s)), `${s.slug}.json`)).not.toThrow();
			expect(s.slug.startsWith('synth-')).toBe(true);
			expect(s.provenance.sources[0]!.title).toMatch(/Synthetic/);
			expect(new Set(s.tools.map((t) => t.definition.name)).size).toBe(s.tools.length);
		}
		expect(new Set(generated.map((s) => s.slug)).size).toBe(40);
	});

	it('is deterministic for a seed and changes with it', () => {
		const again = [...generateCatalogue(profile, options)].map(serializeServerFile).join('');
		expect(again).toBe(generated.map(serializeServerFile).join(''));
		const other = [...generateCatalogue(profile, { ...options, seed: 'other' })].map(serializeServerFile).join('');
		expect(other).not.toBe(again);
	});

	it('follows the measured distributions', { timeout: 60_000 }, () => {
		// The real side comes from the profile itself (one classification pass, made above), the
		// generated side from a summary of a generated sample.
		const total = profile.source.tools;
		const realShare = (c: 'read' | 'write' | 'destructive') => profile.hintsByCategory[c].tools / total;
		const realAnnotated = Object.values(profile.hintsByCategory).reduce((n, h) => n + h.annotated, 0) / total;
		const realSnake = (profile.nameStyles.find(([s]) => s === 'snake')?.[1] ?? 0) / total;
		const realDescriptionMedian = quantiles(profile.descriptionLengths).median;
		const realParameters = profile.topLevelProperties.reduce((n, p) => n + p, 0) / total;
		const b = summarise([...generateCatalogue(profile, { servers: 100, tools: 2500, seed: 'distribution' })]);
		// Shapes within loose bounds: the sample is random, but far-off numbers mean a broken generator.
		expect(Math.abs(b.descriptionLength.median - realDescriptionMedian)).toBeLessThan(realDescriptionMedian * 0.35 + 10);
		expect(Math.abs(b.parameters.mean - realParameters)).toBeLessThan(1.5);
		expect(Math.abs(b.annotatedShare - realAnnotated)).toBeLessThan(0.08);
		for (const c of ['read', 'write', 'destructive'] as const) expect(Math.abs(b.categories[c] - realShare(c))).toBeLessThan(0.08);
		expect(Math.abs(b.nameStyles.snake - realSnake)).toBeLessThan(0.06);
	});

	it('refuses impossible counts', () => {
		expect(() => [...generateCatalogue(profile, { servers: 10, tools: 5, seed: 'x' })]).toThrow(RangeError);
		expect(() => [...generateCatalogue(profile, { servers: 0, tools: 5, seed: 'x' })]).toThrow(RangeError);
		expect(() => [...generateCatalogue(profileOf([]), { servers: 1, tools: 1, seed: 'x' })]).toThrow(/no tools/);
	});
});

describe('the synthetic catalogue on disk', () => {
	const small = real.slice(0, 3);
	const smallProfile = profileOf(small);
	const temp = mkdtempSync(join(tmpdir(), 'toolrisk-synth-test-'));
	const contentRoot = resolve('content');
	afterAll(() => rmSync(temp, { recursive: true, force: true }));

	it('writes the real servers and the generated ones, and summarises both', () => {
		const out = join(temp, 'written');
		prepareOutput(out, contentRoot, out, 'a note\n');
		const progress: number[] = [];
		const written = writeSynthCatalogue(out, small, smallProfile, {
			servers: 7,
			tools: smallProfile.source.tools + 20,
			seed: 'files',
			noReal: false,
			compare: true,
			onProgress: (n) => progress.push(n),
		});
		expect(written).toMatchObject({ servers: 7, tools: smallProfile.source.tools + 20 });
		expect(progress).toEqual([4, 5, 6, 7]);
		expect(written.real?.servers).toBe(3);
		expect(written.generated?.servers).toBe(4);
		expect(readFileSync(join(out, MARKER), 'utf8')).toBe('a note\n');
		const back = readServers(out);
		expect(back).toHaveLength(7);
		expect(back.filter((s) => small.some((r) => r.slug === s.slug))).toHaveLength(3);
		// Written again: the folder is the generator's own, so it is emptied and rewritten to the same bytes.
		const first = readdirSync(out).map((n) => readFileSync(join(out, n), 'utf8'));
		prepareOutput(out, contentRoot, out, 'a note\n');
		expect(readdirSync(out)).toEqual([MARKER]);
		writeSynthCatalogue(out, small, smallProfile, {
			servers: 7,
			tools: smallProfile.source.tools + 20,
			seed: 'files',
			noReal: false,
			compare: false,
		});
		expect(readdirSync(out).map((n) => readFileSync(join(out, n), 'utf8'))).toEqual(first);
	});

	it('counts without the real servers when told to, and refuses totals that leave nothing to generate', () => {
		expect(generatedCounts(smallProfile, 3, { servers: 3, tools: 10, noReal: true })).toEqual({ servers: 3, tools: 10 });
		expect(() => generatedCounts(smallProfile, 3, { servers: 3, tools: 1000, noReal: false })).toThrow(UsageError);
		expect(() => generatedCounts(smallProfile, 3, { servers: 4, tools: smallProfile.source.tools, noReal: false })).toThrow(
			'must exceed the real catalogue copied in (3 servers',
		);
	});

	it('never writes into content/, nor empties a folder it did not make', () => {
		expect(() => prepareOutput(join(contentRoot, 'x'), contentRoot, 'content/x', '')).toThrow('generated catalogues never go in content/');
		expect(() => prepareOutput(contentRoot, contentRoot, 'content', '')).toThrow('never go in content/');
		const foreign = join(temp, 'foreign');
		mkdirSync(foreign);
		writeFileSync(join(foreign, 'notes.txt'), 'mine');
		expect(() => prepareOutput(foreign, contentRoot, 'foreign', '')).toThrow('foreign exists and was not made by this script');
		writeFileSync(join(foreign, MARKER), '');
		expect(() => prepareOutput(foreign, contentRoot, 'foreign', '')).toThrow('holds files other than content files');
		expect(readdirSync(foreign).sort()).toEqual([MARKER, 'notes.txt']);
	});

	it('describes the profile and puts the real catalogue beside the generated one', () => {
		const lines = describeProfile(smallProfile, 'some/dir');
		expect(lines[0]).toBe(`measured some/dir: 3 servers, ${smallProfile.source.tools} tools`);
		expect(lines.some((l) => l.startsWith('  tools per server      median '))).toBe(true);
		const a = summarise(small);
		const table = compareSummaries(a, a);
		expect(table[1]).toMatch(/^ {25}real {40} generated$/);
		expect(table).toContain(
			`  ${'tools per server'.padEnd(22)} ${`median ${a.toolsPerServer.median}, p90 ${a.toolsPerServer.p90}, mean ${a.toolsPerServer.mean}`.padEnd(44)} median ${a.toolsPerServer.median}, p90 ${a.toolsPerServer.p90}, mean ${a.toolsPerServer.mean}`,
		);
		expect(table.filter((l) => l.startsWith('  category '))).toHaveLength(Object.keys(a.categories).length);
	});
});
