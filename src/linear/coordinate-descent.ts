// Cyclic coordinate descent for the elastic net, a port of scikit-learn's enet_coordinate_descent
// (residual form) and enet_coordinate_descent_gram (Gram form, used when n > p), with its
// duality-gap stopping rule: stop when gap ≤ tol·‖y‖² (gap and ‖y‖² in sklearn's n-scaled units).
import { Design, gram, residual, xtv } from './design';
import { dualityGap, objectiveValue, Strengths } from './objective';
import { lipschitzOfLoss } from './closed-form';

/** Result of one solver run (coefficients of the centred problem). */
export interface SolverRun {
  w: Float64Array;
  nIter: number;
  converged: boolean;
  /** Objective after every iteration (our 1/(2n) scale). */
  objective: number[];
  /** Final duality gap in our scale (sklearn's / n). */
  dualGap: number;
}

/** Precomputed Gram data, reusable along a path. */
export interface GramCache {
  Q: Float64Array;
  q: Float64Array;
}

export interface CdOptions {
  tol: number;
  maxIter: number;
  /** Starting coefficients (warm start); copied. */
  init?: Float64Array;
  /** Use the Gram form (XᵀX precomputed). */
  gram?: GramCache;
  /** Record the objective after every sweep. */
  record: boolean;
}

export function coordinateDescent(d: Design, s: Strengths, o: CdOptions): SolverRun {
  return o.gram ? cdGram(d, s, o, o.gram) : cdResidual(d, s, o);
}

function cdResidual(d: Design, s: Strengths, o: CdOptions): SolverRun {
  const { n, p, X, y, colNorm2, yNorm2 } = d;
  const a = s.l1 * n;
  const b = s.l2 * n;
  const w = o.init ? Float64Array.from(o.init) : new Float64Array(p);
  const R = residual(d, w);
  const XtR = new Float64Array(p);
  const tol = o.tol * yNorm2;
  const objective: number[] = [];
  let gap = tol + 1;
  let nIter = 0;
  let converged = false;
  let L = -1;
  const lipschitz = (): number => (L < 0 ? (L = lipschitzOfLoss(d)) : L);
  for (let iter = 0; iter < o.maxIter; iter++) {
    let wMax = 0;
    let dwMax = 0;
    for (let j = 0; j < p; j++) {
      const nj = colNorm2[j];
      if (nj === 0) continue;
      const off = j * n;
      const wOld = w[j];
      // t = X_jᵀ(R + w_j·X_j) = X_jᵀR + ‖X_j‖²·w_j: correlation with the partial residual.
      let t = 0;
      for (let i = 0; i < n; i++) t += X[off + i] * R[i];
      t += nj * wOld;
      const shrunk = t > a ? t - a : t < -a ? t + a : 0;
      const wNew = shrunk / (nj + b);
      if (wNew === wOld) {
        if (wNew !== 0 && Math.abs(wNew) > wMax) wMax = Math.abs(wNew);
        continue;
      }
      w[j] = wNew;
      const delta = wNew - wOld;
      for (let i = 0; i < n; i++) R[i] -= delta * X[off + i];
      const dw = Math.abs(delta);
      if (dw > dwMax) dwMax = dw;
      const aw = Math.abs(wNew);
      if (aw > wMax) wMax = aw;
    }
    nIter = iter + 1;
    let rNorm2 = 0;
    if (o.record || wMax === 0 || dwMax / wMax < o.tol || iter === o.maxIter - 1) {
      for (let i = 0; i < n; i++) rNorm2 += R[i] * R[i];
    }
    if (o.record) objective.push(objectiveValue(n, rNorm2, l1Norm(w), norm2(w), s));
    if (wMax === 0 || dwMax / wMax < o.tol || iter === o.maxIter - 1) {
      xtv(d, R, XtR);
      let rDotY = 0;
      for (let i = 0; i < n; i++) rDotY += R[i] * y[i];
      gap = dualityGap(XtR, w, rNorm2, rDotY, a, b, lipschitz);
      if (gap <= tol) {
        converged = true;
        break;
      }
    }
  }
  return { w, nIter, converged, objective, dualGap: gap / n };
}

function cdGram(d: Design, s: Strengths, o: CdOptions, g: GramCache): SolverRun {
  const { n, p, yNorm2 } = d;
  const { Q, q } = g;
  const a = s.l1 * n;
  const b = s.l2 * n;
  const w = o.init ? Float64Array.from(o.init) : new Float64Array(p);
  // H = Q·w
  const H = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    if (w[j] === 0) continue;
    for (let k = 0; k < p; k++) H[k] += w[j] * Q[j * p + k];
  }
  const XtA = new Float64Array(p);
  const tol = o.tol * yNorm2;
  const objective: number[] = [];
  let gap = tol + 1;
  let nIter = 0;
  let converged = false;
  let L = -1;
  const lipschitz = (): number => {
    if (L < 0) L = lipschitzOfLoss(d);
    return L;
  };
  for (let iter = 0; iter < o.maxIter; iter++) {
    let wMax = 0;
    let dwMax = 0;
    for (let j = 0; j < p; j++) {
      const qjj = Q[j * p + j];
      if (qjj === 0) continue;
      const row = j * p;
      const wOld = w[j];
      // t = q_j − (Qw)_j + Q_jj·w_j: the correlation of column j with the partial residual.
      const t = q[j] - H[j] + qjj * wOld;
      const shrunk = t > a ? t - a : t < -a ? t + a : 0;
      const wNew = shrunk / (qjj + b);
      if (wNew === wOld) {
        if (wNew !== 0 && Math.abs(wNew) > wMax) wMax = Math.abs(wNew);
        continue;
      }
      w[j] = wNew;
      const delta = wNew - wOld;
      for (let k = 0; k < p; k++) H[k] += delta * Q[row + k];
      const dw = Math.abs(delta);
      if (dw > dwMax) dwMax = dw;
      const aw = Math.abs(wNew);
      if (aw > wMax) wMax = aw;
    }
    nIter = iter + 1;
    const check = wMax === 0 || dwMax / wMax < o.tol || iter === o.maxIter - 1;
    if (!o.record && !check) continue;
    let qDotW = 0;
    let wDotH = 0;
    for (let j = 0; j < p; j++) {
      qDotW += q[j] * w[j];
      wDotH += w[j] * H[j];
    }
    // ‖R‖² = ‖y‖² − 2 qᵀw + wᵀQw; Rᵀy = ‖y‖² − qᵀw; XᵀR = q − Qw.
    const rNorm2 = Math.max(0, yNorm2 + wDotH - 2 * qDotW);
    if (o.record) objective.push(objectiveValue(n, rNorm2, l1Norm(w), norm2(w), s));
    if (check) {
      for (let j = 0; j < p; j++) XtA[j] = q[j] - H[j];
      gap = dualityGap(XtA, w, rNorm2, yNorm2 - qDotW, a, b, lipschitz);
      if (gap <= tol) {
        converged = true;
        break;
      }
    }
  }
  return { w, nIter, converged, objective, dualGap: gap / n };
}

export function l1Norm(w: Float64Array): number {
  let s = 0;
  for (let j = 0; j < w.length; j++) s += Math.abs(w[j]);
  return s;
}

export function norm2(w: Float64Array): number {
  let s = 0;
  for (let j = 0; j < w.length; j++) s += w[j] * w[j];
  return s;
}

/** Builds the Gram cache of a design. */
export function gramCache(d: Design): GramCache {
  return gram(d);
}
