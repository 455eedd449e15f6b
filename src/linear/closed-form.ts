// Closed-form ridge / least squares by Cholesky on the smaller side, as scikit-learn's Ridge
// (solver 'cholesky'): w = (XᵀX + nλI)⁻¹ Xᵀy when n ≥ p, and the dual w = Xᵀ(XXᵀ + nλI)⁻¹ y when
// p > n, so d2l's 20 × 200 costs a 20 × 20 factorization.
import { Design, gram, kernelMatrix } from './design';
import { symmetricEigen } from './eigen';
import { cholesky, choleskySolve } from './cholesky';

/** Solution of the ridge normal equations; with l2 = 0 the minimum-norm least-squares solution. */
export function solveClosedForm(d: Design, l2: number): Float64Array {
  const { heap } = d;
  const mark = heap.mark();
  try {
    return d.p <= d.n ? primal(d, d.n * l2) : dual(d, d.n * l2);
  } finally {
    heap.release(mark);
  }
}

function primal(d: Design, ridge: number): Float64Array {
  const { heap, p } = d;
  const g = gram(d);
  const x = heap.alloc(g.stride);
  const f = heap.f64;
  for (let j = 0; j < p; j++) f[g.Q + j * g.stride + j] += ridge;
  if (cholesky(heap, g.Q, g.stride, p)) {
    choleskySolve(heap, g.Q, g.stride, p, g.q, x);
    return f.slice(x, x + p);
  }
  // Singular XᵀX (rank-deficient least squares): the minimum-norm solution needs the spectrum.
  const again = gram(d);
  return spectralSolve(copyOut(heap.f64, again.Q, again.stride, p), p, again.q, ridge, Math.max(d.n, p));
}

function dual(d: Design, ridge: number): Float64Array {
  const { heap, n, p, ld, xOff, yOff } = d;
  const K = kernelMatrix(d);
  const c = heap.alloc(ld);
  let f = heap.f64;
  for (let i = 0; i < n; i++) f[K + i * ld + i] += ridge;
  const y = f.slice(yOff, yOff + n);
  if (cholesky(heap, K, ld, n)) {
    choleskySolve(heap, K, ld, n, y, c);
  } else {
    const again = kernelMatrix(d);
    f = heap.f64;
    f.set(spectralSolve(copyOut(f, again, ld, n), n, y, ridge, Math.max(n, p)), c);
  }
  const w = new Float64Array(p);
  for (let j = 0; j < p; j++) w[j] = heap.dot(xOff + j * ld, c, ld);
  return w;
}

/** The leading m×m block of a row-major heap matrix with row stride `stride`, packed. */
function copyOut(f: Float64Array, at: number, stride: number, m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) out.set(f.subarray(at + i * stride, at + i * stride + m), i * m);
  return out;
}

/**
 * (A + ridge·I)⁺ rhs for a symmetric size×size matrix A, through its eigen-decomposition:
 * Σ_k v_k (v_kᵀ rhs) / (λ_k + ridge), skipping directions below the pseudo-inverse cutoff.
 * Only for singular systems (least squares without penalty on rank-deficient X).
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
