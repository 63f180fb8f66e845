/**
 * The hand-off between the routes and the build's integrations, in one place.
 *
 * Astro loads `astro.config.mjs` (and so the integrations) in one module graph and bundles the routes
 * into another, so the two never share a module instance: a variable exported here would exist twice.
 * They meet on `globalThis`, under the `Symbol.for` keys below, and only through these functions:
 *
 * - search documents: `src/build/data.ts` provides them once a route reads the catalogue; the Pagefind
 *   integration reads them (primary shard only).
 * - search index start: the Pagefind integration installs a starter; `data.ts` calls it as soon as the
 *   catalogue is built, so the index is made while the pages render rather than after them.
 * - export files: `data.ts` provides every JSON twin this shard must hold; the exports integration
 *   writes any a page did not write itself.
 * - export sink: the exports integration installs, during `astro build` only, the writer a tool page
 *   calls to write its JSON twin from the model it renders (it may return a promise: the page awaits
 *   it when too many writes are in flight).
 * - render start: the first route that reads the catalogue marks when static generation began (for
 *   the timings integration).
 */
import type { SearchDocument } from '../lib/present/search-index.ts';

/** An export file written outside Astro's routes: a relative path under the output folder and its exact text. */
interface ExportFile {
	path: string;
	/** The file's text, made only when the file was not already written while its page rendered. */
	text: () => Promise<string>;
}

export type ExportSink = (path: string, text: string) => Promise<void> | undefined;

const SEARCH_DOCUMENTS = Symbol.for('toolrisk.searchDocuments');
const SEARCH_INDEX_START = Symbol.for('toolrisk.searchIndexStart');
const EXPORT_FILES = Symbol.for('toolrisk.exportFiles');
const EXPORT_SINK = Symbol.for('toolrisk.exportSink');
const RENDER_START = Symbol.for('toolrisk.renderStart');

interface Handoff {
	[SEARCH_DOCUMENTS]?: () => Promise<SearchDocument[]>;
	[SEARCH_INDEX_START]?: () => void;
	[EXPORT_FILES]?: () => AsyncIterable<ExportFile>;
	[EXPORT_SINK]?: ExportSink;
	[RENDER_START]?: number;
}
const shared = globalThis as Handoff;

/** Routes' side: the search documents, provided once (later calls keep the first provider). */
export function provideSearchDocuments(documents: () => Promise<SearchDocument[]>): void {
	shared[SEARCH_DOCUMENTS] ??= documents;
}

/** Pagefind integration's side: the provider of the search documents, if a route has read the catalogue. */
export function searchDocuments(): (() => Promise<SearchDocument[]>) | undefined {
	return shared[SEARCH_DOCUMENTS];
}

/** Pagefind integration's side: what to call once the catalogue is built. */
export function installSearchIndexStart(start: () => void): void {
	shared[SEARCH_INDEX_START] = start;
}

/** Routes' side: the catalogue is built; start the search index if this build makes one. */
export function startSearchIndex(): void {
	shared[SEARCH_INDEX_START]?.();
}

/** Routes' side: every export file this shard must hold, provided once. */
export function provideExportFiles(files: () => AsyncIterable<ExportFile>): void {
	shared[EXPORT_FILES] ??= files;
}

/** Exports integration's side: the provider of the export files, if a route has read the catalogue. */
export function exportFiles(): (() => AsyncIterable<ExportFile>) | undefined {
	return shared[EXPORT_FILES];
}

/** Exports integration's side: the writer pages call during `astro build`. */
export function installExportSink(sink: ExportSink): void {
	shared[EXPORT_SINK] = sink;
}

/** Routes' side: the writer, during `astro build` only (in `astro dev` each twin's own route serves it). */
export function exportSink(): ExportSink | undefined {
	return shared[EXPORT_SINK];
}

/** Routes' side: static generation has begun (the first call wins). */
export function markRenderStart(): void {
	shared[RENDER_START] ??= performance.now();
}

/** Timings integration's side: when static generation began, if it has. */
export function renderStart(): number | undefined {
	return shared[RENDER_START];
}

/** Forgets every hand-off (for tests, which run the integrations' hooks more than once in one process). */
export function clearHandoff(): void {
	delete shared[SEARCH_DOCUMENTS];
	delete shared[SEARCH_INDEX_START];
	delete shared[EXPORT_FILES];
	delete shared[EXPORT_SINK];
	delete shared[RENDER_START];
}
