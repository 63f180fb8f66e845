import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crc32, safeName, zipStore } from '../../src/lib/stack/zip.ts';

const enc = (s: string) => new TextEncoder().encode(s);

describe('zipStore', () => {
	it.each([
		['', 0],
		['123456789', 0xcbf43926],
		['The quick brown fox jumps over the lazy dog', 0x414fa339],
	])('crc32(%j) = %i', (text, crc) => {
		expect(crc32(enc(text))).toBe(crc);
	});

	it.each([
		['a/b.yaml', 'a/b.yaml'],
		['/etc/passwd', 'etc/passwd'],
		['../../x', 'x'],
		['a\\..\\b', 'a/b'],
		['', 'file'],
		['n\u0000l\n.yaml', 'n_l_.yaml'],
	])('safeName(%j) = %j', (name, safe) => {
		expect(safeName(name)).toBe(safe);
	});

	it('writes an archive unzip tests clean and unpacks byte for byte, UTF-8 names included', () => {
		const files = [
			{ name: 'claude_desktop_config.json', data: enc('{"mcpServers": {}}\n') },
			{ name: 'policies/srv.intercept.yaml', data: enc('version: "1"\ndefault: deny\ntools: {}\n') },
			{ name: 'policies/ünïcødé ✓.yaml', data: enc('x: 1\n') },
			{ name: 'empty.txt', data: new Uint8Array() },
		];
		const dir = mkdtempSync(join(tmpdir(), 'zip-'));
		try {
			const path = join(dir, 'out.zip');
			writeFileSync(path, zipStore(files, new Date(2026, 11, 2, 23, 10, 30)));
			expect(execFileSync('unzip', ['-t', path], { encoding: 'utf8' })).toContain('No errors detected');
			// Python's zipfile reads the UTF-8 flag whatever the locale (Info-ZIP's unzip follows the locale).
			const read = execFileSync(
				'python3',
				[
					'-c',
					'import zipfile,sys,json; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(json.dumps({n: z.read(n).decode() for n in z.namelist()}))',
					path,
				],
				{ encoding: 'utf8' },
			);
			expect(JSON.parse(read)).toEqual(Object.fromEntries(files.map((f) => [f.name, new TextDecoder().decode(f.data)])));
			expect(readFileSync(path).subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
			expect(execFileSync('unzip', ['-l', path], { encoding: 'utf8' })).toMatch(/(12-02-2026|2026-12-02) 23:10/);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
