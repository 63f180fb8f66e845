#!/usr/bin/env node
/**
 * `classify`: judge the tools of a private (uncatalogued) MCP server and print the result, or write a
 * starter policy for it. Reads a tools-list JSON file, or lists a server live with the scanner's client
 * (src/ingest/classify-input.ts); the output is src/lib/present/classify-report.ts. Never publishes
 * anything and never writes content files: what a private server exposes stays local.
 *
 * Only cheap modules load up front, so usage errors and --help answer at once. The classifier and
 * schemas (zod, yaml: about half a second) load once the command line is valid, and the live-listing
 * client (the MCP SDK) only for live listings.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
	checkOutPath,
	classifyRequest,
	isScanError,
	listLive,
	subServerEntries,
	toolsFromText,
	type Listing,
} from '../src/ingest/classify-input.ts';
import { writeFileAtomic } from '../src/ingest/write-atomic.ts';
import { DataError, defineCommand, main } from './lib/cli.ts';

const ROOT = join(import.meta.dirname, '..');

const command = defineCommand({
	name: 'classify',
	usage: [
		'node scripts/classify.ts <tools.json | -> [options]',
		'node scripts/classify.ts --command <executable> [--arg <value>]... [--env NAME=value]... [options] [-- <arg> ...]',
		'node scripts/classify.ts --npm <package>[@version] [--bin <name>] [--env NAME=value]... [options] [-- <arg> ...]',
		'node scripts/classify.ts --url <https://...> [--header "Name: value"]... [options]',
	],
	about:
		'Classifies every tool (category, risk level, signals with the fields they point at) the way the\n' +
		'catalogue does. The file may be a tools/list result ({"tools": [...]}), an array of tools, a\n' +
		'research file with x- notes, or a content file; "-" reads standard input.\n\n' +
		'Live listings never call a tool. The server gets only PATH, an empty HOME and TMPDIR, and the --env\n' +
		'variables you give; --command runs in the current directory, --npm in an empty temporary one.\n' +
		'Nothing is published and no content file is written.',
	positionals: { name: '<tools.json | ->', description: 'the file to classify, or server arguments after --' },
	options: {
		json: { type: 'boolean', description: 'print a JSON array instead of the table' },
		policy: { type: 'string', value: 'intercept|policylayer', description: 'print the whole starter policy in that format instead' },
		out: { type: 'string', value: '<file>', description: 'write the output to <file> instead of standard output' },
		name: {
			type: 'string',
			value: '<server name>',
			description:
				'title for the report and the policy description\n(default: the file\'s "name", the server\'s serverInfo.name, or the file name)',
		},
		'sub-server': { type: 'string', value: '<id>', description: 'only the tools of one sub-server (research files of monorepos)' },
		command: { type: 'string', value: '<executable>', description: 'list your own server, started in the current directory' },
		npm: { type: 'string', value: '<package>[@version]', description: 'list an npm package, installed with install scripts disabled' },
		url: { type: 'string', value: '<https://...>', description: 'list a remote server over streamable HTTP' },
		arg: { type: 'string', multiple: true, value: '<value>', description: 'a server argument (or put them after --)' },
		env: { type: 'string', multiple: true, value: 'NAME=value', description: 'an environment variable for the server' },
		header: { type: 'string', multiple: true, value: '"Name: value"', description: 'an HTTP request header for --url' },
		bin: { type: 'string', value: '<name>', description: 'which executable of an npm package to run (if it has several)' },
		cache: { type: 'string', value: '<dir>', description: 'npm install cache (default: .cache/scan; install scripts never run)' },
		'connect-timeout': { type: 'string', value: '<s>', description: 'live listing: start + initialize limit (default 60)' },
		'total-timeout': { type: 'string', value: '<s>', description: 'live listing: whole listing limit (default 180)' },
	},
	notes: 'Exit codes: 0 done, 1 bad input or a failed listing, 2 bad usage.',
	examples: ['node scripts/classify.ts tools.json --policy intercept --out policy.yaml --name "Billing MCP"'],
});

// Ctrl-C during a live listing: exit through process.exit so the client's exit hook kills the server.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

await main(
	command,
	async (cli) => {
		const { values } = cli;
		const cwd = process.cwd();
		const { file, args, format } = classifyRequest(values, cli.tokens);
		const outPath = values.out === undefined ? undefined : checkOutPath(values.out, ROOT, cwd);
		let listing: Listing;
		if (file === undefined) {
			const ms = (name: 'connect-timeout' | 'total-timeout') =>
				(cli.number(name, { positive: true, expected: 'a number of seconds' }) ?? Number.NaN) * 1000;
			const list = {
				...(values['connect-timeout'] !== undefined && { connectTimeoutMs: ms('connect-timeout') }),
				...(values['total-timeout'] !== undefined && { totalTimeoutMs: ms('total-timeout') }),
			};
			listing = await listLive(values, args, { list, root: ROOT, cwd, log: (line) => console.error(`classify: ${line}`) });
		} else {
			const label = file === '-' ? '(stdin)' : file;
			let text: string;
			try {
				text = readFileSync(file === '-' ? 0 : file, 'utf8');
			} catch (error) {
				throw new DataError(label, [`cannot read the file: ${(error as Error).message}`]);
			}
			listing = await toolsFromText(text, label);
		}
		const entries = values['sub-server'] === undefined ? listing.entries : subServerEntries(listing, values['sub-server']);
		const { checkDefinitions, classifyEntries, duplicateNames, renderPolicy, renderTable, toJson } =
			await import('../src/lib/present/classify-report.ts');
		checkDefinitions(entries, listing.label);
		if (entries.length === 0) throw new DataError(listing.label, ['tools: the list is empty; there is nothing to classify']);

		const title = values.name?.trim() ?? listing.name ?? (file && file !== '-' ? basename(file).replace(/\.json$/i, '') : 'MCP server');
		const tools = classifyEntries(entries);
		let text: string;
		if (format) {
			const duplicates = duplicateNames(entries);
			if (duplicates.length > 0) {
				throw new DataError(listing.label, [
					`tools: names listed more than once: ${duplicates.join('; ')}; a policy maps each name to one set of rules${entries.some((e) => e.subServer) ? ' (pick one with --sub-server)' : ''}`,
				]);
			}
			text = renderPolicy(tools, title, format);
		} else if (values.json) text = `${JSON.stringify(toJson(tools), null, 2)}\n`;
		else text = renderTable(tools, title);

		if (outPath) {
			writeFileAtomic(outPath, text);
			console.error(`classify: wrote ${values.out} (${tools.length} tool${tools.length === 1 ? '' : 's'})`);
		} else process.stdout.write(text);
		return 0;
	},
	{
		explain: (error) => {
			if (isScanError(error)) return { message: `listing failed (${error.kind}): ${error.message}`, exitCode: 1 };
			if (error instanceof Error && error.name === 'PolicyValidationError')
				return {
					message: `${error.message}\nThis is a bug in toolrisk's policy generator; please report it with the tools file.`,
					exitCode: 1,
				};
			return undefined;
		},
	},
);
