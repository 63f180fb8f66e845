/**
 * Counted nouns in English: "1 tool", "2 tools", "1,204 servers". One rule for every page, so no page
 * says "all 1 tools".
 */
const RULES = new Intl.PluralRules('en');
const NUMBER = new Intl.NumberFormat('en');

/** `n` and the noun in the form its count takes; the plural is `singular + "s"` unless given. */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
	return `${NUMBER.format(n)} ${RULES.select(n) === 'one' ? singular : plural}`;
}

/** The noun alone, in the form `n` takes. */
export function nounFor(n: number, singular: string, plural = `${singular}s`): string {
	return RULES.select(n) === 'one' ? singular : plural;
}
