/**
 * Which environment variables a package documents (its README and package.json), which of them are
 * secrets, and the placeholder each gets; names are recorded, values never.
 */
import { placeholderFor } from './recover.ts';
import type { ServiceKind } from './server-list.ts';

const ENV_NAME = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_(?:API_KEY|APIKEY|KEY|TOKEN|SECRET|PASSWORD|PAT|URL|URI|DSN)\b/g;
const ENV_IGNORED = /^(?:YOUR|MY|EXAMPLE|SOME|THE|NPM|NODE|HTTP|HTTPS|NO|ALL)_|^(?:PUBLIC_URL|BASE_URL)$/;
const MAX_ENV = 12;

/**
 * Environment variable names a package documents for credentials and endpoints: names ending in
 * `_API_KEY`, `_KEY`, `_TOKEN`, `_SECRET`, `_PASSWORD`, `_PAT`, `_URL`, `_URI` or `_DSN` in its README
 * and package.json, in order of first mention, at most 12. Names only: values are never read.
 */
export function detectEnvNames(texts: readonly string[]): string[] {
	const names: string[] = [];
	for (const text of texts) {
		for (const m of text.matchAll(ENV_NAME)) {
			const name = m[0];
			if (ENV_IGNORED.test(name) || names.includes(name)) continue;
			names.push(name);
			if (names.length >= MAX_ENV) return names;
		}
	}
	return names;
}

/** Whether the variable holds a secret (a key, token, password) rather than an address. */
export function isSecretName(name: string): boolean {
	return !/_(?:URL|URI)$/.test(name);
}

/**
 * Whether a variable a server asked for on stderr holds a secret: its name says key, token, secret,
 * password, credential, auth or session (a host, email, id or URL is not one). The documented names are
 * credential-shaped by construction and use {@link isSecretName}.
 */
export function isSecretLike(name: string): boolean {
	return /(?:^|_)(?:API_?KEY|KEY|TOKEN|SECRET|PASSWORD|PASSWD|PASS|PAT|CREDENTIALS?|AUTH|COOKIE|SESSION|PRIVATE_KEY)(?:_|$)/.test(
		name.toUpperCase(),
	);
}

/**
 * A placeholder value for a documented variable: well-formed for its kind (the loopback service URL for
 * a database URL, an https URL, an email, a path, an id, a token...); see `placeholderFor` in recover.ts.
 */
export function placeholderValue(name: string, services: Partial<Record<ServiceKind, string>>): string {
	return placeholderFor(name, services);
}

/** Which executable to start, or why none is an MCP server. */
