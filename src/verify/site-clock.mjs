/**
 * Preloaded (`node --import`) into the second build of the determinism check: moves this process's
 * clock forward by TOOLRISK_CLOCK_SHIFT_MS, so anything that stamps the output with the build time
 * (`new Date()`, `Date.now()`) shows up as a difference between the two builds instead of hiding in
 * two builds made the same minute. Durations measured with `performance.now()` are untouched.
 */
const shift = Number(process.env.TOOLRISK_CLOCK_SHIFT_MS ?? 0);

if (shift !== 0) {
	const RealDate = Date;
	const now = () => RealDate.now() + shift;
	globalThis.Date = new Proxy(RealDate, {
		construct(target, args, newTarget) {
			return Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget === globalThis.Date ? target : newTarget);
		},
		apply() {
			return new RealDate(now()).toString();
		},
		get(target, property) {
			return property === 'now' ? now : Reflect.get(target, property);
		},
	});
}
