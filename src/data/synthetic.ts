/**
 * Synthetic datasets used by the notebooks, all seeded (independent of `rl.config.seed`).
 *
 * ```ts
 * const poly = rl.data.polynomialData({ n: 20, noise: 0.2, seed: 1 });        // y = sin(2πx) + ε
 * const d2l = rl.data.sparseLinear({ seed: 0 });                               // 20 × 200, d2l
 * const moons = rl.data.twoMoons({ n: 200, noise: 0.2, seed: 0 });
 * const spiral = rl.data.spirals({ n: 300, classes: 3, noise: 0.2, seed: 0 });
 * ```
 */
import { describe, prng } from '../config';
import { assertNonNegative, assertOptions, assertPositiveInteger, assertSeed } from './validate';

export interface PolynomialDataOptions {
  /** Number of points. */
  n: number;
  /** Standard deviation σ of the Gaussian noise ε added to y. */
  noise: number;
  /** Seed. Defaults to 0. */
  seed?: number;
  /** x is drawn uniformly from [lo, hi]. Defaults to [0, 1]. */
  xRange?: [number, number];
  /** The noiseless curve. Defaults to sin(2πx) (Bishop, PRML §1.1). */
  fn?: (x: number) => number;
}

export interface CurveData {
  /** Inputs, ascending. */
  x: number[];
  /** Noisy targets y = fn(x) + ε, ε ~ N(0, σ²). */
  y: number[];
  /** The noiseless targets fn(x). */
  yTrue: number[];
  /** x as a one-column matrix, for APIs that take number[][]. */
  X: number[][];
}

/** Noisy samples of a curve: x ~ U[lo, hi] (sorted), y = fn(x) + N(0, noise²). */
export function polynomialData(options: PolynomialDataOptions): CurveData {
  assertOptions(options);
  const { n, noise, seed = 0, xRange = [0, 1], fn = (x: number) => Math.sin(2 * Math.PI * x) } = options;
  assertPositiveInteger(n, 'n');
  assertNonNegative(noise, 'noise');
  assertSeed(seed);
  if (!Array.isArray(xRange) || xRange.length !== 2 || !(xRange[0] < xRange[1]) || !xRange.every(Number.isFinite)) {
    throw new RangeError(`\`xRange\` must be [lo, hi] with finite lo < hi; received ${describe(xRange)}`);
  }
  if (typeof fn !== 'function') throw new TypeError(`\`fn\` must be a function of x; received ${describe(fn)}`);
  const g = prng(seed);
  const [lo, hi] = xRange;
  const x = Array.from({ length: n }, () => lo + (hi - lo) * g.random()).sort((a, b) => a - b);
  const yTrue = x.map(fn);
  const y = yTrue.map((v) => v + noise * g.normal());
  return { x, y, yTrue, X: x.map((v) => [v]) };
}

export interface SparseLinearOptions {
  /** Training rows. Defaults to 20. */
  nTrain?: number;
  /** Test rows. Defaults to 100. */
  nTest?: number;
  /** Features. Defaults to 200. */
  nFeatures?: number;
  /** Standard deviation of ε. Defaults to 0.01. */
  noise?: number;
  /** Seed. Defaults to 0. */
  seed?: number;
}

export interface SparseLinearData {
  XTrain: number[][];
  yTrain: number[];
  XTest: number[][];
  yTest: number[];
  /** The true weights: all 0.01. */
  trueWeights: number[];
  /** The true bias: 0.05. */
  trueBias: number;
}

/**
 * d2l's high-dimensional linear regression (chapter "Weight Decay"): x ~ N(0, I),
 * y = 0.05 + Σᵢ 0.01·xᵢ + ε, ε ~ N(0, noise²). Few rows, many features: easy to overfit.
 */
export function sparseLinear(options: SparseLinearOptions = {}): SparseLinearData {
  assertOptions(options);
  const { nTrain = 20, nTest = 100, nFeatures = 200, noise = 0.01, seed = 0 } = options;
  assertPositiveInteger(nTrain, 'nTrain');
  assertPositiveInteger(nTest, 'nTest');
  assertPositiveInteger(nFeatures, 'nFeatures');
  assertNonNegative(noise, 'noise');
  assertSeed(seed);
  const g = prng(seed);
  const trueWeights = new Array<number>(nFeatures).fill(0.01);
  const trueBias = 0.05;
  const rows = (count: number) => Array.from({ length: count }, () => Array.from({ length: nFeatures }, g.normal));
  const target = (X: number[][]) => X.map((row) => trueBias + row.reduce((s, v, j) => s + v * trueWeights[j], 0) + noise * g.normal());
  const XTrain = rows(nTrain);
  const yTrain = target(XTrain);
  const XTest = rows(nTest);
  const yTest = target(XTest);
  return { XTrain, yTrain, XTest, yTest, trueWeights, trueBias };
}

export interface ClassificationData {
  /** Points, one [x1, x2] row each, in shuffled order. */
  X: number[][];
  /** Class index of each point. */
  y: number[];
}

export interface TwoMoonsOptions {
  /** Number of points (⌊n/2⌋ on the upper moon, label 0). */
  n: number;
  /** Standard deviation of Gaussian noise added to both coordinates. Defaults to 0. */
  noise?: number;
  /** Seed. Defaults to 0. */
  seed?: number;
}

/** Two interleaving half circles (scikit-learn's make_moons): a nonlinear boundary. */
export function twoMoons(options: TwoMoonsOptions): ClassificationData {
  assertOptions(options);
  const { n, noise = 0, seed = 0 } = options;
  assertPositiveInteger(n, 'n');
  assertNonNegative(noise, 'noise');
  assertSeed(seed);
  const g = prng(seed);
  const nOut = Math.floor(n / 2);
  const nIn = n - nOut;
  const arc = (count: number, i: number) => (count > 1 ? (Math.PI * i) / (count - 1) : 0);
  const points: { p: number[]; label: number }[] = [];
  for (let i = 0; i < nOut; i++) points.push({ p: [Math.cos(arc(nOut, i)), Math.sin(arc(nOut, i))], label: 0 });
  for (let i = 0; i < nIn; i++) points.push({ p: [1 - Math.cos(arc(nIn, i)), 0.5 - Math.sin(arc(nIn, i))], label: 1 });
  const shuffled = g.shuffle(points);
  return {
    X: shuffled.map(({ p }) => p.map((v) => v + noise * g.normal())),
    y: shuffled.map(({ label }) => label),
  };
}

export interface SpiralsOptions {
  /** Total number of points, shared as evenly as possible among the classes. */
  n: number;
  /** Number of arms (classes). Defaults to 3. */
  classes?: number;
  /** Standard deviation of Gaussian noise on the angle, in radians. Defaults to 0.2. */
  noise?: number;
  /** Seed. Defaults to 0. */
  seed?: number;
}

/**
 * Interleaved spiral arms (CS231n's toy set): arm k has radius r ∈ [0, 1] and angle
 * θ = 4k + 4r + N(0, noise²), point (r·sin θ, r·cos θ).
 */
export function spirals(options: SpiralsOptions): ClassificationData {
  assertOptions(options);
  const { n, classes = 3, noise = 0.2, seed = 0 } = options;
  assertPositiveInteger(n, 'n');
  assertNonNegative(noise, 'noise');
  assertSeed(seed);
  if (!Number.isInteger(classes) || classes < 2) {
    throw new RangeError(`\`classes\` must be an integer ≥ 2; received ${describe(classes)}`);
  }
  const g = prng(seed);
  const points: { p: number[]; label: number }[] = [];
  for (let k = 0; k < classes; k++) {
    const count = Math.floor(n / classes) + (k < n % classes ? 1 : 0);
    for (let i = 0; i < count; i++) {
      const r = count > 1 ? i / (count - 1) : 0;
      const theta = 4 * k + 4 * r + noise * g.normal();
      points.push({ p: [r * Math.sin(theta), r * Math.cos(theta)], label: k });
    }
  }
  const shuffled = g.shuffle(points);
  return { X: shuffled.map(({ p }) => p), y: shuffled.map(({ label }) => label) };
}
