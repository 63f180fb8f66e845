import { describe, expect, it } from 'vitest';
import { buildCatalogue, type Catalogue } from '../../src/lib/catalogue.ts';
import { composeChoices, presetChoice } from '../../src/lib/policy/composer.ts';
import { NOT_CARRIED, packComposerData, unpackComposerData, type ComposerUnit } from '../../src/lib/policy/composer-data.ts';
import { toolFacts } from '../../src/lib/policy/facts.ts';
import { PRESET_IDS } from '../../src/lib/policy/model.ts';
import { interceptYaml, policyLayerJson } from '../../src/lib/policy/render.ts';
import { exampleArguments } from '../../src/lib/present/run-it.ts';
import { escapeMarked } from '../../src/lib/text/unicode.ts';
import { fixtureServers, readServerFiles } from './support.ts';

/** The composer's units of every server, as the server page builds them. */
function unitsOf(cat: Catalogue): [string, ComposerUnit[]][] {
	return cat.servers.map((s) => [
		s.slug,
		s.units.map((u) => ({
			id: u.id,
			name: u.name,
			tools: u.tools.map((t) => toolFacts(t.entry.definition, t.judgement, t.parameters)),
			levels: u.tools.map((t) => t.judgement.level),
			examples: u.tools.map((t) => exampleArguments(t.parameters)),
		})),
	]);
}

const withoutEvidence = (units: ComposerUnit[]): ComposerUnit[] =>
	units.map((u) => ({ ...u, tools: u.tools.map((t) => ({ ...t, args: t.args.map((a) => ({ ...a, evidence: { ...NOT_CARRIED } })) })) }));

/** The page's round trip: packed, written as JSON with marked characters escaped, parsed, unpacked. */
const roundTrip = (units: ComposerUnit[]) => unpackComposerData(JSON.parse(escapeMarked(JSON.stringify(packComposerData(units)), 'json')));

const catalogues: [string, Catalogue][] = [
	['fixture', buildCatalogue(fixtureServers())],
	['hostile', buildCatalogue(readServerFiles('tests/fixtures/hostile-servers'))],
];
const servers = catalogues.flatMap(([site, cat]) => unitsOf(cat).map(([slug, units]) => [`${site}: ${slug}`, units] as const));

describe('composer data', () => {
	it('covers servers with tool-poisoning, outbound and unreachable arguments', () => {
		const tools = servers.flatMap(([, units]) => units.flatMap((u) => u.tools));
		expect(tools.some((t) => t.poisoned)).toBe(true);
		expect(tools.some((t) => t.outbound)).toBe(true);
		expect(tools.some((t) => t.args.some((a) => a.shape))).toBe(true);
		expect(servers.some(([, units]) => units.length > 1)).toBe(true);
	});

	it.each(servers)('%s: unpacked gives back every fact, level and example (evidence aside)', (_, units) => {
		expect(roundTrip(units)).toEqual(withoutEvidence(units));
	});

	it.each(servers)('%s: every preset renders the same documents from the unpacked facts', (_, units) => {
		const back = roundTrip(units);
		units.forEach((u, i) => {
			for (const preset of PRESET_IDS) {
				const from = (tools: ComposerUnit['tools']) =>
					composeChoices(
						u.name,
						tools,
						tools.map((t) => presetChoice(t, preset)),
						preset,
						{ rootFolder: '/srv/agent', urlHosts: ['api.example.com'] },
					);
				expect(interceptYaml(from(back[i]!.tools))).toBe(interceptYaml(from(u.tools)));
				expect(policyLayerJson(from(back[i]!.tools))).toBe(policyLayerJson(from(u.tools)));
			}
		});
	});

	it('writes each category and level once, and each distinct example once', () => {
		const tool = (name: string, category: 'read' | 'write', poisoned = false) => ({
			tool: name,
			category,
			poisoned,
			outbound: false,
			args: [],
		});
		const packed = packComposerData([
			{
				id: 'a',
				name: 'A',
				tools: [tool('x', 'write'), tool('y', 'read', true), tool('z', 'write')],
				levels: ['medium', 'high', 'medium'],
				examples: [{ id: '' }, { id: '' }, {}],
			},
		]);
		expect(packed).toEqual({
			categories: ['write', 'read'],
			levels: ['medium', 'high'],
			units: [{ id: 'a', name: 'A', tools: ['x', 'y', 'z'], c: '010', l: '010', p: [1], o: [], a: [], x: [{ id: '' }, {}], e: [0, 0, 1] }],
		});
	});

	it('keeps a tool named __proto__ and an example key __proto__ as data', () => {
		const example: Record<string, unknown> = {};
		Object.defineProperty(example, '__proto__', { value: '', enumerable: true, writable: true, configurable: true });
		const units: ComposerUnit[] = [
			{
				id: 'u',
				name: 'U',
				tools: [{ tool: '__proto__', category: 'read', poisoned: false, outbound: false, args: [] }],
				levels: ['low'],
				examples: [example],
			},
		];
		const back = roundTrip(units);
		expect(back[0]!.tools[0]!.tool).toBe('__proto__');
		expect(Object.keys(back[0]!.examples[0]!)).toEqual(['__proto__']);
	});
});
