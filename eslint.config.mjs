// Lint: ESLint's and typescript-eslint's recommended rules, the Astro plugin's for components and pages,
// plus the few rules below. Formatting is Prettier's job (`npm run format`), so no stylistic rules here
// except the line length Prettier cannot enforce on its own (comments).
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{
		ignores: [
			'content/**',
			'tests/fixtures/**',
			'public/**',
			'dist/**',
			'dist-*/**',
			'.cache/**',
			'test-results/**',
			'playwright-report/**',
			'.astro/**',
		],
	},
	js.configs.recommended,
	...tseslint.configs.recommended,
	...astro.configs.recommended,
	{
		languageOptions: { globals: { ...globals.node, ...globals.browser } },
		linterOptions: { reportUnusedDisableDirectives: 'error' },
		rules: {
			// Unused names are errors, except those deliberately ignored with a leading underscore.
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
			// Prettier wraps code at 140 columns but cannot break a comment, string, template or regex literal:
			// comments must be wrapped by hand; a literal that cannot be split stays one line.
			'max-len': [
				'error',
				{ code: 140, tabWidth: 2, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true },
			],
			eqeqeq: ['error', 'always', { null: 'ignore' }],
			// The text-safety code exists to find control, invisible and combining characters in third-party text:
			// its patterns name them on purpose.
			'no-control-regex': 'off',
			'no-misleading-character-class': 'off',
			'no-var': 'error',
			'prefer-const': 'error',
		},
	},
);
