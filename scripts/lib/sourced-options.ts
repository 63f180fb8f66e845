/**
 * The options the importers of lists not taken from a running server share (import-snapshot,
 * extract-go, import-docs): the server's identity, its distributions and the notes. What they become is
 * src/ingest/sourced.ts.
 */
import type { OptionsSpec } from './cli.ts';

export const IDENTITY_OPTIONS = {
	slug: { type: 'string', value: '<slug>', description: 'file name and id (required)' },
	name: { type: 'string', value: '<name>', description: 'display name (required)' },
	description: { type: 'string', value: '<text>', description: 'what the server is' },
	homepage: { type: 'string', value: '<url>', description: "the server's home page" },
	npm: { type: 'string', multiple: true, value: '<pkg@version>', description: 'an npm package, exact version' },
	pypi: { type: 'string', multiple: true, value: '<pkg[@version]>', description: 'a PyPI package' },
	oci: { type: 'string', multiple: true, value: '<image>', description: 'an OCI image' },
	remote: { type: 'string', multiple: true, value: '<url>', description: 'a streamable HTTP endpoint' },
	'remote-sse': { type: 'string', multiple: true, value: '<url>', description: 'an SSE endpoint' },
	note: { type: 'string', multiple: true, value: '<text>', description: 'a sentence for the provenance notes' },
	'obtained-at': { type: 'string', value: '<YYYY-MM-DD>', description: 'when the list was made (default today)' },
	out: { type: 'string', value: '<dir>', default: 'content/servers', description: 'content folder' },
} as const satisfies OptionsSpec;

/** Where the list was read in a repository, and whether that is the release. */
export const RELEASE_OPTIONS = {
	'git-dir': { type: 'string', value: '<dir>', description: 'the fetched mirror (a bare git directory) (required)' },
	rev: { type: 'string', value: '<tag|commit>', description: 'the revision to read, best the release tag (required)' },
	repository: { type: 'string', value: '<url>', description: "the repository's URL (required)" },
	version: { type: 'string', value: '<version>', description: 'the released version the revision is' },
	'matches-release': {
		type: 'string',
		value: 'true|false|unknown',
		description: 'whether the revision is the release (default true when --rev is a tag naming --version)',
	},
	'release-note': { type: 'string', value: '<text>', description: 'why it does not (or may not) match; required unless true' },
	partial: { type: 'boolean', default: false, description: 'the list is known to miss tools' },
} as const satisfies OptionsSpec;
