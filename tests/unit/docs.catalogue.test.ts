/**
 * About the live catalogue: every vendor-documentation file in content/docs parses and gives tools, so
 * `npm run import:docs` can re-create the servers made from it. How a docs file is read is
 * docs-import.test.ts, on inline fixtures.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docsEntries, parseDocsFile } from '../../src/ingest/docs.ts';
import { ROOT } from './support.ts';

describe('content/docs', () => {
	it('every docs file parses and lists tools', () => {
		const dir = join(ROOT, 'content', 'docs');
		for (const n of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
			expect(docsEntries(parseDocsFile(JSON.parse(readFileSync(join(dir, n), 'utf8')), `content/docs/${n}`)).length).toBeGreaterThan(0);
		}
	});
});
