import { describe, expect, it } from 'vitest';
import { parseArguments, tryCall } from '../../src/lib/policy/try-call.ts';

const POLICY = {
	version: '1',
	default: 'deny',
	hide: ['secret_tool'],
	tools: {
		read_file: {
			rules: [
				{
					name: 'path: no path traversal',
					conditions: [{ path: 'args.path', op: 'regex', value: '^([^.]|\\.[^.])*\\.?$' }],
					on_deny: 'no ..',
				},
			],
		},
		list: { rules: [] },
		drop: { rules: [{ name: 'deny', action: 'deny', on_deny: 'drop is blocked' }] },
	},
};

describe('parseArguments', () => {
	it.each([
		['', { ok: true, args: {} }],
		['{"a": 1}', { ok: true, args: { a: 1 } }],
	])('reads %j', (text, expected) => {
		expect(parseArguments(text)).toEqual(expected);
	});
	it.each([['[1]'], ['"x"'], ['null'], ['{']])('refuses %j', (text) => {
		expect(parseArguments(text).ok).toBe(false);
	});
});

describe('tryCall', () => {
	it.each<[string, Record<string, unknown>, boolean, string, RegExp]>([
		['read_file', { path: 'a/b.txt' }, true, '"path: no path traversal"', /^Allowed: read_file is listed and the call passed every rule/],
		[
			'read_file',
			{ path: '../x' },
			false,
			'path: no path traversal',
			/^Refused: rule "path: no path traversal" requires args\.path regex .*\[INTERCEPT POLICY DENIED\] no \.\./,
		],
		['read_file', {}, false, 'path: no path traversal', /^Refused: rule "path: no path traversal"/],
		['list', {}, true, '(listed with no rules)', /^Allowed: list is listed with no rules/],
		['drop', {}, false, 'deny', /^Refused: rule "deny" denies every call\. The agent reads: \[INTERCEPT POLICY DENIED\] drop is blocked$/],
		['secret_tool', {}, false, '(hidden)', /^Refused: the tool is hidden/],
		['other', {}, false, '(default deny)', /^Refused: the policy does not list the tool and denies by default/],
	])('%s %j: allowed %s, decided by %s', (tool, args, allowed, rule, text) => {
		const o = tryCall(POLICY, tool, args);
		expect(o.allowed).toBe(allowed);
		expect(o.rule).toBe(rule);
		expect(o.text).toMatch(text);
	});
	it('says when the policy would not load', () => {
		const o = tryCall({ version: '2', tools: {} }, 'x', {});
		expect(o.allowed).toBe(false);
		expect(o.text).toMatch(/^The policy would not load/);
	});
});
