/**
 * `content/scan/report.json`: what the batch scan pipeline (scripts/batch-scan.ts) found for every
 * package of `content/scan/servers.tsv`, one record per package. Facts about the last attempt only;
 * the catalogued tools themselves live in `content/servers/<slug>.json`.
 */
import { z } from 'zod';

/**
 * The outcome of scanning one package:
 * - `catalogued`: the server answered `tools/list` and its content file was written (or was unchanged);
 * - `not-a-server`: a library, SDK or CLI that is not an MCP stdio server (no executable, or one that
 *   does not speak MCP);
 * - `needs-credentials`: it refused the placeholder credentials (an auth error, or no tools without them);
 * - `crashed`: the process exited before the listing was complete;
 * - `timed-out`: no answer within the start or listing limit;
 * - `install-failed`: the version could not be resolved or installed;
 * - `invalid-output`: it spoke MCP, but the listing breaks the protocol or our limits (non-JSON after
 *   initialise, duplicate names, cursor loops, oversized answers, definitions a content file cannot hold).
 */
const SCAN_OUTCOMES = ['catalogued', 'not-a-server', 'needs-credentials', 'crashed', 'timed-out', 'install-failed', 'invalid-output'] as const;
export type ScanOutcome = (typeof SCAN_OUTCOMES)[number];

/**
 * What isolated a package's processes: `bubblewrap` (an OS sandbox: its own user, process, IPC, network
 * and mount namespaces, a read-only view of the runtime and the package, resource limits), or `none`
 * (the user asked for an unsandboxed run, and the server ran with the scanner's rights).
 */
const SANDBOX_KINDS = ['bubblewrap', 'none'] as const;
/**
 * A limit that ended an attempt: per-process address space (`memory`), CPU seconds (`cpu-time`),
 * processes and threads (`processes`), open files (`open-files`), the largest file (`file-size`), the
 * private writable space (`disk`), bytes read from the server's stdout or stderr (`output`), and the
 * scanner's time limits (`wall-clock`). Read from how the server ended (a limit's signal, the error it
 * printed), so a server can make it up; it explains a failure, it proves nothing.
 */
const SANDBOX_LIMITS = ['memory', 'cpu-time', 'processes', 'open-files', 'file-size', 'disk', 'output', 'wall-clock'] as const;
export type SandboxLimit = (typeof SANDBOX_LIMITS)[number];

const scanRecordSchema = z.strictObject({
	/** The npm package name (or, for local test packages, the package.json name). */
	package: z.string().min(1),
	/** The exact version tried; absent when it could not be resolved. */
	version: z.string().min(1).optional(),
	/** The content file slug, when catalogued (or when a catalogued file was kept after a failed re-scan). */
	slug: z.string().optional(),
	outcome: z.enum(SCAN_OUTCOMES),
	/** Tools listed (catalogued only). */
	tools: z.number().int().nonnegative().optional(),
	/** Why, in words: the failure message (with the server's last stderr lines), or what was written. */
	reason: z.string(),
	/** Executable started, when one was. */
	bin: z.string().optional(),
	/** Environment variable names given placeholders (never values). */
	env: z.array(z.string()).optional(),
	/** A catalogued file from an earlier scan was kept unchanged because this attempt failed. */
	keptPrevious: z.boolean().optional(),
	/**
	 * How the package's processes were isolated, when any ran in this attempt (absent when nothing of
	 * the package was started: its version or install failed, the registry showed it is no server, or it
	 * was kept without a re-scan; and on records written before the scanner had a sandbox).
	 */
	sandbox: z
		.strictObject({
			kind: z.enum(SANDBOX_KINDS),
			/** The sandbox tool's version, e.g. `bubblewrap 0.8.0`. */
			version: z.string().min(1).optional(),
		})
		.optional(),
	/** The Node version the server last ran on (`v24.1.0`), when it ran on Node. */
	node: z.string().regex(/^v\d+\.\d+\.\d+/, 'expected a Node version such as v24.1.0').optional(),
	/**
	 * The batch's automatic retries, in order, in words (a longer install limit, a subcommand, placeholder
	 * variables or flags, dummy credential files, native-module stubs, the fallback Node, quiet variables).
	 */
	retries: z.array(z.string().min(1)).optional(),
	/** The limit that ended the attempt, when one did (see SANDBOX_LIMITS). */
	limitHit: z.enum(SANDBOX_LIMITS).optional(),
	durationMs: z.number().int().nonnegative(),
	/** When the attempt finished (UTC, ISO 8601 to the second). */
	date: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, 'expected an ISO 8601 UTC date-time such as 2026-12-01T19:00:00Z'),
});
export type ScanRecord = z.infer<typeof scanRecordSchema>;

export const scanReportSchema = z
	.strictObject({
		$schema: z.string().optional(),
		/** The scanner that produced the records (`provenance.scan.scanner` of the files it wrote). */
		scanner: z.string().min(1),
		updatedAt: z.string().min(1),
		records: z.array(scanRecordSchema),
	})
	.superRefine((report, ctx) => {
		const seen = new Set<string>();
		report.records.forEach((r, i) => {
			if (seen.has(r.package)) ctx.addIssue({ code: 'custom', path: ['records', i, 'package'], message: `expected one record per package; ${r.package} appears twice` });
			seen.add(r.package);
			if (r.sandbox?.kind === 'bubblewrap' && r.sandbox.version === undefined) {
				ctx.addIssue({ code: 'custom', path: ['records', i, 'sandbox', 'version'], message: 'a sandboxed record names the sandbox tool\'s version' });
			}
			if (r.outcome === 'catalogued' && (r.tools === undefined || r.slug === undefined)) {
				ctx.addIssue({ code: 'custom', path: ['records', i], message: 'a catalogued record needs its tool count and slug' });
			}
		});
	});
export type ScanReport = z.infer<typeof scanReportSchema>;

/** Counts of each outcome, every outcome present (zero when none). */
export function outcomeCounts(records: readonly ScanRecord[]): Record<ScanOutcome, number> {
	const counts = Object.fromEntries(SCAN_OUTCOMES.map((o) => [o, 0])) as Record<ScanOutcome, number>;
	for (const r of records) counts[r.outcome] += 1;
	return counts;
}
