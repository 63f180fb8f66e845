/**
 * Walks a built site. Entries are read a directory at a time and yielded in the lexicographic order of
 * their full paths (a directory sorts as `name/`), so two walks can be merged like sorted lists and
 * nothing but the current path's directories is held in memory.
 */
import { opendir } from 'node:fs/promises';
import { join } from 'node:path';

/** Yields every file under `root` as a `/`-separated path relative to it, in sorted order. */
export async function* walkFiles(root, rel = '') {
	const entries = [];
	for await (const entry of await opendir(rel ? join(root, rel) : root))
		entries.push({ key: entry.isDirectory() ? `${entry.name}/` : entry.name, entry });
	entries.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
	for (const { entry } of entries) {
		const path = rel ? `${rel}/${entry.name}` : entry.name;
		if (entry.isDirectory()) yield* walkFiles(root, path);
		else yield path;
	}
}
