/**
 * What must stop a build or an import rather than reach a page: tool names that would share a URL on a
 * case-folding file system (an `astro build` of the colliding fixture, spawned as people run it), and
 * `javascript:` (or any non-http) URLs given to the import. And the site check itself: a checker that
 * never fails proves nothing, so it runs here on a small folder holding one of each problem it exists
 * to catch, and on a clean one.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareTrees } from '../../src/verify/site-determinism.mjs';
import { classifyUrl, fileFor, scanTags } from '../../src/verify/site-html.mjs';
import { parseServerFile } from '../../src/lib/content/server-file.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const COLLIDING_DIR = 'tests/fixtures/hostile/colliding-servers';

interface Run {
	status: number | null;
	output: string;
}

/** Runs this Node on `args` from the repository root; resolves with the exit code and all output. */
function run(args: string[], env: Record<string, string> = {}, timeout = 60_000): Promise<Run> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, args, {
			cwd: ROOT,
			env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
			timeout,
		});
		let output = '';
		child.stdout.on('data', (d: Buffer) => (output += d.toString()));
		child.stderr.on('data', (d: Buffer) => (output += d.toString()));
		child.on('error', reject);
		child.on('close', (status) => resolve({ status, output }));
	});
}

let temp: string;
beforeAll(async () => {
	temp = await mkdtemp(join(tmpdir(), 'toolrisk-site-integrity-'));
});
afterAll(async () => {
	await rm(temp, { recursive: true, force: true });
});

describe('names that collide after case folding', () => {
	it('are otherwise a valid content file, so only the collision can stop the build', () => {
		const file = join(COLLIDING_DIR, 'colliding.json');
		const server = parseServerFile(JSON.parse(readFileSync(join(ROOT, file), 'utf8')), file);
		expect(server.tools.map((t) => t.definition.name)).toEqual(['Send_Mail', 'send_mail']);
	});

	it('fail the build with the file and both tools named', { timeout: 60_000 }, async () => {
		const { status, output } = await run(
			[join(ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--outDir', join(temp, 'colliding-dist')],
			{
				TOOLRISK_CONTENT_DIR: COLLIDING_DIR,
				TOOLRISK_ATTACKS_DIR: 'tests/fixtures/hostile-attacks',
			},
		);
		expect(status).not.toBe(0);
		expect(output).toContain(
			`${COLLIDING_DIR}/colliding.json: tools[1] "send_mail" and tools[0] "Send_Mail" would share the URL /tools/colliding/send_mail/`,
		);
	});
});

describe('the import refuses non-http URLs', () => {
	const tools = join(ROOT, 'tests', 'fixtures', 'hostile', 'colliding-tools.json');
	const base = [
		join(ROOT, 'scripts', 'import.ts'),
		tools,
		'--slug',
		'js-url',
		'--name',
		'JS URL',
		'--npm',
		'x@1.0.0',
		'--obtained-at',
		'2026-11-22',
	];
	it.each([
		['--homepage', 'javascript:alert(1)', 'homepage'],
		['--repository', 'JavaScript:alert(1)', 'repository'],
		['--source-url', 'javascript:alert(document.domain)', 'provenance.sources[0].url'],
		['--remote', 'javascript:alert(1)', 'distributions[1].url'],
		['--homepage', 'data:text/html,<script>alert(1)</script>', 'homepage'],
	])('%s %s: exit 1 naming the field, nothing written', async (flag, url, field) => {
		const out = join(temp, `import-${flag.slice(2)}-${url.slice(0, 4)}`);
		const extra = flag === '--source-url' ? ['--source-title', 'a source', flag, url] : [flag, url];
		const { status, output } = await run([...base, ...extra, '--out', out]);
		expect(status).toBe(1);
		expect(output).toContain(`  - ${field}: expected an http(s) URL`);
		expect(() => readdirSync(out)).toThrow();
	});
});

describe('the site check', () => {
	it('reads tags, attributes and entities the way a browser does', () => {
		const tags: [string, Record<string, string>][] = [];
		scanTags(
			'<!-- <a href="/x"> --><script>if (a<b) "<a href=/y>"</script><A HREF="/a?x=1&amp;y=2" id=z title=\'>\'>t</A><img src=/i.png alt="">',
			(name, attributes) => tags.push([name, Object.fromEntries(attributes)]),
		);
		expect(tags).toEqual([
			['script', {}],
			['a', { href: '/a?x=1&y=2', id: 'z', title: '>' }],
			['img', { src: '/i.png', alt: '' }],
		]);
		expect(classifyUrl(' java\tscript:alert(1)', '/', undefined)).toEqual({ kind: 'bad', reason: 'a javascript: URL' });
		expect(classifyUrl('https://toolrisk.dev/a/#b', '/', 'https://toolrisk.dev')).toEqual({ kind: 'internal', path: '/a/', fragment: 'b' });
		expect(classifyUrl('../b/', '/a/c/', undefined)).toEqual({ kind: 'internal', path: '/a/b/', fragment: '' });
		expect(classifyUrl('mailto:a@example.com', '/', undefined)).toEqual({ kind: 'external' });
		const files = new Set(['index.html', 'a/index.html', 'a.json']);
		expect([fileFor('/', files), fileFor('/a/', files), fileFor('/a', files), fileFor('/a.json', files), fileFor('/b/', files)]).toEqual([
			'index.html',
			'a/index.html',
			'a/index.html',
			'a.json',
			undefined,
		]);
	});

	it('reports each kind of problem with file and line, and exits 1', { timeout: 60_000 }, async () => {
		const dist = join(temp, 'broken');
		const page = (title: string, body: string) =>
			`<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>${title}</title><link rel="canonical" href="https://toolrisk.dev/"></head>\n<body><main id="main">\n${body}\n</main></body>\n</html>\n`;
		mkdirSync(join(dist, 'b'), { recursive: true });
		writeFileSync(
			join(dist, 'index.html'),
			page(
				'Home',
				[
					'<a href="#main">ok</a> <a href="/b/#there">ok</a> <a href="/b">ok</a> <a href="https://example.com/">ok</a>',
					'<a href="/missing/">a broken link</a>',
					'<a href="#nowhere">a broken fragment</a>',
					'<a href="/b/#gone">a broken fragment elsewhere</a>',
					'<a href="java&#9;script:alert(1)">a javascript link</a>',
					'<a href="https://toolrisk.dev/lost/">a broken link on our own origin</a>',
					'<p>a raw escape \u001b[31m</p>',
					'<div><span>unclosed</div>',
				].join('\n'),
			),
		);
		writeFileSync(join(dist, 'b', 'index.html'), page('B', '<h1 id="there">B</h1>'));
		writeFileSync(join(dist, 'bad.json'), '{"a": 1,}\n');
		writeFileSync(join(dist, 'bad.yaml'), 'a: [1\n');
		writeFileSync(join(dist, 'bad.xml'), '<?xml version="1.0"?>\n<feed><entry></feed>\n');
		writeFileSync(join(dist, 'bad.ndjson'), '{"a":1}\n{"b":\n');
		const { status, output } = await run([join(ROOT, 'scripts', 'check-site.ts'), dist, '--jobs', '1']);
		expect(status).toBe(1);
		const at = (line: number, text: string) => expect(output).toMatch(new RegExp(`${dist}/index\\.html:${line}:\\d+: ${text}`));
		at(6, 'link: href="/missing/": no file');
		at(7, 'link: href="#nowhere": no element with id "nowhere" on this page');
		at(8, 'link: href="/b/#gone": no element with id "gone" in b/index.html');
		at(9, 'link: href="java\tscript:alert\\(1\\)" is a javascript: URL');
		at(10, 'link: href="https://toolrisk.dev/lost/": no file');
		at(11, 'characters: U\\+001B is not allowed');
		at(12, 'html-validate/close-order');
		at(1, 'metadata: missing <meta property="og:title">.*<meta name="twitter:card">');
		expect(output).toContain(`${dist}/bad.json:1:9: json:`);
		expect(output).toMatch(new RegExp(`${dist}/bad\\.yaml:\\d+:\\d+: yaml:`));
		expect(output).toMatch(new RegExp(`${dist}/bad\\.xml:2:\\d+: xml:`));
		expect(output).toContain(`${dist}/bad.ndjson:2:1: ndjson:`);
		expect(output).not.toContain('href="#main"');
		expect(output).not.toContain('/b/#there');
		expect(output).toMatch(/check-site: \d+ problems; walk/);
	});

	it('passes a clean folder and exits 0', { timeout: 60_000 }, async () => {
		const dist = join(temp, 'clean');
		mkdirSync(dist, { recursive: true });
		const social =
			'<meta property="og:title" content="Home"><meta property="og:description" content="d"><meta property="og:type" content="website"><meta property="og:site_name" content="toolrisk"><meta name="twitter:card" content="summary">';
		writeFileSync(
			join(dist, 'index.html'),
			`<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Home</title>${social}</head><body><main id="main"><a href="#main">Top</a></main></body></html>\n`,
		);
		const { status, output } = await run([join(ROOT, 'scripts', 'check-site.ts'), dist]);
		expect(output).toContain('check-site: 0 problems');
		expect(status).toBe(0);
	});

	it('compares two builds file by file', async () => {
		const [a, b] = [join(temp, 'build-a'), join(temp, 'build-b')];
		for (const dir of [a, b]) {
			mkdirSync(join(dir, 'x'), { recursive: true });
			writeFileSync(join(dir, 'x', 'same.html'), 'same\n');
			writeFileSync(join(dir, 'a-b'), 'same\n');
		}
		writeFileSync(join(a, 'x', 'differs.html'), 'line one\nbuilt 2026-11-22\n');
		writeFileSync(join(b, 'x', 'differs.html'), 'line one\nbuilt 2027-12-28\n');
		writeFileSync(join(a, 'only-a.txt'), '');
		const result = await compareTrees(a, b);
		expect(result.files).toBe(3);
		expect(result.differences.map((d) => [d.file, d.message.split(':')[0]])).toEqual([
			['only-a.txt', 'only in the first build'],
			['x/differs.html', 'line 2 differs'],
		]);
	});
});
