import { MANY_PARAMETERS } from '../../../taxonomy.ts';
import type { SignalRule } from '../../types.ts';

/** Flags schemas with many parameters, counting nested properties (`attachments[].url` counts). */
export const manyParameters: SignalRule = {
	id: 'signal/many-parameters',
	signal: 'many-parameters',
	detect(ctx) {
		const n = ctx.parameters.length;
		if (n < MANY_PARAMETERS) return [];
		const known = ctx.parameters.every((p) => p.knownOnly);
		return [{ rule: this.id, source: known ? 'known-parameter' : 'schema', field: 'inputSchema', match: `${n} properties` }];
	},
};
