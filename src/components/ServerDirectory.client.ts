/**
 * The server directory's instant filter. Without JavaScript the directory is a plain paginated table.
 * With it, a text box, a level filter and a sort appear; the compact index of every server
 * (`data-index`, fetched once, same origin) loads on first focus or when the URL already holds a
 * filter (`?q=…&risk=…&sort=…`), and matches replace the page's rows. Esc clears the box, Enter opens
 * the first match. Rows are built with createElement and textContent only: names are third-party text.
 */
import {
	decodeIndex,
	filterRows,
	isDefault,
	parseQuery,
	queryString,
	resultMessage,
	type DirectoryData,
	type DirectoryQuery,
	type DirectoryRow,
	type Sort,
} from '../lib/present/server-filter.ts';

/** Rows rendered at most; the live region says when there are more. */
const MAX_ROWS = 200;

const root = document.getElementById('server-filter');
const input = document.getElementById('server-q') as HTMLInputElement | null;
const risk = document.getElementById('server-risk') as HTMLSelectElement | null;
const sort = document.getElementById('server-sort') as HTMLSelectElement | null;
const status = document.getElementById('server-status');
const pageRows = document.getElementById('server-rows');
const results = document.getElementById('server-results');
const pager = document.querySelector<HTMLElement>('#server-directory .pager');

let loading: Promise<DirectoryData> | undefined;
function load(): Promise<DirectoryData> {
	loading ??= fetch(root?.dataset.index ?? '/api/servers-index.json', { credentials: 'same-origin' })
		.then((r) => {
			if (!r.ok) throw new Error(`server index: HTTP ${r.status}`);
			return r.json();
		})
		.then(decodeIndex);
	loading.catch(() => {
		loading = undefined;
	});
	return loading;
}

function current(): DirectoryQuery {
	return { q: input?.value ?? '', risk: risk?.value ?? '', sort: (sort?.value ?? 'name') as Sort };
}

function nameNode(row: DirectoryRow): DocumentFragment {
	const out = document.createDocumentFragment();
	for (const part of typeof row.name === 'string' ? [row.name] : row.name) {
		if (typeof part === 'string') {
			out.append(document.createTextNode(part));
		} else {
			const marker = document.createElement('span');
			marker.className = 'hidden-char';
			marker.title = 'invisible character';
			marker.textContent = part[0];
			out.append(marker);
		}
	}
	return out;
}

function rowElement(row: DirectoryRow): HTMLTableRowElement {
	const tr = document.createElement('tr');
	const name = document.createElement('td');
	const link = document.createElement('a');
	link.href = `/servers/${encodeURIComponent(row.slug)}/`;
	link.append(nameNode(row));
	name.append(link);
	tr.append(name);
	for (const value of [String(row.tools), ...row.counts.map(String), row.obtained]) {
		const td = document.createElement('td');
		td.textContent = value;
		tr.append(td);
	}
	return tr;
}

function showPage(on: boolean): void {
	if (pageRows) pageRows.hidden = !on;
	if (results) results.hidden = on;
	if (pager) pager.hidden = !on;
}

let generation = 0;
/** Applies the controls: writes the URL, then shows the page's own rows or the matches. */
async function apply(): Promise<DirectoryRow[]> {
	const query = current();
	const next = `${location.pathname}${queryString(query)}`;
	if (next !== `${location.pathname}${location.search}`) history.replaceState(null, '', next);
	const mine = ++generation;
	if (isDefault(query)) {
		showPage(true);
		if (status) status.textContent = '';
		return [];
	}
	let dir: DirectoryData;
	try {
		if (status && !loading) status.textContent = 'Loading the server list…';
		dir = await load();
	} catch {
		if (mine === generation && status) status.textContent = 'The server list could not be loaded; the pages below still work.';
		return [];
	}
	if (mine !== generation) return [];
	const matches = filterRows(dir, query);
	const shown = matches.slice(0, MAX_ROWS);
	results?.replaceChildren(...shown.map(rowElement));
	showPage(false);
	if (status) status.textContent = resultMessage(shown.length, matches.length, dir.rows.length);
	return matches;
}

if (root && input && risk && sort) {
	const levels = [...risk.options].map((o) => o.value).filter(Boolean);
	const initial = parseQuery(location.search, levels);
	input.value = initial.q;
	risk.value = initial.risk;
	sort.value = initial.sort;
	root.hidden = false;
	for (const control of [input, risk, sort]) control.addEventListener('focus', () => void load().catch(() => undefined), { once: true });
	input.addEventListener('input', () => void apply());
	risk.addEventListener('change', () => void apply());
	sort.addEventListener('change', () => void apply());
	input.addEventListener('keydown', (event) => {
		if (event.key === 'Escape' && input.value !== '') {
			event.preventDefault();
			input.value = '';
			void apply();
		} else if (event.key === 'Enter') {
			event.preventDefault();
			void apply().then((matches) => {
				const first = matches[0];
				if (first && input.value.trim() !== '') location.assign(`/servers/${encodeURIComponent(first.slug)}/`);
			});
		}
	});
	if (!isDefault(initial)) void apply();
}
