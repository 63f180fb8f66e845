/** Folders moved aside for later deletion (src/build/set-aside.ts), as build and bench use them. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteInBackground, setAside } from '../../src/build/set-aside.ts';

let root: string;
beforeEach(() => void (root = mkdtempSync(join(tmpdir(), 'toolrisk-aside-'))));
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('setAside', () => {
	it('moves a non-empty folder to a hidden sibling, contents and all', () => {
		const dir = join(root, 'dist');
		mkdirSync(join(dir, 'tools'), { recursive: true });
		writeFileSync(join(dir, 'tools', 'a.html'), 'a');
		const aside = setAside(dir)!;
		expect(existsSync(dir)).toBe(false);
		expect(aside.startsWith(join(root, '.dist.toolrisk-old-'))).toBe(true);
		expect(readFileSync(join(aside, 'tools', 'a.html'), 'utf8')).toBe('a');
	});

	it('gives each folder moved its own name', () => {
		const names = ['x', 'x'].map(() => {
			mkdirSync(join(root, 'x'));
			writeFileSync(join(root, 'x', 'f'), '');
			return setAside(join(root, 'x'));
		});
		expect(new Set(names).size).toBe(2);
	});

	it.each([
		['a folder that does not exist', false],
		['an empty folder', true],
	])('leaves %s where it is', (_, make) => {
		const dir = join(root, 'd');
		if (make) mkdirSync(dir);
		expect(setAside(dir)).toBeUndefined();
		expect(existsSync(dir)).toBe(make);
	});

	it('deletes folders in a background process', async () => {
		const dir = join(root, 'gone');
		mkdirSync(join(dir, 'deep'), { recursive: true });
		writeFileSync(join(dir, 'deep', 'f'), 'x');
		deleteInBackground([dir]);
		for (let i = 0; i < 100 && existsSync(dir); i++) await new Promise((r) => setTimeout(r, 50));
		expect(existsSync(dir)).toBe(false);
	});
});
