import type { SignalRule } from '../../types.ts';
import { paramEvidence } from './_helpers.ts';

const WORDS = new Set(['html', 'body', 'template', 'markup', 'mjml', 'svg', 'xhtml', 'jinja', 'handlebars', 'mustache']);
const DESCRIPTION = /\b(html|template|markup|jinja2?|handlebars|mustache|liquid template)\b/i;

/** Parameters that take raw markup, templates or a message body. */
export const rawContent: SignalRule = {
	id: 'signal/raw-content',
	signal: 'raw-content',
	detect(ctx) {
		return ctx.parameters.flatMap((p) => {
			const last = p.tokens.at(-1);
			if (last !== undefined && WORDS.has(last)) return [paramEvidence(this.id, p)];
			// Identifiers of templates (`template_id`, `template_name`) are not the markup itself.
			const identifier = last !== undefined && ['id', 'ids', 'name', 'names', 'type', 'key'].includes(last);
			const stringish = p.types.length === 0 || p.types.includes('string');
			const m = stringish && !identifier && p.description ? DESCRIPTION.exec(p.description) : null;
			return m ? [paramEvidence(this.id, p, `${p.name}: "${m[0]}"`)] : [];
		});
	},
};
