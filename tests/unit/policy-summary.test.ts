/**
 * The per-server policy summary (src/lib/policy/summary.ts): each tool's outcome under the recommended
 * preset as the model states it and as the engine decides it (an ordinary call, then calls past the
 * limit), the rate the engine enforces, and the flags (half or more refused, a denied tool whose hand label
 * the preset allows, a model/engine mismatch).
 */
import { describe, expect, it } from 'vitest';
import { CHECK_SIGNALS, LIMITS, policyFromFacts, type ToolFacts, type ToolPolicy } from '../../src/lib/policy/model.ts';
import { serverPolicySet } from '../../src/lib/policy/sets.ts';
import {
	flagged,
	formatSummaryDetail,
	formatSummaryTable,
	PASSING_VALUES,
	summarisePolicy,
	type EngineOutcome,
} from '../../src/lib/policy/summary.ts';
import type { Category } from '../../src/lib/taxonomy.ts';
import { argumentFact } from './support.ts';

const facts = (tool: string, category: Category, extra: Partial<ToolFacts> = {}): ToolFacts => ({
	tool,
	category,
	poisoned: false,
	outbound: false,
	args: [],
	...extra,
});

const POLICIES: ToolPolicy[] = [
	policyFromFacts(facts('list_items', 'read')),
	policyFromFacts(facts('read_file', 'read', { args: [argumentFact('file-path', 'path')] })),
	policyFromFacts(facts('create_item', 'write')),
	// Every check the engine can apply: the passing values must pass all of them.
	policyFromFacts(
		facts('run_command', 'execute', {
			args: [
				argumentFact('command-input', 'command'),
				argumentFact('raw-query', 'sql'),
				argumentFact('file-path', 'cwd'),
				argumentFact('url-input', 'url'),
			],
		}),
	),
	policyFromFacts(facts('delete_item', 'destructive')),
	policyFromFacts(facts('pay_invoice', 'financial')),
	policyFromFacts(facts('helpful_tool', 'read', { poisoned: true })),
	policyFromFacts(facts('*', 'write')),
];

describe('summarisePolicy', () => {
	const summary = summarisePolicy(serverPolicySet('Fixture', POLICIES), new Map<string, Category>([['delete_item', 'write']]));

	it.each([
		['list_items', 'allowed', 'allowed', undefined],
		['read_file', 'allowed', 'allowed', undefined],
		['create_item', 'limited', 'limited', LIMITS.write],
		['run_command', 'limited', 'limited', LIMITS.execute],
		['delete_item', 'denied', 'denied', undefined],
		['pay_invoice', 'denied', 'denied', undefined],
		['helpful_tool', 'hidden', 'hidden', undefined],
		['*', 'denied', 'denied', undefined],
	] as [string, EngineOutcome, EngineOutcome, { max: number; window: string } | undefined][])(
		'%s: model %s, engine %s, rate %j',
		(tool, model, engine, rate) => {
			const t = summary.tools.find((x) => x.tool === tool)!;
			expect(t.model).toBe(model);
			expect(t.engine).toBe(engine);
			expect(t.rate).toEqual(rate);
		},
	);

	it('groups the tools by outcome and finds no mismatch', () => {
		expect(summary.allowed.map((t) => t.tool)).toEqual(['list_items', 'read_file']);
		expect(summary.limited.map((t) => t.tool)).toEqual(['create_item', 'run_command']);
		expect(summary.denied.map((t) => t.tool)).toEqual(['delete_item', 'pay_invoice', '*']);
		expect(summary.hidden.map((t) => t.tool)).toEqual(['helpful_tool']);
		expect(summary.mismatches).toEqual([]);
		expect(summary.deniedShare).toBe(4 / 8);
		// Four arguments, four checks (the recipient check needs the strict preset's recipient domains).
		expect(summary.tools.find((t) => t.tool === 'run_command')!.checks).toHaveLength(4);
	});

	it('lists denied tools whose hand label the preset does not deny', () => {
		expect(summary.deniedAgainstLabel.map((t) => `${t.tool}:${t.labelled}`)).toEqual(['delete_item:write']);
		expect(flagged(summary)).toBe(true);
	});

	it('passing values satisfy every check pattern (an execute tool with all four checks stays usable)', () => {
		expect(Object.keys(PASSING_VALUES).sort()).toEqual([...CHECK_SIGNALS].sort());
	});

	it('reports a model/engine mismatch as a flag', () => {
		// A generator bug the model's types allow: a "limit" treatment without its limit renders no rate rule,
		// so the engine never refuses the tool.
		const { limit: _dropped, ...noLimit } = policyFromFacts(facts('create_item', 'write'));
		const s = summarisePolicy(serverPolicySet('Broken', [noLimit]));
		expect(s.mismatches.map((t) => `${t.tool} ${t.model}/${t.engine}`)).toEqual(['create_item limited/allowed']);
		expect(flagged(s)).toBe(true);
	});

	it('a server whose tools are all allowed or limited is not flagged', () => {
		const ok = summarisePolicy(serverPolicySet('Fine', [policyFromFacts(facts('a', 'read')), policyFromFacts(facts('b', 'write'))]));
		expect(flagged(ok)).toBe(false);
	});
});

describe('formatting', () => {
	const rows = [
		{
			rank: 1,
			server: 'fixture',
			summary: summarisePolicy(serverPolicySet('Fixture', POLICIES), new Map([['delete_item', 'write' as Category]])),
		},
	];

	it('prints one table row per server with counts, rates, denied tools and flags', () => {
		const table = formatSummaryTable(rows);
		expect(table).toContain('| rank | server | tools | allowed | limited | denied | hidden | flag |');
		expect(table).toContain(
			'| 1 | fixture | 8 | 2 | 2: 30/minute ×1, 10/minute ×1 | 3: delete_item (destructive; labelled write), pay_invoice (financial), * (write) | 1: helpful_tool | 50 % refused; denies 1 tool(s) labelled write; hides 1 (poisoning indicators) |',
		);
	});

	it('lists every tool per server in the detail view', () => {
		const text = formatSummaryDetail(rows);
		expect(text).toContain('## 1. fixture (8 tools) FLAGGED');
		expect(text).toContain('allowed (2): list_items, read_file [checks: path: no .. segments]');
		expect(text).toContain('limited (2): 30/minute ×1 (create_item), 10/minute ×1 (run_command)');
		expect(text).toContain('hidden (1): helpful_tool (read)');
	});
});
