/**
 * The synthetic catalogue's numbers as text (scripts/synth-catalogue.ts): the measured profile, and the
 * real catalogue beside the generated one.
 */
import { quantiles, type Profile, type Summary } from './profile.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** The distributions measured in the real catalogue at `from`. */
export function describeProfile(profile: Profile, from: string): string[] {
	const q = (v: readonly number[]) => {
		const s = quantiles(v);
		return `median ${s.median}, p90 ${s.p90}, max ${s.max}, mean ${s.mean}`;
	};
	return [
		`measured ${from}: ${profile.source.servers} servers, ${profile.source.tools} tools`,
		`  tools per server      ${q(profile.toolsPerServer)}`,
		`  words per name        ${q(profile.wordsPerName)}`,
		`  name styles           ${profile.nameStyles.map(([s, n]) => `${s} ${pct(n / profile.source.tools)}`).join(', ')}`,
		`  description length    ${q(profile.descriptionLengths)}`,
		`  top-level properties  ${q(profile.topLevelProperties)}`,
		`  nested properties     ${profile.nestedDepths.length} (depths ${q(profile.nestedDepths)}); containers that nest ${pct(profile.nestingShare)}`,
		`  property types        ${profile.propertyTypes.map(([t, n]) => `${t} ${n}`).join(', ')}`,
		`  required ${pct(profile.requiredShare)}, described ${pct(profile.describedShare)}, titled tools ${pct(profile.titleShare)}`,
		`  vocabulary            ${profile.firstWords.length} first words, ${profile.otherWords.length} other name words, ${Object.keys(profile.descriptionBigrams).length} description words`,
	];
}

/** Two columns, real and generated, of the numbers a generated catalogue must resemble. */
export function compareSummaries(a: Summary, b: Summary): string[] {
	const out: string[] = [];
	const row = (label: string, f: (s: Summary) => string) => out.push(`  ${label.padEnd(22)} ${f(a).padEnd(44)} ${f(b)}`);
	const qs = (x: { median: number; p90: number; mean: number }) => `median ${x.median}, p90 ${x.p90}, mean ${x.mean}`;
	out.push('', `  ${''.padEnd(22)} ${'real'.padEnd(44)} generated`);
	row('tools per server', (s) => qs(s.toolsPerServer));
	row('description length', (s) => qs(s.descriptionLength));
	row('parameters (all depths)', (s) => qs(s.parameters));
	row('tools with nesting', (s) => pct(s.nestedShare));
	row('tools with annotations', (s) => pct(s.annotatedShare));
	for (const [c] of Object.entries(a.categories)) row(`category ${c}`, (s) => pct(s.categories[c as keyof Summary['categories']]));
	for (const id of new Set([...Object.keys(a.signals), ...Object.keys(b.signals)]))
		row(`signal ${id}`, (s) => pct(s.signals[id as keyof Summary['signals']] ?? 0));
	return out;
}
