import { Design, gram, makeDesign, residual, Rows } from './design';
import { solveClosedForm } from './closed-form';
import { coordinateDescent, SolverRun } from './coordinate-descent';
import { gradientMethod } from './gradient-methods';
import { l1Norm, norm2, objectiveValue, Strengths } from './objective';
import { checker, described } from '../args';

export type LinearPenalty = 'none' | 'l1' | 'l2' | 'elasticnet';
export type LinearSolver = 'closed-form' | 'gd' | 'ista' | 'fista' | 'cd';

/** Options of {@link fitLinear}. */
export interface FitLinearOptions {
  /** Penalty. Defaults to 'none'. */
  penalty?: LinearPenalty;
  /** Strength α ≥ 0 (ignored for 'none'). Defaults to 1, as scikit-learn. */
  alpha?: number;
  /** L1 share r ∈ [0, 1], used by 'elasticnet' only ('l1' is r = 1, 'l2' is r = 0). Defaults to 0.5. */
  l1Ratio?: number;
  /** Fit an unpenalized intercept by centring X and y. Defaults to true. */
  fitIntercept?: boolean;
  /**
   * Solver. Defaults to 'closed-form' for 'none'/'l2' and 'cd' for 'l1'/'elasticnet'.
   * 'closed-form' exists only without an L1 part. 'gd' with an L1 part takes subgradient steps
   * (α·r·sign(w)); they oscillate around 0 and never give exact zeros — use 'ista', 'fista' or 'cd'.
   */
  solver?: LinearSolver;
  /**
   * Tolerance of the iterative solvers: stop when the duality gap ≤ tol·‖y − ȳ‖²/n (scikit-learn's
   * rule, so `tol` means what it means in sklearn's Lasso/ElasticNet). Defaults to 1e-4.
   */
  tol?: number;
  /** Maximum number of iterations (sweeps over all coordinates for 'cd'). Defaults to 1000. */
  maxIter?: number;
  /** Step size of 'gd'/'ista'/'fista'. Defaults to 1/L, L = λ_max(XcᵀXc)/n + α(1 − r). */
  learningRate?: number;
  /** Starting coefficients for the iterative solvers (warm start). Defaults to zeros. */
  init?: number[];
  /**
   * 'cd' on the precomputed Gram matrix XᵀX: true, false or 'auto'. Defaults to 'auto', which is
   * the residual form, as scikit-learn's Lasso/ElasticNet (precompute=False): one fit rarely takes
   * the ~p/4 sweeps that repay the n·p²/2 Gram work. Same minimizer either way. (lassoPath, which
   * reuses the Gram matrix over many α, takes it when n > p.)
   */
  precompute?: boolean | 'auto';
  /**
   * Constrain the coefficients to w ≥ 0 ('cd' with 'l1'/'elasticnet' only; sklearn's
   * `positive=True`: a coordinate whose update would be negative is set to 0). Defaults to false.
   */
  positive?: boolean;
}

/** Result of {@link fitLinear}. */
export interface LinearFit {
  /** Coefficients w (length p). */
  coef: number[];
  /** Intercept b (0 when fitIntercept is false). */
  intercept: number;
  /** Iterations used (1 for 'closed-form'). */
  nIter: number;
  /** Whether the stopping rule was met before maxIter. */
  converged: boolean;
  /** Objective (1/(2n))‖y − Xw − b‖² + α·r·‖w‖₁ + (α/2)(1 − r)‖w‖² after every iteration. */
  objective: number[];
  /** Final duality gap (same scale as the objective; for 'none' a stationarity measure). */
  dualGap: number;
  /** The settings used. */
  penalty: LinearPenalty;
  solver: LinearSolver;
  alpha: number;
  l1Ratio: number;
  /** Predictions X·w + b for new rows. */
  predict(X: Rows): number[];
}

const WHERE = 'rl.linear.fitLinear';
const KNOWN = ['penalty', 'alpha', 'l1Ratio', 'fitIntercept', 'solver', 'tol', 'maxIter', 'learningRate', 'init', 'precompute', 'positive'];

/**
 * Fits a linear model y ≈ Xw + b by minimizing scikit-learn's ElasticNet objective, one convention
 * for every penalty:
 *
 *   (1/(2n))‖y − Xw − b‖² + α·r·‖w‖₁ + (α/2)(1 − r)·‖w‖²
 *
 * 'l1' (r = 1) is sklearn's `Lasso(alpha)`, 'elasticnet' is `ElasticNet(alpha, l1_ratio)`, 'l2'
 * (r = 0) is `Ridge(alpha = n·α)`, 'none' is `LinearRegression`. The intercept is never penalized.
 *
 * ```ts
 * const X = [[1, 0], [0, 1], [1, 1], [2, 1]];
 * const y = [1, 2, 3, 4];
 * const fit = rl.linear.fitLinear(X, y, { penalty: 'l1', alpha: 0.1 });
 * fit.coef;              // sklearn Lasso(alpha=0.1).fit(X, y).coef_
 * fit.predict([[1, 2]]);
 * ```
 *
 * Rows may be `number[]` or typed arrays (e.g. `Float64Array`); both are copied once into a
 * column-major float64 heap where WebAssembly SIMD kernels do the Gram, residual and Cholesky work.
 */
export function fitLinear(X: Rows, y: ArrayLike<number>, options?: FitLinearOptions): LinearFit {
  const check = checker(WHERE);
  const o = check.options<FitLinearOptions>(options, KNOWN);
  const penalty = checker(WHERE).oneOf<LinearPenalty>('penalty', o.penalty, ['none', 'l1', 'l2', 'elasticnet'], 'none');
  const alphaIn = checker(WHERE).nonNegative('alpha', o.alpha, 1);
  const ratioIn = checker(WHERE).unit('l1Ratio', o.l1Ratio, 0.5);
  const alpha = penalty === 'none' ? 0 : alphaIn;
  const l1Ratio = penalty === 'l1' ? 1 : penalty === 'elasticnet' ? ratioIn : 0;
  const hasL1 = alpha * l1Ratio > 0;
  const solver = checker(WHERE).oneOf<LinearSolver>('solver', o.solver, ['closed-form', 'gd', 'ista', 'fista', 'cd'], penalty === 'l1' || penalty === 'elasticnet' ? 'cd' : 'closed-form');
  if (solver === 'closed-form' && hasL1) {
    throw check.error('solver', `'cd', 'ista' or 'fista' for penalty '${penalty}' (its L1 part has no closed form)`, solver);
  }
  const fitIntercept = check.boolean('fitIntercept', o.fitIntercept, true);
  const tol = checker(WHERE).positive('tol', o.tol, 1e-4);
  const maxIter = checker(WHERE).integer('maxIter', o.maxIter, 1, 1000);
  const learningRate = o.learningRate === undefined ? undefined : checker(WHERE).positive('learningRate', o.learningRate);
  const precompute = checkPrecompute(WHERE, o.precompute);
  const positiveOnly = check.boolean('positive', o.positive, false);
  if (positiveOnly && (solver !== 'cd' || !(penalty === 'l1' || penalty === 'elasticnet'))) {
    throw new RangeError(`${WHERE}: \`positive\` true needs penalty 'l1' or 'elasticnet' with solver 'cd'; received penalty '${penalty}', solver '${solver}'`);
  }
  let init: Float64Array | undefined;
  if (o.init !== undefined) init = checker(WHERE).finiteVector('init', o.init);
  const d = makeDesign(WHERE, X, y, fitIntercept);
  if (init && init.length !== d.p) {
    d.heap.dispose();
    throw check.error('init', `an array of ${d.p} values (one per column of X)`, described(`${init.length} values`));
  }
  const s: Strengths = { l1: alpha * l1Ratio, l2: alpha * (1 - l1Ratio) };
  try {
    const run = solve(d, s, solver, { tol, maxIter, learningRate, init, precompute, positive: positiveOnly });
    return finish(d, run, { penalty, solver, alpha, l1Ratio });
  } finally {
    d.heap.dispose();
  }
}

interface SolveSettings {
  tol: number;
  maxIter: number;
  learningRate?: number;
  init?: Float64Array;
  precompute: boolean | 'auto';
  positive: boolean;
}

function solve(d: Design, s: Strengths, solver: LinearSolver, o: SolveSettings): SolverRun {
  if (solver === 'closed-form') {
    const w = solveClosedForm(d, s.l2);
    const mark = d.heap.mark();
    const R = residual(d, w, d.heap.alloc(d.ld));
    const rNorm2 = d.heap.dot(R, R, d.ld);
    d.heap.release(mark);
    return { w, nIter: 1, converged: true, objective: [objectiveValue(d.n, rNorm2, l1Norm(w), norm2(w), s)], dualGap: 0 };
  }
  if (solver === 'cd') {
    const g = o.precompute === true ? gram(d) : undefined;
    return coordinateDescent(d, s, { tol: o.tol, maxIter: o.maxIter, init: o.init, gram: g, record: true, positive: o.positive });
  }
  return gradientMethod(d, s, { method: solver, tol: o.tol, maxIter: o.maxIter, learningRate: o.learningRate, init: o.init, record: true, where: WHERE });
}

/** Turns a centred-problem run into a fit on the original scale (intercept = ȳ − x̄·w). */
export function finish(
  d: Design,
  run: SolverRun,
  settings: { penalty: LinearPenalty; solver: LinearSolver; alpha: number; l1Ratio: number },
): LinearFit {
  let xw = 0;
  for (let j = 0; j < d.p; j++) xw += d.xMean[j] * run.w[j];
  const intercept = d.yMean - xw;
  const coef = Array.from(run.w, (v) => v + 0);
  const p = d.p;
  return {
    coef,
    intercept,
    nIter: run.nIter,
    converged: run.converged,
    objective: run.objective,
    dualGap: run.dualGap,
    ...settings,
    predict(Xnew: Rows): number[] {
      return Array.from(Xnew, (row, i) => {
        if (!row || row.length !== p) throw checker(`${WHERE}(…).predict`).error(`X[${i}]`, `a row of ${p} numbers`, row);
        let s = intercept;
        for (let j = 0; j < p; j++) s += coef[j] * row[j];
        return s;
      });
    },
  };
}

/** `precompute`: true, false or 'auto' (the Gram matrix when n > p). */
export function checkPrecompute(where: string, value: unknown): boolean | 'auto' {
  if (value === undefined || value === 'auto') return 'auto';
  if (typeof value === 'boolean') return value;
  throw checker(where).error('precompute', "true, false or 'auto'", value, typeof value === 'string' ? 'range' : 'type');
}
