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
	/** The schema's `examples` keyword, when it is a list. */
	examples?: unknown[];
	/** Where an object with no declared properties accepts arbitrary keys (this path, or `path[]` for items). */
	freeFormAt?: string;
}

export interface ParameterList {
	parameters: Parameter[];
	/** The walk hit its depth or node budget; some parameters may be missing. */
	truncated: boolean;
}

interface WalkLimits {
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
		let decoded: string;
		try {
			decoded = decodeURIComponent(raw);
		} catch {
			return undefined; // a malformed %-escape names nothing
		}
		const key = decoded.replace(/~1/g, '/').replace(/~0/g, '~');
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
 * flattened. `followed` holds the refs followed on this branch and grows as refs are followed, so a
 * ref met again further down the same branch ends it (a cycle).
 */
function variants(walk: Walk, node: unknown, followed: Set<string>, acc: Json[] = [], depth = 0): Json[] {
	if (!isObject(node)) return acc;
	if (depth > walk.limits.maxDepth || ++walk.nodes > walk.limits.maxNodes) {
		walk.truncated = true;
		return acc;
	}
	acc.push(node);
	if (typeof node.$ref === 'string' && !followed.has(node.$ref)) {
		followed.add(node.$ref);
		variants(walk, resolveRef(walk.root, node.$ref), followed, acc, depth + 1);
	}
	for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
		const list = node[key];
		if (Array.isArray(list)) for (const item of list) variants(walk, item, followed, acc, depth + 1);
	}
	return acc;
}

/** Array items (and items of items): their object properties become `path[].name`, `path[][].name`. */
function visitItems(
	walk: Walk,
	vs: readonly Json[],
	path: string,
	pointer: string,
	depth: number,
	followed: Set<string>,
	param: Parameter,
) {
	const items = vs.flatMap((p) => (isObject(p.items) ? [p.items] : Array.isArray(p.items) ? p.items : []));
	if (items.length === 0) return;
	if (depth > walk.limits.maxDepth) {
		walk.truncated = true;
		return;
	}
	const ivs = items.flatMap((i) => variants(walk, i, followed));
	if (param.freeFormAt === undefined && isFreeFormObject(ivs)) param.freeFormAt = `${path}[]`;
	visitObject(walk, ivs, `${path}[]`, `${pointer}/items`, depth + 1, followed);
	visitItems(walk, ivs, `${path}[]`, `${pointer}/items`, depth + 1, followed, param);
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
	if (vs.length === 0) return;
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
			// A property that only points back at a schema already followed on this branch closes a cycle: stop here.
			if (isObject(schema) && typeof schema.$ref === 'string' && seen.has(schema.$ref)) continue;
			const ptr = `${pointer}/properties/${escapePointer(name)}`;
			const followed = new Set(seen);
			const pvs = variants(walk, schema, followed);
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
			const withExamples = pvs.find((p) => Array.isArray(p.examples));
			if (withExamples) param.examples = withExamples.examples as unknown[];
			const format = firstString(pvs, 'format');
			if (format !== undefined) param.format = format;
			if (isFreeFormObject(pvs)) param.freeFormAt = path;
			walk.out.set(path, param);

			visitObject(walk, pvs, path, ptr, depth + 1, followed);
			visitItems(walk, pvs, path, ptr, depth, followed, param);
		}
	}
}

/** Lists every parameter of an input schema, nested ones included, in declaration order. */
export function listParameters(schema: unknown, limits: WalkLimits = DEFAULT_LIMITS): ParameterList {
	const walk: Walk = { root: schema, limits, nodes: 0, truncated: false, out: new Map() };
	// The root's own refs do not count towards cycles: a recursive type may appear once below itself.
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
