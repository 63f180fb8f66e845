/**
 * The "Run it" section of a server page: for each way the server can be obtained, the command that puts
 * Intercept in front of it and the client snippets (`policy/gateway.ts` holds every gateway and client
 * fact). Also the example arguments the "try a call" boxes start from, read from a tool's input schema.
 */
import type { Parameter } from '../content/parameters.ts';
import type { Distribution } from '../content/server.ts';
import { runIt, type EnvVar, type RunIt, type Upstream } from '../policy/gateway.ts';

/** How the gateway reaches a distribution: the same launch line the page shows under "runs as". */
export function upstreamOf(d: Distribution): Upstream {
	switch (d.kind) {
		case 'npm':
			return { kind: 'stdio', command: 'npx', args: ['-y', `${d.package}@${d.version}`, ...d.args] };
		case 'pypi':
			return { kind: 'stdio', command: 'uvx', args: [d.version ? `${d.package}==${d.version}` : d.package, ...d.args] };
		case 'oci':
			return {
				kind: 'stdio',
				command: 'docker',
				args: ['run', '-i', '--rm', ...d.env.flatMap((e) => ['-e', e.name]), d.image],
			};
		case 'remote':
			return { kind: 'remote', url: d.url };
	}
}

/** The variables the client must set for a distribution (a remote server's are sent as headers instead). */
export function envOf(d: Distribution): EnvVar[] {
	if (d.kind === 'remote') return [];
	return d.env.filter((e) => e.required || e.secret).map((e) => ({ name: e.name, placeholder: `<your ${e.name}>` }));
}

export interface RunItOption {
	/** A short label: "npm package resend-mcp@2.22.0", "remote server (streamable HTTP)". */
	label: string;
	kind: Distribution['kind'];
	/** Words about the upstream's authentication, for remote servers. */
	auth?: string;
	/** The unit the snippets are for, when the server has several. */
	unit?: string;
	run: RunIt;
}

/**
 * One option per distribution (per unit, when the server ships several sub-servers); `name` is the key
 * the client entry gets (the server's slug, or `<slug>-<unit>`).
 */
export function runItOptions(
	slug: string,
	distributions: readonly Distribution[],
	units: readonly { id: string }[],
	label: (d: Distribution) => string,
): RunItOption[] {
	const out: RunItOption[] = [];
	for (const d of distributions) {
		for (const u of units) {
			const name = units.length > 1 ? `${slug}-${u.id}` : slug;
			out.push({
				label: label(d),
				kind: d.kind,
				...(d.kind === 'remote' && d.auth ? { auth: d.auth } : {}),
				...(units.length > 1 ? { unit: u.id } : {}),
				run: runIt(name, upstreamOf(d), `${u.id}.intercept.yaml`, envOf(d)),
			});
		}
	}
	return out;
}

/** A value to start a try-a-call box with, from one parameter's schema facts. */
function exampleValue(p: Parameter): unknown {
	if (p.enum && p.enum.length > 0) return p.enum[0];
	if (p.hasDefault && p.default !== undefined) return p.default;
	const type = p.types[0];
	if (type === 'integer' || type === 'number') return 1;
	if (type === 'boolean') return false;
	if (type === 'array') return [];
	if (type === 'object') return {};
	if (type === 'null') return null;
	if (p.format === 'uri' || p.format === 'url') return 'https://example.com/';
	return '';
}

/** The arguments a try-a-call box starts with: every required top-level parameter, with a plain value. */
export function exampleArguments(parameters: readonly Parameter[]): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const p of parameters) {
		if (p.depth !== 0 || !p.required) continue;
		Object.defineProperty(out, p.name, { value: exampleValue(p), enumerable: true, writable: true, configurable: true });
	}
	return out;
}
