import type { APIRoute } from 'astro';
import { PATHS } from '../lib/exports/paths.ts';
import { robotsTxt } from '../lib/present/sitemap.ts';

export const GET: APIRoute = ({ site }) =>
	new Response(robotsTxt(site!, PATHS.sitemapIndex), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
