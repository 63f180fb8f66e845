/**
 * The stack checker's report, loaded by `stack-check.ts` on the first Check: reads the pasted
 * configuration, fetches the catalogue index (one same-origin GET without a body, identical for every
 * visitor) and renders the report. The pasted text never leaves the page and is never stored.
 * Everything shown is built with createElement and text nodes: entry names, commands and server names
 * are all someone else's text, and their invisible and bidirectional characters show as `U+…` markers
 * (visibleNodes), so a pasted name cannot reverse or hide part of a line.
 */
import { readConfig } from '../lib/stack/config.ts';
import { checkStack, type EntryResult, type LegSupplier, type StackReport } from '../lib/stack/match.ts';
import { policyDownloads, toolHref, unitFacts, type StackIndex, type StackServer, type StackUnit } from '../lib/stack/index.ts';
import { wrapConfiguration, type WrapResult } from '../lib/stack/wrap.ts';
import { zipStore } from '../lib/stack/zip.ts';
import { visibleNodes } from '../lib/text/visible-text.ts';

/** Tools listed per group before "and N more". */
const SHOWN = 12;
const TRIFECTA = 'https://simonwillison.net/2025/Jun/16/the-lethal-trifecta/';

type Child = Node | string | null | undefined | false;

function el<K extends keyof HTMLElementTagNameMap>(
	tag: K,
	attrs: Record<string, string> = {},
	...children: Child[]
): HTMLElementTagNameMap[K] {
	const node = document.createElement(tag);
	for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
	for (const c of children)
		if (c !== null && c !== undefined && c !== false) node.append(...(typeof c === 'string' ? visibleNodes(c, document) : [c]));
	return node;
}

function fragment(...children: Child[]): DocumentFragment {
	const f = document.createDocumentFragment();
	for (const c of children)
		if (c !== null && c !== undefined && c !== false) f.append(...(typeof c === 'string' ? visibleNodes(c, document) : [c]));
	return f;
}

const link = (href: string, text: string) => el('a', { href }, text);
const code = (text: string) => el('code', {}, text);
const serverLink = (s: StackServer) => link(`/servers/${s.slug}/`, s.name);

let indexPromise: Promise<StackIndex> | undefined;
function loadIndex(): Promise<StackIndex> {
	indexPromise ??= fetch('/api/stack-index.json', { credentials: 'omit' }).then(async (r) => {
		if (!r.ok) throw new Error(`the catalogue index answered ${r.status}`);
		const index = (await r.json()) as StackIndex;
		if (index.version !== 1 || !Array.isArray(index.servers)) throw new Error('the catalogue index has an unexpected format');
		return index;
	});
	indexPromise.catch(() => (indexPromise = undefined));
	return indexPromise;
}

/** A comma-separated run of tool links, capped. */
function toolLinks(server: StackServer, unit: StackUnit, indexes: readonly number[]): DocumentFragment {
	const frag = document.createDocumentFragment();
	indexes.slice(0, SHOWN).forEach((i, n) => {
		if (n > 0) frag.append(', ');
		frag.append(el('a', { href: toolHref(server.slug, unit, i) }, code(unit.tools[i] ?? '')));
	});
	if (indexes.length > SHOWN) frag.append(` and ${indexes.length - SHOWN} more`);
	return frag;
}

function section(id: string, title: string, ...children: Child[]): HTMLElement {
	return el('section', { 'aria-labelledby': id }, el('h2', { id, tabindex: '-1' }, title), ...children);
}

function unitLabel(s: StackServer, u: StackUnit): string {
	return s.units.length > 1 ? ` (sub-server ${u.id})` : '';
}

function legList(suppliers: readonly LegSupplier[]): HTMLElement {
	if (suppliers.length === 0) return el('p', {}, 'None of the matched servers supplies this.');
	return el(
		'ul',
		{},
		...suppliers.map((l) =>
			el('li', {}, serverLink(l.server), unitLabel(l.server, l.unit), ` (entry “${l.entry}”): `, toolLinks(l.server, l.unit, l.tools)),
		),
	);
}

function capabilitiesSection(index: StackIndex, report: StackReport): HTMLElement {
	const label = (id: string) => index.capabilities.find((c) => c.id === id)?.label ?? id;
	const parts: Child[] = [];
	const missing = index.capabilities.filter((c) => report.legs[c.id].length === 0);
	if (report.trifecta) {
		parts.push(
			el(
				'div',
				{ class: 'stack-callout', id: 'stack-trifecta' },
				el(
					'p',
					{},
					el('strong', {}, 'Lethal trifecta: this setup combines all three legs.'),
					' ',
					`It can read private data, it reads content others wrote, and it can send data out. One instruction hidden in a web page, an email or an issue can make the agent collect your data and send it to an attacker (`,
					link(TRIFECTA, 'Simon Willison, “The lethal trifecta”'),
					').',
				),
			),
		);
	} else {
		parts.push(
			el(
				'p',
				{ class: 'stack-ok' },
				`The matched servers do not complete the lethal trifecta: nothing supplies ${missing.map((c) => label(c.id).toLowerCase()).join(' or ')}.`,
				report.unknown > 0
					? ` But ${report.unknown} unknown server${report.unknown === 1 ? '' : 's'} may supply ${missing.length === 1 ? 'it' : 'them'}.`
					: '',
			),
		);
	}
	for (const c of index.capabilities) {
		parts.push(el('h3', { id: `stack-leg-${c.id}` }, c.label), el('p', { class: 'muted' }, c.why), legList(report.legs[c.id]));
	}
	if (report.trifecta) {
		// Advice names only tools the recommended policy leaves usable: what it already denies needs no advice.
		const open = (legs: readonly LegSupplier[]) =>
			legs.map((l) => ({ ...l, tools: l.tools.filter((i) => !l.unit.deny.includes(i)) })).filter((l) => l.tools.length > 0);
		const out = open(report.legs['outbound']);
		const untrusted = open(report.legs['untrusted-content']);
		const private_ = open(report.legs['private-data']);
		const list = (legs: readonly LegSupplier[]) =>
			legs.flatMap((l, n) => [
				n > 0 ? '; ' : '',
				serverLink(l.server),
				unitLabel(l.server, l.unit),
				': ',
				toolLinks(l.server, l.unit, l.tools),
			]);
		const broken = out.length === 0 || untrusted.length === 0 || private_.length === 0;
		parts.push(el('h3', { id: 'stack-break' }, 'Break the chain'));
		if (broken) {
			parts.push(
				el(
					'p',
					{ id: 'stack-broken' },
					'Behind the gateway with the recommended policies below, the chain is already broken: every tool that supplies ',
					out.length === 0 ? 'a way out' : untrusted.length === 0 ? 'untrusted content' : 'private data',
					' here is denied. Keep those tools denied.',
				),
			);
		} else {
			parts.push(
				el(
					'p',
					{},
					'The recommended policies below leave all three legs open (they deny destructive and financial tools, not these). Rate limits do not help here: one call is enough to send data out. Remove one leg, in order of what usually costs least:',
				),
				el(
					'ol',
					{ id: 'stack-advice' },
					el(
						'li',
						{},
						'Deny the outbound tools (or have a person approve each call): ',
						...list(out),
						'. In the composer on each server page, set them to Deny.',
					),
					el('li', {}, 'Or deny the tools that bring in untrusted content: ', ...list(untrusted), '.'),
					el(
						'li',
						{},
						"Or, where your gateway has them, flow rules: after the agent reads untrusted content, outbound tools need approval for the rest of the session. Restricting URL arguments to hosts you trust (the composer's URL hosts) closes the channel through agent-chosen addresses.",
					),
				),
			);
		}
	}
	if (report.unknown > 0)
		parts.push(
			el(
				'p',
				{},
				`${report.unknown} enabled server${report.unknown === 1 ? ' is' : 's are'} not in the catalogue; ${report.unknown === 1 ? 'it' : 'they'} may supply any leg. See the unknown servers below.`,
			),
		);
	return section('stack-capabilities', 'Combined capabilities', ...parts);
}

function levelsText(index: StackIndex, units: readonly StackUnit[]): string {
	const total = units.reduce((n, u) => n + u.tools.length, 0);
	const counts = index.levels
		.map((l, i) => [l, units.reduce((n, u) => n + (u.levels[i] ?? 0), 0)] as const)
		.reverse()
		.filter(([, n]) => n > 0)
		.map(([l, n]) => `${n} ${l.label.toLowerCase()}`);
	return `${total} tool${total === 1 ? '' : 's'}${counts.length > 0 ? `: ${counts.join(', ')}` : ''}.`;
}

function matchedEntry(index: StackIndex, r: EntryResult): HTMLElement {
	const m = r.match!;
	const e = r.entry;
	const s = m.server;
	const parts: Child[] = [
		el('h3', {}, `“${e.name}” is `, serverLink(s), e.disabled ? ' (disabled in this configuration; not counted)' : ''),
		el(
			'p',
			{},
			m.by === 'url'
				? fragment('Matched by address ', code(e.url ?? ''), '. ')
				: fragment('Matched by ', e.kind === 'oci' ? 'image ' : `${e.kind} package `, code(e.package ?? ''), '. '),
			levelsText(index, m.units),
		),
	];
	if (m.cataloguedVersion !== undefined) {
		parts.push(
			el(
				'p',
				m.versionWarning ? { class: 'stack-warn' } : {},
				`Version: configured ${e.version ?? 'none'}, catalogued ${m.cataloguedVersion}`,
				m.versionWarning ? ` (warning: ${m.versionWarning}).` : ' (the same).',
			),
		);
	}
	if (s.units.length > 1) {
		parts.push(
			el(
				'p',
				{},
				m.units.length === s.units.length
					? `This entry ships ${s.units.length} separate sub-servers and the configuration does not say which one it runs; all are counted.`
					: `Runs the sub-server ${m.units.map((u) => u.id).join(', ')}.`,
			),
		);
	}
	const policies = el('ul', {});
	for (const u of m.units) {
		const d = policyDownloads(s.slug, u.id);
		policies.append(
			el(
				'li',
				{},
				`Whole-server policy${unitLabel(s, u)}: `,
				link(d.intercept, 'Intercept YAML'),
				', ',
				link(d.policylayer, 'PolicyLayer JSON'),
			),
		);
	}
	parts.push(el('p', {}, 'Policies to apply (tools they do not name are denied):'), policies);
	// What the recommended policy already does, as a fact: no advice repeats it.
	const does = el('ul', {});
	for (const u of m.units) {
		if (u.deny.length > 0) does.append(el('li', {}, `Denies${unitLabel(s, u)}: `, toolLinks(s, u, u.deny)));
		if (u.limit.length > 0) does.append(el('li', {}, `Rate-limits${unitLabel(s, u)}: `, toolLinks(s, u, u.limit)));
	}
	if (does.childElementCount > 0) parts.push(el('p', {}, 'The recommended policy already:'), does);
	else parts.push(el('p', {}, 'Every tool only reads; the policy allows them and denies anything the server adds later.'));
	return el('div', { class: 'stack-entry' }, ...parts);
}

function unknownEntry(r: EntryResult): HTMLElement {
	const e = r.entry;
	const facts = el('ul', {});
	if (e.command) facts.append(el('li', {}, 'Command: ', code(e.command)));
	if (e.package)
		facts.append(
			el(
				'li',
				{},
				e.kind === 'oci' ? 'Image: ' : `${e.kind === 'npm' ? 'npm' : 'PyPI'} package: `,
				code(e.package),
				e.version ? ` (version ${e.version})` : '',
			),
		);
	if (e.url) facts.append(el('li', {}, 'Address: ', code(e.url)));
	if (e.secretsSkipped > 0)
		facts.append(
			el(
				'li',
				{},
				`${e.secretsSkipped} environment variable${e.secretsSkipped === 1 ? '' : 's'} or header${e.secretsSkipped === 1 ? '' : 's'} set (values not read)`,
			),
		);
	for (const n of e.notes) facts.append(el('li', { class: 'muted' }, n));
	if (facts.childElementCount === 0) facts.append(el('li', {}, 'Nothing we could read.'));
	return el('div', { class: 'stack-entry' }, el('h3', {}, `“${e.name}”`, e.disabled ? ' (disabled; not counted)' : ''), facts);
}

function render(index: StackIndex, report: StackReport, shape: string, notes: readonly string[]): DocumentFragment {
	const frag = document.createDocumentFragment();
	const matched = report.results.filter((r) => r.match);
	const unknown = report.results.filter((r) => !r.match);
	const disabled = report.results.filter((r) => r.entry.disabled).length;
	frag.append(
		section(
			'stack-summary',
			'Result',
			el(
				'p',
				{},
				`Read ${report.results.length} server entr${report.results.length === 1 ? 'y' : 'ies'} (${shape}): ${matched.length} matched in the catalogue, ${unknown.length} unknown${disabled > 0 ? `, ${disabled} disabled` : ''}.`,
			),
			...notes.map((n) => el('p', { class: 'muted' }, n)),
		),
		capabilitiesSection(index, report),
	);
	if (matched.length > 0)
		frag.append(section('stack-matched', `Matched servers (${matched.length})`, ...matched.map((r) => matchedEntry(index, r))));
	if (unknown.length > 0) {
		frag.append(
			section(
				'stack-unknown',
				`Unknown servers (${unknown.length})`,
				el(
					'p',
					{},
					'These entries match nothing in the catalogue, so nobody here has reviewed their tools: any of them may read private data, bring in untrusted content or send data out, and their definitions may carry instructions aimed at the model. Classify their tools before trusting them, or leave them out.',
				),
				...unknown.map(unknownEntry),
			),
		);
	}
	return frag;
}

type Renderers = typeof import('../lib/policy/sets.ts') & typeof import('../lib/policy/render.ts');
let renderers: Promise<Renderers> | undefined;
/** The policy renderers and engine schemas (zod), loaded the first time a configuration is wrapped. */
function loadRenderers(): Promise<Renderers> {
	renderers ??= import('zod')
		.then(({ config }) => {
			config({ jitless: true });
			return Promise.all([import('../lib/policy/sets.ts'), import('../lib/policy/render.ts')]);
		})
		.then(([sets, render]) => ({ ...sets, ...render }));
	return renderers;
}

/** Offers bytes as a download: made in the page, sent nowhere. */
function save(name: string, data: BlobPart, type: string): void {
	const url = URL.createObjectURL(new Blob([data], { type }));
	const a = el('a', { href: url, download: name, hidden: '' });
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The wrapped configuration and its policies, as files to download; every policy validated first. */
async function wrappedSection(w: Extract<WrapResult, { ok: true }>): Promise<HTMLElement> {
	const parts: Child[] = [];
	if (w.wrapped.length === 0) {
		parts.push(el('p', {}, 'No catalogued, enabled server to wrap: the configuration is unchanged.'));
	} else {
		const r = await loadRenderers();
		const files: { name: string; text: string; type: string }[] = [{ name: w.configFile, text: w.text, type: 'application/json' }];
		for (const p of w.policies) {
			// Rendered and validated against the engine's schema; a failure stops the download.
			const text = r.interceptYaml(r.composePolicySet(p.unit.name, unitFacts(p.unit)));
			files.push({ name: `policies/${p.file}`, text, type: 'application/yaml' });
		}
		parts.push(
			el(
				'p',
				{},
				`${w.wrapped.length} entr${w.wrapped.length === 1 ? 'y now starts' : 'ies now start'} through Intercept, each with its server's recommended policy. Save the policies in `,
				code(w.folder),
				' (the configuration names them there; change the folder above and check again to name another), then use the new configuration in place of yours. Comments are not kept. The files are made in this page and sent nowhere.',
			),
			el(
				'ul',
				{ id: 'stack-wrapped-list' },
				...w.wrapped.map((e) => el('li', {}, `“${e.entry}”: `, serverLink(e.server), unitLabel(e.server, e.unit), ' with ', code(e.file))),
			),
		);
		const status = el('span', { class: 'copy-status', role: 'status', 'aria-live': 'polite' });
		const all = el('button', { type: 'button', id: 'stack-download-zip' }, 'Download everything (.zip)');
		all.addEventListener('click', () => {
			const enc = new TextEncoder();
			save('mcp-behind-intercept.zip', zipStore(files.map((f) => ({ name: f.name, data: enc.encode(f.text) }))), 'application/zip');
			status.textContent = `Downloaded mcp-behind-intercept.zip (${files.length} files).`;
		});
		const one = files.map((f) => {
			const b = el('button', { type: 'button', 'data-file': f.name }, `Download ${f.name.replace(/^policies\//, '')}`);
			b.addEventListener('click', () => {
				save(f.name.replace(/^policies\//, ''), f.text, f.type);
				status.textContent = `Downloaded ${f.name}.`;
			});
			return b;
		});
		parts.push(el('p', { class: 'stack-downloads' }, all, ' ', ...one.flatMap((b) => [b, ' ']), status));
	}
	if (w.unjudged.length > 0)
		parts.push(
			el('h3', { id: 'stack-unjudged' }, `Left as they were (${w.unjudged.length})`),
			el('ul', {}, ...w.unjudged.map((u) => el('li', {}, `“${u.entry}”: ${u.why}.`))),
		);
	return section('stack-wrapped', 'Your configuration behind the gateway', ...parts);
}

/** Checks the configuration text and shows the report in `results`, a one-line outcome in `status`. */
export async function check(text: string, status: HTMLElement, results: HTMLElement, folder = ''): Promise<void> {
	const read = readConfig(text);
	if (!read.ok) {
		results.replaceChildren();
		status.replaceChildren(...visibleNodes(`Could not read the configuration: ${read.error}.`, document));
		return;
	}
	status.textContent = 'Checking…';
	let index: StackIndex;
	try {
		index = await loadIndex();
	} catch (error) {
		status.textContent = `Could not load the catalogue index: ${(error as Error).message}.`;
		return;
	}
	const report = checkStack(read.entries, index);
	const frag = render(index, report, read.shape, read.notes);
	const wrap = wrapConfiguration(text, index, folder);
	if (wrap.ok) {
		try {
			frag.insertBefore(await wrappedSection(wrap), frag.children[1] ?? null);
		} catch (error) {
			frag.append(
				section(
					'stack-wrapped',
					'Your configuration behind the gateway',
					el('p', { role: 'alert' }, `The policies could not be made: ${(error as Error).message}.`),
				),
			);
		}
	} else {
		frag.append(section('stack-wrapped', 'Your configuration behind the gateway', el('p', {}, `Not wrapped: ${wrap.error}.`)));
	}
	results.replaceChildren(frag);
	status.textContent = `Checked ${read.entries.length} entr${read.entries.length === 1 ? 'y' : 'ies'}${report.trifecta ? ': lethal trifecta found' : ''}${wrap.ok && wrap.wrapped.length > 0 ? `; ${wrap.wrapped.length} wrapped` : ''}.`;
	results.querySelector<HTMLElement>('h2')?.focus();
}
