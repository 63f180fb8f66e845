/** Starting and merging the shards of a build (src/build/site-build.ts), without running Astro. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
	AUTO_SHARD_SERVERS,
	autoShards,
	BuildError,
	BYTES_PER_SHARD,
	heapLimitMb,
	mergeShard,
	nodeOptionsWith,
	shardArgs,
	shardCount,
} from '../../src/build/site-build.ts';
import { UsageError } from '../../src/lib/content/errors.ts';

describe('how many shards', () => {
	it.each([
		[AUTO_SHARD_SERVERS - 1, 8, 64 * 1024 ** 3, 1],
		[AUTO_SHARD_SERVERS, 2, 64 * 1024 ** 3, 2],
		[AUTO_SHARD_SERVERS, 8, 3 * BYTES_PER_SHARD, 3],
		[AUTO_SHARD_SERVERS, 8, BYTES_PER_SHARD - 1, 1],
	])('%d servers on %d cores with %d bytes: %d', (servers, cores, memory, shards) => {
		expect(autoShards(servers, cores, memory)).toBe(shards);
	});

	it('takes a requested count over the automatic one, and refuses anything but a whole number of at least 1', () => {
		expect(shardCount(undefined, () => 3)).toBe(3);
		expect(shardCount('', () => 3)).toBe(3);
		expect(shardCount('2', () => 3)).toBe(2);
		for (const bad of ['0', '1.5', 'two', '-1']) expect(() => shardCount(bad, () => 1)).toThrow(UsageError);
	});
});

describe('build processes', () => {
	it('limit the heap to eight times the content, at least 2 GB, unless the caller set a limit', () => {
		expect(heapLimitMb(0)).toBe(2048);
		expect(heapLimitMb(1024 ** 3)).toBe(8192);
		expect(nodeOptionsWith(undefined, 4096)).toBe('--max-old-space-size=4096');
		expect(nodeOptionsWith('--import=x', 4096)).toBe('--import=x --max-old-space-size=4096');
		expect(nodeOptionsWith('--max-old-space-size=100', 4096)).toBe('--max-old-space-size=100');
	});

	it('hand astro the options given, and each secondary its own output folder', () => {
		expect(shardArgs(['--site', 'https://x'], 'dist-x', '/root/dist-x', 0)).toEqual(['--site', 'https://x', '--outDir', 'dist-x']);
		expect(shardArgs([], undefined, '/root/dist', 0)).toEqual([]);
		expect(shardArgs(['--verbose'], 'dist-x', '/root/node_modules/.astro/shard-1/dist', 1)).toEqual([
			'--verbose',
			'--outDir',
			'/root/node_modules/.astro/shard-1/dist',
		]);
	});
});

describe('mergeShard', () => {
	const temp = mkdtempSync(join(tmpdir(), 'toolrisk-merge-test-'));
	afterAll(() => rmSync(temp, { recursive: true, force: true }));
	const write = (path: string, text: string) => {
		mkdirSync(join(path, '..'), { recursive: true });
		writeFileSync(path, text);
	};

	it("moves the secondary's tool folders into the primary's output and removes the rest", () => {
		const out = join(temp, 'ok', 'dist');
		const shard = join(temp, 'ok', 'shard-1');
		write(join(out, '_astro', 'a.js'), 'same');
		write(join(out, 'tools', 'alpha', 't', 'index.html'), 'alpha');
		write(join(shard, '_astro', 'a.js'), 'same');
		write(join(shard, 'tools', 'beta', 't1', 'index.html'), 'beta 1');
		write(join(shard, 'tools', 'beta', 't2', 'index.html'), 'beta 2');
		write(join(shard, 'tools', 'beta', 't2.json'), '{}');
		write(join(shard, 'index.html'), 'not merged');
		expect(mergeShard(out, { index: 1, outDir: shard, pages: 2 })).toBe(2);
		expect(readFileSync(join(out, 'tools', 'beta', 't2', 'index.html'), 'utf8')).toBe('beta 2');
		expect(existsSync(join(out, 'tools', 'beta', 't2.json'))).toBe(true);
		expect(existsSync(shard)).toBe(false);
	});

	it('refuses shards that built different code, or the same server twice', () => {
		const out = join(temp, 'bad', 'dist');
		write(join(out, '_astro', 'a.js'), 'primary');
		write(join(out, 'tools', 'alpha', 't', 'index.html'), 'alpha');
		const differs = join(temp, 'bad', 'shard-1');
		write(join(differs, '_astro', 'a.js'), 'other');
		expect(() => mergeShard(out, { index: 1, outDir: differs, pages: 0 })).toThrow(
			new BuildError(
				"shard 2: its bundled asset _astro/a.js is not in the primary's output as the same bytes; the shards did not build the same code",
			),
		);
		const twice = join(temp, 'bad', 'shard-2');
		write(join(twice, 'tools', 'alpha', 't', 'index.html'), 'again');
		expect(() => mergeShard(out, { index: 2, outDir: twice, pages: 0 })).toThrow('shard 3: tools/alpha/ was also built by another shard');
	});
});
