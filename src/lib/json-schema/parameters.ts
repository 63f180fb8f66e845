/**
 * Flattens a tool's input schema into the list of parameters a reader (and the classifier) cares
 * about, with nested paths in the `attachments[].url` form.
 *
 * Schemas come from third parties and are often odd: `$ref` cycles, boolean schemas, `anyOf` unions,
 * wrong types in keywords. The walk never throws, follows each `$ref` once per branch, and stops at
 * fixed depth and node budgets, reporting `truncated` when it did.
 */

/** One parameter of a tool, at any depth. */
export interface Parameter {
	/** Dotted path; array items add `[]`: `attachments[].url`. */
	path: string;
	/** The last segment of the path: the property name itself. */
	name: string;
	/** JSON Pointer into the input schema, for evidence: `/properties/attachments/items/properties/url`. */
	pointer: string;
	/** Nesting depth; top-level properties are 0. */
	depth: number;
	/** Declared JSON types, merged across `anyOf`/`oneOf`/`allOf` and `$ref`; empty when undeclared. */
	types: string[];
	description?: string;
	/** Listed in `required` by the object that declares it. */
	required: boolean;
	enum?: unknown[];
	/** The declared default, if any (`hasDefault` distinguishes a declared `null`). */
	default?: unknown;
	hasDefault: boolean;
	format?: string;
	/** Where an object with no declared properties accepts arbitrary keys (this path, or `path[]` for items). */
	freeFormAt?: string;
}

export interface ParameterList {
	parameters: Parameter[];
	/** The walk hit its depth or node budget; some parameters may be missing. */
	truncated: boolean;
}

export interface WalkLimits {
	maxDepth: number;
	maxNodes: number;
}
const DEFAULT_LIMITS: WalkLimits = { maxDepth: 24, maxNodes: 5000 };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function escapePointer(segment: string): string {
	return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Resolves a local `#/...` JSON Pointer against the root schema; anything else resolves to undefined. */
function resolveRef(root: unknown, ref: string): unknown {
	if (ref === '#') return root;
	if (!ref.startsWith('#/')) return undefined;
	let node: unknown = root;
	for (const raw of ref.slice(2).split('/')) {
		const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
		if (Array.isArray(node)) node = node[Number(key)];
		else if (isObject(node) && Object.hasOwn(node, key)) node = node[key];
		else return undefined;
	}
	return node;
}

interface Walk {
	root: unknown;
	limits: WalkLimits;
	nodes: number;
	truncated: boolean;
	out: Map<string, Parameter>;
}

/**
 * The schema itself plus every schema it is combined with (`$ref`, `allOf`, `anyOf`, `oneOf`),
 * flattened. `seen` holds the refs followed on this branch, so a cycle ends the branch.
 */
function variants(walk: Walk, node: unknown, seen: ReadonlySet<string>, acc: Json[] = [], depth = 0): Json[] {
	if (!isObject(node) || depth > walk.limits.maxDepth) return acc;
	if (++walk.nodes > walk.limits.maxNodes) {
		walk.truncated = true;
		return acc;
	}
	acc.push(node);
	if (typeof node.$ref === 'string' && !seen.has(node.$ref)) {
		const next = new Set(seen).add(node.$ref);
		variants(walk, resolveRef(walk.root, node.$ref), next, acc, depth + 1);
	}
	for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
		const list = node[key];
		if (Array.isArray(list)) for (const item of list) variants(walk, item, seen, acc, depth + 1);
	}
	return acc;
}

function declaredTypes(vs: readonly Json[]): string[] {
	const types = new Set<string>();
	for (const v of vs) {
		if (typeof v.type === 'string') types.add(v.type);
		else if (Array.isArray(v.type)) for (const t of v.type) if (typeof t === 'string') types.add(t);
	}
	return [...types];
}

function firstString(vs: readonly Json[], key: string): string | undefined {
	for (const v of vs) if (typeof v[key] === 'string') return v[key];
	return undefined;
}

/** An object schema that declares no properties yet does not forbid extra keys. */
function isFreeFormObject(vs: readonly Json[]): boolean {
	const objectish = vs.some((v) => v.type === 'object' || (Array.isArray(v.type) && v.type.includes('object')));
	if (!objectish) return false;
	const hasShape = vs.some((v) => isObject(v.properties) && Object.keys(v.properties).length > 0);
	const closed = vs.some((v) => v.additionalProperties === false);
	return !hasShape && !closed;
}

function visitObject(walk: Walk, vs: readonly Json[], prefix: string, pointer: string, depth: number, seen: ReadonlySet<string>) {
	if (depth > walk.limits.maxDepth) {
		walk.truncated = true;
		return;
	}
	// Required names: those the declaring object variants list.
	const required = new Set<string>();
	for (const v of vs) if (Array.isArray(v.required)) for (const r of v.required) if (typeof r === 'string') required.add(r);

	for (const v of vs) {
		if (!isObject(v.properties)) continue;
		for (const [name, schema] of Object.entries(v.properties)) {
			const path = prefix ? `${prefix}.${name}` : name;
			if (walk.out.has(path)) continue;
			if (walk.out.size >= walk.limits.maxNodes) {
				walk.truncated = true;
				return;
			}
			const ptr = `${pointer}/properties/${escapePointer(name)}`;
			const pvs = variants(walk, schema, seen);
			const param: Parameter = {
				path,
				name,
				pointer: ptr,
				depth,
				types: declaredTypes(pvs),
				required: required.has(name),
				hasDefault: pvs.some((p) => Object.hasOwn(p, 'default')),
			};
			const description = firstString(pvs, 'description') ?? firstString(pvs, 'title');
			if (description !== undefined) param.description = description;
			const withEnum = pvs.find((p) => Array.isArray(p.enum));
			if (withEnum) param.enum = withEnum.enum as unknown[];
			const withDefault = pvs.find((p) => Object.hasOwn(p, 'default'));
			if (withDefault) param.default = withDefault.default;
			const format = firstString(pvs, 'format');
			if (format !== undefined) param.format = format;
			if (isFreeFormObject(pvs)) param.freeFormAt = path;
			walk.out.set(path, param);

			visitObject(walk, pvs, path, ptr, depth + 1, seen);
			const items = pvs.flatMap((p) => (isObject(p.items) ? [p.items] : Array.isArray(p.items) ? p.items : []));
			if (items.length > 0) {
				const ivs = items.flatMap((i) => variants(walk, i, seen));
				if (param.freeFormAt === undefined && isFreeFormObject(ivs)) param.freeFormAt = `${path}[]`;
				visitObject(walk, ivs, `${path}[]`, `${ptr}/items`, depth + 1, seen);
			}
		}
	}
}

/** Lists every parameter of an input schema, nested ones included, in declaration order. */
export function listParameters(schema: unknown, limits: WalkLimits = DEFAULT_LIMITS): ParameterList {
	const walk: Walk = { root: schema, limits, nodes: 0, truncated: false, out: new Map() };
	visitObject(walk, variants(walk, schema, new Set()), '', '', 0, new Set());
	return { parameters: [...walk.out.values()], truncated: walk.truncated };
}

/**
 * True for an input schema that declares nothing (no type, properties or combinators), such as
 * `{"$schema": "..."}`: it accepts any arguments at all. Some servers emit this by mistake.
 */
export function declaresNothing(schema: unknown): boolean {
	if (!isObject(schema)) return false;
	return !['type', 'properties', '$ref', 'allOf', 'anyOf', 'oneOf', 'items', 'enum', 'const'].some((k) => Object.hasOwn(schema, k));
}
