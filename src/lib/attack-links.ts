/**
 * Placeholder links to attack patterns until the attack database exists: the well-known pattern names
 * that abuse each signal or category, with one line on why each applies. No pages yet, so no links.
 */
import type { Judgement } from './classify/types.ts';
import type { Category, SignalId } from './taxonomy.ts';

export interface AttackHint {
	pattern: string;
	why: string;
}

const BY_SIGNAL: Partial<Record<SignalId, AttackHint>> = {
	'instruction-text': { pattern: 'Tool poisoning', why: 'the description itself carries text aimed at the model.' },
	'hidden-text': { pattern: 'Tool poisoning with invisible characters', why: 'characters a reviewer cannot see can carry instructions.' },
	'untrusted-content': { pattern: 'Indirect prompt injection', why: 'the tool returns text written by third parties straight into the agent’s context.' },
	credentials: { pattern: 'Credential exfiltration', why: 'secrets passed as arguments can be copied out by an injected agent.' },
	recipient: { pattern: 'Data exfiltration through an outbound channel', why: 'the agent chooses who receives what it sends.' },
	'url-input': { pattern: 'Server-side request forgery (SSRF)', why: 'the agent chooses the URL the server fetches or posts to.' },
	'command-input': { pattern: 'Command injection', why: 'argument text becomes a command the server runs.' },
	'raw-query': { pattern: 'Query injection', why: 'the agent writes the query the database runs.' },
	'file-path': { pattern: 'Path traversal', why: 'the agent chooses which file is read or written.' },
	'raw-content': { pattern: 'Phishing and markup injection', why: 'the agent writes raw HTML or message bodies that others will read.' },
};

const BY_CATEGORY: Record<Category, AttackHint> = {
	read: { pattern: 'Reconnaissance by an injected agent', why: 'reading is how an injected agent finds what to take.' },
	write: { pattern: 'Runaway agent loop', why: 'a looping agent repeats writes faster than anyone can review them.' },
	execute: { pattern: 'Remote code execution through the agent', why: 'whoever steers the agent steers what runs.' },
	destructive: { pattern: 'Destructive action by a hijacked agent', why: 'one injected call deletes what cannot be restored.' },
	financial: { pattern: 'Unauthorised payment by a hijacked agent', why: 'one injected call moves real money.' },
};

/** Most specific first: signal-based patterns, then the category's. */
export function attackHints(j: Judgement): AttackHint[] {
	const hints = j.signals.flatMap((s) => (BY_SIGNAL[s.id] ? [BY_SIGNAL[s.id]!] : []));
	return [...hints, BY_CATEGORY[j.category]];
}
