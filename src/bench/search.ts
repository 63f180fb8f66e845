/**
 * Search as a reader meets it, for the benchmark (scripts/bench.ts): the built site served on loopback
 * by a server that counts the bytes it sends, and queries typed into the search page in headless
 * Chromium.
 */
import { existsSync, createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join } from 'node:path';
import { QUERIES, type SearchResult } from './results.ts';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript',
	'.css': 'text/css',
	'.json': 'application/json',
	'.wasm': 'application/wasm',
	'.svg': 'image/svg+xml',
	'.xml': 'application/xml',
};

/** A static file server on loopback that counts the bytes it sends (all, and under /pagefind/). */
export function serve(dist: string): Promise<{ server: Server; port: number; sent: () => number; sentSearch: () => number }> {
	let bytes = 0;
	let search = 0;
	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		let path = join(dist, decodeURIComponent(url.pathname));
		if (!path.startsWith(dist)) return void res.writeHead(403).end();
		if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
		if (!existsSync(path)) return void res.writeHead(404).end();
		const size = statSync(path).size;
		bytes += size;
		if (url.pathname.startsWith('/pagefind/')) search += size;
		res.writeHead(200, {
			'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
			'Content-Length': size,
			'Cache-Control': 'no-cache',
		});
		createReadStream(path).pipe(res);
	});
	return new Promise((done) =>
		server.listen(0, '127.0.0.1', () =>
			done({ server, port: (server.address() as { port: number }).port, sent: () => bytes, sentSearch: () => search }),
		),
	);
}

/** Search in headless Chromium: for each query a fresh page (first query), then the other queries in that page (later queries). */
export async function measureSearch(dist: string): Promise<SearchResult> {
	const { chromium } = await import('@playwright/test');
	const executablePath = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium'].find((p) => p && existsSync(p));
	const browser = await chromium.launch({
		...(executablePath && { executablePath }),
		args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu'],
	});
	const { server, port, sent, sentSearch } = await serve(dist);
	const result: SearchResult = { first: [], later: [] };
	try {
		for (const [i, q] of QUERIES.entries()) {
			const context = await browser.newContext();
			const page = await context.newPage();
			const before = sent();
			const beforeSearch = sentSearch();
			await page.goto(`http://127.0.0.1:${port}/search/`, { waitUntil: 'networkidle' });
			const pageBytes = sent() - before - (sentSearch() - beforeSearch);
			const timed = async (query: string) => {
				const start = sent();
				// The page shows hits as each document of a step arrives ("Searching… 3 found so far."),
				// then the complete step ("20 results, best first …"): both moments are timed.
				const { ms, settledMs } = await page.evaluate(async (text) => {
					const input = document.getElementById('search-q') as HTMLInputElement;
					const status = document.getElementById('search-status')!;
					const list = document.getElementById('search-results')!;
					const t0 = performance.now();
					let firstMs: number | undefined;
					const done = new Promise<{ ms: number; settledMs: number }>((resolveDone) => {
						const observer = new MutationObserver(() => {
							const said = status.textContent ?? '';
							const none = /No results/.test(said);
							const settled = none || /\d+ results?,/.test(said);
							if (firstMs === undefined && (none || (list.children.length > 0 && (settled || /[1-9]\d* found so far/.test(said)))))
								firstMs = performance.now() - t0;
							if (settled && firstMs !== undefined) {
								observer.disconnect();
								resolveDone({ ms: firstMs, settledMs: performance.now() - t0 });
							}
						});
						observer.observe(status, { childList: true, characterData: true, subtree: true });
					});
					input.value = text;
					(document.getElementById('search-form') as HTMLFormElement).requestSubmit();
					return done;
				}, query);
				await page.waitForLoadState('networkidle');
				return { bytes: sent() - start, ms, settledMs };
			};
			const first = await timed(q);
			result.first.push({ ms: first.ms, settledMs: first.settledMs, bytes: sentSearch() - beforeSearch, pageBytes });
			for (const other of QUERIES.filter((_, j) => j !== i).slice(0, 3)) result.later.push(await timed(other));
			await context.close();
		}
	} finally {
		await browser.close();
		server.close();
	}
	return result;
}
