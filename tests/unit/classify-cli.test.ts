/**
 * The classify command, run as people run it (a child Node process): the table, `--json` and
 * `--policy` outputs on content-like tool lists, a live listing of a fake server, and clear failures with
 * the right exit codes (1 bad input, 2 bad usage) that never write anything.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { importToolsList } from '../../src/ingest/import.ts';
import { validateInterceptPolicy } from '../../src/lib/policy/intercept-schema.ts';
import { validatePolicyLayerPolicy } from '../../src/lib/policy/policylayer-schema.ts';
import {
	classifyEntries,
	printable,
	renderPolicy,
	signalSummary,
	toJson,
	type ClassifiedToolJson,
} from '../../src/lib/present/classify-report.ts';
import { fixtureServerPath } from './support.ts';

// Each test starts the CLI (a Node process loading the classifier) several times; on a busy two-core machine
// that takes far longer than the default 20 s, so this file allows 90 s a test.
vi.setConfig({ testTimeout: 90_000 });

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'scripts', 'classify.ts');
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'classify-cli');
const AGENTMAIL = join(FIXTURES, 'agentmail-tools-list.json');
const HOSTILE = join(FIXTURES, 'hostile-tools.json');
const RESEARCH = join(ROOT, 'tests', 'fixtures', 'import', 'seed-research.json');
const FAKE_SERVER = join(ROOT, 'tests', 'fixtures', 'fake-servers', 'good.mjs');

interface Run {
	status: number | null;
	stdout: string;
	stderr: string;
}

/**
 * Runs the CLI with this Node and a bare environment. Asynchronous so the (concurrent) tests overlap:
 * each run spends most of its half second loading modules.
 */
function classify(args: string[], input?: string): Promise<Run> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '' }, timeout: 20_000 });
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
		child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
		child.once('error', reject);
		child.once('close', (status) => resolve({ status, stdout, stderr }));
		child.stdin.end(input ?? '');
	});
}

/** The in-process result the CLI must agree with. */
function expected(file: string) {
	return classifyEntries(importToolsList(JSON.parse(readFileSync(file, 'utf8'))).entries);
}

let work: string;
beforeAll(async () => {
	work = await mkdtemp(join(tmpdir(), 'toolrisk-classify-test-'));
});
afterAll(async () => {
	await rm(work, { recursive: true, force: true });
});

describe.concurrent('classify: table', () => {
	it('prints an aligned row per tool with category, level and signals with field paths', async () => {
		const run = await classify([AGENTMAIL]);
		expect(run.status, run.stderr).toBe(0);
		const lines = run.stdout.split('\n');
		expect(lines[0]).toBe('agentmail-tools-list: 11 tools');
		const header = lines.find((l) => l.startsWith('TOOL'))!;
		const row = lines.find((l) => l.startsWith('send_message '))!;
		expect(row).toMatch(/^send_message\s+write\s+medium\s+/);
		expect(row).toContain(
			'raw-content(html) url-input(attachments[].url) file-path(attachments[].filename) recipient(to,cc,bcc) many-parameters(inputSchema)',
		);
		// Columns line up under the header.
		for (const column of ['CATEGORY', 'LEVEL', 'SIGNALS']) {
			const at = header.indexOf(column);
			for (const name of ['send_message', 'delete_inbox', 'list_inboxes']) {
				const line = lines.find((l) => l.startsWith(`${name} `))!;
				expect(line[at - 1], `${name} / ${column}`).toBe(' ');
				expect(line[at], `${name} / ${column}`).not.toBe(' ');
			}
		}
		expect(lines.find((l) => l.startsWith('delete_inbox '))).toMatch(/^delete_inbox\s+destructive\s+critical\s+-$/);
		expect(run.stdout).toContain('categories: 5 read, 5 write, 1 destructive');
		expect(run.stdout).toContain('levels: 5 low, 5 medium, 1 critical');
	});

	it('uses known parameters from a research file and its name', async () => {
		const run = await classify([RESEARCH, '--name', 'Research excerpt']);
		expect(run.status, run.stderr).toBe(0);
		expect(run.stdout.split('\n')[0]).toBe('Research excerpt: 6 tools');
		expect(run.stdout).toMatch(/^send_message\s+write\s+medium\s+credentials\(secret\) raw-content\(body\)$/m);
		expect(run.stdout).toMatch(/^agentwork_send_message\s+write\s+medium\s+credentials\(api_key\)$/m);
	});

	it('reads a catalogue content file as well', async () => {
		const run = await classify([join(ROOT, fixtureServerPath('wingman-gateway'))]);
		expect(run.status, run.stderr).toBe(0);
		expect(run.stdout.split('\n')[0]).toBe('Gateway: 3 tools');
		expect(run.stdout).toMatch(/^send_message\s+write\s+medium\s+credentials\(secret\) raw-content\(body\)$/m);
	});

	it('reads standard input for -', async () => {
		const run = await classify(['-'], readFileSync(AGENTMAIL, 'utf8'));
		expect(run.status, run.stderr).toBe(0);
		expect(run.stdout).toMatch(/^send_message\s+write\s+medium/m);
	});

	it('neutralises control and invisible characters in names, and explains raised levels', async () => {
		const run = await classify([HOSTILE]);
		expect(run.status, run.stderr).toBe(0);
		expect(run.stdout).not.toContain('\u001b');
		expect(run.stdout).not.toContain('\u202e');
		expect(run.stdout).toContain('get_fact\\u{1B}[2J\\u{1B}[31m');
		// The ANSI escapes in the name are hidden text too; the description names ~/.ssh/id_rsa.
		expect(run.stdout).toMatch(
			/^get_fact\S*\s+read\s+high\*\s+instruction-text\(description\) hidden-text\(name\) sensitive-reference\(description\)$/m,
		);
		expect(run.stdout).toMatch(/^add_comment\\u\{202E\}\s+write\s+high\*\s+hidden-text\(name,description\)$/m);
		expect(run.stdout).toContain('level/poisoning-indicator: Raised from low to high');
	});
});

describe.concurrent('classify: --json', () => {
	it('prints the judgements as a JSON array matching the library', async () => {
		const run = await classify([AGENTMAIL, '--json']);
		expect(run.status, run.stderr).toBe(0);
		const parsed = JSON.parse(run.stdout) as ClassifiedToolJson[];
		expect(parsed).toEqual(toJson(expected(AGENTMAIL)));
		const send = parsed.find((t) => t.name === 'send_message')!;
		expect(send).toMatchObject({ category: 'write', level: 'medium' });
		expect(send).not.toHaveProperty('levelRule');
		expect(send.signals.map((s) => [s.id, s.evidence.map((e) => e.field)])).toEqual([
			['raw-content', ['html']],
			['url-input', ['attachments[].url']],
			['file-path', ['attachments[].filename']],
			['recipient', ['to', 'cc', 'bcc']],
			['many-parameters', ['inputSchema']],
		]);
		expect(Object.keys(send).sort()).toEqual(['annotations', 'category', 'categoryEvidence', 'level', 'name', 'signals']);
	});

	it('includes levelRule where a named rule moved the level', async () => {
		const parsed = JSON.parse((await classify([HOSTILE, '--json'])).stdout) as ClassifiedToolJson[];
		expect(parsed[0]?.name).toBe('get_fact\u001b[2J\u001b[31m');
		expect(parsed[0]?.levelRule?.rule).toBe('level/poisoning-indicator');
	});
});

describe.concurrent('classify: --policy', () => {
	it('prints a valid Intercept policy for every tool', async () => {
		const run = await classify([AGENTMAIL, '--policy', 'intercept', '--name', 'Agentmail']);
		expect(run.status, run.stderr).toBe(0);
		const doc = parseYaml(run.stdout) as { description: string; tools: Record<string, unknown> };
		expect(validateInterceptPolicy(doc)).toEqual([]);
		expect(Object.keys(doc.tools)).toHaveLength(11);
		expect(doc.description).toMatch(/^Agentmail: starter policy/);
		expect(run.stdout).toBe(renderPolicy(expected(AGENTMAIL), 'Agentmail', 'intercept'));
	});

	it('prints a valid PolicyLayer policy', async () => {
		const run = await classify([AGENTMAIL, '--policy', 'policylayer']);
		expect(run.status, run.stderr).toBe(0);
		expect(validatePolicyLayerPolicy(JSON.parse(run.stdout))).toEqual([]);
	});

	it('emits argument checks for execute tools', async () => {
		const run = await classify([HOSTILE, '--policy', 'intercept']);
		expect(run.status, run.stderr).toBe(0);
		const doc = parseYaml(run.stdout) as { tools: Record<string, { rules: { conditions?: { path: string }[] }[] }> };
		expect(validateInterceptPolicy(doc)).toEqual([]);
		expect(doc.tools['run_shell']?.rules.flatMap((r) => r.conditions ?? []).map((c) => c.path)).toEqual(['args.command', 'args.cwd']);
	});

	it('writes to --out and prints nothing on stdout', async () => {
		const out = join(work, 'nested', 'policy.yaml');
		const run = await classify([AGENTMAIL, '--policy', 'intercept', '--out', out]);
		expect(run.status, run.stderr).toBe(0);
		expect(run.stdout).toBe('');
		expect(run.stderr).toContain('wrote');
		expect(validateInterceptPolicy(parseYaml(readFileSync(out, 'utf8')))).toEqual([]);
	});

	it('refuses duplicate tool names, pointing at --sub-server for monorepos', async () => {
		expect((await classify([RESEARCH, '--policy', 'intercept'])).status).toBe(0);
		const research = JSON.parse(readFileSync(RESEARCH, 'utf8')) as { tools: Record<string, unknown>[] };
		const doubled = JSON.stringify({ tools: [...research.tools, research.tools[3]] });
		const failed = await classify(['-', '--policy', 'intercept'], doubled);
		expect(failed.status).toBe(1);
		expect(failed.stderr).toContain('"list_mounted_tools" (tools[3], tools[6])');
		expect(failed.stderr).toContain('--sub-server');
		const picked = await classify(['-', '--policy', 'intercept', '--sub-server', 'automagik'], doubled);
		expect(picked.status, picked.stderr).toBe(0);
		expect(Object.keys((parseYaml(picked.stdout) as { tools: object }).tools)).toEqual(['get_service_info']);
	});
});

describe.concurrent('classify: a live server', () => {
	it('lists a stdio server with --command and classifies its tools', async () => {
		const run = await classify(['--command', process.execPath, '--json', '--', FAKE_SERVER]);
		expect(run.status, run.stderr).toBe(0);
		const parsed = JSON.parse(run.stdout) as ClassifiedToolJson[];
		expect(parsed.map((t) => [t.name, t.category])).toEqual([
			['read_note', 'read'],
			['write_note', 'write'],
			['delete_note', 'destructive'],
		]);
	});

	it('reports a server that fails to list as bad input', async () => {
		const run = await classify([
			'--command',
			process.execPath,
			'--connect-timeout',
			'5',
			'--',
			join(ROOT, 'tests', 'fixtures', 'fake-servers', 'garbage-stdout.mjs'),
		]);
		expect(run.status).toBe(1);
		expect(run.stderr).toMatch(/^classify: listing failed \(/m);
	});
});

describe.concurrent('classify: failures', () => {
	it.each([
		{ label: 'a missing file', args: ['no/such/tools.json'], fragment: 'no/such/tools.json is invalid:\n  - cannot read the file' },
		{ label: 'invalid JSON', args: ['-'], input: '{"tools": [', fragment: '(stdin) is invalid:\n  - not valid JSON' },
		{ label: 'not a tools list', args: ['-'], input: '{"servers": []}', fragment: 'expected a tools/list result' },
		{ label: 'a single tool', args: [join(ROOT, 'tests', 'fixtures', 'policies', 'read-tool', 'tool.json')], fragment: 'wrap it in [ ]' },
		{
			label: 'a tool name of the wrong type',
			args: ['-'],
			input: '[{"name": 42, "inputSchema": {}}, {"name": "ok", "inputSchema": {"type": "object"}}]',
			fragment: 'tools[0].name: Invalid input: expected string',
		},
		{
			label: 'an inputSchema that is not an object',
			args: ['-'],
			input: '[{"name": "x", "inputSchema": "object"}]',
			fragment: 'tools[0].inputSchema',
		},
		{ label: 'an empty list', args: ['-'], input: '{"tools": []}', fragment: 'the list is empty' },
	])('exits 1 on $label with a clear message', async ({ args, input, fragment }) => {
		const run = await classify(args, input);
		expect(run.status).toBe(1);
		expect(run.stdout).toBe('');
		expect(run.stderr).toContain(fragment);
		expect(run.stderr).not.toMatch(/\n\s+at /);
	});

	it.each([
		{ label: 'no file', args: [], fragment: 'give a tools-list JSON file' },
		{ label: 'two files', args: [AGENTMAIL, HOSTILE], fragment: 'give one file, not 2' },
		{
			label: 'an unknown policy format',
			args: [AGENTMAIL, '--policy', 'yaml'],
			fragment: '--policy "yaml": expected intercept or policylayer',
		},
		{ label: '--json with --policy', args: [AGENTMAIL, '--json', '--policy', 'intercept'], fragment: 'give one' },
		{ label: 'an unknown option', args: [AGENTMAIL, '--frobnicate'], fragment: 'frobnicate' },
		{ label: 'a file and a live server', args: [AGENTMAIL, '--url', 'https://example.com/mcp'], fragment: 'not both' },
		{ label: 'server arguments without a server', args: [AGENTMAIL, '--', 'x'], fragment: 'need --command or --npm' },
		{ label: 'an unknown sub-server', args: [RESEARCH, '--sub-server', 'nope'], fragment: 'expected one of hub, automagik' },
		{ label: 'a live-only option on a file', args: [AGENTMAIL, '--connect-timeout', '5'], fragment: 'apply to live listings' },
		{ label: '--header without --url', args: ['--command', 'true', '--header', 'A: b'], fragment: '--header applies to --url' },
		{ label: 'an empty --name', args: [AGENTMAIL, '--name', ' '], fragment: '--name: expected a non-empty name' },
	])('exits 2 on $label', async ({ args, fragment }) => {
		const run = await classify(args);
		expect(run.status).toBe(2);
		expect(run.stdout).toBe('');
		expect(run.stderr).toContain(fragment);
		expect(run.stderr).toContain('--help');
	});

	it.each([
		{ label: 'a file in content/', target: join('content', 'classify-test-output.json') },
		{ label: 'a file in a new folder under content/', target: join('content', 'classify-test-output', 'policy.json') },
	])('never writes into content/: $label', async ({ target }) => {
		const before = await readdir(join(ROOT, 'content'));
		const run = await classify([AGENTMAIL, '--policy', 'policylayer', '--out', target]);
		expect(run.status).toBe(2);
		expect(run.stderr).toContain('never writes into content/');
		expect(existsSync(join(ROOT, target))).toBe(false);
		expect(await readdir(join(ROOT, 'content'))).toEqual(before);
	});

	it('prints usage with --help and exits 0', async () => {
		const run = await classify(['--help']);
		expect(run.status).toBe(0);
		expect(run.stdout).toContain('usage:');
		expect(run.stdout).toContain('--policy intercept|policylayer');
	});
});

describe('classify-report helpers', () => {
	it('summarises signals with their fields, each field once', () => {
		const [send] = expected(AGENTMAIL).filter((t) => t.name === 'send_message');
		expect(signalSummary(send!.judgement)).toBe(
			'raw-content(html) url-input(attachments[].url) file-path(attachments[].filename) recipient(to,cc,bcc) many-parameters(inputSchema)',
		);
	});

	it('escapes control, bidirectional and zero-width characters for terminals', () => {
		expect(printable('a\u001b[31mb\u0007c\u202ed\u200be\u{E0041}f')).toBe('a\\u{1B}[31mb\\u{7}c\\u{202E}d\\u{200B}e\\u{E0041}f');
		expect(printable('plain_name-1.0 ünïcode 🚀')).toBe('plain_name-1.0 ünïcode 🚀');
	});
});
