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
import { checker } from '../args';
import { prng } from '../config';

/** Data sets larger than this many rows (or features) are refused up front. */
const MAX_ROWS = 10_000_000;

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
  const check = checker('rl.data.polynomialData');
  check.object('options', options, 'an options object { n, noise, … }');
  check.options(options, ['n', 'noise', 'seed', 'xRange', 'fn']);
  const n = check.integer('n', options.n, 1, undefined, MAX_ROWS);
  const noise = check.nonNegative('noise', options.noise);
  const seed = check.seed('seed', options.seed, 0);
  const xRange = options.xRange === undefined ? [0, 1] : check.range('xRange', options.xRange);
  if (xRange[0] === xRange[1]) throw check.error('xRange', 'a [low, high] pair with low < high', options.xRange);
  const fn = check.func<(x: number) => number>('fn', options.fn, 'a function of x', (x: number) => Math.sin(2 * Math.PI * x));
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
  const check = checker('rl.data.sparseLinear');
  check.options(options, ['nTrain', 'nTest', 'nFeatures', 'noise', 'seed']);
  const nTrain = check.integer('nTrain', options.nTrain, 1, 20, MAX_ROWS);
  const nTest = check.integer('nTest', options.nTest, 1, 100, MAX_ROWS);
  const nFeatures = check.integer('nFeatures', options.nFeatures, 1, 200, MAX_ROWS);
  if ((nTrain + nTest) * nFeatures > 5e7) {
    throw check.problem(`\`(nTrain + nTest) × nFeatures\` must be at most 50000000 entries; received ${nTrain + nTest} × ${nFeatures}`);
  }
  const noise = check.nonNegative('noise', options.noise, 0.01);
  const seed = check.seed('seed', options.seed, 0);
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
  const check = checker('rl.data.twoMoons');
  check.object('options', options, 'an options object { n, … }');
  check.options(options, ['n', 'noise', 'seed']);
  const n = check.integer('n', options.n, 1, undefined, MAX_ROWS);
  const noise = check.nonNegative('noise', options.noise, 0);
  const seed = check.seed('seed', options.seed, 0);
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
  const check = checker('rl.data.spirals');
  check.object('options', options, 'an options object { n, … }');
  check.options(options, ['n', 'classes', 'noise', 'seed']);
  const n = check.integer('n', options.n, 1, undefined, MAX_ROWS);
  const classes = check.integer('classes', options.classes, 2, 3, 1000);
  const noise = check.nonNegative('noise', options.noise, 0.2);
  const seed = check.seed('seed', options.seed, 0);
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
