/**
 * Search spaces: grids of values and distributions to sample from.
 *
 * ```ts
 * rl.tuning.logGrid(1e-3, 1e2, 6);            // [0.001, 0.01, 0.1, 1, 10, 100]
 * const space = { learningRate: rl.tuning.logUniform(1e-4, 1e-1), rate: rl.tuning.uniform(0, 0.6) };
 * ```
 */
import { checker, show } from '../args';

/** A hyperparameter value: a number, a string or a boolean. */
export type ParamValue = number | string | boolean;

/** A distribution of one hyperparameter, sampled by {@link randomSearch}. */
export interface Distribution<V extends ParamValue = ParamValue> {
  /** 'uniform' | 'logUniform' | 'intUniform' | 'choice'. */
  readonly kind: string;
  /** One draw, using `random` (uniform on [0, 1)) as the only source of randomness. */
  sample(random: () => number): V;
  /** A short description, e.g. `logUniform(0.0001, 0.1)`. */
  toString(): string;
}

/** Grids longer than this are refused up front (a search over them would never finish). */
export const MAX_GRID = 100_000;

function finiteRange(where: string, low: unknown, high: unknown, positive = false, integer = false): [number, number] {
  const check = checker(where);
  const bounds = { min: positive ? 0 : undefined, minOpen: positive, integer };
  const a = check.number('low', low, bounds);
  const b = check.number('high', high, bounds);
  if (!(a < b)) throw check.error('high', `> \`low\` (${show(a)})`, b);
  return [a, b];
}

/**
 * Uniform on [low, high).
 *
 * ```ts
 * rl.tuning.uniform(0, 0.6).sample(Math.random);
 * ```
 */
export function uniform(low: number, high: number): Distribution<number> {
  const [a, b] = finiteRange('rl.tuning.uniform', low, high);
  return { kind: 'uniform', sample: (random) => a + (b - a) * random(), toString: () => `uniform(${a}, ${b})` };
}

/**
 * Log-uniform on [low, high): log(x) is uniform, so every decade gets the same share of draws —
 * the natural prior for scales such as learning rates and penalty strengths.
 *
 * x = low · (high/low)^u, u ~ U[0, 1).
 *
 * ```ts
 * rl.tuning.logUniform(1e-4, 1e-1).sample(Math.random);   // in [1e-4, 1e-1), a third of the draws per decade
 * ```
 */
export function logUniform(low: number, high: number): Distribution<number> {
  const [a, b] = finiteRange('rl.tuning.logUniform', low, high, true);
  return { kind: 'logUniform', sample: (random) => a * Math.pow(b / a, random()), toString: () => `logUniform(${a}, ${b})` };
}

/**
 * Uniform on the integers low, low + 1, …, high (both ends included).
 *
 * ```ts
 * rl.tuning.intUniform(16, 256).sample(Math.random);
 * ```
 */
export function intUniform(low: number, high: number): Distribution<number> {
  const [a, b] = finiteRange('rl.tuning.intUniform', low, high, false, true);
  return { kind: 'intUniform', sample: (random) => a + Math.floor((b - a + 1) * random()), toString: () => `intUniform(${a}, ${b})` };
}

/**
 * One of `values`, each with probability 1/values.length.
 *
 * ```ts
 * rl.tuning.choice(['relu', 'tanh']).sample(Math.random);
 * ```
 */
export function choice<V extends ParamValue>(values: readonly V[]): Distribution<V> {
  const list = checkValues<V>('rl.tuning.choice', 'values', values);
  return { kind: 'choice', sample: (random) => list[Math.floor(list.length * random())], toString: () => `choice(${JSON.stringify(list)})` };
}

/**
 * `count` values from `low` to `high` (both included), equally spaced on a log scale
 * (NumPy's `geomspace`): low · (high/low)^(i/(count − 1)).
 *
 * ```ts
 * rl.tuning.logGrid(1e-3, 1e2, 6);   // [0.001, 0.01, 0.1, 1, 10, 100]
 * ```
 */
export function logGrid(low: number, high: number, count: number): number[] {
  const [a, b] = finiteRange('rl.tuning.logGrid', low, high, true);
  checker('rl.tuning.logGrid').integer('count', count, 2, undefined, MAX_GRID);
  const values = Array.from({ length: count }, (_, i) => Math.exp(Math.log(a) + (i / (count - 1)) * (Math.log(b) - Math.log(a))));
  values[0] = a; // exact ends, no rounding drift
  values[count - 1] = b;
  return values;
}

/**
 * `count` values from `low` to `high` (both included), equally spaced (NumPy's `linspace`).
 *
 * ```ts
 * rl.tuning.linearGrid(0, 0.8, 5);   // [0, 0.2, 0.4, 0.6, 0.8]
 * ```
 */
export function linearGrid(low: number, high: number, count: number): number[] {
  const [a, b] = finiteRange('rl.tuning.linearGrid', low, high);
  checker('rl.tuning.linearGrid').integer('count', count, 2, undefined, MAX_GRID);
  return Array.from({ length: count }, (_, i) => (i === count - 1 ? b : a + (i * (b - a)) / (count - 1)));
}

/** A non-empty array of numbers, strings or booleans. */
export function checkValues<V extends ParamValue>(where: string, name: string, values: unknown): V[] {
  const check = checker(where);
  if (!Array.isArray(values)) throw check.error(name, 'a non-empty array of values', values, 'type');
  if (values.length === 0) throw check.error(name, 'a non-empty array of values', values);
  if (values.length > MAX_GRID) throw check.error(name, `an array of at most ${MAX_GRID} values`, values);
  values.forEach((v, i) => {
    const must = 'a number, string or boolean';
    if (!(typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number')) throw check.error(`${name}[${i}]`, must, v, 'type');
    if (Number.isNaN(v)) throw check.error(`${name}[${i}]`, `${must} (not NaN)`, v);
  });
  return values.slice() as V[];
}

/** Whether `value` is a distribution made by this module's factories (duck-typed). */
export function isDistribution(value: unknown): value is Distribution {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && typeof (value as Distribution).sample === 'function';
}
