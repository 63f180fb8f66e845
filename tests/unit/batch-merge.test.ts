/** Merging sharded batch jobs (src/ingest/batch/merge.ts, scripts/merge-scan-shards.ts) and the workflows that use them. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { mergeShards, type ShardOutput } from '../../src/ingest/batch/merge.ts';
import type { ScanOutcome, ScanRecord, ScanReport } from '../../src/lib/content/scan-report.ts';
import { ROOT } from './support.ts';

const record = (pkg: string, outcome: ScanOutcome, date = '2026-12-01T00:00:00Z'): ScanRecord =>
	outcome === 'catalogued'
		? { package: pkg, outcome, reason: `wrote ${pkg}.json`, slug: pkg, tools: 1, durationMs: 10, date }
		: { package: pkg, outcome, reason: outcome, durationMs: 10, date };
const report = (...records: ScanRecord[]): ScanReport => ({ scanner: 'toolrisk-scan/1', updatedAt: '2026-12-01T00:00:00Z', records });
const files = (entries: Record<string, string>) => new Map(Object.entries(entries));

const base = {
	report: report(record('a', 'catalogued'), record('b', 'crashed'), record('c', 'timed-out')),
	files: files({ 'a.json': 'A1' }),
};
const NEW = '2026-12-08T00:00:00Z';

describe('mergeShards', () => {
	it('takes from each shard what differs from the base, and only that', () => {
		const shards: ShardOutput[] = [
			{
				name: 's1',
				report: report(record('a', 'catalogued', NEW), record('b', 'crashed'), record('c', 'timed-out')),
				files: files({ 'a.json': 'A2' }),
			},
			{
				name: 's2',
				report: report(record('a', 'catalogued'), record('b', 'catalogued', NEW), record('c', 'timed-out')),
				files: files({ 'a.json': 'A1', 'b.json': 'B1' }),
			},
			{
				name: 's3',
				report: report(record('a', 'catalogued'), record('b', 'crashed'), record('c', 'timed-out')),
				files: files({ 'a.json': 'A1' }),
			},
		];
		const merged = mergeShards(base, shards);
		expect(merged.records.map((r) => [r.package, r.outcome])).toEqual([
			['a', 'catalogued'],
			['b', 'catalogued'],
		]);
		expect([...merged.files]).toEqual([
			['a.json', 'A2'],
			['b.json', 'B1'],
		]);
		expect(merged.perShard).toEqual([
			{ name: 's1', records: 1, files: 1 },
			{ name: 's2', records: 1, files: 1 },
			{ name: 's3', records: 0, files: 0 },
		]);
	});

	it('takes the same change from two shards once', () => {
		const same = { report: report(record('c', 'crashed', NEW)), files: files({ 'c.json': 'C' }) };
		const merged = mergeShards(base, [
			{ name: 's1', ...same },
			{ name: 's2', ...same },
		]);
		expect(merged.records).toHaveLength(1);
		expect(merged.files.size).toBe(1);
	});

	it('refuses two shards that changed the same package or file differently, naming both', () => {
		expect(() =>
			mergeShards(base, [
				{ name: 's1', report: report(record('c', 'crashed', NEW)), files: files({ 'a.json': 'A2' }) },
				{ name: 's2', report: report(record('c', 'catalogued', NEW)), files: files({ 'a.json': 'A3' }) },
			]),
		).toThrow(/the record of c differs between s1 and s2[\s\S]*a\.json differs between s1 and s2/);
	});
});

describe('npm run scan:merge', () => {
	let work = '';
	afterEach(() => work && rmSync(work, { recursive: true, force: true }));
	const write = (path: string, text: string) => {
		mkdirSync(join(path, '..'), { recursive: true });
		writeFileSync(path, text);
	};
	const run = (...args: string[]) =>
		spawnSync(process.execPath, [join(ROOT, 'scripts', 'merge-scan-shards.ts'), ...args], { cwd: work, encoding: 'utf8' });

	it('writes the changed records and files into the report and the content folder', () => {
		work = mkdtempSync(join(tmpdir(), 'toolrisk-merge-'));
		write(join(work, 'report.json'), JSON.stringify(base.report));
		write(join(work, 'servers', 'a.json'), 'A1');
		write(join(work, 's1', 'report.json'), JSON.stringify(report(record('a', 'catalogued'), record('b', 'catalogued', NEW))));
		write(join(work, 's1', 'servers', 'b.json'), 'B1');
		write(join(work, 's2', 'report.json'), JSON.stringify(report(record('c', 'catalogued', NEW))));
		write(join(work, 's2', 'servers', 'c.json'), 'C1');
		const result = run('--report', 'report.json', '--out', 'servers', 's1', 's2');
		expect(result.status, result.stderr).toBe(0);
		expect(result.stdout).toMatch(/merged 2 shards: 2 records and 2 content files/);
		const merged = JSON.parse(readFileSync(join(work, 'report.json'), 'utf8')) as ScanReport;
		expect(merged.records.map((r) => `${r.package}:${r.outcome}`)).toEqual(['a:catalogued', 'b:catalogued', 'c:catalogued']);
		expect(readFileSync(join(work, 'servers', 'b.json'), 'utf8')).toBe('B1');
		expect(readFileSync(join(work, 'servers', 'c.json'), 'utf8')).toBe('C1');
	});

	it('refuses an artifact without a report, and writes nothing', () => {
		work = mkdtempSync(join(tmpdir(), 'toolrisk-merge-'));
		write(join(work, 'report.json'), JSON.stringify(base.report));
		mkdirSync(join(work, 'empty'));
		const result = run('--report', 'report.json', '--out', 'servers', 'empty');
		expect(result.status).toBe(2);
		expect(result.stderr).toMatch(/expected report\.json/);
		expect(JSON.parse(readFileSync(join(work, 'report.json'), 'utf8'))).toEqual(base.report);
	});
});

describe('the CI workflows', () => {
	const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
	it.each(['rescan.yml', 'publish.yml'])('%s parses and runs only npm scripts that exist', (file) => {
		const workflow = parse(readFileSync(join(ROOT, '.github', 'workflows', file), 'utf8')) as {
			jobs: Record<string, { steps: { run?: string }[] }>;
		};
		const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.map((s) => s.run ?? ''));
		const used = runs.flatMap((r) => [...r.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!));
		expect(used.length).toBeGreaterThan(0);
		for (const name of used) expect(scripts, `${file}: npm run ${name}`).toHaveProperty([name]);
	});

	it('rescan.yml scans every share of its matrix and merges all of them', () => {
		const workflow = parse(readFileSync(join(ROOT, '.github', 'workflows', 'rescan.yml'), 'utf8')) as {
			jobs: { scan: { strategy: { matrix: { shard: number[] } }; steps: { run?: string }[] }; merge: { steps: { run?: string }[] } };
		};
		const shards = workflow.jobs.scan.strategy.matrix.shard;
		const scan = workflow.jobs.scan.steps.map((s) => s.run ?? '').join('\n');
		expect(scan).toContain(`--shard \${{ matrix.shard }}/${shards.length}`);
		const merge = workflow.jobs.merge.steps.map((s) => s.run ?? '').join('\n');
		for (const k of shards) expect(merge).toContain(`shards/shard-${k}`);
	});
});
