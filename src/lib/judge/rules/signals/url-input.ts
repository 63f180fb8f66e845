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
const DESCRIPTION = /\b(url|uri|endpoint|web ?hook|https?:\/\/)/i;

/** Parameters that take a URL, endpoint or host the agent chooses. */
export const urlInput: SignalRule = {
	id: 'signal/url-input',
	signal: 'url-input',
	detect(ctx) {
		return ctx.parameters.flatMap((p) => {
			const [last] = lastTwo(p.tokens);
			if ((last !== undefined && LAST.has(last)) || p.tokens.includes('url')) return [paramEvidence(this.id, p)];
			if (p.format !== undefined && FORMATS.has(p.format)) return [paramEvidence(this.id, p, `${p.name} (format: ${p.format})`)];
			const stringish = p.types.length === 0 || p.types.includes('string') || p.types.includes('array');
			const m = stringish && p.description ? DESCRIPTION.exec(p.description) : null;
			return m ? [paramEvidence(this.id, p, `${p.name}: "${m[0]}"`)] : [];
		});
	},
};
