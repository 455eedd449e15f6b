import { gram, makeDesign, residualNorm2, Rows, xtv } from './design';
import { coordinateDescent } from './coordinate-descent';
import { checkPrecompute, finish } from './fit-linear';
import { l1Norm, norm2, objectiveValue } from './objective';
import { checker } from '../args';

/** Options of {@link lassoPath}. */
export interface LassoPathOptions {
  /** The α values, any order (computed from the largest down). Defaults to a log grid. */
  alphas?: number[];
  /** Number of α on the log grid from α_max down to eps·α_max. Defaults to 100 (as sklearn). */
  nAlphas?: number;
  /** Ratio α_min/α_max of the grid. Defaults to 1e-3. */
  eps?: number;
  /** L1 share r ∈ (0, 1]; 1 is the lasso, below 1 the elastic-net path. Defaults to 1. */
  l1Ratio?: number;
  /** Centre X and y and report intercepts. Defaults to true (sklearn's lasso_path itself does not centre). */
  fitIntercept?: boolean;
  /** Duality-gap tolerance per α (sklearn's meaning). Defaults to 1e-4. */
  tol?: number;
  /** Maximum sweeps per α. Defaults to 1000. */
  maxIter?: number;
  /** Use the Gram matrix: true, false or 'auto' (n > p). Defaults to 'auto', as sklearn. */
  precompute?: boolean | 'auto';
  /** Constrain w ≥ 0 at every α (sklearn's positive=True). Defaults to false. */
  positive?: boolean;
}

/** Result of {@link lassoPath}: one entry per α, α decreasing. */
export interface LassoPath {
  alphas: number[];
  /** coefs[k][j]: coefficient j at alphas[k]. */
  coefs: number[][];
  intercepts: number[];
  /** Final objective (1/(2n))‖y − Xw − b‖² + α·r·‖w‖₁ + (α/2)(1 − r)‖w‖² at each α. */
  objectives: number[];
  dualGaps: number[];
  nIters: number[];
  converged: boolean[];
  /** Number of non-zero coefficients at each α. */
  nonZeros: number[];
}

const WHERE = 'rl.linear.lassoPath';

/**
 * The lasso (or elastic-net) regularization path by coordinate descent with warm starts, like
 * scikit-learn's `lasso_path` / `enet_path`. The default grid is geometric from
 *
 *   α_max = max_j |X_jᵀ(y − ȳ)| / (n·r)     (the smallest α with w = 0)
 *
 * down to eps·α_max, `nAlphas` points.
 *
 * ```ts
 * const path = rl.linear.lassoPath(X, y, { nAlphas: 50 });
 * rl.plot.show(rl.plot.regularizationPath(path.alphas, path.coefs));
 * path.nonZeros;     // 0 at α_max, growing as α falls
 * ```
 */
export function lassoPath(X: Rows, y: ArrayLike<number>, options?: LassoPathOptions): LassoPath {
  const check = checker(WHERE);
  const o = check.options<LassoPathOptions>(options, ['alphas', 'nAlphas', 'eps', 'l1Ratio', 'fitIntercept', 'tol', 'maxIter', 'precompute', 'positive']);
  const l1Ratio = check.unit('l1Ratio', o.l1Ratio, 1);
  const tol = check.positive('tol', o.tol, 1e-4);
  const maxIter = check.integer('maxIter', o.maxIter, 1, 1000);
  const fitIntercept = check.boolean('fitIntercept', o.fitIntercept, true);
  const positiveOnly = check.boolean('positive', o.positive, false);
  const precompute = checkPrecompute(WHERE, o.precompute);
  if (o.alphas !== undefined) {
    if (!Array.isArray(o.alphas)) throw check.error('alphas', 'a non-empty array of numbers ≥ 0', o.alphas, 'type');
    if (o.alphas.length === 0 || o.alphas.length > 100_000) throw check.error('alphas', 'an array of 1 to 100000 numbers ≥ 0', o.alphas);
    o.alphas.forEach((a: unknown, k: number) => check.nonNegative(`alphas[${k}]`, a));
  } else {
    check.integer('nAlphas', o.nAlphas, 1, 100, 100_000);
    // The grid runs from α_max down to eps·α_max: eps ≥ 1 would run upwards (sklearn: 0 < eps < 1).
    check.number('eps', o.eps, { min: 0, max: 1, minOpen: true, maxOpen: true }, 1e-3);
    if (l1Ratio === 0) throw check.error('l1Ratio', 'a number in (0, 1] unless `alphas` is given (at 0 the ridge path has no α_max)', l1Ratio);
  }
  const d = makeDesign(WHERE, X, y, fitIntercept);
  try {
    let alphas: number[];
    if (o.alphas !== undefined) {
      alphas = [...o.alphas].sort((a, b) => b - a);
    } else {
      const nAlphas = o.nAlphas ?? 100;
      const eps = o.eps ?? 1e-3;
      alphas = alphaGrid(d.n, xtv(d, d.yOff), l1Ratio, nAlphas, eps);
    }
    const g = precompute === true || (precompute === 'auto' && d.n > d.p) ? gram(d) : undefined;
    const out: LassoPath = { alphas, coefs: [], intercepts: [], objectives: [], dualGaps: [], nIters: [], converged: [], nonZeros: [] };
    let init: Float64Array | undefined;
    for (const alpha of alphas) {
      const s = { l1: alpha * l1Ratio, l2: alpha * (1 - l1Ratio) };
      const run = coordinateDescent(d, s, { tol, maxIter, init, gram: g, record: false, positive: positiveOnly });
      init = run.w;
      const fit = finish(d, run, { penalty: 'elasticnet', solver: 'cd', alpha, l1Ratio });
      out.coefs.push(fit.coef);
      out.intercepts.push(fit.intercept);
      out.objectives.push(objectiveValue(d.n, run.rNorm2 ?? residualNorm2(d, run.w, g), l1Norm(run.w), norm2(run.w), s));
      out.dualGaps.push(run.dualGap);
      out.nIters.push(run.nIter);
      out.converged.push(run.converged);
      out.nonZeros.push(fit.coef.filter((c) => c !== 0).length);
    }
    return out;
  } finally {
    d.heap.dispose();
  }
}

/** sklearn's grid: geomspace(α_max, eps·α_max, nAlphas), α_max = max|Xᵀy|/(n·r). */
function alphaGrid(n: number, Xty: Float64Array, l1Ratio: number, nAlphas: number, eps: number): number[] {
  let m = 0;
  for (const v of Xty) m = Math.max(m, Math.abs(v));
  // A few ulps above max|Xᵀy|/(n·r): at the top α the update |t| ≤ n·r·α must hold after rounding,
  // so the path starts at exactly w = 0 whatever the summation order of Xᵀy.
  const alphaMax = (m / (n * l1Ratio)) * (1 + 8 * Number.EPSILON);
  if (alphaMax <= Number.EPSILON) return new Array<number>(nAlphas).fill(Number.EPSILON);
  if (nAlphas === 1) return [alphaMax];
  const hi = Math.log10(alphaMax);
  const lo = Math.log10(alphaMax * eps);
  return Array.from({ length: nAlphas }, (_, k) => 10 ** (hi + ((lo - hi) * k) / (nAlphas - 1)));
}
