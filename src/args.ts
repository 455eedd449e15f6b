/**
 * Argument checks for every namespace of reglab, with one message shape:
 *
 *     rl.<namespace>.<function>: `name` must be <what>; received <the value as written>
 *
 * A value of the wrong type is a TypeError (`'1'` where a number is expected, `'yes'` for a
 * boolean, `null` anywhere), a value of the right type outside its domain is a RangeError (NaN,
 * −1 where ≥ 0 is required, an enum string not in the list). `undefined` means "use the default"
 * when a default is given; `null` never does. Options objects reject unknown keys, with a hint for
 * near misses (`patient` → `patience`).
 *
 * ```ts
 * import { checker } from '../args';
 * const check = checker('rl.penalties.l1');
 * const options = check.options(args, ['alpha']);
 * const alpha = check.nonNegative('alpha', options.alpha, 1);   // 1 when undefined
 * check.nonNegative('alpha', '1');  // TypeError: rl.penalties.l1: `alpha` must be a finite number ≥ 0; received '1'
 * ```
 */

/** A received value already put in words (`'3 columns'` would be quoted; this is not). */
export class Described {
  constructor(readonly text: string) {}
}

/** Wraps a description of what was received, for {@link Checker.error}: `described('3 columns')`. */
export function described(text: string): Described {
  return new Described(text);
}

/** The value as a reader would write it: `'1'`, `NaN`, `-0`, `null`, `[1, 2]`, `{ a: 1 }`. */
export function show(value: unknown, depth = 0): string {
  if (value instanceof Described) return value.text;
  if (typeof value === 'string') return `'${value.length > 60 ? `${value.slice(0, 57)}...` : value}'`.replace(/\n/g, '\\n');
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'boolean' || value === undefined || value === null || typeof value === 'symbol') return String(value);
  if (typeof value === 'function') return value.name ? `a function (${value.name})` : 'a function';
  if (Array.isArray(value)) {
    if (depth > 1) return `an array of length ${value.length}`;
    const items = value.slice(0, 6).map((v) => show(v, depth + 1));
    return `[${items.join(', ')}${value.length > 6 ? `, … (length ${value.length})` : ''}]`;
  }
  if (ArrayBuffer.isView(value)) {
    const arr = value as unknown as ArrayLike<number>;
    const items = Array.from({ length: Math.min(arr.length, 6) }, (_, i) => show(arr[i]));
    return `${value.constructor.name} [${items.join(', ')}${arr.length > 6 ? `, … (length ${arr.length})` : ''}]`;
  }
  const object = value as Record<string, unknown>;
  if (Array.isArray(object.shape) && typeof object.dtype === 'string') return `a ${object.dtype} tensor of shape [${object.shape}]`;
  const proto = Object.getPrototypeOf(object);
  if (proto !== Object.prototype && proto !== null) return `a ${proto?.constructor?.name ?? 'object'}`;
  if (depth > 1) return '{…}';
  const keys = Object.keys(object);
  if (keys.length === 0) return '{}';
  const entries = keys.slice(0, 6).map((k) => `${k}: ${show(object[k], depth + 1)}`);
  return `{ ${entries.join(', ')}${keys.length > 6 ? ', …' : ''} }`;
}

/** Edit distance (insertions, deletions, substitutions, adjacent swaps) between two short strings. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The known name closest to `name`, when it is a plausible typo of it. */
export function nearest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const dist = k.toLowerCase() === name.toLowerCase() ? 0 : distance(name, k);
    if (dist < bestDistance) [best, bestDistance] = [k, dist];
  }
  return bestDistance <= Math.max(1, Math.min(3, Math.floor(name.length / 3))) ? best : undefined;
}

type Kind = 'type' | 'range';

/** Numeric bounds; `integer` requires a whole number. */
export interface Bounds {
  min?: number;
  max?: number;
  /** Exclude `min` itself (> instead of ≥). */
  minOpen?: boolean;
  /** Exclude `max` itself (< instead of ≤). */
  maxOpen?: boolean;
  integer?: boolean;
}

function describeBounds({ min, max, minOpen, maxOpen, integer }: Bounds): string {
  const what = integer ? 'an integer' : 'a finite number';
  if (min !== undefined && max !== undefined) {
    if (integer && !minOpen && !maxOpen) return `${what} in [${min}, ${max}]`;
    return `${integer ? what : 'a number'} in ${minOpen ? '(' : '['}${min}, ${max}${maxOpen ? ')' : ']'}`;
  }
  if (min !== undefined) return `${what} ${minOpen ? '>' : '≥'} ${min}`;
  if (max !== undefined) return `${what} ${maxOpen ? '<' : '≤'} ${max}`;
  return what;
}

/** The checks of one public function, named in every message (`rl.data.trainTestSplit`). */
export class Checker {
  constructor(readonly owner: string) {}

  /** An error in the shape of the module; `kind` 'type' → TypeError, 'range' → RangeError. */
  error(name: string, must: string, value: unknown, kind: Kind = 'range'): Error {
    const message = `${this.owner}: \`${name}\` must be ${must}; received ${show(value)}`;
    return kind === 'type' ? new TypeError(message) : new RangeError(message);
  }

  /** Throws {@link error}. */
  fail(name: string, must: string, value: unknown, kind: Kind = 'range'): never {
    throw this.error(name, must, value, kind);
  }

  /** A free-form error with the owner prefix (for relations between arguments). */
  problem(message: string, kind: Kind = 'range'): Error {
    return kind === 'type' ? new TypeError(`${this.owner}: ${message}`) : new RangeError(`${this.owner}: ${message}`);
  }

  /**
   * An options object: undefined → {}, a plain object → itself (unknown keys rejected), anything
   * else (null, a number, an array) → TypeError.
   */
  options<T extends object>(value: unknown, known: readonly string[], name = 'options'): Partial<T> {
    if (value === undefined) return {};
    if (value === null || typeof value !== 'object' || Array.isArray(value) || ArrayBuffer.isView(value)) {
      this.fail(name, `an options object like { ${known[0] ?? ''}: … }`, value, 'type');
    }
    for (const key of Object.keys(value)) {
      if (known.includes(key)) continue;
      const hint = nearest(key, known);
      throw new TypeError(
        `${this.owner}: unknown option \`${key}\`${hint ? ` (did you mean \`${hint}\`?)` : ''}; known options: ${known.join(', ')}`,
      );
    }
    return value as Partial<T>;
  }

  private present<T>(name: string, value: unknown, fallback: T | undefined, must: string): value is NonNullable<unknown> {
    if (value === null) this.fail(name, must, value, 'type');
    if (value === undefined && fallback === undefined) this.fail(name, must, value, 'type');
    return value !== undefined;
  }

  /** A number within `bounds` (finite unless a bound says otherwise); `fallback` when undefined. */
  number(name: string, value: unknown, bounds: Bounds = {}, fallback?: number): number {
    const must = describeBounds(bounds);
    if (!this.present(name, value, fallback, must)) return fallback as number;
    if (typeof value !== 'number') this.fail(name, must, value, 'type');
    const { min, max, minOpen, maxOpen, integer } = bounds;
    const ok = Number.isFinite(value)
      && (!integer || Number.isInteger(value))
      && (min === undefined || (minOpen ? value > min : value >= min))
      && (max === undefined || (maxOpen ? value < max : value <= max));
    if (!ok) this.fail(name, must, value);
    return value;
  }

  /** A finite number. */
  finite(name: string, value: unknown, fallback?: number): number {
    return this.number(name, value, {}, fallback);
  }

  /** A finite number ≥ 0. */
  nonNegative(name: string, value: unknown, fallback?: number): number {
    return this.number(name, value, { min: 0 }, fallback);
  }

  /** A finite number > 0. */
  positive(name: string, value: unknown, fallback?: number): number {
    return this.number(name, value, { min: 0, minOpen: true }, fallback);
  }

  /** A number in [0, 1]. */
  unit(name: string, value: unknown, fallback?: number): number {
    return this.number(name, value, { min: 0, max: 1 }, fallback);
  }

  /** An integer ≥ `min` (and ≤ `max`: size limits refuse absurd requests up front). */
  integer(name: string, value: unknown, min: number, fallback?: number, max?: number): number {
    return this.number(name, value, { min, max, integer: true }, fallback);
  }

  /** A seed: any finite number. */
  seed(name: string, value: unknown, fallback?: number): number {
    return this.finite(name, value, fallback);
  }

  /** true or false (not 'yes', 1 or null). */
  boolean(name: string, value: unknown, fallback?: boolean): boolean {
    if (!this.present(name, value, fallback, 'true or false')) return fallback as boolean;
    if (typeof value !== 'boolean') this.fail(name, 'true or false', value, 'type');
    return value;
  }

  /** One of the listed strings: a non-string is a TypeError, a string not listed a RangeError. */
  oneOf<T extends string>(name: string, value: unknown, choices: readonly T[], fallback?: T): T {
    const must = `one of ${choices.map((c) => `'${c}'`).join(', ')}`;
    if (!this.present(name, value, fallback, must)) return fallback as T;
    if (typeof value !== 'string') this.fail(name, must, value, 'type');
    if (!(choices as readonly string[]).includes(value)) {
      const hint = nearest(value, choices);
      this.fail(name, `${must}${hint ? ` (did you mean '${hint}'?)` : ''}`, value);
    }
    return value as T;
  }

  /** A string (non-empty unless `allowEmpty`). */
  string(name: string, value: unknown, fallback?: string, allowEmpty = false): string {
    const must = allowEmpty ? 'a string' : 'a non-empty string';
    if (!this.present(name, value, fallback, must)) return fallback as string;
    if (typeof value !== 'string') this.fail(name, must, value, 'type');
    if (!allowEmpty && value === '') this.fail(name, must, value);
    return value;
  }

  /** A function (its signature described in `must`). */
  func<F extends (...a: never[]) => unknown>(name: string, value: unknown, must = 'a function', fallback?: F): F {
    if (!this.present(name, value, fallback, must)) return fallback as F;
    if (typeof value !== 'function') this.fail(name, must, value, 'type');
    return value as F;
  }

  /** A plain object (not null, not an array). */
  object<T extends object>(name: string, value: unknown, must = 'an object'): T {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) this.fail(name, must, value, 'type');
    return value as T;
  }

  /** An array or typed array of finite numbers, copied into a Float64Array. */
  finiteVector(name: string, value: unknown, minLength = 0): Float64Array {
    const must = minLength === 1 ? 'a non-empty array of finite numbers'
      : `an array of finite numbers${minLength > 1 ? ` (at least ${minLength})` : ''}`;
    if (!(Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView)))) this.fail(name, must, value, 'type');
    const v = value as ArrayLike<unknown>;
    if (v.length < minLength) this.fail(name, must, value);
    const out = new Float64Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x !== 'number') this.fail(`${name}[${i}]`, 'a finite number', x, 'type');
      if (!Number.isFinite(x)) this.fail(`${name}[${i}]`, 'a finite number', x);
      out[i] = x;
    }
    return out;
  }

  /**
   * A non-empty rectangular matrix (number[][]) of finite numbers, at most `maxCells` entries
   * (absurd sizes are refused before anything is allocated); returns its column count.
   */
  matrix(name: string, value: unknown, maxCells = 50_000_000): number {
    const must = 'a non-empty array of rows (number[][])';
    if (!Array.isArray(value)) this.fail(name, must, value, 'type');
    if (value.length === 0) this.fail(name, must, value);
    const first: unknown = value[0];
    if (!Array.isArray(first)) this.fail(`${name}[0]`, 'an array of numbers (a row)', first, 'type');
    if (first.length === 0) this.fail(`${name}[0]`, 'a non-empty row', first);
    const d = first.length;
    if (value.length * d > maxCells) this.fail(name, `a matrix of at most ${maxCells} entries`, described(`${value.length} × ${d}`));
    value.forEach((row: unknown, i) => {
      if (!Array.isArray(row)) this.fail(`${name}[${i}]`, 'an array of numbers (a row)', row, 'type');
      if (row.length !== d) this.fail(`${name}[${i}]`, `a row of ${d} numbers like row 0 (rectangular)`, row);
      for (let j = 0; j < d; j++) {
        const x: unknown = row[j];
        if (typeof x !== 'number') this.fail(`${name}[${i}][${j}]`, 'a finite number', x, 'type');
        if (!Number.isFinite(x)) this.fail(`${name}[${i}][${j}]`, 'a finite number', x);
      }
    });
    return d;
  }

  /** A number[] of finite numbers with `length` entries when given (one per row of X). */
  vector(name: string, value: unknown, length?: number, rowsOf = 'X'): number[] {
    if (!Array.isArray(value)) this.fail(name, 'an array of finite numbers', value, 'type');
    if (length !== undefined && value.length !== length) {
      this.fail(name, `an array with one entry per row of ${rowsOf} (${length})`, described(`length ${value.length}`));
    }
    this.finiteVector(name, value);
    return value as number[];
  }

  /** A [low, high] pair of finite numbers with low ≤ high (Keras raises on reversed ranges). */
  range(name: string, value: unknown, bounds: Bounds = {}): [number, number] {
    const must = `a [low, high] pair with low ≤ high, each ${describeBounds(bounds)}`;
    if (!Array.isArray(value) || value.length !== 2) this.fail(name, must, value, 'type');
    const [low, high] = value.map((v, i) => this.number(`${name}[${i}]`, v, bounds));
    if (low > high) this.fail(name, must, value);
    return [low, high];
  }
}

/** The checker of one public function: `checker('rl.callbacks.earlyStopping')`. */
export function checker(owner: string): Checker {
  return new Checker(owner);
}
