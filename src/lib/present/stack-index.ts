/**
 * Builds the stack checker's index (`/api/stack-index.json`) from the catalogue, and validates it.
 * One entry per server: how it is installed or reached (for matching), and per deployable unit its
 * tool names, level counts, which tools supply each capability and which the policy denies or limits.
 * Tools are listed once per unit and referred to by position, which keeps the file small.
 */
import { z } from 'zod';
import { toolCapabilities } from '../judge/capabilities.ts';
import type { Catalogue } from '../catalogue.ts';
import { parseOrThrow } from '../content/errors.ts';
import { ociKey, pypiKey, urlKey } from '../stack/names.ts';
import { CATEGORY_CODES, type StackIndex, type StackServer } from '../stack/index.ts';
import { toolFacts } from '../policy/facts.ts';
import { KIND_LABELS, type ArgumentKind } from '../policy/argument-kind.ts';
import { CHECK_SIGNALS } from '../policy/model.ts';
import { CAPABILITIES, CAPABILITY_IDS, RISK_LEVELS, RISK_LEVEL_IDS, capabilityIdSchema, riskLevelSchema } from '../taxonomy.ts';

const indexes = z.array(z.number().int().nonnegative());

export const stackIndexSchema = z.strictObject({
	version: z.literal(1),
	levels: z.array(z.strictObject({ id: riskLevelSchema, label: z.string() })),
	capabilities: z.array(z.strictObject({ id: capabilityIdSchema, label: z.string(), why: z.string() })),
	servers: z.array(
		z.strictObject({
			slug: z.string().min(1),
			name: z.string(),
			packages: z.array(z.strictObject({ kind: z.enum(['npm', 'pypi', 'oci']), name: z.string().min(1), version: z.string().optional() })),
			remotes: z.array(z.string().min(1)),
			units: z
				.array(
					z
						.strictObject({
							id: z.string().min(1),
							name: z.string(),
							tools: z.array(z.string()),
							segments: z.record(z.string().regex(/^\d+$/), z.string().min(1)).optional(),
							levels: z.array(z.number().int().nonnegative()).length(RISK_LEVEL_IDS.length),
							capabilities: z.partialRecord(capabilityIdSchema, indexes),
							deny: indexes,
							limit: indexes,
							categories: z.string().regex(/^[rwxdf]*$/),
							poisoned: indexes.optional(),
							checks: z
								.array(
									z.tuple([
										z.number().int().nonnegative(),
										z.enum(CHECK_SIGNALS),
										z.string().min(1),
										z.enum(Object.keys(KIND_LABELS) as [ArgumentKind, ...ArgumentKind[]]),
										z.enum(['', 'optional', 'array', 'nested', 'not-text', 'unaddressable']),
									]),
								)
								.optional(),
							outbound: indexes.optional(),
						})
						.superRefine((u, ctx) => {
							const all = [...Object.values(u.capabilities).flat(), ...u.deny, ...u.limit, ...Object.keys(u.segments ?? {}).map(Number)];
							all.push(...(u.poisoned ?? []), ...(u.outbound ?? []), ...(u.checks ?? []).map(([i]) => i));
							if (u.categories.length !== u.tools.length)
								ctx.addIssue({
									code: 'custom',
									message: `unit ${u.id}: ${u.categories.length} category codes for ${u.tools.length} tools`,
								});
							if (all.some((i) => i >= u.tools.length))
								ctx.addIssue({ code: 'custom', message: `unit ${u.id}: a tool index is past the end of its ${u.tools.length} tools` });
						}),
				)
				.min(1),
		}),
	),
});

/** The index for the whole catalogue, validated; a bug here fails the build. */
export function buildStackIndex(catalogue: Catalogue): StackIndex {
	const servers = catalogue.servers.map((s): StackServer => {
		const packages: StackServer['packages'] = [];
		const remotes: string[] = [];
		for (const d of s.file.distributions) {
			if (d.kind === 'npm') packages.push({ kind: 'npm', name: d.package.toLowerCase(), version: d.version });
			else if (d.kind === 'pypi')
				packages.push({ kind: 'pypi', name: pypiKey(d.package), ...(d.version !== undefined && { version: d.version }) });
			else if (d.kind === 'oci') {
				const key = ociKey(d.image);
				packages.push({ kind: 'oci', name: key.name, ...(key.tag !== undefined && { version: key.tag }) });
			} else {
				const key = urlKey(d.url);
				if (key !== undefined) remotes.push(key);
			}
		}
		const units = s.units.map((u) => {
			// Most severe first, as on the server page.
			const inUnit = new Set(u.tools);
			const tools = s.tools.filter((t) => inUnit.has(t));
			const segments: Record<string, string> = {};
			const capabilities: Partial<Record<(typeof CAPABILITY_IDS)[number], number[]>> = {};
			const deny: number[] = [];
			const limit: number[] = [];
			const levels = RISK_LEVEL_IDS.map(() => 0);
			let categories = '';
			const poisoned: number[] = [];
			const checks: [
				number,
				(typeof CHECK_SIGNALS)[number],
				string,
				ArgumentKind,
				'' | 'optional' | 'array' | 'nested' | 'not-text' | 'unaddressable',
			][] = [];
			const outbound: number[] = [];
			tools.forEach((t, i) => {
				const facts = toolFacts(t.entry.definition, t.judgement, t.parameters);
				categories += CATEGORY_CODES[facts.category];
				if (facts.poisoned) poisoned.push(i);
				if (facts.outbound) outbound.push(i);
				for (const a of facts.args) checks.push([i, a.signal, a.arg, a.kind, a.shape ?? '']);
				if (t.segment !== t.name) segments[String(i)] = t.segment;
				levels[RISK_LEVEL_IDS.indexOf(t.judgement.level)]!++;
				for (const f of toolCapabilities({ name: t.name, description: t.entry.definition.description, judgement: t.judgement }))
					(capabilities[f.capability] ??= []).push(i);
				if (t.policy.treatment === 'deny' || t.policy.treatment === 'hide') deny.push(i);
				else if (t.policy.treatment === 'limit') limit.push(i);
			});
			return {
				id: u.id,
				name: u.name,
				tools: tools.map((t) => t.name),
				...(Object.keys(segments).length > 0 && { segments }),
				levels,
				capabilities,
				deny,
				limit,
				categories,
				...(poisoned.length > 0 && { poisoned }),
				...(checks.length > 0 && { checks }),
				...(outbound.length > 0 && { outbound }),
			};
		});
		return { slug: s.slug, name: s.file.name, packages, remotes, units };
	});
	const index: StackIndex = {
		version: 1,
		levels: RISK_LEVEL_IDS.map((id) => ({ id, label: RISK_LEVELS[id].label })),
		capabilities: CAPABILITY_IDS.map((id) => ({ id, label: CAPABILITIES[id].label, why: CAPABILITIES[id].why })),
		servers,
	};
	return parseOrThrow(stackIndexSchema, index, '/api/stack-index.json') as StackIndex;
}
