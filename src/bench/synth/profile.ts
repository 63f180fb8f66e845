/**
 * The measured shape of a catalogue: the distributions a synthetic benchmark catalogue copies. Each is
 * computed from real content files (tools per server, name words and styles, description lengths and
 * words, schema sizes, nesting, property types, annotations and how they relate to our category), so
 * the generated catalogue exercises the classifier, the pages and the search index the way the real
 * one does. `summarise` reduces any catalogue (real or generated) to the numbers printed side by side.
 */
import { classifyTool } from '../../lib/judge/classify.ts';
import { tokenize } from '../../lib/judge/tokens.ts';
import { declaresNothing, listParameters } from '../../lib/content/parameters.ts';
import type { ServerFile } from '../../lib/content/server.ts';
import { CATEGORY_IDS, SIGNAL_IDS, type Category, type SignalId } from '../../lib/taxonomy.ts';
import { countsOf } from './random.ts';

export type NameStyle = 'snake' | 'camel' | 'kebab' | 'dotted' | 'single';
export const HINTS = ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const;
export type Hint = (typeof HINTS)[number];
export const PROPERTY_TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'object', 'enum', 'untyped'] as const;
export type PropertyType = (typeof PROPERTY_TYPES)[number];
export type RootShape = 'empty' | 'open' | 'closed' | 'plain';

export function rootShapeOf(schema: unknown): RootShape {
	if (!isObject(schema) || declaresNothing(schema)) return 'empty';
	const extra = schema['additionalProperties'];
	if (extra === false) return 'closed';
	if (extra === true || isObject(extra)) return 'open';
	return 'plain';
}

/** Declared annotations among tools of one inferred category: how often a tool declares any, and each hint's true share. */
export interface HintProfile {
	tools: number;
	annotated: number;
	/** Per hint: [declared, declared true]. */
	hints: Record<Hint, [number, number]>;
}

export interface Profile {
	source: { servers: number; tools: number };
	/** Empirical values, one per server / tool, sorted ascending. */
	toolsPerServer: number[];
	wordsPerName: number[];
	descriptionLengths: number[];
	topLevelProperties: number[];
	/** Per property below the top level: how deep (1 = inside a top-level object or array of objects). */
	nestedDepths: number[];
	nameStyles: [NameStyle, number][];
	firstWords: [string, number][];
	otherWords: [string, number][];
	/** Words that start descriptions and word-to-next-word counts: a bigram model of the descriptions. */
	descriptionStarts: [string, number][];
	descriptionBigrams: Record<string, [string, number][]>;
	propertyNames: [string, number][];
	/** Property names seen on tools whose name starts with a given word (so `send_*` tools get `to`, `body`). */
	propertyNamesByFirstWord: Record<string, [string, number][]>;
	/** How the root input schema is shaped: declares nothing, allows extra keys, forbids them, or says neither. */
	rootShapes: [RootShape, number][];
	propertyTypes: [PropertyType, number][];
	/** Of object and array properties, the share that declare properties of their own (directly or as items). */
	nestingShare: number;
	/** For each such nesting property, how many child properties it declares; sorted ascending. */
	childrenPerNesting: number[];
	/** Share of properties that are required and that carry a description; share of tools with a title. */
	requiredShare: number;
	describedShare: number;
	titleShare: number;
	hintsByCategory: Record<Category, HintProfile>;
}

/** The numbers printed for a catalogue, real or generated, so the two can be compared. */
export interface Summary {
	servers: number;
	tools: number;
	toolsPerServer: Quantiles;
	descriptionLength: Quantiles;
	parameters: Quantiles;
	nestedShare: number;
	annotatedShare: number;
	nameStyles: Record<NameStyle, number>;
	categories: Record<Category, number>;
	signals: Partial<Record<SignalId, number>>;
}

export interface Quantiles {
	median: number;
	p90: number;
	max: number;
	mean: number;
}

export function quantiles(values: readonly number[]): Quantiles {
	if (values.length === 0) return { median: 0, p90: 0, max: 0, mean: 0 };
	const sorted = [...values].sort((a, b) => a - b);
	const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
	return {
		median: at(0.5),
		p90: at(0.9),
		max: sorted.at(-1)!,
		mean: Math.round((sorted.reduce((s, v) => s + v, 0) / sorted.length) * 100) / 100,
	};
}

export function nameStyleOf(name: string): NameStyle {
	if (name.includes('_')) return 'snake';
	if (name.includes('-')) return 'kebab';
	if (name.includes('.')) return 'dotted';
	if (/[a-z][A-Z]/.test(name)) return 'camel';
	return 'single';
}

/** Description words as the bigram model sees them: whitespace-separated, trailing punctuation kept. */
export function descriptionWords(text: string): string[] {
	return text.split(/\s+/).filter((w) => w.length > 0 && w.length <= 40 && !/[<>`{}\\]/.test(w));
}

interface SchemaNode {
	type?: unknown;
	enum?: unknown;
	properties?: unknown;
	items?: unknown;
	required?: unknown;
	description?: unknown;
}

function propertyTypeOf(node: SchemaNode): PropertyType {
	if (Array.isArray(node.enum)) return 'enum';
	const type = Array.isArray(node.type) ? node.type.find((t) => t !== 'null') : node.type;
	return (PROPERTY_TYPES as readonly unknown[]).includes(type) ? (type as PropertyType) : 'untyped';
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Walks declared properties (not `$ref`, unions or budgets: the generator only makes plain schemas). */
function walkProperties(
	schema: unknown,
	depth: number,
	visit: (name: string, node: SchemaNode, required: boolean, depth: number) => void,
): void {
	if (!isObject(schema) || depth > 6) return;
	const props = schema['properties'];
	if (!isObject(props)) return;
	const required = new Set(Array.isArray(schema['required']) ? schema['required'].filter((r): r is string => typeof r === 'string') : []);
	for (const [name, node] of Object.entries(props)) {
		if (!isObject(node)) continue;
		visit(name, node, required.has(name), depth);
		walkProperties(node, depth + 1, visit);
		if (isObject(node['items'])) walkProperties(node['items'], depth + 1, visit);
	}
}

function emptyHints(): HintProfile {
	return { tools: 0, annotated: 0, hints: Object.fromEntries(HINTS.map((h) => [h, [0, 0]])) as Record<Hint, [number, number]> };
}

/** Measures a catalogue. Linear in the total size of the definitions. */
export function profileOf(servers: readonly ServerFile[]): Profile {
	const toolsPerServer: number[] = [];
	const wordsPerName: number[] = [];
	const descriptionLengths: number[] = [];
	const topLevelProperties: number[] = [];
	const nestedDepths: number[] = [];
	const styles: NameStyle[] = [];
	const firstWords: string[] = [];
	const otherWords: string[] = [];
	const starts: string[] = [];
	const bigrams = new Map<string, Map<string, number>>();
	const propertyNames: string[] = [];
	const byFirst = new Map<string, string[]>();
	const rootShapes: RootShape[] = [];
	const propertyTypes: PropertyType[] = [];
	let properties = 0;
	let containers = 0;
	const childrenPerNesting: number[] = [];
	let required = 0;
	let described = 0;
	let titled = 0;
	const hintsByCategory = Object.fromEntries(CATEGORY_IDS.map((c) => [c, emptyHints()])) as Record<Category, HintProfile>;
	let tools = 0;

	for (const server of servers) {
		toolsPerServer.push(server.tools.length);
		for (const entry of server.tools) {
			const def = entry.definition;
			tools++;
			styles.push(nameStyleOf(def.name));
			const words = tokenize(def.name);
			wordsPerName.push(Math.max(1, words.length));
			if (words[0]) firstWords.push(words[0]);
			otherWords.push(...words.slice(1));
			if (def.title) titled++;
			const description = def.description ?? '';
			descriptionLengths.push(description.length);
			const dw = descriptionWords(description);
			if (dw[0]) starts.push(dw[0]);
			for (let i = 0; i + 1 < dw.length; i++) {
				const next = bigrams.get(dw[i]!) ?? new Map<string, number>();
				next.set(dw[i + 1]!, (next.get(dw[i + 1]!) ?? 0) + 1);
				bigrams.set(dw[i]!, next);
			}
			let top = 0;
			rootShapes.push(rootShapeOf(def.inputSchema ?? {}));
			const sameVerb = words[0] ? (byFirst.get(words[0]) ?? byFirst.set(words[0], []).get(words[0])!) : undefined;
			walkProperties(def.inputSchema ?? {}, 0, (name, node, isRequired, depth) => {
				properties++;
				if (depth === 0) top++;
				else nestedDepths.push(depth);
				propertyNames.push(name);
				sameVerb?.push(name);
				const type = propertyTypeOf(node);
				propertyTypes.push(type);
				if (type === 'object' || type === 'array') {
					containers++;
					const inner = isObject(node.properties)
						? node.properties
						: isObject(node.items) && isObject(node.items['properties'])
							? node.items['properties']
							: undefined;
					if (inner) childrenPerNesting.push(Object.keys(inner).length);
				}
				if (isRequired) required++;
				if (typeof node.description === 'string' && node.description.length > 0) described++;
			});
			topLevelProperties.push(top);
			// How declared hints relate to what we infer: judged without the annotations, as the generator does.
			const { annotations: _ignored, ...bare } = def;
			const category = classifyTool({ definition: bare, knownParameters: entry.knownParameters }).category;
			const h = hintsByCategory[category];
			h.tools++;
			const annotations = def.annotations;
			if (annotations && HINTS.some((k) => typeof annotations[k] === 'boolean')) {
				h.annotated++;
				for (const k of HINTS) {
					if (typeof annotations[k] !== 'boolean') continue;
					h.hints[k][0]++;
					if (annotations[k]) h.hints[k][1]++;
				}
			}
		}
	}

	const sortNum = (v: number[]) => v.sort((a, b) => a - b);
	return {
		source: { servers: servers.length, tools },
		toolsPerServer: sortNum(toolsPerServer),
		wordsPerName: sortNum(wordsPerName),
		descriptionLengths: sortNum(descriptionLengths),
		topLevelProperties: sortNum(topLevelProperties),
		nestedDepths: sortNum(nestedDepths),
		nameStyles: countsOf(styles),
		firstWords: countsOf(firstWords),
		otherWords: countsOf(otherWords),
		descriptionStarts: countsOf(starts),
		descriptionBigrams: Object.fromEntries(
			[...bigrams]
				.sort((a, b) => a[0].localeCompare(b[0], 'en'))
				.map(([w, next]) => [w, [...next].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'en'))]),
		),
		propertyNames: countsOf(propertyNames),
		propertyNamesByFirstWord: Object.fromEntries(
			[...byFirst]
				.filter(([, names]) => names.length > 0)
				.sort((a, b) => a[0].localeCompare(b[0], 'en'))
				.map(([w, names]) => [w, countsOf(names)]),
		),
		rootShapes: countsOf(rootShapes),
		propertyTypes: countsOf(propertyTypes),
		nestingShare: containers ? childrenPerNesting.length / containers : 0,
		childrenPerNesting: sortNum(childrenPerNesting),
		requiredShare: properties ? required / properties : 0,
		describedShare: properties ? described / properties : 0,
		titleShare: tools ? titled / tools : 0,
		hintsByCategory,
	};
}

/**
 * Accumulates the comparable numbers of a catalogue one server at a time (a generated catalogue of
 * 250,000 tools is never held in memory whole). Classifies every tool it is given.
 */
export class SummaryBuilder {
	#servers = 0;
	#tools = 0;
	#nested = 0;
	#annotated = 0;
	readonly #toolsPerServer: number[] = [];
	readonly #descriptionLength: number[] = [];
	readonly #parameters: number[] = [];
	readonly #styles = Object.fromEntries((['snake', 'camel', 'kebab', 'dotted', 'single'] as const).map((s) => [s, 0])) as Record<
		NameStyle,
		number
	>;
	readonly #categories = Object.fromEntries(CATEGORY_IDS.map((c) => [c, 0])) as Record<Category, number>;
	readonly #signals: Partial<Record<SignalId, number>> = {};

	add(server: ServerFile): void {
		this.#servers++;
		this.#toolsPerServer.push(server.tools.length);
		for (const entry of server.tools) {
			this.#tools++;
			const def = entry.definition;
			this.#descriptionLength.push((def.description ?? '').length);
			const { parameters } = listParameters(def.inputSchema ?? {});
			this.#parameters.push(parameters.length);
			if (parameters.some((p) => p.depth > 0)) this.#nested++;
			if (def.annotations && HINTS.some((k) => typeof def.annotations?.[k] === 'boolean')) this.#annotated++;
			this.#styles[nameStyleOf(def.name)]++;
			const judgement = classifyTool({ definition: def, knownParameters: entry.knownParameters });
			this.#categories[judgement.category]++;
			for (const s of judgement.signals) this.#signals[s.id] = (this.#signals[s.id] ?? 0) + 1;
		}
	}

	result(): Summary {
		const tools = this.#tools;
		const share = (n: number) => (tools ? Math.round((n / tools) * 1000) / 1000 : 0);
		const shares = <K extends string>(counts: Record<K, number>) =>
			Object.fromEntries(Object.entries<number>(counts).map(([k, v]) => [k, share(v)])) as Record<K, number>;
		return {
			servers: this.#servers,
			tools,
			toolsPerServer: quantiles(this.#toolsPerServer),
			descriptionLength: quantiles(this.#descriptionLength),
			parameters: quantiles(this.#parameters),
			nestedShare: share(this.#nested),
			annotatedShare: share(this.#annotated),
			nameStyles: shares(this.#styles),
			categories: shares(this.#categories),
			signals: Object.fromEntries(SIGNAL_IDS.filter((s) => this.#signals[s]).map((s) => [s, share(this.#signals[s]!)])),
		};
	}
}

/** The comparable numbers of a whole catalogue held in memory. */
export function summarise(servers: readonly ServerFile[]): Summary {
	const builder = new SummaryBuilder();
	for (const s of servers) builder.add(s);
	return builder.result();
}
