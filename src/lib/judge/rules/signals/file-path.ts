import type { SignalRule } from '../../types.ts';
import { joined, lastTwo, paramEvidence } from './_helpers.ts';

const LAST = new Set([
	'path',
	'paths',
	'filepath',
	'filename',
	'filenames',
	'file',
	'files',
	'dir',
	'dirs',
	'directory',
	'directories',
	'folder',
	'folders',
	'dirname',
	'basename',
	'cwd',
	'workdir',
	'pathname',
]);
const DESCRIPTION = /\b(file ?path|path (to|of) (a |the )?(file|directory|folder)|(local|absolute|relative) path)\b/i;

/** Parameters that name a file or folder. */
export const filePath: SignalRule = {
	id: 'signal/file-path',
	signal: 'file-path',
	detect(ctx) {
		return ctx.parameters.flatMap((p) => {
			const stringish = p.types.length === 0 || p.types.includes('string') || p.types.includes('array');
			if (!stringish) return [];
			const [last] = lastTwo(p.tokens);
			if ((last !== undefined && LAST.has(last)) || LAST.has(joined(p.tokens))) return [paramEvidence(this.id, p)];
			const m = p.description ? DESCRIPTION.exec(p.description) : null;
			return m ? [paramEvidence(this.id, p, `${p.name}: "${m[0]}"`)] : [];
		});
	},
};
