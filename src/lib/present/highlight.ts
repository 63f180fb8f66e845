/**
 * Syntax highlighting for the policy documents toolrisk itself writes: JSON from `JSON.stringify(doc,
 * null, 2)` and YAML from the `yaml` package (block style, no line folding). Both grammars are small
 * and known, so a single pass over the text classifies every character; a general TextMate highlighter
 * costs about a third of a tool page's render time for the same colours.
 *
 * The output uses classes, not inline styles (the colours live in `global.css`), and escapes every
 * character of the input: policy text carries third-party tool names and parameter names.
 * `tests/unit/highlight.test.ts` checks, for every policy in the catalogue and the hostile fixtures,
 * that each character gets the colour Shiki's JSON and YAML grammars give it under the site's theme.
 */

import { escapeHtml } from '../text/visible-text.ts';

/** What a run of characters is. `plain` is punctuation and whitespace, drawn in the text colour. */
type TokenKind = 'plain' | 'key' | 'string' | 'constant' | 'escape' | 'indicator' | 'indent';
interface Token {
	kind: TokenKind;
	text: string;
}

/** The class each kind is drawn with; `plain` needs none. */
const TOKEN_CLASSES: Record<Exclude<TokenKind, 'plain'>, string> = {
	key: 'hk',
	string: 'hs',
	constant: 'hn',
	escape: 'he',
	indicator: 'he',
	indent: 'hd',
};

/** The theme's colour for each kind (github-light-high-contrast), for the stylesheet and the equivalence test. */
export const TOKEN_COLOURS: Record<TokenKind, string> = {
	plain: '#0E1116',
	key: '#024C1A',
	string: '#032563',
	constant: '#023B95',
	escape: '#A0111F',
	/** A block scalar's `|` or `>` with its chomping sign. */
	indicator: '#A0111F',
	/** A block scalar's explicit indentation digit written after the chomping sign. */
	indent: '#6E011A',
};

class Tokens {
	readonly list: Token[] = [];
	push(kind: TokenKind, text: string): void {
		if (text === '') return;
		const last = this.list.at(-1);
		if (last && last.kind === kind) last.text += text;
		else this.list.push({ kind, text });
	}
}

// ---- JSON

const JSON_TOKEN = /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false|null)|([^"\d\-tfn]+|.)/gsy;
const JSON_ESCAPE = /\\(?:u[0-9a-fA-F]{4}|.)/g;

/** Splits a quoted literal (quotes included) into runs of `kind` and the escapes `pattern` (global) finds. */
function withEscapes(out: Tokens, literal: string, pattern: RegExp, kind: 'key' | 'string'): void {
	let at = 0;
	for (const m of literal.matchAll(pattern)) {
		out.push(kind, literal.slice(at, m.index));
		out.push('escape', m[0]);
		at = m.index + m[0].length;
	}
	out.push(kind, literal.slice(at));
}

export function tokenizeJson(text: string): Token[] {
	const out = new Tokens();
	JSON_TOKEN.lastIndex = 0;
	for (let m = JSON_TOKEN.exec(text); m; m = JSON_TOKEN.exec(text)) {
		const [, str, colon, num, literal, other] = m;
		if (str !== undefined) {
			withEscapes(out, str, JSON_ESCAPE, colon === undefined ? 'string' : 'key');
			if (colon !== undefined) out.push('plain', colon);
		} else if (num !== undefined || literal !== undefined) out.push('constant', (num ?? literal)!);
		else out.push('plain', other!);
	}
	return out.list;
}

// ---- YAML (the block style the `yaml` package writes)

/**
 * Escapes in a double-quoted scalar, as the YAML grammar the site's colours follow reads them: its
 * `\\x`, `\\u` and `\\U` forms take decimal digits only, so `\\ud800` stays string-coloured.
 */
const YAML_DOUBLE_ESCAPE = /\\(?:[0abtnvfre "/\\N_Lp\t]|x\d{2}|u\d{4}|U\d{8})/g;
/**
 * Plain scalars drawn as constants: the YAML 1.1 types (https://yaml.org/type/: null, bool, int,
 * float, timestamp, value, merge), which that grammar colours in keys and values alike. The `yaml`
 * package writes YAML 1.2, where `yes` or `..` are plain strings, so only the colour follows 1.1.
 */
const YAML_CONSTANT = new RegExp(
	'^(?:' +
		[
			'null|Null|NULL|~',
			'y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF',
			'[-+]?0b[01_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[_0-9a-fA-F]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+',
			'[-+]?(?:[0-9][0-9_]*)?\\.[.0-9]*(?:[Ee][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)',
			'\\d{4}-\\d{2}-\\d{2}|\\d{4}-\\d{1,2}-\\d{1,2}(?:[Tt]|[\\t ]+)\\d{1,2}:\\d{2}:\\d{2}(?:\\.\\d*)?(?:[\\t ]*Z|[-+]\\d{1,2}(?::\\d{1,2})?)?',
			'=|<<',
		].join('|') +
		')$',
);

function yamlSingle(out: Tokens, literal: string): void {
	const inner = literal.slice(1, -1).split("''");
	out.push('string', "'");
	inner.forEach((part, i) => {
		if (i > 0) out.push('escape', "''");
		out.push('string', part);
	});
	out.push('string', "'");
}

/** A quoted scalar at the start of `rest`: its length, or 0 when `rest` does not start with one. */
function quotedLength(rest: string): number {
	if (rest[0] === '"') {
		for (let i = 1; i < rest.length; i++) {
			if (rest[i] === '\\') i++;
			else if (rest[i] === '"') return i + 1;
		}
	} else if (rest[0] === "'") {
		for (let i = 1; i < rest.length; i++) {
			if (rest[i] === "'") {
				if (rest[i + 1] === "'") i++;
				else return i + 1;
			}
		}
	}
	return 0;
}

function yamlQuoted(out: Tokens, literal: string): void {
	if (literal[0] === '"') withEscapes(out, literal, YAML_DOUBLE_ESCAPE, 'string');
	else yamlSingle(out, literal);
}

/**
 * A scalar in value position: quoted, flow-empty, block header, or plain. For a block scalar header it
 * returns the explicit indentation digit, or 0 when there is none; otherwise undefined.
 */
function yamlValue(out: Tokens, value: string): number | undefined {
	if (value === '') return undefined;
	// `|2-` or `|-2`: the grammar colours an indentation digit before the chomping sign as a number, one after it apart.
	const header = /^([|>])(\d?)([-+]?)(\d?)$/.exec(value);
	if (header) {
		out.push('indicator', header[1]!);
		out.push('constant', header[2]!);
		out.push('indicator', header[3]!);
		out.push('indent', header[4]!);
		return Number(header[2] || header[4] || 0);
	}
	if (value === '[]' || value === '{}') {
		out.push('plain', value);
		return undefined;
	}
	const q = quotedLength(value);
	if (q === value.length) {
		yamlQuoted(out, value);
		return undefined;
	}
	out.push(YAML_CONSTANT.test(value) ? 'constant' : 'string', value);
	return undefined;
}

export function tokenizeYaml(text: string): Token[] {
	const out = new Tokens();
	const lines = text.split('\n');
	/**
	 * Inside a block scalar: the indentation of the node that holds it, and of its content. The
	 * content's indentation is the header's digit past the holder's (YAML 1.2 §8.1.1.1), or else that of
	 * the first non-blank line; a less-indented non-blank line ends the scalar.
	 */
	let blockIndent = -1;
	let contentIndent = -1;
	lines.forEach((line, n) => {
		if (n > 0) out.push('plain', '\n');
		const indent = line.length - line.trimStart().length;
		if (blockIndent >= 0) {
			const blank = line.trim() === '';
			if (contentIndent < 0 && !blank) contentIndent = Math.max(indent, blockIndent + 1);
			if (blank || indent >= contentIndent) {
				out.push('string', line);
				return;
			}
			blockIndent = -1;
		}
		let at = indent;
		out.push('plain', line.slice(0, at));
		while (line.startsWith('- ', at) || line.slice(at) === '-') {
			out.push('plain', line.slice(at, at + 2));
			at += 2;
		}
		const rest = line.slice(at);
		const q = quotedLength(rest);
		let key = '';
		if (q > 0 && rest[q] === ':' && (q + 1 === rest.length || rest[q + 1] === ' ')) key = rest.slice(0, q);
		else if (q === 0) {
			const colon = /^[^\s"'#][^]*?(?=:(?: |$))/.exec(rest);
			if (colon) key = colon[0];
		}
		let opensBlock: number | undefined;
		// The node holding a block scalar is indented to where its key starts, or to its sequence entry's dash.
		let holder = at;
		if (key !== '' || rest === ':' || rest.startsWith(': ')) {
			if (q > 0) yamlQuoted(out, key);
			else out.push(YAML_CONSTANT.test(key) ? 'constant' : 'key', key);
			const after = rest.slice(key.length);
			const sep = after.startsWith(': ') ? ': ' : ':';
			out.push('plain', sep);
			opensBlock = yamlValue(out, after.slice(sep.length));
		} else {
			opensBlock = yamlValue(out, rest);
			if (at > indent) holder = at - 2;
		}
		if (opensBlock !== undefined) {
			blockIndent = holder;
			contentIndent = opensBlock > 0 ? holder + opensBlock : -1;
		}
	});
	return out.list;
}

// ---- HTML

/** `<pre class="code-block"><code>…</code></pre>` with one class per coloured run; every character escaped. */
function tokensToHtml(tokens: readonly Token[]): string {
	let body = '';
	for (const t of tokens)
		body += t.kind === 'plain' ? escapeHtml(t.text) : `<span class="${TOKEN_CLASSES[t.kind]}">${escapeHtml(t.text)}</span>`;
	return `<pre class="code-block" tabindex="0"><code>${body}</code></pre>`;
}

/** Highlighted HTML for a policy document the site wrote. */
export function highlight(code: string, lang: 'json' | 'yaml'): string {
	return tokensToHtml(lang === 'json' ? tokenizeJson(code) : tokenizeYaml(code));
}
