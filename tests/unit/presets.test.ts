/**
 * Policy presets: every preset renders a valid document in both engines for every tool of the fixture
 * catalogue and of the hostile fixtures (presets.catalogue.test.ts does the same over the live
 * catalogue); strict and permissive have golden files next to the recommended ones
 * (which the presets must not change); each preset's stance per category is asserted by name; the
 * composer's switched-off tools are hidden, and a tool named "*" is never hidden (that would hide all).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildCatalogue, type Catalogue } from '../../src/lib/catalogue.ts';
import { composePolicySet } from '../../src/lib/policy/sets.ts';
import { classifyTool } from '../../src/lib/judge/classify.ts';
import { listParameters } from '../../src/lib/content/parameters.ts';
import { toolFacts } from '../../src/lib/policy/facts.ts';
import {
	CHECK_PATTERNS,
	DEFAULT_PRESET,
	DeploymentParameterError,
	LIMITS,
	OUTBOUND_LIMIT,
	PRESET_IDS,
	PRESETS,
	describePreset,
	policyFromFacts,
	type ToolFacts,
} from '../../src/lib/policy/model.ts';
import { interceptDocument, interceptYaml, policyLayerDocument, policyLayerJson } from '../../src/lib/policy/render.ts';
import { mcpToolSchema } from '../../src/lib/content/mcp-tool.ts';
import { CATEGORY_IDS } from '../../src/lib/taxonomy.ts';
import { expectPresetValidates, expectRecommendedReproduces } from './presets-sweep.ts';
import { fixtureCatalogue, readServerFiles } from './support.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CASES = join(ROOT, 'tests', 'fixtures', 'policies');

const SITES: Record<'fixture' | 'hostile', Catalogue> = {
	fixture: fixtureCatalogue(),
	hostile: buildCatalogue(readServerFiles('tests/fixtures/hostile-servers')),
};

function factsOfCase(caseName: string) {
	const definition = mcpToolSchema.parse(JSON.parse(readFileSync(join(CASES, caseName, 'tool.json'), 'utf8')));
	const { parameters } = listParameters(definition.inputSchema ?? {});
	return toolFacts(definition, classifyTool({ definition }), parameters);
}

describe('presets', () => {
	it('recommended is the default and reproduces the policy every page shows, tool by tool and server by server', () => {
		expect(DEFAULT_PRESET).toBe('recommended');
		for (const [site, cat] of Object.entries(SITES)) expectRecommendedReproduces(cat, site);
	});

	for (const [site, cat] of Object.entries(SITES)) {
		for (const preset of PRESET_IDS) {
			it(`${preset}: every ${site} tool, alone and as its whole server (and with every tool switched off), validates in both engines`, () => {
				expectPresetValidates(cat, preset);
			});
		}
	}

	it('strict denies execute, destructive and financial, limits writes to 10 a minute and checks arguments on every allowed tool', () => {
		const s = PRESETS.strict.stances;
		expect([s.execute.kind, s.destructive.kind, s.financial.kind]).toEqual(['deny', 'deny', 'deny']);
		expect(s.write).toMatchObject({ kind: 'limit', limit: { max: 10, window: 'minute' } });
		const exec = policyFromFacts(factsOfCase('execute-tool'), 'strict');
		expect(exec.treatment).toBe('deny');
		expect(exec.onDeny).toMatch(/runs code or commands/);
		// A read tool gets the url check too under strict, which recommended leaves out.
		const fetch: ToolFacts = {
			tool: 'fetch',
			category: 'read',
			poisoned: false,
			outbound: false,
			args: [{ arg: 'url', signal: 'url-input', kind: 'url', evidence: { rule: 'url/format-url', field: 'format', match: 'uri' } }],
		};
		expect(policyFromFacts(fetch, 'strict').checks.map((c) => c.value)).toEqual([CHECK_PATTERNS.httpsUrl]);
		expect(policyFromFacts(fetch).treatment).toBe('allow');
		// Given URL hosts, strict confines the URL to them; the other presets take no parameters.
		const hosts = { urlHosts: ['api.example.com'] };
		expect(policyFromFacts(fetch, 'strict', hosts).checks.map((c) => c.check)).toEqual(['https-host']);
		expect(policyFromFacts(fetch, 'permissive', hosts)).toEqual(policyFromFacts(fetch, 'permissive'));
		expect(() => policyFromFacts(fetch, 'strict', { urlHosts: ['not a host'] })).toThrow(DeploymentParameterError);
	});

	it('a tool that sends to recipients the agent chooses is limited per hour, in every preset that limits it', () => {
		const send: ToolFacts = { tool: 'send_email', category: 'write', poisoned: false, outbound: true, args: [] };
		expect(policyFromFacts(send).limit).toEqual(OUTBOUND_LIMIT);
		expect(policyFromFacts({ ...send, outbound: false }).limit).toEqual(LIMITS.write);
		for (const preset of PRESET_IDS) {
			const stance = PRESETS[preset].stances.write;
			if (stance.kind === 'limit') expect(policyFromFacts(send, preset).limit).toEqual(stance.outbound);
		}
	});

	it('an argument the engine cannot reach is named as unchecked, with the reason, and gets no check', () => {
		const read: ToolFacts = {
			tool: 'read_multiple_files',
			category: 'read',
			poisoned: false,
			outbound: false,
			args: [
				{
					arg: 'paths',
					signal: 'file-path',
					kind: 'local-path',
					evidence: { rule: 'path/a-path', field: 'name', match: 'paths' },
					shape: 'array',
				},
				{
					arg: 'tail',
					signal: 'file-path',
					kind: 'local-path',
					evidence: { rule: 'path/a-path', field: 'name', match: 'tail' },
					shape: 'optional',
				},
			],
		};
		const p = policyFromFacts(read);
		expect(p.checks).toEqual([]);
		expect(p.unchecked.map((u) => [u.arg, u.reason])).toEqual([
			['paths', 'array'],
			['tail', 'optional'],
		]);
		expect(p.effect).toContain('paths is not checked: it is an array, and the engine cannot look inside arrays');
		expect(p.effect).toContain('tail is not checked: it is optional');
	});

	it('permissive raises the limits, drops read checks, keeps execute checks, and still denies destructive and financial tools', () => {
		const s = PRESETS.permissive.stances;
		expect(s.write.kind === 'limit' && s.write.limit.max).toBeGreaterThan(LIMITS.write.max);
		expect(s.execute.kind === 'limit' && s.execute.limit.max).toBeGreaterThan(LIMITS.execute.max);
		expect([s.destructive.kind, s.financial.kind]).toEqual(['deny', 'deny']);
		const readWithPath = policyFromFacts(factsOfCase('read-tool-with-path'), 'permissive');
		expect(readWithPath.treatment).toBe('allow');
		expect(policyFromFacts(factsOfCase('execute-tool'), 'permissive').checks).toHaveLength(4);
		for (const c of ['destructive-tool', 'financial-tool']) expect(policyFromFacts(factsOfCase(c), 'permissive').treatment).toBe('deny');
	});

	it('no preset un-hides a poisoned tool or names a tool called "*"', () => {
		for (const preset of PRESET_IDS) {
			expect(policyFromFacts(factsOfCase('poisoned-tool'), preset).treatment).toBe('hide');
			expect(policyFromFacts({ tool: '*', category: 'destructive', poisoned: false, outbound: false, args: [] }, preset).treatment).toBe(
				'omit',
			);
		}
	});

	it('switching a tool off hides it in both engines; switching off "*" leaves it out rather than hiding every tool', () => {
		const facts = [
			{ tool: 'get_x', category: 'read', poisoned: false, outbound: false, args: [] },
			{ tool: 'send_x', category: 'write', poisoned: false, outbound: false, args: [] },
			{ tool: '*', category: 'read', poisoned: false, outbound: false, args: [] },
			{ tool: '__proto__', category: 'write', poisoned: false, outbound: false, args: [] },
		] as const;
		const set = composePolicySet(
			't',
			facts.map((f) => ({ ...f, args: [] })),
			'recommended',
			new Set(['send_x', '*', '__proto__']),
		);
		const intercept = interceptDocument(set);
		expect(intercept.hide).toEqual(['send_x', '__proto__']);
		expect(Object.keys(intercept.tools)).toEqual(['get_x']);
		const pl = policyLayerDocument(set);
		expect(pl.hide).toEqual(['send_x', '__proto__']);
		expect(Object.keys(pl.tools ?? {})).toEqual(['get_x']);
	});

	it('describes each preset per category from its stances', () => {
		for (const preset of PRESET_IDS) expect(describePreset(preset).map((d) => d.category)).toEqual(CATEGORY_IDS);
		expect(describePreset('strict').find((d) => d.category === 'execute')?.text).toBe('denied');
		expect(describePreset('recommended').find((d) => d.category === 'write')?.text).toBe(
			`at most ${LIMITS.write.max} calls per ${LIMITS.write.window} (${OUTBOUND_LIMIT.max} per ${OUTBOUND_LIMIT.window} for tools that send to recipients the agent chooses)`,
		);
	});
});

describe('preset goldens', () => {
	const agentmail = SITES.fixture.server('agentmail')!.units[0]!;
	const agentmailFacts = agentmail.tools.map((t) => toolFacts(t.entry.definition, t.judgement, t.parameters));
	/** `file` names the golden files: the preset, or `strict-parameters` for strict with deployment parameters. */
	const cases: { name: string; dir: string; file: string; set: () => ReturnType<typeof composePolicySet> }[] = [];
	for (const preset of ['strict', 'permissive'] as const) {
		cases.push({
			name: `whole Agentmail server, ${preset}`,
			dir: 'agentmail-server',
			file: preset,
			set: () => composePolicySet(agentmail.name, agentmailFacts, preset),
		});
		for (const c of ['execute-tool', 'read-tool-with-path']) {
			cases.push({ name: `${c}, ${preset}`, dir: c, file: preset, set: () => composePolicySet(c, [factsOfCase(c)], preset) });
		}
	}
	const params = { rootFolder: '/srv/agent', urlHosts: ['api.example.com'], recipientDomains: ['example.com'], schemas: ['public'] };
	const withParams = (title: string, facts: readonly ToolFacts[]) => ({
		description: `${title}: strict policy with deployment parameters generated by toolrisk.`,
		tools: facts.map((f) => policyFromFacts(f, 'strict', params)),
	});
	cases.push({
		name: 'whole Agentmail server, strict with parameters',
		dir: 'agentmail-server',
		file: 'strict-parameters',
		set: () => withParams(agentmail.name, agentmailFacts),
	});
	for (const c of ['execute-tool', 'read-tool-with-path'])
		cases.push({ name: `${c}, strict with parameters`, dir: c, file: 'strict-parameters', set: () => withParams(c, [factsOfCase(c)]) });
	for (const c of cases) {
		it(c.name, async () => {
			const set = c.set();
			await expect(interceptYaml(set)).toMatchFileSnapshot(join(CASES, c.dir, `${c.file}.intercept.yaml`));
			await expect(policyLayerJson(set)).toMatchFileSnapshot(join(CASES, c.dir, `${c.file}.policylayer.json`));
		});
	}
	it('Agentmail composed: recommended with send_message and forward_message switched off', async () => {
		const set = composePolicySet(agentmail.name, agentmailFacts, 'recommended', new Set(['send_message', 'forward_message']));
		await expect(interceptYaml(set)).toMatchFileSnapshot(join(CASES, 'agentmail-server', 'composed-off.intercept.yaml'));
		await expect(policyLayerJson(set)).toMatchFileSnapshot(join(CASES, 'agentmail-server', 'composed-off.policylayer.json'));
		// Hidden in the server's tool order.
		expect(interceptDocument(set).hide).toEqual(['send_message', 'forward_message']);
		expect(policyLayerDocument(set).tools).not.toHaveProperty('send_message');
	});
});
