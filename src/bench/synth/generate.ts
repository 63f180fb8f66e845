/**
 * A synthetic catalogue for benchmarks: N servers and M tools drawn from a measured `Profile`, so names,
 * descriptions, schema sizes and nesting, annotations and the category mix follow the real catalogue.
 * Deterministic: the same profile, counts and seed give the same files byte for byte. Servers are
 * produced one at a time (a generator), so 250,000 tools never sit in memory together.
 *
 * Every generated file is a valid content file (built through `buildServerFile`, so the schema and the
 * tool-list hash are checked) and says plainly in its provenance that it is synthetic.
 */
import { classifyTool } from '../../lib/judge/classify.ts';
import type { McpTool } from '../../lib/content/mcp-tool.ts';
import type { ServerFile } from '../../lib/content/server.ts';
import { buildServerFile } from '../../lib/content/server-file.ts';
import type { Category } from '../../lib/taxonomy.ts';
import { HINTS, type NameStyle, type Profile, type PropertyType, type RootShape } from './profile.ts';
import { Random, Weighted } from './random.ts';

export const SYNTH_SCANNER = 'toolrisk-synth/1';
/** Longest generated description: the real catalogue has a few very long ones; pages clip them anyway. */
const MAX_DESCRIPTION = 12_000;
/** Deepest nesting generated (real schemas rarely go past 3). */
const MAX_DEPTH = 4;

export interface GenerateOptions {
	servers: number;
	tools: number;
	seed: string;
	/** Slug prefix, so generated servers never collide with real ones. */
	prefix?: string;
	/** The date recorded as scan date of the first server; later servers spread over the following year. */
	epoch?: string;
}

/** Splits `total` tools over `counts.length` servers in proportion to `counts`, at least one each, summing exactly to `total`. */
export function apportion(counts: readonly number[], total: number): number[] {
	const n = counts.length;
	if (n === 0) return [];
	if (total < n) throw new RangeError(`cannot give ${n} servers at least one tool each from ${total} tools`);
	const sum = counts.reduce((s, c) => s + c, 0) || n;
	const spare = total - n;
	const exact = counts.map((c) => (c / sum) * spare);
	const out = exact.map((x) => 1 + Math.floor(x));
	let left = total - out.reduce((s, c) => s + c, 0);
	// Largest remainders first; ties by position, so the split is deterministic.
	const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
	for (let k = 0; left > 0; k = (k + 1) % n, left--) out[order[k]![1]]! += 1;
	return out;
}

class Sampler {
	readonly random: Random;
	readonly #profile: Profile;
	readonly #styles: Weighted<NameStyle>;
	readonly #first: Weighted<string>;
	readonly #other: Weighted<string>;
	readonly #starts: Weighted<string>;
	readonly #propertyNames: Weighted<string>;
	readonly #propertyTypes: Weighted<PropertyType>;
	readonly #rootShapes: Weighted<RootShape>;
	readonly #namesByFirst = new Map<string, Weighted<string>>();
	/** The tool being generated: its first name word, which steers its property names. */
	#verb = '';
	readonly #next = new Map<string, Weighted<string> | null>();

	constructor(profile: Profile, seed: string) {
		if (profile.source.tools === 0) throw new Error('the profile has no tools to learn from');
		this.random = new Random(seed);
		this.#profile = profile;
		this.#styles = new Weighted(profile.nameStyles);
		this.#first = new Weighted(profile.firstWords);
		this.#other = new Weighted(profile.otherWords.length ? profile.otherWords : profile.firstWords);
		this.#starts = new Weighted(profile.descriptionStarts.length ? profile.descriptionStarts : [['Returns', 1]]);
		this.#propertyNames = new Weighted(profile.propertyNames.length ? profile.propertyNames : [['value', 1]]);
		this.#propertyTypes = new Weighted(profile.propertyTypes.length ? profile.propertyTypes : [['string', 1]]);
		this.#rootShapes = new Weighted(profile.rootShapes.length ? profile.rootShapes : [['plain', 1]]);
		for (const [word, names] of Object.entries(profile.propertyNamesByFirstWord)) this.#namesByFirst.set(word, new Weighted(names));
	}

	/** A value from an empirical distribution (a sorted list of observations). */
	empirical(values: readonly number[], fallback = 0): number {
		return values.length ? this.random.pick(values) : fallback;
	}

	name(): string {
		const style = this.#styles.sample(this.random);
		const count = style === 'single' ? 1 : Math.max(2, this.empirical(this.#profile.wordsPerName, 2));
		const words = [this.#first.sample(this.random)];
		this.#verb = words[0]!;
		while (words.length < count) words.push(this.#other.sample(this.random));
		switch (style) {
			case 'camel':
				return words.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('');
			case 'kebab':
				return words.join('-');
			case 'dotted':
				return words.join('.');
			case 'single':
				return words[0]!;
			default:
				return words.join('_');
		}
	}

	/** Text from the description bigram model, about `length` characters long. */
	text(length: number): string {
		const out: string[] = [];
		let size = 0;
		let word = this.#starts.sample(this.random);
		while (size < length) {
			out.push(word);
			size += word.length + 1;
			let next = this.#next.get(word);
			if (next === undefined) {
				const seen = this.#profile.descriptionBigrams[word];
				next = seen && seen.length ? new Weighted(seen) : null;
				this.#next.set(word, next);
			}
			word = next && !this.random.chance(0.03) ? next.sample(this.random) : this.#starts.sample(this.random);
		}
		return out.join(' ').slice(0, MAX_DESCRIPTION);
	}

	description(): string | undefined {
		const length = this.empirical(this.#profile.descriptionLengths, 80);
		return length === 0 ? undefined : this.text(length);
	}

	title(name: string): string | undefined {
		if (!this.random.chance(this.#profile.titleShare)) return undefined;
		return name
			.split(/[_\-.]|(?=[A-Z])/)
			.filter(Boolean)
			.map((w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase())
			.join(' ');
	}

	/** An object schema with `count` properties, nesting as often as the profile's schemas do. */
	objectSchema(count: number, depth: number): Record<string, unknown> {
		const properties: Record<string, unknown> = {};
		const required: string[] = [];
		for (let i = 0; i < count; i++) {
			// Mostly names seen with this verb (real schemas correlate with what the tool does), else any name.
			const sameVerb = this.#namesByFirst.get(this.#verb);
			let name = (sameVerb && this.random.chance(0.8) ? sameVerb : this.#propertyNames).sample(this.random);
			for (let k = 2; Object.hasOwn(properties, name); k++) name = `${name.replace(/_\d+$/, '')}_${k}`;
			properties[name] = this.property(depth);
			if (this.random.chance(this.#profile.requiredShare)) required.push(name);
		}
		const schema: Record<string, unknown> = { type: 'object', properties };
		if (required.length) schema['required'] = required;
		return schema;
	}

	property(depth: number): Record<string, unknown> {
		let type = this.#propertyTypes.sample(this.random);
		if ((type === 'object' || type === 'array') && depth >= MAX_DEPTH) type = 'string';
		const node: Record<string, unknown> = {};
		const nests = (type === 'object' || type === 'array') && this.random.chance(this.#profile.nestingShare);
		const children = () => Math.max(1, this.empirical(this.#profile.childrenPerNesting, 2));
		switch (type) {
			case 'enum':
				node['type'] = 'string';
				node['enum'] = [...new Set(Array.from({ length: 2 + this.random.int(5) }, () => this.#other.sample(this.random)))];
				break;
			case 'untyped':
				break;
			case 'object':
				if (nests) Object.assign(node, this.objectSchema(children(), depth + 1));
				else node['type'] = 'object';
				break;
			case 'array':
				node['type'] = 'array';
				node['items'] = nests ? this.objectSchema(children(), depth + 1) : { type: 'string' };
				break;
			default:
				node['type'] = type;
		}
		if (this.random.chance(this.#profile.describedShare)) node['description'] = this.text(20 + this.random.int(80));
		return node;
	}

	/** Annotations as servers of tools of this category declare them (often none). */
	annotations(category: Category): McpTool['annotations'] {
		const h = this.#profile.hintsByCategory[category];
		if (h.tools === 0 || !this.random.chance(h.annotated / h.tools)) return undefined;
		const out: Record<string, boolean> = {};
		for (const hint of HINTS) {
			const [declared, yes] = h.hints[hint];
			if (declared > 0 && this.random.chance(declared / h.annotated)) out[hint] = this.random.chance(yes / declared);
		}
		return Object.keys(out).length ? out : undefined;
	}

	tool(taken: Set<string>): McpTool {
		let name = this.name();
		for (let k = 2; taken.has(name); k++) name = `${name}_${k}`;
		taken.add(name);
		const title = this.title(name);
		const description = this.description();
		const shape = this.#rootShapes.sample(this.random);
		const inputSchema = shape === 'empty' ? {} : this.objectSchema(this.empirical(this.#profile.topLevelProperties, 1), 0);
		if (shape === 'open') inputSchema['additionalProperties'] = true;
		if (shape === 'closed') inputSchema['additionalProperties'] = false;
		const tool: McpTool = { name, ...(title && { title }), ...(description !== undefined && { description }), inputSchema };
		const annotations = this.annotations(classifyTool({ definition: tool }).category);
		return annotations ? { ...tool, annotations } : tool;
	}
}

function dateAfter(epoch: string, days: number): string {
	const d = new Date(`${epoch}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

/** Yields the generated servers in slug order. */
export function* generateCatalogue(profile: Profile, options: GenerateOptions): Generator<ServerFile> {
	const { servers, tools, seed, prefix = 'synth', epoch = '2026-01-05' } = options;
	if (!Number.isInteger(servers) || servers < 1) throw new RangeError('servers must be a positive integer');
	if (!Number.isInteger(tools) || tools < servers) throw new RangeError('tools must be an integer, at least one per server');
	const sampler = new Sampler(profile, seed);
	const counts = apportion(
		Array.from({ length: servers }, () => sampler.empirical(profile.toolsPerServer, 1)),
		tools,
	);
	const width = String(servers).length;
	for (let i = 0; i < servers; i++) {
		const word =
			sampler
				.name()
				.toLowerCase()
				.replace(/[^a-z0-9]+/g, '-')
				.replace(/^-+|-+$/g, '') || 'server';
		const slug = `${prefix}-${String(i + 1).padStart(width, '0')}-${word}`.slice(0, 80).replace(/-+$/, '');
		const version = `1.${i % 17}.${i % 5}`;
		const pkg = `@toolrisk-synth/${slug}`;
		const taken = new Set<string>();
		const definitions = Array.from({ length: counts[i]! }, () => sampler.tool(taken));
		const description = sampler.description();
		yield buildServerFile(
			{
				slug,
				name: `${word
					.split('-')
					.map((w) => w[0]!.toUpperCase() + w.slice(1))
					.join(' ')} (synthetic ${i + 1})`,
				...(description !== undefined && { description: description.slice(0, 300) }),
				distributions: [{ kind: 'npm', package: pkg, version, transport: 'stdio', args: [], env: [] }],
				provenance: {
					method: 'scan',
					obtainedAt: dateAfter(epoch, i % 330),
					sources: [{ title: 'Synthetic benchmark catalogue: not a real server', ref: `synth-catalogue seed=${seed} server=${i + 1}` }],
					scan: { scanner: SYNTH_SCANNER, transport: 'stdio', target: `${pkg}@${version}`, pages: 1 },
					completeness: 'complete',
					notes:
						'Generated by scripts/synth-catalogue.ts for benchmarks; the tools follow the measured distributions of the real catalogue.',
				},
				tools: definitions.map((definition) => ({ definition })),
			},
			`${slug}.json`,
		);
	}
}
