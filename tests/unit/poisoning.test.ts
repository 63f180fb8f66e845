/**
 * Tool-poisoning indicators on labelled corpora (tests/fixtures/poisoning, see its README):
 *
 * - benign.json: every tool of the curated catalogue plus hand-written tricky-but-ordinary definitions.
 *   No indicator may fire on any of them: precision 1.0 on the benign set. That it still holds every
 *   curated description of the live catalogue is poisoning.catalogue.test.ts.
 * - hostile.json: poisoned definitions, each listing the exact indicators it must fire.
 * - borderline.json: legitimate tools that fire by design (the README says why); asserted as labelled.
 * - known-misses.json: poisoned definitions the phrase rules do not catch yet; asserted as misses, so
 *   an improvement is noticed and the entry moves to hostile.json.
 *
 * The numbers `scripts/poisoning-report.ts` prints are asserted here too.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CORPORA, loadCorpus } from '../../scripts/poisoning-report.ts';
import {
	INDICATORS,
	detectIndicators,
	scorePoisoning,
	stillMissed,
	type CorpusEntry,
	type Detection,
} from '../../src/lib/judge/poisoning.ts';
import { formatReport } from '../../src/lib/present/poisoning-report.ts';
import { classifyTool } from '../../src/lib/judge/classify.ts';
import { POISONING_SIGNALS } from '../../src/lib/judge/registry.ts';
import { listParameters } from '../../src/lib/content/parameters.ts';
import { toolPolicy } from '../../src/lib/policy/facts.ts';
import type { McpTool } from '../../src/lib/content/mcp-tool.ts';
import { RISK_LEVELS, SIGNALS, levelOfCategory, type SignalId } from '../../src/lib/taxonomy.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'poisoning');

const benign = loadCorpus(DEFAULT_CORPORA.benign);
const hostile = loadCorpus(DEFAULT_CORPORA.hostile);
const borderline = loadCorpus(join(FIXTURES, 'borderline.json'));
const knownMisses = loadCorpus(DEFAULT_CORPORA.knownMisses);

const count = (entries: readonly CorpusEntry[], id: SignalId) => entries.filter((e) => e.expect?.includes(id)).length;
const sorted = (ids: readonly SignalId[]) => [...ids].sort();

/** Anything a reader could not see, including variation selectors: evidence must carry none of it. */
const INVISIBLE =
	/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFE00-\uFE0F\uFEFF\u{E0000}-\u{E0FFF}]/u;

describe('the corpora', () => {
	it('are large enough and cover every indicator and technique the issue names', () => {
		expect(benign.length).toBeGreaterThanOrEqual(300);
		expect(hostile.length).toBeGreaterThanOrEqual(60);
		expect(INDICATORS).toEqual(['instruction-text', 'hidden-text', 'sensitive-reference', 'cross-tool-reference']);
		for (const id of INDICATORS) expect(count(hostile, id), id).toBeGreaterThanOrEqual(15);

		const text = (e: CorpusEntry) => JSON.stringify(e.definition);
		const has = (pattern: RegExp) => hostile.filter((e) => pattern.test(text(e))).length;
		// The published demo shape: an add tool hiding <IMPORTANT> orders to read mcp.json and id_rsa into `sidenote`.
		const demo = hostile.find((e) => e.definition.name === 'add');
		expect(demo?.definition.description).toMatch(/<IMPORTANT>[\s\S]*mcp\.json[\s\S]*id_rsa[\s\S]*<\/IMPORTANT>/);
		expect(Object.keys((demo?.definition.inputSchema?.['properties'] ?? {}) as object)).toContain('sidenote');
		// JSON.stringify escapes C0 controls (so ESC reads \u001b) but leaves other characters as they are.
		expect(has(/[\u200B-\u200D]/), 'zero-width').toBeGreaterThanOrEqual(3);
		expect(has(/[\u{E0000}-\u{E007F}]/u), 'tag characters').toBeGreaterThanOrEqual(3);
		expect(has(/\u202E/), 'right-to-left override').toBeGreaterThanOrEqual(2);
		expect(has(/\\u001b\[/), 'ANSI escapes').toBeGreaterThanOrEqual(2);
		expect(has(/[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/u), 'variation selectors').toBeGreaterThanOrEqual(2);
		const long = hostile.filter((e) => (e.definition.description?.length ?? 0) >= 5000);
		expect(long.length).toBeGreaterThanOrEqual(4);
		expect(hostile.filter((e) => e.id.includes('shadow')).length).toBeGreaterThanOrEqual(2);
	});
});

describe('poisoning indicators', () => {
	it('fire on no benign definition (precision 1.0 on the benign set)', () => {
		const fired = benign.flatMap((e) => {
			const d = detectIndicators(e.definition);
			return d.fired.length > 0 ? [{ id: e.id, evidence: d.evidence.map((x) => `${x.rule} ${x.field}: ${x.match}`) }] : [];
		});
		expect(fired).toEqual([]);
	});

	it('fire on every hostile definition exactly as labelled', () => {
		const wrong = hostile.flatMap((e) => {
			const { fired } = detectIndicators(e.definition);
			return sorted(fired).join() === sorted(e.expect ?? []).join()
				? []
				: [{ id: e.id, expected: sorted(e.expect ?? []), fired: sorted(fired) }];
		});
		expect(wrong).toEqual([]);
	});

	it('fire on the borderline tools as the README decides', () => {
		for (const e of borderline) expect(sorted(detectIndicators(e.definition).fired), e.id).toEqual(sorted(e.expect ?? []));
	});

	it('still miss the known misses (move an entry to hostile.json once it is caught)', () => {
		expect(stillMissed(knownMisses).map((e) => e.id)).toEqual(knownMisses.map((e) => e.id));
	});

	it('quote short evidence, free of the hidden characters themselves, at real field paths', () => {
		for (const e of hostile) {
			const j = classifyTool({ definition: e.definition });
			for (const s of j.signals.filter((x) => POISONING_SIGNALS.has(x.id))) {
				for (const ev of s.evidence) {
					expect(ev.rule, e.id).toBe(`signal/${s.id}`);
					expect(ev.match.length, e.id).toBeLessThanOrEqual(120);
					expect(ev.match, e.id).not.toMatch(INVISIBLE);
					expect(ev.field, e.id).toMatch(
						/^(name|title|annotations\.title|description|inputSchema \(description\)|.+ \((description|default|enum)\)|[^()]+)$/,
					);
				}
			}
		}
	});

	it('report hidden characters by code, and say what smuggled runs spell', () => {
		const hidden = (id: string) => {
			const entry = hostile.find((e) => e.id === id);
			if (!entry) throw new Error(id);
			return detectIndicators(entry.definition).evidence.filter((x) => x.rule === 'signal/hidden-text');
		};
		expect(hidden('hostile/zero-width-sprinkled')).toEqual([
			{ rule: 'signal/hidden-text', source: 'description', field: 'description', match: 'U+200B U+200C U+200D U+2060' },
		]);
		expect(hidden('hostile/rtl-override-name')).toEqual([{ rule: 'signal/hidden-text', source: 'name', field: 'name', match: 'U+202E' }]);
		expect(hidden('hostile/ansi-clear-name')[0]?.match).toBe('U+001B; escape sequences U+001B[2J U+001B[31m');
		expect(hidden('hostile/tag-smuggling-benign-word')[0]?.match).toBe('5 tag characters (U+E0000–U+E007F); spelling "hello"');
		expect(hidden('hostile/vs-smuggling-short')[0]?.match).toBe('U+E0158 U+E0159; spelling "hi"');
		expect(hidden('hostile/hangul-filler-param')[0]).toMatchObject({ source: 'schema', field: '\u3164', match: 'U+3164' });
	});

	it('raise the level to high with a named rule, and make the policy hide the tool', () => {
		for (const e of hostile) {
			const j = classifyTool({ definition: e.definition });
			expect(RISK_LEVELS[j.level].rank, e.id).toBeGreaterThanOrEqual(RISK_LEVELS.high.rank);
			if (RISK_LEVELS[levelOfCategory(j.category)].rank < RISK_LEVELS.high.rank)
				expect(j.levelRule?.rule, e.id).toBe('level/poisoning-indicator');
			const policy = toolPolicy(e.definition, j, listParameters(e.definition.inputSchema ?? {}).parameters);
			expect(policy.treatment, e.id).toBe('hide');
		}
		for (const e of benign.slice(0, 50)) {
			const j = classifyTool({ definition: e.definition });
			expect(toolPolicy(e.definition, j, listParameters(e.definition.inputSchema ?? {}).parameters).treatment, e.id).not.toBe('hide');
		}
	});

	it('has a label and an explanation for each new indicator', () => {
		for (const id of ['sensitive-reference', 'cross-tool-reference'] as const) {
			expect(SIGNALS[id].label.length, id).toBeGreaterThan(10);
			expect(SIGNALS[id].why.length, id).toBeGreaterThan(40);
		}
	});
});

describe('scripts/poisoning-report.ts', () => {
	it('scores the corpora: every indicator at precision and recall 1.0, with the counts the fixtures imply', () => {
		const report = scorePoisoning(benign, hostile);
		const total = benign.length + hostile.length;
		expect(report).toMatchObject({ benign: benign.length, hostile: hostile.length, mismatches: [] });
		for (const id of INDICATORS) {
			const tp = count(hostile, id);
			expect(report.perIndicator[id], id).toEqual({ tp, fp: 0, fn: 0, tn: total - tp, precision: 1, recall: 1 });
		}
		const decisions = hostile.reduce((n, e) => n + (e.expect?.length ?? 0), 0);
		expect(report.micro).toEqual({ tp: decisions, fp: 0, fn: 0, tn: total * INDICATORS.length - decisions, precision: 1, recall: 1 });
		expect(report.perDefinition).toEqual({ tp: hostile.length, fp: 0, fn: 0, tn: benign.length, precision: 1, recall: 1 });
	});

	it('does the arithmetic right when detection is imperfect', () => {
		const def = (name: string): McpTool => ({ name });
		const entries = (ids: string[], expect?: SignalId[]): CorpusEntry[] =>
			ids.map((id) => ({ id, definition: def(id), ...(expect && { expect }) }));
		const fake: Record<string, SignalId[]> = {
			b1: [],
			b2: ['hidden-text'], // false positive
			h1: ['instruction-text'], // true positive
			h2: [], // false negative
			h3: ['instruction-text', 'cross-tool-reference'], // one right, one extra
		};
		const detect = (d: McpTool): Detection => ({ fired: fake[d.name] ?? [], evidence: [] });
		const report = scorePoisoning(entries(['b1', 'b2']), entries(['h1', 'h2', 'h3'], ['instruction-text']), detect);
		expect(report.perIndicator['instruction-text']).toEqual({ tp: 2, fp: 0, fn: 1, tn: 2, precision: 1, recall: 2 / 3 });
		expect(report.perIndicator['hidden-text']).toEqual({ tp: 0, fp: 1, fn: 0, tn: 4, precision: 0, recall: null });
		expect(report.perIndicator['cross-tool-reference']).toEqual({ tp: 0, fp: 1, fn: 0, tn: 4, precision: 0, recall: null });
		expect(report.perIndicator['sensitive-reference']).toEqual({ tp: 0, fp: 0, fn: 0, tn: 5, precision: null, recall: null });
		expect(report.micro).toEqual({ tp: 2, fp: 2, fn: 1, tn: 15, precision: 0.5, recall: 2 / 3 });
		expect(report.perDefinition).toEqual({ tp: 2, fp: 1, fn: 1, tn: 1, precision: 2 / 3, recall: 2 / 3 });
		expect(report.mismatches.map((m) => m.id)).toEqual(['b2', 'h2', 'h3']);
		const text = formatReport(report);
		expect(text).toMatch(/^instruction-text\s+2\s+0\s+1\s+2\s+1\.000\s+0\.667$/m);
		expect(text).toMatch(/^sensitive-reference\s+0\s+0\s+0\s+5\s+n\/a\s+n\/a$/m);
		expect(text).toContain('3 mismatches:');
	});

	it('refuses a hostile entry without labels, and corpora with unknown fields or indicators', () => {
		expect(() => scorePoisoning([], [{ id: 'x', definition: { name: 'x' } }])).toThrow(/lists no expected indicator/);
		expect(() => loadCorpus(join(FIXTURES, 'README.md'))).toThrow();
	});

	it('prints the table and exits 0 from the command line', () => {
		const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'poisoning-report.ts')], { encoding: 'utf8', timeout: 20_000 });
		expect(run.status, run.stderr).toBe(0);
		expect(run.stdout).toMatch(new RegExp(`^corpora: ${benign.length} benign definitions, ${hostile.length} hostile definitions$`, 'm'));
		expect(run.stdout).toMatch(/^any indicator \(per definition\)\s+\d+\s+0\s+0\s+\d+\s+1\.000\s+1\.000$/m);
		expect(run.stdout).toContain('known misses');
	});
});
