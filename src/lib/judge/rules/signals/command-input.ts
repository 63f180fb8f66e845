import { IDENTIFIER_CODE_WORDS, identifierCodeDescription } from '../../lexicon.ts';
import type { SignalRule } from '../../types.ts';
import { lastTwo, paramEvidence } from './_helpers.ts';

const LAST = new Set([
	'command',
	'commands',
	'cmd',
	'script',
	'scripts',
	'code',
	'shell',
	'bash',
	'exec',
	'program',
	'snippet',
	'javascript',
	'js',
	'python',
	'eval',
	'expression',
	'powershell',
	'cmdline',
	'argv',
]);
/** `code` after these words is an identifier, not source code (`country_code`, `status_code`; lexicon.ts). */
const NOT_SOURCE = IDENTIFIER_CODE_WORDS;
/** `expression` is only code when the description says so (cron and math expressions are common). */
const CODE_CONTEXT = /\b(javascript|js|python|shell|bash|command|script|code|eval)\b/i;

/** Parameters that take a command line, a script or source code to run. */
export const commandInput: SignalRule = {
	id: 'signal/command-input',
	signal: 'command-input',
	detect(ctx) {
		return ctx.parameters.flatMap((p) => {
			const [last, prev] = lastTwo(p.tokens);
			if (last === undefined || !LAST.has(last)) return [];
			if (last === 'code' && prev !== undefined && NOT_SOURCE.has(prev)) return [];
			// A bare `code` documented as an identifier ("Coupon code", "Verification code") names a record, not a program.
			if (last === 'code' && identifierCodeDescription(p.description)) return [];
			// A boolean or a number (`includeSnippet`, `exit_code`) carries no program.
			if (p.types.length > 0 && !p.types.includes('string') && !p.types.includes('array')) return [];
			if (last === 'expression' && !CODE_CONTEXT.test(`${p.description ?? ''} ${ctx.description}`)) return [];
			return [paramEvidence(this.id, p)];
		});
	},
};
