/**
 * Frontmatter of `content/attacks/<slug>.mdx`: one attack pattern or documented incident. Facts only
 * where the fact sheet verifies them; `verification` says whether the entry's central claim is
 * verified (primary source, or two independent ones) or only reported (one secondary source), and the
 * page words it accordingly. Every category, signal and control must exist in the taxonomy: a typo
 * fails the build with the file and the field.
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { DataError, parseOrThrow } from './errors.ts';
import { capabilityIdSchema, categorySchema, controlIdSchema, signalIdSchema, WINDOWS } from '../taxonomy.ts';

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });

/** What a tool returns, for targets that need the result itself (see `returns`). */
export const RETURN_ROLE_IDS = ['third-party-text'] as const;

/**
 * What an argument must be for a target to match (decided in `present/attack-arguments.ts`): a path on
 * the machine the server runs on (or one of any file type, not one only a notebook or a spreadsheet can
 * be), such a path the tool writes its output to, such a path that names the one file written (not a
 * folder the tool fills under names of its own), text the agent writes into a file (content, body,
 * edits), a shell command (or one for a tool that does not say it only runs read-only commands), a
 * command or program code, an SQL statement (or one for a tool meant only to read, or one that can change
 * data), a URL the server itself requests (not an app deep link), a secret, a person or chat to send to.
 */
export const ARGUMENT_ROLE_IDS = ['local-file', 'any-file', 'output-file', 'named-file', 'content', 'shell-command', 'writable-command', 'code', 'sql', 'read-only-sql', 'writable-sql', 'fetched-url', 'secret', 'person'] as const;

/**
 * One way a catalogued tool is exposed to the attack: every listed signal (argument kinds and other
 * facts of the definition) and capability, one of the listed categories (tool classes), one of the
 * listed name words, an argument in each listed role, and none of the `unless` signals. `why` completes the sentence "<tool> …" on tool
 * pages and is the reason shown.
 */
const targetSchema = z
	.strictObject({
		why: z.string().min(10).max(200),
		signals: z.array(signalIdSchema).default([]),
		categories: z.array(categorySchema).default([]),
		capabilities: z.array(capabilityIdSchema).default([]),
		/**
		 * Words of the tool's name (lower case, as its name splits into words), one of which must occur;
		 * `a+b` asks for both words.
		 */
		words: z.array(z.string().regex(/^[a-z0-9]+(\+[a-z0-9]+)*$/, 'expected a lower-case word, or words joined by "+"')).default([]),
		/**
		 * The word must be the head of the name, what the tool returns or acts on (`get_issue` but not
		 * `get_issue_worklogs`); trailing verbs and wrappers such as `details` or `list` are skipped.
		 */
		head: z.boolean().default(false),
		/**
		 * Words of an argument's name, one of which the evidence of the target's signals must name (an
		 * argument called `sql` rather than `query`): the argument kind the attack needs.
		 */
		fields: z.array(z.string().regex(/^[a-z0-9]+$/, 'expected a lower-case word')).default([]),
		/** Words of a top-level parameter's name, one of which the tool must take (`repo`: the tool works on a repository). */
		params: z.array(z.string().regex(/^[a-z0-9]+$/, 'expected a lower-case word')).default([]),
		/** Words of the tool's name that rule it out (a listing of issue fields is not an issue). */
		notWords: z.array(z.string().regex(/^[a-z0-9]+$/, 'expected a lower-case word')).default([]),
		unless: z.array(signalIdSchema).default([]),
		/** Roles an argument of the tool must play, each one (a local file path, a secret…): the argument kind the attack needs. */
		arguments: z.array(z.enum(ARGUMENT_ROLE_IDS)).default([]),
		/** The `arguments` must be required parameters: the call is about them, not an optional setting beside it. */
		required: z.boolean().default(false),
		/**
		 * What the tool must return (decided in `present/attack-arguments.ts`): `third-party-text`, text other
		 * people write, not findings a service produced, the user's own outgoing items, or nothing (a tool that
		 * acts on items).
		 */
		returns: z.array(z.enum(RETURN_ROLE_IDS)).default([]),
	})
	.refine((t) => [t.signals, t.capabilities, t.categories, t.words, t.params, t.arguments, t.returns].some((list) => list.length > 0), {
		error: 'a target needs a signal, a capability or a category: an empty one would match every tool',
	});

/** Allow-list shapes a containment check can use (their patterns are in `policy/sets.ts`, `CONTAINMENT_SHAPES`). */
export const CONTAINMENT_SHAPE_IDS = [
	'https-hosts',
	'path-under',
	'single-select',
	'recipient-domains',
	'one-of',
	'repository',
	'identifier',
	'command-prefixes',
] as const;

const changeSchema = z.discriminatedUnion('kind', [
	z.strictObject({ kind: z.literal('recommended') }),
	z.strictObject({ kind: z.literal('deny'), reason: z.string().min(20) }),
	z.strictObject({ kind: z.literal('hide'), reason: z.string().min(20) }),
	z.strictObject({ kind: z.literal('cap'), max: z.number().int().min(1), window: z.enum(WINDOWS) }),
	z.strictObject({
		kind: z.literal('check'),
		arg: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a top-level argument name (letters, digits, "_")'),
		shape: z.enum(CONTAINMENT_SHAPE_IDS),
		/** The deployment's own values (hosts, folder, domains, commands); example values on the page. */
		values: z.array(z.string().min(1)).default([]),
	}),
]);

/**
 * How the entry is contained: a policy built from the policy model (the example tool's recommended
 * policy, changed as `change` says) that refuses `exampleCall`, or a plain statement of why a gateway
 * cannot stop it (`why`) and what does (`instead`).
 */
const containmentSchema = z.discriminatedUnion('kind', [
	z.strictObject({
		kind: z.literal('policy'),
		change: changeSchema,
		/** What the policy leaves open, and what else is needed; shown under it. */
		note: z.string().min(20).optional(),
	}),
	z.strictObject({ kind: z.literal('cannot'), why: z.string().min(40), instead: z.string().min(40) }),
]);

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
	/** A catalogued tool (`<server>/<tool segment>`) the attack applies to; the containment policy is built for it. */
	exampleTool: z.string().regex(/^[a-z0-9-]+\/[A-Za-z0-9_.-]+$/, 'expected "<server>/<tool>" as in /tools/<server>/<tool>/').optional(),
	/** The attack's call to `exampleTool`: its arguments as sent in `tools/call`. */
	exampleCall: z
		.strictObject({
			arguments: z.record(z.string(), z.json()),
			/** How many identical calls came before it in the same minute (for attacks that are the volume itself). */
			after: z.number().int().min(1).max(10_000).optional(),
		})
		.optional(),
	containment: containmentSchema,
	/** Which catalogued tools the attack applies to; none for attacks on clients, SDKs or infrastructure. */
	targets: z.array(targetSchema).default([]),
	/** Other entries this one is an instance of, or related to (slugs). */
	related: z.array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)).default([]),
	sources: z.array(z.strictObject({ title: z.string().min(1), url: httpUrl })).min(1, 'expected at least one source'),
}).superRefine((a, ctx) => {
	if (a.containment.kind !== 'policy') return;
	if (a.exampleTool === undefined)
		ctx.addIssue({ code: 'custom', path: ['exampleTool'], message: 'a containment policy needs the catalogued tool it is built for' });
	if (a.exampleCall === undefined)
		ctx.addIssue({ code: 'custom', path: ['exampleCall'], message: 'a containment policy needs the example call it must refuse' });
});
export type Attack = z.infer<typeof attackSchema>;
export type AttackInput = z.input<typeof attackSchema>;

/**
 * The validated frontmatter of an attack file's text (the part between the opening `---` lines), as
 * the site's loader reads it; for scripts that read content/attacks without Astro. A missing block or
 * bad YAML is a DataError naming the file.
 */
export function parseAttackFile(text: string, file: string): Attack {
	const front = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text)?.[1];
	if (front === undefined) throw new DataError(file, ['(root): expected frontmatter between two "---" lines']);
	let data: unknown;
	try {
		data = parseYaml(front);
	} catch (error) {
		throw new DataError(file, [`(root): the frontmatter is not valid YAML: ${(error as Error).message}`]);
	}
	return parseOrThrow(attackSchema, data, file);
}

/** One reviewed tool→attack link in content/attacks/link-review.json. */
const reviewedLinkSchema = z.strictObject({
	tool: z.string().min(1),
	attack: z.string().min(1),
	/** The reason the site showed when it was reviewed. */
	why: z.string().min(1),
	verdict: z.enum(['relevant', 'not-relevant']),
	note: z.string().min(1).optional(),
});

/** A committed review of a random sample of tool→attack links (scripts/sample-attack-links.ts draws it). */
export const linkReviewSchema = z.strictObject({
	seed: z.number().int(),
	/** Every link on the site when the sample was drawn, and the catalogue size. */
	population: z.strictObject({ links: z.number().int().min(0), tools: z.number().int().min(0) }),
	reviewed: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
	/** How a link was judged: what "relevant" means for this review. */
	criterion: z.string().min(20),
	links: z.array(reviewedLinkSchema).min(1),
});
export type LinkReview = z.infer<typeof linkReviewSchema>;
