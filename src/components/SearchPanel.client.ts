/**
 * The search page. Pagefind loads on first use (focus on the box, or a query in the URL), never with
 * the page. Each server is one search document with its tools as sub-results (src/lib/present/search-index.ts),
 * so results are the best-matching tools across the best-matching servers, plus servers and attack
 * entries that match by name. Risk and category filters narrow the servers in Pagefind and the tools
 * here. The state lives in the URL (`?q=…&risk=high…`). Results are built from DOM text nodes only:
 * titles and excerpts are third-party text.
 */
import {
	FILTER_KEYS,
	gatherHits,
	PAGEFIND_OPTIONS,
	parseQuery,
	type FilterKey,
	type Filters,
	type Hit,
	type PagefindDocument,
	type Query,
} from '../lib/present/search-rank.ts';
import { notCatalogued } from '../lib/present/search-rank.ts';
import { visibleNodes } from '../lib/text/visible-text.ts';
import { hideMissing, showMissing } from './MissingServer.client.ts';

interface PagefindHit {
	score: number;
	data(): Promise<PagefindDocument>;
}
interface Pagefind {
	options(o: Record<string, unknown>): Promise<void>;
	init(): Promise<void>;
	search(q: string, o?: { filters?: Record<string, { any: string[] }> }): Promise<{ results: PagefindHit[] }>;
}

const PAGE_SIZE = 20;

const form = document.getElementById('search-form') as HTMLFormElement;
const input = document.getElementById('search-q') as HTMLInputElement;
const status = document.getElementById('search-status') as HTMLElement;
const list = document.getElementById('search-results') as HTMLOListElement;
const more = document.getElementById('search-more') as HTMLButtonElement;
const boxes = [...document.querySelectorAll<HTMLInputElement>('#search-filters input[type="checkbox"]')];
const filterBox = document.getElementById('search-filter-box') as HTMLDetailsElement;
/** Wide screens show the filters beside the results; narrow ones fold them away unless one is set. */
const wide = window.matchMedia('(min-width: 48rem)');
const foldFilters = () => {
	filterBox.open = wide.matches || boxes.some((b) => b.checked);
};
wide.addEventListener('change', foldFilters);
/** Labels of levels and categories, from the filter boxes the page rendered (one source: the taxonomy). */
const labels = new Map(boxes.map((b) => [`${b.name}:${b.value}`, b.dataset.label ?? b.value]));
const isLevel = (s: string): s is string => labels.has(`risk:${s}`);
const isCategory = (s: string): s is string => labels.has(`category:${s}`);
const vocabulary = { isLevel, isCategory };

let pagefind: Promise<Pagefind> | undefined;
function load(): Promise<Pagefind> {
	// The path is built at run time so the bundler leaves Pagefind's own file alone.
	const url = new URL('/pagefind/pagefind.js', location.href).href;
	pagefind ??= (import(/* @vite-ignore */ url) as Promise<Pagefind>).then(async (pf) => {
		await pf.options({ ...PAGEFIND_OPTIONS });
		return pf;
	});
	return pagefind;
}

function selectedFilters(): Filters {
	const out = { risk: [] as string[], category: [] as string[] };
	for (const b of boxes) if (b.checked) out[b.name as FilterKey].push(b.value);
	return out;
}

function writeUrl(q: string, filters: Filters): void {
	const params = new URLSearchParams();
	if (q) params.set('q', q);
	for (const key of FILTER_KEYS) for (const v of filters[key]) params.append(key, v);
	const next = `${location.pathname}${params.size > 0 ? `?${params}` : ''}`;
	if (next !== `${location.pathname}${location.search}`) history.replaceState(null, '', next);
}

/** Pagefind excerpts are escaped HTML with <mark> around hits; keep the marks, turn the rest into text. */
function excerptNodes(html: string): Node[] {
	const doc = new DOMParser().parseFromString(`<p>${html}</p>`, 'text/html');
	const out: Node[] = [];
	for (const node of doc.body.firstChild?.childNodes ?? []) {
		if (node.nodeName === 'MARK') {
			const mark = document.createElement('mark');
			mark.append(...visibleNodes(node.textContent ?? '', document));
			out.push(mark);
		} else out.push(...visibleNodes(node.textContent ?? '', document));
	}
	return out;
}

/** The line under a hit's title: what it is, and for a tool its level, category and server. */
function metaOf(h: Hit): string {
	if (h.kind === 'attack') return 'attack database';
	if (h.kind === 'server') return 'server';
	return `${labels.get(`risk:${h.level}`) ?? h.level} risk · ${labels.get(`category:${h.category}`) ?? h.category} · on ${h.server}`;
}

function item(h: Hit): HTMLLIElement {
	const li = document.createElement('li');
	const a = document.createElement('a');
	a.href = h.url;
	a.append(...visibleNodes(h.title, document));
	const meta = document.createElement('span');
	meta.className = 'muted';
	meta.append(...visibleNodes(metaOf(h), document));
	const p = document.createElement('p');
	p.append(...excerptNodes(h.excerpt));
	li.append(a, document.createTextNode(' '), meta, p);
	return li;
}

let generation = 0;
/** One query's state: Pagefind's results, how many were requested, the hits read so far, and how many to show. */
let current: { results: PagefindHit[]; read: number; hits: Hit[]; want: number; filters: Filters; query: Query } | undefined;

/**
 * Reads search documents until there are `want` hits or none are left. Hits show as each document
 * arrives, so the first results do not wait for the slowest fragment of a step; the list is marked
 * busy until the step is complete, and the status says how many are final.
 */
async function fill(mine: number): Promise<void> {
	const c = current!;
	await gatherHits(c.results, c, vocabulary, () => {
		if (mine !== generation) return false;
		show(false);
		return true;
	});
}

/** Shows the best hits so far; `final` once every requested document has been read. */
function show(final: boolean): void {
	const c = current!;
	const n = Math.min(c.want, c.hits.length);
	list.replaceChildren(...c.hits.slice(0, n).map(item));
	list.setAttribute('aria-busy', String(!final));
	if (!final) {
		status.textContent = `Searching… ${n} found so far.`;
		more.hidden = true;
		return;
	}
	const total = `${c.results.length} matching ${c.results.length === 1 ? 'page' : 'pages'}`;
	const from = c.read < c.results.length ? `, from the first ${c.read} of ${total}` : '';
	status.textContent = n === 0 ? 'No results.' : `${n} result${n === 1 ? '' : 's'}, best first${from}.`;
	if (notCatalogued(c.query.text, c.hits)) showMissing(c.query.text);
	else hideMissing();
	more.hidden = !(c.read < c.results.length || n < c.hits.length);
}

async function run(): Promise<void> {
	const mine = ++generation;
	const q = input.value.trim();
	const filters = selectedFilters();
	writeUrl(q, filters);
	more.hidden = true;
	if (!q) {
		hideMissing();
		list.replaceChildren();
		list.setAttribute('aria-busy', 'false');
		current = undefined;
		status.textContent =
			filters.risk.length + filters.category.length > 0
				? 'Type a word to search within the filters, or browse the risk and category pages.'
				: 'Type a tool name, a server or a word such as “delete”.';
		return;
	}
	status.textContent = 'Searching…';
	const pf = await load();
	const pfFilters: Record<string, { any: string[] }> = {};
	for (const key of FILTER_KEYS) if (filters[key].length > 0) pfFilters[key] = { any: filters[key] };
	const search = await pf.search(q, { filters: pfFilters });
	if (mine !== generation) return;
	current = { results: search.results, read: 0, hits: [], want: PAGE_SIZE, filters, query: parseQuery(q) };
	await fill(mine);
	if (mine === generation) show(true);
}

more.addEventListener('click', async () => {
	if (!current) return;
	const mine = generation;
	current.want = Math.min(current.want, current.hits.length) + PAGE_SIZE;
	await fill(mine);
	if (mine === generation) show(true);
});
form.addEventListener('submit', (event) => {
	event.preventDefault();
	void run();
});
for (const b of boxes) b.addEventListener('change', () => void run());
let timer: number | undefined;
input.addEventListener('input', () => {
	window.clearTimeout(timer);
	timer = window.setTimeout(() => void run(), 150);
});
// First use: focusing the box starts loading Pagefind and its index metadata, so the first query
// does not wait for them.
input.addEventListener('focus', () => void load().then((pf) => pf.init()), { once: true });

const params = new URLSearchParams(location.search);
input.value = params.get('q') ?? '';
for (const b of boxes) b.checked = params.getAll(b.name).includes(b.value);
foldFilters();
if (input.value || boxes.some((b) => b.checked)) void run();
