import { clip, tokenize } from '../../tokens.ts';
import type { CategoryVote, RuleContext } from '../../types.ts';
import { openingSentence } from './description-verb.ts';

const words = (s: string) => new Set(s.trim().split(/\s+/));

/**
 * What a destructive-sounding verb can remove and still leave everything that holds data in place (guide,
 * write: "Includes" and "Decided after the first labelling pass"):
 * - associations, which the call's own arguments (or another call) can put back;
 * - session state and derived data the tool itself collected or recomputes (caches, captured logs, cookies);
 * - content inside one named document (a node, cell, range, slide, line, attribute);
 * - a process or app that can be ended and started again, an extension or package that can be reinstalled.
 */
const ASSOCIATION = words(`member members watcher watchers vote votes reaction reactions emoji permission permissions link links
	assignee assignees star stars bookmark bookmarks subtask subtasks placement relation relations follower followers reviewer
	reviewers collaborator collaborators participant participants favorite favorites favourite favourites protection bullet bullets
	mock mocks tab tabs approval approvals`);
/** Objects in their own right that are also attached to others: removing one from something is an association. */
const ATTACHED = words(`label labels tag tags`);
const SESSION = words(`cache caches console log logs buffer buffers network snapshot codegen cookie cookies auth login highlight
	highlights selection filter filters history location dir state context breakpoint breakpoints`);
/**
 * Things with an identity of their own that a group, pool or list only holds (machines behind a load balancer, issues in a
 * sprint, users in a team): removing them from it ends an association, and they survive.
 */
const MEMBERS = words(`droplet droplets server servers instance instances vm vms machine machines host hosts device devices backend
	backends user users issue issues ticket tickets task tasks contact contacts repository repositories`);
/** Entries of another object's configuration (a firewall's rules, a load balancer's forwarding rules). */
const CONFIG_ENTRIES = words(`rule rules`);
/** "Remove X from Y", or a description that documents adding them back ("add/remove issues"). */
const FROM_OR_READDED = /\bfrom\b|\badd\s*(\/|or|and)\s*remove\b/i;
/** "From the registry": the place that holds the thing itself, not a group it belongs to (removing it from there deletes it). */
const FROM_ITS_STORE =
	/\bfrom (the |a |an |its |your )?([\w-]+ ){0,3}(registry|database|db|store|storage|system|account|inventory|catalog|catalogue|disk|server)\b/i;
/** "revoke an agent's access to boards": the access (or permission) revoked, and the word after it (a credential if "token"). */
const REVOKED_ACCESS = /\brevok\w*\s+(?:[\w'’/-]+\s+){0,4}?(access|permissions?)\b\s*(\w*)/i;
const CREDENTIAL_WORDS = words(`key keys token tokens secret secrets credential credentials password passwords certificate certificates
	grant grants oauth session sessions`);
/** Captured items that a clear empties from a buffer, but that a delete removes for good (`delete_messages`). */
const BUFFERED = words(`messages requests entries`);
const ARTICLES = words(`a an the its their this that these those all`);
const IN_DOCUMENT = words(`node nodes cell cells range ranges slide slides line lines attribute attributes dimension paragraph
	paragraphs symbol shape shapes background backgrounds`);
const ENDED = words(`process processes app apps application terminal pid session sessions`);
const REINSTALLED = words(`extension extensions package packages plugin plugins`);
/** A value set on a record (its type, a field's value, an override): removing or clearing it leaves the record, and it can be set again. */
const SETTING = words(`type value values override overrides property properties priority assignment`);
/** Derived copies a purge empties and the next request refills. */
const CACHES = words(`cache caches`);
/** Verbs whose object decides between write and destructive. */
export const REMOVING = words(`delete remove clear reset kill terminate uninstall drop unlink flush evict wipe discard revoke purge`);

/** Work done on a copy made for the call. */
const SCRATCH_COPY = /\b(scratch|temporary|throwaway) (copy|copies|documents?)\b/i;
/** A description that documents recovery (guide: recoverable trash is write). */
const RECOVERABLE =
	/\b(mov(e|es|ed|ing) (it |them |the \w+ |\w+ )?to (the )?(trash|bin|recycle bin)|recoverable|restorable|can be (restored|recovered|re-?added)|archiv(es|ed|ing) (it|them|the))\b/i;
const PERMANENT =
	/(?<!(may|might|can|could) be )\b(permanent(ly)?|irreversibl[ey]|cannot be (undone|recovered)|can't be undone|forever)\b/i;

/** Session words that also name a store's records when followed by "items", "entries" or "records". */
const STORED_SESSION = words(`context state history`);

/** The word a removing verb acts on that makes the removal a write, if any. */
function survivor(verb: string, words: readonly string[], opening: readonly string[], description: string): string | undefined {
	const found = survivorWord(verb, words, opening, description);
	// "Delete context items by keys", "remove state entries": stored items named after the session word are records of a
	// store (a memory store holds the only copy), not the session's own state.
	if (found !== undefined && verb !== 'clear' && verb !== 'reset' && STORED_SESSION.has(found)) {
		if (new RegExp(`\\b${found}\\s+(items?|entries|records|memories)\\b`, 'i').test(description)) return undefined;
	}
	return found;
}

function survivorWord(verb: string, words: readonly string[], opening: readonly string[], description: string): string | undefined {
	const object = words.filter((w) => !ARTICLES.has(w));
	const near = object.slice(0, 4);
	if (verb === 'drop' && /\b(onto|drag)\b/i.test(description)) return 'onto';
	if (verb === 'kill' || verb === 'terminate') return [...object, ...opening].find((w) => ENDED.has(w));
	if (verb === 'uninstall') return object.find((w) => REINSTALLED.has(w));
	if (verb === 'purge') return near.find((w) => CACHES.has(w));
	// Clearing what the session recorded ("Clear all recorded browser actions", `clear_recording`) empties a buffer the tool
	// itself collected, like a captured network log; deleting a stored recording stays destructive.
	if (verb === 'clear') {
		const recorded = [...near, ...opening.slice(0, 6)].find((w) => w === 'recording' || w === 'recorded');
		if (recorded) return recorded;
	}
	const setting = verb === 'remove' || verb === 'clear' || verb === 'reset' ? near.slice(0, 3).find((w) => SETTING.has(w)) : undefined;
	if (setting) return setting;
	// Revoking someone's access to boards or documents ends a permission (an association); revoking a key or token does not.
	if (verb === 'revoke' && !object.some((w) => CREDENTIAL_WORDS.has(w))) {
		const named = object.slice(0, 7).find((w) => w === 'access' || w === 'permission' || w === 'permissions');
		if (named) return named;
		const access = REVOKED_ACCESS.exec(description);
		if (access && !CREDENTIAL_WORDS.has((access[2] ?? '').toLowerCase())) return (access[1] as string).toLowerCase();
	}
	if (verb === 'revoke' || verb === 'discard') return near.find((w) => SESSION.has(w) || w.startsWith('connection') || w === 'session');
	// Rules removed from a firewall or a load balancer are entries of its configuration: the caller passes them in full, and
	// adding them back restores it. Deleting a rule that is a record of its own (`delete_alert_rule`) stays destructive.
	const entry = verb === 'remove' ? near.find((w) => CONFIG_ENTRIES.has(w)) : undefined;
	if (entry && (object.includes('from') || /\bfrom (a|an|the|its|one|this) /i.test(description)) && !FROM_ITS_STORE.test(description))
		return `${entry} from`;
	const member = verb === 'remove' ? near.find((w) => MEMBERS.has(w)) : undefined;
	if (member && (object.includes('from') || FROM_OR_READDED.test(description)) && !FROM_ITS_STORE.test(description))
		return `${member} from`;
	const attached = near.findIndex((w) => ATTACHED.has(w));
	if (attached >= 0 && (verb === 'remove' || attached > 0 || object.includes('from'))) return near[attached];
	return (
		near.find((w) => ASSOCIATION.has(w)) ??
		(object.includes('from') ? 'from' : undefined) ??
		(verb !== 'delete' ? near.find((w) => SESSION.has(w) || BUFFERED.has(w) || w === 'session') : near.find((w) => SESSION.has(w))) ??
		near.find((w) => IN_DOCUMENT.has(w))
	);
}

/** An explanation that a removal only detaches or revokes access: an association ends, the item survives. */
const DETACHES =
	/\b(detach(es|ing)?|unlink(s|ing)?|unassign(s|ing)?|disconnect(s|ing)?|revok(e|es|ing)\b[^.;"]{0,40}\b(access|permissions?))\b/i;

/** The explanation of the enum value `vote` names in its selector's description ("remove" — detaches …), when it detaches. */
function detachingValue(ctx: RuleContext, vote: CategoryVote): string | undefined {
	const p = ctx.parameters.find((q) => q.path === vote.evidence.field);
	const value = vote.evidence.match.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const explained = new RegExp(`["'\`]?${value}["'\`]?\\s*(?:[—–:-]|=>)\\s*([^"\\n]{0,120})`, 'i').exec(p?.description ?? '');
	const m = explained ? DETACHES.exec(explained[1] as string) : null;
	return m ? `${vote.evidence.match}: ${m[0]}` : undefined;
}

/**
 * Lowers a destructive reading that came from a removing verb to write when its object survives (see above), or
 * when the description documents recovery. Never lowers a tool whose description says the removal is permanent.
 * `verb` and `object` are the removing word and the words after it (from the name or the description).
 */
export function reversibleRemoval(ctx: RuleContext, vote: CategoryVote, verb: string, object: readonly string[]): CategoryVote | undefined {
	if (vote.category !== 'destructive' || PERMANENT.test(ctx.description)) return undefined;
	const recovered = RECOVERABLE.exec(ctx.description);
	if (recovered)
		return {
			category: 'write',
			evidence: { rule: 'category/reversible-removal', source: 'description', field: 'description', match: clip(recovered[0], 60) },
		};
	if (!REMOVING.has(verb)) return undefined;
	// A removal made in a scratch or temporary copy ("drop it and re-elaborate a scratch copy of the file") leaves the original.
	const scratch = vote.evidence.rule !== 'category/action-enum' ? SCRATCH_COPY.exec(ctx.description) : null;
	if (scratch)
		return {
			category: 'write',
			evidence: { rule: 'category/reversible-removal', source: 'description', field: 'description', match: `${verb} … ${scratch[0]}` },
		};
	// A selector value its own parameter documents as detaching or revoking access ("remove" — detach a skill from this agent).
	const detached = vote.evidence.rule === 'category/action-enum' ? detachingValue(ctx, vote) : undefined;
	if (detached)
		return {
			category: 'write',
			evidence: { rule: 'category/reversible-removal', source: 'schema', field: vote.evidence.field, match: clip(detached, 60) },
		};
	const which = survivor(verb, object, tokenize(openingSentence(ctx.description)).slice(0, 12), ctx.description);
	if (which === undefined) return undefined;
	return {
		category: 'write',
		evidence: {
			rule: 'category/reversible-removal',
			source: vote.evidence.source,
			field: vote.evidence.field,
			match: `${verb} … ${which}`,
		},
	};
}

/** The removing verb of a name and the words after it (`delete_issue_label` -> delete, [issue, label]). */
export function removalInName(tokens: readonly string[]): { verb: string; object: string[] } | undefined {
	const at = tokens.findIndex((t) => REMOVING.has(t));
	if (at < 0) return undefined;
	// A name that puts the verb last (`reactions_remove`, `label_remove`) names its object first.
	const object = at === tokens.length - 1 ? tokens.slice(Math.max(0, at - 2), at) : tokens.slice(at + 1);
	return { verb: tokens[at] as string, object: object.concat(tokens.slice(0, at).includes('from') ? ['from'] : []) };
}
