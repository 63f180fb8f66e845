/**
 * One way for a CLI to load the catalogue and the gold labels (consistency, policy:summary, annotations:agreement):
 * the server files of a content folder (every `*.json` not starting with `.` or `_`, sorted, or the slugs asked
 * for), parsed and built into a catalogue, and the first labeller's labels from the gold batch files.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCatalogue, type Catalogue } from '../../src/lib/catalogue.ts';
import { goldLabelSchema, parseJsonLines, type GoldLabel } from '../../src/lib/content/gold.ts';
import { parseServerFile } from '../../src/lib/content/server-file.ts';
import type { ServerFile } from '../../src/lib/content/server.ts';
import { DataError } from './cli.ts';

/** A JSON file, or a DataError naming it. */
export function readJson(path: string): unknown {
	try {
		return JSON.parse(readFileSync(path, 'utf8'));
	} catch (error) {
		throw new DataError(path, [`(root): expected a readable JSON file (${(error as Error).message})`]);
	}
}

/** The server file names of a content folder, sorted. */
export function serverFileNames(dir: string): string[] {
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json') && !f.startsWith('.') && !f.startsWith('_'))
		.sort();
}

/** Builds the catalogue of `dir` (every server file, or the files named by `slugs`, in that order). */
export function loadCatalogue(dir: string, slugs?: readonly string[]): Catalogue {
	const names = slugs ? slugs.map((s) => `${s}.json`) : serverFileNames(dir);
	const files: ServerFile[] = names.map((f) => parseServerFile(readJson(join(dir, f)), join(dir, f)));
	return buildCatalogue(files, (slug) => join(dir, `${slug}.json`));
}

/** The first labeller's gold labels (`batch-<n>.jsonl`; the agreement sample's second labels are not the reference). */
export function loadGoldLabels(labelsDir: string | undefined): GoldLabel[] {
	if (labelsDir === undefined || !existsSync(labelsDir)) return [];
	return readdirSync(labelsDir)
		.filter((n) => /^batch-\d+\.jsonl$/.test(n))
		.flatMap((f) => parseJsonLines(readFileSync(join(labelsDir, f), 'utf8'), join(labelsDir, f), goldLabelSchema));
}
