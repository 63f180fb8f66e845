#!/usr/bin/env node
/**
 * import-docs: what a vendor documents about a hosted server's tools (content/docs/<slug>.json) ->
 * content/servers/<slug>.json, marked `docs` and partial. The parsing is src/ingest/docs.ts.
 *
 *   npm run import:docs -- content/docs/deepwiki.json --slug deepwiki --name "DeepWiki MCP (Devin)" \
 *     --remote https://mcp.deepwiki.com/mcp --remote-sse https://mcp.deepwiki.com/sse
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { docsEntries, parseDocsFile } from '../src/ingest/docs.ts';
import { parseDistributions, writeSourcedServer } from '../src/ingest/sourced.ts';

const USAGE = `usage: npm run import:docs -- <docs.json> --slug <slug> --name <name>
  (--remote <url> | --remote-sse <url> | --npm <pkg@v> | --pypi <pkg[@v]> | --oci <image>)...
  [--description <t>] [--homepage <url>] [--repository <url>] [--note <text>]... [--claimed <n> --claim-source <t>]
  [--obtained-at YYYY-MM-DD] [--out content/servers]`;

function fail(message: string, code = 1): never {
	console.error(`import-docs: ${message}`);
	process.exit(code);
}

let parsed;
try {
	parsed = parseArgs({
		allowPositionals: true,
		options: {
			slug: { type: 'string' },
			name: { type: 'string' },
			description: { type: 'string' },
			homepage: { type: 'string' },
			repository: { type: 'string' },
			note: { type: 'string', multiple: true },
			claimed: { type: 'string' },
			'claim-source': { type: 'string' },
			'obtained-at': { type: 'string' },
			npm: { type: 'string', multiple: true },
			pypi: { type: 'string', multiple: true },
			oci: { type: 'string', multiple: true },
			remote: { type: 'string', multiple: true },
			'remote-sse': { type: 'string', multiple: true },
			out: { type: 'string', default: 'content/servers' },
			help: { type: 'boolean', default: false },
		},
	});
} catch (error) {
	fail(`${(error as Error).message}\n${USAGE}`, 2);
}
const { values, positionals } = parsed;
if (values.help) {
	console.log(USAGE);
	process.exit(0);
}
const [input] = positionals;
if (!input || !values.slug || !values.name) fail(`a docs file, --slug and --name are required\n${USAGE}`, 2);

try {
	const docs = parseDocsFile(JSON.parse(readFileSync(input, 'utf8')), input);
	const tools = docsEntries(docs);
	const { file, server } = writeSourcedServer(
		{
			slug: values.slug,
			name: values.name,
			...(values.description && { description: values.description }),
			...(values.homepage && { homepage: values.homepage }),
			...(values.repository && { repository: values.repository }),
			distributions: parseDistributions(values),
			method: 'docs',
			origin: {
				url: docs.url,
				date: docs.date,
				matchesRelease: 'unknown',
				releaseNote:
					'a hosted server has no release to compare with: it can change at any time, and the documentation describes it as of its date',
			},
			sources: [{ title: docs.title, url: docs.url }, ...(docs.alsoRead ?? [])],
			obtainedAt: values['obtained-at'] ?? new Date().toISOString().slice(0, 10),
			notes: [
				`${tools.length} tools as the vendor documents them (${docs.url}, read ${docs.date}). Names are as documented; descriptions are the documentation's, which may differ from what the server returns; schemas only where the page gives them. A live tools/list would make this exact.`,
				...(values.note ?? []),
			],
			tools,
			...(values.claimed && { toolCountClaimed: Number(values.claimed) }),
			...(values['claim-source'] && { claimSource: values['claim-source'] }),
		},
		values.out,
	);
	console.log(`import-docs: wrote ${file} (${server.tools.length} tools, ${server.provenance.completeness})`);
} catch (error) {
	fail(error instanceof Error ? error.message : String(error));
}
