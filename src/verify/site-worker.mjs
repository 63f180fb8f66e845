/**
 * A site-check worker: validates pages with html-validate and outlines their links, and parses the
 * JSON and YAML files, one batch of files at a time. Validation is the slow part (tens of
 * milliseconds a page), so the check runs one worker per CPU; only small results come back: problems,
 * and the internal links the main thread resolves against the list of files.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { XMLValidator } from 'fast-xml-parser';
import { parseAllDocuments } from 'yaml';
import {
	classifyUrl,
	fileFor,
	forbiddenCharacters,
	fragmentNeedsNoTarget,
	hiddenCharacters,
	locator,
	missingSocialMetadata,
	pageOutline,
	urlPathOf,
} from './site-html.mjs';
import { createValidator } from './site-validate.mjs';

const validate = createValidator(workerData.htmlValidateConfig);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a file as UTF-8, reporting invalid bytes (and decoding leniently to go on). */
function decode(buffer, problems) {
	try {
		return utf8.decode(buffer);
	} catch {
		problems.push({ line: 1, column: 1, check: 'encoding', message: 'not valid UTF-8' });
		return new TextDecoder('utf-8').decode(buffer);
	}
}

function checkPage(text, file, siteOrigin, problems) {
	const position = locator(text);
	for (const c of forbiddenCharacters(text))
		problems.push({
			...position(c.offset),
			check: 'characters',
			message: `${c.code} is not allowed in an HTML document (browsers drop or replace it)`,
		});
	for (const c of hiddenCharacters(text))
		problems.push({
			...position(c.offset),
			check: 'hidden-characters',
			message: `raw ${c.code} in the page: third-party text must show it as a visible marker (UntrustedText, withMarkers)`,
		});
	for (const m of validate(text, file))
		problems.push({ line: m.line, column: m.column, check: `html-validate/${m.rule}`, message: m.message });

	const pagePath = urlPathOf(file);
	const self = new Set([file]);
	const { ids, urls, metas } = pageOutline(text);
	const missing = missingSocialMetadata(metas);
	if (missing.length > 0)
		problems.push({
			line: 1,
			column: 1,
			check: 'metadata',
			message: `missing ${missing.map((k) => `<meta ${k.startsWith('og:') ? 'property' : 'name'}="${k}">`).join(', ')} (every page carries Open Graph and Twitter card metadata)`,
		});
	const internal = [];
	const seen = new Set();
	let external = 0;
	for (const { url, attribute, offset } of urls) {
		const target = classifyUrl(url, pagePath, siteOrigin);
		if (target.kind === 'external') {
			external++;
			continue;
		}
		if (target.kind === 'bad') {
			problems.push({
				...position(offset),
				check: 'link',
				message: `${attribute}="${url}" is ${target.reason}; only http(s) and mailto links are allowed`,
			});
			continue;
		}
		const key = `${target.path}#${target.fragment}`;
		if (seen.has(key)) continue;
		seen.add(key);
		if (fileFor(target.path, self) === file) {
			if (!fragmentNeedsNoTarget(target.fragment) && !ids.has(target.fragment)) {
				problems.push({
					...position(offset),
					check: 'link',
					message: `${attribute}="${url}": no element with id "${target.fragment}" on this page`,
				});
			}
			continue;
		}
		internal.push({ url, attribute, path: target.path, fragment: target.fragment, ...position(offset) });
	}
	return { internal, urls: urls.length, external };
}

function checkData(text, file, problems) {
	if (file.endsWith('.xml')) {
		const result = XMLValidator.validate(text);
		if (result !== true) problems.push({ line: result.err.line ?? 1, column: result.err.col ?? 1, check: 'xml', message: result.err.msg });
		return;
	}
	if (file.endsWith('.ndjson')) {
		let line = 0;
		for (const record of text.split('\n')) {
			line++;
			if (record === '' && line > 1) continue;
			try {
				JSON.parse(record);
			} catch (error) {
				problems.push({ line, column: 1, check: 'ndjson', message: error.message });
				if (problems.length >= 5) return;
			}
		}
		return;
	}
	if (file.endsWith('.json')) {
		try {
			JSON.parse(text);
		} catch (error) {
			const at = /position (\d+)/.exec(error.message);
			problems.push({ ...(at ? locator(text)(Number(at[1])) : { line: 1, column: 1 }), check: 'json', message: error.message });
		}
		return;
	}
	for (const doc of parseAllDocuments(text, { prettyErrors: true })) {
		for (const error of doc.errors)
			problems.push({
				line: error.linePos?.[0]?.line ?? 1,
				column: error.linePos?.[0]?.col ?? 1,
				check: 'yaml',
				message: error.message.split('\n')[0].replace(/:$/, ''),
			});
	}
}

/** One file: `{ file, problems, internal?, urls?, external? }`. */
async function checkFile(dir, file, siteOrigin) {
	const problems = [];
	const text = decode(await readFile(join(dir, file)), problems);
	if (file.endsWith('.html')) return { file, problems, ...checkPage(text, file, siteOrigin, problems) };
	checkData(text, file, problems);
	return { file, problems };
}

parentPort.on('message', async ({ id, dir, siteOrigin, files }) => {
	const results = [];
	for (const file of files) {
		try {
			results.push(await checkFile(dir, file, siteOrigin));
		} catch (error) {
			results.push({ file, problems: [{ line: 1, column: 1, check: 'read', message: error.message }] });
		}
	}
	parentPort.postMessage({ id, results });
});
