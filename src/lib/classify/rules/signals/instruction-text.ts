import type { Evidence, SignalRule } from '../../types.ts';
import { clip } from '../../tokens.ts';

/** Patterns of text aimed at the model rather than the user: the hallmarks of tool poisoning. */
const PATTERNS: readonly RegExp[] = [
	/<\s*\/?\s*(important|system|instructions?|secret|hidden|admin)\s*>/i,
	/\bignore\s+(all\s+|any\s+)?(the\s+)?(previous|prior|above|earlier|other)\s+(instructions?|prompts?|messages?|rules)/i,
	/\b(do\s+not|don't|never)\s+(tell|inform|mention|reveal|show|disclose|notify)\b[^.]{0,40}\buser\b/i,
	/\b(without|before)\s+(telling|informing|asking|notifying)\s+the\s+user\b/i,
	/(~\/\.ssh|id_rsa|id_ed25519|\/etc\/passwd|\.aws\/credentials|\.npmrc|\bmcp\.json\b|\.env\b)/i,
	/\b(you|the (assistant|model|ai))\s+(must|should|have to)\s+(always\s+)?(first\s+)?(read|send|include|pass|upload|call)\b[^.]{0,80}\b(secret|password|key|token|credential|file)s?\b/i,
];

/** Scans the description and every parameter description for instruction-like text. */
export const instructionText: SignalRule = {
	id: 'signal/instruction-text',
	signal: 'instruction-text',
	detect(ctx) {
		const texts: [string, string, Evidence['source']][] = [['description', ctx.description, 'description']];
		for (const p of ctx.parameters) if (p.description) texts.push([`${p.path} (description)`, p.description, p.knownOnly ? 'known-parameter' : 'schema']);
		const found: Evidence[] = [];
		for (const [field, text, source] of texts) {
			for (const re of PATTERNS) {
				const m = re.exec(text);
				if (m) {
					found.push({ rule: this.id, source, field, match: clip(m[0], 80) });
					break;
				}
			}
		}
		return found;
	},
};
