/**
 * The published JSON Schemas of the open-data exports, compiled by a real validator (Ajv, draft 2020-12
 * with formats), and the sweep that validates every export of a catalogue against them. Shared by
 * exports.test.ts (the fixture catalogue) and exports.catalogue.test.ts (the live catalogue).
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { Catalogue } from '../../src/lib/catalogue.ts';
import { attacksExport } from '../../src/lib/exports/attacks.ts';
import { catalogueNdjson, dataIndex } from '../../src/lib/exports/bulk.ts';
import type { DatasetMeta } from '../../src/lib/exports/dataset.ts';
import { exportJsonSchema } from '../../src/lib/exports/json-schema.ts';
import { serverExport } from '../../src/lib/exports/server.ts';
import { EXPORT_SCHEMA_NAMES, EXPORT_SCHEMAS, type ExportSchemaName } from '../../src/lib/exports/shapes.ts';
import type { AttackIndex } from '../../src/lib/present/attacks.ts';
import { FEEDS } from '../../src/lib/present/feeds.ts';
import { toolJson, toolPageModel } from '../../src/lib/present/tool-page.ts';

export const SITE = new URL('https://toolrisk.dev');

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats.default(ajv);
export const validators = Object.fromEntries(
	EXPORT_SCHEMA_NAMES.map((name) => [name, ajv.compile(exportJsonSchema(name, SITE))]),
) as Record<ExportSchemaName, ReturnType<typeof ajv.compile>>;

/** Validates `value` (after a JSON round trip, as a consumer reads it) against the published schema. */
export function expectValid(name: ExportSchemaName, value: unknown) {
	const validate = validators[name];
	const ok = validate(JSON.parse(JSON.stringify(value)));
	expect(ok, JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
}

/** What the sweep exports: a catalogue, its attack index (built from `attackCount` entries) and its dataset facts. */
export interface ExportSite {
	catalogue: Catalogue;
	attacks: AttackIndex;
	attackCount: number;
	meta: DatasetMeta;
}

/** Every export of `site` (tool twins, server files, NDJSON lines, the index, the attacks) validates against its published schema. */
export function describeEveryExportValid(title: string, { catalogue, attacks, attackCount, meta }: ExportSite): void {
	describe(title, () => {
		it(`tool twins: all ${catalogue.tools.length} tools`, () => {
			for (const tool of catalogue.tools) {
				const twin = toolJson(toolPageModel(catalogue, attacks, tool));
				expect(() => EXPORT_SCHEMAS.tool.schema.parse(twin), tool.id).not.toThrow();
				expectValid('tool', twin);
			}
		});

		it.each(catalogue.servers.map((s) => s.slug))('server %s', (slug) => {
			const body = serverExport(catalogue.server(slug)!, meta);
			expectValid('server', body);
			expect(body.counts.tools).toBe(body.tools.length);
			expect(body.$schema).toBe('https://toolrisk.dev/api/schemas/server.schema.json');
		});

		it('the NDJSON: one valid, self-contained line per tool, in catalogue order', () => {
			const text = [...catalogueNdjson(catalogue, SITE)].join('');
			expect(text.endsWith('\n')).toBe(true);
			const lines = text.slice(0, -1).split('\n');
			expect(lines).toHaveLength(catalogue.tools.length);
			lines.forEach((line, i) => {
				const record = JSON.parse(line);
				expectValid('catalogue-line', record);
				expect(record.id).toBe(catalogue.tools[i]!.id);
				expect(record.url).toBe(`https://toolrisk.dev/tools/${record.id}/`);
			});
		});

		it('the index: counts from the one dataset, links to every export, feed and schema', () => {
			const index = dataIndex(catalogue, { meta, attacks: attacks.attacks.length, sitemapChunks: 1, feeds: FEEDS });
			expectValid('index', index);
			expect(index.counts.tools).toBe(catalogue.tools.length);
			expect(index.counts.servers).toBe(catalogue.servers.length);
			expect(Object.values(index.counts.byLevel).reduce((a, b) => a + b, 0)).toBe(catalogue.tools.length);
			expect(Object.values(index.counts.byCategory).reduce((a, b) => a + b, 0)).toBe(catalogue.tools.length);
			expect(index.schemas.map((s) => s.id)).toEqual(EXPORT_SCHEMA_NAMES);
			expect(index.feeds.map((f) => f.url)).toEqual(FEEDS.map((f) => `https://toolrisk.dev${f.path}`));
			const withSchema = index.exports.filter((e) => e.schema).map((e) => e.schema!.split('/').pop());
			expect(new Set(withSchema)).toEqual(new Set(EXPORT_SCHEMA_NAMES.map((n) => `${n}.schema.json`)));
			expect(index.datasetVersion).toBe(meta.version);
		});

		it('the attack export', () => {
			const body = attacksExport(attacks, SITE);
			expectValid('attacks', body);
			expect(body.count).toBe(attackCount);
		});
	});
}
