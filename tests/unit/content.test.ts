/**
 * Content files and the catalogue built from them: a broken file fails with a message that names the
 * file, the field and what was expected (the only thing a contributor sees when the build stops); tool
 * names become safe, stable, unique URL segments; and the import turns tools lists and research files
 *  into the facts content files hold. Real files come from the fixture catalogue; that every file
 * of the live catalogue is valid is content.catalogue.test.ts.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildCatalogue, CatalogueError } from '../../src/lib/catalogue.ts';
import { importToolsList, referencedOnly } from '../../src/ingest/import.ts';
import { DataError } from '../../src/lib/content/errors.ts';
import type { ServerFile } from '../../src/lib/content/server.ts';
import { buildServerFile, parseServerFile, serializeServerFile } from '../../src/lib/content/server-file.ts';
import { toolSegment } from '../../src/lib/text/slug.ts';
import { toolsHash } from '../../src/lib/content/tools-hash.ts';
import { fixtureServer, fixtureServers } from './support.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

type Json = Record<string, unknown>;

/** Where the test documents claim to live (a content file's slug must be its file name). */
const DEMO_FILE = 'servers/demo.json';

const SAFE_SEGMENT = /^[A-Za-z0-9_.-]+$/;

/** A valid two-tool content file, as plain JSON (what a contributor edits). */
function validDoc(): Json {
	const server = buildServerFile(
		{
			slug: 'demo',
			name: 'Demo',
			distributions: [{ kind: 'npm', package: 'demo-mcp', version: '1.0.0' }],
			provenance: {
				method: 'import',
				obtainedAt: '2026-01-01',
				sources: [{ title: 'demo README', url: 'https://example.com/demo' }],
				completeness: 'complete',
			},
			tools: [
				{
					definition: {
						name: 'get_item',
						description: 'Get an item.',
						inputSchema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
					},
				},
				{
					definition: {
						name: 'delete_item',
						description: 'Delete an item.',
						inputSchema: { type: 'object', properties: { id: { type: 'string' } } },
					},
				},
			],
		},
		DEMO_FILE,
	);
	return JSON.parse(serializeServerFile(server)) as Json;
}

/** Recomputes the tool-list hash, so a row breaks only the thing it means to break. */
function rehash(doc: Json): Json {
	const tools = doc['tools'] as { definition: unknown }[];
	(doc['provenance'] as Json)['toolsHash'] = toolsHash(tools.map((t) => t.definition));
	return doc;
}

function toolAt(doc: Json, i: number): Json {
	return (doc['tools'] as Json[])[i]!;
}

/** A server with the given tool names (and optional sub-servers), valid as a content file. */
function serverWithTools(names: string[], subServers?: { id: string; name: string }[], subOf?: (i: number) => string): ServerFile {
	return buildServerFile(
		{
			slug: 'names',
			name: 'Names',
			distributions: [{ kind: 'npm', package: 'names-mcp', version: '1.0.0' }],
			provenance: {
				method: 'import',
				obtainedAt: '2026-01-01',
				sources: [{ title: 'test', ref: 'tests/unit/content.test.ts' }],
				completeness: 'complete',
			},
			...(subServers && { subServers }),
			tools: names.map((name, i) => ({ definition: { name, inputSchema: { type: 'object' } }, ...(subOf && { subServer: subOf(i) }) })),
		},
		'servers/names.json',
	);
}

describe('the fixture catalogue', () => {
	const servers = fixtureServers();

	it.each(servers.map((s) => [s.slug, s] as const))('%s parses, and its hash and slug match', (slug, server) => {
		expect(server.slug).toBe(slug);
		expect(server.provenance.toolsHash).toBe(toolsHash(server.tools.map((t) => t.definition)));
	});

	it('builds into one catalogue with unique, safe tool ids', () => {
		const catalogue = buildCatalogue(servers);
		expect(catalogue.tools.length).toBe(326);
		const ids = catalogue.tools.map((t) => t.id.toLowerCase());
		expect(new Set(ids).size).toBe(ids.length);
		for (const t of catalogue.tools) expect(t.segment, t.id).toMatch(SAFE_SEGMENT);
	});
});

// -------------------------------------------------------------------------------------------------------

interface BrokenRow {
	label: string;
	/** Where the file claims to live (the slug check compares against it). */
	file?: string;
	mutate: (doc: Json) => Json;
	/** The field path the message must name. */
	path: string;
	/** What was expected, in the message's words. */
	expectation: string;
}

const BROKEN: BrokenRow[] = [
	{
		label: 'a tool name of the wrong type',
		mutate: (d) => {
			(toolAt(d, 0)['definition'] as Json)['name'] = 42;
			return d;
		},
		path: 'tools[0].definition.name',
		expectation: 'expected string',
	},
	{
		label: 'an empty tool name',
		mutate: (d) => {
			(toolAt(d, 1)['definition'] as Json)['name'] = '';
			return rehash(d);
		},
		path: 'tools[1].definition.name',
		expectation: 'expected a non-empty tool name',
	},
	{
		label: "a missing inputSchema without status 'unpublished'",
		mutate: (d) => {
			delete (toolAt(d, 1)['definition'] as Json)['inputSchema'];
			return rehash(d);
		},
		path: 'tools[1].definition.inputSchema',
		expectation: 'mark status.inputSchema "unpublished"',
	},
	{
		label: "status 'unpublished' while the schema is present",
		mutate: (d) => {
			toolAt(d, 0)['status'] = { inputSchema: 'unpublished' };
			return d;
		},
		path: 'tools[0].status.inputSchema',
		expectation: 'cannot be "unpublished"',
	},
	{
		label: 'duplicate tool names',
		mutate: (d) => {
			(toolAt(d, 1)['definition'] as Json)['name'] = 'get_item';
			return rehash(d);
		},
		path: 'tools[1].definition.name',
		expectation: 'duplicate tool name "get_item" (first at tools[0])',
	},
	{
		label: 'a bad slug',
		file: 'servers/Demo_Server.json',
		mutate: (d) => {
			d['slug'] = 'Demo_Server';
			return d;
		},
		path: 'slug',
		expectation: 'expected a lower-case slug',
	},
	{
		label: 'a tool-list hash that does not match the tools',
		mutate: (d) => {
			(toolAt(d, 0)['definition'] as Json)['description'] = 'Edited by hand.';
			return d;
		},
		path: 'provenance.toolsHash',
		expectation: 're-run the import or scan',
	},
	{
		label: 'a malformed tool-list hash',
		mutate: (d) => {
			(d['provenance'] as Json)['toolsHash'] = 'md5:abc';
			return d;
		},
		path: 'provenance.toolsHash',
		expectation: 'expected "sha256:" followed by 64 hex digits',
	},
	{
		label: 'a slug that does not match the file name',
		file: 'servers/other.json',
		mutate: (d) => d,
		path: 'slug',
		expectation: 'expected "other" (the file name), found "demo"',
	},
	{
		label: 'an unknown top-level key',
		mutate: (d) => {
			d['colour'] = 'red';
			return d;
		},
		path: '(root)',
		expectation: '"colour"',
	},
	{
		label: 'a subServer that is not declared',
		mutate: (d) => {
			d['subServers'] = [{ id: 'main', name: 'Main' }];
			toolAt(d, 0)['subServer'] = 'main';
			toolAt(d, 1)['subServer'] = 'extras';
			return d;
		},
		path: 'tools[1].subServer',
		expectation: 'expected one of the declared subServers (main)',
	},
	{
		label: 'a tool without a subServer when the server declares some',
		mutate: (d) => {
			d['subServers'] = [{ id: 'main', name: 'Main' }];
			toolAt(d, 0)['subServer'] = 'main';
			return d;
		},
		path: 'tools[1].subServer',
		expectation: 'expected a subServer',
	},
	{
		label: 'no distributions',
		mutate: (d) => {
			d['distributions'] = [];
			return d;
		},
		path: 'distributions',
		expectation: 'expected at least one way to obtain the server',
	},
	{
		label: 'a scan without scan details',
		mutate: (d) => {
			(d['provenance'] as Json)['method'] = 'scan';
			return d;
		},
		path: 'provenance.scan',
		expectation: 'a scan must record its scan details',
	},
];

describe('broken content files', () => {
	it('the unbroken base file is valid', () => {
		expect(parseServerFile(validDoc(), DEMO_FILE).tools).toHaveLength(2);
	});

	it.each(BROKEN)('$label: DataError naming the file, $path and the expectation', ({ file = DEMO_FILE, mutate, path, expectation }) => {
		let error: unknown;
		try {
			parseServerFile(mutate(validDoc()), file);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(DataError);
		const { message, problems } = error as DataError;
		expect(message).toContain(file);
		const line = problems.find((p) => p.startsWith(`${path}: `));
		expect(line, `no problem reported at ${path}:\n${message}`).toBeDefined();
		expect(line).toContain(expectation);
	});
});

// -------------------------------------------------------------------------------------------------------

describe('tool URL segments', () => {
	it('refuses two tools whose segments differ only in case', () => {
		const server = serverWithTools(['Send', 'send']);
		expect(() => buildCatalogue([server])).toThrow(CatalogueError);
		expect(() => buildCatalogue([server])).toThrow(
			/content\/servers\/names\.json: tools\[1\] "send" and tools\[0\] "Send" would share the URL \/tools\/names\/send\//,
		);
	});

	it('refuses two content files with the same slug', () => {
		const server = serverWithTools(['a']);
		expect(() => buildCatalogue([server, server])).toThrow(CatalogueError);
	});

	it('disambiguates names repeated across sub-servers (Automagik list_sessions)', () => {
		const catalogue = buildCatalogue([fixtureServer('automagik-tools')]);
		const sessions = catalogue.tools.filter((t) => t.name === 'list_sessions').map((t) => t.segment);
		expect(sessions).toEqual(['list_sessions--automagik', 'list_sessions--gemini-assistant']);
		expect(catalogue.tool('automagik-tools/list_sessions--gemini-assistant')?.entry.subServer).toBe('gemini-assistant');
		// Names that occur once keep their plain segment.
		expect(catalogue.tool('automagik-tools/wait_minutes')?.segment).toBe('wait_minutes');
	});

	const UNSAFE = [
		'send/message',
		'send message',
		'<img src=x onerror=alert(1)>',
		'../../etc/passwd',
		'..',
		'.',
		'émoji 🚀',
		'\u200Bsend',
		'a'.repeat(300),
		'%2e%2e',
	];

	it.each(UNSAFE.map((name) => [JSON.stringify(name).slice(0, 40), name]))('gives %s a safe, stable segment', (_label, name) => {
		const segment = toolSegment(name);
		expect(segment).toMatch(SAFE_SEGMENT);
		expect(segment).not.toMatch(/^\.+$/);
		expect(segment.length).toBeLessThanOrEqual(128);
		expect(toolSegment(name)).toBe(segment);
	});

	it('keeps spec-style names as they are and gives unsafe names distinct segments', () => {
		for (const name of ['send_message', 'sendMessage', 'send-message', 'v2.send', 'A1']) expect(toolSegment(name)).toBe(name);
		const segments = UNSAFE.map(toolSegment);
		expect(new Set(segments).size).toBe(segments.length);
		// A hashed name cannot collide with a look-alike safe name.
		expect(toolSegment('send message')).not.toBe('send-message');
	});

	it('uses the same safe segments in the catalogue, build after build', () => {
		const names = ['send/message', 'send message', '<img src=x onerror=alert(1)>'];
		const first = buildCatalogue([serverWithTools(names)]).tools.map((t) => t.segment);
		const second = buildCatalogue([serverWithTools(names)]).tools.map((t) => t.segment);
		expect(first).toEqual(second);
		expect(first).toEqual(names.map(toolSegment));
		for (const s of first) expect(s).toMatch(SAFE_SEGMENT);
		expect(first[2]).toMatch(/^img-src-x-onerror-alert-1-[0-9a-f]{8}$/);
	});
});

// -------------------------------------------------------------------------------------------------------

describe('importToolsList', () => {
	const tools = [
		{
			name: 'get_item',
			description: 'Get an item.',
			inputSchema: { type: 'object', properties: { id: { type: 'string' } } },
			annotations: { readOnlyHint: true },
		},
		{ name: 'ping', inputSchema: { type: 'object' }, _meta: { kept: true } },
	];

	it('reads a raw tools/list result, keeping definitions verbatim and the rest as meta', () => {
		const imported = importToolsList({ tools, nextCursor: null });
		expect(imported.entries).toEqual(tools.map((definition) => ({ definition })));
		expect(imported.subServers).toEqual([]);
		expect(imported.meta).toEqual({ nextCursor: null });
	});

	it('reads a bare array of tools', () => {
		const imported = importToolsList(tools);
		expect(imported.entries.map((e) => e.definition)).toEqual(tools);
		expect(imported.meta).toEqual({});
	});

	it('applies default statuses only where a schema exists', () => {
		const imported = importToolsList({ tools: [...tools, { name: 'mystery' }] }, { schemaStatus: 'reconstructed' });
		expect(imported.entries.map((e) => e.status)).toEqual([
			{ inputSchema: 'reconstructed' },
			{ inputSchema: 'reconstructed' },
			{ inputSchema: 'unpublished' },
		]);
	});

	it.each([
		['null', null, 'expected a tools/list result'],
		['an object without tools', { result: [] }, 'expected a tools/list result'],
		['tools that is not an array', { tools: {} }, 'expected a tools/list result'],
		['a tool that is not an object', { tools: [tools[0], 'ping'] }, 'tools[1]: expected a tool object'],
	])('rejects %s with a clear message', (_label, input, message) => {
		expect(() => importToolsList(input)).toThrow(message);
	});

	describe('on a seed research file (x- notes)', () => {
		const research = JSON.parse(readFileSync(join(ROOT, 'tests', 'fixtures', 'import', 'seed-research.json'), 'utf8')) as Json;
		const imported = importToolsList(research);
		const entry = (name: string) => {
			const e = imported.entries.find((x) => x.definition.name === name);
			if (!e) throw new Error(name);
			return e;
		};

		it('removes every x- key from the definitions', () => {
			for (const e of imported.entries) for (const key of Object.keys(e.definition)) expect(key).not.toMatch(/^x-/);
		});

		it("turns x-descriptionStatus TRUNCATED into status.description 'truncated', with the note kept", () => {
			const e = entry('agentwork_send_message');
			expect(e.status?.description).toBe('truncated');
			expect(e.status?.inputSchema).toBe('reconstructed');
			expect(e.status?.outputSchema).toBe('reconstructed');
			expect(e.status?.note).toMatch(/^Description: TRUNCATED and whitespace-collapsed/);
		});

		it('turns a missing schema and x-knownProperties into unpublished + knownParameters (underscore notes go to the note)', () => {
			const send = entry('send_message');
			expect(send.definition).not.toHaveProperty('inputSchema');
			expect(send.status).toMatchObject({ description: 'exact', inputSchema: 'unpublished' });
			expect(send.knownParameters?.map((k) => k.name)).toEqual(['secret', 'body']);
			expect(send.knownParameters?.[0]?.evidence).toContain('Handles credentials or secrets');
			const inbox = entry('check_inbox');
			expect(inbox.knownParameters?.map((k) => k.name)).toEqual(['secret']);
			expect(inbox.status?.note).toContain('Also reported: _count: 10 properties');
		});

		it('turns x-source.subServer into the entry subServer and a declared sub-server list', () => {
			expect(entry('list_mounted_tools').subServer).toBe('hub');
			expect(entry('list_mounted_tools').source).toEqual({ path: 'automagik_tools/hub.py', line: 167 });
			expect(entry('get_service_info').subServer).toBe('automagik');
			expect(imported.subServers).toEqual([
				{ id: 'hub', name: 'hub', description: 'automagik-tools hub; mounts every tool server under a <name>_ prefix' },
				{ id: 'automagik', name: 'automagik' },
			]);
			expect(entry('send_message').subServer).toBeUndefined();
		});

		it('records registration conditions and tools known only by reference', () => {
			expect(entry('wework_app_send_text').listedOnlyIf).toBe('the environment sets WEWORK_APP_CORPID and WEWORK_APP_SECRET');
			expect(referencedOnly(imported.meta)).toEqual([
				{
					definition: { name: 'agentwork_get_task_status' },
					status: {
						description: 'unpublished',
						inputSchema: 'unpublished',
						note: expect.stringMatching(/^Known only by reference: named in/),
					},
				},
			]);
		});

		it('produces entries a content file accepts', () => {
			const server = buildServerFile(
				{
					slug: 'seed-excerpt',
					name: 'Seed excerpt',
					distributions: [{ kind: 'pypi', package: 'seed-excerpt' }],
					provenance: {
						method: 'import',
						obtainedAt: '2026-11-22',
						sources: [{ title: 'fixture', ref: 'tests/fixtures/import/seed-research.json' }],
						completeness: 'partial',
					},
					subServers: [...imported.subServers, { id: 'other', name: 'other' }],
					tools: [...imported.entries, ...referencedOnly(imported.meta)].map((e) => (e.subServer ? e : { ...e, subServer: 'other' })),
				},
				'servers/seed-excerpt.json',
			);
			expect(server.tools).toHaveLength(7);
		});
	});
});
