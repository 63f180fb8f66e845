/**
 * Repository snapshots: tool definitions a server's repository publishes become content entries with
 * only the MCP fields kept (everything else reported), Python-dump field names mapped, schemas that are
 * not JSON Schema recorded as known parameter names, and conditions on listing recorded.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { droppedNote, importSnapshot, SnapshotError, type SnapshotFile } from '../../src/ingest/snapshot.ts';
import { releaseMatch, repositorySourced, sourcedServerFile } from '../../src/ingest/sourced.ts';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'snapshot');
const file = (name: string): SnapshotFile => ({ path: `repo/${name}`, text: readFileSync(join(DIR, name), 'utf8') });
const snaps = readdirSync(join(DIR, 'toolsnaps')).map((n) => file(`toolsnaps/${n}`));

describe('tool-files (one definition per file)', () => {
	const result = importSnapshot(snaps, { format: 'tool-files' });
	it('reads every file, sorted by path, keeping the definitions verbatim', () => {
		expect(result.entries.map((e) => e.definition.name)).toEqual(['delete_item', 'get_item']);
		expect(result.entries[1]!.definition).toEqual(JSON.parse(snaps.find((s) => s.path.endsWith('get_item.snap'))!.text));
		expect(result.entries[0]!.definition['_meta']).toEqual({ ui: { visibility: ['model'] } });
	});
	it('a feature-flag file name becomes a listing condition; each tool names its file', () => {
		expect(result.entries[0]!.listedOnlyIf).toBe('the feature flag bulk_delete is enabled');
		expect(result.entries[1]!.listedOnlyIf).toBeUndefined();
		expect(result.entries[1]!.source).toEqual({ path: 'repo/toolsnaps/get_item.snap' });
		expect(result.dropped).toEqual({});
	});
});

describe('tool-array', () => {
	it('drops fields that are not MCP fields and reports them; a field value can mark tools the server does not list', () => {
		const result = importSnapshot([file('definitions.json')], {
			format: 'tool-array',
			listedOnlyIf: [{ field: 'surface', value: 'catalog', text: 'reached through a dispatcher tool' }],
		});
		expect(result.entries.map((e) => Object.keys(e.definition))).toEqual([
			['name', 'description', 'inputSchema'],
			['name', 'description', 'inputSchema'],
		]);
		expect(result.dropped).toEqual({ requiredScopes: 2, surface: 2 });
		expect(droppedNote(result)).toContain('requiredScopes (2 tools), surface (2 tools)');
		expect(result.entries.map((e) => e.listedOnlyIf)).toEqual([undefined, 'reached through a dispatcher tool']);
	});
	it('maps a Python dump (input_schema, output_schema, meta) to protocol names, omitting nulls', () => {
		const result = importSnapshot([file('contract.json')], { format: 'tool-array' });
		expect(result.entries[0]!.definition).toEqual({
			annotations: { readOnlyHint: true },
			description: 'List jobs.',
			inputSchema: { type: 'object', properties: { limit: { type: 'integer', title: 'Limit' } } },
			name: 'list_jobs',
			title: 'List Jobs',
		});
		expect(result.dropped).toEqual({ toolset: 1 });
	});
	it('a schema that is not JSON Schema is not kept: unpublished, with its parameter names known', () => {
		const result = importSnapshot([file('docs-data.json')], { format: 'tool-array', sourceRoot: 'src/pkg/tools/' });
		const [entry] = result.entries;
		expect(entry!.definition.inputSchema).toBeUndefined();
		expect(entry!.status?.inputSchema).toBe('unpublished');
		expect(entry!.knownParameters?.map((p) => p.name)).toEqual(['entity_id', 'brightness']);
		expect(entry!.knownParameters?.[1]!.evidence).toContain('int | None');
		expect(entry!.source).toEqual({ path: 'src/pkg/tools/tools_devices.py' });
		expect(result.schemasNotJsonSchema).toEqual(['turn_on']);
	});
	it('anyOf properties without a type are JSON Schema', () => {
		const result = importSnapshot([file('definitions.json')], { format: 'tool-array' });
		expect(result.entries[1]!.definition.inputSchema).toBeDefined();
		expect(result.schemasNotJsonSchema).toEqual([]);
	});
});

describe('refused snapshots', () => {
	it.each([
		['duplicate names', [file('duplicate.json')], 'tool-array', /tool "a" is defined twice/],
		['not JSON', [{ path: 'x.json', text: '{' }], 'tool-array', /x\.json: not JSON/],
		['not a tool list', [{ path: 'x.json', text: '{"a":1}' }], 'tool-array', /x\.json: expected an array of tools/],
		[
			'a tool without a name',
			[{ path: 'x.json', text: '[{"description":"d"}]' }],
			'tool-array',
			/x\.json: tools\[0\]: expected a non-empty "name"/,
		],
		['no files', [], 'tool-files', /no snapshot files/],
	] as const)('%s', (_l, files, format, message) => {
		expect(() => importSnapshot(files, { format })).toThrow(SnapshotError);
		expect(() => importSnapshot(files, { format })).toThrow(message);
	});
});

describe('the content file', () => {
	it('is a valid snapshot file with its origin; a docs-data snapshot lists every tool, its schemas unpublished', () => {
		const base = {
			slug: 'demo',
			name: 'Demo',
			distributions: [{ kind: 'npm' as const, package: 'demo', version: '1.0.0', transport: 'stdio' as const, args: [], env: [] }],
			method: 'snapshot' as const,
			origin: {
				version: '1.0.0',
				repository: 'https://github.com/o/demo',
				commit: 'a'.repeat(40),
				path: 'x',
				matchesRelease: true as const,
			},
			sources: [{ title: 'o/demo x', url: 'https://github.com/o/demo' }],
			obtainedAt: '2026-12-03',
			notes: [],
		};
		const snap = sourcedServerFile({ ...base, tools: importSnapshot(snaps, { format: 'tool-files' }).entries }, 'fixtures/demo.json');
		expect(snap.provenance).toMatchObject({ method: 'snapshot', completeness: 'complete' });
		const docsData = sourcedServerFile(
			{ ...base, tools: importSnapshot([file('docs-data.json')], { format: 'tool-array' }).entries },
			'fixtures/demo.json',
		);
		expect(docsData.provenance.completeness).toBe('complete');
		expect(docsData.tools[0]!.status?.inputSchema).toBe('unpublished');
	});
});

describe('a list read from a repository (the writer import-snapshot, extract-go and import-source share)', () => {
	const at = { commit: 'b'.repeat(40), date: '2026-08-01', tags: ['v1.2.0'] };
	const values = { slug: 'demo', name: 'Demo' };
	it.each([
		['a tag naming the version', { version: '1.2.0' }, 'v1.2.0', true],
		['a bare commit, even the tagged one', { version: '1.2.0', 'release-note': 'n' }, 'b'.repeat(40), 'unknown'],
		['a tag naming another version', { version: '1.3.0', 'release-note': 'n' }, 'v1.2.0', 'unknown'],
		['an explicit answer', { version: '1.2.0', 'matches-release': 'false', 'release-note': 'n' }, 'v1.2.0', false],
	] as const)('the release match of %s', (_, extra, rev, expected) => {
		expect(releaseMatch({ ...values, ...extra }, at, rev)).toBe(expected);
	});
	it('needs a release note unless the match is true', () => {
		expect(() => releaseMatch({ ...values, version: '9' }, at, 'v1.2.0')).toThrow(/--release-note is required/);
	});
	it('records the commit, the ref, the path and one source at the commit', () => {
		const s = repositorySourced({
			values: { ...values, version: '1.2.0', description: 'D', partial: true, 'obtained-at': '2026-12-03' },
			repository: 'https://github.com/o/demo',
			distributions: [{ kind: 'pypi', package: 'demo', version: '1.2.0', transport: 'stdio', args: [], env: [] }],
			method: 'source',
			at,
			rev: 'v1.2.0',
			path: 'src/demo/demo:main',
			label: 'src/demo',
			folder: 'src/demo',
			notes: ['n'],
			tools: [],
			toolCountClaimed: 3,
		});
		expect(s).toMatchObject({
			slug: 'demo',
			description: 'D',
			method: 'source',
			origin: { version: '1.2.0', commit: at.commit, ref: 'v1.2.0', path: 'src/demo/demo:main', date: '2026-08-01', matchesRelease: true },
			sources: [{ title: 'o/demo src/demo at v1.2.0', url: `https://github.com/o/demo/tree/${at.commit}/src/demo`, ref: at.commit }],
			obtainedAt: '2026-12-03',
			completeness: 'partial',
			toolCountClaimed: 3,
		});
		expect(s).not.toHaveProperty('claimSource');
	});
});
