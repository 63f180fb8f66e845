/**
 * `annotations:agreement`: over the whole catalogue, how often our category agrees with the hints the
 * servers declare (readOnlyHint, destructiveHint). The comparison is src/lib/judge/annotation-agreement.ts;
 * the two bases and the text are src/lib/present/annotation-agreement.ts.
 */
import { join } from 'node:path';
import { parseAnnotationReviews } from '../src/lib/content/annotation-review.ts';
import { CLASSIFIER_VERSION } from '../src/lib/judge/classify.ts';
import {
	AGREEMENT_BASES,
	annotationAgreement,
	formatAgreement,
	reviewDisagreements,
	type AgreementBasis,
} from '../src/lib/present/annotation-agreement.ts';
import { loadCatalogue, readJson } from './lib/catalogue-input.ts';
import { defineCommand, main, UsageError } from './lib/cli.ts';

const ROOT = join(import.meta.dirname, '..');

const command = defineCommand({
	name: 'annotations:agreement',
	usage: ['node scripts/annotation-agreement.ts [--content <dir>] [--json] [--basis independent|catalogue|both] [--no-list]'],
	about:
		'Compares our category with the readOnlyHint / destructiveHint every catalogued tool declares. Two bases:\n' +
		'independent (our rules on each definition without its annotations: the headline figure) and catalogue\n' +
		'(the category the site shows, where declared hints are evidence; its disagreements must carry the\n' +
		'annotation-contradiction signal, and the report says whether they do). Each independent disagreement is\n' +
		'printed with who is right from content/gold/annotation-reviews.json (ours, theirs, unclear, or unreviewed).',
	options: {
		content: { type: 'string', value: '<dir>', description: 'content folder (default content/servers, or $TOOLRISK_CONTENT_DIR)' },
		json: { type: 'boolean', description: 'print the reports as JSON' },
		basis: { type: 'string', value: '<b>', default: 'both', description: 'which categories to compare: independent, catalogue or both' },
		'no-list': { type: 'boolean', description: 'summary only, without the list of disagreements' },
	},
	notes: 'Exit codes: 0 printed, 1 a content file is invalid, 2 bad usage.',
});

await main(command, ({ values }) => {
	const basis = values.basis as AgreementBasis;
	if (!AGREEMENT_BASES.includes(basis)) throw new UsageError('--basis: expected independent, catalogue or both');
	const dir = values.content ?? process.env['TOOLRISK_CONTENT_DIR'] ?? join(ROOT, 'content', 'servers');
	const catalogue = loadCatalogue(dir);
	const result = annotationAgreement(catalogue, basis);
	const { independent, catalogue: cat, contradictionSignalled: signalled } = result;
	const reviewFile = join(ROOT, 'content', 'gold', 'annotation-reviews.json');
	const reviews = parseAnnotationReviews(readJson(reviewFile), reviewFile).reviews;
	const reviewed = independent ? reviewDisagreements(independent, reviews) : undefined;

	if (values.json) {
		console.log(
			JSON.stringify(
				{
					classifier: CLASSIFIER_VERSION,
					servers: catalogue.servers.length,
					independent,
					reviewed: reviewed && { counts: reviewed.counts, stale: reviewed.stale, byTool: Object.fromEntries(reviewed.byTool) },
					catalogue: cat,
					contradictionSignalled: cat ? signalled : undefined,
				},
				null,
				2,
			),
		);
		return 0;
	}
	let text = `classifier ${CLASSIFIER_VERSION}: ${catalogue.servers.length} servers, ${catalogue.tools.length} tools in ${dir}\n`;
	if (independent)
		text += formatAgreement(
			'independent (our rules on the definition without its annotations)',
			independent,
			values['no-list'] === true,
			reviewed,
		);
	if (cat) {
		text += formatAgreement('catalogue (the category the site shows; declared hints are evidence)', cat, values['no-list'] === true);
		text += `annotation-contradiction signal on ${signalled} of ${cat.disagreements.length} catalogue disagreements\n`;
	}
	process.stdout.write(text);
	return 0;
});
