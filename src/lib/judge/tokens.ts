/**
 * Splits identifiers into lower-case words: `agentwork_send_message`, `sendMessage`, `APIKey`,
 * `send-message.v2` -> their words. Letters and digits only; everything else separates.
 */
export function tokenize(identifier: string): string[] {
	return identifier
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
		.toLowerCase()
		.split(/[^a-z0-9]+/)
		.filter(Boolean);
}

/** Caps quoted evidence so a 5 MB description cannot bloat a page. */
export function clip(text: string, max = 120): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
