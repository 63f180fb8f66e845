/** What the import command makes of its options (src/ingest/import-input.ts). */
import { describe, expect, it } from 'vitest';
import { importToolsList } from '../../src/ingest/import.ts';
import { distributionsOf, importedServerInput, partStatus, splitVersion } from '../../src/ingest/import-input.ts';
import { UsageError } from '../../src/lib/content/errors.ts';
import { buildServerFile } from '../../src/lib/content/server-file.ts';

describe('options to distributions', () => {
	it.each([
		['pkg@1.2.3', ['pkg', '1.2.3']],
		['@scope/pkg@1.2.3', ['@scope/pkg', '1.2.3']],
		['@scope/pkg', ['@scope/pkg', undefined]],
		['pkg', ['pkg', undefined]],
	])('splitVersion(%s)', (spec, expected) => {
		expect(splitVersion(spec)).toEqual(expected);
	});

	it('checks part statuses by name', () => {
		expect(partStatus(undefined, '--schema-status')).toBeUndefined();
		expect(partStatus('reconstructed', '--schema-status')).toBe('reconstructed');
		expect(() => partStatus('guessed', '--output-schema-status')).toThrow(
			new UsageError('--output-schema-status must be one of exact, normalised, truncated, reconstructed, partial, unpublished, missing'),
		);
	});

	it('lists npm, PyPI, OCI, streamable HTTP and SSE in that order, and wants an exact npm version', () => {
		expect(
			distributionsOf({
				remoteSse: ['https://a.example/sse'],
				remote: ['https://a.example/mcp'],
				oci: ['ghcr.io/a/b:1'],
				pypi: ['p@0.1', 'q'],
				npm: ['@a/b@1.2.3'],
			}),
		).toEqual([
			{ kind: 'npm', package: '@a/b', version: '1.2.3', transport: 'stdio', args: [], env: [] },
			{ kind: 'pypi', package: 'p', version: '0.1', transport: 'stdio', args: [], env: [] },
			{ kind: 'pypi', package: 'q', transport: 'stdio', args: [], env: [] },
			{ kind: 'oci', image: 'ghcr.io/a/b:1', transport: 'stdio', env: [] },
			{ kind: 'remote', url: 'https://a.example/mcp', transport: 'streamable-http' },
			{ kind: 'remote', url: 'https://a.example/sse', transport: 'sse' },
		]);
		expect(() => distributionsOf({ npm: ['@a/b'] })).toThrow('--npm needs an exact version: @a/b@<version>');
	});
});

describe('importedServerInput', () => {
	const imported = importToolsList({
		name: 'x',
		tools: [{ name: 'read_note', description: 'Read a note.', inputSchema: { type: 'object' } }],
	});
	const base = { slug: 'notes', name: 'Notes', npm: ['notes-mcp@1.0.0'] };

	it('makes a valid content file, the input file its source when no source is given', () => {
		const input = importedServerInput(imported, 'in/tools.json', base, '2026-12-01');
		expect(input.provenance).toEqual({
			method: 'import',
			obtainedAt: '2026-12-01',
			origin: {
				version: '1.0.0',
				matchesRelease: 'unknown',
				releaseNote: 'imported from a tools list (in/tools.json), not read from the released package',
			},
			sources: [{ title: 'imported tools list', ref: 'in/tools.json' }],
			completeness: 'complete',
		});
		expect(input).not.toHaveProperty('description');
		expect(buildServerFile(input, 'servers/notes.json').tools).toHaveLength(1);
	});

	it('pairs each source title with the URL and reference in the same position, and keeps the other facts', () => {
		const input = importedServerInput(
			imported,
			'in/tools.json',
			{
				...base,
				sourceTitles: ['a', 'b'],
				sourceUrls: ['https://a.example/'],
				sourceRefs: ['r-a', 'r-b'],
				obtainedAt: '2026-11-22',
				claimed: 3,
				claimSource: 'a listing',
				notes: 'n',
				description: 'd',
			},
			'2026-12-01',
		);
		expect(input.provenance).toMatchObject({
			obtainedAt: '2026-11-22',
			sources: [
				{ title: 'a', url: 'https://a.example/', ref: 'r-a' },
				{ title: 'b', ref: 'r-b' },
			],
			toolCountClaimed: 3,
			claimSource: 'a listing',
			notes: 'n',
		});
		expect(input.description).toBe('d');
	});

	it.each([
		['an OCI image only', { oci: ['ghcr.io/a/b:1'] }, { matchesRelease: 'unknown' }],
		['a remote only', { remote: ['https://a.example/mcp'] }, { matchesRelease: 'unknown' }],
		['PyPI without a version, then npm', { pypi: ['p'], npm: ['n@2.1.0'] }, { version: '2.1.0' }],
		[
			'a repository',
			{ npm: ['n@1.0.0'], repository: 'https://github.com/a/b' },
			{ repository: 'https://github.com/a/b', version: '1.0.0' },
		],
	])('records the origin with %s', (_, options, expected) => {
		const input = importedServerInput(imported, 'f', { slug: 'notes', name: 'Notes', ...options }, '2026-12-01');
		expect(input.provenance.origin).toMatchObject(expected);
		expect(buildServerFile(input, 'servers/notes.json').provenance.origin?.matchesRelease).toBe('unknown');
	});

	it('is partial when told so, or when a schema is unpublished or a description truncated', () => {
		expect(importedServerInput(imported, 'f', { ...base, partial: true }, '2026-12-01').provenance.completeness).toBe('partial');
		const truncated = importToolsList([{ name: 'a', description: 'Cut', 'x-descriptionStatus': 'truncated by the source' }]);
		expect(importedServerInput(truncated, 'f', base, '2026-12-01').provenance.completeness).toBe('partial');
	});
});
