/**
 * What classify makes of its options and files (src/ingest/classify-input.ts), in process; the command itself
 * is run in classify-cli.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
	checkOutPath,
	classifyRequest,
	isContentFile,
	subServerEntries,
	toolsFromText,
	type ClassifyOptions,
} from '../../src/ingest/classify-input.ts';
import type { ArgToken } from '../../src/ingest/server-options.ts';
import { DataError, UsageError } from '../../src/lib/content/errors.ts';

const file = (value: string): ArgToken => ({ kind: 'positional', value });

describe('classifyRequest', () => {
	it('takes one file, or a live server with its arguments, and the output format', () => {
		expect(classifyRequest({ policy: 'policylayer' }, [file('tools.json')])).toEqual({
			file: 'tools.json',
			args: [],
			format: 'policylayer',
		});
		expect(
			classifyRequest({ command: 'node' }, [{ kind: 'option', name: 'arg', value: 'a' }, { kind: 'option-terminator' }, file('b')]),
		).toEqual({
			file: undefined,
			args: [
				{ kind: 'literal', value: 'a' },
				{ kind: 'literal', value: 'b' },
			],
			format: undefined,
		});
	});

	it.each<[ClassifyOptions, ArgToken[], string]>([
		[{ command: 'a', npm: 'b' }, [], 'give at most one of --command, --npm or --url'],
		[{}, [], 'give a tools-list JSON file'],
		[{}, [file('a'), file('b')], 'give one file, not 2: a, b'],
		[{ url: 'https://x' }, [file('a')], 'not both'],
		[{ url: 'https://x', env: ['A=1'] }, [], '--env and server arguments apply to --command and --npm'],
		[{ npm: 'x', header: ['A: b'] }, [], '--header applies to --url'],
		[{ command: 'x', bin: 'y' }, [], '--bin and --cache apply to --npm'],
		[{ 'total-timeout': '5' }, [file('a')], 'apply to live listings'],
		[{ policy: 'yaml' }, [file('a')], '--policy "yaml": expected intercept or policylayer'],
		[{ policy: 'intercept', json: true }, [file('a')], '--json and --policy are different outputs; give one'],
		[{ name: '  ' }, [file('a')], '--name: expected a non-empty name'],
	])('refuses %j %j', (values, tokens, message) => {
		expect(() => classifyRequest(values, tokens)).toThrow(UsageError);
		expect(() => classifyRequest(values, tokens)).toThrow(message);
	});
});

describe('classify inputs', () => {
	it('never writes into content/', () => {
		expect(checkOutPath('policy.yaml', '/repo', '/repo')).toBe('/repo/policy.yaml');
		expect(checkOutPath('../content-notes.yaml', '/repo', '/repo/sub')).toBe('/repo/content-notes.yaml');
		for (const out of ['content', 'content/new-folder/x.json', '/repo/content/a'])
			expect(() => checkOutPath(out, '/repo', '/repo')).toThrow('classify never writes into content/');
	});

	it('tells content files from tool lists', () => {
		expect(isContentFile({ tools: [{ definition: { name: 'a' } }] })).toBe(true);
		expect(isContentFile({ tools: [{ name: 'a' }] })).toBe(false);
		expect(isContentFile({ tools: [] })).toBe(false);
	});

	it('reads a tools list with its name, and names the source in every problem', async () => {
		const listing = await toolsFromText(
			'{"name": " Notes ", "tools": [{"name": "read_note", "inputSchema": {"type": "object"}}]}',
			'notes.json',
		);
		expect(listing).toMatchObject({ name: 'Notes', label: 'notes.json' });
		expect(listing.entries.map((e) => e.definition.name)).toEqual(['read_note']);
		await expect(toolsFromText('{', 'bad.json')).rejects.toThrow(DataError);
		await expect(toolsFromText('{"name": "x", "inputSchema": {}}', '(stdin)')).rejects.toThrow('wrap it in [ ]');
	});

	it('picks the tools of one sub-server', () => {
		const entries = [
			{ definition: { name: 'a' }, subServer: 'hub' },
			{ definition: { name: 'b' }, subServer: 'core' },
			{ definition: { name: 'c' } },
		];
		expect(subServerEntries({ entries, name: undefined, label: 'f' }, 'core').map((e) => e.definition.name)).toEqual(['b']);
		expect(() => subServerEntries({ entries, name: undefined, label: 'f' }, 'x')).toThrow('--sub-server x: expected one of hub, core');
		expect(() => subServerEntries({ entries: [entries[2]!], name: undefined, label: 'f' }, 'x')).toThrow('f names no sub-servers');
	});
});
