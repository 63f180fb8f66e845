/**
 * The argument roles an attack target can require (src/lib/present/attack-arguments.ts): each rule on
 * ordinary schemas, and the near misses each rule exists to keep out (a path in a hosted repository, an
 * approval token, a sub-command name, a URL a hosted service fetches).
 */
import { describe, expect, it } from 'vitest';
import type { Parameter } from '../../src/lib/content/parameters.ts';
import {
	argumentsInRole,
	contentArguments,
	isLocalPath,
	isOutputPath,
	isSecret,
	serverFacts,
} from '../../src/lib/present/attack-arguments.ts';
import { buildAttackIndex } from '../../src/lib/present/attacks.ts';
import { fixtureCatalogue, testAttack } from './support.ts';

function param(name: string, extra: Partial<Parameter> = {}): Parameter {
	return { path: name, name, pointer: `/properties/${name}`, depth: 0, types: ['string'], required: false, hasDefault: false, ...extra };
}

describe('a local path', () => {
	const tool = (parameters: Parameter[], description = '') => ({ parameters, description });
	it.each([
		{ case: 'a bare path', p: param('path'), siblings: [], description: '', local: true },
		{ case: 'says local', p: param('local_path'), siblings: [param('project_id')], description: '', local: true },
		{
			case: 'where a download is saved',
			p: param('targetPath', { description: 'The path to save the downloaded object' }),
			siblings: [param('bucketName')],
			description: '',
			local: true,
		},
		{
			case: 'a file on the device',
			p: param('filePath', { description: 'Path to the new image file on the device' }),
			siblings: [param('boardId')],
			description: '',
			local: true,
		},
		{
			case: 'the path of a repository',
			p: param('repo_path', { description: 'Path to the Git repository' }),
			siblings: [],
			description: 'Shows the working tree status',
			local: true,
		},
		{
			case: 'in a hosted repository (sibling)',
			p: param('path', { description: 'File path (e.g., "/src/index.ts")' }),
			siblings: [param('repository')],
			description: '',
			local: false,
		},
		{
			case: 'in a hosted repository (tool description)',
			p: param('path'),
			siblings: [],
			description: 'Get the content of a file from a repository at a branch.',
			local: false,
		},
		{
			case: 'URL-encoded path of a project',
			p: param('filePath', { description: 'File path, needs to be URL encoded' }),
			siblings: [],
			description: '',
			local: false,
		},
		{
			case: 'a path on a hub (scheme)',
			p: param('path', { description: 'For example hf://models/x' }),
			siblings: [],
			description: '',
			local: false,
		},
		{
			case: 'the same object as an ID',
			p: param('folderPath', { description: "Folder path like '/Documents'" }),
			siblings: [param('folderId')],
			description: '',
			local: false,
		},
		{
			case: 'offered instead of an ID',
			p: param('parentPath', { description: 'mutually exclusive with parentFolderId' }),
			siblings: [],
			description: '',
			local: false,
		},
		{ case: 'a node of a scene tree', p: param('node_path'), siblings: [], description: '', local: false },
		{ case: 'a remote path', p: param('remotePath'), siblings: [], description: '', local: false },
		{ case: 'an object ID', p: param('fileId'), siblings: [], description: '', local: false },
		{
			case: 'a sibling that is itself a path is no container',
			p: param('file'),
			siblings: [param('repo_path')],
			description: '',
			local: true,
		},
	])('$case → $local', ({ p, siblings, description, local }) => {
		const flagged = new Set(siblings.filter((s) => s.name.endsWith('path')).map((s) => s.path));
		expect(isLocalPath(p, tool([p, ...siblings], description), flagged)).toBe(local);
	});

	it.each([
		{ p: param('outputPath'), out: true },
		{ p: param('path', { description: 'Where the screenshot will be saved' }), out: true },
		{ p: param('localPath'), out: true },
		{ p: param('path', { description: 'File to read' }), out: false },
		{ p: param('sourcePath'), out: false },
	])('$p.name ($p.description) is an output path: $out', ({ p, out }) => {
		expect(isOutputPath(p)).toBe(out);
	});
});

describe('written content', () => {
	it('is a text argument named for content, or edits of any type, never one flagged as a path', () => {
		const ps = [
			param('path'),
			param('content'),
			param('new_text'),
			param('edits', { types: ['array'] }),
			param('wrap_text', { types: ['boolean'] }),
			param('source'),
			param('nested', { path: 'a.content', depth: 1 }),
		];
		expect(contentArguments(ps, new Set(['path', 'source']))).toEqual(['content', 'new_text', 'edits']);
	});
});

describe('a secret', () => {
	it.each([
		{ p: param('password'), secret: true },
		{ p: param('dbPassword'), secret: true },
		{ p: param('api_key'), secret: true },
		{ p: param('x_api_key'), secret: true },
		{ p: param('privateKey'), secret: true },
		{ p: param('bot_key'), secret: true },
		{ p: param('client_secret'), secret: true },
		{ p: param('access_token'), secret: true },
		{ p: param('token', { description: 'Bearer token for the request' }), secret: true },
		{ p: param('approval_token'), secret: false },
		{ p: param('pageToken'), secret: false },
		{ p: param('token', { description: 'Token address (0x...) to claim fees for' }), secret: false },
		{ p: param('hiveToken', { description: 'Capability token minted by hive_init' }), secret: false },
		{ p: param('confirm_token'), secret: false },
		{ p: param('withCredentials', { types: ['boolean'] }), secret: false },
		{ p: param('keyName'), secret: false },
		{ p: param('key'), secret: false },
	])('$p.name → $secret', ({ p, secret }) => {
		expect(isSecret(p)).toBe(secret);
	});
});

describe('a server that hands URLs to a hosted service', () => {
	it.each([
		{ d: [{ kind: 'npm', env: [] }], client: false },
		{ d: [{ kind: 'npm', env: [{ name: 'SCRAPER_API_KEY' }] }], client: true },
		{ d: [{ kind: 'pypi', env: [{ name: 'SERVICE_ACCESS_TOKEN' }] }], client: true },
		{ d: [{ kind: 'npm', env: [{ name: 'PROXY_URL' }] }], client: false },
		{ d: [{ kind: 'remote' }], client: true },
		{ d: [{ kind: 'remote' }, { kind: 'npm', env: [] }], client: false },
	])('$d → $client', ({ d, client }) => {
		expect(serverFacts(d).serviceClient).toBe(client);
	});
});

describe('roles on catalogued tools', () => {
	const catalogue = fixtureCatalogue();
	const tool = (id: string) => catalogue.tool(id)!;
	const local = serverFacts([{ kind: 'npm', env: [] }]);

	it('a file system tool takes a local path; an SQL tool takes SQL; a navigation tool a URL the server fetches', () => {
		expect(argumentsInRole('local-file', tool('modelcontextprotocol-filesystem/read_file'), local)).toEqual(['path']);
		expect(argumentsInRole('fetched-url', tool('modelcontextprotocol-puppeteer/puppeteer_navigate'), local)).toEqual(['url']);
		expect(argumentsInRole('fetched-url', tool('modelcontextprotocol-puppeteer/puppeteer_navigate'), { serviceClient: true })).toEqual([]);
		expect(argumentsInRole('secret', tool('modelcontextprotocol-filesystem/read_file'), local)).toEqual([]);
	});

	it('a target with a role links only tools with such an argument, and says which', () => {
		const paths = testAttack('local-paths', {
			targets: [{ why: 'takes a path on the machine it runs on', signals: ['file-path'], arguments: ['local-file'], required: true }],
		});
		const index = buildAttackIndex([paths], catalogue);
		const [m] = index.forTool(tool('modelcontextprotocol-filesystem/read_file'));
		expect(m?.why).toMatch(/a path on the machine the server runs on \(path\)/);
		for (const t of catalogue.tools)
			if (index.forTool(t).length > 0) expect(argumentsInRole('local-file', t, local, true).length, t.id).toBeGreaterThan(0);
	});
});
