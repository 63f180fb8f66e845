/**
 * Security terms people search by that attack entries may not spell out: the acronym (SSRF) for an
 * entry that says "server-side request forgery", and the reverse. An attack entry gets a term when its
 * title or summary names the acronym or one of the names as whole words, or when it maps to one of the
 * term's CWE weaknesses; its search document then carries the acronym and the names as search-only
 * metadata (`aliases` in search-index.ts), which Pagefind matches and ranks but never shows in an excerpt.
 */
import type { Attack } from '../content/attack.ts';

export interface SecurityTerm {
	acronym: string;
	/** Names of the same weakness, lower case, as people write them. */
	names: readonly string[];
	/** CWE ids whose entries count as this weakness. */
	cwe: readonly string[];
}

export const SECURITY_TERMS: readonly SecurityTerm[] = [
	{ acronym: 'SSRF', names: ['server-side request forgery', 'server side request forgery'], cwe: ['CWE-918'] },
	{
		acronym: 'RCE',
		names: ['remote code execution', 'arbitrary code execution', 'code execution', 'command execution', 'command injection'],
		cwe: ['CWE-77', 'CWE-78', 'CWE-94'],
	},
	{ acronym: 'XSS', names: ['cross-site scripting', 'cross site scripting'], cwe: ['CWE-79'] },
	{ acronym: 'SQLi', names: ['sql injection'], cwe: ['CWE-89'] },
	{
		acronym: 'LFI',
		names: ['local file inclusion', 'path traversal', 'directory traversal', 'arbitrary file read', 'sandbox escape'],
		cwe: ['CWE-22', 'CWE-23', 'CWE-59', 'CWE-98'],
	},
	{ acronym: 'CSRF', names: ['cross-site request forgery', 'cross site request forgery', 'dns rebinding'], cwe: ['CWE-352'] },
	{ acronym: 'XXE', names: ['xml external entity'], cwe: ['CWE-611'] },
	{
		acronym: 'IDOR',
		names: ['insecure direct object reference', 'broken access control', 'cross-tenant'],
		cwe: ['CWE-639', 'CWE-863'],
	},
	{ acronym: 'DoS', names: ['denial of service', 'denial of wallet', 'resource exhaustion'], cwe: ['CWE-400', 'CWE-770'] },
	{ acronym: 'EoP', names: ['privilege escalation', 'elevation of privilege'], cwe: ['CWE-269'] },
	{ acronym: 'PI', names: ['prompt injection'], cwe: ['CWE-1427'] },
];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A phrase as whole words, case-insensitive; hyphens and spaces between its words interchangeable. */
const phrase = (s: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(s).replace(/[- ]/g, '[- ]')}(?![\\p{L}\\p{N}])`, 'iu');

/** The terms an attack entry is about, in table order. */
export function termsOf(attack: Pick<Attack, 'title' | 'summary'> & { taxonomy?: { cwe?: readonly string[] } }): SecurityTerm[] {
	const text = `${attack.title}\n${attack.summary}`;
	const cwe = new Set(attack.taxonomy?.cwe ?? []);
	return SECURITY_TERMS.filter(
		(t) =>
			// Two-letter acronyms (PI) are too ambiguous to detect as words; they come from their names or CWE.
			(t.acronym.length > 2 && phrase(t.acronym).test(text)) || t.names.some((n) => phrase(n).test(text)) || t.cwe.some((c) => cwe.has(c)),
	);
}

/** The search-only aliases of an attack entry: each term's acronym and names, once. */
export function aliasesOf(attack: Parameters<typeof termsOf>[0]): string[] {
	return [...new Set(termsOf(attack).flatMap((t) => [t.acronym, ...t.names]))];
}
