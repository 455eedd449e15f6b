// Primal objective and duality gap of the elastic-net problem (scikit-learn's formulas).

/**
 * Strengths of the problem  (1/(2n))‖y − Xw‖² + l1·‖w‖₁ + (l2/2)·‖w‖²,  i.e. l1 = α·r, l2 = α(1 − r).
 */
export interface Strengths {
  l1: number;
  l2: number;
}

/** Objective value from ‖R‖², ‖w‖₁ and ‖w‖² (our 1/n scale). */
export function objectiveValue(n: number, rNorm2: number, wL1: number, wNorm2: number, s: Strengths): number {
  return rNorm2 / (2 * n) + s.l1 * wL1 + (s.l2 / 2) * wNorm2;
}

/**
 * Duality gap in scikit-learn's scale (n × ours), from the quantities its coordinate descent uses:
 * Xᵀ R, ‖R‖², R·y, ‖w‖₁, ‖w‖² and the n-scaled strengths a = n·l1, b = n·l2.
 *
 * For a > 0 this is sklearn's formula (dual point R scaled into the feasible set, XᵀR − b·w; with
 * `positive` the dual norm is max_j instead of max_j |·|, as in its cd_fast).
 * For a = 0, b > 0 it is the exact Fenchel gap of ridge. For a = b = 0 (no penalty) there is no
 * bounded dual; we return ‖XᵀR‖² / (2·L) with L = λ_max(XᵀX), a lower bound of the suboptimality
 * that is 0 exactly at a minimizer.
 */
export function dualityGap(
  XtR: ArrayLike<number>,
  w: Float64Array,
  rNorm2: number,
  rDotY: number,
  a: number,
  b: number,
  lipschitz: () => number,
  positive = false,
): number {
  const p = w.length;
  let wL1 = 0;
  let wNorm2 = 0;
  for (let j = 0; j < p; j++) {
    wL1 += Math.abs(w[j]);
    wNorm2 += w[j] * w[j];
  }
  if (a > 0) {
    let dualNorm = 0;
    // with w ≥ 0 enforced only positive correlations can be tight (sklearn: max instead of |·|max)
    for (let j = 0; j < p; j++) {
      const v = XtR[j] - b * w[j];
      dualNorm = Math.max(dualNorm, positive ? v : Math.abs(v));
    }
    let c: number;
    let gap: number;
    if (dualNorm > a) {
      c = a / dualNorm;
      gap = 0.5 * (rNorm2 + rNorm2 * c * c);
    } else {
      c = 1;
      gap = rNorm2;
    }
    return gap + a * wL1 - c * rDotY + 0.5 * b * (1 + c * c) * wNorm2;
  }
  let g2 = 0;
  for (let j = 0; j < p; j++) g2 += XtR[j] * XtR[j];
  if (b > 0) return rNorm2 - rDotY + (b / 2) * wNorm2 + g2 / (2 * b);
  const L = lipschitz();
  return L > 0 ? g2 / (2 * L) : 0;
}


/** ‖w‖₁. */
export function l1Norm(w: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < w.length; j++) s += Math.abs(w[j]);
  return s;
}

/** ‖w‖² (squared Euclidean norm). */
export function norm2(w: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < w.length; j++) s += w[j] * w[j];
  return s;
}
