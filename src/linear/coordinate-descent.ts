// Cyclic coordinate descent for the elastic net, a port of scikit-learn's enet_coordinate_descent
// (residual form) and enet_coordinate_descent_gram (Gram form), with its duality-gap stopping
// rule: stop when gap ≤ tol·‖y‖² (gap and ‖y‖² in sklearn's n-scaled units). Columns are
// contiguous on the design's heap; the residual (or Qw) updates are SIMD axpys, the correlations
// SIMD dots, as cd_fast's BLAS calls.
import { Design, Gram, lipschitzOfLoss, residual, xtv } from './design';
import { dualityGap, l1Norm, norm2, objectiveValue, Strengths } from './objective';

/** Result of one solver run (coefficients of the centred problem). */
export interface SolverRun {
  w: Float64Array;
  nIter: number;
  converged: boolean;
  /** Objective after every iteration (our 1/(2n) scale). */
  objective: number[];
  /** Final duality gap in our scale (sklearn's / n). */
  dualGap: number;
  /** ‖y − Xw‖² at the returned w, when the solver has it (coordinate descent's last gap check). */
  rNorm2?: number;
}

export interface CdOptions {
  tol: number;
  maxIter: number;
  /** Starting coefficients (warm start); copied. */
  init?: Float64Array;
  /** Use the Gram form (XᵀX precomputed in the design's heap). */
  gram?: Gram;
  /** Record the objective after every sweep. */
  record: boolean;
  /** Constrain w ≥ 0 (sklearn's positive=True: a negative update is clipped to 0). */
  positive?: boolean;
}

export function coordinateDescent(d: Design, s: Strengths, o: CdOptions): SolverRun {
  const mark = d.heap.mark();
  try {
    return o.gram ? cdGram(d, s, o, o.gram) : cdResidual(d, s, o);
  } finally {
    d.heap.release(mark);
  }
}

/** The coordinate update S_a(t)/(‖X_j‖² + b), or 0 when w ≥ 0 is enforced and t < 0. */
function update(t: number, a: number, denom: number, positive: boolean): number {
  if (positive && t < 0) return 0;
  const shrunk = t > a ? t - a : t < -a ? t + a : 0;
  return shrunk / denom;
}

function cdResidual(d: Design, s: Strengths, o: CdOptions): SolverRun {
  const { n, p, ld, heap, xOff, yOff, colNorm2, yNorm2 } = d;
  const positive = o.positive ?? false;
  const a = s.l1 * n;
  const b = s.l2 * n;
  const w = o.init ? Float64Array.from(o.init) : new Float64Array(p);
  const R = residual(d, w, heap.alloc(ld));
  const XtR = new Float64Array(p);
  const tol = o.tol * yNorm2;
  const objective: number[] = [];
  let gap = tol + 1;
  let nIter = 0;
  let converged = false;
  let L = -1;
  const lipschitz = (): number => (L < 0 ? (L = lipschitzOfLoss(d)) : L);
  let lastR2: number | undefined;
  for (let iter = 0; iter < o.maxIter; iter++) {
    let wMax = 0;
    let dwMax = 0;
    for (let j = 0; j < p; j++) {
      const nj = colNorm2[j];
      if (nj === 0) continue;
      const col = xOff + j * ld;
      const wOld = w[j];
      // t = X_jᵀ(R + w_j·X_j) = X_jᵀR + ‖X_j‖²·w_j: correlation with the partial residual.
      const t = heap.dot(col, R, ld) + nj * wOld;
      const wNew = update(t, a, nj + b, positive);
      if (wNew === wOld) {
        if (wNew !== 0 && Math.abs(wNew) > wMax) wMax = Math.abs(wNew);
        continue;
      }
      w[j] = wNew;
      const delta = wNew - wOld;
      heap.axpy(-delta, col, R, ld);
      const dw = Math.abs(delta);
      if (dw > dwMax) dwMax = dw;
      const aw = Math.abs(wNew);
      if (aw > wMax) wMax = aw;
    }
    nIter = iter + 1;
    const check = wMax === 0 || dwMax / wMax < o.tol || iter === o.maxIter - 1;
    if (!o.record && !check) continue;
    const rNorm2 = heap.dot(R, R, ld);
    lastR2 = rNorm2;
    if (o.record) objective.push(objectiveValue(n, rNorm2, l1Norm(w), norm2(w), s));
    if (check) {
      xtv(d, R, XtR);
      const rDotY = heap.dot(R, yOff, ld);
      gap = dualityGap(XtR, w, rNorm2, rDotY, a, b, lipschitz, positive);
      if (gap <= tol) {
        converged = true;
        break;
      }
    }
  }
  return { w, nIter, converged, objective, dualGap: gap / n, rNorm2: lastR2 };
}

function cdGram(d: Design, s: Strengths, o: CdOptions, g: Gram): SolverRun {
  const { n, p, heap, yNorm2 } = d;
  const { Q, stride, q } = g;
  const positive = o.positive ?? false;
  const a = s.l1 * n;
  const b = s.l2 * n;
  const w = o.init ? Float64Array.from(o.init) : new Float64Array(p);
  // H = Q·w, on the heap so that its updates are SIMD axpys over rows of Q
  const H = heap.alloc(stride);
  for (let j = 0; j < p; j++) if (w[j] !== 0) heap.axpy(w[j], Q + j * stride, H, stride);
  const XtA = new Float64Array(p);
  const tol = o.tol * yNorm2;
  const objective: number[] = [];
  let gap = tol + 1;
  let nIter = 0;
  let converged = false;
  let L = -1;
  const lipschitz = (): number => (L < 0 ? (L = lipschitzOfLoss(d)) : L);
  let lastR2: number | undefined;
  for (let iter = 0; iter < o.maxIter; iter++) {
    const f = heap.f64; // again each sweep: the duality-gap check may have grown the heap
    let wMax = 0;
    let dwMax = 0;
    for (let j = 0; j < p; j++) {
      const row = Q + j * stride;
      const qjj = f[row + j];
      if (qjj === 0) continue;
      const wOld = w[j];
      // t = q_j − (Qw)_j + Q_jj·w_j: the correlation of column j with the partial residual.
      const t = q[j] - f[H + j] + qjj * wOld;
      const wNew = update(t, a, qjj + b, positive);
      if (wNew === wOld) {
        if (wNew !== 0 && Math.abs(wNew) > wMax) wMax = Math.abs(wNew);
        continue;
      }
      w[j] = wNew;
      const delta = wNew - wOld;
      heap.axpy(delta, row, H, stride);
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
      wDotH += w[j] * f[H + j];
    }
    // ‖R‖² = ‖y‖² − 2 qᵀw + wᵀQw; Rᵀy = ‖y‖² − qᵀw; XᵀR = q − Qw.
    const rNorm2 = Math.max(0, yNorm2 + wDotH - 2 * qDotW);
    lastR2 = rNorm2;
    if (o.record) objective.push(objectiveValue(n, rNorm2, l1Norm(w), norm2(w), s));
    if (check) {
      for (let j = 0; j < p; j++) XtA[j] = q[j] - f[H + j];
      gap = dualityGap(XtA, w, rNorm2, yNorm2 - qDotW, a, b, lipschitz, positive);
      if (gap <= tol) {
        converged = true;
        break;
      }
    }
  }
  return { w, nIter, converged, objective, dualGap: gap / n, rNorm2: lastR2 };
}
