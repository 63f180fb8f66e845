/**
 * About the live catalogue: every file in content/servers records where its tool list was read
 * (provenance.origin), so each page can say it in one line. A new import or scan without one fails here
 * (scripts/migrate-provenance.ts gives scanned files theirs). How origins are validated is
 * provenance.test.ts, on fixtures.
 */
import { describe, expect, it } from 'vitest';
import { liveServers } from './support.catalogue.ts';

describe('the catalogue', () => {
	it('every content file records its origin', () => {
		expect(
			liveServers()
				.filter((s) => s.provenance.origin === undefined)
				.map((s) => s.slug),
		).toEqual([]);
	});
});
