/**
 * Export files written outside Astro's routes (src/integrations/exports.ts): a relative path under
 * the output folder and the exact text. `flag: 'wx'` there refuses to overwrite a file a route wrote.
 */
export interface ExportFile {
	path: string;
	text: string;
}

/** Where src/catalogue.ts leaves a function yielding the export files, for the exports integration. */
export const EXPORT_FILES = Symbol.for('toolrisk.exportFiles');
