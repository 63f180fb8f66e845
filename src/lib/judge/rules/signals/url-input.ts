import type { SignalRule } from '../../types.ts';
import { callResultParameters, inside, lastTwo, paramEvidence } from './_helpers.ts';

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
/** A parameter documented as a filter compares a value against records; the tool never reaches it ("Filter by build URI"). */
const FILTER_DESCRIPTION = /^\W*(optional[:,]?\s+)?(filter(s|ed)?|match(es)?|narrow)\s+(results?\s+)?(by|on|to)\b/i;
/** Schemes that reach the network; a parameter confined to other schemes (`firebase://`, `memory://`) names the server's own resources. */
const NETWORK_SCHEME = /^(https?|wss?|ftps?|sftp|ssh|git|s3|gs|file)$/i;
const SCHEMES = /\b([a-z][a-z0-9+.-]*):\/\//gi;
/** The schemes a parameter's description says its values use, when every one is a non-network scheme of the server's own. */
function ownSchemeOnly(description: string | undefined): boolean {
	if (!description) return false;
	const schemes = [...description.matchAll(SCHEMES)].map((m) => m[1] as string);
	return schemes.length > 0 && !schemes.some((s) => NETWORK_SCHEME.test(s)) && !/\burls?\b/i.test(description);
}
/** Path parameters that a boolean switch (`isUrl`, `from_url`) turns into a URL: the switch's name carries `url`. */
const PATHISH = new Set(['path', 'file', 'source', 'location', 'target', 'input']);

/** Parameters that take a URL, endpoint or host the agent chooses. */
export const urlInput: SignalRule = {
	id: 'signal/url-input',
	signal: 'url-input',
	detect(ctx) {
		const urlSwitch = ctx.parameters.find((p) => p.depth === 0 && p.types.includes('boolean') && p.tokens.includes('url'));
		// The `uri` fields of a leaked call-result object (`ctx: CallToolResult`) are the framework's, not a URL the agent chooses.
		const framework = callResultParameters(ctx.parameters);
		return ctx.parameters.flatMap((p) => {
			if (inside(p, framework)) return [];
			const [last] = lastTwo(p.tokens);
			const stringish = p.types.length === 0 || p.types.includes('string') || p.types.includes('array');
			if (!stringish || (last !== undefined && FILTERS.has(last))) return [];
			if (p.description !== undefined && (FILTER_DESCRIPTION.test(p.description) || ownSchemeOnly(p.description))) return [];
			// `read_file(path, isUrl)`: the switch makes the path a URL the agent chooses.
			if (urlSwitch && p.depth === 0 && last !== undefined && PATHISH.has(last) && p.tokens.length <= 2)
				return [paramEvidence(this.id, p, `${p.name} (with ${urlSwitch.name})`)];
			// A URL path segment (`url_path`) or a webhook's id or status is not a URL the agent chooses.
			if (last !== undefined && NOT_URL.has(last)) return [];
			if ((last !== undefined && LAST.has(last)) || p.tokens.includes('url')) return [paramEvidence(this.id, p)];
			if (p.format !== undefined && FORMATS.has(p.format)) return [paramEvidence(this.id, p, `${p.name} (format: ${p.format})`)];
			const m = p.description && !/url-encoded/i.test(p.description) ? DESCRIPTION.exec(p.description) : null;
			return m ? [paramEvidence(this.id, p, `${p.name}: "${m[0]}"`)] : [];
		});
	},
};
