/**
 * Which natural languages the catalogue's tool descriptions are written in, so the
 * labelling guide and the classifier's word lists cover the languages that actually occur.
 *
 * A description is assigned one language:
 * 1. by script, when at least 5 of its letters (and at least 10 % of them) belong to one non-Latin script:
 *    Han with kana is Japanese, Han alone Chinese, Hangul Korean, then Cyrillic, Arabic, Hebrew, Greek,
 *    Thai, Devanagari (a description in Chinese that quotes English identifiers is still Chinese);
 * 2. otherwise by function words: each Latin-script language has a short list of words that are common in
 *    it and are not English words; the language with the most hits wins when it has at least 3 hits, at
 *    least twice the English hits and at least 8 % of the words;
 * 3. otherwise English when it has at least one English function word, else `undetermined` (too short or
 *    a bare identifier list).
 *
 * No dependencies, so browser and build code may use it. `scripts/measure-languages.ts` runs it over the catalogue.
 */

/** Non-Latin scripts, tested in this order; `re` matches one letter of the script. */
const SCRIPTS: { id: string; re: RegExp }[] = [
	{ id: 'hangul', re: /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/gu },
	{ id: 'kana', re: /[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]/gu },
	{ id: 'han', re: /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/gu },
	{ id: 'cyrillic', re: /[\u0400-\u04ff]/gu },
	{ id: 'arabic', re: /[\u0600-\u06ff\u0750-\u077f]/gu },
	{ id: 'hebrew', re: /[\u0590-\u05ff]/gu },
	{ id: 'greek', re: /[\u0370-\u03ff]/gu },
	{ id: 'thai', re: /[\u0e00-\u0e7f]/gu },
	{ id: 'devanagari', re: /[\u0900-\u097f]/gu },
];

/** Languages named by their script. Japanese is Han or kana with any kana; Chinese is Han without kana. */
const SCRIPT_LANGUAGE: Record<string, string> = {
	hangul: 'Korean',
	cyrillic: 'Russian or other Cyrillic',
	arabic: 'Arabic',
	hebrew: 'Hebrew',
	greek: 'Greek',
	thai: 'Thai',
	devanagari: 'Hindi or other Devanagari',
};

/**
 * Function words per Latin-script language. Words that are also English words (a, in, an, on, do, die,
 * come, per, non, also, …) are left out, so an English description cannot score for another language.
 */
export const FUNCTION_WORDS: Record<string, readonly string[]> = {
	English: [
		'the',
		'and',
		'of',
		'to',
		'for',
		'with',
		'from',
		'this',
		'that',
		'is',
		'are',
		'by',
		'or',
		'on',
		'it',
		'be',
		'as',
		'at',
		'an',
		'a',
		'in',
		'if',
		'which',
		'will',
		'can',
		'not',
		'all',
		'your',
		'you',
		'returns',
		'into',
	],
	Spanish: [
		'el',
		'los',
		'las',
		'del',
		'que',
		'y',
		'una',
		'para',
		'con',
		'por',
		'es',
		'se',
		'al',
		'lo',
		'como',
		'más',
		'su',
		'sus',
		'este',
		'esta',
		'desde',
		'según',
		'también',
		'sin',
		'puede',
		'cuando',
		'entre',
		'hasta',
		'usuario',
		'obtiene',
		'devuelve',
	],
	Portuguese: [
		'os',
		'das',
		'dos',
		'não',
		'é',
		'em',
		'um',
		'uma',
		'para',
		'com',
		'por',
		'ao',
		'como',
		'mais',
		'seu',
		'sua',
		'você',
		'também',
		'são',
		'está',
		'pelo',
		'pela',
		'nas',
		'nos',
		'ou',
		'retorna',
		'obtém',
	],
	French: [
		'le',
		'les',
		'des',
		'du',
		'et',
		'est',
		'une',
		'pour',
		'avec',
		'par',
		'au',
		'aux',
		'ce',
		'cette',
		'sur',
		'dans',
		'qui',
		'ne',
		'pas',
		'sont',
		'vous',
		'être',
		'ou',
		'renvoie',
		'retourne',
	],
	German: [
		'der',
		'das',
		'den',
		'dem',
		'des',
		'und',
		'ist',
		'mit',
		'für',
		'von',
		'zu',
		'auf',
		'ein',
		'eine',
		'einen',
		'nicht',
		'im',
		'werden',
		'wird',
		'oder',
		'sie',
		'aus',
		'bei',
		'nach',
		'wenn',
		'alle',
		'gibt',
	],
	Italian: [
		'il',
		'gli',
		'della',
		'delle',
		'dei',
		'che',
		'è',
		'un',
		'una',
		'con',
		'da',
		'si',
		'al',
		'sono',
		'nel',
		'nella',
		'sul',
		'questo',
		'questa',
		'restituisce',
		'oppure',
	],
	Dutch: [
		'het',
		'een',
		'en',
		'van',
		'voor',
		'met',
		'op',
		'te',
		'niet',
		'dat',
		'zijn',
		'wordt',
		'worden',
		'naar',
		'bij',
		'ook',
		'deze',
		'geeft',
	],
	Polish: ['w', 'z', 'na', 'się', 'nie', 'jest', 'że', 'dla', 'lub', 'oraz', 'od', 'po', 'przez', 'zwraca'],
	Turkish: ['ve', 'bir', 'bu', 'için', 'ile', 'olarak', 'veya', 'gibi', 'döndürür'],
	Indonesian: ['yang', 'dan', 'di', 'untuk', 'dengan', 'ini', 'dari', 'atau', 'tidak', 'akan'],
	Vietnamese: ['của', 'và', 'các', 'để', 'là', 'cho', 'với', 'trong', 'không', 'được', 'một'],
};

const WORD_SETS = Object.fromEntries(Object.entries(FUNCTION_WORDS).map(([lang, words]) => [lang, new Set(words)]));

/** The language a description is written in (see the header for the rule). */
export function detectLanguage(text: string): string {
	const letters = (text.match(/\p{L}/gu) ?? []).length;
	const counts = Object.fromEntries(SCRIPTS.map((s) => [s.id, (text.match(s.re) ?? []).length]));
	const enough = (n: number) => n >= 5 && n >= 0.1 * letters;
	if (enough(counts['han']! + counts['kana']!)) return counts['kana']! > 0 ? 'Japanese' : 'Chinese';
	for (const { id } of SCRIPTS) {
		if (id === 'han' || id === 'kana') continue;
		if (enough(counts[id]!)) return SCRIPT_LANGUAGE[id]!;
	}
	const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
	const hits: Record<string, number> = {};
	for (const lang of Object.keys(WORD_SETS)) hits[lang] = words.filter((w) => WORD_SETS[lang]!.has(w)).length;
	const english = hits['English']!;
	let best = '';
	for (const lang of Object.keys(hits)) if (lang !== 'English' && (best === '' || hits[lang]! > hits[best]!)) best = lang;
	const b = hits[best]!;
	if (b >= 3 && b >= 2 * english && b >= 0.08 * words.length) return best;
	return english > 0 ? 'English' : 'undetermined';
}

export type LanguageCount = { language: string; tools: number; servers: string[] };

/** Counts tools and servers per language over parsed server files (`{ slug, tools: [{ definition }] }`). */
export function measure(files: { slug: string; tools: { definition: { description?: unknown } }[] }[]): LanguageCount[] {
	const by = new Map<string, { tools: number; servers: Set<string> }>();
	for (const file of files) {
		for (const tool of file.tools) {
			const description = typeof tool.definition.description === 'string' ? tool.definition.description : '';
			const language = description.trim() === '' ? 'no description' : detectLanguage(description);
			const entry = by.get(language) ?? { tools: 0, servers: new Set<string>() };
			entry.tools++;
			entry.servers.add(file.slug);
			by.set(language, entry);
		}
	}
	return [...by.entries()]
		.map(([language, e]) => ({ language, tools: e.tools, servers: [...e.servers].sort() }))
		.sort((x, y) => y.tools - x.tools || x.language.localeCompare(y.language));
}
