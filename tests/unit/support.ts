/** Helpers shared by several unit test files (not a test file itself: vitest only runs `*.test.ts`). */
import { existsSync, readFileSync } from 'node:fs';
import type { AttackEntry } from '../../src/lib/present/attacks.ts';
import { attackSchema, type AttackInput } from '../../src/lib/content/attack.ts';

/** Whether `pid` is a live process (a zombie awaiting its reaper counts as gone). */
export function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
	} catch {
		return false;
	}
	try {
		return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
	} catch {
		return !existsSync('/proc/self');
	}
}

/** A valid attack entry for tests, named `slug`, with `data` over a minimal verified pattern. */
export function testAttack(slug: string, data: Partial<AttackInput>): AttackEntry {
	return {
		slug,
		data: attackSchema.parse({
			title: slug,
			kind: 'pattern',
			summary: `A test entry called ${slug} for the unit tests.`,
			disclosed: '2025-01',
			disclosedBy: ['tests'],
			verification: 'verified',
			affected: {},
			controls: ['deny'],
			gatewayLimits: 'Nothing here is real; this entry exists for tests only.',
			sources: [{ title: 'test', url: 'https://example.com/' }],
			...data,
		}),
	};
}
