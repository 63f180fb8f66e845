/** The benchmark's Markdown report (BENCHMARKS.md) from its results (scripts/bench.ts). */
import { fmtKB, fmtMB, fmtS, percentile, table } from './measure.ts';
import { QUERIES, TOOLS_PER_SERVER, type BuildRun, type SizeResult } from './results.ts';

/** The machine a run measured on, named in the report. */
export interface Machine {
	cores: number;
	cpu: string;
	memoryBytes: number;
	/** e.g. v24.21.0 */
	node: string;
}

const perPage = (r: BuildRun | undefined, pages: number) => (r && pages ? (r.phases['render'] ?? 0) / pages : 0);
/** Rendering time added over the shards, per page: what a page costs one process (the baseline is one process). */
const processPerPage = (r: BuildRun | undefined, pages: number) =>
	r && pages ? ((r.processPhases ?? r.phases)['render'] ?? 0) / pages : 0;

/** The report for `report` (sorted by size): build phases, warm rebuilds, output and page weight, search. */
export function benchmarkReport(report: readonly SizeResult[], machine: Machine): string {
	const lines: string[] = [];
	lines.push('# Benchmarks', '');
	lines.push(
		`Measured by ${[...new Set(report.map((r) => `\`${r.command}\` (${r.date})`))].join(' and ')} on ${machine.cores} cores (${machine.cpu}), ${(machine.memoryBytes / 1024 ** 3).toFixed(0)} GiB, Node ${machine.node}. Catalogues are the real servers in \`content/servers\` plus synthetic ones generated from their measured distributions ` +
			`(\`npm run synth\`), one server per ${TOOLS_PER_SERVER.toFixed(1)} tools. The machine is shared and noisy: read ratios within a run, not absolute times.`,
		'',
	);
	lines.push('## Build', '');
	lines.push(
		'Rendering runs from the first page asking for the catalogue to the end of static generation, so it includes classification; ms/page is rendering over HTML pages. ' +
			'The JSON twins (one per tool) are written as their pages render (src/build/integrations/exports.ts); their column is the time the build still spent on them after the pages. The search index is built beside the rendering, from the moment the catalogue is ready (src/build/integrations/pagefind.ts); its column gives its whole time and, in brackets, the part the build waited for after the pages. The baseline renders one page per tool with two Shiki blocks; its ms/page is its rendering over its pages. ' +
			"A large catalogue builds in shards, one process per core (scripts/build.ts): phase times are the slowest shard's, ms/page is wall-clock rendering over pages, and process ms/page adds the shards' rendering up, which is what the ratio compares with the one-process baseline.",
		'',
	);
	lines.push(
		table(
			[
				'tools',
				'pages',
				'shards',
				'total',
				'content sync',
				'classification',
				'rendering',
				'JSON twins',
				'search index',
				'pages/s (render)',
				'ms/page',
				'process ms/page',
				'process ms/page vs first size',
				'baseline ms/page',
				'ratio (process)',
				'peak tree',
				'peak node',
				'peak pagefind',
			],
			report.map((r) => {
				const ms = perPage(r.cold, r.cold.pages);
				const processMs = processPerPage(r.cold, r.cold.pages);
				const first = processPerPage(report[0]!.cold, report[0]!.cold.pages);
				const base = r.baseline ? perPage(r.baseline, r.tools) : 0;
				const mem = r.cold.memory.byCommand;
				return [
					String(r.tools),
					String(r.cold.pages),
					String(r.cold.shards ?? 1),
					fmtS(r.cold.wallMs),
					fmtS(r.cold.phases['content'] ?? 0),
					fmtS(r.cold.phases['classification'] ?? 0),
					fmtS(r.cold.phases['render'] ?? 0),
					fmtS(r.cold.phases['exports'] ?? 0),
					r.cold.phases['search-index-wait'] === undefined
						? fmtS(r.cold.phases['search-index'] ?? 0)
						: `${fmtS(r.cold.phases['search-index'] ?? 0)} (${fmtS(r.cold.phases['search-index-wait'])})`,
					ms ? (1000 / ms).toFixed(0) : '–',
					ms.toFixed(2),
					processMs.toFixed(2),
					first ? (processMs / first).toFixed(2) : '–',
					base ? base.toFixed(2) : '–',
					base ? (processMs / base).toFixed(2) : '–',
					fmtMB(r.cold.memory.treeBytes),
					fmtMB(
						Math.max(
							0,
							...Object.entries(mem)
								.filter(([c]) => c.startsWith('node'))
								.map(([, v]) => v),
						),
					),
					fmtMB(
						Math.max(
							0,
							...Object.entries(mem)
								.filter(([c]) => c.startsWith('pagefind'))
								.map(([, v]) => v),
						),
					),
				];
			}),
		),
		'',
	);
	if (report.some((r) => r.warm)) {
		lines.push('## Rebuild after one server changed (warm) against cold', '');
		lines.push(
			table(
				['tools', 'phase', 'cold', 'warm', 'warm / cold'],
				report.flatMap((r) =>
					r.warm
						? ['content', 'classification', 'render', 'exports', 'search-index'].map((p) => {
								const c = r.cold.phases[p] ?? 0;
								const w = r.warm!.phases[p] ?? 0;
								return [String(r.tools), p, fmtS(c), fmtS(w), c ? (w / c).toFixed(2) : '–'];
							})
						: [],
				),
			),
			'',
		);
	}
	lines.push('## Output and page weight', '');
	lines.push(
		table(
			['tools', 'output', 'files'],
			report.map((r) => [String(r.tools), fmtMB(r.output.bytes), String(r.output.files)]),
		),
		'',
	);
	lines.push(
		table(
			['tools', 'page type', 'pages', 'HTML median', 'HTML p95', 'gzip median', 'gzip p95', 'CSS (gzip)', 'JS (gzip)'],
			report.flatMap((r) =>
				Object.entries(r.weights).map(([type, w]) => [
					String(r.tools),
					type,
					String(w.pages),
					fmtKB(w.html.median),
					fmtKB(w.html.p95),
					fmtKB(w.html.gzMedian),
					fmtKB(w.html.gzP95),
					`${fmtKB(w.css.median)} (${fmtKB(w.css.gz)})`,
					`${fmtKB(w.js.median)} (${fmtKB(w.js.gz)})`,
				]),
			),
		),
		'',
	);
	if (report.some((r) => r.search)) {
		const settled = (xs: readonly { settledMs?: number }[]) =>
			xs.every((x) => x.settledMs !== undefined)
				? percentile(
						xs.map((x) => x.settledMs!),
						0.5,
					).toFixed(0)
				: '–';
		lines.push('## Search (headless Chromium, localhost)', '');
		lines.push(
			`Queries: ${QUERIES.map((q) => `\`${q}\``).join(', ')}. First query: a fresh page and browser context per query; its bytes are everything fetched from \`/pagefind/\` from opening the page to the first results (the page's own HTML, CSS and JS are shown apart). Later queries: three more in the same page. Times run from submitting the query (without focusing the box first, so Pagefind starts loading only then) to the first results shown; results then refine as the rest of the first step's eight documents arrive, and "complete" is the time to the whole step.`,
			'',
		);
		lines.push(
			table(
				[
					'tools',
					'page load (median)',
					'first query bytes (median)',
					'first query ms (median)',
					'first query complete ms (median)',
					'later query bytes (median / p95)',
					'later query ms (median)',
					'later query complete ms (median)',
				],
				report
					.filter((r) => r.search)
					.map((r) => {
						const s = r.search!;
						return [
							String(r.tools),
							fmtKB(
								percentile(
									s.first.map((x) => x.pageBytes),
									0.5,
								),
							),
							fmtKB(
								percentile(
									s.first.map((x) => x.bytes),
									0.5,
								),
							),
							percentile(
								s.first.map((x) => x.ms),
								0.5,
							).toFixed(0),
							settled(s.first),
							`${fmtKB(
								percentile(
									s.later.map((x) => x.bytes),
									0.5,
								),
							)} / ${fmtKB(
								percentile(
									s.later.map((x) => x.bytes),
									0.95,
								),
							)}`,
							percentile(
								s.later.map((x) => x.ms),
								0.5,
							).toFixed(0),
							settled(s.later),
						];
					}),
			),
			'',
		);
	}
	return `${lines.join('\n')}\n`;
}
