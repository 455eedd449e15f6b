// Cholesky factorization A = LLᵀ of a symmetric positive definite matrix on the solver heap, and
// the two triangular solves: the ridge normal equations in (1/3)m³ flops, the inner products of
// rows running through the heap's SIMD dot kernel.
import { F64Heap } from './f64-kernels';

/**
 * Factors the m×m symmetric matrix at heap offset `a` (row-major, row stride `stride`) in place:
 * the lower triangle becomes L (row-oriented Cholesky–Banachiewicz,
 * L_ij = (A_ij − Σ_{k<j} L_ik L_jk) / L_jj). Returns false when a pivot is not positive beyond
 * rounding (A singular or indefinite); the matrix is then partly overwritten.
 */
export function cholesky(heap: F64Heap, a: number, stride: number, m: number): boolean {
  const f = heap.f64;
  let maxDiag = 0;
  for (let i = 0; i < m; i++) maxDiag = Math.max(maxDiag, f[a + i * stride + i]);
  const floor = m * 2.220446049250313e-16 * maxDiag * 10;
  for (let i = 0; i < m; i++) {
    const ri = a + i * stride;
    for (let j = 0; j < i; j++) {
      const rj = a + j * stride;
      f[ri + j] = (f[ri + j] - heap.dot(ri, rj, j)) / f[rj + j];
    }
    const pivot = f[ri + i] - heap.dot(ri, ri, i);
    if (!(pivot > floor)) return false;
    f[ri + i] = Math.sqrt(pivot);
  }
  return true;
}

/** Solves LLᵀx = rhs with the factor left by {@link cholesky}; x is written at heap offset `x` (m values). */
export function choleskySolve(heap: F64Heap, a: number, stride: number, m: number, rhs: ArrayLike<number>, x: number): void {
  const f = heap.f64;
  // L z = rhs (z in x)
  for (let i = 0; i < m; i++) {
    const ri = a + i * stride;
    f[x + i] = (rhs[i] - heap.dot(ri, x, i)) / f[ri + i];
  }
  // Lᵀ x = z, column by column: x_i = z_i / L_ii, then z_k −= L_ik x_i for k < i
  for (let i = m - 1; i >= 0; i--) {
    const ri = a + i * stride;
    const xi = f[x + i] / f[ri + i];
    f[x + i] = xi;
    if (xi !== 0) heap.axpy(-xi, ri, x, i);
  }
}
