/** The site-check runner (src/verify/site-check.ts) in process; the CLI around it is run in site-integrity.test.ts. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSites, formatDeterminism, formatSiteCheck, type Determinism } from '../../src/verify/site-check.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const social =
	'<meta property="og:title" content="t"><meta property="og:description" content="d"><meta property="og:type" content="website"><meta property="og:site_name" content="toolrisk"><meta name="twitter:card" content="summary">';
const page = (body: string) =>
	`<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>t</title>${social}</head><body><main id="main">\n${body}\n</main></body></html>\n`;

describe('checkSites', () => {
	const temp = mkdtempSync(join(tmpdir(), 'toolrisk-site-check-test-'));
	afterAll(() => rmSync(temp, { recursive: true, force: true }));

	it('counts pages, data files and links per folder, and sorts the problems by file and line', async () => {
		const a = join(temp, 'a');
		const b = join(temp, 'b');
		mkdirSync(join(a, 'x'), { recursive: true });
		mkdirSync(b);
		writeFileSync(
			join(a, 'index.html'),
			page('<a href="/x/#top">ok</a>\n<a href="/gone/">broken</a>\n<a href="https://example.com/">out</a>'),
		);
		writeFileSync(join(a, 'x', 'index.html'), page('<h1 id="top">x</h1>\n<a href="/#nowhere">broken fragment</a>'));
		writeFileSync(join(a, 'data.json'), '{"a": 1}\n');
		writeFileSync(join(b, 'index.html'), page('<a href="#main">top</a>'));
		writeFileSync(join(b, 'bad.json'), '{\n');
		const result = await checkSites([a, b], { root: ROOT, jobs: 2 });
		expect(result.sites.map((s) => [s.pages, s.dataFiles, s.external, s.problems])).toEqual([
			[2, 1, 1, 2],
			[1, 1, 0, 1],
		]);
		expect(result.problems.map((p) => `${p.file.slice(temp.length + 1)}:${p.line}: ${p.check}`)).toEqual([
			'a/index.html:4: link',
			'a/x/index.html:4: link',
			'b/bad.json:2: json',
		]);
		expect(result.problems[1]!.message).toBe('href="/#nowhere": no element with id "nowhere" in index.html');

		const lines = formatSiteCheck(result, 1);
		expect(lines[0]).toMatch(/a\/index\.html:4:\d+: link: href="\/gone\/": no file in .* for \/gone\/$/);
		expect(lines[1]).toBe('... and 2 more');
		expect(lines[2]).toBe(
			`check-site: ${a}: 3 files; 2 pages validated and link-checked, 1 data files (JSON, NDJSON, YAML, XML) parsed; 4 URLs (3 internal targets, 1 external); 2 problems`,
		);
		expect(lines.at(-1)).toMatch(
			/^check-site: 3 problems; walk [\d.]+ s, pages [\d.]+ s on 2 worker threads, fragments [\d.]+ s \(1 target pages\); total [\d.]+ s$/,
		);
	});

	it('checks an empty folder without starting a worker', async () => {
		const empty = join(temp, 'empty');
		mkdirSync(empty);
		const result = await checkSites([empty], { root: ROOT, jobs: 4 });
		expect(result).toMatchObject({ problems: [], workers: 1 });
		expect(result.sites[0]).toMatchObject({ pages: 0, dataFiles: 0 });
	});
});

describe('formatDeterminism', () => {
	const d: Determinism = {
		dir: '/tmp/d',
		kept: true,
		builds: [61_000, 72_500],
		compareMs: 1500,
		files: 12_345,
		allowed: 0,
		differences: [
			{ file: 'a.html', message: 'line 3 differs' },
			{ file: 'b.html', message: 'only in one build' },
		],
	};

	it('lists the differences and closes with the counts and times', () => {
		expect(formatDeterminism(d, 1, 140_000)).toEqual([
			'a.html: determinism: line 3 differs',
			'... and 1 more',
			'check-site: determinism: 12,345 files in both builds, 2 differences, 0 allowed by 0 declared time-dependent patterns; builds 61.0 s + 72.5 s, compare 1.5 s; total 140.0 s; builds kept in /tmp/d',
		]);
	});
});
