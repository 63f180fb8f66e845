/**
 * Sets `target[key]` as an own, enumerable property. Keys often come from third parties (tool names,
 * parameter names): plain assignment of `__proto__` would set the object's prototype instead and the
 * entry would vanish from the document.
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
	Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
