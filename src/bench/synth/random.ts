/**
 * A small seeded random source for generated benchmark catalogues: the same seed gives the same
 * catalogue, byte for byte, on every machine (no `Math.random`, no clock).
 */

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator), 32-bit state words. */
export class Random {
	#a: number;
	#b: number;
	#c: number;
	#d: number;

	constructor(seed: string | number) {
		// Seed the four state words from a string hash (FNV-1a over the seed's text, mixed four ways).
		const text = String(seed);
		let h = 0x811c9dc5;
		for (let i = 0; i < text.length; i++) {
			h ^= text.charCodeAt(i);
			h = Math.imul(h, 0x01000193) >>> 0;
		}
		this.#a = h;
		this.#b = Math.imul(h ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
		this.#c = Math.imul(h ^ 0xc2b2ae35, 0x27d4eb2f) >>> 0;
		this.#d = 1;
		for (let i = 0; i < 16; i++) this.next();
	}

	/** A float in [0, 1). */
	next(): number {
		const t = (((this.#a + this.#b) >>> 0) + this.#d) >>> 0;
		this.#d = (this.#d + 1) >>> 0;
		this.#a = this.#b ^ (this.#b >>> 9);
		this.#b = (this.#c + (this.#c << 3)) >>> 0;
		this.#c = ((this.#c << 21) | (this.#c >>> 11)) >>> 0;
		this.#c = (this.#c + t) >>> 0;
		return t / 4294967296;
	}

	/** An integer in [0, n). */
	int(n: number): number {
		return Math.floor(this.next() * n);
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(items: readonly T[]): T {
		if (items.length === 0) throw new Error('pick from an empty list');
		return items[this.int(items.length)]!;
	}
}

/** A weighted choice over fixed items, sampled in O(log n) by binary search over cumulative weights. */
export class Weighted<T> {
	readonly items: readonly T[];
	readonly #cumulative: Float64Array;
	readonly total: number;

	constructor(entries: readonly (readonly [T, number])[]) {
		const kept = entries.filter(([, w]) => w > 0);
		if (kept.length === 0) throw new Error('a weighted choice needs at least one positive weight');
		this.items = kept.map(([item]) => item);
		this.#cumulative = new Float64Array(kept.length);
		let sum = 0;
		kept.forEach(([, w], i) => {
			sum += w;
			this.#cumulative[i] = sum;
		});
		this.total = sum;
	}

	sample(random: Random): T {
		const x = random.next() * this.total;
		let lo = 0;
		let hi = this.#cumulative.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (this.#cumulative[mid]! > x) hi = mid;
			else lo = mid + 1;
		}
		return this.items[lo]!;
	}
}

/** Counts occurrences into a sorted list of `[item, count]`, most frequent first, then by item. */
export function countsOf<T extends string | number>(values: Iterable<T>): [T, number][] {
	const counts = new Map<T, number>();
	for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
	return [...counts].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0]), 'en'));
}
