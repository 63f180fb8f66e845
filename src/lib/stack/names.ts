/**
 * Package names and addresses, normalised the same way for the index and for a pasted configuration.
 *
 * Pure code shared by the build and the browser: no network, no DOM, and only type imports from the
 * rest of `src/lib`, so the browser bundle stays small (no zod).
 */
/** PyPI names compare case-insensitively with runs of `-`, `_` and `.` equal (PEP 503). */
export function pypiKey(name: string): string {
	return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** Container image name without the default registry, `library/`, tag or digest. */
export function ociKey(image: string): { name: string; tag?: string } {
	let name = image.trim().toLowerCase();
	let tag: string | undefined;
	const at = name.indexOf('@');
	if (at !== -1) {
		tag = name.slice(at + 1);
		name = name.slice(0, at);
	}
	const colon = name.lastIndexOf(':');
	if (colon > name.lastIndexOf('/')) {
		tag ??= name.slice(colon + 1);
		name = name.slice(0, colon);
	}
	name = name.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '').replace(/^library\//, '');
	return tag ? { name, tag } : { name };
}

/**
 * An endpoint as `host[:port]/path`: scheme, credentials, query and fragment dropped, host lower-case,
 * default ports and trailing slashes removed. Undefined when the text is not an http(s) URL.
 */
export function urlKey(text: string): string | undefined {
	let url: URL;
	try {
		url = new URL(text.trim());
	} catch {
		return undefined;
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
	const path = url.pathname.replace(/\/+$/, '');
	return `${url.host}${path}`;
}

/** An npm package spec (`@scope/name@1.2.3`, `name@latest`, `name`) split into name and version. */
export function npmSpec(spec: string): { name: string; version?: string } | undefined {
	const m = /^(@[a-z0-9][\w.-]*\/[a-z0-9][\w.-]*|[a-z0-9][\w.-]*)(?:@(.+))?$/i.exec(spec.trim());
	if (!m) return undefined;
	return m[2] ? { name: m[1]!.toLowerCase(), version: m[2] } : { name: m[1]!.toLowerCase() };
}

/** A PyPI requirement (`name`, `name==1.2`, `name@1.2`, `name[extra]>=1`) split into name and pinned version. */
export function pypiSpec(spec: string): { name: string; version?: string } | undefined {
	const m = /^([a-z0-9][\w.-]*)(?:\[[^\]]*\])?\s*(?:(==|@)\s*([\w.+!-]+)|[<>=!~].*)?$/i.exec(spec.trim());
	if (!m) return undefined;
	return m[3] ? { name: m[1]!, version: m[3] } : { name: m[1]! };
}
