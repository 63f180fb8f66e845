/**
 * Frontmatter of `content/attacks/<slug>.mdx`: one attack pattern or documented incident. Facts only
 * where the fact sheet verifies them; `verification` says whether the entry's central claim is
 * verified (primary source, or two independent ones) or only reported (one secondary source), and the
 * page words it accordingly. Every category, signal and control must exist in the taxonomy: a typo
 * fails the build with the file and the field.
 */
import { z } from 'zod';
import { categorySchema, controlIdSchema, signalIdSchema } from '../taxonomy.ts';

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });

export const attackSchema = z.strictObject({
	title: z.string().min(1),
	/** `pattern`: a class of attack; `incident`: a documented case (a disclosure, a CVE, a breach). */
	kind: z.enum(['pattern', 'incident']),
	/** One sentence: what happens, for lists and cards. */
	summary: z.string().min(20).max(300),
	/** Date first disclosed, as precise as known: `2025-04-01`, `2025-04` or `2025`. */
	disclosed: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD'),
	disclosedBy: z.array(z.string().min(1)).min(1),
	/** `verified`: primary source or two independent sources; `reported`: one secondary source. */
	verification: z.enum(['verified', 'reported']),
	affected: z.strictObject({
		products: z.array(z.string().min(1)).default([]),
		/** Tools named in the sources, as written there (not necessarily catalogued here). */
		tools: z.array(z.string().min(1)).default([]),
	}),
	cves: z
		.array(
			z.strictObject({
				id: z.string().regex(/^CVE-\d{4}-\d{4,}$/, 'expected a CVE id such as CVE-2025-54136'),
				/** CVSS base score where published, with the version that scored it. */
				cvss: z.number().min(0).max(10).optional(),
				cvssVersion: z.enum(['3.1', '4.0']).optional(),
			}),
		)
		.default([]),
	/** The tool categories the attack abuses. */
	categories: z.array(categorySchema).default([]),
	/** The signals that mark a tool as exposed. Empty for attacks on clients or infrastructure. */
	signals: z.array(signalIdSchema).default([]),
	/** Gateway controls that mitigate it, most effective first. */
	controls: z.array(controlIdSchema).min(1),
	/** Honestly: what a gateway on the MCP wire cannot stop. */
	gatewayLimits: z.string().min(20),
	taxonomy: z
		.strictObject({
			owaspLlm: z.array(z.string().regex(/^LLM(0[1-9]|10)$/, 'expected LLM01..LLM10')).default([]),
			owaspMcp: z.array(z.string().regex(/^MCP(0[1-9]|10)$/, 'expected MCP01..MCP10')).default([]),
			cwe: z.array(z.string().regex(/^CWE-\d+$/, 'expected CWE-<number>')).default([]),
			/** Only ids the fact sheet marks verified. */
			atlas: z.array(z.string().regex(/^AML\.[TM]\d{4}(\.\d{3})?$/, 'expected AML.T0000 or AML.T0000.000')).default([]),
		})
		.default({ owaspLlm: [], owaspMcp: [], cwe: [], atlas: [] }),
	/** A catalogued tool (`<server>/<tool segment>`) with the abused signal; its generated policy is shown as the containment example. */
	exampleTool: z.string().regex(/^[a-z0-9-]+\/[A-Za-z0-9_.-]+$/, 'expected "<server>/<tool>" as in /tools/<server>/<tool>/').optional(),
	/** Other entries this one is an instance of, or related to (slugs). */
	related: z.array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)).default([]),
	sources: z.array(z.strictObject({ title: z.string().min(1), url: httpUrl })).min(1, 'expected at least one source'),
});
export type Attack = z.infer<typeof attackSchema>;
export type AttackInput = z.input<typeof attackSchema>;
