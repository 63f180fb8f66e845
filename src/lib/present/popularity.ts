/**
 * The most used catalogued servers, as the home page and the server directory lead with them, and a
 * ranked server's identity in words (vendor or community, reference, deprecated, archived, superseded,
 * look-alikes). From the ranking attached to the catalogue (content/ranking/most-used.json).
 */
import type { Catalogue, ServerView } from '../catalogue.ts';
import type { Identity } from '../content/ranking.ts';

/** Catalogued servers that are ranked, most used first. */
export function mostUsed(catalogue: Catalogue, limit: number): ServerView[] {
	return catalogue.servers
		.filter((s) => s.popularity !== undefined)
		.sort((a, b) => a.popularity!.rank - b.popularity!.rank)
		.slice(0, limit);
}

/** Short markers for a server's identity, in a fixed order: `official`, `reference`, `community`, `deprecated`, `archived`. */
export function identityMarkers(identity: Identity | undefined): string[] {
	if (!identity) return [];
	const out = [identity.reference ? 'reference' : identity.official ? 'official' : 'community'];
	if (identity.archived) out.push('archived');
	else if (identity.deprecated) out.push('deprecated');
	return out;
}

/** One sentence on who publishes the server. */
export function publisherSentence(identity: Identity): string {
	if (identity.reference) return `A reference server of the MCP project (${identity.vendor}).`;
	return identity.official
		? `Official: published by ${identity.vendor}, the vendor of the product.`
		: `Community server (${identity.vendor}), not published by the product's vendor.`;
}
