/**
 * The composer's data as a server page carries it, packed. A server page holds, for every tool, the
 * facts its policy depends on, its risk level and the arguments "try a call" starts with; written as
 * plain objects inside an HTML attribute, every key repeats per tool and every quote becomes `&quot;`,
 * which made the composer most of the heaviest server pages (117 kB of Hostinger's 199 kB page). Packed:
 *
 * - keys once per unit, values by position (`tools[i]`, `categories[i]`, `levels[i]`, `examples[i]`);
 * - each category and level as one digit indexing the lists at the top (the values the page uses, in
 *   order of first use), so the browser needs no taxonomy (and no zod) to read them;
 * - poisoned and outbound tools as lists of indexes (most tools are neither);
 * - argument facts as rows `[tool index, arg, signal, kind, shape?]`, without their evidence (the
 *   composer's documents never show it; tool pages do);
 * - each distinct example object once, tools pointing at it by index (most are alike: `{"id": ""}`).
 *
 * `unpackComposerData` gives back exactly the facts `packComposerData` took, evidence aside (the unit
 * test renders every fixture server's policies from both and compares them). Type imports only: the
 * server page's script imports this module with the page.
 */
import type { ArgumentFact, CheckSignal, ToolFacts } from './model.ts';
import type { ArgumentKind } from './argument-kind.ts';
import type { Category, RiskLevel } from '../taxonomy.ts';

/** One sub-server's tools as the composer uses them. */
export interface ComposerUnit {
	id: string;
	name: string;
	tools: ToolFacts[];
	/** Risk level per tool: which list its row goes in. */
	levels: RiskLevel[];
	/** Per tool, the arguments "try a call" starts with. */
	examples: Record<string, unknown>[];
}

/** An argument fact by position: tool index, argument, signal, kind and, when no check can reach it, why. */
type PackedArgument =
	[number, string, CheckSignal, ArgumentKind] | [number, string, CheckSignal, ArgumentKind, NonNullable<ArgumentFact['shape']>];

interface PackedUnit {
	id: string;
	name: string;
	tools: string[];
	/** One digit per tool: its category's index in `PackedComposerData.categories`. */
	c: string;
	/** One digit per tool: its level's index in `PackedComposerData.levels`. */
	l: string;
	/** Indexes of poisoned tools. */
	p: number[];
	/** Indexes of tools that send to recipients the agent chooses. */
	o: number[];
	a: PackedArgument[];
	/** Distinct example objects. */
	x: Record<string, unknown>[];
	/** Per tool, the index of its example in `x`. */
	e: number[];
}

export interface PackedComposerData {
	categories: Category[];
	levels: RiskLevel[];
	units: PackedUnit[];
}

/** A digit's worth of values: the lists stay single-digit (five categories, four levels). */
function indexer<T>(list: T[]): (value: T) => string {
	return (value) => {
		let at = list.indexOf(value);
		if (at < 0) at = list.push(value) - 1;
		if (at > 9) throw new Error(`composer data: more than ten distinct values (${list.join(', ')})`);
		return String(at);
	};
}

/** The composer's units, packed for the page (see the module comment). */
export function packComposerData(units: readonly ComposerUnit[]): PackedComposerData {
	const categories: Category[] = [];
	const levels: RiskLevel[] = [];
	const category = indexer(categories);
	const level = indexer(levels);
	const packed = units.map((u): PackedUnit => {
		const x: Record<string, unknown>[] = [];
		const seen = new Map<string, number>();
		const e = u.examples.map((example) => {
			const key = JSON.stringify(example);
			let at = seen.get(key);
			if (at === undefined) {
				at = x.push(example) - 1;
				seen.set(key, at);
			}
			return at;
		});
		return {
			id: u.id,
			name: u.name,
			tools: u.tools.map((t) => t.tool),
			c: u.tools.map((t) => category(t.category)).join(''),
			l: u.levels.map(level).join(''),
			p: u.tools.flatMap((t, i) => (t.poisoned ? [i] : [])),
			o: u.tools.flatMap((t, i) => (t.outbound ? [i] : [])),
			a: u.tools.flatMap((t, i) =>
				t.args.map((f): PackedArgument => (f.shape ? [i, f.arg, f.signal, f.kind, f.shape] : [i, f.arg, f.signal, f.kind])),
			),
			x,
			e,
		};
	});
	return { categories, levels, units: packed };
}

/** Evidence is not carried (see the module comment): an unpacked fact holds this in its place. */
export const NOT_CARRIED = Object.freeze({ rule: '', field: '', match: '' });

/** The units back from their packed form, in the same order, with the same facts (evidence aside). */
export function unpackComposerData(data: PackedComposerData): ComposerUnit[] {
	return data.units.map((u) => {
		const args = u.tools.map((): ArgumentFact[] => []);
		for (const [i, arg, signal, kind, shape] of u.a)
			args[i]?.push({ arg, signal, kind, evidence: { ...NOT_CARRIED }, ...(shape && { shape }) });
		const poisoned = new Set(u.p);
		const outbound = new Set(u.o);
		return {
			id: u.id,
			name: u.name,
			tools: u.tools.map((tool, i) => ({
				tool,
				category: data.categories[Number(u.c[i])]!,
				poisoned: poisoned.has(i),
				outbound: outbound.has(i),
				args: args[i]!,
			})),
			levels: u.tools.map((_, i) => data.levels[Number(u.l[i])]!),
			examples: u.e.map((at) => u.x[at] ?? {}),
		};
	});
}
