/** Which packages a batch scans, its summary line and its progress lines (src/ingest/batch/select.ts, src/ingest/progress.ts). */
import { describe, expect, it } from 'vitest';
import { parseServerList } from '../../src/ingest/batch/server-list.ts';
import { batchSummary, parseShard, selectEntries } from '../../src/ingest/batch/select.ts';
import { Progress } from '../../src/ingest/batch/progress.ts';
import type { ScanOutcome, ScanRecord } from '../../src/lib/content/scan-report.ts';

const entries = parseServerList('package\n@a/one\ntwo\nthree@1.0.0\nfour\n', 'list.tsv');
const last = new Map<string, ScanOutcome>([
	['@a/one', 'catalogued'],
	['two', 'crashed'],
	['three', 'needs-credentials'],
]);
const names = (selected: { package: string }[]) => selected.map((e) => e.package);

describe('selectEntries', () => {
	it.each([
		[{}, ['@a/one', 'two', 'three@1.0.0', 'four']],
		[{ packages: ['four', '@a/one@2.0.0'] }, ['@a/one', 'four']],
		[{ new: true }, ['four']],
		[{ failed: true }, ['two', 'three@1.0.0', 'four']],
		[{ outcome: ['crashed', 'needs-credentials'] }, ['two', 'three@1.0.0']],
		[{ failed: true, limit: 2.7 }, ['two', 'three@1.0.0']],
		[{ shard: { index: 1, count: 2 } }, ['@a/one', 'three@1.0.0']],
		[{ shard: { index: 2, count: 2 } }, ['two', 'four']],
		[{ shard: { index: 3, count: 3 } }, ['three@1.0.0']],
		[{ failed: true, shard: { index: 1, count: 2 } }, ['two', 'four']],
		[{ shard: { index: 5, count: 5 } }, []],
	])('%j selects %j', (selection, expected) => {
		expect(names(selectEntries(entries, last, selection, 'list.tsv'))).toEqual(expected);
	});

	it('splits any selection into disjoint shares that together hold all of it, each within one of the same size', () => {
		const many = parseServerList(`package\n${Array.from({ length: 23 }, (_, i) => `p${i}`).join('\n')}\n`, 'list.tsv');
		for (const count of [1, 2, 3, 4, 7, 23, 30]) {
			const shares = Array.from({ length: count }, (_, i) =>
				names(selectEntries(many, new Map(), { shard: { index: i + 1, count } }, 'l')),
			);
			expect(shares.flat().sort()).toEqual(names(many).sort());
			const sizes = shares.map((s) => s.length);
			expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
		}
	});

	it.each([
		['1/1', { index: 1, count: 1 }],
		['2/4', { index: 2, count: 4 }],
		[' 4/4 ', { index: 4, count: 4 }],
	])('reads --shard %j', (text, expected) => {
		expect(parseShard(text)).toEqual(expected);
	});

	it.each(['0/4', '5/4', '1/0', '2', '1/2/3', 'a/b', '-1/2', '1/257', ''])('refuses --shard %j', (text) => {
		expect(() => parseShard(text)).toThrow(/--shard: expected k\/N/);
	});

	it('refuses packages that are not on the list, naming the list', () => {
		expect(() => selectEntries(entries, last, { packages: ['five', 'two'] }, 'list.tsv')).toThrow('not in list.tsv: five');
	});
});

const record = (pkg: string, outcome: ScanOutcome, extra: Partial<ScanRecord> = {}): ScanRecord =>
	({ package: pkg, outcome, reason: `${outcome}\nmore`, durationMs: 1234, ...extra }) as ScanRecord;

describe('batch output', () => {
	it('sums up the outcomes and the tools catalogued', () => {
		const records = [
			record('a', 'catalogued', { tools: 3 }),
			record('b', 'crashed', { tools: 9 }),
			record('c', 'catalogued', { tools: 2 }),
		];
		expect(batchSummary(records, 12, 'report.json')).toBe(
			'3 packages in 12 s: 2 catalogued, 1 crashed; 5 tools catalogued. Report: report.json',
		);
	});

	it('prints plain lines off a terminal', () => {
		let out = '';
		const progress = new Progress(2, false, { write: (t: string) => (out += t) });
		progress.line('scanning 2 packages');
		progress.start('a');
		progress.start('b');
		progress.finish('a', record('a', 'catalogued', { version: '1.0.0', tools: 3 }));
		progress.end();
		expect(out).toBe(
			'scanning 2 packages\nstart a\nstart b\na@1.0.0 catalogued (3 tools) in 1.2 s: catalogued\n  [1/2] catalogued 1 · failed 0 · remaining 1 · running b\n',
		);
	});

	it('rewrites one status line on a terminal, cut to its width', () => {
		let out = '';
		const progress = new Progress(1, true, { write: (t: string) => (out += t), columns: 20 });
		progress.start('a');
		progress.finish('a', record('a', 'crashed'));
		progress.end();
		expect(out).toBe('\r\u001b[K[0/1] catalogued 0 \r\u001b[Ka crashed in 1.2 s: crashed\n\r\u001b[K[1/1] catalogued 0 \r\u001b[K');
	});
});
