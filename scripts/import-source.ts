#!/usr/bin/env node
/**
 * import-source: a Python MCP server's tool list from its source -> content/servers/<slug>.json
 * (provenance method `source`). The server's source and the MCP Python SDK (the version its uv.lock pins)
 * are read from fetched mirrors at pinned commits, its dependencies installed as wheels, and the harness
 * imports the server inside the scanner's sandbox and asks its own tools/list handler. Nothing runs
 * outside the sandbox. The folder is src/ingest/python/source-env.ts, the run source-run.ts, the checks
 * python-source.ts, the file src/ingest/sourced.ts.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerNote, harnessTools, HarnessError, pydanticNote, stubNote, typingNote } from '../src/ingest/python/python-source.ts';
import { prepareSourceEnv } from '../src/ingest/python/source-env.ts';
import { runHarness } from '../src/ingest/python/source-run.ts';
import { dummyCredentialFiles } from '../src/ingest/batch/recover.ts';
import { probeSandbox, unavailableMessage } from '../src/ingest/sandbox/probe.ts';
import { parseDistributions, releaseMatch, repositorySourced, writeSourcedServer } from '../src/ingest/sourced.ts';
import { defineCommand, main, UsageError } from './lib/cli.ts';
import { IDENTITY_OPTIONS, RELEASE_OPTIONS } from './lib/sourced-options.ts';

const command = defineCommand({
	name: 'import:source',
	usage: [
		'npm run import:source -- --git-dir <dir> --rev <tag> --dir <folder> --sdk-git-dir <dir> (--entry <module:function> | --module <module>)',
		'  --repository <url> --slug <slug> --name <name> (--pypi <pkg@v> | --npm <pkg@v> | --oci <image> | --remote <url>)... [options]',
	],
	about:
		"The server's entry point is run inside the scanner's sandbox with the MCP Python SDK its lock file pins; when it starts serving, its own tools/list handler answers and that answer is recorded. Modules the server imports that are not installed are stubbed, and the record names them; a listing that touches a stub is refused.",
	options: {
		...RELEASE_OPTIONS,
		dir: { type: 'string', value: '<folder>', default: '', description: "the server's folder in the repository (holding pyproject.toml)" },
		'sdk-git-dir': { type: 'string', value: '<dir>', description: "the fetched mirror of the MCP Python SDK's repository (required)" },
		'fastmcp-git-dir': {
			type: 'string',
			value: '<dir>',
			description: "the fetched mirror of FastMCP's repository, for a server built on it",
		},
		'fastmcp-version': {
			type: 'string',
			value: '<version>',
			description: 'the FastMCP version (default: the one uv.lock pins; for a lock that pins none)',
		},
		'sdk-version': { type: 'string', value: '<version>', description: 'the SDK version (default: the one uv.lock pins)' },
		entry: {
			type: 'string',
			value: '<module:function>',
			description: 'the console script to run (default: the only one pyproject.toml names)',
		},
		module: { type: 'string', value: '<module>', description: 'instead of an entry point: the module whose import creates the server' },
		arg: { type: 'string', multiple: true, value: '<arg>', description: 'an argument the entry point is given' },
		env: { type: 'string', multiple: true, value: '<NAME=value>', description: 'a placeholder environment variable' },
		stub: { type: 'string', multiple: true, value: '<module>', description: 'a module to stub whoever imports it' },
		'credential-files': {
			type: 'boolean',
			default: false,
			description:
				"dummy credential and configuration files (fake values: ~/.aws, ~/.kube, OAuth JSON) in the sandbox's home, as the batch scanner's recovery puts them",
		},
		requirement: {
			type: 'string',
			multiple: true,
			value: '<req>',
			description: 'a dependency to install besides those pyproject.toml names',
		},
		'skip-requirement': { type: 'string', multiple: true, value: '<name>', description: 'a dependency not to install' },
		'keep-env': { type: 'boolean', default: false, description: 'keep the prepared folder (its path is printed)' },
		...IDENTITY_OPTIONS,
	},
	examples: [
		'npm run import:source -- --git-dir <servers mirror> --rev 2026.7.10 --dir src/git --sdk-git-dir <python-sdk mirror> \\\n' +
			'    --repository https://github.com/modelcontextprotocol/servers --version 2026.7.10 --slug mcp-server-git --name "Git" --pypi mcp-server-git@2026.7.10',
	],
});

await main(
	command,
	async (args) => {
		const { values } = args;
		const gitDir = values['git-dir'];
		const sdkGitDir = values['sdk-git-dir'];
		const { rev, repository, slug, name } = values;
		if (!gitDir || !rev || !sdkGitDir || !repository || !slug || !name)
			throw new UsageError('--git-dir, --rev, --sdk-git-dir, --repository, --slug and --name are required');
		if (values.entry && values.module) throw new UsageError('give --entry or --module, not both');
		const env = Object.fromEntries(
			(values.env ?? []).map((spec) => {
				const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(spec);
				if (!m) throw new UsageError(`--env ${JSON.stringify(spec)}: expected NAME=value`);
				return [m[1]!, m[2]!];
			}),
		);
		const distributions = parseDistributions(values);
		const probe = await probeSandbox();
		if (!probe.ok) throw new HarnessError(unavailableMessage(probe.reason));
		const work = mkdtempSync(join(tmpdir(), 'toolrisk-source-'));
		// Readable by the sandbox's unprivileged host user, so the folder is shown as is rather than copied.
		chmodSync(work, 0o755);
		try {
			const prepared = prepareSourceEnv({
				gitDir,
				rev,
				dir: values.dir ?? '',
				sdkGitDir,
				sdkVersion: values['sdk-version'],
				fastmcpGitDir: values['fastmcp-git-dir'],
				fastmcpVersion: values['fastmcp-version'],
				extraRequirements: values.requirement ?? [],
				skipRequirements: values['skip-requirement'] ?? [],
				workDir: join(work, 'env'),
			});
			releaseMatch({ ...values, slug, name }, prepared.server, rev);
			const scripts = Object.entries(prepared.project.scripts);
			const entry = values.entry ?? (values.module ? undefined : scripts.length === 1 ? scripts[0]![1] : undefined);
			if (!entry && !values.module)
				throw new UsageError(
					`pyproject.toml names ${scripts.length} console scripts (${scripts.map((s) => s[0]).join(', ')}): give --entry or --module`,
				);
			const files = values['credential-files'] ? dummyCredentialFiles() : [];
			const { report, stderr } = await runHarness(probe.host, {
				root: prepared.root,
				paths: prepared.paths,
				own: prepared.own,
				start: entry ? { entry } : { module: values.module! },
				args: values.arg ?? [],
				stub: values.stub ?? [],
				env,
				files,
			});
			const dirLabel = values.dir ? values.dir.replace(/\/$/, '') : '.';
			let tools;
			try {
				tools = harnessTools(report, dirLabel);
			} catch (error) {
				if (error instanceof HarnessError && report.error !== undefined)
					error.message += `\nThe server's stderr ends:\n${stderr.trim().split('\n').slice(-12).join('\n')}`;
				throw error;
			}
			const at = prepared.server;
			const started = entry
				? `its entry point ${entry}${values.arg?.length ? ` with ${values.arg.join(' ')}` : ''}`
				: `the module ${values.module}`;
			const installed = prepared.installed;
			const notes = [
				`Listed from source by the server's own tools/list handler: toolrisk ran ${started} from ${dirLabel} at ${rev} (${at.commit}, ${at.date}) inside its sandbox, with the MCP Python SDK ${prepared.sdk.version} (${prepared.sdk.lockPinned ? 'the version uv.lock pins' : 'given by hand'}; the source of modelcontextprotocol/python-sdk at ${prepared.sdk.tag}, ${prepared.sdk.commit})${prepared.fastmcp ? `, and FastMCP ${prepared.fastmcp.version} (${prepared.fastmcp.lockPinned ? 'the version uv.lock pins' : 'given by hand'}; the source of its repository at ${prepared.fastmcp.tag}, ${prepared.fastmcp.commit})` : ''}, and recorded its answer as the SDK serializes it. Python: Debian's 3.11 (a description a server takes from a docstring as it stands keeps the docstring's indentation, as Python before 3.13 gives it).`,
				`Dependencies installed as wheels: ${Object.entries(installed.packages)
					.map(([n, v]) => `${n} ${v}`)
					.sort()
					.join(
						', ',
					)}.${installed.unbounded.length > 0 ? ` Installed without the version bound asked for: ${installed.unbounded.join(', ')}.` : ''}${installed.missing.length > 0 ? ` Not available as wheels here: ${installed.missing.join(', ')}.` : ''}`,
				answerNote(report),
				stubNote(report),
				...[pydanticNote(report), typingNote(report)].filter((n) => n !== null),
				...(Object.keys(env).length > 0 ? [`Placeholder environment: ${Object.keys(env).join(', ')}.`] : []),
				...(files.length > 0
					? [
							`Dummy credential and configuration files (fake values, no real account) in the sandbox: ${files.map((f) => f.path).join(', ')}.`,
						]
					: []),
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
					path: `${values.dir ? `${dirLabel}/` : ''}${entry ?? values.module}`,
					label: dirLabel,
					folder: values.dir ?? '',
					notes,
					tools,
				}),
				values.out,
			);
			console.log(
				`import-source: wrote ${file} (${server.tools.length} tools, SDK ${prepared.sdk.version}, ${report.stubbed.length} modules stubbed${changes > 0 ? ', history entry added' : ''})`,
			);
			if (values['keep-env']) console.log(`import-source: the prepared folder is ${prepared.root}`);
		} finally {
			if (!values['keep-env']) rmSync(work, { recursive: true, force: true });
		}
	},
	{
		explain: (error) =>
			error instanceof HarnessError || (error instanceof Error && /^(git |pip install|tar:|not TOML)/.test(error.message))
				? { message: error.message, exitCode: 1 }
				: undefined,
		failureNote: 'Nothing was written.',
	},
);
