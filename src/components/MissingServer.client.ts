/**
 * Fills the "not catalogued yet" section: on the not-found page when the path is a server page, and on
 * the search page when a query names no catalogued server (`showMissing`, `hideMissing`). Text only
 * (textContent): the name comes from the address bar or the search box, the ranking from our own index.
 */
import { classifyCommand, findRanked, requestedServer, requestUrl, type RankingIndex } from '../lib/present/missing-server.ts';
import { visibleNodes } from '../lib/text/visible-text.ts';

let index: Promise<RankingIndex | undefined> | undefined;
/** Which call is current: a later one (the reader typed on) wins over an earlier one still loading. */
let generation = 0;

async function loadIndex(url: string): Promise<RankingIndex | undefined> {
	try {
		const r = await fetch(url, { credentials: 'same-origin' });
		if (!r.ok) return undefined;
		const data = (await r.json()) as RankingIndex;
		return data && data.version === 1 && Array.isArray(data.servers) ? data : undefined;
	} catch {
		return undefined;
	}
}

function set(id: string, text: string): void {
	const el = document.getElementById(id);
	if (el) el.textContent = text;
}
function show(id: string, visible: boolean): void {
	const el = document.getElementById(id);
	if (el) el.hidden = !visible;
}

/** Hides the section (a query that found a catalogued server). */
export function hideMissing(): void {
	generation++;
	const root = document.getElementById('missing-server');
	if (root) root.hidden = true;
}

/** Shows the section for `requested`: the request link at once, then what the ranking knows about it. */
export function showMissing(requested: string): void {
	const root = document.getElementById('missing-server');
	if (!root) return;
	const mine = ++generation;
	const repository = root.dataset.repository ?? '';
	// Typed or pasted text: invisible and bidirectional characters show as markers.
	document.getElementById('missing-name')?.replaceChildren(...visibleNodes(requested, document));
	show('missing-ranked', false);
	show('missing-catalogued', false);
	show('missing-ask', true);
	show('missing-command-block', true);
	root.hidden = false;
	const request = document.getElementById('missing-request') as HTMLAnchorElement | null;
	if (request && repository) request.href = requestUrl(repository, requested, undefined);
	index ??= loadIndex(root.dataset.index ?? '/api/ranking.json');
	void index.then((loaded) => {
		if (mine !== generation) return;
		const ranked = findRanked(loaded, requested);
		set('missing-command', classifyCommand(ranked));
		if (request && repository) request.href = requestUrl(repository, requested, ranked);
		if (!ranked) return;
		if (ranked.catalogued) {
			const link = document.getElementById('missing-link') as HTMLAnchorElement | null;
			if (link) {
				link.href = `/servers/${encodeURIComponent(ranked.catalogued)}/`;
				link.textContent = ranked.name;
			}
			show('missing-catalogued', true);
			// Catalogued after all: no request to make, nothing to classify locally.
			show('missing-ask', false);
			show('missing-command-block', false);
			return;
		}
		set(
			'missing-ranked',
			`The ranking of the most used MCP servers (as of ${loaded!.asOf}) knows it: #${ranked.rank} ${ranked.name}, ${
				ranked.official ? 'official' : 'community'
			} (${ranked.vendor}); ${ranked.evidence}. Its tool definitions are not in the catalogue yet (to obtain them: ${ranked.howToObtain}).`,
		);
		show('missing-ranked', true);
	});
}

const requested = requestedServer(location.pathname);
if (requested) showMissing(requested);
