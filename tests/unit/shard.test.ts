/**
 * Sharded builds: every process must agree on which shard renders which server, every server must be
 * rendered exactly once, and the shards must get about the same work.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignShards, currentShard, parseShard, PRIMARY_EXTRA_PER_SERVER, SOLE_SHARD } from '../../src/build/shard.ts';

describe('parseShard', () => {
	it.each([
		[undefined, SOLE_SHARD],
		['', SOLE_SHARD],
		['0/1', { index: 0, count: 1 }],
		['1/2', { index: 1, count: 2 }],
		[' 3/4 ', { index: 3, count: 4 }],
	])('reads %j', (text, shard) => {
		expect(parseShard(text)).toEqual(shard);
	});

	it.each(['2/2', '0/0', '1', 'a/b', '-1/2', '1/2/3', '1.5/2'])('refuses %j', (text) => {
		expect(() => parseShard(text)).toThrow(/TOOLRISK_SHARD: expected "<index>\/<count>"/);
	});

	it('comes from TOOLRISK_SHARD', () => {
		expect(currentShard({ TOOLRISK_SHARD: '1/3' })).toEqual({ index: 1, count: 3 });
		expect(currentShard({})).toEqual(SOLE_SHARD);
	});
});

const servers = fc.uniqueArray(fc.record({ slug: fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/), tools: fc.integer({ min: 1, max: 400 }) }), {
	selector: (s) => s.slug,
	maxLength: 300,
});

describe('assignShards', () => {
	it('puts every server in exactly one shard, the same one whatever the input order', () => {
		fc.assert(
			fc.property(servers, fc.integer({ min: 1, max: 5 }), (list, count) => {
				const a = assignShards(list, count);
				const b = assignShards([...list].reverse(), count);
				expect([...a.keys()].sort()).toEqual(list.map((s) => s.slug).sort());
				for (const s of list) {
					expect(a.get(s.slug)).toBe(b.get(s.slug));
					expect(a.get(s.slug)).toBeGreaterThanOrEqual(0);
					expect(a.get(s.slug)).toBeLessThan(count);
				}
			}),
		);
	});

	it('gives one shard everything', () => {
		const list = [
			{ slug: 'a', tools: 5 },
			{ slug: 'b', tools: 1 },
		];
		expect([...assignShards(list, 1).values()]).toEqual([0, 0]);
	});

	it('balances the work, counting the primary’s other pages', () => {
		fc.assert(
			fc.property(servers, fc.integer({ min: 2, max: 4 }), (list, count) => {
				const assigned = assignShards(list, count);
				const load = Array.from({ length: count }, (_, i) => (i === 0 ? list.length * PRIMARY_EXTRA_PER_SERVER : 0));
				for (const s of list) load[assigned.get(s.slug)!]! += s.tools;
				// Largest first onto the least loaded: no shard ends more than one server above another
				// unless the primary's head start alone puts it there.
				const largest = Math.max(0, ...list.map((s) => s.tools));
				const secondary = load.slice(1);
				expect(Math.max(...secondary) - Math.min(...secondary)).toBeLessThanOrEqual(largest);
				if (Math.min(...secondary) > load[0]!) expect(Math.min(...secondary) - load[0]!).toBeLessThanOrEqual(largest);
			}),
		);
	});

	it('splits a 250-server catalogue of equal servers about evenly between two shards', () => {
		const list = Array.from({ length: 250 }, (_, i) => ({ slug: `s${String(i).padStart(3, '0')}`, tools: 28 }));
		const assigned = assignShards(list, 2);
		const secondary = [...assigned.values()].filter((s) => s === 1).length * 28;
		const primary = [...assigned.values()].filter((s) => s === 0).length * 28 + 250 * PRIMARY_EXTRA_PER_SERVER;
		expect(Math.abs(primary - secondary)).toBeLessThanOrEqual(28);
	});
});
