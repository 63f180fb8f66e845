/**
 * The Python source harness's report (harness.py, one `toolrisk-harness-report:` line on stdout), checked
 * and turned into content-file tool entries. Pure.
 *
 * A listing is refused when the server failed before answering, when its answer mentions a stub (a
 * description built from a dependency that was not installed), or when a tool's signature names a stub
 * (its schema would be what the stub gives, not the real type's): the modules it stubbed are otherwise
 * ones the listing never touches, and the record says which.
 */
import type { ToolEntry } from '../../lib/content/server.ts';

export const REPORT_PREFIX = 'toolrisk-harness-report:';

export interface HarnessReport {
	error?: string;
	result?: { tools?: unknown[]; nextCursor?: string };
	server?: string | null;
	stubbed: string[];
	/**
	 * Model fields (module.Class.field) declared with an assigned default beside a `default_factory` returning the
	 * same value: pydantic 2.12 and later refuse them, older pydantic accepted them; the harness accepts them as
	 * older pydantic did (harness.py `_install_pydantic_compat`).
	 */
	pydanticDefaults?: string[];
	/** Names the server's own code took from `typing` that this Python's `typing` lacks, served from typing_extensions. */
	typingBackfills?: string[];
	toolsTouchingStubs?: string[];
	/** How many tool functions' signatures were inspected for stubs (0: the framework keeps none the harness can read). */
	signaturesChecked?: number;
	stubInOutput?: boolean;
	/** `session`: the SDK's client asked the server as it runs; `handler`: its tools/list handler was called directly. */
	answeredBy?: 'session' | 'handler';
	/** Why asking over a session failed, when the handler answered instead. */
	sessionError?: string | null;
}

export class HarnessError extends Error {
	override name = 'HarnessError';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The report line of the harness's stdout; `context` explains a missing one. */
export function parseHarnessOutput(stdout: string, context: string): HarnessReport {
	const line = stdout.split('\n').find((l) => l.startsWith(REPORT_PREFIX));
	if (line === undefined) throw new HarnessError(`no harness report (${context})`);
	let raw: unknown;
	try {
		raw = JSON.parse(line.slice(REPORT_PREFIX.length));
	} catch (error) {
		throw new HarnessError(`the harness report is not JSON: ${(error as Error).message}`);
	}
	if (!isObject(raw) || !Array.isArray(raw['stubbed']) || !raw['stubbed'].every((s) => typeof s === 'string'))
		throw new HarnessError('the harness report has no list of stubbed modules');
	return raw as unknown as HarnessReport;
}

/** The tool entries of a successful report; throws a HarnessError saying why a listing is refused. */
export function harnessTools(report: HarnessReport, sourcePath: string): ToolEntry[] {
	if (report.error !== undefined) throw new HarnessError(`the server did not answer: ${report.error}`);
	if (report.stubInOutput)
		throw new HarnessError(`the answer mentions a stubbed module (${report.stubbed.join(', ')}): install it instead`);
	if (report.toolsTouchingStubs && report.toolsTouchingStubs.length > 0)
		throw new HarnessError(
			`the signatures of ${report.toolsTouchingStubs.join(', ')} name a stubbed module (${report.stubbed.join(', ')})`,
		);
	const tools = report.result?.tools;
	if (!Array.isArray(tools)) throw new HarnessError('the answer holds no tools array');
	if (report.result?.nextCursor !== undefined) throw new HarnessError('the answer is paginated; the harness reads one page');
	if (tools.length === 0) throw new HarnessError('the server lists no tools');
	const seen = new Set<string>();
	return tools.map((t, i) => {
		if (!isObject(t) || typeof t['name'] !== 'string' || t['name'] === '') throw new HarnessError(`tools[${i}]: expected a named tool`);
		if (seen.has(t['name'])) throw new HarnessError(`tool "${t['name']}" is listed twice`);
		seen.add(t['name']);
		return { definition: t, source: { path: sourcePath } } as unknown as ToolEntry;
	});
}

/** The sentence the provenance notes give for how the server answered. */
export function answerNote(report: HarnessReport): string {
	if (report.answeredBy === 'session')
		return "The server answered over an in-memory session: its own run (lifespan and session) asked by the SDK's client, initialize then tools/list.";
	return `The server's tools/list handler was called directly${report.sessionError ? ` (serving it failed: ${report.sessionError})` : ''}.`;
}

/** The sentence the provenance notes give for the stubs. */
export function stubNote(report: HarnessReport): string {
	if (report.stubbed.length === 0) return 'No module was stubbed.';
	const checked = report.signaturesChecked;
	const signatures =
		checked === undefined || checked > 0
			? "no tool's signature names them and no listed text mentions them"
			: "no listed text mentions them; the tools' function signatures were not inspected (the server's framework keeps no functions the harness reads)";
	return `Stubbed (not installed; the server imports them, the listing touches none of them: ${signatures}): ${report.stubbed.join(', ')}.`;
}

/** The sentence the provenance notes give for fields accepted as pydantic before 2.12 accepted them; null when none. */
export function pydanticNote(report: HarnessReport): string | null {
	const fields = report.pydanticDefaults ?? [];
	if (fields.length === 0) return null;
	return `pydantic 2.12 and later refuse a model field declared with both an assigned default and a default_factory, which older pydantic accepted (the factory gives the value); the harness accepted ${fields.length === 1 ? 'such a field' : 'such fields'} as older pydantic did, only where the assigned default equals what the factory returns (so no value changes; the code itself is not modified): ${fields.join(', ')}.`;
}

/** The sentence the provenance notes give for `typing` names served from typing_extensions; null when none. */
export function typingNote(report: HarnessReport): string | null {
	const names = report.typingBackfills ?? [];
	if (names.length === 0) return null;
	return `The server's own code imports ${names.map((n) => `typing.${n}`).join(', ')}, which Python 3.11's typing lacks: served from typing_extensions (the backport of those names for older Pythons), to the server's own code only; the code itself is not modified.`;
}
