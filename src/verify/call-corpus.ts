/**
 * The call corpus: realistic argument values, per kind of argument and per check, run through the
 * engine's own decision (`evaluateIntercept`) on the policies the site publishes.
 *
 * - **Legitimate values** come from two places: the catalogue's own schemas (`extractCallCorpus`: the
 *   `examples`, quoted description examples, defaults and enum values of every argument, filed under
 *   the argument's kind) and hand-written ones per check (`tests/fixtures/call-corpus/<check>.json`).
 *   A check must let every one of them through, except values a check refuses on purpose and says so
 *   (`restrictions`: a write statement under the read-only SQL check, an http URL under https only).
 * - **Attacks** are hand-written per check, each tagged with its class (`ATTACK_CLASSES`). A check that
 *   claims a class (`ArgumentCheck.stops`) must refuse every attack of it; an attack that passes must
 *   be of a class the check does not claim.
 *
 * `runCallCorpus` takes the emitted checks (each with the policy document it sits in) so the same run
 * measures any policy generator, the current one or an older one.
 */
import { z } from 'zod';
import type { Catalogue } from '../lib/catalogue.ts';
import { exampleValues, type ArgumentKind } from '../lib/policy/argument-kind.ts';
import { evaluateIntercept } from '../lib/policy/evaluate.ts';
import { toolFacts } from '../lib/policy/facts.ts';
import {
	ATTACK_CLASSES,
	policyFromFacts,
	type AttackClass,
	type CheckId,
	type DeploymentParameters,
	type Preset,
	type ToolPolicy,
	type UncheckedReason,
} from '../lib/policy/model.ts';
import { interceptDocument } from '../lib/policy/render.ts';

// ---------------------------------------------------------------------------------------------------
// Files

const attackClass = z.enum(Object.keys(ATTACK_CLASSES) as [AttackClass, ...AttackClass[]]);

/** One hand-written corpus file: `tests/fixtures/call-corpus/<check>.json`. */
export const corpusFileSchema = z
	.object({
		check: z.string().min(1),
		about: z.string().min(1),
		/** Deployment parameters the check is run with (strict preset), when it needs any. */
		parameters: z
			.object({
				rootFolder: z.string().optional(),
				recipientDomains: z.array(z.string()).optional(),
				urlHosts: z.array(z.string()).optional(),
				schemas: z.array(z.string()).optional(),
			})
			.strict()
			.optional(),
		legitimate: z.array(z.string()).min(1),
		/** Legitimate uses the check refuses on purpose, each with the sentence that says so and a JS pattern recognising them. */
		restrictions: z.array(z.object({ why: z.string().min(1), pattern: z.string().min(1) }).strict()).default([]),
		attacks: z.array(z.object({ class: attackClass, value: z.string() }).strict()).min(1),
	})
	.strict();
export type CorpusFile = z.infer<typeof corpusFileSchema>;

export interface ExtractedValue {
	value: string;
	/** Where it was found: tool id, argument path, schema field. */
	tool: string;
	arg: string;
	field: string;
}
/** The generated file `tests/fixtures/call-corpus/extracted.json`: legitimate values per argument kind. */
export const extractedSchema = z.record(
	z.string(),
	z.array(z.object({ value: z.string(), tool: z.string(), arg: z.string(), field: z.string() }).strict()),
);
export type ExtractedCorpus = Record<string, ExtractedValue[]>;

/** Values longer than this are left out of the fixture (a schema can quote a whole document). */
const MAX_VALUE = 2000;

/**
 * Every example value the catalogue's schemas give for an argument a check signal flagged, filed under
 * the argument's kind, once per kind and value (the first tool that gives it is named), sorted.
 */
export function extractCallCorpus(catalogue: Catalogue): ExtractedCorpus {
	const out: Record<string, ExtractedValue[]> = {};
	for (const t of catalogue.tools) {
		const facts = toolFacts(t.entry.definition, t.judgement, t.parameters);
		for (const a of facts.args) {
			const p = t.parameters.find((x) => x.path === a.arg);
			if (!p) continue;
			for (const e of exampleValues(p)) {
				if (e.value.length > MAX_VALUE) continue;
				const list = (out[a.kind] ??= []);
				if (!list.some((x) => x.value === e.value)) list.push({ value: e.value, tool: t.id, arg: a.arg, field: e.field });
			}
		}
	}
	const sorted: ExtractedCorpus = {};
	for (const kind of Object.keys(out).sort())
		sorted[kind] = out[kind]!.sort((x, y) => x.value.localeCompare(y.value) || x.tool.localeCompare(y.tool));
	return sorted;
}

// ---------------------------------------------------------------------------------------------------
// Running

/** One check as published: the policy document it sits in, the tool, its argument and what it claims. */
export interface EmittedCheck {
	/** Tool id (`server/tool`), for reports. */
	id: string;
	/** Tool name, as called. */
	tool: string;
	/** The Intercept document (parsed) the check is part of. */
	policy: unknown;
	/** Top-level argument name. */
	arg: string;
	/** Kind of the argument (decides which legitimate values it must let through). */
	kind: ArgumentKind;
	/** Which corpus file holds its attacks and hand-written legitimate values (undefined: none). */
	corpus: CheckId | undefined;
	/** The classes it claims to stop. */
	stops: readonly AttackClass[];
	/** A value for each other checked argument of the tool, so only this one can fail. */
	others: Record<string, string>;
}

export interface Finding {
	id: string;
	arg: string;
	check: string;
	value: string;
	/** For legitimate values: where the value came from; for attacks: its class. */
	source: string;
}

export interface CorpusReport {
	checks: number;
	/** Emitted checks per kind of argument and per check. */
	perKind: Record<string, number>;
	perCheck: Record<string, number>;
	legitimateRuns: number;
	legitimateRefused: Finding[];
	/** Legitimate uses refused on purpose (a restriction says so), per check and reason. */
	refusedByDesign: Record<string, number>;
	attackRuns: number;
	claimedAttacksPassed: Finding[];
	/** Attacks that pass and are not claimed, per check and class (the page says they pass). */
	unclaimedPassed: Record<string, number>;
	/** Classes a check claims without any corpus attack of that class (a claim nothing proves). */
	unprovenClaims: string[];
}

const short = (v: string) => (v.length > 120 ? `${v.slice(0, 117)}…` : v);

/** Runs every emitted check on its legitimate values and attacks through the engine's decision. */
export function runCallCorpus(
	emitted: readonly EmittedCheck[],
	corpus: Partial<Record<CheckId, CorpusFile>>,
	extracted: ExtractedCorpus,
): CorpusReport {
	const report: CorpusReport = {
		checks: emitted.length,
		perKind: {},
		perCheck: {},
		legitimateRuns: 0,
		legitimateRefused: [],
		refusedByDesign: {},
		attackRuns: 0,
		claimedAttacksPassed: [],
		unclaimedPassed: {},
		unprovenClaims: [],
	};
	const refusedHere = (c: EmittedCheck, value: string): boolean => {
		const d = evaluateIntercept(c.policy, { tool: c.tool, args: { ...c.others, [c.arg]: value } });
		if (d.reason === 'invalid-policy') throw new Error(`${c.id}: the policy does not load`);
		// A refusal by a rate limit or another argument's check would not be this check's doing.
		return !d.allowed && d.reason === 'condition-failed' && d.failedCondition?.path === `args.${c.arg}`;
	};
	for (const c of emitted) {
		const name = c.corpus ?? 'unknown';
		report.perKind[c.kind] = (report.perKind[c.kind] ?? 0) + 1;
		report.perCheck[name] = (report.perCheck[name] ?? 0) + 1;
		const file = c.corpus ? corpus[c.corpus] : undefined;
		const restrictions = (file?.restrictions ?? []).map((r) => ({ why: r.why, re: new RegExp(r.pattern, 'i') }));
		const legit = [
			...(file?.legitimate ?? []).map((value) => ({ value, source: `corpus ${name}` })),
			// A check confined by deployment parameters is run on values for those parameters only: the catalogue's
			// examples name other deployments' folders, hosts and domains.
			...(file?.parameters ? [] : (extracted[c.kind] ?? [])).map((e) => ({ value: e.value, source: `${e.tool} ${e.arg} (${e.field})` })),
		];
		for (const { value, source } of legit) {
			report.legitimateRuns++;
			if (!refusedHere(c, value)) continue;
			const r = restrictions.find((x) => x.re.test(value));
			if (r) report.refusedByDesign[`${name}: ${r.why}`] = (report.refusedByDesign[`${name}: ${r.why}`] ?? 0) + 1;
			else report.legitimateRefused.push({ id: c.id, arg: c.arg, check: name, value: short(value), source });
		}
		for (const a of file?.attacks ?? []) {
			report.attackRuns++;
			if (refusedHere(c, a.value)) continue;
			if (c.stops.includes(a.class))
				report.claimedAttacksPassed.push({ id: c.id, arg: c.arg, check: name, value: short(a.value), source: a.class });
			else report.unclaimedPassed[`${name}: ${a.class}`] = (report.unclaimedPassed[`${name}: ${a.class}`] ?? 0) + 1;
		}
		for (const s of c.stops)
			if (!(file?.attacks ?? []).some((a) => a.class === s)) {
				const claim = `${name}: ${s}`;
				if (!report.unprovenClaims.includes(claim)) report.unprovenClaims.push(claim);
			}
	}
	return report;
}

// ---------------------------------------------------------------------------------------------------
// The site's own checks

/**
 * Every check the site emits for the catalogue under `preset` (the recommended preset: the policy each
 * tool page shows; another preset: what the composer would emit with `params`), each in the one-tool
 * document its page offers. `corpus` gives the value other checked arguments get.
 */
export function siteChecks(
	catalogue: Catalogue,
	corpus: Partial<Record<CheckId, CorpusFile>>,
	preset: Preset = 'recommended',
	params: DeploymentParameters = {},
): { emitted: EmittedCheck[]; unchecked: Record<string, number> } {
	const emitted: EmittedCheck[] = [];
	const unchecked: Record<string, number> = {};
	for (const t of catalogue.tools) {
		const policy: ToolPolicy =
			preset === 'recommended' ? t.policy : policyFromFacts(toolFacts(t.entry.definition, t.judgement, t.parameters), preset, params);
		for (const u of policy.unchecked) {
			const key = `${u.reason as UncheckedReason}: ${u.kind}`;
			unchecked[key] = (unchecked[key] ?? 0) + 1;
		}
		if (policy.checks.length === 0) continue;
		const doc = interceptDocument({ description: `${t.id}: call corpus`, tools: [policy] });
		for (const c of policy.checks) {
			const others: Record<string, string> = {};
			for (const o of policy.checks)
				if (o !== c) others[o.path.slice(5)] = (o.check === 'containment' ? undefined : corpus[o.check])?.legitimate[0] ?? '';
			emitted.push({
				id: t.id,
				tool: t.name,
				policy: doc,
				arg: c.path.slice(5),
				kind: c.kind,
				corpus: c.check === 'containment' ? undefined : c.check,
				stops: c.stops,
				others,
			});
		}
	}
	return { emitted, unchecked };
}
