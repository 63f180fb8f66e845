/**
 * Go static extraction: mcp-go builder calls in a small module become the definitions the builders
 * would produce (NewTool's defaults, required lists, constants and concatenation across files and
 * packages, helper options); what cannot be resolved is recorded per tool and marks the part partial
 * or unpublished; test files are ignored; duplicates and nameless constructors are reported, never
 * silently dropped.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractGoTools, tokenize, type GoFile } from '../../src/ingest/go-tools.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'go-tools');
function walk(dir: string): string[] {
	return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
}
const FILES: GoFile[] = walk(ROOT).map((p) => ({ path: relative(ROOT, p).replace(/\\/g, '/'), text: readFileSync(p, 'utf8') }));
const result = extractGoTools(FILES, { modulePath: 'example.com/demo-mcp' });
const tool = (name: string) => result.tools.find((t) => t.entry.definition.name === name)!;

describe('tokenize', () => {
	it.each([
		['"a\\tb\\u00e9\\x41"', 'a\tbéA'],
		['"\\303\\251"', 'é'],
		['`raw \\n\r\nline`', 'raw \\n\nline'],
	])('decodes %s', (src, value) => {
		expect(tokenize(src)[0]).toMatchObject({ kind: 'string', value });
	});
	it('skips comments and counts lines', () => {
		const toks = tokenize('// x\n/* y\n */ z');
		expect(toks).toEqual([{ kind: 'ident', value: 'z', line: 3 }]);
	});
});

describe('builder tools', () => {
	it('finds the tools of non-test files only', () => {
		expect(result.tools.map((t) => t.entry.definition.name).sort()).toEqual(['create_item', 'delete_thing', 'described', 'list_things']);
		expect(result.files).toBe(4);
	});
	it('builds the definition the builders would emit', () => {
		const t = tool('list_things');
		expect(t.entry.definition).toEqual({
			name: 'list_things',
			description: 'Lists things.\nSecond line with "quotes".',
			annotations: { title: 'List things', readOnlyHint: true, destructiveHint: false, idempotentHint: false, openWorldHint: true },
			inputSchema: {
				type: 'object',
				properties: {
					org: { type: 'string', description: 'The organization name' },
					mode: { type: 'string', enum: ['plan', 'apply'], default: 'plan' },
					tags: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Raw text\twith a tab' },
					filter: { type: 'object', properties: { name: { type: 'string' } } },
					limit: { type: 'number', maximum: 100, default: -1 },
					page: { type: 'number', description: 'Page number', minimum: 1 },
				},
				required: ['org'],
			},
		});
		expect(t.entry.status).toEqual({ inputSchema: 'reconstructed' });
		expect(t.entry.source).toEqual({ path: 'pkg/tools/things.go', line: 16 });
		expect(t.unresolved).toEqual([]);
	});
	it('resolves a constant name, fmt.Sprintf of constants and a ToolAnnotation literal; records what it cannot', () => {
		const t = tool('delete_thing');
		expect(t.entry.definition.description).toBe('Deletes a thing in safe mode.');
		expect(t.entry.definition.annotations).toEqual({ title: 'Delete', destructiveHint: true });
		expect(t.entry.status?.inputSchema).toBe('partial');
		expect(t.unresolved.join(' ')).toContain('runtimeValue()');
		expect((t.entry.definition.inputSchema as { properties: Record<string, unknown> }).properties['id']).toEqual({ type: 'string' });
	});
	it('a description from a parameter and a reflected schema are unpublished, with the reason', () => {
		const t = tool('described');
		expect(t.entry.definition.description).toBeUndefined();
		expect(t.entry.definition.inputSchema).toBeUndefined();
		expect(t.entry.status).toMatchObject({ description: 'unpublished', inputSchema: 'unpublished' });
		expect(t.entry.status?.note).toContain('reflected from a Go type');
	});
	it('reports other definitions of a name and constructors whose name cannot be resolved', () => {
		expect(result.variants).toEqual([{ name: 'delete_thing', path: 'pkg/tools/things.go', line: 48, declaredIn: 'DeleteThingForce' }]);
		expect(result.skipped).toHaveLength(1);
		expect(result.skipped[0]).toMatchObject({ path: 'pkg/tools/things.go', line: 56 });
	});
});

describe('typed-handler tools', () => {
	it('keeps name, description and the given annotations; records struct fields as known parameters', () => {
		const t = tool('create_item');
		expect(t.entry.definition).toEqual({
			name: 'create_item',
			description: 'Create an item.',
			annotations: { title: 'Create item', readOnlyHint: false },
		});
		expect(t.entry.status?.inputSchema).toBe('unpublished');
		expect(t.entry.knownParameters).toEqual([
			{ name: 'title', evidence: 'field Title string of CreateParams, required: The title, in words.' },
			{ name: 'labels', evidence: 'field Labels []string of CreateParams: Labels' },
		]);
	});
});

describe('options', () => {
	it('under limits the folders tools are taken from, constants still resolve from everywhere', () => {
		const only = extractGoTools(FILES, { modulePath: 'example.com/demo-mcp', under: ['handlers'] });
		expect(only.tools.map((t) => t.entry.definition.name)).toEqual(['create_item']);
	});
	it('without the module path, helpers of other packages are unresolved, not guessed', () => {
		const bare = extractGoTools(FILES);
		const t = bare.tools.find((x) => x.entry.definition.name === 'list_things')!;
		expect(t.entry.status?.inputSchema).toBe('partial');
		expect(t.unresolved.join(' ')).toContain('utils.WithPagination()');
	});
});
