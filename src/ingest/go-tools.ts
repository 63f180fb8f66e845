/**
 * Static extraction of MCP tool definitions from Go source text, for servers written with the common
 * builder API of mcp-go (`mcp.NewTool(name, mcp.WithDescription(...), mcp.WithString(name,
 * mcp.Required(), mcp.Description(...)), ...)`), and for servers that wrap it in a typed-handler
 * constructor (`MustTool(name, description, handler, options...)`, whose schema is reflected from the
 * handler's argument struct at run time). Nothing is compiled or run: the source is tokenised, the
 * builder calls are parsed as expressions, and the builders' documented effects are applied to build
 * the definition the server would emit.
 *
 * Strings may be literals, concatenations and constants or variables declared at package level in the
 * same module (also through an imported package of the module); helper functions of the module that
 * return a ToolOption applying other builders are expanded. Whatever cannot be resolved (a value
 * computed at run time, an option the extractor does not know) is recorded per tool, and the tool's
 * status says which part is partial. A typed-handler tool's schema is reflected at run time, so it is
 * not rebuilt: its parameters are recorded as known names with the struct tags as evidence.
 */
import type { ToolEntry } from '../lib/content/server.ts';

// ------------------------------------------------------------------------------------------------
// Tokens

interface Token {
	kind: 'ident' | 'string' | 'number' | 'char' | 'op';
	value: string;
	line: number;
}

/** Decodes the body of an interpreted Go string literal (between the quotes): escapes give bytes or code points, read as UTF-8. */
function decodeGoString(body: string): string {
	const bytes: number[] = [];
	const push = (text: string) => bytes.push(...Buffer.from(text, 'utf8'));
	const SIMPLE: Record<string, string> = {
		n: '\n',
		t: '\t',
		r: '\r',
		a: '\x07',
		b: '\b',
		f: '\f',
		v: '\v',
		'\\': '\\',
		'"': '"',
		"'": "'",
	};
	for (let i = 0; i < body.length; i++) {
		const c = body[i]!;
		if (c !== '\\') {
			const cp = body.codePointAt(i)!;
			push(String.fromCodePoint(cp));
			if (cp > 0xffff) i++;
			continue;
		}
		const n = body[++i] ?? '';
		if (n in SIMPLE) push(SIMPLE[n]!);
		else if (n === 'x') {
			bytes.push(parseInt(body.slice(i + 1, i + 3), 16));
			i += 2;
		} else if (n === 'u' || n === 'U') {
			const len = n === 'u' ? 4 : 8;
			push(String.fromCodePoint(parseInt(body.slice(i + 1, i + 1 + len), 16)));
			i += len;
		} else if (/[0-7]/.test(n)) {
			bytes.push(parseInt(body.slice(i, i + 3), 8) & 0xff);
			i += 2;
		} else push(n);
	}
	return Buffer.from(bytes).toString('utf8');
}

const OPERATORS = ['...', '&&', '||', '<-', '++', '--', '==', '!=', '<=', '>=', ':=', '<<', '>>', '&^', '+=', '-=', '*=', '/='];

export function tokenize(src: string): Token[] {
	const out: Token[] = [];
	let line = 1;
	let i = 0;
	while (i < src.length) {
		const c = src[i]!;
		if (c === '\n') {
			line++;
			i++;
		} else if (c === ' ' || c === '\t' || c === '\r') i++;
		else if (src.startsWith('//', i)) {
			while (i < src.length && src[i] !== '\n') i++;
		} else if (src.startsWith('/*', i)) {
			const end = src.indexOf('*/', i + 2);
			const stop = end === -1 ? src.length : end + 2;
			line += (src.slice(i, stop).match(/\n/g) ?? []).length;
			i = stop;
		} else if (c === '`') {
			const end = src.indexOf('`', i + 1);
			const stop = end === -1 ? src.length : end;
			const raw = src.slice(i + 1, stop);
			out.push({ kind: 'string', value: raw.replace(/\r/g, ''), line });
			line += (raw.match(/\n/g) ?? []).length;
			i = stop + 1;
		} else if (c === '"' || c === "'") {
			let j = i + 1;
			while (j < src.length && src[j] !== c && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
			const body = src.slice(i + 1, j);
			out.push({ kind: c === '"' ? 'string' : 'char', value: c === '"' ? decodeGoString(body) : body, line });
			i = j + 1;
		} else if (/[A-Za-z_\u00c0-\uffff]/.test(c)) {
			let j = i + 1;
			while (j < src.length && /[A-Za-z0-9_\u00c0-\uffff]/.test(src[j]!)) j++;
			out.push({ kind: 'ident', value: src.slice(i, j), line });
			i = j;
		} else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
			const m = /^(0[xX][0-9a-fA-F_]+|[0-9_]*\.?[0-9_]*(?:[eE][+-]?[0-9]+)?)/.exec(src.slice(i))!;
			out.push({ kind: 'number', value: m[0].replace(/_/g, ''), line });
			i += Math.max(1, m[0].length);
		} else {
			const op = OPERATORS.find((o) => src.startsWith(o, i)) ?? c;
			out.push({ kind: 'op', value: op, line });
			i += op.length;
		}
	}
	return out;
}

// ------------------------------------------------------------------------------------------------
// Expressions

export type Expr =
	| { t: 'str'; value: string }
	| { t: 'num'; value: number }
	| { t: 'ident'; name: string }
	| { t: 'sel'; x: Expr; name: string }
	| { t: 'call'; fn: Expr; args: Expr[]; spread: boolean; typeArgs: string }
	| { t: 'bin'; op: string; l: Expr; r: Expr }
	| { t: 'unary'; op: string; x: Expr }
	| { t: 'composite'; type: string; elems: { key?: Expr; value: Expr }[] }
	| { t: 'func'; text: string }
	| { t: 'other'; text: string };

const BINARY_PRECEDENCE: Record<string, number> = {
	'||': 1,
	'&&': 2,
	'==': 3,
	'!=': 3,
	'<': 3,
	'<=': 3,
	'>': 3,
	'>=': 3,
	'+': 4,
	'-': 4,
	'|': 4,
	'^': 4,
	'*': 5,
	'/': 5,
	'%': 5,
};

/** A recursive-descent parser over a token array, for the expressions builder calls take. */
class Parser {
	pos: number;
	readonly toks: Token[];
	constructor(toks: Token[], pos = 0) {
		this.toks = toks;
		this.pos = pos;
	}
	peek(k = 0): Token | undefined {
		return this.toks[this.pos + k];
	}
	isOp(v: string, k = 0): boolean {
		const t = this.peek(k);
		return t?.kind === 'op' && t.value === v;
	}
	expectOp(v: string): void {
		if (!this.isOp(v)) throw new Error(`expected "${v}" at line ${this.peek()?.line ?? 'end'}`);
		this.pos++;
	}
	/** Skips a balanced bracket group starting at the current opening bracket; returns its text. */
	skipGroup(): string {
		const open = this.peek()!.value;
		const close = open === '(' ? ')' : open === '[' ? ']' : '}';
		let depth = 0;
		const parts: string[] = [];
		do {
			const t = this.toks[this.pos++];
			if (!t) break;
			parts.push(t.kind === 'string' ? JSON.stringify(t.value) : t.value);
			if (t.kind === 'op' && t.value === open) depth++;
			if (t.kind === 'op' && t.value === close) depth--;
		} while (depth > 0);
		return parts.join(' ');
	}
	/** A type expression as text: `[]string`, `map[string]any`, `mcp.ToolAnnotation`, `*T`, `[]map[string]any`. */
	typeText(): string {
		let text = '';
		for (;;) {
			const t = this.peek();
			if (!t) return text;
			if (t.kind === 'op' && (t.value === '*' || t.value === '[')) {
				if (t.value === '[') text += this.skipGroup().replace(/ /g, '');
				else {
					text += '*';
					this.pos++;
				}
				continue;
			}
			if (t.kind === 'ident' && t.value === 'map') {
				this.pos++;
				text += `map${this.skipGroup().replace(/ /g, '')}`;
				continue;
			}
			if (t.kind === 'ident') {
				text += t.value;
				this.pos++;
				if (this.isOp('.') && this.peek(1)?.kind === 'ident') {
					text += `.${this.peek(1)!.value}`;
					this.pos += 2;
				}
				if (t.value === 'interface' || t.value === 'struct') text += this.skipGroup().replace(/ /g, '');
			}
			return text;
		}
	}
	expr(minPrec = 1): Expr {
		let left = this.unary();
		for (;;) {
			const t = this.peek();
			const prec = t?.kind === 'op' ? BINARY_PRECEDENCE[t.value] : undefined;
			if (prec === undefined || prec < minPrec) return left;
			this.pos++;
			const right = this.expr(prec + 1);
			left = { t: 'bin', op: t!.value, l: left, r: right };
		}
	}
	unary(): Expr {
		const t = this.peek();
		if (t?.kind === 'op' && ['-', '+', '!', '&', '*', '^'].includes(t.value)) {
			this.pos++;
			return { t: 'unary', op: t.value, x: this.unary() };
		}
		return this.postfix(this.primary());
	}
	primary(): Expr {
		const t = this.peek();
		if (!t) throw new Error('unexpected end of source');
		if (t.kind === 'string') {
			this.pos++;
			return { t: 'str', value: t.value };
		}
		if (t.kind === 'number') {
			this.pos++;
			return { t: 'num', value: Number(t.value) };
		}
		if (t.kind === 'char') {
			this.pos++;
			return { t: 'other', text: `'${t.value}'` };
		}
		if (t.kind === 'op' && t.value === '(') {
			this.pos++;
			const inner = this.expr();
			this.expectOp(')');
			return inner;
		}
		if (t.kind === 'ident' && t.value === 'func') {
			const start = this.pos;
			this.pos++;
			while (this.peek() && !this.isOp('{')) {
				if (this.isOp('(') || this.isOp('[')) this.skipGroup();
				else this.pos++;
			}
			if (this.isOp('{')) this.skipGroup();
			return {
				t: 'func',
				text: this.toks
					.slice(start, this.pos)
					.map((x) => x.value)
					.join(' '),
			};
		}
		if ((t.kind === 'op' && t.value === '[') || (t.kind === 'ident' && t.value === 'map')) {
			const type = this.typeText();
			if (this.isOp('{')) return this.composite(type);
			if (this.isOp('(')) {
				// A conversion such as []byte("...").
				this.pos++;
				const x = this.expr();
				this.expectOp(')');
				return { t: 'call', fn: { t: 'ident', name: type }, args: [x], spread: false, typeArgs: '' };
			}
			return { t: 'other', text: type };
		}
		if (t.kind === 'ident') {
			this.pos++;
			return { t: 'ident', name: t.value };
		}
		throw new Error(`unexpected "${t.value}" at line ${t.line}`);
	}
	composite(type: string): Expr {
		this.expectOp('{');
		const elems: { key?: Expr; value: Expr }[] = [];
		while (!this.isOp('}')) {
			const first = this.isOp('{') ? this.composite('') : this.expr();
			if (this.isOp(':')) {
				this.pos++;
				const value = this.isOp('{') ? this.composite('') : this.expr();
				elems.push({ key: first, value });
			} else elems.push({ value: first });
			if (this.isOp(',')) this.pos++;
			else if (!this.isOp('}')) throw new Error(`expected "," or "}" at line ${this.peek()?.line ?? 'end'}`);
		}
		this.pos++;
		return { t: 'composite', type, elems };
	}
	postfix(x: Expr): Expr {
		for (;;) {
			if (this.isOp('.') && this.peek(1)?.kind === 'ident') {
				x = { t: 'sel', x, name: this.peek(1)!.value };
				this.pos += 2;
			} else if (this.isOp('.') && this.isOp('(', 1)) {
				// A type assertion x.(T).
				this.pos++;
				this.skipGroup();
			} else if (this.isOp('[')) {
				// Type arguments (Foo[T](...)) or an index: kept as text.
				const text = this.skipGroup();
				if (this.isOp('(')) {
					const call = this.call(x);
					return this.postfix({ ...call, typeArgs: text });
				}
				x = { t: 'other', text: `${exprText(x)}${text}` };
			} else if (this.isOp('(')) x = this.call(x);
			else if (this.isOp('{') && (x.t === 'sel' || x.t === 'ident') && /^[A-Z]/.test(x.name) && compositeAllowed(x)) {
				x = this.composite(exprText(x));
			} else return x;
		}
	}
	call(fn: Expr): Expr & { t: 'call' } {
		this.expectOp('(');
		const args: Expr[] = [];
		let spread = false;
		while (!this.isOp(')')) {
			args.push(this.isOp('{') ? this.composite('') : this.expr());
			if (this.isOp('...')) {
				spread = true;
				this.pos++;
			}
			if (this.isOp(',')) this.pos++;
			else if (!this.isOp(')')) throw new Error(`expected "," or ")" at line ${this.peek()?.line ?? 'end'}`);
		}
		this.pos++;
		return { t: 'call', fn, args, spread, typeArgs: '' };
	}
}

/** Composite literals of named types are only parsed where a type (capitalised, possibly qualified) can stand. */
function compositeAllowed(x: Expr): boolean {
	return x.t === 'sel' ? x.x.t === 'ident' : x.t === 'ident';
}

export function exprText(e: Expr): string {
	switch (e.t) {
		case 'str':
			return JSON.stringify(e.value);
		case 'num':
			return String(e.value);
		case 'ident':
			return e.name;
		case 'sel':
			return `${exprText(e.x)}.${e.name}`;
		case 'call':
			return `${exprText(e.fn)}${e.typeArgs.replace(/ /g, '')}(${e.args.map(exprText).join(', ')}${e.spread ? '...' : ''})`;
		case 'bin':
			return `${exprText(e.l)} ${e.op} ${exprText(e.r)}`;
		case 'unary':
			return `${e.op}${exprText(e.x)}`;
		case 'composite':
			return `${e.type}{…}`;
		case 'func':
			return 'func(…){…}';
		case 'other':
			return e.text;
	}
}

// ------------------------------------------------------------------------------------------------
// Packages

export interface GoFile {
	/** Path inside the repository. */
	path: string;
	text: string;
}

interface Decl {
	expr: Expr;
	pkg: GoPackage;
}

interface OptionHelper {
	/** The builder calls the helper applies, in order. */
	calls: Expr[];
	/** Statements of the helper the extractor could not read. */
	unreadable: string[];
	pkg: GoPackage;
}

interface StructField {
	name: string;
	type: string;
	tag: string;
}

interface GoPackage {
	dir: string;
	/** Per file: import name -> import path. */
	imports: Map<string, Map<string, string>>;
	values: Map<string, Decl>;
	helpers: Map<string, OptionHelper>;
	structs: Map<string, StructField[]>;
	/** Function name -> the type of its second parameter (typed-handler tools). */
	funcParams: Map<string, string[]>;
}

const dirOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');

function parseImports(toks: Token[], into: Map<string, string>): void {
	for (let i = 0; i < toks.length; i++) {
		if (toks[i]!.kind !== 'ident' || toks[i]!.value !== 'import') continue;
		const spec = (j: number): number => {
			let alias: string | undefined;
			if (toks[j]?.kind === 'ident' || (toks[j]?.kind === 'op' && (toks[j]!.value === '.' || toks[j]!.value === '_')))
				alias = toks[j++]!.value;
			const path = toks[j]!.value;
			into.set(alias ?? path.split('/').pop()!.replace(/^go-/, '').replace(/-go$/, ''), path);
			// A versioned module path (/v2) is imported under the element before it.
			if (!alias && /^v\d+$/.test(path.split('/').pop()!)) into.set(path.split('/').at(-2)!, path);
			return j + 1;
		};
		if (toks[i + 1]?.kind === 'op' && toks[i + 1]!.value === '(') {
			let j = i + 2;
			while (j < toks.length && !(toks[j]!.kind === 'op' && toks[j]!.value === ')')) {
				if (toks[j]!.kind === 'op' && toks[j]!.value === ';') j++;
				else j = spec(j);
			}
		} else spec(i + 1);
	}
}

/** Top-level declarations: const and var values, ToolOption helpers, struct types, function parameter types. */
function indexTopLevel(toks: Token[], pkg: GoPackage): void {
	let depth = 0;
	for (let i = 0; i < toks.length; i++) {
		const t = toks[i]!;
		if (t.kind === 'op' && (t.value === '{' || t.value === '(' || t.value === '[')) depth++;
		else if (t.kind === 'op' && (t.value === '}' || t.value === ')' || t.value === ']')) depth--;
		if (depth !== 0 || t.kind !== 'ident') continue;
		try {
			if (t.value === 'const' || t.value === 'var') i = indexValues(toks, i + 1, pkg) - 1;
			else if (t.value === 'type') indexType(toks, i + 1, pkg);
			else if (t.value === 'func') indexFunc(toks, i + 1, pkg);
		} catch {
			// A declaration the expression parser cannot read is simply not indexed.
		}
	}
}

function indexValues(toks: Token[], i: number, pkg: GoPackage): number {
	const one = (j: number): number => {
		const names: string[] = [];
		while (toks[j]?.kind === 'ident') {
			names.push(toks[j]!.value);
			j++;
			if (toks[j]?.kind === 'op' && toks[j]!.value === ',') j++;
			else break;
		}
		const p = new Parser(toks, j);
		if (!p.isOp('=')) p.typeText();
		if (!p.isOp('=')) return p.pos;
		p.pos++;
		const exprs: Expr[] = [];
		for (;;) {
			exprs.push(p.isOp('{') ? p.composite('') : p.expr());
			if (p.isOp(',') && names.length > exprs.length) p.pos++;
			else break;
		}
		names.forEach((n, k) => {
			if (exprs[k]) pkg.values.set(n, { expr: exprs[k]!, pkg });
		});
		return p.pos;
	};
	if (toks[i]?.kind === 'op' && toks[i]!.value === '(') {
		let j = i + 1;
		while (j < toks.length && !(toks[j]!.kind === 'op' && toks[j]!.value === ')')) {
			const before = j;
			try {
				j = one(j);
			} catch {
				j = before + 1;
			}
			// Skip to the next line's declaration.
			const line = toks[j - 1]?.line ?? 0;
			while (j < toks.length && toks[j]!.line === line && !(toks[j]!.kind === 'op' && toks[j]!.value === ')')) j++;
		}
		return j + 1;
	}
	return one(i);
}

function indexType(toks: Token[], i: number, pkg: GoPackage): void {
	const name = toks[i]?.value;
	if (!name || toks[i + 1]?.value !== 'struct' || toks[i + 2]?.value !== '{') return;
	const fields: StructField[] = [];
	let j = i + 3;
	while (j < toks.length && toks[j]!.value !== '}') {
		const line = toks[j]!.line;
		const lineToks: Token[] = [];
		while (j < toks.length && toks[j]!.line === line && toks[j]!.value !== '}') lineToks.push(toks[j++]!);
		// `Name Type \`tag\`` or an embedded `Type`.
		const tag = lineToks.at(-1)?.kind === 'string' ? lineToks.pop()!.value : '';
		if (lineToks.length >= 2 && lineToks[0]!.kind === 'ident') {
			fields.push({
				name: lineToks[0]!.value,
				type: lineToks
					.slice(1)
					.map((x) => x.value)
					.join(''),
				tag,
			});
		} else if (lineToks.length >= 1) fields.push({ name: '', type: lineToks.map((x) => x.value).join(''), tag });
	}
	pkg.structs.set(name, fields);
}

function indexFunc(toks: Token[], i: number, pkg: GoPackage): void {
	if (toks[i]?.kind !== 'ident') return;
	const name = toks[i]!.value;
	const p = new Parser(toks, i + 1);
	if (p.isOp('[')) p.skipGroup();
	if (!p.isOp('(')) return;
	// Parameter types, as text.
	const paramsStart = p.pos + 1;
	p.skipGroup();
	const params = splitTopLevel(toks.slice(paramsStart, p.pos - 1)).map((part) => part.map((x) => x.value).join(' '));
	pkg.funcParams.set(name, params);
	const result = p.typeText();
	if (!/ToolOption$/.test(result) || params.some((x) => x !== '') || !p.isOp('{')) return;
	// func Name() mcp.ToolOption { return func(t *mcp.Tool) { builder(...)(t); ... } }
	p.pos++;
	if (p.peek()?.value !== 'return' || p.peek(1)?.value !== 'func') return;
	p.pos += 2;
	const paramName = p.peek(1)?.value;
	p.skipGroup();
	if (!p.isOp('{')) return;
	p.pos++;
	const calls: Expr[] = [];
	const unreadable: string[] = [];
	while (p.peek() && !p.isOp('}')) {
		const line = p.peek()!.line;
		try {
			const e = p.expr();
			if (e.t === 'call' && e.args.length === 1 && e.args[0]!.t === 'ident' && e.args[0]!.name === paramName && e.fn.t === 'call')
				calls.push(e.fn);
			else unreadable.push(exprText(e));
		} catch {
			unreadable.push(`statement at line ${line}`);
			while (p.peek() && p.peek()!.line === line) p.pos++;
		}
	}
	pkg.helpers.set(name, { calls, unreadable, pkg });
}

function splitTopLevel(toks: Token[]): Token[][] {
	const parts: Token[][] = [[]];
	let depth = 0;
	for (const t of toks) {
		if (t.kind === 'op' && '([{'.includes(t.value)) depth++;
		if (t.kind === 'op' && ')]}'.includes(t.value)) depth--;
		if (depth === 0 && t.kind === 'op' && t.value === ',') parts.push([]);
		else parts.at(-1)!.push(t);
	}
	return parts.filter((p) => p.length > 0);
}

// ------------------------------------------------------------------------------------------------
// Evaluation

class Unresolved extends Error {}

interface Ctx {
	pkg: GoPackage;
	file: string;
	packages: Map<string, GoPackage>;
	modulePath: string;
	/** Guards constant cycles. */
	depth: number;
}

function lookupPackage(ctx: Ctx, alias: string): GoPackage | undefined {
	const path = ctx.pkg.imports.get(ctx.file)?.get(alias);
	if (!path || !ctx.modulePath || !(path === ctx.modulePath || path.startsWith(`${ctx.modulePath}/`))) return undefined;
	return ctx.packages.get(path.slice(ctx.modulePath.length + 1));
}

/** The declaration an identifier or `pkg.Name` selector names, within the module. */
function resolveDecl(e: Expr, ctx: Ctx): Decl | undefined {
	if (e.t === 'ident') return ctx.pkg.values.get(e.name);
	if (e.t === 'sel' && e.x.t === 'ident') return lookupPackage(ctx, e.x.name)?.values.get(e.name);
	return undefined;
}

function declCtx(decl: Decl, ctx: Ctx): Ctx {
	if (ctx.depth > 20) throw new Unresolved('constants nest too deep');
	// Declarations are evaluated in their own package; their file's imports are any of the package's.
	const file = [...decl.pkg.imports.keys()][0] ?? ctx.file;
	return { ...ctx, pkg: decl.pkg, file, depth: ctx.depth + 1 };
}

/** A JSON value from a Go expression: literals, constants, `+`, composite literals of maps and slices. */
function evalValue(e: Expr, ctx: Ctx): unknown {
	switch (e.t) {
		case 'str':
		case 'num':
			return e.value;
		case 'ident':
			if (e.name === 'true') return true;
			if (e.name === 'false') return false;
			if (e.name === 'nil') return null;
			break;
		case 'unary':
			if (e.op === '-') {
				const v = evalValue(e.x, ctx);
				if (typeof v === 'number') return -v;
			}
			if (e.op === '&') return evalValue(e.x, ctx);
			break;
		case 'bin': {
			const l = evalValue(e.l, ctx);
			const r = evalValue(e.r, ctx);
			if (e.op === '+' && typeof l === 'string' && typeof r === 'string') return l + r;
			if (typeof l === 'number' && typeof r === 'number') {
				if (e.op === '+') return l + r;
				if (e.op === '-') return l - r;
				if (e.op === '*') return l * r;
			}
			break;
		}
		case 'composite': {
			if (/^\[\]/.test(e.type) || (e.type === '' && e.elems.every((x) => x.key === undefined)))
				return e.elems.map((x) => evalValue(x.value, ctx));
			if (/^map\[/.test(e.type) || e.type === '') {
				const out: Record<string, unknown> = {};
				for (const x of e.elems) {
					const k = x.key ? evalValue(x.key, ctx) : undefined;
					if (typeof k !== 'string') throw new Unresolved(`a map key that is not a string constant in ${exprText(e)}`);
					out[k] = evalValue(x.value, ctx);
				}
				return out;
			}
			break;
		}
		case 'call': {
			const fn = exprText(e.fn);
			// Conversions that keep the value: string(x), []byte(x), json.RawMessage(x); and ToBoolPtr.
			if (
				e.args.length === 1 &&
				(/^(string|\[\]byte|json\.RawMessage|float64|int|int64)$/.test(fn) || builderName(e.fn, ctx) === 'ToBoolPtr')
			) {
				return evalValue(e.args[0]!, ctx);
			}
			// The standard library calls whose result is fixed by constant arguments.
			if (fn === 'strings.Join' && e.args.length === 2) {
				const list = evalValue(e.args[0]!, ctx);
				const sep = evalValue(e.args[1]!, ctx);
				if (Array.isArray(list) && list.every((x) => typeof x === 'string') && typeof sep === 'string') return list.join(sep);
			}
			if (fn === 'fmt.Sprintf' && e.args.length >= 1) return sprintf(evalString(e.args[0]!, ctx), evalArgs(e.args.slice(1), e.spread, ctx));
			break;
		}
	}
	const decl = resolveDecl(e, ctx);
	if (decl) return evalValue(decl.expr, declCtx(decl, ctx));
	throw new Unresolved(exprText(e));
}

/** fmt.Sprintf for the verbs whose output is certain for constant strings and integers (%s %d %v %q %%). */
function sprintf(format: string, args: unknown[]): string {
	let k = 0;
	const out = format.replace(/%([sdvq%])/g, (m, verb: string) => {
		if (verb === '%') return '%';
		const a = args[k++];
		if (verb === 'd' && Number.isInteger(a)) return String(a);
		if ((verb === 's' || verb === 'v') && (typeof a === 'string' || Number.isInteger(a) || typeof a === 'boolean')) return String(a);
		if (verb === 'q' && typeof a === 'string') return JSON.stringify(a);
		throw new Unresolved(`fmt.Sprintf verb ${m} with ${JSON.stringify(a)}`);
	});
	if (k !== args.length || /%[^sdvq%]/.test(format.replace(/%%/g, ''))) throw new Unresolved(`fmt.Sprintf(${JSON.stringify(format)}, …)`);
	return out;
}

function evalString(e: Expr, ctx: Ctx): string {
	const v = evalValue(e, ctx);
	if (typeof v !== 'string') throw new Unresolved(`${exprText(e)} is not a string`);
	return v;
}

/** The arguments of a variadic call as values (a spread argument must resolve to a slice). */
function evalArgs(args: Expr[], spread: boolean, ctx: Ctx): unknown[] {
	const values = args.map((a) => evalValue(a, ctx));
	if (spread) {
		const last = values.pop();
		if (!Array.isArray(last)) throw new Unresolved(`${exprText(args.at(-1)!)}... is not a slice`);
		values.push(...(last as unknown[]));
	}
	return values;
}

// ------------------------------------------------------------------------------------------------
// The builders (mcp-go's mcp package)

type Schema = Record<string, unknown>;

interface ToolState {
	name: string;
	title?: string;
	description?: string;
	properties: Record<string, Schema>;
	required: string[];
	additionalProperties?: unknown;
	annotations: Record<string, unknown>;
	/** A schema the builders cannot express (reflected from a type, or raw text that is not a literal). */
	inputSchemaUnknown?: string;
	rawInputSchema?: unknown;
	outputSchemaUnknown?: string;
	unresolved: string[];
	/** Parts whose value is incomplete. */
	partial: Set<'description' | 'inputSchema' | 'annotations' | 'title'>;
}

const PROPERTY_TYPES: Record<string, string | undefined> = {
	WithString: 'string',
	WithNumber: 'number',
	WithInteger: 'integer',
	WithBoolean: 'boolean',
	WithObject: 'object',
	WithArray: 'array',
	WithAny: undefined,
};

const ANNOTATION_HINTS: Record<string, string> = {
	WithReadOnlyHintAnnotation: 'readOnlyHint',
	WithDestructiveHintAnnotation: 'destructiveHint',
	WithIdempotentHintAnnotation: 'idempotentHint',
	WithOpenWorldHintAnnotation: 'openWorldHint',
};

/** The builder function a call names, when it is one of the mcp package's (`mcp.X` under any import name). */
function builderName(fn: Expr, ctx: Ctx): string | undefined {
	if (fn.t === 'sel' && fn.x.t === 'ident') {
		const path = ctx.pkg.imports.get(ctx.file)?.get(fn.x.name);
		if (path && /(^|\/)mcp-go\/mcp$/.test(path)) return fn.name;
	}
	return undefined;
}

function applyPropertyOption(schema: Schema, e: Expr, ctx: Ctx, where: string): void {
	if (e.t !== 'call') throw new Unresolved(`${where}: ${exprText(e)}`);
	const name = builderName(e.fn, ctx);
	const args = () => evalArgs(e.args, e.spread, ctx);
	switch (name) {
		case 'Description':
			schema['description'] = evalString(e.args[0]!, ctx);
			return;
		case 'Required':
			schema['required'] = true;
			return;
		case 'Title':
			schema['title'] = evalString(e.args[0]!, ctx);
			return;
		case 'DefaultString':
		case 'DefaultNumber':
		case 'DefaultBool':
		case 'DefaultArray':
			schema['default'] = evalValue(e.args[0]!, ctx);
			return;
		case 'Enum':
			schema['enum'] = args();
			return;
		case 'MaxLength':
		case 'MinLength':
		case 'Pattern':
		case 'MultipleOf':
		case 'MinItems':
		case 'MaxItems':
		case 'UniqueItems':
		case 'MinProperties':
		case 'MaxProperties':
			schema[name.charAt(0).toLowerCase() + name.slice(1)] = evalValue(e.args[0]!, ctx);
			return;
		case 'Max':
			schema['maximum'] = evalValue(e.args[0]!, ctx);
			return;
		case 'Min':
			schema['minimum'] = evalValue(e.args[0]!, ctx);
			return;
		case 'Properties':
			schema['properties'] = evalValue(e.args[0]!, ctx);
			return;
		case 'AdditionalProperties':
			schema['additionalProperties'] = evalValue(e.args[0]!, ctx);
			return;
		case 'PropertyNames':
			schema['propertyNames'] = evalValue(e.args[0]!, ctx);
			return;
		case 'Items':
			schema['items'] = evalValue(e.args[0]!, ctx);
			return;
		case 'WithStringEnumItems':
			schema['items'] = { type: 'string', enum: evalValue(e.args[0]!, ctx) };
			return;
		case 'WithStringItems':
		case 'WithNumberItems':
		case 'WithIntegerItems':
		case 'WithBooleanItems': {
			const item: Schema = { type: name.slice(4, -5).toLowerCase() };
			for (const o of e.args) applyPropertyOption(item, o, ctx, where);
			if (name === 'WithIntegerItems' && item['required'] === true) delete item['required'];
			schema['items'] = item;
			return;
		}
	}
	throw new Unresolved(`${where}: ${exprText(e)}`);
}

function applyToolOption(tool: ToolState, e: Expr, ctx: Ctx, helperDepth = 0): void {
	try {
		if (e.t !== 'call') throw new Unresolved(`option ${exprText(e)}`);
		const name = builderName(e.fn, ctx);
		if (name !== undefined && name in PROPERTY_TYPES) {
			const prop = evalString(e.args[0]!, ctx);
			const schema: Schema = PROPERTY_TYPES[name] ? { type: PROPERTY_TYPES[name] } : {};
			if (name === 'WithObject') schema['properties'] = {};
			try {
				for (const o of e.args.slice(1)) applyPropertyOption(schema, o, ctx, `property ${prop}`);
			} catch (error) {
				if (!(error instanceof Unresolved)) throw error;
				tool.unresolved.push(error.message);
				tool.partial.add('inputSchema');
			}
			if (schema['required'] === true) {
				delete schema['required'];
				tool.required.push(prop);
			}
			tool.properties[prop] = schema;
			return;
		}
		switch (name) {
			case 'WithDescription':
				tool.description = evalString(e.args[0]!, ctx);
				return;
			case 'WithToolTitle':
				tool.title = evalString(e.args[0]!, ctx);
				return;
			case 'WithTitleAnnotation':
				tool.annotations['title'] = evalString(e.args[0]!, ctx);
				return;
			case 'WithReadOnlyHintAnnotation':
			case 'WithDestructiveHintAnnotation':
			case 'WithIdempotentHintAnnotation':
			case 'WithOpenWorldHintAnnotation': {
				const v = evalValue(e.args[0]!, ctx);
				if (typeof v !== 'boolean') throw new Unresolved(`${exprText(e)} is not a boolean constant`);
				tool.annotations[ANNOTATION_HINTS[name]!] = v;
				return;
			}
			case 'WithToolAnnotation': {
				const lit = e.args[0];
				if (lit?.t !== 'composite') throw new Unresolved(exprText(e));
				const next: Record<string, unknown> = {};
				for (const el of lit.elems) {
					const field = el.key?.t === 'ident' ? el.key.name : undefined;
					if (!field) throw new Unresolved(exprText(e));
					next[field.charAt(0).toLowerCase() + field.slice(1)] = evalValue(el.value, ctx);
				}
				tool.annotations = next;
				return;
			}
			case 'WithSchemaAdditionalProperties':
				tool.additionalProperties = evalValue(e.args[0]!, ctx);
				return;
			case 'WithRawInputSchema': {
				const text = evalString(e.args[0]!, ctx);
				try {
					tool.rawInputSchema = JSON.parse(text);
				} catch {
					throw new Unresolved(`${exprText(e)} is not JSON`);
				}
				return;
			}
			case 'WithInputSchema':
				tool.inputSchemaUnknown = `the input schema is reflected from a Go type at run time (${exprText(e)})`;
				return;
			case 'WithOutputSchema':
			case 'WithRawOutputSchema':
				tool.outputSchemaUnknown = `${exprText(e)}: the output schema is built at run time`;
				return;
			case 'WithDeferLoading':
			case 'WithToolIcons':
			case 'WithTaskSupport':
				tool.unresolved.push(`${exprText(e)} is not rebuilt`);
				tool.partial.add('annotations');
				return;
		}
		// A helper of the module returning a ToolOption: expand its builder calls.
		const fn = e.fn;
		const helper =
			fn.t === 'call'
				? undefined
				: fn.t === 'ident'
					? ctx.pkg.helpers.get(fn.name)
					: fn.t === 'sel' && fn.x.t === 'ident'
						? lookupPackage(ctx, fn.x.name)?.helpers.get(fn.name)
						: undefined;
		if (helper && e.args.length === 0 && helperDepth < 5) {
			const hctx: Ctx = {
				...ctx,
				pkg: helper.pkg,
				file: [...helper.pkg.imports.keys()].find((f) => helper.pkg.imports.get(f)!.size > 0) ?? ctx.file,
			};
			for (const c of helper.calls) applyToolOption(tool, c, hctx, helperDepth + 1);
			for (const u of helper.unreadable) {
				tool.unresolved.push(`${exprText(e)}: ${u}`);
				tool.partial.add('inputSchema');
			}
			return;
		}
		throw new Unresolved(`option ${exprText(e)}`);
	} catch (error) {
		if (!(error instanceof Unresolved)) throw error;
		tool.unresolved.push(error.message);
		const n = e.t === 'call' ? builderName(e.fn, ctx) : undefined;
		tool.partial.add(
			n === 'WithDescription'
				? 'description'
				: n === 'WithToolTitle'
					? 'title'
					: n && n.includes('Annotation')
						? 'annotations'
						: 'inputSchema',
		);
	}
}

/** Go's encoding/json writes map keys sorted; the extracted definition is written the same way. */
function sortKeys(v: unknown): unknown {
	if (Array.isArray(v)) return v.map(sortKeys);
	if (v && typeof v === 'object') {
		return Object.fromEntries(
			Object.keys(v as object)
				.sort()
				.map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
		);
	}
	return v;
}

// ------------------------------------------------------------------------------------------------
// Extraction

export interface ExtractedTool {
	entry: ToolEntry;
	/** The enclosing top-level declaration (function or variable), for duplicates and notes. */
	declaredIn: string;
	unresolved: string[];
}

export interface GoExtraction {
	tools: ExtractedTool[];
	/** Other definitions of a name already extracted (a server registers one of them depending on its configuration). */
	variants: { name: string; path: string; line: number; declaredIn: string }[];
	/** Tool constructors whose name could not be resolved, so no tool was recorded. */
	skipped: { path: string; line: number; reason: string }[];
	/** Files read (non-test Go files). */
	files: number;
}

export interface GoExtractOptions {
	/** The module path from go.mod (`github.com/o/r`), to resolve imported packages of the module. */
	modulePath?: string;
	/** Only tools defined in files under these folders (default: all files given). */
	under?: string[];
}

/** The annotations mcp-go's NewTool starts from. */
const NEW_TOOL_ANNOTATIONS = { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true };

function newState(name: string): ToolState {
	return { name, properties: {}, required: [], annotations: { title: '', ...NEW_TOOL_ANNOTATIONS }, unresolved: [], partial: new Set() };
}

/** The definition mcp-go's Tool.MarshalJSON writes for a builder-made tool. */
function definitionOf(s: ToolState): Record<string, unknown> {
	const def: Record<string, unknown> = { name: s.name };
	if (s.title) def['title'] = s.title;
	if (s.description) def['description'] = s.description;
	if (s.rawInputSchema !== undefined) def['inputSchema'] = s.rawInputSchema;
	else if (s.inputSchemaUnknown === undefined) {
		const schema: Schema = { type: 'object', properties: s.properties, required: s.required };
		if (s.additionalProperties !== undefined && s.additionalProperties !== null) schema['additionalProperties'] = s.additionalProperties;
		def['inputSchema'] = schema;
	}
	const annotations = Object.fromEntries(
		Object.entries(s.annotations).filter(([k, v]) => !(k === 'title' && v === '') && v !== null && v !== undefined),
	);
	def['annotations'] = annotations;
	return sortKeys(def) as Record<string, unknown>;
}

/** Known parameters of a typed-handler tool: the fields of its argument struct, by JSON name, with their tags. */
function structParameters(handler: Expr, ctx: Ctx): { name: string; evidence: string }[] | undefined {
	const fnName = handler.t === 'ident' ? handler.name : undefined;
	const params = fnName ? ctx.pkg.funcParams.get(fnName) : undefined;
	const typeText = params?.[1]?.split(' ').pop()?.replace(/^\*/, '');
	if (!typeText) return undefined;
	const fields = ctx.pkg.structs.get(typeText);
	if (!fields) return undefined;
	const out: { name: string; evidence: string }[] = [];
	for (const f of fields) {
		if (!f.name || !/^[A-Z]/.test(f.name)) continue;
		const json = /json:"([^"]*)"/.exec(f.tag)?.[1];
		const jsonName = json?.split(',')[0];
		if (jsonName === '-') continue;
		// The tag's value is a quoted Go string: unquote it, then `\,` is an escaped comma inside a jsonschema option.
		const schemaTag = /jsonschema:"((?:[^"\\]|\\.)*)"/.exec(f.tag)?.[1]?.replace(/\\(.)/g, '$1');
		const required = schemaTag ? /(^|,)required(,|$)/.test(schemaTag) : false;
		const description = schemaTag ? /(?:^|,)description=((?:[^,\\]|\\.)*)/.exec(schemaTag)?.[1]?.replace(/\\(.)/g, '$1') : undefined;
		out.push({
			name: jsonName || f.name,
			evidence: `field ${f.name} ${f.type} of ${typeText}${required ? ', required' : ''}${description ? `: ${description}` : ''}`,
		});
	}
	return out;
}

/** The name of the top-level declaration that contains token `i`. */
function enclosingDecls(toks: Token[]): string[] {
	const names: string[] = new Array<string>(toks.length);
	let depth = 0;
	let current = '';
	for (let i = 0; i < toks.length; i++) {
		const t = toks[i]!;
		if (depth === 0 && t.kind === 'ident' && (t.value === 'func' || t.value === 'var')) {
			let j = i + 1;
			// A method: func (r *T) Name(
			if (toks[j]?.value === '(') {
				let d = 0;
				do {
					if (toks[j]!.value === '(') d++;
					if (toks[j]!.value === ')') d--;
					j++;
				} while (d > 0 && j < toks.length);
			}
			if (toks[j]?.kind === 'ident') current = toks[j]!.value;
		}
		if (t.kind === 'op' && '([{'.includes(t.value)) depth++;
		if (t.kind === 'op' && ')]}'.includes(t.value)) depth--;
		names[i] = current;
	}
	return names;
}

/** Extracts every builder-made tool from the Go files of a module. */
export function extractGoTools(files: readonly GoFile[], options: GoExtractOptions = {}): GoExtraction {
	const goFiles = files.filter((f) => f.path.endsWith('.go') && !f.path.endsWith('_test.go') && !/(^|\/)(vendor|testdata)\//.test(f.path));
	const packages = new Map<string, GoPackage>();
	const tokens = new Map<string, Token[]>();
	for (const f of goFiles) {
		const toks = tokenize(f.text);
		tokens.set(f.path, toks);
		const dir = dirOf(f.path);
		let pkg = packages.get(dir);
		if (!pkg) {
			pkg = { dir, imports: new Map(), values: new Map(), helpers: new Map(), structs: new Map(), funcParams: new Map() };
			packages.set(dir, pkg);
		}
		const imports = new Map<string, string>();
		parseImports(toks, imports);
		pkg.imports.set(f.path, imports);
		indexTopLevel(toks, pkg);
	}
	const out: GoExtraction = { tools: [], variants: [], skipped: [], files: goFiles.length };
	const byName = new Map<string, ExtractedTool>();
	const under = options.under?.map((u) => u.replace(/\/$/, ''));
	for (const f of goFiles) {
		if (under && !under.some((u) => f.path === u || f.path.startsWith(`${u}/`))) continue;
		const toks = tokens.get(f.path)!;
		const pkg = packages.get(dirOf(f.path))!;
		const ctx: Ctx = { pkg, file: f.path, packages, modulePath: options.modulePath ?? '', depth: 0 };
		const decls = enclosingDecls(toks);
		for (let i = 0; i + 2 < toks.length; i++) {
			const t = toks[i]!;
			const isNewTool = t.kind === 'ident' && toks[i + 1]?.value === '.' && toks[i + 2]?.value === 'NewTool' && toks[i + 3]?.value === '(';
			const isTyped =
				t.kind === 'ident' &&
				(t.value === 'MustTool' || t.value === 'ConvertTool') &&
				(toks[i + 1]?.value === '(' || toks[i + 1]?.value === '[') &&
				toks[i - 1]?.value !== 'func';
			if (!isNewTool && !isTyped) continue;
			if (isNewTool && !builderName({ t: 'sel', x: { t: 'ident', name: t.value }, name: 'NewTool' }, ctx)) continue;
			const line = t.line;
			let call: Expr;
			try {
				const p = new Parser(toks, isNewTool ? i + 3 : i + 1);
				const fn: Expr = isNewTool ? { t: 'sel', x: { t: 'ident', name: t.value }, name: 'NewTool' } : { t: 'ident', name: t.value };
				if (p.isOp('[')) p.skipGroup();
				call = p.call(fn);
			} catch (error) {
				out.skipped.push({ path: f.path, line, reason: `could not parse the call: ${(error as Error).message}` });
				continue;
			}
			if (call.t !== 'call' || call.args.length === 0) continue;
			let name: string;
			try {
				name = evalString(call.args[0]!, ctx);
			} catch (error) {
				out.skipped.push({
					path: f.path,
					line,
					reason: `the tool name ${error instanceof Unresolved ? error.message : ''} could not be resolved`,
				});
				continue;
			}
			const state = newState(name);
			let knownParameters: { name: string; evidence: string }[] | undefined;
			if (isNewTool) {
				if (call.spread) {
					state.unresolved.push(`options passed as ${exprText(call.args.at(-1)!)}...`);
					state.partial.add('inputSchema');
				}
				for (const o of call.spread ? call.args.slice(1, -1) : call.args.slice(1)) applyToolOption(state, o, ctx);
			} else {
				// The typed-handler constructor builds an mcp.Tool literal: no NewTool default annotations.
				state.annotations = {};
				try {
					state.description = evalString(call.args[1]!, ctx);
				} catch (error) {
					if (!(error instanceof Unresolved)) throw error;
					state.unresolved.push(`description: ${error.message}`);
					state.partial.add('description');
				}
				state.inputSchemaUnknown = 'the input schema is reflected from the handler argument struct at run time';
				if (call.args[2]) knownParameters = structParameters(call.args[2], ctx);
				for (const o of call.args.slice(3)) applyToolOption(state, o, ctx);
			}
			const definition = definitionOf(state);
			const status: Record<string, unknown> = {};
			const notes: string[] = [];
			if (state.partial.has('description') || state.description === undefined) {
				if (state.partial.has('description')) {
					delete definition['description'];
					status['description'] = 'unpublished';
				}
			}
			if (state.inputSchemaUnknown !== undefined && state.rawInputSchema === undefined) {
				status['inputSchema'] = 'unpublished';
				notes.push(`Input schema: ${state.inputSchemaUnknown}; not rebuilt by static extraction.`);
			} else status['inputSchema'] = state.partial.has('inputSchema') ? 'partial' : 'reconstructed';
			if (state.outputSchemaUnknown) notes.push(`Output schema: ${state.outputSchemaUnknown}.`);
			if (state.unresolved.length > 0) notes.push(`Not resolved from the source: ${state.unresolved.join('; ')}.`);
			if (notes.length > 0) status['note'] = notes.join('\n');
			const entry: ToolEntry = {
				definition: definition as ToolEntry['definition'],
				status: status as ToolEntry['status'],
				source: { path: f.path, line },
				...(knownParameters && knownParameters.length > 0 && { knownParameters }),
			};
			const extracted: ExtractedTool = { entry, declaredIn: decls[i] ?? '', unresolved: state.unresolved };
			const first = byName.get(name);
			if (first) {
				out.variants.push({ name, path: f.path, line, declaredIn: decls[i] ?? '' });
				continue;
			}
			byName.set(name, extracted);
			out.tools.push(extracted);
		}
	}
	return out;
}
