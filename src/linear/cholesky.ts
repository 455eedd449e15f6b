// Cholesky factorization A = LLᵀ of a symmetric positive definite matrix on the solver heap, and
// the two triangular solves: the ridge normal equations in (1/3)m³ flops. Large matrices go by
// blocks of NB columns (left-looking): the update of a block column by the columns left of it,
// Σ_k L_ik L_jk, is a Gram product of rows of L, run by the packed SIMD Gram kernel; inside a
// block column the SIMD axpy kernel does the rest. Small ones go row by row with the dot kernel.
import { F64Heap, pad4 } from './f64-kernels';
import { blockOffset, gramTask, PanelPass } from './gram-blocks';

/** Columns per block (a multiple of 4). */
export const NB = 32;

/** Order from which the blocked factorization is used (below it the row-by-row one is as fast). */
export const BLOCKED_MIN = 2 * NB;

/**
 * Factors the m×m symmetric matrix at heap offset `a` (row-major, row stride `stride` ≥ pad4(m))
 * in place: the lower triangle becomes L, L_ij = (A_ij − Σ_{k<j} L_ik L_jk) / L_jj and
 * L_jj = √(A_jj − Σ_{k<j} L_jk²). Returns false when a pivot is not positive beyond rounding
 * (A singular or indefinite); the matrix is then partly overwritten. The upper triangle is left
 * undefined, and the blocked path uses rows m…pad4(m)−1 (and the columns beyond m) as workspace.
 */
export function cholesky(heap: F64Heap, a: number, stride: number, m: number): boolean {
  const f = heap.f64;
  let maxDiag = 0;
  for (let i = 0; i < m; i++) maxDiag = Math.max(maxDiag, f[a + i * stride + i]);
  const floor = m * 2.220446049250313e-16 * maxDiag * 10;
  if (heap.shared && m >= BLOCKED_MIN && stride >= pad4(m)) return blocked(heap, a, stride, m, floor);
  return byRows(heap, a, stride, m, floor);
}

/** Row-oriented Cholesky–Banachiewicz: row i's entries from dots with the rows above it. */
function byRows(heap: F64Heap, a: number, stride: number, m: number, floor: number): boolean {
  const f = heap.f64;
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

/**
 * Left-looking blocked Cholesky. For block column J = [j0, j0 + w):
 * (1) A[j0:, J] −= L[j0:, :j0]·L[J, :j0]ᵀ from the packed block columns already done (the Gram
 *     kernel over rows of L, chunk by chunk in order of k);
 * (2) the block column, copied column-major, is factored by right-looking axpys;
 * (3) it is copied back (its upper part zeroed) and packed for the block columns right of it.
 */
function blocked(heap: F64Heap, a: number, s: number, m: number, floor: number): boolean {
  const mp = pad4(m);
  const mark = heap.mark();
  try {
    const packed = heap.alloc(mp * mp, false);
    const scratch = heap.alloc(blockOffset(mp, Math.min(mp, NB)) + 8 * mp);
    const col = heap.alloc(NB * mp, false);
    const shared = heap.shared!;
    const f = heap.f64;
    for (let i = m; i < mp; i++) f.fill(0, a + i * s, a + i * s + mp); // zero padding rows
    for (let i = 0; i < m; i++) f.fill(0, a + i * s + m, a + i * s + mp); // and columns
    for (let j0 = 0; j0 < mp; j0 += NB) {
      const w = Math.min(NB, mp - j0);
      if (j0 > 0) update(heap, shared.panel, a, s, mp, j0, w, packed, scratch);
      const len = mp - j0; // rows j0 … mp−1 of the block column, column-major in `col`
      heap.transpose(a + j0 * s + j0, s, len, w, col, len);
      if (!factorPanel(heap, col, len, w, Math.min(w, m - j0), floor)) return false;
      heap.transpose(col, len, w, len, a + j0 * s + j0, s);
      // rows of L over J, packed like the Gram pass's row chunk j0 (groups from row j0 on)
      shared.pack((a + j0 * s + j0) * 8, s * 8, (packed + j0 * mp + (j0 >> 2) * w * 4) * 8, w * 8, (mp - j0) / 4);
    }
    return true;
  } finally {
    heap.release(mark);
  }
}

/** Step (1): the Gram blocks of the rows of L in J against rows ≥ j0, over every packed chunk left of J, subtracted from A. */
function update(
  heap: F64Heap, panel: (a: number, b: number, bytes: number, out: number, count: number) => void,
  a: number, s: number, mp: number, j0: number, w: number, packed: number, scratch: number,
): void {
  const f = heap.f64;
  const blocks = blockOffset(mp, j0 + w) - blockOffset(mp, j0);
  f.fill(0, scratch, scratch + blocks);
  // task j0/NB of NB/2 row pairs is rows j0 … j0+w−1, over the chunks k0 < j0 (NB wide)
  const g: PanelPass = { panel: packed, len: j0, cols: mp, scratch: scratch - blockOffset(mp, j0), chunk: NB, pairs: NB / 2 };
  gramTask(panel, g, j0 / NB);
  let block = scratch;
  for (let b = j0; b < j0 + w; b += 2) {
    for (let c = b & ~3; c < mp; c += 4) {
      for (let r = 0; r < 2; r++) {
        for (let k = 0; k < 4; k++) {
          const v = c + k;
          if (v >= b + r) f[a + v * s + b + r] -= f[block + r * 4 + k];
        }
      }
      block += 8;
    }
  }
}

/**
 * Step (2): right-looking Cholesky of a block column held column-major (`w` columns of length
 * `len` at `col`; row t of column t is the diagonal): column t is scaled by 1/L_tt, then every
 * later column u loses L_ut·(column t) from row u down. Only the first `live` columns are real
 * (the rest is padding past m). Rows above the diagonal are zeroed.
 */
function factorPanel(heap: F64Heap, col: number, len: number, w: number, live: number, floor: number): boolean {
  const f = heap.f64;
  for (let t = 0; t < live; t++) {
    const ct = col + t * len;
    const pivot = f[ct + t];
    if (!(pivot > floor)) return false;
    const d = Math.sqrt(pivot);
    f[ct + t] = d;
    const inv = 1 / d;
    for (let i = t + 1; i < len; i++) f[ct + i] *= inv;
    for (let u = t + 1; u < live; u++) {
      const lut = f[ct + u];
      if (lut !== 0) heap.axpy(-lut, ct + u, col + u * len + u, len - u);
    }
  }
  for (let t = 0; t < w; t++) f.fill(0, col + t * len, col + t * len + Math.min(t, len));
  for (let t = live; t < w; t++) f.fill(0, col + t * len, col + (t + 1) * len);
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
