import { checker } from '../args';
/** Mean, spread and standard error of a sample. */
export interface Summary {
  /** Number of values. */
  n: number;
  /** Arithmetic mean. */
  mean: number;
  /** Sample standard deviation (n − 1 in the denominator); 0 when n = 1. */
  sd: number;
  /** Standard error of the mean, sd / √n. */
  se: number;
  min: number;
  max: number;
}

/**
 * Summarizes a sample: mean, sample standard deviation sd = √(Σ(xᵢ − x̄)² / (n − 1)) and the
 * standard error of the mean se = sd / √n.
 *
 * ```ts
 * rl.stats.summarize([1, 2, 3]);   // { n: 3, mean: 2, sd: 1, se: 0.577…, min: 1, max: 3 }
 * ```
 */
export function summarize(values: readonly number[]): Summary {
  checker('rl.stats.summarize').finiteVector('values', values, 1);
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const sd = n > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : 0;
  return { n, mean, sd, se: sd / Math.sqrt(n), min: Math.min(...values), max: Math.max(...values) };
}
