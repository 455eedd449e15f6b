// Closed-form ridge / least squares: w = (XᵀX + n·l2·I)⁺ Xᵀy, via the eigen-decomposition of the
// smaller of XᵀX (p×p) and XXᵀ (n×n), so n ≪ p (d2l's 20×200) costs an n×n problem.
import { Design, gram } from './design';
import { symmetricEigen } from './eigen';

/** Solution of the ridge normal equations; with l2 = 0 the minimum-norm least-squares solution. */
export function solveClosedForm(d: Design, l2: number): Float64Array {
  const { n, p, X, y } = d;
  const ridge = n * l2;
  if (p <= n) {
    const { Q, q } = gram(d);
    return spectralSolve(Q, p, q, ridge, Math.max(n, p));
  }
  // Dual form: w = Xᵀ (XXᵀ + n·l2·I)⁺ y.
  const K = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = a; b < n; b++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += X[j * n + a] * X[j * n + b];
      K[a * n + b] = s;
      K[b * n + a] = s;
    }
  }
  const dual = spectralSolve(K, n, y, ridge, Math.max(n, p));
  const w = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += X[j * n + i] * dual[i];
    w[j] = s;
  }
  return w;
}

/**
 * (A + ridge·I)⁺ rhs for a symmetric size×size matrix A, through its eigen-decomposition:
 * Σ_k v_k (v_kᵀ rhs) / (λ_k + ridge), skipping directions below the pseudo-inverse cutoff.
 */
function spectralSolve(A: Float64Array, size: number, rhs: ArrayLike<number>, ridge: number, dataSize: number): Float64Array {
  const { values, vectors } = symmetricEigen(A, size);
  const cutoff = pseudoInverseCutoff(values, dataSize, ridge);
  const x = new Float64Array(size);
  for (let k = 0; k < size; k++) {
    const denom = values[k] + ridge;
    if (denom <= cutoff) continue;
    let proj = 0;
    for (let i = 0; i < size; i++) proj += vectors[k * size + i] * rhs[i];
    const c = proj / denom;
    for (let i = 0; i < size; i++) x[i] += c * vectors[k * size + i];
  }
  return x;
}

/** Eigenvalues (plus ridge) at or below this are treated as zero (rank deficiency, like lstsq's rcond). */
function pseudoInverseCutoff(values: Float64Array, size: number, ridge: number): number {
  let max = 0;
  for (const v of values) max = Math.max(max, v);
  return ridge > 0 ? 0 : size * 2.220446049250313e-16 * max * 10;
}

/** λ_max(XᵀX) = λ_max(XXᵀ): the Lipschitz constant of ∇(½‖y − Xw‖²). */
export function lipschitzOfLoss(d: Design): number {
  const { n, p, X } = d;
  if (p <= n) {
    const { Q } = gram(d);
    return Math.max(0, ...symmetricEigen(Q, p).values);
  }
  const K = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = a; b < n; b++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += X[j * n + a] * X[j * n + b];
      K[a * n + b] = s;
      K[b * n + a] = s;
    }
  }
  return Math.max(0, ...symmetricEigen(K, n).values);
}
