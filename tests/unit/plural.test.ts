import { describe, expect, it } from 'vitest';
import { counted, nounFor } from '../../src/lib/text/plural.ts';

describe('counted', () => {
	it.each<[number, string, string | undefined, string]>([
		[0, 'tool', undefined, '0 tools'],
		[1, 'tool', undefined, '1 tool'],
		[2, 'tool', undefined, '2 tools'],
		[1204, 'server', undefined, '1,204 servers'],
		[1, 'entry', 'entries', '1 entry'],
		[3, 'entry', 'entries', '3 entries'],
	])('%d %s → %s', (n, singular, plural, expected) => {
		expect(counted(n, singular, plural)).toBe(expected);
	});
	it('nounFor gives the form alone', () => {
		expect(nounFor(1, 'tool')).toBe('tool');
		expect(nounFor(5, 'tool')).toBe('tools');
	});
});
