/**
 * What a failed listing means: the outcome recorded for a package (needs credentials, crashed, timed out,
 * invalid output...) and the one-line reason.
 */
import { type ScanOutcome } from '../../lib/content/scan-report.ts';
import { ScanError } from '../mcp-list.ts';

const AUTH_TEXT =
	/unauthori[sz]ed|oauth|client[ _-]?secret|service[ _-]account|authenticat|credential|api[ _-]?key|access[ _-]?token|\btoken\b|\b40[13]\b|forbidden|invalid (?:api )?key|environment variable|env(?:ironment)? var|not configured|login required|please (?:log ?in|sign in)/i;
/** Words of a command-line tool's help or usage text. */
const CLI_TEXT =
	/\busage\b|options:|commands:|description:|--help|unknown (?:command|option|argument)|missing (?:required )?(?:argument|command)|required command|specify a command|too many arguments|Run .* --help/i;

/** Maps a failed scan to a report outcome. */
export function outcomeOfError(error: unknown, envNames: readonly string[]): { outcome: ScanOutcome; reason: string } {
	if (!(error instanceof ScanError)) {
		return { outcome: 'crashed', reason: `the pipeline failed on this package: ${error instanceof Error ? error.message : String(error)}` };
	}
	const text = error.message;
	const mentionsEnv = envNames.some((n) => text.includes(n));
	const authLike = mentionsEnv || AUTH_TEXT.test(error.stderrTail) || AUTH_TEXT.test(text.split('\nLast lines')[0] ?? '');
	switch (error.kind) {
		case 'install':
			return { outcome: 'install-failed', reason: text };
		case 'spawn':
			return { outcome: 'crashed', reason: text };
		case 'timeout':
			if (error.phase === 'connect' && authLike)
				return { outcome: 'needs-credentials', reason: `no answer while starting, and it asks for credentials: ${text}` };
			return { outcome: 'timed-out', reason: text };
		case 'crashed':
			if (authLike) return { outcome: 'needs-credentials', reason: `it exited on the placeholder credentials: ${text}` };
			if (error.phase === 'connect' && / exited with code 0 /.test(text))
				return { outcome: 'not-a-server', reason: `it exited at once without speaking MCP on stdio: ${text}` };
			if (error.phase === 'connect' && CLI_TEXT.test(text))
				return { outcome: 'not-a-server', reason: `it behaves like a command-line tool, not an MCP stdio server: ${text}` };
			return { outcome: 'crashed', reason: text };
		case 'protocol':
			if (error.phase === 'connect' && /not JSON to stdout/.test(text) && CLI_TEXT.test(text)) {
				return { outcome: 'not-a-server', reason: `it printed command-line help instead of speaking MCP on stdio: ${text}` };
			}
			if (error.phase === 'connect' && authLike && /answered with an error/.test(text))
				return { outcome: 'needs-credentials', reason: text };
			return { outcome: 'invalid-output', reason: text };
		case 'http':
		case 'too-large':
		case 'cursor-loop':
		case 'duplicate-tools':
		case 'invalid':
			return { outcome: 'invalid-output', reason: text };
	}
}

/** Thrown from the write hook: the listing succeeded but must not be written. */

/** Why an install failed, in words, read from npm's error: the first rule that matches. */
const INSTALL_CAUSES: [RegExp, string][] = [
	[/killed by SIGKILL|killed by SIGTERM|ETIMEDOUT/, 'the install time limit was reached'],
	[/\bE404\b|404 Not Found/, 'a dependency is not published on the registry (404), so the package cannot be installed from it'],
	[/\bETARGET\b|No matching version found/, 'a dependency asks for a version the registry does not have'],
	[/\bEBADPLATFORM\b|Unsupported platform/, 'the package is built for another operating system or CPU'],
	[
		/ENOTFOUND|EAI_AGAIN|getaddrinfo|Could not resolve host|git --no-replace-objects|ls-remote/,
		'the install downloads from outside the npm registry (a git repository or a tarball URL), which this machine cannot reach',
	],
	[/ERESOLVE|peer dep/i, 'npm could not resolve the dependency tree (conflicting peer dependencies)'],
	[/not found in the package|has no executable/, 'the executable the package declares is missing from its published files'],
	[/no version of .* matches|is not an npm package spec/, 'the package name or version does not resolve'],
];

/** The cause of an install failure, in words ("a dependency is not published..."), or undefined. */
export function installFailureCause(message: string): string | undefined {
	return INSTALL_CAUSES.find(([re]) => re.test(message))?.[1];
}

/** Whether the install failed on its time limit (worth one retry with a longer limit). */
export function isInstallTimeout(message: string): boolean {
	return /^npm install[^\n]*\(killed by SIG(?:KILL|TERM)\)/.test(message);
}
