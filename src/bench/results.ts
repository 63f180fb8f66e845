/**
 * What the benchmark (scripts/bench.ts) measures and keeps in `<work>/results.json`: one SizeResult per
 * catalogue size, each with its builds, output, page weights and search timings. Fields marked
 * "absent before ..." are missing in results of older runs, which `--merge` still reads.
 */

/** The largest public catalogue: ~220,000 tools on ~9,000 servers (issue 5). */
export const TOOLS_PER_SERVER = 250_000 / 9_000;

/** The search queries, timed in the browser. */
export const QUERIES = [
	'send',
	'delete',
	'github',
	'file',
	'payment',
	'query database',
	'slack message',
	'create issue',
	'browser',
	'token',
];

export interface BuildRun {
	wallMs: number;
	/** Wall time per phase: the slowest shard's. */
	phases: Record<string, number>;
	/** Time per phase added over the shards; absent in results from before sharding. */
	processPhases?: Record<string, number>;
	shards?: number;
	pages: number;
	memory: { treeBytes: number; byCommand: Record<string, number> };
	exitCode: number;
	/** The file holding the run's output. */
	log: string;
}

export interface Weights {
	pages: number;
	html: { median: number; p95: number; gzMedian: number; gzP95: number };
	css: { median: number; gz: number };
	js: { median: number; gz: number };
}

export interface SearchResult {
	/** bytes: everything under /pagefind/ from opening the page to the first results; pageBytes: the page's own HTML, CSS and JS. */
	/** `ms`: to the first results shown; `settledMs`: to the complete first step (absent in results from before results streamed in). */
	first: { bytes: number; ms: number; settledMs?: number; pageBytes: number }[];
	later: { bytes: number; ms: number; settledMs?: number }[];
}

export interface SizeResult {
	/** The command that measured this size (runs can be merged with --merge). */
	command: string;
	date: string;
	tools: number;
	servers: number;
	generateMs: number;
	cold: BuildRun;
	warm?: BuildRun;
	baseline?: BuildRun;
	output: { bytes: number; files: number };
	weights: Record<string, Weights>;
	search?: SearchResult;
}
