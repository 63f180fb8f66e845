/**
 * The server page's policy composer. This file is small and loads with the page; the policy model, the
 * composer, the renderers with the engine schemas (zod, yaml, re2js) and the evaluator load on first use,
 * with a dynamic import of the very modules the build and the tests use. Everything after that runs from
 * the facts in the page: no request. Tool names are third-party text: they reach the page as text
 * nodes, with each invisible or bidirectional character as a visible marker (`visibleNodes`), and as
 * marker codes in attributes and options (`withMarkers`), never raw.
 */
import type { ToolChoice, ToolState, DeploymentParameters } from '../lib/policy/composer.ts';
import { unpackComposerData, type ComposerUnit, type PackedComposerData } from '../lib/policy/composer-data.ts';
import type { Preset, ToolPolicy } from '../lib/policy/model.ts';

type Engine = typeof import('../lib/policy/model.ts') &
	typeof import('../lib/policy/composer.ts') &
	typeof import('../lib/policy/render.ts') &
	typeof import('../lib/policy/try-call.ts') &
	typeof import('../lib/text/visible-text.ts');
type Unit = ComposerUnit;

const WINDOWS = ['minute', 'hour', 'day'] as const;

function make<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, text = ''): HTMLElementTagNameMap[K] {
	const node = document.createElement(tag);
	for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
	if (text) node.textContent = text;
	return node;
}

let engine: Promise<Engine> | undefined;
function loadEngine(): Promise<Engine> {
	engine ??= import('zod')
		.then(({ config }) => {
			// The CSP forbids eval: tell zod not to probe for it (the probe alone raises a CSP violation report).
			config({ jitless: true });
			return Promise.all([
				import('../lib/policy/model.ts'),
				import('../lib/policy/composer.ts'),
				import('../lib/policy/render.ts'),
				import('../lib/policy/try-call.ts'),
				import('../lib/text/visible-text.ts'),
			]);
		})
		.then(([model, composer, render, tryCall, text]) => ({ ...model, ...composer, ...render, ...tryCall, ...text }));
	return engine;
}

/** Sets a node's text, third-party parts included, with invisible and bidirectional characters as markers. */
function show(e: Engine | undefined, node: HTMLElement, text: string): void {
	if (e) node.replaceChildren(...e.visibleNodes(text, document));
	else node.textContent = text;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What a tool's policy does, in a few words. */
function treatmentText(p: ToolPolicy): string {
	const checks = p.checks.length > 0 ? `, ${plural(p.checks.length, 'argument check')}` : '';
	switch (p.treatment) {
		case 'omit':
			return 'left out (a tool named "*" cannot be addressed)';
		case 'allow':
			return 'allowed';
		case 'check':
			return `allowed${checks}`;
		case 'limit':
			return `${p.limit?.max}/${p.limit?.window}${checks}`;
		case 'deny':
			return 'denied';
		case 'hide':
			return 'hidden';
	}
}

function init(root: HTMLElement): void {
	const open = root.querySelector<HTMLButtonElement>('.composer-open');
	const form = root.querySelector<HTMLFormElement>('form');
	if (!open || !form) return;
	const units = unpackComposerData(
		JSON.parse(root.dataset['composer'] ?? '{"categories":[],"levels":[],"units":[]}') as PackedComposerData,
	);
	const preview = form.querySelector<HTMLElement>('.composer-preview code')!;
	const fileLabel = form.querySelector<HTMLElement>('.composer-file')!;
	const error = form.querySelector<HTMLElement>('.composer-error')!;
	const status = form.querySelector<HTMLElement>('.composer-status')!;
	const download = form.querySelector<HTMLButtonElement>('.composer-download')!;
	const tryTool = form.querySelector<HTMLSelectElement>('.try-tool')!;
	const tryArgs = form.querySelector<HTMLTextAreaElement>('textarea[name="try-args"]')!;
	const tryResult = form.querySelector<HTMLElement>('.try-result')!;
	let current: { text: string; file: string; type: string; doc: unknown } | undefined;
	let tryUnit: string | undefined;

	const value = (name: string) => form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value;
	const unitNow = () => units.find((u) => u.id === value('unit')) ?? units[0];
	const presetNow = (e: Engine): Preset =>
		(e.PRESET_IDS as readonly string[]).includes(value('preset') ?? '') ? (value('preset') as Preset) : e.DEFAULT_PRESET;
	const unitBox = (unit: Unit) => form.querySelector<HTMLElement>(`.composer-unit[data-unit="${CSS.escape(unit.id)}"]`)!;
	const row = (unit: Unit, i: number) => form.querySelector<HTMLElement>(`[data-row="${CSS.escape(`${unit.id}:${i}`)}"]`);

	/** Builds a unit's tool rows the first time it is shown; tool names reach the page as text only. */
	const built = new Set<string>();
	function ensureRows(e: Engine, unit: Unit): void {
		if (built.has(unit.id)) return;
		built.add(unit.id);
		unit.tools.forEach((facts, i) => {
			const list = form!.querySelector<HTMLElement>(`[data-list="${CSS.escape(`${unit.id}:${unit.levels[i]}`)}"]`);
			if (!list) return;
			const name = facts.tool;
			const label = e.withMarkers(name);
			const state = make('select', { name: 'state', 'aria-label': `State of ${label}` });
			for (const s of e.TOOL_STATES) state.append(make('option', { value: s }, e.STATE_LABELS[s]));
			if (name === e.WILDCARD) state.disabled = true;
			const max = make('input', {
				type: 'number',
				name: 'max',
				min: '1',
				step: '1',
				inputmode: 'numeric',
				'aria-label': `Calls allowed for ${label}`,
			});
			const window = make('select', { name: 'window', 'aria-label': `Per period for ${label}` });
			for (const w of WINDOWS) window.append(make('option', { value: w }, w));
			const rate = make('span', { class: 'composer-rate' });
			rate.append(max, ' calls per ', window);
			const row = make('li', { class: 'composer-row', 'data-row': `${unit.id}:${i}` });
			const code = make('code', { class: 'composer-name' });
			code.append(...e.visibleNodes(name, document));
			row.append(code, ' ', state, ' ', rate, ' ', make('span', { class: 'treatment muted', 'data-treatment': `${unit.id}:${i}` }));
			list.append(row);
		});
		applyPreset(e, unit, presetNow(e));
	}

	/** Puts every tool of a unit in the state the preset gives it. */
	function applyPreset(e: Engine, unit: Unit, preset: Preset): void {
		unit.tools.forEach((facts, i) => {
			const r = row(unit, i);
			if (!r) return;
			const choice = e.presetChoice(facts, preset);
			const limit = choice.limit ?? e.DEFAULT_LIMIT;
			r.querySelector<HTMLSelectElement>('select[name="state"]')!.value = choice.state;
			r.querySelector<HTMLInputElement>('input[name="max"]')!.value = String(limit.max);
			r.querySelector<HTMLSelectElement>('select[name="window"]')!.value = limit.window;
		});
	}

	/** The choices the form holds for a unit, or the problem that stops it. */
	function choicesOf(unit: Unit): { choices: ToolChoice[]; problem?: string } {
		const choices: ToolChoice[] = [];
		let problem: string | undefined;
		unit.tools.forEach((facts, i) => {
			const r = row(unit, i);
			const state = (r?.querySelector<HTMLSelectElement>('select[name="state"]')?.value ?? 'allow') as ToolState;
			const rate = r?.querySelector<HTMLElement>('.composer-rate');
			if (rate) rate.hidden = state !== 'limit';
			if (state !== 'limit') {
				choices.push({ state });
				return;
			}
			const raw = r?.querySelector<HTMLInputElement>('input[name="max"]')?.value ?? '';
			const max = Number(raw);
			const window = (r?.querySelector<HTMLSelectElement>('select[name="window"]')?.value ?? 'minute') as 'minute' | 'hour' | 'day';
			if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(max) || max < 1)
				problem ??= `${facts.tool}: the limit must be a whole number of calls, 1 or more`;
			choices.push({ state, limit: { max: Math.max(1, Math.trunc(max) || 1), window } });
		});
		return problem ? { choices, problem } : { choices };
	}

	function parametersOf(unit: Unit): DeploymentParameters {
		const box = unitBox(unit);
		const root = box.querySelector<HTMLInputElement>('input[name="rootFolder"]')?.value.trim() ?? '';
		const hosts = (box.querySelector<HTMLInputElement>('input[name="urlHosts"]')?.value ?? '')
			.split(/[\s,]+/)
			.map((h) => h.trim())
			.filter(Boolean);
		return { ...(root && { rootFolder: root }), ...(hosts.length > 0 && { urlHosts: hosts }) };
	}

	function fillTryTools(e: Engine, unit: Unit): void {
		if (tryUnit === unit.id) return;
		tryUnit = unit.id;
		tryTool.replaceChildren(
			...unit.tools.map((t, i) => {
				const o = document.createElement('option');
				o.value = String(i);
				// An option holds text only: a marker element cannot go there, so the code stands in.
				o.textContent = e.withMarkers(t.tool);
				return o;
			}),
		);
		fillTryArgs(unit);
	}
	function fillTryArgs(unit: Unit): void {
		tryArgs.value = JSON.stringify(unit.examples[Number(tryTool.value)] ?? {}, null, 2);
		tryResult.textContent = '';
	}

	async function update(): Promise<void> {
		const e = await loadEngine();
		const unit = unitNow();
		if (!unit) return;
		for (const box of form!.querySelectorAll<HTMLElement>('.composer-unit')) box.hidden = box.dataset['unit'] !== unit.id;
		ensureRows(e, unit);
		fillTryTools(e, unit);
		const preset = presetNow(e);
		const format = value('format') === 'policylayer' ? 'policylayer' : 'intercept';
		const { choices, problem } = choicesOf(unit);
		const params = parametersOf(unit);
		const set = e.composeChoices(unit.name, unit.tools, choices, preset, params);
		set.tools.forEach((p, i) => {
			const cell = form!.querySelector<HTMLElement>(`[data-treatment="${CSS.escape(`${unit.id}:${i}`)}"]`);
			if (cell) cell.textContent = treatmentText(p);
		});
		const custom = e.hasParameters(params) || unit.tools.some((f, i) => e.differsFromPreset(f, choices[i]!, preset));
		const file = `${unit.id}.${preset}${custom ? '.custom' : ''}.${format === 'intercept' ? 'intercept.yaml' : 'policylayer.json'}`;
		try {
			if (problem) throw new Error(problem);
			// Both formats are rendered and validated before either is offered.
			const doc = e.interceptDocument(set);
			const pl = e.policyLayerDocument(set);
			const text = format === 'intercept' ? e.interceptText(doc) : e.policyLayerText(pl);
			current = { text, file, type: format === 'intercept' ? 'application/yaml' : 'application/json', doc };
			show(e, preview, text);
			fileLabel.textContent = file;
			error.hidden = true;
			error.textContent = '';
			download.disabled = false;
		} catch (err) {
			current = undefined;
			preview.textContent = '';
			fileLabel.textContent = '';
			show(e, error, `This policy does not validate, so it cannot be downloaded: ${err instanceof Error ? err.message : String(err)}`);
			error.hidden = false;
			download.disabled = true;
		}
	}

	const fail = (err: unknown) => {
		const text = `The composer could not load: ${err instanceof Error ? err.message : String(err)}`;
		error.textContent = text;
		// The message may quote a tool name: once the engine is there, it is shown with markers.
		void engine?.then((e) => show(e, error, text)).catch(() => undefined);
		error.hidden = false;
		download.disabled = true;
	};
	const run = () => void update().catch(fail);

	open.hidden = false;
	open.addEventListener('click', () => {
		const expanded = open.getAttribute('aria-expanded') === 'true';
		open.setAttribute('aria-expanded', String(!expanded));
		open.textContent = expanded ? 'Open the policy composer' : 'Close the policy composer';
		form.hidden = expanded;
		if (!expanded) run();
	});
	form.addEventListener('change', (event) => {
		const target = event.target as HTMLElement;
		if (target === tryTool) {
			const unit = unitNow();
			if (unit) fillTryArgs(unit);
			return;
		}
		if (target === tryArgs) return;
		if ((target as HTMLInputElement).name === 'preset' || (target as HTMLInputElement).name === 'unit') {
			void loadEngine()
				.then((e) => {
					const unit = unitNow();
					if (!unit) return;
					ensureRows(e, unit);
					if ((target as HTMLInputElement).name === 'preset') applyPreset(e, unit, presetNow(e));
				})
				.then(update)
				.catch(fail);
			return;
		}
		run();
	});
	// Text parameters apply as they are typed.
	form.addEventListener('input', (event) => {
		const name = (event.target as HTMLInputElement).name;
		if (name === 'rootFolder' || name === 'urlHosts' || name === 'max') run();
	});
	form.querySelector<HTMLButtonElement>('.try-run')?.addEventListener('click', () => {
		void (async () => {
			const e = await loadEngine();
			await update();
			const unit = unitNow();
			if (!unit) return;
			const facts = unit.tools[Number(tryTool.value)];
			if (!facts) return;
			const parsed = e.parseArguments(tryArgs.value);
			if (!parsed.ok) {
				show(e, tryResult, `Cannot try it: ${parsed.error}.`);
				return;
			}
			if (!current) {
				tryResult.textContent = 'Cannot try it: the policy does not validate (see above).';
				return;
			}
			const outcome = e.tryCall(current.doc, facts.tool, parsed.args);
			tryResult.dataset['allowed'] = String(outcome.allowed);
			show(e, tryResult, outcome.text);
		})().catch(fail);
	});
	// Download is the form's submit button (Enter in the form downloads too); nothing is sent anywhere.
	form.addEventListener('submit', (event) => {
		event.preventDefault();
		if (!current) return;
		const url = URL.createObjectURL(new Blob([current.text], { type: current.type }));
		const a = document.createElement('a');
		a.href = url;
		a.download = current.file;
		a.hidden = true;
		document.body.append(a);
		a.click();
		a.remove();
		setTimeout(() => URL.revokeObjectURL(url), 1000);
		status.textContent = `Downloaded ${current.file}.`;
	});
}

document.querySelectorAll<HTMLElement>('[data-composer]').forEach(init);
