import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildStackIndex } from '../../src/lib/present/stack-index.ts';
import { composePolicySet } from '../../src/lib/policy/sets.ts';
import { interceptDocument } from '../../src/lib/policy/render.ts';
import { INTERCEPT, HOME_PLACEHOLDER } from '../../src/lib/policy/gateway.ts';
import { unitFacts } from '../../src/lib/stack/index.ts';
import { wrapConfiguration } from '../../src/lib/stack/wrap.ts';
import { fixtureCatalogue } from './support.ts';

const catalogue = fixtureCatalogue();
const index = buildStackIndex(catalogue);
const SECRET = 'ghp_secretValue';

/** Two catalogued stdio servers, one catalogued remote one, one unknown, one catalogued but disabled. */
const CONFIG = `{
  // a comment
  "mcpServers": {
    "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/Users/me/Documents"] },
    "gh": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"], "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${SECRET}" } },
    "wingman": { "type": "http", "url": "https://agent.wingmanprotocol.com/mcp", "headers": { "Authorization": "Bearer ${SECRET}" } },
    "notes": { "command": "npx", "args": ["-y", "some-unknown-mcp"] },
    "slack": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-slack"], "disabled": true },
    "tools": { "command": "uvx", "args": ["automagik-tools"] },
  }
}`;

type Entry = { type?: string; command: string; args: string[]; env?: Record<string, string>; disabled?: boolean };

describe('wrapConfiguration', () => {
	const r = wrapConfiguration(CONFIG, index);
	if (!r.ok) throw new Error(r.error);
	const doc = JSON.parse(r.text) as { mcpServers: Record<string, Entry> };
	const policy = (file: string) => `${HOME_PLACEHOLDER}/${INTERCEPT.policyFolder}/${file}`;

	it('wraps each catalogued stdio entry after --, keeping env', () => {
		expect(doc.mcpServers['fs']).toEqual({
			command: 'npx',
			args: [
				'-y',
				INTERCEPT.npmPackage,
				'-c',
				policy('modelcontextprotocol-filesystem.intercept.yaml'),
				'--',
				'npx',
				'-y',
				'@modelcontextprotocol/server-filesystem',
				'/Users/me/Documents',
			],
		});
		expect(doc.mcpServers['gh']!.args.slice(3)).toEqual([
			policy('modelcontextprotocol-github.intercept.yaml'),
			'--',
			'npx',
			'-y',
			'@modelcontextprotocol/server-github',
		]);
		expect(doc.mcpServers['gh']!.env).toEqual({ GITHUB_PERSONAL_ACCESS_TOKEN: SECRET });
	});

	it('puts a remote entry behind --upstream, its headers passed with --header', () => {
		expect(doc.mcpServers['wingman']).toEqual({
			type: 'stdio',
			command: 'npx',
			args: [
				'-y',
				INTERCEPT.npmPackage,
				'-c',
				policy('wingman-gateway.intercept.yaml'),
				'--upstream',
				'https://agent.wingmanprotocol.com/mcp',
				'--header',
				`Authorization: Bearer ${SECRET}`,
			],
		});
	});

	it('leaves unknown, disabled and ambiguous entries as they were, and says why', () => {
		expect(doc.mcpServers['notes']).toEqual({ command: 'npx', args: ['-y', 'some-unknown-mcp'] });
		expect(doc.mcpServers['slack']!.disabled).toBe(true);
		expect(doc.mcpServers['slack']!.args).toEqual(['-y', '@modelcontextprotocol/server-slack']);
		expect(doc.mcpServers['tools']!.command).toBe('uvx');
		expect(r.unjudged.map((u) => u.entry)).toEqual(['notes', 'slack', 'tools']);
		expect(r.unjudged[0]!.why).toMatch(/not in the catalogue/);
		expect(r.unjudged[2]!.why).toMatch(/sub-servers/);
		expect(Object.keys(doc.mcpServers)).toEqual(['fs', 'gh', 'wingman', 'notes', 'slack', 'tools']);
	});

	it('names one policy per wrapped server, built from the index as the site builds it', () => {
		expect(r.policies.map((p) => p.file)).toEqual([
			'modelcontextprotocol-filesystem.intercept.yaml',
			'modelcontextprotocol-github.intercept.yaml',
			'wingman-gateway.intercept.yaml',
		]);
		for (const p of r.policies) {
			const fromIndex = interceptDocument(composePolicySet(p.unit.name, unitFacts(p.unit)));
			const server = catalogue.server(p.server.slug)!;
			const unit = server.units.find((u) => u.id === p.unit.id)!;
			const site = interceptDocument({ description: fromIndex.description ?? '', tools: unit.tools.map((t) => t.policy) });
			// Same rules per tool (the index lists tools most severe first, so key order may differ).
			expect(parse(JSON.stringify(fromIndex))).toEqual(parse(JSON.stringify(site)));
		}
	});

	it('uses ${userHome} for VS Code and a folder the reader gives when there is one', () => {
		const vs = wrapConfiguration(
			'{"servers": {"fs": {"type": "stdio", "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem"]}}}',
			index,
		);
		expect(vs.ok && JSON.parse(vs.text).servers.fs.args[3]).toBe(
			'${userHome}/.intercept/policies/modelcontextprotocol-filesystem.intercept.yaml',
		);
		expect(vs.ok && JSON.parse(vs.text).servers.fs.type).toBe('stdio');
		const mine = wrapConfiguration(CONFIG, index, '/home/me/policies/');
		expect(mine.ok && JSON.parse(mine.text).mcpServers.fs.args[3]).toBe('/home/me/policies/modelcontextprotocol-filesystem.intercept.yaml');
	});

	it.each([
		['not JSON', 'nope', /not valid JSON/],
		['a single entry', '{"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"]}', /single entry/],
	])('refuses %s', (_, text, error) => {
		const w = wrapConfiguration(text, index);
		expect(w.ok).toBe(false);
		expect(!w.ok && w.error).toMatch(error);
	});

	it('keeps a __proto__ entry as data', () => {
		const w = wrapConfiguration(
			'{"mcpServers": {"__proto__": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"]}}}',
			index,
		);
		expect(w.ok && w.wrapped.map((e) => e.entry)).toEqual(['__proto__']);
		expect(w.ok && w.text).toContain('"__proto__": {');
		expect(({} as Record<string, unknown>)['command']).toBeUndefined();
	});
});
