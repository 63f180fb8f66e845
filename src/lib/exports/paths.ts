/**
 * Where every export, feed and schema lives on the site. The data page, the index, `llms.txt`, the
 * sitemap and the routes all read these, so a file is named in one place.
 */
import type { ExportSchemaName } from './shapes.ts';

/** The export format's own version: bump it when a shape in `shapes.ts` changes incompatibly. */
export const FORMAT_VERSION = '1.0.0';

export const PATHS = {
	index: '/api/index.json',
	catalogue: '/api/catalogue.ndjson',
	attacks: '/api/attacks.json',
	llms: '/llms.txt',
	sitemapIndex: '/sitemap-index.xml',
	robots: '/robots.txt',
	dataPage: '/data/',
	serverTemplate: '/servers/{server}.json',
	toolTemplate: '/tools/{server}/{tool}.json',
	policyTemplate: '/servers/{server}/policies/{unit}.intercept.yaml',
} as const;

export const serverJsonPath = (server: string): string => `/servers/${server}.json`;
export const serverPagePath = (server: string): string => `/servers/${server}/`;
export const toolPagePath = (toolId: string): string => `/tools/${toolId}/`;
export const toolJsonPath = (toolId: string): string => `/tools/${toolId}.json`;
export const schemaPath = (name: ExportSchemaName): string => `/api/schemas/${name}.schema.json`;
export const sitemapChunkPath = (n: number): string => `/sitemaps/${n}.xml`;

/** An absolute URL on the site. */
export function absolute(site: URL, path: string): string {
	return new URL(path, site).href;
}

/** The licences the data and code are published under (see README). */
export const LICENCE = {
	content: {
		id: 'CC-BY-4.0',
		title: 'Creative Commons Attribution 4.0 International',
		url: 'https://creativecommons.org/licenses/by/4.0/',
	},
	code: { id: 'MIT', title: 'MIT License', url: 'https://opensource.org/license/mit' },
} as const;
