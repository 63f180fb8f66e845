/**
 * RE2 compatibility check for regex patterns we put into gateway policies.
 *
 * The Intercept proxy is written in Go, whose `regexp` package implements RE2: linear-time matching
 * with no look-around and no back-references. A pattern that JavaScript's `RegExp` accepts can still be
 * refused by the proxy at load time, which would make the whole policy file unusable. `re2js` is a port
 * of the same parser, so compiling with it here reproduces the proxy's verdict (and its error wording)
 * at build time.
 */
import { RE2JS } from 're2js';

/** The verdict of {@link checkRe2}: either the pattern compiles, or why it does not. */
export type Re2Check = { ok: true } | { ok: false; error: string };

/**
 * Checks that `pattern` compiles under RE2 semantics (Go `regexp` with its default Perl-like flags).
 * Rejects look-ahead `(?=…)`/`(?!…)`, look-behind `(?<=…)`/`(?<!…)`, back-references `\1`/`\k<name>`,
 * possessive and atomic constructs and plain syntax errors. RE2, not JavaScript, is the authority: a
 * pattern is not additionally run through `RegExp`. The error is the parser's own message, so a policy
 * author sees the offending fragment (e.g. ``invalid or unsupported Perl syntax: `(?=` ``).
 */
export function checkRe2(pattern: string): Re2Check {
	try {
		RE2JS.compile(pattern);
		return { ok: true };
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		return { ok: false, error: message || 'pattern does not compile under RE2' };
	}
}
