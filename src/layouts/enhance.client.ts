/**
 * The only module script on content pages: turns policy panels into tabs with copy buttons, wires the
 * copy buttons other snippets carry, and builds the "on this page" list of long pages. Without it, both
 * panels show, the code can be selected by hand, and the page reads top to bottom.
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
			// The copy button sits between the tabs and the code: the next stop after the tab, whatever the code's length.
			const actions = make('div', { class: 'code-actions' });
			actions.append(
				make('button', { type: 'button', class: 'copy', 'data-copy': code.id, hidden: '' }, `Copy ${label}`),
				make('span', { class: 'copy-status', role: 'status', 'aria-live': 'polite' }),
			);
			code.before(actions);
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

/** Copies a snippet's text, or, for a preview (`data-src`), the whole file it previews. */
function initCopy(button: HTMLButtonElement): void {
	const source = document.getElementById(button.dataset.copy ?? '');
	const status = button.parentElement?.querySelector<HTMLElement>('.copy-status');
	if (!source || !navigator.clipboard) return;
	button.hidden = false;
	const text = async () => {
		const src = source.dataset.src;
		if (!src) return source.querySelector('pre')?.textContent ?? source.textContent ?? '';
		const response = await fetch(src);
		if (!response.ok) throw new Error(`${src}: ${response.status}`);
		return response.text();
	};
	button.addEventListener('click', async () => {
		try {
			// Safari needs the clipboard write to start inside the click: hand it a promise of the text.
			if (source.dataset.src && typeof ClipboardItem !== 'undefined') {
				await navigator.clipboard.write([new ClipboardItem({ 'text/plain': text().then((t) => new Blob([t], { type: 'text/plain' })) })]);
			} else {
				await navigator.clipboard.writeText(await text());
			}
			if (status) status.textContent = 'Copied.';
		} catch {
			if (status) status.textContent = 'Copy failed: download the file or select the text and copy it by hand.';
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

/**
 * A `.with-toc` block gets an "on this page" list of its sections' headings (`section > h2[id]`): beside
 * the text on wide screens, after it on phones, where a jump link before the block leads to it. Built
 * here rather than shipped in the page, like the tab list, to keep tool pages light.
 */
function initToc(root: HTMLElement): void {
	const headings = [...root.querySelectorAll<HTMLElement>(':scope > section > h2[id]')];
	if (headings.length < 3) return;
	const nav = make('nav', { class: 'toc', id: 'toc', 'aria-label': 'On this page' });
	const list = nav.appendChild(make('ol', {}));
	for (const heading of headings) list.appendChild(make('li', {})).append(make('a', { href: `#${heading.id}` }, heading.textContent ?? ''));
	root.append(nav);
	const jump = make('p', { class: 'jump' });
	jump.append(make('a', { href: '#toc' }, 'On this page'));
	root.before(jump);
}

/**
 * Filter panels (the attack list's) fold behind a "Filters" button on phones, so the results come first;
 * the stylesheet shows the button, and folds the panel, only at phone widths. A panel that already sits
 * in its own disclosure (the search page's `<details>`, which opens by itself on wide screens or when a
 * filter is set) is left to it: folding it twice would hide it behind two controls.
 */
function initFold(panel: HTMLElement): void {
	if (panel.closest('details')) return;
	const button = make('button', { type: 'button', class: 'fold-toggle', 'aria-expanded': 'false', 'aria-controls': panel.id }, 'Filters');
	button.addEventListener('click', () => button.setAttribute('aria-expanded', String(panel.classList.toggle('fold-open'))));
	panel.classList.add('fold-ready');
	panel.before(button);
}

/**
 * A table too wide for the screen scrolls inside its `.table-wrap`; while it does, the wrapper is a
 * named region the keyboard can reach (and scroll with the arrow keys). Its name says it is a table
 * ("Table: Parameters"), so it never repeats the name of the section around it, and a second region of
 * the same name on the page gets a number: landmarks must be told apart by name.
 */
function regionName(wrap: HTMLElement): string {
	const base = `Table: ${wrap.querySelector('caption')?.textContent?.trim() || 'untitled'}`;
	const taken = new Set(
		[...document.querySelectorAll('[role="region"][aria-label]')].filter((r) => r !== wrap).map((r) => r.getAttribute('aria-label')),
	);
	let name = base;
	for (let n = 2; taken.has(name); n++) name = `${base} (${n})`;
	return name;
}
function initScrollRegion(wrap: HTMLElement): void {
	const update = () => {
		const scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
		if (scrolls === wrap.hasAttribute('tabindex')) return;
		if (scrolls) {
			wrap.tabIndex = 0;
			wrap.setAttribute('role', 'region');
			wrap.setAttribute('aria-label', regionName(wrap));
		} else {
			for (const name of ['tabindex', 'role', 'aria-label']) wrap.removeAttribute(name);
		}
	};
	update();
	new ResizeObserver(update).observe(wrap);
}

document.querySelectorAll<HTMLElement>('[data-tabs]').forEach(initTabs);
document.querySelectorAll<HTMLElement>('.table-wrap').forEach(initScrollRegion);
document.querySelectorAll<HTMLElement>('.filters[id], .attack-filters[id]').forEach(initFold);
document.querySelectorAll<HTMLElement>('.with-toc').forEach(initToc);
// After the tabs: their copy buttons are wired here with every other snippet's.
document.querySelectorAll<HTMLButtonElement>('button[data-copy]').forEach(initCopy);
