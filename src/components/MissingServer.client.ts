/**
 * Fills the not-found page's "not catalogued yet" section when the path is a server page. Text only
 * (textContent): the name comes from the address bar and the ranking from our own index.
 */
import { classifyCommand, findRanked, requestedServer, requestUrl, type RankingIndex } from '../lib/present/missing-server.ts';

const root = document.getElementById('missing-server');
const requested = requestedServer(location.pathname);

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

if (root && requested) {
	const repository = root.dataset.repository ?? '';
	set('missing-name', requested);
	root.hidden = false;
	const request = document.getElementById('missing-request') as HTMLAnchorElement | null;
	if (request && repository) request.href = requestUrl(repository, requested, undefined);
	void loadIndex(root.dataset.index ?? '/api/ranking.json').then((index) => {
		const ranked = findRanked(index, requested);
		set('missing-command', classifyCommand(ranked));
		if (request && repository) request.href = requestUrl(repository, requested, ranked);
		if (!ranked) return;
		if (ranked.catalogued) {
			const link = document.getElementById('missing-link') as HTMLAnchorElement | null;
			if (link) {
				link.href = `/servers/${encodeURIComponent(ranked.catalogued)}/`;
				link.textContent = ranked.name;
			}
			const p = document.getElementById('missing-catalogued');
			if (p) p.hidden = false;
			// Catalogued after all: no request to make, nothing to classify locally.
			set('missing-heading', 'Catalogued under another address:');
			for (const id of ['missing-ask', 'missing-command-block']) {
				const el = document.getElementById(id);
				if (el) el.hidden = true;
			}
			return;
		}
		const p = document.getElementById('missing-ranked');
		if (p) {
			p.textContent = `The ranking of the most used MCP servers (as of ${index!.asOf}) knows it: #${ranked.rank} ${ranked.name}, ${
				ranked.official ? 'official' : 'community'
			} (${ranked.vendor}); ${ranked.evidence}. Its tool definitions are not in the catalogue yet (to obtain them: ${ranked.howToObtain}).`;
			p.hidden = false;
		}
	});
}
