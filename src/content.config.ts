/**
 * Content collections. `servers` loads `content/servers/*.json` (or the folder named by
 * TOOLRISK_CONTENT_DIR, for generated benchmark catalogues) through the same schema the import and
 * scan commands write with; a bad file fails the build with its path, field and expectation. The
 * data store keeps a summary of each server; the validated file goes to the build cache.
 * `attacks` loads `content/attacks/*.mdx`; its frontmatter schema names every category, signal and
 * control from the taxonomy, so a typo fails the build with the file and the field.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { attackSchema } from './lib/content/attack.ts';
import { BUILD_CACHE_DIR } from './build/cache.ts';
import { serversLoader } from './build/servers-loader.ts';

export const collections = {
	servers: defineCollection({ loader: serversLoader(process.env.TOOLRISK_CONTENT_DIR ?? 'content/servers', BUILD_CACHE_DIR) }),
	attacks: defineCollection({
		loader: glob({ pattern: '[^_]*.mdx', base: process.env.TOOLRISK_ATTACKS_DIR ?? 'content/attacks' }),
		schema: attackSchema,
	}),
};
