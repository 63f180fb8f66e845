/** A minimal, valid Atom 1.0 document (RFC 4287). All text is escaped; dates are normalised to RFC 3339. */
export interface AtomEntry {
	id: string;
	title: string;
	url: string;
	/** `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or a full date-time. */
	updated: string;
	summary: string;
}

export interface AtomFeed {
	id: string;
	title: string;
	selfUrl: string;
	pageUrl: string;
	/** The feed's date when it has no entries (Atom requires one); otherwise the newest entry's date is used. */
	updated?: string;
	entries: readonly AtomEntry[];
}

export function escapeXml(text: string): string {
	// Characters XML 1.0 forbids are dropped; markup characters are escaped.
	return text
		.replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}

/** `2025-04` -> `2025-04-01T00:00:00Z`; a date-time is converted to UTC. */
export function rfc3339(date: string): string {
	if (/T/.test(date)) return new Date(date).toISOString().replace(/\.\d{3}Z$/, 'Z');
	const [y, m = '01', d = '01'] = date.split('-');
	return `${y}-${m}-${d}T00:00:00Z`;
}

/** Orders entries newest first, then by id (code-unit order, so no locale can change it). */
export function byNewest(a: AtomEntry, b: AtomEntry): number {
	const da = rfc3339(a.updated);
	const db = rfc3339(b.updated);
	if (da !== db) return da < db ? 1 : -1;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The newest `limit` entries in feed order (see `byNewest`); each date is normalised once, not per comparison. */
export function newestEntries<E extends Pick<AtomEntry, 'id' | 'updated'>>(entries: readonly E[], limit: number): E[] {
	const keyed = entries.map((entry) => ({ entry, date: rfc3339(entry.updated) }));
	keyed.sort((a, b) => (a.date !== b.date ? (a.date < b.date ? 1 : -1) : a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0));
	return keyed.slice(0, limit).map((k) => k.entry);
}

export function atomFeed(feed: AtomFeed): string {
	const updated =
		feed.entries
			.map((e) => rfc3339(e.updated))
			.sort()
			.at(-1) ?? rfc3339(feed.updated ?? '1970-01-01');
	const entries = feed.entries
		.map(
			(e) => `  <entry>
    <id>${escapeXml(e.id)}</id>
    <title>${escapeXml(e.title)}</title>
    <link href="${escapeXml(e.url)}"/>
    <updated>${rfc3339(e.updated)}</updated>
    <summary>${escapeXml(e.summary)}</summary>
  </entry>`,
		)
		.join('\n');
	return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${escapeXml(feed.id)}</id>
  <title>${escapeXml(feed.title)}</title>
  <updated>${updated}</updated>
  <author><name>toolrisk</name></author>
  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.selfUrl)}"/>
  <link rel="alternate" type="text/html" href="${escapeXml(feed.pageUrl)}"/>
${entries}${entries ? '\n' : ''}</feed>
`;
}
