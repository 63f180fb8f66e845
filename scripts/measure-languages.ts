#!/usr/bin/env node
/**
 * measure-languages: which natural languages the catalogue's tool descriptions are written in
 * (src/lib/text/languages.ts), so the labelling guide and the classifier's word lists cover the languages
 * that occur. Reads `content/servers/*.json` with JSON.parse (tools[].definition.description).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../src/lib/content/errors.ts';
import { measure } from '../src/lib/text/languages.ts';
import { defineCommand, main } from './lib/cli.ts';

const command = defineCommand({
	name: 'measure-languages',
	usage: ['node scripts/measure-languages.ts [--content <dir>] [--json]'],
	about: 'Counts catalogued tool descriptions per natural language (by script, then by function words).',
	options: {
		content: { type: 'string', value: '<dir>', description: 'content folder (default content/servers, or $TOOLRISK_CONTENT_DIR)' },
		json: { type: 'boolean', default: false, description: 'print the counts as JSON' },
	},
});

await main(command, ({ values }) => {
	const dir = values.content ?? process.env['TOOLRISK_CONTENT_DIR'] ?? join('content', 'servers');
	const files = [];
	for (const name of readdirSync(dir)
		.filter((f) => f.endsWith('.json') && !f.startsWith('.'))
		.sort()) {
		const file = join(dir, name);
		let data;
		try {
			data = JSON.parse(readFileSync(file, 'utf8'));
		} catch (error) {
			throw new DataError(file, [`not valid JSON: ${(error as Error).message}`]);
		}
		if (typeof data?.slug !== 'string' || !Array.isArray(data?.tools))
			throw new DataError(file, ['expected an object with slug and tools[]']);
		files.push(data);
	}
	const counts = measure(files);
	if (values.json) {
		console.log(JSON.stringify(counts, null, '\t'));
		return;
	}
	const total = counts.reduce((n, c) => n + c.tools, 0);
	console.log(`${total} tools in ${files.length} server files`);
	console.log('| language | tools | servers | server files |');
	console.log('|---|---:|---:|---|');
	for (const c of counts) {
		const list = c.servers.length <= 6 ? c.servers.join(', ') : `${c.servers.slice(0, 6).join(', ')}, … (${c.servers.length - 6} more)`;
		console.log(`| ${c.language} | ${c.tools} | ${c.servers.length} | ${list} |`);
	}
});
