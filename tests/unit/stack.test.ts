import { describe, expect, it } from 'vitest';
import { readCommand, readConfig, readEntry, type ConfigEntry } from '../../src/lib/stack/config.ts';
import { checkStack } from '../../src/lib/stack/match.ts';
import { LIMITS, parseJsonc } from '../../src/lib/stack/jsonc.ts';
import { npmSpec, ociKey, pypiKey, pypiSpec, urlKey } from '../../src/lib/stack/names.ts';
import { policyDownloads } from '../../src/lib/stack/index.ts';
import { buildStackIndex, stackIndexSchema } from '../../src/lib/present/stack-index.ts';
import { fixtureCatalogue } from './support.ts';

const catalogue = fixtureCatalogue();
const index = buildStackIndex(catalogue);

describe('parseJsonc', () => {
	it.each<[string, string, unknown]>([
		['plain JSON', '{"a": [1, 2.5, -3e2, true, false, null, "x"]}', { a: [1, 2.5, -300, true, false, null, 'x'] }],
		['line and block comments', '// top\n{ /* a */ "a": 1, // end\n "b": "// not a comment" }', { a: 1, b: '// not a comment' }],
		['trailing commas', '{"a": [1, 2,], "b": {"c": 1,},}', { a: [1, 2], b: { c: 1 } }],
		['escapes', '{"a": "q\\"\\\\\\n\\u00e9/*x*/"}', { a: 'q"\\\né/*x*/' }],
		['byte order mark', '\ufeff{"a": 1}', { a: 1 }],
		['duplicate keys: last wins', '{"a": 1, "a": 2}', { a: 2 }],
	])('reads %s', (_, text, expected) => {
		const r = parseJsonc(text);
		expect(r.ok).toBe(true);
		// Compare as plain JSON: parsed objects have no prototype.
		expect(JSON.parse(JSON.stringify(r.ok && r.value))).toEqual(expected);
	});

	it.each<[string, string, RegExp]>([
		['not JSON', 'hello world', /unexpected character "h" at line 1, column 1/],
		['unterminated string', '{"a": "b}', /unterminated string/],
		['unterminated comment', '{"a": 1 /* oops', /unterminated \/\* comment/],
		['missing colon', '{"a" 1}', /expected : after a key at line 1, column 6/],
		['single quotes', "{'a': 1}", /expected a "quoted" key/],
		['text after the end', '{} {}', /unexpected text after the end/],
		['empty', '', /unexpected end of text/],
		['deep nesting', '['.repeat(10_000), /nested deeper than 64 levels/],
		['huge input', ' '.repeat(LIMITS.maxInput + 1), /reads at most/],
		['error position on a later line', '{\n  "a": 1,\n  "b": ?\n}', /line 3, column 8/],
	])('refuses %s', (_, text, error) => {
		const r = parseJsonc(text);
		expect(r.ok).toBe(false);
		expect(!r.ok && r.error).toMatch(error);
	});

	it('keeps __proto__ as an ordinary key and pollutes nothing', () => {
		const r = parseJsonc('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}');
		expect(r.ok).toBe(true);
		const v = (r.ok ? r.value : {}) as Record<string, unknown>;
		expect(Object.keys(v)).toEqual(['__proto__', 'constructor']);
		expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
		expect(Object.getPrototypeOf(v)).toBeNull();
	});
});

describe('names and addresses', () => {
	it.each<[string, ReturnType<typeof urlKey>]>([
		['https://Agent.WingmanProtocol.com/mcp/', 'agent.wingmanprotocol.com/mcp'],
		['https://user:secret@agent.wingmanprotocol.com:443/mcp?token=abc#x', 'agent.wingmanprotocol.com/mcp'],
		['http://localhost:8080/sse', 'localhost:8080/sse'],
		['https://example.com', 'example.com'],
		['javascript:alert(1)', undefined],
		['not a url', undefined],
	])('urlKey(%j)', (input, expected) => expect(urlKey(input)).toBe(expected));

	it.each<[string, ReturnType<typeof ociKey>]>([
		['ghcr.io/aahl/mcp-notify:latest', { name: 'ghcr.io/aahl/mcp-notify', tag: 'latest' }],
		['docker.io/library/redis', { name: 'redis' }],
		['mcp/github@sha256:abc', { name: 'mcp/github', tag: 'sha256:abc' }],
		['localhost:5000/team/img:1.2', { name: 'localhost:5000/team/img', tag: '1.2' }],
	])('ociKey(%j)', (input, expected) => expect(ociKey(input)).toEqual(expected));

	it.each<[string, ReturnType<typeof npmSpec>]>([
		['@modelcontextprotocol/server-github@2025.4.8', { name: '@modelcontextprotocol/server-github', version: '2025.4.8' }],
		['agentmail-mcp', { name: 'agentmail-mcp' }],
		['Some-Pkg@latest', { name: 'some-pkg', version: 'latest' }],
		['github:user/repo', undefined],
		['./local', undefined],
	])('npmSpec(%j)', (input, expected) => expect(npmSpec(input)).toEqual(expected));

	it.each<[string, ReturnType<typeof pypiSpec>]>([
		['mcp-notify==0.1.11', { name: 'mcp-notify', version: '0.1.11' }],
		['agentwork-mcp@0.1.3', { name: 'agentwork-mcp', version: '0.1.3' }],
		['automagik-tools[all]>=0.9', { name: 'automagik-tools' }],
		['git+https://x', undefined],
	])('pypiSpec(%j)', (input, expected) => expect(pypiSpec(input)).toEqual(expected));

	it('pypiKey folds case and separators', () => expect(pypiKey('Mcp_Notify.X')).toBe('mcp-notify-x'));
});

describe('readCommand', () => {
	type Row = [string, string[], Partial<ConfigEntry>];
	it.each<Row>([
		[
			'npx',
			['-y', '@modelcontextprotocol/server-filesystem', '/Users/me/Desktop'],
			{ kind: 'npm', package: '@modelcontextprotocol/server-filesystem' },
		],
		[
			'npx',
			['@modelcontextprotocol/server-github@2025.4.8'],
			{ kind: 'npm', package: '@modelcontextprotocol/server-github', version: '2025.4.8' },
		],
		['npx', ['--yes', '--registry', 'https://r.example', 'agentmail-mcp'], { kind: 'npm', package: 'agentmail-mcp' }],
		['npx', ['-p', 'agentmail-mcp@0.2.2', 'agentmail'], { kind: 'npm', package: 'agentmail-mcp', version: '0.2.2' }],
		['npx', ['-y', '--', 'agentmail-mcp'], { kind: 'npm', package: 'agentmail-mcp' }],
		['/usr/local/bin/npx.cmd', ['-y', 'agentmail-mcp'], { kind: 'npm', package: 'agentmail-mcp' }],
		['cmd', ['/c', 'npx', '-y', 'agentmail-mcp'], { kind: 'npm', package: 'agentmail-mcp' }],
		['bunx', ['agentmail-mcp'], { kind: 'npm', package: 'agentmail-mcp' }],
		['pnpm', ['dlx', 'agentmail-mcp'], { kind: 'npm', package: 'agentmail-mcp' }],
		['yarn', ['dlx', 'agentmail-mcp@0.2.2'], { kind: 'npm', package: 'agentmail-mcp', version: '0.2.2' }],
		['npm', ['exec', '--', 'agentmail-mcp'], { kind: 'npm', package: 'agentmail-mcp' }],
		[
			'node',
			['/home/me/app/node_modules/@modelcontextprotocol/server-slack/dist/index.js'],
			{ kind: 'npm', package: '@modelcontextprotocol/server-slack' },
		],
		['node', ['C:\\app\\node_modules\\agentmail-mcp\\build\\index.js'], { kind: 'npm', package: 'agentmail-mcp' }],
		['node', ['server.js'], { kind: 'unknown' }],
		[
			'npx',
			['-y', 'mcp-remote', 'https://agent.wingmanprotocol.com/mcp', '--header', 'Authorization: Bearer x'],
			{ kind: 'remote', url: 'agent.wingmanprotocol.com/mcp' },
		],
		[
			'npx',
			['mcp-remote@latest', 'https://agent.wingmanprotocol.com/mcp/sse'],
			{ kind: 'remote', url: 'agent.wingmanprotocol.com/mcp/sse' },
		],
		['uvx', ['mcp-notify'], { kind: 'pypi', package: 'mcp-notify' }],
		['uvx', ['--python', '3.12', 'mcp-notify==0.1.11'], { kind: 'pypi', package: 'mcp-notify', version: '0.1.11' }],
		[
			'uvx',
			['--from', 'Automagik_Tools@0.9.7', 'automagik-tools', 'tool', 'omni'],
			{ kind: 'pypi', package: 'automagik-tools', version: '0.9.7', words: ['tool', 'omni'] },
		],
		['uv', ['tool', 'run', 'agentwork-mcp'], { kind: 'pypi', package: 'agentwork-mcp' }],
		['uv', ['--directory', '/src/x', 'run', 'server.py'], { kind: 'unknown' }],
		['pipx', ['run', 'agentwork-mcp'], { kind: 'pypi', package: 'agentwork-mcp' }],
		['pipx', ['run', '--spec', 'mcp-notify==0.1.11', 'notify'], { kind: 'pypi', package: 'mcp-notify', version: '0.1.11' }],
		['python', ['-m', 'mcp_notify'], { kind: 'pypi', package: 'mcp-notify' }],
		['python3.12', ['-u', '-m', 'agentwork_mcp'], { kind: 'pypi', package: 'agentwork-mcp' }],
		[
			'docker',
			['run', '-i', '--rm', '-e', 'TOKEN=abc', '-v', '/a:/b', 'ghcr.io/aahl/mcp-notify:latest'],
			{ kind: 'oci', package: 'ghcr.io/aahl/mcp-notify', version: 'latest' },
		],
		['podman', ['container', 'run', '--env=X=y', 'mcp/github'], { kind: 'oci', package: 'mcp/github' }],
		['docker', ['ps'], { kind: 'unknown' }],
		['some-binary', ['--flag'], { kind: 'unknown' }],
	])('%s %j', (command, args, expected) => {
		expect(readCommand(command, args)).toMatchObject(expected);
	});
});

const SECRET = 'ghp_SuperSecretValue123';

describe('readConfig', () => {
	it.each<[string, string, string, number]>([
		[
			'Claude Desktop',
			JSON.stringify({ mcpServers: { fs: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem'] } } }),
			'mcpServers',
			1,
		],
		[
			'VS Code .vscode/mcp.json',
			'{ "inputs": [], "servers": { "gh": { "type": "stdio", "command": "npx", "args": ["@modelcontextprotocol/server-github"] }, } }',
			'servers',
			1,
		],
		[
			'VS Code settings.json',
			'{ "editor.fontSize": 14, // mine\n "mcp": { "servers": { "w": { "type": "http", "url": "https://agent.wingmanprotocol.com/mcp" } } } }',
			'mcp.servers',
			1,
		],
		['Zed', JSON.stringify({ context_servers: { a: { command: 'uvx', args: ['mcp-notify'] } } }), 'context_servers', 1],
		['bare map', JSON.stringify({ a: { command: 'uvx', args: ['mcp-notify'] }, b: { url: 'https://x.example/mcp' } }), 'bare map', 2],
		['single entry', JSON.stringify({ command: 'uvx', args: ['mcp-notify'] }), 'single entry', 1],
		['a list', JSON.stringify([{ name: 'n', command: 'uvx', args: ['mcp-notify'] }]), 'list', 1],
	])('finds the servers of a %s configuration', (_, text, shape, count) => {
		const r = readConfig(text);
		expect(r.ok && r.shape).toBe(shape);
		expect(r.ok && r.entries.length).toBe(count);
	});

	it.each<[string, string, RegExp]>([
		['empty text', '   ', /paste a configuration/],
		['not JSON', 'mcpServers: {}', /not valid JSON/],
		['a number', '42', /expected a JSON object/],
		['an object without servers', '{"theme": "dark"}', /no server entries found/],
	])('explains %s', (_, text, error) => {
		const r = readConfig(text);
		expect(r.ok).toBe(false);
		expect(!r.ok && r.error).toMatch(error);
	});

	it('reads hostile entries without throwing or polluting', () => {
		const text = JSON.stringify({
			mcpServers: {
				__proto__: { command: 'npx', args: ['-y', 'agentmail-mcp'] },
				constructor: { command: 42, args: 'x' },
				nonString: { command: 'npx', args: [{ a: 1 }, 7, null, '-y', 'agentmail-mcp'] },
				notObject: 'npx -y agentmail-mcp',
				oneLine: { command: 'npx -y agentmail-mcp' },
				long: { command: 'x'.repeat(10_000) },
				badUrl: { url: 'javascript:alert(1)' },
			},
		}).replace('"mcpServers":{', '"mcpServers":{"__proto__":{"command":"npx","args":["-y","agentmail-mcp"]},');
		const r = readConfig(text);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		const byName = Object.fromEntries(r.entries.map((e) => [e.name, e]));
		expect(byName['__proto__']).toMatchObject({ kind: 'npm', package: 'agentmail-mcp' });
		expect(byName['constructor']).toMatchObject({ kind: 'unknown' });
		expect(byName['nonString']).toMatchObject({
			kind: 'npm',
			package: 'agentmail-mcp',
			notes: ['3 argument(s) that are not text were ignored'],
		});
		expect(byName['notObject']).toMatchObject({ kind: 'unknown', notes: ['the entry is not an object'] });
		expect(byName['oneLine']).toMatchObject({ kind: 'npm', package: 'agentmail-mcp' });
		expect(byName['long']!.command!.length).toBeLessThanOrEqual(LIMITS.maxShown);
		expect(byName['badUrl']).toMatchObject({ kind: 'unknown' });
		expect(({} as Record<string, unknown>)['command']).toBeUndefined();
	});

	it('caps the number of entries', () => {
		const map = Object.fromEntries(
			Array.from({ length: LIMITS.maxEntries + 5 }, (_, i) => [`s${i}`, { command: 'uvx', args: ['mcp-notify'] }]),
		);
		const r = readConfig(JSON.stringify({ mcpServers: map }));
		expect(r.ok && r.entries.length).toBe(LIMITS.maxEntries);
		expect(r.ok && r.notes[0]).toMatch(/only the first 500/);
	});

	it('never keeps an env, header or argument value', () => {
		const text = JSON.stringify({
			mcpServers: {
				gh: {
					command: 'npx',
					args: ['-y', '@modelcontextprotocol/server-github', `--token=${SECRET}`],
					env: { GITHUB_PERSONAL_ACCESS_TOKEN: SECRET },
				},
				remote: {
					type: 'http',
					url: `https://me:${SECRET}@agent.wingmanprotocol.com/mcp?key=${SECRET}`,
					headers: { Authorization: `Bearer ${SECRET}` },
				},
				docker: { command: 'docker', args: ['run', '-e', `TOKEN=${SECRET}`, 'mcp/github', SECRET] },
				bridge: { command: 'npx', args: ['mcp-remote', 'https://agent.wingmanprotocol.com/mcp', '--header', `Authorization:${SECRET}`] },
			},
		});
		const r = readConfig(text);
		expect(r.ok).toBe(true);
		expect(JSON.stringify(r)).not.toContain(SECRET);
		expect(JSON.stringify(r)).not.toContain('SuperSecret');
		expect(r.ok && r.entries.map((e) => e.secretsSkipped)).toEqual([1, 1, 0, 0]);
	});

	it('notes disabled entries', () => {
		expect(readEntry('x', { command: 'uvx', args: ['mcp-notify'], disabled: true }).disabled).toBe(true);
		expect(readEntry('x', { command: 'uvx', args: ['mcp-notify'], enabled: false }).disabled).toBe(true);
	});
});

describe('the index (fixture catalogue)', () => {
	it('validates and covers every server', () => {
		expect(stackIndexSchema.safeParse(index).success).toBe(true);
		expect(index.servers.map((s) => s.slug)).toEqual(catalogue.servers.map((s) => s.slug));
	});

	it('records the catalogued packages and addresses', () => {
		const gh = index.servers.find((s) => s.slug === 'modelcontextprotocol-github')!;
		expect(gh.packages).toEqual([{ kind: 'npm', name: '@modelcontextprotocol/server-github', version: '2025.4.8' }]);
		expect(index.servers.find((s) => s.slug === 'wingman-gateway')!.remotes).toEqual([
			'agent.wingmanprotocol.com/mcp',
			'agent.wingmanprotocol.com/mcp/sse',
		]);
		expect(index.servers.find((s) => s.slug === 'notify-mcp-server')!.packages.map((p) => p.name)).toEqual([
			'mcp-notify',
			'ghcr.io/aahl/mcp-notify',
		]);
		expect(index.servers.find((s) => s.slug === 'automagik-tools')!.units.length).toBe(10);
	});

	it('level counts agree with the catalogue', () => {
		for (const s of index.servers) {
			const counts = index.levels.map((_, i) => s.units.reduce((n, u) => n + u.levels[i]!, 0));
			expect(counts).toEqual(index.levels.map((l) => catalogue.server(s.slug)!.levelCounts[l.id]));
		}
	});

	it('names the policy downloads the server pages offer', () => {
		expect(policyDownloads('modelcontextprotocol-github', 'modelcontextprotocol-github')).toEqual({
			intercept: '/servers/modelcontextprotocol-github/policies/modelcontextprotocol-github.intercept.yaml',
			policylayer: '/servers/modelcontextprotocol-github/policies/modelcontextprotocol-github.policylayer.json',
		});
	});

	it('stays small: measured size per server', () => {
		const bytes = JSON.stringify(index).length;
		const perServer = bytes / index.servers.length;
		// About 0.8 KB per server on the fixture catalogue (automagik-tools alone holds 125 tools) and 0.9 KB
		// on the live one (stack.catalogue.test.ts holds it to the same limit); 9,000 such servers would be
		// ~9 MB before compression. Raise with care: the page fetches the whole file.
		expect(perServer).toBeLessThan(1500);
	});
});

describe('checkStack', () => {
	const entries = (config: object) => {
		const r = readConfig(JSON.stringify(config));
		if (!r.ok) throw new Error(r.error);
		return r.entries;
	};

	it.each<[string, object, { matched: (string | undefined)[]; trifecta: boolean; unknown: number }]>([
		[
			'filesystem + brave + slack: three servers, one leg each',
			{
				mcpServers: {
					fs: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/tmp'] },
					web: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-brave-search'] },
					chat: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-slack'] },
				},
			},
			{
				matched: ['modelcontextprotocol-filesystem', 'modelcontextprotocol-brave-search', 'modelcontextprotocol-slack'],
				trifecta: true,
				unknown: 0,
			},
		],
		[
			'github alone supplies all three legs',
			{ mcpServers: { gh: { command: 'npx', args: ['@modelcontextprotocol/server-github'] } } },
			{ matched: ['modelcontextprotocol-github'], trifecta: true, unknown: 0 },
		],
		[
			'maps and memory: no untrusted content, no outbound',
			{
				servers: {
					m: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-google-maps'] },
					k: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory'] },
				},
			},
			{ matched: ['modelcontextprotocol-google-maps', 'modelcontextprotocol-memory'], trifecta: false, unknown: 0 },
		],
		[
			'a disabled entry does not count',
			{ mcpServers: { gh: { command: 'npx', args: ['@modelcontextprotocol/server-github'], disabled: true } } },
			{ matched: ['modelcontextprotocol-github'], trifecta: false, unknown: 0 },
		],
		[
			'remote by URL, docker by image, unknown package',
			{
				mcpServers: {
					w: { type: 'http', url: 'https://agent.wingmanprotocol.com/mcp/' },
					n: { command: 'docker', args: ['run', '-i', 'ghcr.io/aahl/mcp-notify'] },
					x: { command: 'npx', args: ['-y', 'some-unknown-mcp'] },
				},
			},
			{ matched: ['wingman-gateway', 'notify-mcp-server', undefined], trifecta: true, unknown: 1 },
		],
	])('%s', (_, config, expected) => {
		const report = checkStack(entries(config), index);
		expect(report.results.map((r) => r.match?.server.slug)).toEqual(expected.matched);
		expect(report.trifecta).toBe(expected.trifecta);
		expect(report.unknown).toBe(expected.unknown);
	});

	it('says which server supplies each leg', () => {
		const report = checkStack(
			entries({
				mcpServers: {
					fs: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem'] },
					web: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-brave-search'] },
					chat: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-slack'] },
				},
			}),
			index,
		);
		const names = (id: 'private-data' | 'untrusted-content' | 'outbound') =>
			report.legs[id].map(
				(l) =>
					`${l.server.slug}: ${l.tools
						.map((i) => l.unit.tools[i])
						.sort()
						.join(' ')}`,
			);
		expect(names('private-data')[0]).toMatch(/^modelcontextprotocol-filesystem: .*read_file/);
		expect(names('untrusted-content')).toContain('modelcontextprotocol-brave-search: brave_local_search brave_web_search');
		expect(names('outbound')).toEqual(['modelcontextprotocol-slack: slack_post_message slack_reply_to_thread']);
	});

	it.each<[string | undefined, string | undefined]>([
		['2025.4.8', undefined],
		['2025.1.1', 'the configured version is not the catalogued one, so its tool list may differ'],
		[undefined, 'not pinned: the client installs whatever version is newest, which may list different tools'],
		['latest', 'not pinned: the client installs whatever version is newest, which may list different tools'],
	])('compares versions: configured %s', (version, warning) => {
		const spec = `@modelcontextprotocol/server-github${version ? `@${version}` : ''}`;
		const [result] = checkStack(entries({ mcpServers: { gh: { command: 'npx', args: ['-y', spec] } } }), index).results;
		expect(result!.match!.cataloguedVersion).toBe('2025.4.8');
		expect(result!.match!.versionWarning).toBe(warning);
	});

	it('picks a sub-server when the arguments name one', () => {
		const [one, all] = checkStack(
			entries({
				mcpServers: {
					omni: { command: 'uvx', args: ['automagik-tools', 'tool', 'omni'] },
					all: { command: 'uvx', args: ['automagik-tools'] },
				},
			}),
			index,
		).results;
		expect(one!.match!.units.map((u) => u.id)).toEqual(['omni']);
		expect(all!.match!.units.length).toBe(10);
	});
});
