/**
 * The call-corpus runner (src/verify/call-corpus.ts) on checks built by hand, so it is shown to fail
 * where it must: the old path check that only refused `..` while claiming the agent "cannot climb out
 * of the folder", and the old SQL check put on a KQL argument. The live run is
 * call-corpus.catalogue.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK_PATTERNS } from '../../src/lib/policy/model.ts';
import { corpusFileSchema, runCallCorpus, type EmittedCheck } from '../../src/verify/call-corpus.ts';
import { ROOT } from './support.ts';

const file = (check: string) =>
	corpusFileSchema.parse(JSON.parse(readFileSync(join(ROOT, 'tests', 'fixtures', 'call-corpus', `${check}.json`), 'utf8')));
const corpus = { 'local-path': file('local-path'), 'sql-read-only': file('sql-read-only') };

function check(pattern: string, over: Partial<EmittedCheck>): EmittedCheck {
	const policy = {
		version: '1',
		default: 'deny',
		tools: { t: { rules: [{ name: 'c', conditions: [{ path: 'args.a', op: 'regex', value: pattern }] }] } },
	};
	return { id: 's/t', tool: 't', policy, arg: 'a', kind: 'local-path', corpus: 'local-path', stops: [], others: {}, ...over };
}

describe('runCallCorpus', () => {
	it('finds claimed attacks that pass: a check refusing only ".." that claims absolute and encoded paths', () => {
		const old = check('^([^.]|\\.[^.])*\\.?$', { stops: ['traversal', 'absolute', 'encoded'] });
		const r = runCallCorpus([old], corpus, {});
		expect(new Set(r.claimedAttacksPassed.map((f) => f.source))).toEqual(new Set(['absolute', 'encoded']));
	});

	it('finds legitimate values refused: a read-only SQL shape on a KQL argument', () => {
		const onKql = check('(?i)^\\s*(select|explain|show|describe)\\s', { kind: 'query-language', corpus: undefined });
		const r = runCallCorpus([onKql], corpus, {
			'query-language': [{ value: 'from:user hasAttachment:true', tool: 's/t', arg: 'a', field: 'description' }],
		});
		expect(r.legitimateRefused.map((f) => f.value)).toEqual(['from:user hasAttachment:true']);
	});

	it("finds claims no attack proves, and passes the site's own check", () => {
		const unproven = check(CHECK_PATTERNS.localPath, { stops: ['outside-root'] });
		expect(runCallCorpus([unproven], corpus, {}).unprovenClaims).toEqual(['local-path: outside-root']);
		const own = check(CHECK_PATTERNS.localPath, { stops: ['traversal', 'home', 'encoded', 'windows', 'control'] });
		const r = runCallCorpus([own], corpus, {});
		expect([r.legitimateRefused, r.claimedAttacksPassed, r.unprovenClaims]).toEqual([[], [], []]);
		expect(r.unclaimedPassed).toEqual({ 'local-path: absolute': 3 });
	});
});
