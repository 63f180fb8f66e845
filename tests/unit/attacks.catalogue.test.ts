/**
 * About the live catalogue: every committed attack entry (content/attacks) validates, each reference it
 * makes resolves against the live servers (its example tool, its related entries), and every entry is
 * contained or says honestly that it cannot be: either its containment policy, built from the policy
 * model for its example tool and validated in both formats, refuses the entry's own example call under
 * the Intercept engine's decision (`evaluate.ts`), or it states why a gateway cannot stop it and what
 * does. It reads the live data because that is what it guards: an edited entry, or a re-scan or
 * classifier change that alters an example tool's policy, must fail here before the build does. The
 * matching and the containment code are tested on the fixture catalogue in attacks.test.ts and
 * attack-containment.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { attackContainment } from '../../src/lib/present/attack-containment.ts';
import { buildAttackIndex } from '../../src/lib/present/attacks.ts';
import { validateInterceptPolicy } from '../../src/lib/policy/intercept-schema.ts';
import { validatePolicyLayerPolicy } from '../../src/lib/policy/policylayer-schema.ts';
import { parse as parseYaml } from 'yaml';
import { buildCatalogue } from '../../src/lib/catalogue.ts';
import { liveAttacks, liveCatalogue, liveServers } from './support.catalogue.ts';
import { madeServer, madeTool } from './support.ts';

describe('every committed attack entry', () => {
	const catalogue = liveCatalogue();
	const entries = liveAttacks();

	it('validates and resolves its references', () => {
		expect(entries.length).toBe(44);
		expect(() => buildAttackIndex(entries, catalogue)).not.toThrow();
	});

	it('is contained by a policy that refuses its example call, or says plainly why a gateway cannot stop it', () => {
		const counts = { policy: 0, cannot: 0 };
		for (const e of entries) {
			const c = attackContainment(e, catalogue);
			counts[c.kind]++;
			if (c.kind === 'cannot') {
				expect(c.why.length, `${e.slug}: why`).toBeGreaterThan(40);
				expect(c.instead.length, `${e.slug}: instead`).toBeGreaterThan(40);
				continue;
			}
			expect(validateInterceptPolicy(parseYaml(c.yaml)), e.slug).toEqual([]);
			expect(validatePolicyLayerPolicy(JSON.parse(c.json)), e.slug).toEqual([]);
			expect(c.intercept.allowed, `${e.slug}: ${c.intercept.reason}`).toBe(false);
			expect(['deny-rule', 'condition-failed', 'rate-limited', 'hidden', 'not-listed'], e.slug).toContain(c.intercept.reason);
			// Never "allowed with no limit"; a bare rate limit only where the entry's call is the excess of a loop.
			expect(c.policy.treatment, e.slug).not.toBe('allow');
			if (c.policy.treatment === 'limit' && c.policy.checks.length === 0)
				expect(c.call.after, `${e.slug}: a bare limit`).toBeGreaterThan(0);
		}
		expect(counts).toEqual({ policy: 23, cannot: 21 });
	});

	it('links no tool through a category or a signal alone: every target is specific', () => {
		for (const e of entries)
			for (const t of e.data.targets) {
				const facts = t.signals.length + t.capabilities.length + t.words.length;
				expect(facts, `${e.slug}: ${t.why}`).toBeGreaterThan(0);
			}
	});
});

/**
 * Must link and must not link, for the committed entries' own targets: a writer handed a folder picks the
 * file name itself and cannot rewrite a configuration file; a tool that only runs read-only commands from
 * an allow-list cannot wipe (an allow-list can still be bypassed: command injection stays); an app deep
 * link is not a request the server makes; a payment link asks others to pay and spends nothing.
 */
describe('the committed entries on tools made for the case', () => {
	const made = madeServer('modelcontextprotocol-filesystem', 'made-entries', [
		madeTool(
			'write_file',
			'Write content to a file on this machine, overwriting it.',
			{ path: { type: 'string', description: 'Absolute path to the file to write' }, content: { type: 'string' } },
			['path', 'content'],
		),
		madeTool(
			'write_summary',
			'Writes a README.md summary file to the requirements directory.',
			{ outputDir: { type: 'string', description: 'Absolute path to the requirements directory' }, readmeContent: { type: 'string' } },
			['outputDir', 'readmeContent'],
		),
		madeTool(
			'run_command',
			'Execute an arbitrary shell command on this machine.',
			{ command: { type: 'string', description: 'Shell command to run' } },
			['command'],
		),
		madeTool(
			'read_command',
			'Execute a READ-ONLY command from an allowlist (ls, cat, grep). This tool does NOT modify the system.',
			{ command: { type: 'string', description: 'Read-only shell command (must be in the allowlist)' } },
			['command'],
		),
		madeTool('fetch_url', 'Fetch a URL and return its content.', { url: { type: 'string', description: 'URL to fetch' } }, ['url']),
		madeTool(
			'open_deeplink',
			'Open deep link on simulator/device. Navigate to screens via URL scheme.',
			{ url: { type: 'string', description: 'Deep link URL (e.g. myapp://product/123).' } },
			['url'],
		),
		madeTool(
			'send_payment',
			'Send a payment from the connected wallet to a recipient.',
			{ amount: { type: 'number', description: 'Amount in USD to pay' }, recipient: { type: 'string' } },
			['amount', 'recipient'],
		),
		madeTool(
			'create_payment_link',
			'Create a payment link customers can use to pay you.',
			{ price: { type: 'string', description: 'ID of the price' }, amount: { type: 'number', description: 'Amount in USD' } },
			['amount'],
		),
	]);
	// The live servers resolve the entries' example tools and related links.
	const catalogue = buildCatalogue([...liveServers(), made]);
	const index = buildAttackIndex(liveAttacks(), catalogue);
	const linked = (name: string) => index.forTool(catalogue.tool(`made-entries/${name}`)!).map((m) => m.attack.slug);
	it.each([
		{
			name: 'write_file',
			must: ['agent-config-tampering', 'copilot-yolo-cve-2025-53773', 'curxecute-cursor', 'filesystem-escaperoute'],
			not: [],
		},
		{
			name: 'write_summary',
			must: ['filesystem-escaperoute'],
			not: ['agent-config-tampering', 'copilot-yolo-cve-2025-53773', 'curxecute-cursor', 'mcp-atlassian-file-write-ssrf'],
		},
		{ name: 'run_command', must: ['amazon-q-wiper-prompt', 'cmd-injection-exec-tools'], not: [] },
		{ name: 'read_command', must: ['cmd-injection-exec-tools'], not: ['amazon-q-wiper-prompt'] },
		{ name: 'fetch_url', must: ['ssrf-fetch-tools'], not: [] },
		{ name: 'open_deeplink', must: [], not: ['ssrf-fetch-tools'] },
		{ name: 'send_payment', must: ['runaway-loops-denial-of-wallet'], not: [] },
		{ name: 'create_payment_link', must: [], not: ['runaway-loops-denial-of-wallet'] },
	])('$name links to $must and not to $not', ({ name, must, not }) => {
		const slugs = linked(name);
		for (const m of must) expect(slugs, m).toContain(m);
		for (const n of not) expect(slugs, n).not.toContain(n);
	});
});
