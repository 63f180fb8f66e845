/**
 * Provenance in words: how a server's tool list was obtained, from what (version, repository, commit,
 * path or documentation page), how exact that is, and whether it is the released version. The server
 * page, the tool pages and the directory all say it from here.
 */
import { PROVENANCE_METHODS, type Origin, type ServerFile } from '../content/server.ts';

/** `https://github.com/owner/name` -> `owner/name`; other URLs unchanged. */
function repoLabel(url: string): string {
	const m = /^https:\/\/github\.com\/([^/]+\/[^/]+?)\/?$/.exec(url);
	return m ? m[1]! : url;
}

/** Where the list was read, in a phrase: `pkg/x/*.snap in owner/name at v1.2.0 (abc1234)`. */
export function originPhrase(origin: Origin | undefined): string | undefined {
	if (!origin) return undefined;
	const parts: string[] = [];
	if (origin.path) parts.push(origin.path);
	if (origin.repository) parts.push(`${origin.path ? 'in ' : ''}${repoLabel(origin.repository)}`);
	const at = [origin.ref, origin.commit?.slice(0, 12)].filter(Boolean);
	if (origin.repository && at.length > 0) parts.push(at.length === 2 ? `at ${at[0]} (${at[1]})` : `at ${at[0]}`);
	if (!origin.repository && origin.url) parts.push(origin.url);
	return parts.length > 0 ? parts.join(' ') : undefined;
}

/** Whether the list is the released version, in a sentence. */
export function releasePhrase(origin: Origin | undefined): string {
	if (!origin) return 'Whether this is the released version is not recorded.';
	if (origin.matchesRelease === true)
		return origin.version ? `This is the released version ${origin.version}.` : 'This is the released version.';
	const which = origin.version ? ` (${origin.version})` : '';
	return origin.matchesRelease === false
		? `This differs from the released version${which}: ${origin.releaseNote ?? ''}.`
		: `Whether this is the released version${which} is not known: ${origin.releaseNote ?? ''}.`;
}

/** The one line a page shows: method, what was read, when, and how exact. */
export function provenanceLine(server: ServerFile): string {
	const p = server.provenance;
	const method = PROVENANCE_METHODS[p.method];
	const what = p.method === 'scan' ? p.scan?.target : originPhrase(p.origin);
	const label = method.label.charAt(0).toUpperCase() + method.label.slice(1);
	const n = server.tools.length;
	const completeness = p.completeness === 'complete' ? 'every tool' : `${n} ${n === 1 ? 'tool' : 'tools'} known, not all`;
	const noSchema = server.tools.filter((t) => t.status?.inputSchema === 'unpublished').length;
	const partSchema = server.tools.filter((t) => t.status?.inputSchema === 'partial').length;
	const parts = [
		noSchema > 0 ? `no input schema for ${noSchema === n ? 'any' : `${noSchema} of ${n}`}` : '',
		partSchema > 0 ? `a partial one for ${partSchema}` : '',
	].filter(Boolean);
	return `${label}${what ? ` of ${what}` : ''}, ${p.obtainedAt.slice(0, 10)}: ${method.grade}; ${completeness}${parts.length > 0 ? `, ${parts.join(', ')}` : ''}.`;
}

/** The directory's short label: method and date. */
export function obtainedShort(server: ServerFile): string {
	return `${PROVENANCE_METHODS[server.provenance.method].label}, ${server.provenance.obtainedAt.slice(0, 10)}`;
}
