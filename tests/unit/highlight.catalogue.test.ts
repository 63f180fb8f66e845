/**
 * About the live catalogue: the policy highlighter gives every character of every whole-server policy
 * the site publishes the colour Shiki gives it. The highlighter is a hand-written tokenizer and the
 * policies quote third-party tool names, so it is held to Shiki over all of the real data, not only over
 * fixtures: a re-scan that brings a name the tokenizer reads differently fails here. The highlighter
 * itself is tested in highlight.test.ts, on fixtures, hostile and generated names.
 */
import { describe, expect, it } from 'vitest';
import { serverPolicySet } from '../../src/lib/policy/sets.ts';
import { expectSameColours } from './highlight-shiki.ts';
import { liveCatalogue } from './support.catalogue.ts';

describe('policy highlighting matches Shiki', () => {
	it('for every whole-server policy in the catalogue', () => {
		const catalogue = liveCatalogue();
		let units = 0;
		for (const server of catalogue.servers) {
			for (const unit of server.units) {
				expectSameColours(
					serverPolicySet(
						unit.name,
						unit.tools.map((t) => t.policy),
					),
					server.slug,
				);
				units++;
			}
		}
		expect(units).toBeGreaterThan(200);
		// Shiki over every policy of the whole catalogue: about a minute on a shared two-core machine, and
		// it grows with the catalogue.
	}, 300_000);
});
