/**
 * The only script on content pages: turns policy panels into tabs and wires copy buttons.
 * Without it, both panels show and the code can be selected by hand.
 */
export {};

function initTabs(root: HTMLElement): void {
	const list = root.querySelector<HTMLElement>('[role="tablist"]');
	if (!list) return;
	const tabs = [...list.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
	const panels = tabs.map((t) => document.getElementById(t.getAttribute('aria-controls') ?? ''));
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
			const next = event.key === 'ArrowRight' ? i + 1 : event.key === 'ArrowLeft' ? i - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? tabs.length - 1 : -1;
			if (next === -1) return;
			event.preventDefault();
			select((next + tabs.length) % tabs.length, true);
		});
	});
	root.classList.add('tabs-ready');
	list.hidden = false;
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

document.querySelectorAll<HTMLElement>('[data-tabs]').forEach(initTabs);
document.querySelectorAll<HTMLButtonElement>('button[data-copy]').forEach(initCopy);
