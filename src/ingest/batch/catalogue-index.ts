/**
 * The catalogue as the batch sees it: which packages are catalogued under which slug, and a slug for each
 * new package that collides with none.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ScanOutcome } from '../../lib/content/scan-report.ts';
import { slugFromPackage } from '../scan.ts';

export class NotWritten extends Error {
	readonly outcome: ScanOutcome | 'unchanged';
	readonly tools: number;
	constructor(outcome: ScanOutcome | 'unchanged', message: string, tools: number) {
		super(message);
		this.outcome = outcome;
		this.tools = tools;
	}
}

/** The content files already in the catalogue: which npm package each slug belongs to. */
export interface CatalogueIndex {
	/** slug -> npm package name (undefined for files of another kind). */
	slugs: Map<string, string | undefined>;
	/** npm package name -> slug. */
	byPackage: Map<string, string>;
}

/** Reads the npm package of every content file (without validating: the build does that). */
export function indexCatalogue(outDir: string): CatalogueIndex {
	const slugs = new Map<string, string | undefined>();
	const byPackage = new Map<string, string>();
	if (!existsSync(outDir)) return { slugs, byPackage };
	for (const name of readdirSync(outDir).sort()) {
		if (!name.endsWith('.json') || name.startsWith('.')) continue;
		const slug = name.slice(0, -'.json'.length);
		let pkg: string | undefined;
		try {
			const data = JSON.parse(readFileSync(join(outDir, name), 'utf8')) as { distributions?: { kind?: string; package?: string }[] };
			pkg = data.distributions?.find((d) => d.kind === 'npm')?.package;
		} catch {
			pkg = undefined;
		}
		slugs.set(slug, pkg);
		if (pkg !== undefined && !byPackage.has(pkg)) byPackage.set(pkg, slug);
	}
	return { slugs, byPackage };
}

/**
 * Gives every entry a slug: its own, the slug of its existing content file, or one from its name that
 * no other file or entry holds (`-npm`, then `-2`, `-3`... appended on a clash).
 */
export function assignSlugs(entries: readonly { key: string; name: string; slug?: string }[], index: CatalogueIndex): Map<string, string> {
	const taken = new Set(index.slugs.keys());
	const out = new Map<string, string>();
	for (const e of entries) {
		const existing = index.byPackage.get(e.name);
		if (e.slug !== undefined) {
			out.set(e.key, e.slug);
			taken.add(e.slug);
			continue;
		}
		if (existing !== undefined) {
			out.set(e.key, existing);
			continue;
		}
		const base = slugFromPackage(e.name) || 'server';
		let slug = base;
		if (taken.has(slug)) slug = `${base}-npm`;
		for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
		taken.add(slug);
		out.set(e.key, slug);
	}
	return out;
}

/** Loopback services, started on first use and stopped by `stopAll`. */
