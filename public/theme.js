/*
 * The colour theme, set before the page paints: this file loads in <head> without defer (the content
 * security policy allows no inline script), so a reader who picked a theme never sees the other one
 * flash. Once the page is parsed it adds two buttons to the header: the theme toggle (remembered in
 * localStorage; without a choice the system's preference holds) and, for phones, the menu toggle.
 * Without JavaScript the theme follows the system and the menu stays open.
 */
(function () {
	var root = document.documentElement;
	var KEY = 'toolrisk-theme';
	var saved = null;
	try {
		saved = localStorage.getItem(KEY);
	} catch (e) {}
	if (saved === 'light' || saved === 'dark') root.setAttribute('data-theme', saved);
	root.classList.add('js');

	function isDark() {
		var chosen = root.getAttribute('data-theme');
		if (chosen) return chosen === 'dark';
		return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
	}

	function button(className, text) {
		var b = document.createElement('button');
		b.type = 'button';
		b.className = className;
		b.textContent = text;
		return b;
	}

	document.addEventListener('DOMContentLoaded', function () {
		var header = document.querySelector('.site-header');
		var nav = header && header.querySelector('nav');
		if (!header || !nav) return;
		var tools = document.createElement('div');
		tools.className = 'header-tools';
		var theme = button('theme-toggle', 'Dark theme');
		var sync = function () {
			theme.setAttribute('aria-pressed', String(isDark()));
		};
		sync();
		theme.addEventListener('click', function () {
			var next = isDark() ? 'light' : 'dark';
			root.setAttribute('data-theme', next);
			try {
				localStorage.setItem(KEY, next);
			} catch (e) {}
			sync();
		});
		if (window.matchMedia) window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', sync);
		var menu = button('menu-toggle', 'Menu');
		nav.id = nav.id || 'site-nav';
		menu.setAttribute('aria-controls', nav.id);
		menu.setAttribute('aria-expanded', 'false');
		menu.addEventListener('click', function () {
			var open = header.classList.toggle('menu-open');
			menu.setAttribute('aria-expanded', String(open));
		});
		tools.append(menu, theme);
		header.insertBefore(tools, nav);
	});
})();
