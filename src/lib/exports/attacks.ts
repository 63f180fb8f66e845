/** `/api/attacks.json`: every attack entry's facts (frontmatter) with its exposure counts; the prose stays on the pages. */
import type { AttackIndex } from '../present/attacks.ts';
import { parseExport } from './parse.ts';
import { absolute, PATHS, schemaPath } from './paths.ts';
import { attacksExportSchema, type AttacksExport } from './shapes.ts';

export function attacksExport(index: AttackIndex, site: URL): AttacksExport {
	const value = {
		$schema: absolute(site, schemaPath('attacks')),
		count: index.attacks.length,
		attacks: index.attacks.map((a) => {
			const exposure = index.exposure(a.slug);
			return {
				slug: a.slug,
				url: `/attacks/${a.slug}/`,
				...a.data,
				exposure: { tools: exposure.total, servers: exposure.servers.map((s) => ({ server: s.server, tools: s.count })) },
			};
		}),
	};
	return parseExport(attacksExportSchema, value, PATHS.attacks);
}
