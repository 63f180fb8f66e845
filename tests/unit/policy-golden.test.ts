/**
 * Golden policies: for each case in tests/fixtures/policies, the Intercept YAML and PolicyLayer JSON the
 * site would publish are compared byte for byte with the files next to the tool definition. A change to
 * the classifier, the policy model or the renderers shows up as a reviewable diff of real documents
 * (update deliberately with `vitest run -u`).
 *
 * The goldens are not trusted just because they match: each one is parsed back and validated against
 * its engine's schema here too, and the properties each case exists for are asserted by name.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { buildCatalogue } from '../../src/lib/catalogue.ts';
import { serverPolicySet, snippetMergeNote, toolPolicySet } from '../../src/lib/policy/sets.ts';
import { classifyTool } from '../../src/lib/judge/classify.ts';
import { listParameters } from '../../src/lib/content/parameters.ts';
import { validateInterceptPolicy, type InterceptPolicy } from '../../src/lib/policy/intercept-schema.ts';
import { toolPolicy } from '../../src/lib/policy/facts.ts';
import { CHECK_PATTERNS, OUTBOUND_LIMIT } from '../../src/lib/policy/model.ts';
import { evaluateIntercept } from '../../src/lib/policy/evaluate.ts';
import { validatePolicyLayerPolicy, type PolicyLayerPolicy } from '../../src/lib/policy/policylayer-schema.ts';
import { interceptDocument, interceptYaml, policyLayerDocument, policyLayerJson } from '../../src/lib/policy/render.ts';
import type { PolicySet } from '../../src/lib/policy/model.ts';
import { mcpToolSchema } from '../../src/lib/content/mcp-tool.ts';
import { fixtureServer } from './support.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CASES = join(ROOT, 'tests', 'fixtures', 'policies');

/** The policy set for one tool definition, built the way the catalogue builds a tool page's snippet. */
function singleToolSet(caseName: string): PolicySet {
	const definition = mcpToolSchema.parse(JSON.parse(readFileSync(join(CASES, caseName, 'tool.json'), 'utf8')));
	const { parameters } = listParameters(definition.inputSchema ?? {});
	const judgement = classifyTool({ definition });
	return toolPolicySet(`tests/fixtures/policies/${caseName}`, definition.name, toolPolicy(definition, judgement, parameters));
}

/** The whole-server policy for the Agentmail content file (its copy in the fixture catalogue), as its server page offers it. */
function agentmailServerSet(): PolicySet {
	const server = fixtureServer('agentmail');
	const view = buildCatalogue([server]).server('agentmail');
	if (!view || view.units.length !== 1) throw new Error('agentmail: expected one policy unit');
	const unit = view.units[0]!;
	return serverPolicySet(
		unit.name,
		unit.tools.map((t) => t.policy),
	);
}

/** Renders both documents, checks each against its engine's schema after a round trip, returns them parsed. */
async function checkGoldens(caseName: string, set: PolicySet): Promise<{ intercept: InterceptPolicy; policyLayer: PolicyLayerPolicy }> {
	const yamlText = interceptYaml(set);
	const jsonText = policyLayerJson(set);
	await expect(yamlText).toMatchFileSnapshot(join(CASES, caseName, 'intercept.yaml'));
	await expect(jsonText).toMatchFileSnapshot(join(CASES, caseName, 'policylayer.json'));

	const intercept: unknown = parseYaml(yamlText);
	expect(validateInterceptPolicy(intercept)).toEqual([]);
	expect(intercept).toEqual(interceptDocument(set));
	const policyLayer: unknown = JSON.parse(jsonText);
	expect(validatePolicyLayerPolicy(policyLayer)).toEqual([]);
	expect(policyLayer).toEqual(policyLayerDocument(set));
	expect(jsonText.endsWith('}\n')).toBe(true);
	return { intercept: intercept as InterceptPolicy, policyLayer: policyLayer as PolicyLayerPolicy };
}

describe('policy goldens', () => {
	it('read tool: listed with no rules in Intercept, {} in PolicyLayer, default deny in both', async () => {
		const { intercept, policyLayer } = await checkGoldens('read-tool', singleToolSet('read-tool'));
		expect(intercept).toMatchObject({ version: '1', default: 'deny', tools: { get_weather: { rules: [] } } });
		expect(policyLayer).toEqual({ version: '1', default: 'deny', tools: { get_weather: {} } });
	});

	it('read tool with a required path: no limit, but Intercept refuses .. segments (and says absolute paths still pass)', async () => {
		const set = singleToolSet('read-tool-with-path');
		const { intercept, policyLayer } = await checkGoldens('read-tool-with-path', set);
		expect(intercept.tools['read_file']?.rules).toEqual([
			{
				name: 'path: no .. segments',
				conditions: [{ path: 'args.path', op: 'regex', value: CHECK_PATTERNS.localPath }],
				on_deny: 'read_file: path must be a path without .. segments, a leading ~, or the characters % \\ :',
			},
		]);
		expect(set.tools[0]?.effect).toContain('but lets through an absolute path such as /etc/passwd');
		expect(policyLayer.tools).toEqual({ read_file: {} });
	});

	it('poisoned tool: hidden in both engines, so the model never reads its description', async () => {
		const { intercept, policyLayer } = await checkGoldens('poisoned-tool', singleToolSet('poisoned-tool'));
		expect(intercept.hide).toEqual(['add_numbers']);
		expect(intercept.tools).toEqual({});
		expect(policyLayer).toEqual({ version: '1', default: 'deny', hide: ['add_numbers'], tools: {} });
	});

	it('Agentmail send_message (write, sends to recipients the agent chooses): an hourly limit, no argument checks', async () => {
		const { intercept, policyLayer } = await checkGoldens('agentmail-send-message', singleToolSet('agentmail-send-message'));
		const rules = intercept.tools['send_message']?.rules ?? [];
		expect(rules).toHaveLength(1);
		expect(rules[0]).toMatchObject({ name: 'rate limit', rate_limit: `${OUTBOUND_LIMIT.max}/${OUTBOUND_LIMIT.window}` });
		expect(policyLayer.tools?.['send_message']).toEqual({
			limits: [{ counter: 'send_message_rate', window: 'hour', max: OUTBOUND_LIMIT.max, scope: 'grant' }],
		});
	});

	it('execute tool: a tighter limit plus one check per required shell command, path, SQL and URL argument', async () => {
		const { intercept, policyLayer } = await checkGoldens('execute-tool', singleToolSet('execute-tool'));
		const rules = intercept.tools['run_job']?.rules ?? [];
		expect(rules[0]).toMatchObject({ rate_limit: '10/minute' });
		const checks = rules.slice(1).map((r) => r.conditions?.[0]);
		expect(checks).toEqual([
			{ path: 'args.command', op: 'regex', value: CHECK_PATTERNS.shellSingleCommand },
			{ path: 'args.sql', op: 'regex', value: CHECK_PATTERNS.sqlReadOnly },
			{ path: 'args.path', op: 'regex', value: CHECK_PATTERNS.localPath },
			{ path: 'args.url', op: 'regex', value: CHECK_PATTERNS.httpsUrl },
		]);
		for (const rule of rules) expect(rule.on_deny, rule.name).toMatch(/\S/);
		// PolicyLayer cannot express the checks; it keeps the limit.
		expect(policyLayer.tools?.['run_job']).toEqual({ limits: [{ counter: 'run_job_rate', window: 'minute', max: 10, scope: 'grant' }] });
	});

	it('execute checks behave as documented on sample arguments, decided by the engine', () => {
		const doc = interceptDocument(singleToolSet('execute-tool'));
		const ok = { command: 'ls -la /tmp', path: 'reports/2026', sql: 'SELECT * FROM t', url: 'https://hooks.example.com/x' };
		const decide = (args: Record<string, string>) => evaluateIntercept(doc, { tool: 'run_job', args: { ...ok, ...args } });
		expect(decide({}).allowed).toBe(true);
		for (const [arg, value] of [
			['command', 'ls; rm -rf /'],
			['command', 'echo $(id)'],
			['path', '../../etc/passwd'],
			['path', '~/.ssh/id_rsa'],
			['sql', 'SELECT 1; DROP TABLE users'],
			['sql', 'EXPLAIN ANALYZE DELETE FROM users'],
			['url', 'http://169.254.169.254/'],
		] as const) {
			const d = decide({ [arg]: value });
			expect(d.allowed, `${arg}: ${value}`).toBe(false);
			expect(d.failedCondition?.path).toBe(`args.${arg}`);
		}
		// What the page says is not stopped is not stopped.
		expect(decide({ command: 'rm -rf /' }).allowed).toBe(true);
		expect(decide({ path: '/etc/passwd' }).allowed).toBe(true);
	});

	it('destructive tool: one deny rule in Intercept, named under hide in PolicyLayer (no published visible-deny syntax)', async () => {
		const { intercept, policyLayer } = await checkGoldens('destructive-tool', singleToolSet('destructive-tool'));
		expect(intercept.tools['delete_repository']?.rules).toEqual([
			{
				name: 'deny',
				action: 'deny',
				on_deny: 'delete_repository is blocked by policy because it cannot be undone; a person must allow it deliberately.',
			},
		]);
		expect(policyLayer).toEqual({ version: '1', default: 'deny', hide: ['delete_repository'], tools: {} });
	});

	it('financial tool: denied, with a message that says money moves', async () => {
		const { intercept, policyLayer } = await checkGoldens('financial-tool', singleToolSet('financial-tool'));
		expect(intercept.tools['create_refund']?.rules).toEqual([
			{
				name: 'deny',
				action: 'deny',
				on_deny: 'create_refund is blocked by policy because it moves money; a person must allow it deliberately.',
			},
		]);
		expect(policyLayer.tools).toEqual({});
		expect(policyLayer.hide).toEqual(['create_refund']);
	});

	it('whole Agentmail server: all 11 tools, each treated by its category', async () => {
		const set = agentmailServerSet();
		const { intercept, policyLayer } = await checkGoldens('agentmail-server', set);
		expect(Object.keys(intercept.tools)).toHaveLength(11);
		expect(Object.keys(intercept.tools).sort()).toEqual([
			'create_inbox',
			'delete_inbox',
			'forward_message',
			'get_attachment',
			'get_inbox',
			'get_thread',
			'list_inboxes',
			'list_threads',
			'reply_to_message',
			'send_message',
			'update_message',
		]);
		expect(intercept.tools['delete_inbox']?.rules[0]).toMatchObject({ action: 'deny' });
		expect(intercept.tools['get_inbox']?.rules).toEqual([]);
		expect(intercept.tools['send_message']?.rules[0]).toMatchObject({ rate_limit: `${OUTBOUND_LIMIT.max}/${OUTBOUND_LIMIT.window}` });
		// Denied tools are named under hide, never left to the default.
		expect(policyLayer.hide).toEqual(['delete_inbox']);
		expect(Object.keys(policyLayer.tools ?? {}).sort()).toEqual(
			Object.keys(intercept.tools)
				.filter((t) => t !== 'delete_inbox')
				.sort(),
		);
		expect(intercept.description).toContain('Agentmail');
	});
});

describe('a single-tool snippet', () => {
	it('says in the document that it is a fragment, and how to merge it in each format', () => {
		const set = singleToolSet('destructive-tool');
		expect(interceptDocument(set).description).toMatch(/A fragment: used alone, default deny refuses every other tool of the server/);
		const note = snippetMergeNote(set.tools[0]!);
		expect(note.summary).toMatch(/default deny, so alone it refuses the server's other tools/);
		expect(note.intercept).toMatch(/Intercept, copy its entry under tools:/);
		expect(note.policyLayer).toMatch(/PolicyLayer, add it to "hide"/);
		expect(snippetMergeNote(singleToolSet('read-tool').tools[0]!).policyLayer).toMatch(/PolicyLayer, copy it into "tools"/);
		expect(snippetMergeNote(singleToolSet('poisoned-tool').tools[0]!).intercept).toMatch(/Intercept, add the tool to hide/);
	});

	it('every denied or hidden tool is named in both formats; none is left to the default', () => {
		for (const c of [
			'read-tool',
			'read-tool-with-path',
			'poisoned-tool',
			'agentmail-send-message',
			'execute-tool',
			'destructive-tool',
			'financial-tool',
		]) {
			const set = singleToolSet(c);
			const name = set.tools[0]!.tool;
			const intercept = interceptDocument(set);
			const pl = policyLayerDocument(set);
			expect(name in intercept.tools || (intercept.hide ?? []).includes(name), c).toBe(true);
			expect(name in (pl.tools ?? {}) || (pl.hide ?? []).includes(name), c).toBe(true);
		}
	});
});

describe('a tool named "*"', () => {
	it('is left out of both documents, since "*" means every tool there', () => {
		const definition = { name: '*', description: 'Deletes everything.', inputSchema: { type: 'object' } };
		const policy = toolPolicy('*', classifyTool({ definition }), []);
		expect(policy.treatment).toBe('omit');
		const set: PolicySet = { description: 'wildcard-named tool', tools: [policy] };
		expect(interceptDocument(set).tools).toEqual({});
		expect(interceptDocument(set).hide).toBeUndefined();
		expect(policyLayerDocument(set)).toEqual({ version: '1', default: 'deny', tools: {} });
	});
});
