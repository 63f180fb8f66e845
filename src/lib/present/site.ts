/**
 * Facts about the project itself, defined once. `TOOLRISK_REPOSITORY` (read at build time) points the
 * site's "suggest a correction" links at a fork or mirror.
 */

const DEFAULT_REPOSITORY = 'https://github.com/toolrisk/toolrisk';

/** Accepts an https URL with a host and a path, without query or fragment; drops trailing slashes. */
export function repositoryUrl(value: string | undefined): string {
	if (value === undefined || value.trim() === '') return DEFAULT_REPOSITORY;
	let url: URL;
	try {
		url = new URL(value.trim());
	} catch {
		throw new Error(`TOOLRISK_REPOSITORY: expected an https URL of the repository, got ${JSON.stringify(value)}`);
	}
	if (url.protocol !== 'https:' || url.search || url.hash || url.username || url.password || url.pathname.replace(/\/+$/, '') === '') {
		throw new Error(
			`TOOLRISK_REPOSITORY: expected an https URL of the repository (https://host/owner/name), without query, fragment or credentials, got ${JSON.stringify(value)}`,
		);
	}
	return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** The project's repository, where corrections are filed as issues. */
export const REPOSITORY_URL: string = repositoryUrl(globalThis.process?.env?.['TOOLRISK_REPOSITORY']);
