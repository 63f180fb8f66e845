/**
 * The only script on content pages: turns policy panels into tabs with copy buttons, and wires the
 * copy buttons other snippets carry. Without it, both panels show and the code can be selected by hand.
 */
import tryWorker from '../components/TryCall.worker.ts?worker&url';

/** Creates an element with attributes and text: the markup the page leaves to this script. */
function make<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string>, text = ''): HTMLElementTagNameMap[K] {
	const node = document.createElement(tag);
	for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
	node.textContent = text;
	return node;
}

/**
 * A `[data-tabs]` block holds panels (`.tab-panel`), each with a heading whose `data-tab` names its tab
 * and a `.code` block. This builds the tab list (named by the block's `data-tabs`), makes each panel
 * a tab panel labelled by its tab, and gives each code block a copy button (wired by `initCopy`) and a
 * status line.
 */
function initTabs(root: HTMLElement): void {
	const panels = [...root.querySelectorAll<HTMLElement>(':scope > .tab-panel')];
	if (panels.length === 0) return;
	const list = make('div', { role: 'tablist', 'aria-label': root.dataset.tabs ?? '' });
	const tabs = panels.map((panel) => {
		const label = panel.querySelector<HTMLElement>('[data-tab]')?.dataset.tab ?? '';
		const tab = make('button', { type: 'button', role: 'tab', id: `${panel.id}-tab`, 'aria-controls': panel.id }, label);
		panel.setAttribute('role', 'tabpanel');
		panel.setAttribute('aria-labelledby', tab.id);
		const code = panel.querySelector<HTMLElement>('.code[id]');
		if (code) {
			let actions = panel.querySelector<HTMLElement>('.code-actions');
			if (!actions) actions = panel.appendChild(make('div', { class: 'code-actions' }));
			const copy = make('button', { type: 'button', class: 'copy', 'data-copy': code.id, hidden: '' }, `Copy ${label}`);
			actions.prepend(copy);
			actions.append(make('span', { class: 'copy-status', role: 'status', 'aria-live': 'polite' }));
		}
		list.append(tab);
		return tab;
	});
	const select = (index: number, focus: boolean) => {
		tabs.forEach((tab, i) => {
			const on = i === index;
			tab.setAttribute('aria-selected', String(on));
			tab.tabIndex = on ? 0 : -1;
			panels[i]?.toggleAttribute('hidden', !on);
		});
		if (focus) tabs[index]?.focus();
	};
	tabs.forEach((tab, i) => {
		tab.addEventListener('click', () => select(i, false));
		tab.addEventListener('keydown', (event) => {
			const next =
				event.key === 'ArrowRight'
					? i + 1
					: event.key === 'ArrowLeft'
						? i - 1
						: event.key === 'Home'
							? 0
							: event.key === 'End'
								? tabs.length - 1
								: -1;
			if (next === -1) return;
			event.preventDefault();
			select((next + tabs.length) % tabs.length, true);
		});
	});
	root.prepend(list);
	root.classList.add('tabs-ready');
	select(0, false);
}

function initCopy(button: HTMLButtonElement): void {
	const source = document.getElementById(button.dataset.copy ?? '');
	const status = button.parentElement?.querySelector<HTMLElement>('.copy-status');
	if (!source || !navigator.clipboard) return;
	button.hidden = false;
	button.addEventListener('click', async () => {
		try {
			await navigator.clipboard.writeText(source.querySelector('pre')?.textContent ?? source.textContent ?? '');
			if (status) status.textContent = 'Copied.';
		} catch {
			if (status) status.textContent = 'Copy failed: select the text and copy it by hand.';
		}
	});
}

/**
 * "Try a call" (tool pages): the form is built the first time the box opens; the evaluator runs in a
 * worker started on the first try, deciding the call under the page's Intercept policy.
 */
function initTry(box: HTMLDetailsElement): void {
	const args = make(
		'textarea',
		{ id: 'try-args', rows: '4', spellcheck: 'false' },
		JSON.stringify(JSON.parse(box.dataset.try ?? '{}'), null, 2),
	);
	const run = make('button', { type: 'button' }, 'Try this call');
	const result = make('p', { class: 'try-result', role: 'status', 'aria-live': 'polite' });
	let worker: Worker | undefined;
	run.addEventListener('click', () => {
		if (!worker) {
			worker = new Worker(tryWorker);
			worker.addEventListener('message', (e: MessageEvent<string>) => (result.textContent = e.data));
		}
		const policy = document.querySelector('[id$="-code-intercept"]')?.textContent ?? '';
		worker.postMessage({ policy, args: args.value });
	});
	box.append(make('label', { for: 'try-args' }, 'Arguments (JSON, prefilled from the schema)'), args, run, result);
}

document
	.querySelectorAll<HTMLDetailsElement>('details[data-try]')
	.forEach((box) => box.addEventListener('toggle', () => initTry(box), { once: true }));
document.querySelectorAll<HTMLElement>('[data-tabs]').forEach(initTabs);
// After the tabs: their copy buttons are wired here with every other snippet's.
document.querySelectorAll<HTMLButtonElement>('button[data-copy]').forEach(initCopy);
