/**
 * The html-validate set-up for the site check. The rules live in `.htmlvalidate.json` (extends
 * `html-validate:recommended`); JSON has no comments, so every rule that file changes must have its
 * reason here, and the check fails when one does not: a rule is never switched off silently.
 */
import { readFileSync } from 'node:fs';
import { HtmlValidate, StaticConfigLoader } from 'html-validate';

const PRESET = 'html-validate:recommended';

/** Why each rule in `.htmlvalidate.json` departs from the recommended preset. */
const RULE_REASONS = {
	'no-inline-style':
		"Shiki writes its colours as inline styles on the code blocks of the attack pages' Markdown: `color`, `background-color` and `overflow-x` (the content security policy allows inline styles for this alone; policy snippets are coloured by class). Only those properties are allowed; any other inline style still fails.",
	'long-title':
		"Page titles carry the tool's exact name and its server's name, both chosen by third parties and often long; shortening them could give two tools the same title. Search engines cut long titles themselves.",
	'form-dup-name':
		'The search filters are checkboxes that share a name per group (`risk`, `category`), as HTML forms do for multiple values (`?risk=high&risk=critical`); checkboxes join the types the rule lets share a name.',
};

/**
 * Reads and checks the committed configuration.
 * @returns {{ config: object, problems: string[] }}
 */
export function loadConfig(path) {
	const problems = [];
	let config;
	try {
		config = JSON.parse(readFileSync(path, 'utf8'));
	} catch (error) {
		return { config: { extends: [PRESET] }, problems: [`${path}: ${error.message}`] };
	}
	if (!Array.isArray(config.extends) || !config.extends.includes(PRESET))
		problems.push(`${path}: expected "extends" to include "${PRESET}"`);
	for (const rule of Object.keys(config.rules ?? {})) {
		if (!RULE_REASONS[rule])
			problems.push(`${path}: rule "${rule}" is changed without a reason; add one to RULE_REASONS in src/verify/site-validate.mjs`);
	}
	for (const rule of Object.keys(RULE_REASONS)) {
		if (!(rule in (config.rules ?? {})))
			problems.push(`src/verify/site-validate.mjs: RULE_REASONS explains "${rule}", which ${path} no longer changes; remove the reason`);
	}
	return { config, problems };
}

/**
 * The configuration loader html-validate ships re-resolves the configuration (and rebuilds its element
 * tables) for every document, which costs more than validating a page. Every page here shares one
 * configuration, so it is resolved once.
 */
class SharedConfigLoader extends StaticConfigLoader {
	#resolved;

	getConfigFor(handle, override) {
		if (override) return super.getConfigFor(handle, override);
		this.#resolved ??= super.getConfigFor(handle);
		return this.#resolved;
	}
}

/** A validator for `config`: `validate(text, file)` returns `[{ line, column, rule, message }]`. */
export function createValidator(config) {
	const htmlvalidate = new HtmlValidate(new SharedConfigLoader(config));
	return (text, file) => {
		const report = htmlvalidate.validateStringSync(text, file);
		return report.results.flatMap((r) => r.messages.map((m) => ({ line: m.line, column: m.column, rule: m.ruleId, message: m.message })));
	};
}
