/**
 * About the live catalogue: every argument check the site emits, for every tool, run through the
 * engine's decision (`evaluateIntercept`) on the call corpus (tests/fixtures/call-corpus/: values the
 * catalogue's own schemas give, extracted by scripts/extract-call-corpus.ts, plus hand-written
 * legitimate values and attacks per check). It guards the promise of the tool pages:
 *
 * - no legitimate value is refused, except uses a check refuses on purpose and says so;
 * - every attack of a class a check claims to stop is refused;
 * - an attack that passes is of a class the check does not claim (its page says it passes);
 * - every class a check claims has at least one attack in the corpus.
 *
 * It reads content/ because a re-scan can bring an argument whose kind the rules get wrong, and the
 * site would then publish a check that refuses the server's ordinary use. It prints the checks per
 * kind and the arguments left unchecked, with the reason.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK_SIGNALS, type CheckId } from '../../src/lib/policy/model.ts';
import {
	corpusFileSchema,
	extractCallCorpus,
	extractedSchema,
	runCallCorpus,
	siteChecks,
	type CorpusFile,
	type CorpusReport,
} from '../../src/verify/call-corpus.ts';
import { liveCatalogue } from './support.catalogue.ts';
import { ROOT } from './support.ts';

const DIR = join(ROOT, 'tests', 'fixtures', 'call-corpus');
const corpus: Partial<Record<CheckId, CorpusFile>> = {};
for (const f of readdirSync(DIR).filter((n) => n.endsWith('.json') && n !== 'extracted.json')) {
	const file = corpusFileSchema.parse(JSON.parse(readFileSync(join(DIR, f), 'utf8')));
	corpus[file.check as CheckId] = file;
}
const extracted = extractedSchema.parse(JSON.parse(readFileSync(join(DIR, 'extracted.json'), 'utf8')));
const catalogue = liveCatalogue();

function print(label: string, report: CorpusReport, unchecked: Record<string, number>) {
	const lines = [
		`${label}: ${report.checks} checks, ${report.legitimateRuns} legitimate runs, ${report.attackRuns} attack runs`,
		`  per kind: ${JSON.stringify(report.perKind)}`,
		`  per check: ${JSON.stringify(report.perCheck)}`,
		`  legitimate refused: ${report.legitimateRefused.length}; claimed attacks passed: ${report.claimedAttacksPassed.length}`,
		`  refused by design: ${JSON.stringify(report.refusedByDesign)}`,
		`  attacks that pass and are not claimed: ${JSON.stringify(report.unclaimedPassed)}`,
		`  unchecked arguments: ${JSON.stringify(unchecked)}`,
	];
	console.log(lines.join('\n'));
}

describe('the call corpus', () => {
	it('extracted.json is what scripts/extract-call-corpus.ts writes from the live catalogue', () => {
		expect(extractCallCorpus(catalogue)).toEqual(extracted);
	});

	it('has a corpus file for every check the model can emit, each named after its check', () => {
		expect(Object.keys(corpus).sort()).toEqual(
			[
				'absolute-path',
				'file-name',
				'host-allowed',
				'https-host',
				'https-url',
				'local-path',
				'recipient-domain',
				'relative-path',
				'rooted-path',
				'schema-allowed',
				'shell-single-command',
				'sql-read-only',
			].sort(),
		);
	});
});

describe.each([
	['recommended (every tool page)', 'recommended', {}],
	['strict without parameters', 'strict', {}],
	[
		'strict with parameters',
		'strict',
		{
			rootFolder: '/srv/agent',
			urlHosts: ['api.example.com', '*.example.org'],
			recipientDomains: ['example.com'],
			schemas: ['public', 'analytics'],
		},
	],
	['permissive', 'permissive', {}],
] as const)('%s', (label, preset, params) => {
	const { emitted, unchecked } = siteChecks(catalogue, corpus, preset, params);
	// Deployment-parameter checks read their corpus files' own parameters; run them only where they match.
	const report = runCallCorpus(emitted, corpus, extracted);
	print(label, report, unchecked);

	it('refuses no legitimate value', () => {
		expect(report.legitimateRefused).toEqual([]);
	});
	it('refuses every attack of a class a check claims', () => {
		expect(report.claimedAttacksPassed).toEqual([]);
	});
	it('proves every claim with at least one attack', () => {
		expect(report.unprovenClaims).toEqual([]);
	});
	it('emits checks (a run that checks nothing proves nothing)', () => {
		expect(report.checks).toBeGreaterThan(0);
		expect(CHECK_SIGNALS.length).toBeGreaterThan(0);
	});
});
