/**
 * Canonical JSON: object keys sorted by code unit, no insignificant white space. Two values that are
 * equal as JSON give the same string, so its hash identifies a tool list regardless of key order.
 */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') {
		const out = JSON.stringify(value);
		// undefined, functions and symbols have no JSON form; inside objects they are skipped below.
		return out === undefined ? 'null' : out;
	}
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	const entries = Object.keys(value)
		.sort()
		.filter((k) => (value as Record<string, unknown>)[k] !== undefined)
		.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
	return `{${entries.join(',')}}`;
}
