import { declaresNothing } from '../../../content/parameters.ts';
import type { SignalRule } from '../../types.ts';
import { paramEvidence } from './_helpers.ts';

/** Parameters (or array items) that are objects with no declared properties and no ban on extra keys. */
export const freeFormObject: SignalRule = {
	id: 'signal/free-form-object',
	signal: 'free-form-object',
	detect(ctx) {
		const found = ctx.parameters.flatMap((p) =>
			p.freeFormAt === undefined
				? []
				: [{ ...paramEvidence(this.id, p, `${p.freeFormAt}: object with no declared properties`), field: p.freeFormAt }],
		);
		const root = ctx.tool.inputSchema;
		const open = root?.additionalProperties;
		if (root && declaresNothing(root)) {
			found.push({
				rule: this.id,
				source: 'schema',
				field: 'inputSchema',
				match: 'the schema declares no type or properties, so any arguments are accepted',
			});
		} else if (root && (open === true || (typeof open === 'object' && open !== null))) {
			found.push({ rule: this.id, source: 'schema', field: 'inputSchema', match: 'additionalProperties allows arbitrary arguments' });
		}
		return found;
	},
};
