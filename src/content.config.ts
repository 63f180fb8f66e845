/**
 * Content collections. `servers` loads `content/servers/*.json` (or the folder named by
 * TOOLRISK_CONTENT_DIR, for generated benchmark catalogues) through the same schema the import and
 * scan commands write with; a bad file fails the build with its path, field and expectation.
 */
import { defineCollection } from 'astro:content';
import { serversLoader } from './loaders/servers.ts';

export const collections = {
	servers: defineCollection({ loader: serversLoader(process.env.TOOLRISK_CONTENT_DIR ?? 'content/servers') }),
};
