#!/usr/bin/env node
/**
 * extract-go: tools declared with mcp-go's builders in a Go server's source -> content/servers/<slug>.json
 * (provenance method `source`). Reads a fetched mirror (a bare git directory) at one revision; compiles
 * and runs nothing. The extraction is src/ingest/go-tools.ts, the file src/ingest/sourced.ts.
 */
import { listFiles, readFile, resolveCommit } from '../src/ingest/git-read.ts';
import { extractGoTools } from '../src/ingest/go-tools.ts';
import { parseDistributions, releaseMatch, repositorySourced, writeSourcedServer } from '../src/ingest/sourced.ts';
import { defineCommand, main, UsageError } from './lib/cli.ts';
import { IDENTITY_OPTIONS, RELEASE_OPTIONS } from './lib/sourced-options.ts';

const command = defineCommand({
	name: 'extract:go',
	usage: [
		'npm run extract:go -- --git-dir <dir> --rev <tag> --repository <url> --slug <slug> --name <name>',
		'  (--npm <pkg@v> | --pypi <pkg[@v]> | --oci <image> | --remote <url>)... [--under <folder>]... [options]',
	],
	about:
		'Reads every non-test .go file of the module (constants may live anywhere in it); tools are taken from the --under folders.\n' +
		'What the source does not give as a constant is recorded per tool, and the tool says which part is partial.',
	options: {
		...RELEASE_OPTIONS,
		under: { type: 'string', multiple: true, value: '<folder>', description: 'take tools from files under this folder' },
		...IDENTITY_OPTIONS,
	},
	examples: [
		'npm run extract:go -- --git-dir <mirror> --rev v1.2.0 --under pkg/tools --repository https://github.com/hashicorp/terraform-mcp-server \\\n' +
			'    --version 1.2.0 --slug hashicorp-terraform-mcp-server --name "Terraform MCP Server" --oci hashicorp/terraform-mcp-server:1.2.0',
	],
});

await main(
	command,
	(args) => {
		const { values } = args;
		const gitDir = values['git-dir'];
		const { rev, repository, slug, name } = values;
		if (!gitDir || !rev || !repository || !slug || !name)
			throw new UsageError('--git-dir, --rev, --repository, --slug and --name are required');
		const distributions = parseDistributions(values);
		const at = resolveCommit(gitDir, rev);
		const goMod = readFile(gitDir, at.commit, 'go.mod');
		const modulePath = /^module\s+(\S+)/m.exec(goMod)?.[1];
		const mcpGo = /github\.com\/mark3labs\/mcp-go\s+(v\S+)/.exec(goMod)?.[1];
		const paths = listFiles(gitDir, at.commit, '.').filter((p) => p.endsWith('.go') && !p.endsWith('_test.go'));
		const result = extractGoTools(
			paths.map((p) => ({ path: p, text: readFile(gitDir, at.commit, p) })),
			{ ...(modulePath && { modulePath }), ...(values.under && { under: values.under }) },
		);
		if (result.tools.length === 0)
			throw new Error(`no builder-made tools found under ${values.under?.join(', ') ?? 'the repository'} at ${rev}`);
		releaseMatch({ ...values, slug, name }, at, rev);
		const unresolvedTools = result.tools.filter((t) => t.unresolved.length > 0).length;
		const notes = [
			`Static extraction from the Go source at ${rev} (${at.commit}, ${at.date}): ${result.tools.length} tools from ${result.files} Go files, built as mcp-go${mcpGo ? ` ${mcpGo}` : ''}'s builders would build them (NewTool's default annotations included). Nothing was compiled or run.`,
			unresolvedTools > 0
				? `${unresolvedTools} tools have parts the source does not give as constants; each tool's status says which.`
				: 'Every builder argument resolved to a constant.',
			...(result.variants.length > 0
				? [
						`Names defined more than once (the server registers one of them depending on its configuration; the first is recorded): ${result.variants
							.map((v) => `${v.name} (also ${v.declaredIn} in ${v.path}:${v.line})`)
							.join(', ')}.`,
					]
				: []),
			...(result.skipped.length > 0
				? [`Tool constructors not recorded: ${result.skipped.map((s) => `${s.path}:${s.line} (${s.reason})`).join('; ')}.`]
				: []),
			'Which tools a running server lists depends on its configuration (toolsets, read-only or write switches, credentials); this is every tool the source declares.',
			...(values.note ?? []),
		];
		const { file, server, changes } = writeSourcedServer(
			repositorySourced({
				values: { ...values, slug, name },
				repository,
				distributions,
				method: 'source',
				at,
				rev,
				path: values.under ? values.under.map((u) => `${u.replace(/\/$/, '')}/**/*.go`).join(', ') : '**/*.go',
				label: values.under?.join(', ') ?? '.',
				folder: values.under?.[0] ?? '',
				notes,
				tools: result.tools.map((t) => t.entry),
			}),
			values.out,
		);
		console.log(
			`extract-go: wrote ${file} (${server.tools.length} tools, ${unresolvedTools} with unresolved parts, ${result.variants.length} variants, ${result.skipped.length} skipped${changes > 0 ? ', history entry added' : ''})`,
		);
	},
	{
		explain: (error) =>
			error instanceof Error && /^(git |no builder-made tools)/.test(error.message) ? { message: error.message, exitCode: 1 } : undefined,
		failureNote: 'Nothing was written.',
	},
);
