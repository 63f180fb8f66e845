/**
 * Provenance: every content file says how its tool list was obtained (scan, snapshot, source, docs,
 * import) and from what (version, repository, commit, path, page), and whether that is the released
 * version; each method's required facts are enforced with errors naming the field; pages say it in
 * one line.
 */
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/lib/content/errors.ts';
import { scanOrigin } from '../../src/lib/content/origin.ts';
import { PROVENANCE_METHOD_IDS } from '../../src/lib/content/server.ts';
import { buildServerFile, parseServerFile, serializeServerFile } from '../../src/lib/content/server-file.ts';
import { originPhrase, provenanceLine, releasePhrase } from '../../src/lib/present/provenance.ts';

type Json = Record<string, unknown>;
const COMMIT = '64a49f34d076b6cd4d9a22e0c1b4e5a1d0e0f1a2';

function doc(provenance: Json): Json {
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
			tools: [{ definition: { name: 'get_item', description: 'Get an item.', inputSchema: { type: 'object' } } }],
		},
		'fixtures/demo.json',
	);
	const json = JSON.parse(serializeServerFile(server)) as Json;
	json['provenance'] = { ...(json['provenance'] as Json), ...provenance };
	return json;
}

const snapshotOrigin = {
	version: '1.0.0',
	repository: 'https://github.com/o/demo',
	commit: COMMIT,
	path: 'snap/*.json',
	matchesRelease: true,
};

describe('valid provenance per method', () => {
	it.each([
		['scan without an origin (older scans)', { method: 'import' }],
		['snapshot with repository, commit and path', { method: 'snapshot', origin: snapshotOrigin }],
		[
			'source at an unknown release with a note',
			{ method: 'source', origin: { ...snapshotOrigin, matchesRelease: 'unknown', releaseNote: 'no tag' } },
		],
		[
			'docs with page and date, partial',
			{
				method: 'docs',
				completeness: 'partial',
				origin: { url: 'https://example.com/docs', date: '2026-11-01', matchesRelease: 'unknown', releaseNote: 'hosted' },
			},
		],
	])('%s', (_label, provenance) => {
		expect(parseServerFile(doc(provenance), 'fixtures/demo.json').slug).toBe('demo');
	});
});

const BROKEN: { label: string; provenance: Json; path: string; expectation: string }[] = [
	{
		label: 'an unknown method',
		provenance: { method: 'guess' },
		path: 'provenance.method',
		expectation: 'expected one of scan, snapshot, source, docs, import',
	},
	{
		label: 'a snapshot without origin',
		provenance: { method: 'snapshot' },
		path: 'provenance.origin',
		expectation: 'method "snapshot" must say where',
	},
	{
		label: 'a snapshot without a commit',
		provenance: { method: 'snapshot', origin: { ...snapshotOrigin, commit: undefined } },
		path: 'provenance.origin.commit',
		expectation: 'method "snapshot" reads a repository',
	},
	{
		label: 'a source extraction at a short commit',
		provenance: { method: 'source', origin: { ...snapshotOrigin, commit: '64a49f3' } },
		path: 'provenance.origin.commit',
		expectation: 'full 40-digit commit',
	},
	{
		label: 'a source extraction without a path',
		provenance: { method: 'source', origin: { ...snapshotOrigin, path: undefined } },
		path: 'provenance.origin.path',
		expectation: 'reads a repository',
	},
	{
		label: 'a release match that is not a boolean or "unknown"',
		provenance: { method: 'snapshot', origin: { ...snapshotOrigin, matchesRelease: 'yes' } },
		path: 'provenance.origin.matchesRelease',
		expectation: 'expected true, false or "unknown"',
	},
	{
		label: 'an unknown release match without a note',
		provenance: { method: 'snapshot', origin: { ...snapshotOrigin, matchesRelease: 'unknown' } },
		path: 'provenance.origin.releaseNote',
		expectation: 'why matchesRelease is "unknown"',
	},
	{
		label: 'docs without a page',
		provenance: {
			method: 'docs',
			completeness: 'partial',
			origin: { date: '2026-11-01', matchesRelease: 'unknown', releaseNote: 'hosted' },
		},
		path: 'provenance.origin.url',
		expectation: 'the documentation page',
	},
	{
		label: 'docs without a date',
		provenance: {
			method: 'docs',
			completeness: 'partial',
			origin: { url: 'https://example.com/d', matchesRelease: 'unknown', releaseNote: 'hosted' },
		},
		path: 'provenance.origin.date',
		expectation: 'the date of the documentation copy',
	},
	{
		label: 'docs claiming completeness',
		provenance: {
			method: 'docs',
			origin: { url: 'https://example.com/d', date: '2026-11-01', matchesRelease: 'unknown', releaseNote: 'hosted' },
		},
		path: 'provenance.completeness',
		expectation: 'documentation is not a live tool list',
	},
	{
		label: 'scan details on an import',
		provenance: { scan: { scanner: 's', transport: 'stdio', target: 't', pages: 1 } },
		path: 'provenance.scan',
		expectation: 'belong to method "scan"',
	},
];

describe('broken provenance', () => {
	it.each(BROKEN)('$label: names $path', ({ provenance, path, expectation }) => {
		let error: unknown;
		try {
			parseServerFile(doc(provenance), 'fixtures/demo.json');
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(DataError);
		const { message, problems } = error as DataError;
		expect(message).toContain('fixtures/demo.json');
		const line = problems.find((p) => p.startsWith(`${path}: `));
		expect(line, `no problem at ${path}:\n${message}`).toBeDefined();
		expect(line).toContain(expectation);
	});
});

describe('scanOrigin', () => {
	it.each([
		[
			'a registry install of the exact version',
			{ kind: 'npm', package: 'a', version: '1.2.3' },
			'a@1.2.3',
			{ version: '1.2.3', matchesRelease: true },
		],
		['a PyPI install', { kind: 'pypi', package: 'b', version: '0.1' }, 'b@0.1', { version: '0.1', matchesRelease: true }],
		['a local command', { kind: 'npm', package: 'a', version: '1.2.3' }, './a --stdio', { version: '1.2.3', matchesRelease: 'unknown' }],
		['a hosted endpoint', { kind: 'remote' }, 'https://x.example/mcp', { matchesRelease: 'unknown' }],
	] as const)('%s', (_l, dist, target, expected) => {
		const origin = scanOrigin(dist, target);
		expect(origin).toMatchObject(expected);
		if (origin.matchesRelease !== true) expect(origin.releaseNote).toBeTruthy();
	});
});

describe('provenance in words', () => {
	const file = (provenance: Json) => parseServerFile(doc(provenance), 'fixtures/demo.json');
	it('one line per method names what was read, how exact and the date', () => {
		expect(provenanceLine(file({ method: 'snapshot', origin: { ...snapshotOrigin, ref: 'v1.0.0' } }))).toBe(
			'Repository snapshot of snap/*.json in o/demo at v1.0.0 (64a49f34d076), 2026-01-01: exact as published; every tool.',
		);
		const docs = file({
			method: 'docs',
			completeness: 'partial',
			origin: { url: 'https://example.com/docs', date: '2026-11-01', matchesRelease: 'unknown', releaseNote: 'hosted' },
		});
		expect(provenanceLine(docs)).toBe(
			'Vendor documentation of https://example.com/docs, 2026-01-01: partial, from documentation; 1 tool known, not all.',
		);
	});
	it('release sentences', () => {
		expect(releasePhrase(undefined)).toContain('not recorded');
		expect(releasePhrase({ version: '2.0', matchesRelease: true })).toBe('This is the released version 2.0.');
		expect(releasePhrase({ version: '2.0', matchesRelease: false, releaseNote: 'main is ahead' })).toBe(
			'This differs from the released version (2.0): main is ahead.',
		);
		expect(originPhrase({ url: 'https://example.com/d', matchesRelease: 'unknown', releaseNote: 'x' })).toBe('https://example.com/d');
	});
});

describe('the method list', () => {
	it('is the documented one', () => {
		expect(PROVENANCE_METHOD_IDS).toEqual(['scan', 'snapshot', 'source', 'docs', 'import']);
	});
});
