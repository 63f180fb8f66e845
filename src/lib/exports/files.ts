/**
 * Export files written outside Astro's routes (src/build/integrations/exports.ts): a relative path under
 * the output folder and the exact text. `flag: 'wx'` there refuses to overwrite a file a route wrote.
 */
export interface ExportFile {
	path: string;
	/** The file's text, made only when the file was not already written while its page rendered. */
	text: () => Promise<string>;
}

/** Where src/build/data.ts leaves a function yielding every export file the build must hold, for the exports integration. */
export const EXPORT_FILES = Symbol.for('toolrisk.exportFiles');

/**
 * Where the exports integration leaves, during `astro build` only, the function a page calls to
 * write an export file of its own while it renders (a tool page writes its JSON twin from the model
 * it renders, so the model is built once per tool). It may return a promise: the caller awaits it
 * when too many writes are in flight.
 */
export const EXPORT_SINK = Symbol.for('toolrisk.exportSink');
export type ExportSink = (path: string, text: string) => Promise<void> | undefined;
