/** The content security policies: the tool pages' is the site's without the allowances they do not need. */
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, TOOL_PAGE_CSP } from '../../src/lib/present/csp.ts';

const directives = (policy: string) => new Map(policy.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)]));

describe('content security policies', () => {
	it('never allow inline scripts or eval, and always forbid plugins, <base> and foreign form targets', () => {
		for (const policy of [CONTENT_SECURITY_POLICY, TOOL_PAGE_CSP]) {
			const d = directives(policy);
			expect(d.get('default-src')).toEqual(["'self'"]);
			expect(d.get('script-src') ?? d.get('default-src')).not.toContain("'unsafe-inline'");
			expect(d.get('script-src') ?? d.get('default-src')).not.toContain("'unsafe-eval'");
			expect(d.get('object-src')).toEqual(["'none'"]);
			expect(d.get('base-uri')).toEqual(["'none'"]);
			expect(d.get('form-action')).toEqual(["'self'"]);
		}
	});

	it("the tool pages' policy allows only this origin: no WebAssembly, workers, data: images or inline styles", () => {
		expect(TOOL_PAGE_CSP).not.toMatch(/unsafe|blob:|data:/);
		for (const [name] of directives(TOOL_PAGE_CSP)) expect(directives(CONTENT_SECURITY_POLICY).has(name)).toBe(true);
	});
});
