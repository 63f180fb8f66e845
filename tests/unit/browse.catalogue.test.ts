/**
 * About the live catalogue: the risk, category and signal pages print figures computed over the live
 * catalogue (counts, servers with most tools, an example with its evidence), and each category page
 * names the rules that can put a tool in it. Over all of the real data, the figures must agree with a
 * naive count and every tool's decisive rule must be one its category page names: a re-scan that makes
 * a rule decide somewhere new fails here, before the page misstates how the tool was classified. The
 * same checks run on fixtures in browse.test.ts.
 */
import { describe, it } from 'vitest';
import { describeClassFigures, expectDecisiveRulesNamed } from './browse-figures.ts';
import { liveCatalogue } from './support.catalogue.ts';

const catalogue = liveCatalogue();

describe('the live catalogue', () => {
	it('the rule that decided each tool is one its category page names', () => {
		expectDecisiveRulesNamed(catalogue);
	});
});

describeClassFigures('the live catalogue', catalogue);
