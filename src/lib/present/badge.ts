/**
 * The per-server SVG badge (`/servers/<server>/badge.svg`): "MCP risk | 2 critical · 5 medium".
 * Pure: the same counts give the same bytes. Every text is escaped for XML, the badge is an image
 * with a title and an aria-label, its colours come from one level → colour map, and its widths come
 * from a character-width table, so the text fits whatever font the viewer falls back to (each text
 * also carries `textLength`, which makes the renderer fit it to the computed width).
 */
import { RISK_LEVEL_IDS, type RiskLevel } from '../taxonomy.ts';

/** The text on the badge's left half. */
const BADGE_LABEL = 'MCP risk';

/**
 * Background per level (white text on each; every pair has a contrast ratio of at least 4.5:1, tested).
 * The same hues as the site's risk badges (`--<level>-fg` in global.css).
 */
export const BADGE_COLOURS: Record<RiskLevel | 'label' | 'none', string> = {
	label: '#555555',
	none: '#6e6e6e',
	low: '#0d5223',
	medium: '#6b4400',
	high: '#8a2c00',
	critical: '#8f0b0b',
};
export const BADGE_TEXT_COLOUR = '#ffffff';

/** How many levels the summary names at most: the most severe ones present. */
const BADGE_PARTS = 2;

/**
 * The wording rule, defined once: the counts of the (at most two) most severe risk levels the server
 * has, most severe first, as "<count> <level>" joined by " · "; "no tools" for an empty server. The
 * colour is that of the most severe level present.
 */
export function badgeSummary(levelCounts: Readonly<Record<RiskLevel, number>>): { text: string; level: RiskLevel | undefined } {
	const present = [...RISK_LEVEL_IDS].reverse().filter((l) => levelCounts[l] > 0);
	if (present.length === 0) return { text: 'no tools', level: undefined };
	return {
		text: present
			.slice(0, BADGE_PARTS)
			.map((l) => `${levelCounts[l]} ${l}`)
			.join(' · '),
		level: present[0],
	};
}

/**
 * Advance widths of printable ASCII (U+0020 to U+007E, in order) in units of 1/2048 em: an approximation
 * of Verdana / DejaVu Sans, written for this badge.
 */
const ASCII_UNITS = [
	720,
	823,
	1030,
	1860,
	1423,
	2431,
	1617,
	551,
	1045,
	1045,
	1423,
	1860,
	823,
	1045,
	823,
	1454, // space to /
	1423,
	1423,
	1423,
	1423,
	1423,
	1423,
	1423,
	1423,
	1423,
	1423,
	985,
	985,
	1860,
	1860,
	1860,
	1219, // 0 to ?
	2240,
	1401,
	1405,
	1430,
	1577,
	1294,
	1178,
	1587,
	1540,
	860,
	1036,
	1418,
	1141,
	1727,
	1532,
	1612, // @ to O
	1235,
	1612,
	1424,
	1400,
	1265,
	1499,
	1401,
	2025,
	1403,
	1261,
	1403,
	1045,
	1454,
	1045,
	1860,
	1423, // P to _
	1423,
	1229,
	1276,
	1067,
	1276,
	1220,
	720,
	1276,
	1296,
	562,
	676,
	1212,
	562,
	1992,
	1296,
	1243, // ` to o
	1276,
	1276,
	874,
	1067,
	807,
	1296,
	1212,
	1675,
	1212,
	1212,
	1075,
	1393,
	1045,
	1393,
	1860, // p to ~
] as const;
const UNITS_PER_EM = 2048;
const BADGE_FONT_SIZE = 11;
/** Characters outside the table: a digit's width, or a full em for wide (CJK, emoji) characters; combining marks take none. */
const DEFAULT_UNITS = 1423;
const WIDE_UNITS = 2048;
const EXTRA_UNITS: Readonly<Record<string, number>> = { '·': 823, '…': 1638 };

function unitsOf(ch: string): number {
	const cp = ch.codePointAt(0)!;
	if (cp >= 0x20 && cp <= 0x7e) return ASCII_UNITS[cp - 0x20]!;
	if (EXTRA_UNITS[ch] !== undefined) return EXTRA_UNITS[ch];
	if (/\p{M}/u.test(ch) || /\p{Cf}/u.test(ch)) return 0;
	if (
		cp >= 0x1100 &&
		(/\p{Extended_Pictographic}/u.test(ch) ||
			/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch))
	)
		return WIDE_UNITS;
	return DEFAULT_UNITS;
}

/** The width of a text at the badge's font size, in pixels, rounded to a tenth. */
export function textWidth(text: string, fontSize = BADGE_FONT_SIZE): number {
	let units = 0;
	for (const ch of text) units += unitsOf(ch);
	return Math.round((units / UNITS_PER_EM) * fontSize * 10) / 10;
}

/**
 * Escapes text for XML character data and attribute values. Characters XML 1.0 cannot carry at all
 * (most C0 controls, lone surrogates, U+FFFE/U+FFFF) become U+FFFD, so no input makes the file invalid.
 */
export function escapeXml(text: string): string {
	return text
		.replace(
			/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
			'\ufffd',
		)
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

/** Server names in the title are cut to this many characters (the badge's size stays bounded). */
const BADGE_NAME_MAX = 80;

function shorten(text: string, max: number): string {
	const chars = [...text.replace(/\s+/g, ' ').trim()];
	return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

interface BadgeInput {
	serverName: string;
	levelCounts: Readonly<Record<RiskLevel, number>>;
}

/** Horizontal padding on each side of each text, in pixels. */
const PAD = 6;
const HEIGHT = 20;
const px = (n: number) => String(Math.round(n * 10) / 10);

/** The badge as an SVG document (with a trailing newline). */
export function badgeSvg({ serverName, levelCounts }: BadgeInput): string {
	const { text, level } = badgeSummary(levelCounts);
	const labelText = textWidth(BADGE_LABEL);
	const valueText = textWidth(text);
	const left = labelText + 2 * PAD;
	const right = valueText + 2 * PAD;
	const width = left + right;
	const title = escapeXml(`${BADGE_LABEL} of ${shorten(serverName, BADGE_NAME_MAX)}: ${text}`);
	const colour = BADGE_COLOURS[level ?? 'none'];
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${px(width)}" height="${HEIGHT}" viewBox="0 0 ${px(width)} ${HEIGHT}" role="img" aria-label="${title}">`,
		`<title>${title}</title>`,
		`<g shape-rendering="crispEdges"><rect width="${px(left)}" height="${HEIGHT}" fill="${BADGE_COLOURS.label}"/><rect x="${px(left)}" width="${px(right)}" height="${HEIGHT}" fill="${colour}"/></g>`,
		`<g fill="${BADGE_TEXT_COLOUR}" font-family="Verdana,DejaVu Sans,sans-serif" font-size="${BADGE_FONT_SIZE}" text-anchor="middle">`,
		`<text x="${px(left / 2)}" y="14" textLength="${px(labelText)}">${escapeXml(BADGE_LABEL)}</text>`,
		`<text x="${px(left + right / 2)}" y="14" textLength="${px(valueText)}">${escapeXml(text)}</text>`,
		`</g>`,
		`</svg>`,
		'',
	].join('\n');
}

/** Where a server's badge lives, relative to the site root. */
export function badgePath(serverSlug: string): string {
	return `/servers/${serverSlug}/badge.svg`;
}

/** The snippets that embed a server's badge, linking to its page; `site` is the site's absolute origin. */
export function badgeSnippets(site: string | URL, serverSlug: string, serverName: string): { markdown: string; html: string } {
	const image = new URL(badgePath(serverSlug), site).href;
	const page = new URL(`/servers/${serverSlug}/`, site).href;
	const alt = `MCP risk of ${shorten(serverName, BADGE_NAME_MAX)}`;
	const mdAlt = alt.replace(/[\\[\]]/g, '\\$&');
	return {
		markdown: `[![${mdAlt}](${image})](${page})`,
		html: `<a href="${escapeXml(page)}"><img src="${escapeXml(image)}" alt="${escapeXml(alt)}"></a>`,
	};
}
