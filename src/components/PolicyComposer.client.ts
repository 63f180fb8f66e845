/**
 * The server page's policy composer. This file is small and loads with the page; the policy model,
 * the renderers and the engine schemas (zod, yaml, re2js) load on first use, with a dynamic import of
 * the very modules the build uses. Everything after that runs from the facts in the page: no request.
 * Tool names are third-party text: they only ever reach the page through textContent.
 */
import type { Preset, ToolFacts, ToolPolicy } from '../lib/policy/model.ts';

type Engine = typeof import('../lib/policy/model.ts') & typeof import('../lib/policy/sets.ts') & typeof import('../lib/policy/render.ts');
interface Unit {
	id: string;
	name: string;
	tools: ToolFacts[];
}

let engine: Promise<Engine> | undefined;
function loadEngine(): Promise<Engine> {
	engine ??= import('zod')
		.then(({ config }) => {
			// The CSP forbids eval: tell zod not to probe for it (the probe alone raises a CSP violation report).
			config({ jitless: true });
			return Promise.all([import('../lib/policy/model.ts'), import('../lib/policy/sets.ts'), import('../lib/policy/render.ts')]);
		})
		.then(([model, sets, render]) => ({ ...model, ...sets, ...render }));
	return engine;
}

/** What a tool's treatment is under the chosen preset, in a few words. */
function treatmentText(p: ToolPolicy, off: boolean): string {
	if (p.treatment === 'omit') return 'left out (a tool named "*" cannot be addressed)';
	if (off) return 'switched off: hidden';
	switch (p.treatment) {
		case 'allow':
			return 'allowed';
		case 'check':
			return `allowed, ${p.checks.length} argument check${p.checks.length === 1 ? '' : 's'}`;
		case 'limit':
			return `${p.limit?.max}/${p.limit?.window}${p.checks.length > 0 ? `, ${p.checks.length} argument check${p.checks.length === 1 ? '' : 's'}` : ''}`;
		case 'deny':
			return 'denied';
		case 'hide':
			return 'hidden (poisoning indicators)';
	}
}

function init(root: HTMLElement): void {
	const open = root.querySelector<HTMLButtonElement>('.composer-open');
	const form = root.querySelector<HTMLFormElement>('form');
	if (!open || !form) return;
	const units = (JSON.parse(root.dataset['composer'] ?? '{"units":[]}') as { units: Unit[] }).units;
	const preview = form.querySelector<HTMLElement>('.composer-preview code')!;
	const fileLabel = form.querySelector<HTMLElement>('.composer-file')!;
	const error = form.querySelector<HTMLElement>('.composer-error')!;
	const status = form.querySelector<HTMLElement>('.composer-status')!;
	const download = form.querySelector<HTMLButtonElement>('.composer-download')!;
	let current: { text: string; file: string; type: string } | undefined;

	const value = (name: string) => form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value;

	async function update(): Promise<void> {
		const e = await loadEngine();
		const unit = units.find((u) => u.id === value('unit')) ?? units[0];
		if (!unit) return;
		for (const fs of form!.querySelectorAll<HTMLFieldSetElement>('.composer-tools')) fs.hidden = fs.dataset['unit'] !== unit.id;
		const preset = (e.PRESET_IDS as readonly string[]).includes(value('preset') ?? '') ? (value('preset') as Preset) : e.DEFAULT_PRESET;
		const format = value('format') === 'policylayer' ? 'policylayer' : 'intercept';
		const off = new Set<string>();
		for (const box of form!.querySelectorAll<HTMLInputElement>(`input[name="tool"]`)) {
			if (box.dataset['unit'] !== unit.id) continue;
			const facts = unit.tools[Number(box.value)];
			if (facts && !box.checked) off.add(facts.tool);
		}
		const set = e.composePolicySet(unit.name, unit.tools, preset, off);
		set.tools.forEach((p, i) => {
			const cell = form!.querySelector<HTMLElement>(`[data-treatment="${CSS.escape(`${unit.id}:${i}`)}"]`);
			if (cell) cell.textContent = treatmentText(e.policyFromFacts(unit.tools[i]!, preset), off.has(p.tool));
		});
		const file = `${unit.id}.${preset}${off.size > 0 ? '.custom' : ''}.${format === 'intercept' ? 'intercept.yaml' : 'policylayer.json'}`;
		try {
			const text = format === 'intercept' ? e.interceptYaml(set) : e.policyLayerJson(set);
			current = { text, file, type: format === 'intercept' ? 'application/yaml' : 'application/json' };
			preview.textContent = text;
			fileLabel.textContent = file;
			error.hidden = true;
			error.textContent = '';
			download.disabled = false;
		} catch (err) {
			current = undefined;
			preview.textContent = '';
			fileLabel.textContent = '';
			error.textContent = `This policy does not validate, so it cannot be downloaded: ${err instanceof Error ? err.message : String(err)}`;
			error.hidden = false;
			download.disabled = true;
		}
	}

	const run = () => {
		update().catch((err: unknown) => {
			error.textContent = `The composer could not load: ${err instanceof Error ? err.message : String(err)}`;
			error.hidden = false;
			download.disabled = true;
		});
	};

	open.hidden = false;
	open.addEventListener('click', () => {
		const expanded = open.getAttribute('aria-expanded') === 'true';
		open.setAttribute('aria-expanded', String(!expanded));
		open.textContent = expanded ? 'Open the policy composer' : 'Close the policy composer';
		form.hidden = expanded;
		if (!expanded) run();
	});
	form.addEventListener('change', run);
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
