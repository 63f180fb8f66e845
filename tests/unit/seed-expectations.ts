/**
 * The expectations the issue states for the seed servers (Agentmail, Agentwork, the Wingman gateway),
 * written once and run twice: on the fixture copies of their content files by classify.test.ts (the
 * classifier gives these results on these definitions) and on the live files by seed.catalogue.test.ts
 * (the data the site is built from still holds them after a re-scan or an edit).
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from '../../src/lib/judge/classify.ts';
import type { Judgement } from '../../src/lib/judge/types.ts';
import type { ServerFile, ToolEntry } from '../../src/lib/content/server.ts';
import { evidenceOf, signalFields } from './support.ts';

function entryOf(server: ServerFile, name: string): ToolEntry {
	const entry = server.tools.find((t) => t.definition.name === name);
	if (!entry) throw new Error(`${server.slug} has no tool ${name}`);
	return entry;
}

/** Classifies a content-file entry the way the catalogue does (known parameters included). */
function classifyEntry(entry: ToolEntry): Judgement {
	return classifyTool({ definition: entry.definition, knownParameters: entry.knownParameters });
}

/** The seed expectations, on the server files `load` gives for a slug. */
export function describeSeedServers(title: string, load: (slug: string) => ServerFile): void {
	describe(title, () => {
		const agentmail = load('agentmail');
		const agentwork = load('agentwork');
		const gateway = load('wingman-gateway');

		it('Agentmail send_message is write / medium with the reference signals and fields', () => {
			const j = classifyEntry(entryOf(agentmail, 'send_message'));
			expect(j.category).toBe('write');
			expect(j.level).toBe('medium');
			expect(j.levelRule).toBeUndefined();
			expect(j.categoryEvidence[0]).toMatchObject({ rule: 'category/name-verb', field: 'name', match: 'send' });
			expect(signalFields(j)).toEqual({
				'raw-content': ['html'],
				'url-input': ['attachments[].url'],
				'file-path': ['attachments[].filename'],
				recipient: ['to', 'cc', 'bcc'],
				'many-parameters': ['inputSchema'],
			});
			expect(evidenceOf(j, 'many-parameters')).toEqual([
				{ rule: 'signal/many-parameters', source: 'schema', field: 'inputSchema', match: '13 properties' },
			]);
			expect(j.parameterCount).toBe(13);
			expect(j.schemaTruncated).toBe(false);
		});

		it('Agentwork agentwork_send_message has credentials on api_key', () => {
			const j = classifyEntry(entryOf(agentwork, 'agentwork_send_message'));
			expect(j.category).toBe('write');
			expect(j.level).toBe('medium');
			expect(signalFields(j)).toEqual({ credentials: ['api_key'] });
			expect(evidenceOf(j, 'credentials')[0]).toMatchObject({ source: 'schema', field: 'api_key', match: 'api_key' });
		});

		it('Gateway send_message has credentials on secret and raw-content on body from known parameters, with no schema', () => {
			const entry = entryOf(gateway, 'send_message');
			expect(entry.definition.inputSchema).toBeUndefined();
			expect(entry.status?.inputSchema).toBe('unpublished');
			const j = classifyEntry(entry);
			expect(j.category).toBe('write');
			expect(j.level).toBe('medium');
			expect(signalFields(j)).toEqual({ credentials: ['secret'], 'raw-content': ['body'] });
			expect(evidenceOf(j, 'credentials')).toEqual([
				{ rule: 'signal/credentials', source: 'known-parameter', field: 'secret', match: 'secret' },
			]);
			expect(evidenceOf(j, 'raw-content')).toEqual([
				{ rule: 'signal/raw-content', source: 'known-parameter', field: 'body', match: 'body' },
			]);
		});

		it('Agentmail get_inbox returns no untrusted content (inbox metadata, not messages)', () => {
			const j = classifyEntry(entryOf(agentmail, 'get_inbox'));
			expect(j.category).toBe('read');
			expect(j.level).toBe('low');
			expect(signalFields(j)).toEqual({});
		});

		it('Agentmail list_inboxes: pageToken is pagination, not a credential', () => {
			const j = classifyEntry(entryOf(agentmail, 'list_inboxes'));
			expect(signalFields(j)).toEqual({});
		});

		it('Agentmail delete_inbox is destructive / critical', () => {
			const j = classifyEntry(entryOf(agentmail, 'delete_inbox'));
			expect([j.category, j.level]).toEqual(['destructive', 'critical']);
		});
	});
}
