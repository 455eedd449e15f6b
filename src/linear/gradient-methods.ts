// First-order solvers on F(w) = f(w) + l1·‖w‖₁ with f(w) = (1/(2n))‖y − Xw‖² + (l2/2)‖w‖²:
//   gd    w ← w − η(∇f(w) + l1·sign(w))          (sub)gradient step — never lands exactly on 0
//   ista  w ← S_{η·l1}(w − η∇f(w))                proximal gradient — exact zeros
//   fista ista at an extrapolated point (Beck & Teboulle 2009), O(1/k²)
// η defaults to 1/L, L = λ_max(XᵀX)/n + l2. Stop on the same duality gap as coordinate descent.
import { Design, residual, xtv } from './design';
import { dualityGap, objectiveValue, Strengths } from './objective';
import { l1Norm, norm2, SolverRun } from './coordinate-descent';
import { lipschitzOfLoss } from './closed-form';
import { softThresholdScalar } from '../penalties/soft-threshold';

export interface GradientOptions {
  method: 'gd' | 'ista' | 'fista';
  tol: number;
  maxIter: number;
  /** Step size η; defaults to 1/L. */
  learningRate?: number;
  init?: Float64Array;
  record: boolean;
}

export function gradientMethod(d: Design, s: Strengths, o: GradientOptions): SolverRun {
  const { n, p, y, yNorm2 } = d;
  const a = s.l1 * n;
  const b = s.l2 * n;
  const lossL = lipschitzOfLoss(d);
  const eta = o.learningRate ?? 1 / (lossL / n + s.l2 || 1);
  const tol = o.tol * yNorm2;
  let w = o.init ? Float64Array.from(o.init) : new Float64Array(p);
  const z = Float64Array.from(w);
  let tK = 1;
  const R = new Float64Array(n);
  const XtR = new Float64Array(p);
  const objective: number[] = [];
  let gap = Infinity;
  let nIter = 0;
  let converged = false;
  const lipschitz = (): number => lossL;
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
    let rNorm2 = 0;
    let rDotY = 0;
    for (let i = 0; i < n; i++) {
      rNorm2 += R[i] * R[i];
      rDotY += R[i] * y[i];
    }
    if (o.record) objective.push(objectiveValue(n, rNorm2, l1Norm(w), norm2(w), s));
    gap = dualityGap(XtR, w, rNorm2, rDotY, a, b, lipschitz);
    if (!Number.isFinite(gap)) break;
    if (gap <= tol) {
      converged = true;
      break;
    }
  }
  return { w, nIter, converged, objective, dualGap: gap / n };
}
