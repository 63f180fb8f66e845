import type { APIRoute, GetStaticPaths } from 'astro';
import { getCatalogue } from '../../../../catalogue.ts';
import { policySetFor } from '../../../../lib/catalogue.ts';
import { interceptYaml, policyLayerJson } from '../../../../lib/policy/render.ts';

/** Whole-server policy downloads: `<unit>.intercept.yaml` and `<unit>.policylayer.json` per deployable unit. */
export const getStaticPaths = (async () => {
	const catalogue = await getCatalogue();
	return catalogue.servers.flatMap((s) =>
		s.units.flatMap((u) => [
			{ params: { server: s.slug, file: `${u.id}.intercept.yaml` }, props: { server: s.slug, unit: u.id, format: 'intercept' } },
			{ params: { server: s.slug, file: `${u.id}.policylayer.json` }, props: { server: s.slug, unit: u.id, format: 'policylayer' } },
		]),
	);
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
	const catalogue = await getCatalogue();
	const unit = catalogue.server(props.server as string)!.units.find((u) => u.id === props.unit)!;
	const set = policySetFor(unit.name, unit.tools);
	return props.format === 'intercept'
		? new Response(interceptYaml(set), { headers: { 'Content-Type': 'application/yaml' } })
		: new Response(policyLayerJson(set), { headers: { 'Content-Type': 'application/json' } });
};
