/**
 * About the live catalogue: the committed gold sample (content/gold) is what the sampler promises and
 * what the labelling relies on: at least 1,600 tools from at least 150 servers, every tool of the 40
 * most used servers, five equal batches that are exactly the sample (blind to why each tool was drawn),
 * and 300 agreement tools identical to their batch lines. It reads the committed files because that is
 * what it guards: a re-drawn or hand-edited sample must still hold together. The formats and the
 * sampler are tested on their own in gold.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldDefinition, goldKey, goldToolSchema, parseJsonLines, type GoldTool } from '../../src/lib/content/gold.ts';
import { ROOT } from './support.ts';

const GOLD = join(ROOT, 'content', 'gold');

describe('the committed gold sample', () => {
	const read = (name: string) => parseJsonLines(readFileSync(join(GOLD, name), 'utf8'), `content/gold/${name}`, goldToolSchema);
	const sample = read('tools.jsonl');
	const batchFiles = [1, 2, 3, 4, 5].map((i) => read(`batch-${i}.jsonl`));
	const agreement = read('agreement-sample.jsonl');
	const top = JSON.parse(readFileSync(join(GOLD, 'top-servers.json'), 'utf8')) as { server: string; tools: number }[];
	const strip = ({ why: _why, batch: _batch, ...rest }: GoldTool) => rest;

	it('holds at least 1,600 tools from at least 150 servers, each once', () => {
		expect(sample.length).toBeGreaterThanOrEqual(1600);
		expect(new Set(sample.map((t) => t.server)).size).toBeGreaterThanOrEqual(150);
		expect(new Set(sample.map(goldKey)).size).toBe(sample.length);
		for (const t of sample) expect(t.why, goldKey(t)).toBeDefined();
	});

	it('includes every tool of the 40 most used servers', () => {
		expect(top).toHaveLength(40);
		for (const s of top)
			expect(
				sample.filter((t) => t.server === s.server && t.why === 'top-40'),
				s.server,
			).toHaveLength(s.tools);
	});

	it('splits into five batches of about equal size that are exactly the sample, without why', () => {
		const sizes = batchFiles.map((b) => b.length);
		expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
		const bySample = new Map(sample.map((t) => [goldKey(t), strip(t)]));
		const all = batchFiles.flat();
		expect(all).toHaveLength(sample.length);
		for (const t of all) {
			expect(t.why).toBeUndefined();
			expect(t, goldKey(t)).toEqual(bySample.get(goldKey(t)));
		}
	});

	it('draws 300 agreement tools, each the same definition as in its batch', () => {
		expect(agreement).toHaveLength(300);
		expect(new Set(agreement.map(goldKey)).size).toBe(300);
		for (const t of agreement) {
			const batch = batchFiles[Number(t.batch!.slice('batch-'.length)) - 1]!;
			expect(
				batch.find((b) => goldKey(b) === goldKey(t)),
				goldKey(t),
			).toEqual(strip(t));
		}
	});

	it('turns a line back into an MCP definition', () => {
		const t = sample[0]!;
		expect(goldDefinition(t).name).toBe(t.tool);
		expect(goldDefinition(t).description).toBe(t.description);
	});
});
