/**
 * documentSafe (what the middleware applies to every HTML page) and jsonMayHoldUnsafe (which lets a
 * tool page skip it): the quick test on a server's JSON text must never say "clean" for text that
 * documentSafe would change.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentSafe, jsonMayHoldUnsafe } from '../../src/lib/text/visible-text.ts';

describe('documentSafe', () => {
	it.each([
		['term_\u001b[31m', 'term_\u241b[31m'],
		['nul\u0000', 'nul\u2400'],
		['del\u007f', 'del\u2421'],
		['c1\u0085', 'c1\ufffd'],
		['non\ufdd0\ufffe\u{1fffe}', 'non\ufffd\ufffd\ufffd'],
		['lone\ud800', 'lone\ufffd'],
		['tab\tnl\ncr\r', 'tab\tnl\ncr\r'],
		['emoji 😀 ok', 'emoji 😀 ok'],
	])('%j becomes %j', (input, output) => expect(documentSafe(input)).toBe(output));
});

describe('jsonMayHoldUnsafe', () => {
	it('says yes for every string documentSafe would change, as JSON.stringify writes it', () => {
		const nasty = fc.constantFrom(
			'\u0000',
			'\u001b',
			'\u007f',
			'\u0085',
			'\u009f',
			'\ufdd0',
			'\uffff',
			'\u{1fffe}',
			'\u{10ffff}',
			'\ud800',
			'\udfff',
			'\\u001b',
			'"',
			'\\',
		);
		const text = fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), nasty), { maxLength: 6 }).map((p) => p.join(''));
		fc.assert(
			fc.property(text, (s) => documentSafe(s) === s || jsonMayHoldUnsafe(JSON.stringify({ name: s }))),
			{ numRuns: 5000, seed: 3 },
		);
	});
	it('says no for the real catalogue’s usual text', () => {
		expect(
			jsonMayHoldUnsafe(JSON.stringify({ name: 'send_message', description: 'Sends a message — “quoted”, café, 😀.\n\tIndented.' })),
		).toBe(false);
	});
});
