import type { SignalRule } from '../../types.ts';
import { lastTwo, paramEvidence } from './_helpers.ts';

const LAST = new Set([
	'url',
	'urls',
	'uri',
	'uris',
	'endpoint',
	'endpoints',
	'href',
	'link',
	'links',
	'webhook',
	'callback',
	'host',
	'hostname',
	'redirect',
	'website',
]);
const FORMATS = new Set(['uri', 'url', 'iri', 'uri-reference', 'iri-reference', 'uri-template', 'hostname']);
/** A description that says the value is a URL ("The URL to fetch", "Webhook endpoint"), not one that mentions one. */
const DESCRIPTION =
	/^\W*(the |a |an |full |absolute |target |base |page |public |remote )*([\w-]+ ){0,2}(url|uri|endpoint|web ?hook)s?\b|\b(url|uri|endpoint|web ?hook)s? (address )?(to|of|for|where|that|which)\b|^\W*https?:\/\//i;
/** Last words of names that identify or filter rather than take a URL. */
const NOT_URL = new Set(['id', 'ids', 'status', 'path', 'type', 'name', 'count']);
/** Names that filter by part of a URL rather than take one. */
const FILTERS = new Set(['contains', 'pattern', 'patterns', 'filter', 'regex', 'glob', 'prefix', 'suffix', 'encoded']);

/** Parameters that take a URL, endpoint or host the agent chooses. */
export const urlInput: SignalRule = {
	id: 'signal/url-input',
	signal: 'url-input',
	detect(ctx) {
		return ctx.parameters.flatMap((p) => {
			const [last] = lastTwo(p.tokens);
			const stringish = p.types.length === 0 || p.types.includes('string') || p.types.includes('array');
			if (!stringish || (last !== undefined && FILTERS.has(last))) return [];
			// A URL path segment (`url_path`) or a webhook's id or status is not a URL the agent chooses.
			if (last !== undefined && NOT_URL.has(last)) return [];
			if ((last !== undefined && LAST.has(last)) || p.tokens.includes('url')) return [paramEvidence(this.id, p)];
			if (p.format !== undefined && FORMATS.has(p.format)) return [paramEvidence(this.id, p, `${p.name} (format: ${p.format})`)];
			const m = p.description && !/url-encoded/i.test(p.description) ? DESCRIPTION.exec(p.description) : null;
			return m ? [paramEvidence(this.id, p, `${p.name}: "${m[0]}"`)] : [];
		});
	},
};
