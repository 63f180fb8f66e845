/**
 * The search page: loads Pagefind on first use, runs the query from the URL (`?q=…&risk=high…`),
 * offers filters, and keeps the state in the URL so a search can be shared. Results are built with
 * DOM text nodes only: titles and excerpts come from third-party text.
 */
export {};

interface PagefindResult {
	url: string;
	excerpt: string;
	meta: Record<string, string>;
	filters: Record<string, string[]>;
}
interface Pagefind {
	options(o: Record<string, unknown>): Promise<void>;
	search(q: string | null, o?: { filters?: Record<string, string[]> }): Promise<{ results: { data(): Promise<PagefindResult> }[]; unfilteredResultCount: number }>;
	filters(): Promise<Record<string, Record<string, number>>>;
}

const FILTER_LABELS: Record<string, string> = { risk: 'Risk level', category: 'Category', server: 'Server', signal: 'Signal' };
const FILTER_KEYS = Object.keys(FILTER_LABELS);
const PAGE_SIZE = 20;

const form = document.getElementById('search-form') as HTMLFormElement;
const input = document.getElementById('search-q') as HTMLInputElement;
const status = document.getElementById('search-status') as HTMLElement;
const list = document.getElementById('search-results') as HTMLOListElement;
const filterBox = document.getElementById('search-filters') as HTMLFieldSetElement;
const groups = document.getElementById('filter-groups') as HTMLElement;

let pagefind: Promise<Pagefind> | undefined;
function load(): Promise<Pagefind> {
	// The path is built at run time so the bundler leaves Pagefind's own file alone.
	const url = new URL('/pagefind/pagefind.js', location.href).href;
	pagefind ??= (import(/* @vite-ignore */ url) as Promise<Pagefind>).then(async (pf) => {
		await pf.options({ excerptLength: 24 });
		return pf;
	});
	return pagefind;
}

function stateFromUrl(): { q: string; filters: Record<string, string[]> } {
	const params = new URLSearchParams(location.search);
	const filters: Record<string, string[]> = {};
	for (const key of FILTER_KEYS) {
		const values = params.getAll(key).filter(Boolean);
		if (values.length > 0) filters[key] = values;
	}
	return { q: params.get('q') ?? '', filters };
}

function writeUrl(q: string, filters: Record<string, string[]>): void {
	const params = new URLSearchParams();
	if (q) params.set('q', q);
	for (const [key, values] of Object.entries(filters)) for (const v of values) params.append(key, v);
	const next = `${location.pathname}${params.size > 0 ? `?${params}` : ''}`;
	if (next !== `${location.pathname}${location.search}`) history.replaceState(null, '', next);
}

function selectedFilters(): Record<string, string[]> {
	const filters: Record<string, string[]> = {};
	for (const box of groups.querySelectorAll<HTMLInputElement>('input[type="checkbox"]:checked')) {
		(filters[box.name] ??= []).push(box.value);
	}
	return filters;
}

/** Pagefind excerpts are escaped HTML with <mark> around hits; keep the marks, turn the rest into text. */
function excerptNodes(html: string): Node[] {
	const doc = new DOMParser().parseFromString(`<p>${html}</p>`, 'text/html');
	const out: Node[] = [];
	for (const node of doc.body.firstChild?.childNodes ?? []) {
		if (node.nodeName === 'MARK') {
			const mark = document.createElement('mark');
			mark.textContent = node.textContent;
			out.push(mark);
		} else out.push(document.createTextNode(node.textContent ?? ''));
	}
	return out;
}

async function renderFilters(pf: Pagefind, active: Record<string, string[]>): Promise<void> {
	const available = await pf.filters();
	groups.replaceChildren();
	for (const key of FILTER_KEYS) {
		const values = available[key];
		if (!values || Object.keys(values).length === 0) continue;
		const fieldset = document.createElement('fieldset');
		const legend = document.createElement('legend');
		legend.textContent = FILTER_LABELS[key] ?? key;
		fieldset.append(legend);
		for (const [value, count] of Object.entries(values).sort((a, b) => a[0].localeCompare(b[0]))) {
			const label = document.createElement('label');
			const box = document.createElement('input');
			box.type = 'checkbox';
			box.name = key;
			box.value = value;
			box.checked = active[key]?.includes(value) ?? false;
			box.addEventListener('change', () => void run());
			label.append(box, document.createTextNode(` ${value} (${count})`));
			fieldset.append(label);
		}
		groups.append(fieldset);
	}
	filterBox.hidden = false;
}

let generation = 0;
async function run(): Promise<void> {
	const mine = ++generation;
	const q = input.value.trim();
	const filters = selectedFilters();
	writeUrl(q, filters);
	if (!q && Object.keys(filters).length === 0) {
		list.replaceChildren();
		status.textContent = 'Type a tool name, a server or a word such as “delete”.';
		return;
	}
	status.textContent = 'Searching…';
	const pf = await load();
	const search = await pf.search(q || null, { filters });
	const data = await Promise.all(search.results.slice(0, PAGE_SIZE).map((r) => r.data()));
	if (mine !== generation) return;
	list.replaceChildren(
		...data.map((d) => {
			const li = document.createElement('li');
			const a = document.createElement('a');
			a.href = d.url;
			a.textContent = d.meta.title ?? d.url;
			const meta = document.createElement('span');
			meta.className = 'muted';
			const risk = d.filters.risk?.[0];
			const server = d.filters.server?.[0];
			meta.textContent = [risk && `${risk} risk`, d.filters.category?.[0], server && `on ${server}`].filter(Boolean).join(' · ');
			const p = document.createElement('p');
			p.append(...excerptNodes(d.excerpt));
			li.append(a, document.createTextNode(' '), meta, p);
			return li;
		}),
	);
	const n = search.results.length;
	status.textContent = n === 0 ? 'No results.' : `${n} result${n === 1 ? '' : 's'}${n > PAGE_SIZE ? `, showing the first ${PAGE_SIZE}` : ''}.`;
}

form.addEventListener('submit', (event) => {
	event.preventDefault();
	void run();
});
let timer: number | undefined;
input.addEventListener('input', () => {
	window.clearTimeout(timer);
	timer = window.setTimeout(() => void run(), 150);
});

const initial = stateFromUrl();
input.value = initial.q;
void load().then(async (pf) => {
	await renderFilters(pf, initial.filters);
	if (initial.q || Object.keys(initial.filters).length > 0) await run();
});
