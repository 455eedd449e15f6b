// First-order solvers on F(w) = f(w) + l1·‖w‖₁ with f(w) = (1/(2n))‖y − Xw‖² + (l2/2)‖w‖²:
//   gd    w ← w − η(∇f(w) + l1·sign(w))          (sub)gradient step — never lands exactly on 0
//   ista  w ← S_{η·l1}(w − η∇f(w))                proximal gradient — exact zeros
//   fista ista at an extrapolated point (Beck & Teboulle 2009), O(1/k²)
// η defaults to 1/L, L = λ_max(XᵀX)/n + l2. Stop on the same duality gap as coordinate descent.
// A step too large for the problem (η > 2/L) makes the iterates grow geometrically: that is
// reported as divergence, with the step that would work, instead of returning overflowed numbers.
import { Design, lipschitzOfLoss, residual, xtv } from './design';
import { dualityGap, l1Norm, norm2, objectiveValue, Strengths } from './objective';
import { SolverRun } from './coordinate-descent';
import { softThresholdScalar } from '../penalties/soft-threshold';

export interface GradientOptions {
  method: 'gd' | 'ista' | 'fista';
  tol: number;
  maxIter: number;
  /** Step size η; defaults to 1/L. */
  learningRate?: number;
  init?: Float64Array;
  record: boolean;
  /** Name of the calling function, for the divergence error. */
  where?: string;
}

/** An objective this many times the start's (or F(0)'s) means the iteration is running away. */
const DIVERGENCE_FACTOR = 1e6;

export function gradientMethod(d: Design, s: Strengths, o: GradientOptions): SolverRun {
  const { n, p, ld, heap, yOff, yNorm2 } = d;
  const mark = heap.mark();
  const a = s.l1 * n;
  const b = s.l2 * n;
  const lossL = lipschitzOfLoss(d);
  const defaultEta = 1 / (lossL / n + s.l2 || 1);
  const eta = o.learningRate ?? defaultEta;
  const tol = o.tol * yNorm2;
  let w = o.init ? Float64Array.from(o.init) : new Float64Array(p);
  const z = Float64Array.from(w);
  let tK = 1;
  const R = heap.alloc(ld);
  const XtR = new Float64Array(p);
  const objective: number[] = [];
  let gap = Infinity;
  let nIter = 0;
  let converged = false;
  const lipschitz = (): number => lossL;
  residual(d, w, R);
  const start = objectiveValue(n, heap.dot(R, R, ld), l1Norm(w), norm2(w), s);
  for (let iter = 0; iter < o.maxIter; iter++) {
    const point = o.method === 'fista' ? z : w;
    residual(d, point, R);
    xtv(d, R, XtR);
    const next = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      const grad = -XtR[j] / n + s.l2 * point[j];
      const moved = point[j] - eta * grad;
      next[j] =
        o.method === 'gd' ? moved - eta * s.l1 * Math.sign(point[j]) : softThresholdScalar(moved, eta * s.l1);
    }
    if (o.method === 'fista') {
      const tNext = (1 + Math.sqrt(1 + 4 * tK * tK)) / 2;
      const beta = (tK - 1) / tNext;
      for (let j = 0; j < p; j++) z[j] = next[j] + beta * (next[j] - w[j]);
      tK = tNext;
    }
    w = next;
    nIter = iter + 1;
    residual(d, w, R);
    xtv(d, R, XtR);
    const rNorm2 = heap.dot(R, R, ld);
    const rDotY = heap.dot(R, yOff, ld);
    const value = objectiveValue(n, rNorm2, l1Norm(w), norm2(w), s);
    if (o.record) objective.push(value);
    if (!Number.isFinite(value) || value > DIVERGENCE_FACTOR * Math.max(start, yNorm2 / (2 * n), Number.MIN_VALUE)) {
      heap.release(mark);
      throw diverged(o, iter + 1, value, start, eta, defaultEta);
    }
    gap = dualityGap(XtR, w, rNorm2, rDotY, a, b, lipschitz);
    if (gap <= tol) {
      converged = true;
      break;
    }
  }
  heap.release(mark);
  return { w, nIter, converged, objective, dualGap: gap / n };
}

function diverged(o: GradientOptions, iter: number, value: number, start: number, eta: number, defaultEta: number): RangeError {
  const where = o.where ?? 'rl.linear.fitLinear';
  const step = o.learningRate === undefined ? `the default step 1/L = ${eta}` : `\`learningRate\` = ${o.learningRate}`;
  return new RangeError(
    `${where}: solver '${o.method}' diverged: the objective went from ${start} to ${value} in ${iter} iterations ` +
      `with ${step}. A step above 2/L (L = λ_max(XᵀX)/n + α(1 − r)) makes gradient steps grow without bound; ` +
      `use learningRate ≤ ${defaultEta} (1/L, the default when learningRate is omitted) or solver 'cd'`,
  );
}
