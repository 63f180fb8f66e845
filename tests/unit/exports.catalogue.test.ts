/**
 * About the live catalogue: every open-data export the site publishes for the live data (each tool's
 * JSON twin, each server file, each NDJSON line, the index, the attack list) validates against the JSON
 * Schema published for it, compiled by Ajv. Consumers validate against those schemas, and third-party
 * tool definitions can hold anything, so the sweep runs over all of the real data: a re-scan that brings
 * something the schema refuses fails here, not in someone's pipeline. How the exports are made is tested
 * on fixtures in exports.test.ts.
 */
import { buildAttackIndex } from '../../src/lib/present/attacks.ts';
import { datasetMeta } from '../../src/lib/exports/dataset.ts';
import { describeEveryExportValid, SITE } from './exports-schemas.ts';
import { liveAttacks, liveCatalogue } from './support.catalogue.ts';

const catalogue = liveCatalogue();
const entries = liveAttacks();

describeEveryExportValid('every export of the live catalogue validates against its published schema', {
	catalogue,
	attacks: buildAttackIndex(entries, catalogue),
	attackCount: entries.length,
	meta: datasetMeta(catalogue, SITE),
});
