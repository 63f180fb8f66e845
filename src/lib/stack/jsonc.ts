/**
 * JSON with comments and trailing commas (JSONC), as MCP clients' configuration files allow, read with
 * limits on size and depth.
 *
 * Pure code shared by the build and the browser: no network, no DOM, and only type imports from the
 * rest of `src/lib`, so the browser bundle stays small (no zod).
 */
export const LIMITS = {
	/** Characters of pasted text read at most. */
	maxInput: 1_000_000,
	/** Nesting depth of the JSON. */
	maxDepth: 64,
	/** Server entries read at most. */
	maxEntries: 500,
	/** Characters of any name or value shown back. */
	maxShown: 200,
} as const;

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

type ParseResult = { ok: true; value: JsonValue } | { ok: false; error: string };

/**
 * Parses JSON that may carry `//` and `/* *\/` comments and trailing commas (JSONC, as VS Code and
 * Cursor allow). Objects have no prototype, so a `__proto__` key is an ordinary key. Errors name the
 * line and column.
 */
export function parseJsonc(text: string): ParseResult {
	if (text.length > LIMITS.maxInput)
		return { ok: false, error: `the text is ${text.length} characters long; the checker reads at most ${LIMITS.maxInput}` };
	let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	const where = (at: number) => {
		const before = text.slice(0, at);
		const line = before.split('\n').length;
		return `line ${line}, column ${at - before.lastIndexOf('\n')}`;
	};
	class Fail extends Error {}
	const fail = (message: string, at = i): never => {
		throw new Fail(`${message} at ${where(at)}`);
	};
	const skip = () => {
		for (;;) {
			const c = text[i];
			if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
			else if (c === '/' && text[i + 1] === '/') {
				const end = text.indexOf('\n', i);
				i = end === -1 ? text.length : end + 1;
			} else if (c === '/' && text[i + 1] === '*') {
				const end = text.indexOf('*/', i + 2);
				if (end === -1) fail('unterminated /* comment');
				i = end + 2;
			} else return;
		}
	};
	const string = (): string => {
		const start = i;
		i++;
		let out = '';
		for (;;) {
			if (i >= text.length) fail('unterminated string', start);
			const c = text[i]!;
			if (c === '"') {
				i++;
				return out;
			}
			if (c === '\n') fail('line break inside a string');
			if (c === '\\') {
				const e = text[i + 1];
				const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
				if (e !== undefined && e in simple) {
					out += simple[e];
					i += 2;
				} else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
					out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
					i += 6;
				} else fail('bad escape in a string');
			} else {
				out += c;
				i++;
			}
		}
	};
	const value = (depth: number): JsonValue => {
		if (depth > LIMITS.maxDepth) fail(`nested deeper than ${LIMITS.maxDepth} levels`);
		skip();
		const c = text[i];
		if (c === '{') {
			i++;
			const obj = Object.create(null) as Record<string, JsonValue>;
			for (;;) {
				skip();
				if (text[i] === '}') {
					i++;
					return obj;
				}
				if (text[i] !== '"') fail('expected a "quoted" key or }');
				const key = string();
				skip();
				if (text[i] !== ':') fail('expected : after a key');
				i++;
				obj[key] = value(depth + 1);
				skip();
				if (text[i] === ',') i++;
				else if (text[i] !== '}') fail('expected , or }');
			}
		}
		if (c === '[') {
			i++;
			const arr: JsonValue[] = [];
			for (;;) {
				skip();
				if (text[i] === ']') {
					i++;
					return arr;
				}
				arr.push(value(depth + 1));
				skip();
				if (text[i] === ',') i++;
				else if (text[i] !== ']') fail('expected , or ]');
			}
		}
		if (c === '"') return string();
		const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
		if (!m) return c === undefined ? fail('unexpected end of text') : fail(`unexpected character ${JSON.stringify(c)}`);
		i += m[0].length;
		return m[0] === 'true' ? true : m[0] === 'false' ? false : m[0] === 'null' ? null : Number(m[0]);
	};
	try {
		const v = value(0);
		skip();
		if (i < text.length) fail('unexpected text after the end');
		return { ok: true, value: v };
	} catch (error) {
		if (error instanceof Fail) return { ok: false, error: error.message };
		throw error;
	}
}
