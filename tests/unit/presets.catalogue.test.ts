/**
 * About the live catalogue: every real tool's published policy, in every preset, alone and as its whole
 * server, is a valid Intercept and PolicyLayer document, and the recommended preset reproduces the
 * policy each page shows. The policy model is tested on fixtures in presets.test.ts and
 * policy-golden.test.ts; this file sweeps the live data because a re-scan can bring a tool name or
 * parameter the engines' schemas refuse, and the site would then publish a policy that does not load.
 */
import { describe, it } from 'vitest';
import { PRESET_IDS } from '../../src/lib/policy/model.ts';
import { expectPresetValidates, expectRecommendedReproduces } from './presets-sweep.ts';
import { liveCatalogue } from './support.catalogue.ts';

const catalogue = liveCatalogue();

describe('every live policy', () => {
	it('recommended reproduces the policy every page shows, tool by tool and server by server', () => {
		expectRecommendedReproduces(catalogue, 'catalogue');
	});

	it.each(PRESET_IDS)(
		'%s: every tool, alone and as its whole server (and with every tool switched off), validates in both engines',
		(preset) => {
			expectPresetValidates(catalogue, preset);
		},
	);
});
