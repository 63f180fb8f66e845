import type { APIRoute, GetStaticPaths } from 'astro';
import { getCatalogue, primaryOnly, unitPolicies } from '../../../../build/data.ts';

/** Whole-server policy downloads: `<unit>.intercept.yaml` and `<unit>.policylayer.json` per deployable unit. */
export const getStaticPaths = primaryOnly((async () => {
	const catalogue = await getCatalogue();
	return catalogue.servers.flatMap((s) =>
		s.units.flatMap((u) => [
			{ params: { server: s.slug, file: `${u.id}.intercept.yaml` }, props: { server: s.slug, unit: u.id, format: 'intercept' } },
			{ params: { server: s.slug, file: `${u.id}.policylayer.json` }, props: { server: s.slug, unit: u.id, format: 'policylayer' } },
		]),
	);
}) satisfies GetStaticPaths);

export const GET: APIRoute = async ({ props }) => {
	const catalogue = await getCatalogue();
	const texts = unitPolicies(catalogue.server(props.server as string)!)[props.unit as string]!;
	return props.format === 'intercept'
		? new Response(texts.yaml, { headers: { 'Content-Type': 'application/yaml' } })
		: new Response(texts.json, { headers: { 'Content-Type': 'application/json' } });
};
