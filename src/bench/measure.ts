/**
 * The benchmark's pure parts, unit-tested: page types, percentiles, the process-tree memory sampler's
 * arithmetic, the asset references of a page, and the Markdown report.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The page type of a built page, from its URL path. */
export function pageTypeOf(path: string): string {
	const first = path.replace(/^\/+/, '').split('/')[0] ?? '';
	if (first === '' || first === 'index.html') return 'home';
	if (['tools', 'servers', 'categories', 'signals', 'risk', 'attacks', 'search'].includes(first)) return first;
	return 'other';
}

/** The value at quantile q (0–1) of a list, by the nearest-rank method. */
export function percentile(values: readonly number[], q: number): number {
	if (values.length === 0) return 0;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.max(1, Math.ceil(q * sorted.length));
	return sorted[rank - 1]!;
}

/** Stylesheets and scripts a page loads from its own site (`/_astro/x.css`, `/_astro/y.js`). */
export function assetsOf(html: string): { css: string[]; js: string[] } {
	const css: string[] = [];
	const js: string[] = [];
	for (const m of html.matchAll(/<link\b[^>]*>/g)) {
		const tag = m[0];
		const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
		if (href && /\brel="stylesheet"/.test(tag) && href.startsWith('/')) css.push(href);
	}
	for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) if (m[1]!.startsWith('/')) js.push(m[1]!);
	return { css, js };
}

/** Static `import` specifiers of an ES module bundle (what the browser fetches right after it). */
export function staticImportsOf(code: string): string[] {
	const out: string[] = [];
	for (const m of code.matchAll(/(?:^|[;}\n])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']/g)) out.push(m[1]!);
	return out;
}

export interface ProcessSample {
	pid: number;
	ppid: number;
	comm: string;
	rssBytes: number;
}

/** Reads every process's pid, parent, command name and resident size from /proc (Linux). */
export function readProcesses(pageSize = 4096): ProcessSample[] {
	const out: ProcessSample[] = [];
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const stat = readFileSync(join('/proc', name, 'stat'), 'utf8');
			// comm is parenthesised and may hold spaces or parentheses: split after the last ')'. Node
			// renames its main thread (`MainThread`), so the program is named by argv[0] where readable.
			const close = stat.lastIndexOf(')');
			const argv0 = readFileSync(join('/proc', name, 'cmdline'), 'utf8').split('\0')[0] ?? '';
			const comm = argv0 ? argv0.split('/').pop()! : stat.slice(stat.indexOf('(') + 1, close);
			const fields = stat.slice(close + 2).split(' ');
			const ppid = Number(fields[1]);
			const rssPages = Number(fields[21]);
			out.push({ pid: Number(name), ppid, comm, rssBytes: rssPages * pageSize });
		} catch {
			// The process ended between listing and reading.
		}
	}
	return out;
}

/** The processes descending from `root` (itself included). */
export function treeOf(root: number, processes: readonly ProcessSample[]): ProcessSample[] {
	const children = new Map<number, ProcessSample[]>();
	for (const p of processes) {
		const siblings = children.get(p.ppid);
		if (siblings) siblings.push(p);
		else children.set(p.ppid, [p]);
	}
	const out: ProcessSample[] = [];
	const queue = processes.filter((p) => p.pid === root);
	while (queue.length) {
		const p = queue.shift()!;
		out.push(p);
		queue.push(...(children.get(p.pid) ?? []));
	}
	return out;
}

/** Peak memory of a process tree over time: the whole tree's sum, and the largest single process by command. */
export class MemoryPeak {
	tree = 0;
	readonly byCommand = new Map<string, number>();

	add(tree: readonly ProcessSample[]): void {
		this.tree = Math.max(
			this.tree,
			tree.reduce((s, p) => s + p.rssBytes, 0),
		);
		for (const p of tree) this.byCommand.set(p.comm, Math.max(this.byCommand.get(p.comm) ?? 0, p.rssBytes));
	}
}

export const MB = 1024 * 1024;
export const fmtMB = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
export const fmtKB = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const fmtS = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** A Markdown table from a header row and body rows. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
	const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
	return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
