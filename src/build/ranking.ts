/**
 * The ranking of the most used MCP servers (content/ranking/most-used.json), read once per build and
 * validated: its schema, and that every server it calls catalogued is in the catalogue. A build of
 * another content folder (TOOLRISK_CONTENT_DIR: fixtures, benchmarks) reads no ranking unless
 * TOOLRISK_RANKING names one.
 */
import { readFileSync } from 'node:fs';
import { checkCatalogued, parseRanking, rankingFacts, type RankingFacts, type RankingFile } from '../lib/content/ranking.ts';
import { DataError } from '../lib/content/errors.ts';

/** The ranking file this build reads, or undefined. */
export const RANKING_FILE: string | undefined =
	process.env.TOOLRISK_RANKING ?? (process.env.TOOLRISK_CONTENT_DIR ? undefined : 'content/ranking/most-used.json');

let cached: RankingFile | null | undefined;

/** The validated ranking, or null when this build reads none. */
export function getRanking(): RankingFile | null {
	if (cached !== undefined) return cached;
	if (RANKING_FILE === undefined) return (cached = null);
	let input: unknown;
	try {
		input = JSON.parse(readFileSync(RANKING_FILE, 'utf8'));
	} catch (error) {
		throw new DataError(RANKING_FILE, [`(root): expected a readable JSON file (${(error as Error).message})`]);
	}
	return (cached = parseRanking(input, RANKING_FILE));
}

/** Popularity and identity by catalogued slug, after checking every catalogued slug is a server of this build. */
export function rankingFactsFor(slugs: ReadonlySet<string>): Map<string, RankingFacts> | undefined {
	const ranking = getRanking();
	if (!ranking) return undefined;
	checkCatalogued(ranking, slugs, RANKING_FILE!);
	return rankingFacts(ranking);
}
