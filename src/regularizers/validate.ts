// Argument checks shared by the regularizers: errors name the argument and quote the value received.

/** Formats a received value for an error message (`"0.1"` for strings, `[1,2]` for arrays, `-1`). */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Accepts `undefined` or a plain object whose keys are all in `allowed`. tfjs's own `l1l2(0.1)`
 * accepted a bare number in old versions and silently used the defaults; here it is an error.
 */
export function checkArgsObject<T extends object>(owner: string, args: unknown, allowed: readonly string[]): Partial<T> {
  if (args === undefined || args === null) return {};
  if (typeof args !== 'object' || Array.isArray(args)) {
    throw new TypeError(`${owner}: the argument must be an options object like { ${allowed[0]}: 0.01 }; received ${describe(args)}`);
  }
  for (const key of Object.keys(args)) {
    if (!allowed.includes(key)) {
      throw new TypeError(`${owner}: unknown option \`${key}\` (allowed: ${allowed.map((k) => `\`${k}\``).join(', ')}); received ${describe(args)}`);
    }
  }
  return args as Partial<T>;
}

/** A finite number ≥ 0 (NaN, Infinity, negative numbers and non-numbers are rejected). */
export function nonNegative(owner: string, name: string, value: unknown, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${owner}: \`${name}\` must be a finite number ≥ 0; received ${describe(value)}`);
  }
  return value;
}

/** A finite number in [0, 1]. */
export function unitInterval(owner: string, name: string, value: unknown, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new RangeError(`${owner}: \`${name}\` must be a number in [0, 1]; received ${describe(value)}`);
  }
  return value;
}

/** One of the listed strings. */
export function oneOf<T extends string>(owner: string, name: string, value: unknown, choices: readonly T[], fallback: T): T {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw new RangeError(`${owner}: \`${name}\` must be one of ${choices.map((c) => `'${c}'`).join(', ')}; received ${describe(value)}`);
  }
  return value as T;
}
