// Argument checks shared by rl.penalties and rl.linear. Every error names the argument and the value.

/** Formats a received value for an error message (short, unambiguous: NaN, -1, "abc", [1, 2, …]). */
export function describe(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined || value === null) return String(value);
  if (Array.isArray(value)) return value.length > 4 ? `an array of length ${value.length}` : JSON.stringify(value);
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} of length ${(value as unknown as ArrayLike<number>).length}`;
  return typeof value === 'object' ? `an object (${Object.prototype.toString.call(value)})` : String(value);
}

/** `value` (or `fallback` when undefined) as a finite number ≥ 0, else a TypeError/RangeError naming `name`. */
export function nonNegative(where: string, name: string, value: unknown, fallback?: number): number {
  const v = value === undefined ? fallback : value;
  if (typeof v !== 'number') throw new TypeError(`${where}: \`${name}\` must be a finite number ≥ 0; received ${describe(v)}`);
  if (!Number.isFinite(v) || v < 0) throw new RangeError(`${where}: \`${name}\` must be a finite number ≥ 0; received ${describe(v)}`);
  return v;
}

/** `value` (or `fallback`) as a number in [0, 1]. */
export function unitInterval(where: string, name: string, value: unknown, fallback?: number): number {
  const v = value === undefined ? fallback : value;
  if (typeof v !== 'number') throw new TypeError(`${where}: \`${name}\` must be a number in [0, 1]; received ${describe(v)}`);
  if (!(v >= 0 && v <= 1)) throw new RangeError(`${where}: \`${name}\` must be a number in [0, 1]; received ${describe(v)}`);
  return v;
}

/** `value` (or `fallback`) as a finite number > 0. */
export function positive(where: string, name: string, value: unknown, fallback?: number): number {
  const v = value === undefined ? fallback : value;
  if (typeof v !== 'number') throw new TypeError(`${where}: \`${name}\` must be a finite number > 0; received ${describe(v)}`);
  if (!Number.isFinite(v) || v <= 0) throw new RangeError(`${where}: \`${name}\` must be a finite number > 0; received ${describe(v)}`);
  return v;
}

/** `value` (or `fallback`) as an integer ≥ `min`. */
export function integerAtLeast(where: string, name: string, value: unknown, min: number, fallback?: number): number {
  const v = value === undefined ? fallback : value;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw new RangeError(`${where}: \`${name}\` must be an integer ≥ ${min}; received ${describe(v)}`);
  }
  return v;
}

/** One of the allowed strings. */
export function oneOf<T extends string>(where: string, name: string, value: unknown, allowed: readonly T[], fallback?: T): T {
  const v = value === undefined ? fallback : value;
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw new RangeError(`${where}: \`${name}\` must be one of ${allowed.map((a) => `'${a}'`).join(', ')}; received ${describe(v)}`);
  }
  return v as T;
}

/** An options argument: undefined → {}, a plain object → itself, anything else → TypeError. Unknown keys are rejected. */
export function optionsObject<T extends object>(where: string, value: unknown, known: readonly string[]): Partial<T> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`${where}: options must be an object; received ${describe(value)}`);
  }
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      throw new TypeError(`${where}: unknown option \`${key}\`; known options: ${known.join(', ')}`);
    }
  }
  return value as Partial<T>;
}

/** A vector of finite numbers, copied into a Float64Array. */
export function finiteVector(where: string, name: string, value: unknown): Float64Array {
  if (!(Array.isArray(value) || ArrayBuffer.isView(value))) {
    throw new TypeError(`${where}: \`${name}\` must be an array of numbers; received ${describe(value)}`);
  }
  const v = value as ArrayLike<unknown>;
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new RangeError(`${where}: \`${name}\` must contain finite numbers only; received ${describe(x)} at index ${i}`);
    }
    out[i] = x;
  }
  return out;
}
