import type { Distribution } from './server.ts';

/** How to run or reach a server, as a command or URL a reader can use. */
export function runLine(d: Distribution): string {
	switch (d.kind) {
		case 'npm':
			return ['npx', '-y', `${d.package}@${d.version}`, ...d.args].join(' ');
		case 'pypi':
			return ['uvx', d.version ? `${d.package}==${d.version}` : d.package, ...d.args].join(' ');
		case 'oci':
			return `docker run -i --rm ${d.image}`;
		case 'remote':
			return d.url;
	}
}

/** A short label for the distribution kind. */
export function distributionLabel(d: Distribution): string {
	switch (d.kind) {
		case 'npm':
			return `npm package ${d.package}@${d.version}`;
		case 'pypi':
			return `PyPI package ${d.package}${d.version ? `==${d.version}` : ''}`;
		case 'oci':
			return `container image ${d.image}`;
		case 'remote':
			return `remote server (${d.transport === 'sse' ? 'HTTP+SSE' : 'streamable HTTP'})`;
	}
}
