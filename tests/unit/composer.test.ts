import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
	composeChoices,
	composedPolicy,
	parameterKinds,
	presetChoice,
	TOOL_STATES,
	type ToolChoice,
} from '../../src/lib/policy/composer.ts';
import { CHECK_SIGNALS, PRESET_IDS, type ToolFacts } from '../../src/lib/policy/model.ts';
import { composePolicySet } from '../../src/lib/policy/sets.ts';
import { interceptDocument, interceptYaml, policyLayerDocument, policyLayerJson } from '../../src/lib/policy/render.ts';
import { evaluateIntercept } from '../../src/lib/policy/evaluate.ts';
import { argumentFact } from './support.ts';

const TOOLS: ToolFacts[] = [
	{ tool: 'read_file', category: 'read', poisoned: false, outbound: false, args: [argumentFact('file-path', 'path')] },
	{ tool: 'write_file', category: 'write', poisoned: false, outbound: false, args: [argumentFact('file-path', 'path')] },
	{ tool: 'fetch', category: 'read', poisoned: false, outbound: false, args: [argumentFact('url-input', 'url')] },
	{ tool: 'run', category: 'execute', poisoned: false, outbound: false, args: [argumentFact('command-input', 'cmd')] },
	{ tool: 'delete_file', category: 'destructive', poisoned: false, outbound: false, args: [argumentFact('file-path', 'path')] },
	{ tool: 'pay', category: 'financial', poisoned: false, outbound: false, args: [] },
	{ tool: 'evil', category: 'read', poisoned: true, outbound: false, args: [] },
];

describe('composer', () => {
	it.each(PRESET_IDS)('%s: the preset choices give exactly the preset policy, in both formats', (preset) => {
		const choices = TOOLS.map((t) => presetChoice(t, preset));
		const composed = composeChoices('srv', TOOLS, choices, preset);
		const plain = composePolicySet('srv', TOOLS, preset);
		expect(interceptYaml(composed)).toBe(interceptYaml(plain));
		expect(policyLayerJson(composed)).toBe(policyLayerJson(plain));
	});

	it.each(TOOLS.flatMap((t) => TOOL_STATES.map((s) => [t.tool, s] as const)))(
		'%s can be set to %s, and both formats validate',
		(name, state) => {
			const facts = TOOLS.find((t) => t.tool === name)!;
			const choice: ToolChoice = state === 'limit' ? { state, limit: { max: 7, window: 'hour' } } : { state };
			const set = { description: 'x', tools: [composedPolicy(facts, choice, 'recommended')] };
			const doc = interceptDocument(set);
			policyLayerDocument(set);
			const call = { tool: name, args: { path: '/srv/a', url: 'https://example.com/', cmd: 'ls' } };
			const d = evaluateIntercept(doc, call);
			expect(d.allowed, JSON.stringify(d)).toBe(state === 'allow' || state === 'limit');
			if (state === 'hide') expect(doc.hide).toContain(name);
			if (state === 'limit') expect(JSON.stringify(doc.tools[name])).toContain('7/hour');
		},
	);

	it('a destructive tool let through keeps every argument check its facts allow', () => {
		const p = composedPolicy(TOOLS[4]!, { state: 'allow' }, 'recommended');
		expect(p.treatment).toBe('check');
		expect(p.checks.map((c) => c.path)).toEqual(['args.path']);
		// The recommended preset gives execute tools every check signal: the composer relies on it.
		const all: ToolFacts = {
			tool: 't',
			category: 'destructive',
			poisoned: false,
			outbound: false,
			args: CHECK_SIGNALS.map((s) => argumentFact(s, s.replace('-', '_'))),
		};
		// Every signal but recipient, whose check needs the recipient domains (a deployment parameter).
		expect(composedPolicy(all, { state: 'allow' }, 'recommended').checks).toHaveLength(CHECK_SIGNALS.length - 1);
		expect(composedPolicy(all, { state: 'allow' }, 'recommended', { recipientDomains: ['example.com'] }).checks).toHaveLength(
			CHECK_SIGNALS.length,
		);
	});

	it('a root folder confines file paths, traversal included', () => {
		const set = composeChoices('srv', [TOOLS[1]!], [{ state: 'allow' }], 'recommended', { rootFolder: '/srv/data' });
		const doc = interceptDocument(set);
		const call = (path: string) => evaluateIntercept(doc, { tool: 'write_file', args: { path } });
		expect(call('/srv/data/notes.txt').allowed).toBe(true);
		expect(call('/srv/data').allowed).toBe(true);
		expect(call('/srv/data2/a').allowed).toBe(false);
		expect(call('/etc/passwd').allowed).toBe(false);
		const up = call('/srv/data/../../etc/passwd');
		expect(up.allowed).toBe(false);
		expect(up.rule).toBe('path: inside the allowed root folder');
		expect(parse(interceptYaml(set))).toEqual(JSON.parse(JSON.stringify(doc)));
	});

	it('URL hosts replace "https only" with a host list', () => {
		const set = composeChoices('srv', [TOOLS[2]!], [{ state: 'allow' }], 'recommended', {
			urlHosts: ['api.example.com', 'docs.example.org'],
		});
		const doc = interceptDocument(set);
		const call = (url: string) => evaluateIntercept(doc, { tool: 'fetch', args: { url } }).allowed;
		expect(call('https://api.example.com/v1')).toBe(true);
		expect(call('https://docs.example.org')).toBe(true);
		expect(call('https://API.example.com:8443/x')).toBe(true);
		expect(call('https://api.example.com.evil.net/')).toBe(false);
		expect(call('https://apixexample.com/')).toBe(false);
		expect(call('http://api.example.com/')).toBe(false);
		expect(set.tools[0]!.checks.map((c) => c.name)).toEqual(['url: https on the allowed hosts']);
	});

	it('parameterKinds names the arguments each parameter applies to', () => {
		expect(TOOLS.map(parameterKinds)).toEqual([
			[{ kind: 'rootFolder', args: ['path'] }],
			[{ kind: 'rootFolder', args: ['path'] }],
			[{ kind: 'urlHosts', args: ['url'] }],
			[],
			[{ kind: 'rootFolder', args: ['path'] }],
			[],
			[],
		]);
	});
});
