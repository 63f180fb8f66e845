import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Writes a file so readers see the old content or the new, never a partial one (temp file + rename). */
export function writeFileAtomic(path: string, text: string): void {
	mkdirSync(dirname(path), { recursive: true });
	const temp = join(dirname(path), `.${process.pid}.${Date.now()}.tmp`);
	try {
		writeFileSync(temp, text);
		renameSync(temp, path);
	} finally {
		rmSync(temp, { force: true });
	}
}
