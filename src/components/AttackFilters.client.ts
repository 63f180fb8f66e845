/**
 * Filters the attack list by kind, category, signal and control. The state lives in the URL query so
 * a view can be shared; without JavaScript the full list shows.
 */
export {};

const form = document.getElementById('attack-filters');
const items = [...document.querySelectorAll<HTMLLIElement>('#attack-list > li')];
const status = document.getElementById('attack-count');

function apply(): void {
	if (!form) return;
	const selected: [string, string][] = [...form.querySelectorAll('select')]
		.map((s): [string, string] => [s.name, s.value])
		.filter(([, v]) => v !== '');
	let shown = 0;
	for (const li of items) {
		const visible = selected.every(([key, value]) => (li.dataset[key] ?? '').split(' ').includes(value));
		li.hidden = !visible;
		if (visible) shown++;
	}
	if (status) status.textContent = `${shown} of ${items.length} ${items.length === 1 ? 'entry' : 'entries'}`;
	const params = new URLSearchParams(selected);
	history.replaceState(null, '', `${location.pathname}${params.size > 0 ? `?${params}` : ''}`);
}

if (form) {
	const params = new URLSearchParams(location.search);
	for (const select of form.querySelectorAll('select')) {
		const value = params.get(select.name);
		if (value && [...select.options].some((o) => o.value === value)) select.value = value;
		select.addEventListener('change', apply);
	}
	form.hidden = false;
	apply();
}
