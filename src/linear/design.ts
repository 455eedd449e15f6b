// Validated, centred, column-major copy of (X, y) shared by every solver, on a float64 heap whose
// kernels (WebAssembly SIMD where available) do the Gram, residual and correlation work.

import { F64Heap, f64Heap, pad4 } from './f64-kernels';
import { blockOffset, gramBlocks } from './gram-blocks';
import { show } from '../args';

/** Rows of X as the library accepts them: `number[][]` or an array of typed-array rows. */
export type Rows = ReadonlyArray<ArrayLike<number>>;

/** Training data as the solvers see it: centred when an intercept is fitted, column-major. */
export interface Design {
  /** Number of samples n. */
  readonly n: number;
  /** Number of features p. */
  readonly p: number;
  /** Leading dimension: n rounded up to a multiple of 4 (rows n…ld−1 are zeros). */
  readonly ld: number;
  /** The heap holding X and y, with its kernels. */
  readonly heap: F64Heap;
  /** Offset of X (centred if fitIntercept) in the heap, column-major: X_ij = heap.f64[xOff + j·ld + i]. */
  readonly xOff: number;
  /** Offset of y (centred if fitIntercept) in the heap (ld values, zero past n). */
  readonly yOff: number;
  /** Column means of the original X (zeros without intercept). */
  readonly xMean: Float64Array;
  /** Mean of the original y (0 without intercept). */
  readonly yMean: number;
  /** ‖X_j‖² per column. */
  readonly colNorm2: Float64Array;
  /** ‖y‖². */
  readonly yNorm2: number;
}

/**
 * Initial heap size: X, its row-major staging copy (the Gram pass reuses that room for its packed
 * copy), y and a few dozen vectors; Gram workspaces grow it when asked for.
 */
function capacity(n: number, p: number): number {
  const ld = pad4(n);
  const pp = pad4(p);
  return 2 * ld * pp + ld + 32 * (ld + pp) + 64;
}

/** Checks X (n×p, rectangular, finite, non-empty) and y (length n, finite) and builds a {@link Design}. */
export function makeDesign(where: string, X: unknown, y: unknown, fitIntercept: boolean): Design {
  if (!Array.isArray(X)) throw new TypeError(`${where}: \`X\` must be an array of rows (number[][]); received ${show(X)}`);
  const n = X.length;
  if (n === 0) throw new RangeError(`${where}: \`X\` is empty (0 rows); at least one sample is needed`);
  const first: unknown = X[0];
  if (!(Array.isArray(first) || ArrayBuffer.isView(first))) {
    throw new TypeError(`${where}: \`X\` must be an array of rows (number[][]); row 0 is ${show(first)}`);
  }
  const p = (first as ArrayLike<number>).length;
  if (p === 0) throw new RangeError(`${where}: \`X\` has 0 columns; at least one feature is needed`);
  if (!(Array.isArray(y) || ArrayBuffer.isView(y))) throw new TypeError(`${where}: \`y\` must be an array of numbers; received ${show(y)}`);
  const yv = y as ArrayLike<unknown>;
  if (yv.length !== n) {
    throw new RangeError(`${where}: \`X\` has ${n} rows but \`y\` has ${yv.length} values; they must match`);
  }
  const ld = pad4(n);
  const heap = f64Heap(capacity(n, p));
  const xOff = heap.alloc(ld * pad4(p), false); // written in full by the copy
  const yOff = heap.alloc(ld);
  copyColumnMajor(where, X as unknown[], p, heap, xOff, ld);
  const f = heap.f64;
  for (let i = 0; i < n; i++) {
    const v = yv[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new RangeError(`${where}: \`y\` must contain finite numbers only; received ${show(v)} at y[${i}]`);
    }
    f[yOff + i] = v;
  }
  const xMean = new Float64Array(p);
  let yMean = 0;
  if (fitIntercept) {
    // x̄ = 1ᵀx/n and x −= x̄·1 by the dot and axpy kernels, with 1 zero past n (padding stays 0)
    const mark = heap.mark();
    const ones = heap.alloc(ld);
    heap.f64.fill(1, ones, ones + n);
    for (let j = 0; j < p; j++) xMean[j] = centre(heap, xOff + j * ld, ones, n, ld);
    yMean = centre(heap, yOff, ones, n, ld);
    heap.release(mark);
  }
  const colNorm2 = new Float64Array(p);
  for (let j = 0; j < p; j++) colNorm2[j] = heap.dot(xOff + j * ld, xOff + j * ld, ld);
  const yNorm2 = heap.dot(yOff, yOff, ld);
  checkFinite(where, X as ArrayLike<number>[], colNorm2, xMean);
  checkRepresentable(where, colNorm2, yNorm2, xMean, yMean);
  return { n, p, ld, heap, xOff, yOff, xMean, yMean, colNorm2, yNorm2 };
}

/**
 * Checks the rows of X and writes them column-major (leading dimension ld) at heap offset `off`:
 * row by row into a row-major staging area (a block copy for Float64Array rows), then transposed
 * by the heap's kernel; rows n…ld−1 and columns p…pad4(p)−1 come out zero. Values are checked
 * for being finite afterwards, from the column sums (see {@link checkFinite}).
 */
function copyColumnMajor(where: string, X: unknown[], p: number, heap: F64Heap, off: number, ld: number): void {
  const n = X.length;
  const pp = pad4(p);
  const mark = heap.mark();
  const staging = heap.alloc(ld * pp, false);
  const f = heap.f64;
  for (let i = 0; i < n; i++) {
    const row: unknown = X[i];
    if (!(Array.isArray(row) || ArrayBuffer.isView(row))) throw new TypeError(`${where}: \`X\` row ${i} must be an array of numbers; received ${show(row)}`);
    const r = row as ArrayLike<unknown>;
    if (r.length !== p) throw new RangeError(`${where}: \`X\` is ragged: row ${i} has ${r.length} values, row 0 has ${p}`);
    const at = staging + i * pp;
    if (row instanceof Float64Array) f.set(row, at);
    else copyRow(where, r, i, f, at);
    for (let j = p; j < pp; j++) f[at + j] = 0;
  }
  f.fill(0, staging + n * pp, staging + ld * pp);
  heap.transpose(staging, pp, ld, pp, off, ld);
  heap.release(mark);
}

/**
 * One row of numbers into f[at …], each checked to be a number (finiteness is checked from the
 * column sums, see {@link checkFinite}: a test here would double the cost of the copy).
 */
function copyRow(where: string, r: ArrayLike<unknown>, i: number, f: Float64Array, at: number): void {
  for (let j = 0; j < r.length; j++) {
    const v = r[j];
    if (typeof v !== 'number') throw new RangeError(`${where}: \`X\` must contain finite numbers only; received ${show(v)} at X[${i}][${j}]`);
    f[at + j] = v;
  }
}

/**
 * A NaN or ±Infinity in X (copied unchecked) makes its column's sum of squares or mean non-finite:
 * find the first such value of that column and name it.
 */
function checkFinite(where: string, X: ArrayLike<number>[], colNorm2: Float64Array, xMean: Float64Array): void {
  for (let j = 0; j < colNorm2.length; j++) {
    if (Number.isFinite(colNorm2[j]) && Number.isFinite(xMean[j])) continue;
    for (let i = 0; i < X.length; i++) {
      const v = X[i][j];
      if (!Number.isFinite(v)) throw new RangeError(`${where}: \`X\` must contain finite numbers only; received ${show(v)} at X[${i}][${j}]`);
    }
  }
}

/** Subtracts the mean of the n values at heap offset `o` in place and returns it (`ones`: n ones, then zeros to ld). */
function centre(heap: F64Heap, o: number, ones: number, n: number, ld: number): number {
  const m = heap.dot(o, ones, ld) / n;
  heap.axpy(-m, ones, o, ld);
  return m;
}

/**
 * Finite inputs whose squares overflow float64 (|x| ≳ 1e154) would give NaN coefficients; refuse
 * them, as scikit-learn refuses non-finite values.
 */
function checkRepresentable(where: string, colNorm2: Float64Array, yNorm2: number, xMean: Float64Array, yMean: number): void {
  for (let j = 0; j < colNorm2.length; j++) {
    if (!Number.isFinite(colNorm2[j]) || !Number.isFinite(xMean[j])) {
      throw new RangeError(
        `${where}: \`X\` column ${j} is too large for float64 arithmetic (its sum of squares is ${colNorm2[j]}); ` +
          'rescale X (e.g. rl.data.standardScaler) so that its values are well below 1e150',
      );
    }
  }
  if (!Number.isFinite(yNorm2) || !Number.isFinite(yMean)) {
    throw new RangeError(`${where}: \`y\` is too large for float64 arithmetic (its sum of squares is ${yNorm2}); rescale y so that its values are well below 1e150`);
  }
}

/** Xᵀv (length p) for v at heap offset `v` (ld values). */
export function xtv(d: Design, v: number, out: Float64Array = new Float64Array(d.p)): Float64Array {
  const { p, ld, heap, xOff } = d;
  for (let j = 0; j < p; j++) out[j] = heap.dot(xOff + j * ld, v, ld);
  return out;
}

/** Writes y − Xw into the heap vector at offset `out` (ld values) and returns `out`. */
export function residual(d: Design, w: ArrayLike<number>, out: number): number {
  const { p, ld, heap, xOff, yOff } = d;
  heap.f64.copyWithin(out, yOff, yOff + ld);
  for (let j = 0; j < p; j++) {
    const wj = w[j];
    if (wj !== 0) heap.axpy(-wj, xOff + j * ld, out, ld);
  }
  return out;
}

/**
 * AᵀA for `cols` contiguous columns of length `len` (a multiple of 4) starting at heap offset `a`,
 * with `cols` a multiple of 4 and the padding columns zero. Written row-major (stride `cols`) at
 * offset `out`. The upper triangle is computed in 2×4 blocks over a packed copy of A (row chunks
 * that fit in cache), on two threads for large products (src/linear/gram-blocks.ts), and mirrored.
 */
export function gramOf(heap: F64Heap, a: number, len: number, cols: number, out: number): void {
  const mark = heap.mark();
  const scratch = heap.alloc(blockOffset(cols, cols));
  const panel = heap.shared ? heap.alloc(len * cols, false) : a; // written in full by the packing
  gramBlocks(heap, a, len, cols, scratch, panel);
  const f = heap.f64;
  let block = scratch;
  for (let b = 0; b < cols; b += 2) {
    for (let c = b & ~3; c < cols; c += 4) {
      for (let r = 0; r < 2; r++) {
        for (let k = 0; k < 4; k++) {
          const row = b + r;
          const col = c + k;
          if (col < row) continue;
          const v = f[block + r * 4 + k];
          f[out + row * cols + col] = v;
          f[out + col * cols + row] = v;
        }
      }
      block += 8;
    }
  }
  heap.release(mark);
}

/** The Gram matrix XᵀX (row-major, stride pad4(p), in the heap at `Q`) and Xᵀy. */
export interface Gram {
  /** Heap offset of XᵀX. */
  readonly Q: number;
  /** Row stride of Q: pad4(p). */
  readonly stride: number;
  /** Xᵀy. */
  readonly q: Float64Array;
}

/** Computes the Gram matrix of a design into its heap (it stays allocated). */
export function gram(d: Design): Gram {
  const { heap, ld, xOff, yOff } = d;
  const pp = pad4(d.p);
  const Q = heap.alloc(pp * pp, false); // written in full
  gramOf(heap, xOff, ld, pp, Q);
  return { Q, stride: pp, q: xtv(d, yOff) };
}

/** The kernel matrix XXᵀ (ld × ld row-major, in the heap at the returned offset; allocated). */
export function kernelMatrix(d: Design): number {
  const { heap, ld, xOff } = d;
  const pp = pad4(d.p);
  const K = heap.alloc(ld * ld, false); // written in full
  const mark = heap.mark();
  // row-major copy of X (stride pp): its rows become contiguous columns of length pp
  const Xt = heap.alloc(ld * pp, false);
  heap.transpose(xOff, ld, pp, ld, Xt, pp);
  gramOf(heap, Xt, pp, ld, K);
  heap.release(mark);
  return K;
}

/**
 * λ_max(XᵀX) = λ_max(XXᵀ): the Lipschitz constant of ∇(½‖y − Xw‖²), by Lanczos on w ↦ Xᵀ(Xw)
 * (O(np) per step; the largest Ritz value converges from below in a few dozen steps).
 */
export function lipschitzOfLoss(d: Design): number {
  const { p, ld, heap, xOff } = d;
  const mark = heap.mark();
  const u = heap.alloc(ld);
  const f = heap.f64;
  const apply = (v: Float64Array, out: Float64Array): void => {
    f.fill(0, u, u + ld);
    for (let j = 0; j < p; j++) if (v[j] !== 0) heap.axpy(v[j], xOff + j * ld, u, ld);
    xtv(d, u, out);
  };
  let q = Float64Array.from({ length: p }, (_, j) => 1 + 0.5 * Math.sin(j + 1));
  scale(q, 1 / Math.sqrt(dotArrays(q, q)));
  let qPrev = new Float64Array(p);
  const alphas: number[] = [];
  const betas: number[] = [];
  let theta = 0;
  let beta = 0;
  const z = new Float64Array(p);
  for (let k = 0; k < Math.min(p, 300); k++) {
    apply(q, z);
    const alpha = dotArrays(q, z);
    for (let j = 0; j < p; j++) z[j] -= alpha * q[j] + beta * qPrev[j];
    alphas.push(alpha);
    const next = largestTridiagonalEigenvalue(alphas, betas);
    beta = Math.sqrt(dotArrays(z, z));
    const done = Math.abs(next - theta) <= 1e-13 * Math.abs(next) || beta <= 1e-12 * Math.abs(next);
    theta = next;
    if (done) break;
    betas.push(beta);
    qPrev = q;
    q = Float64Array.from(z, (v) => v / beta);
  }
  heap.release(mark);
  return Math.max(0, theta);
}

function dotArrays(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j] * b[j];
  return s;
}

function scale(a: Float64Array, c: number): void {
  for (let j = 0; j < a.length; j++) a[j] *= c;
}

/** Largest eigenvalue of the symmetric tridiagonal (diag a, off-diagonal b), by Sturm bisection. */
function largestTridiagonalEigenvalue(a: number[], b: number[]): number {
  const k = a.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < k; i++) {
    const r = (i > 0 ? Math.abs(b[i - 1]) : 0) + (i < k - 1 ? Math.abs(b[i]) : 0);
    lo = Math.min(lo, a[i] - r);
    hi = Math.max(hi, a[i] + r);
  }
  // count of eigenvalues < x (Sturm sequence of T − xI)
  const below = (x: number): number => {
    let count = 0;
    let q = 1;
    for (let i = 0; i < k; i++) {
      q = a[i] - x - (i > 0 ? (b[i - 1] * b[i - 1]) / q : 0);
      if (q === 0) q = -1e-300;
      if (q < 0) count++;
    }
    return count;
  };
  for (let it = 0; it < 200 && hi - lo > 1e-15 * Math.max(Math.abs(lo), Math.abs(hi)); it++) {
    const mid = (lo + hi) / 2;
    if (below(mid) === k) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}

/**
 * ‖y − Xw‖²: through the Gram matrix when given (‖y‖² − 2qᵀw + wᵀQw, O(p²)), else from the
 * residual (O(np)).
 */
export function residualNorm2(d: Design, w: Float64Array, g?: Gram): number {
  const { heap, p, ld } = d;
  const f = heap.f64;
  if (g) {
    let qw = 0;
    let wQw = 0;
    for (let j = 0; j < p; j++) {
      if (w[j] === 0) continue;
      qw += g.q[j] * w[j];
      let row = 0;
      for (let k = 0; k < p; k++) row += f[g.Q + j * g.stride + k] * w[k];
      wQw += w[j] * row;
    }
    return Math.max(0, d.yNorm2 - 2 * qw + wQw);
  }
  const mark = heap.mark();
  const R = residual(d, w, heap.alloc(ld));
  const r2 = heap.dot(R, R, ld);
  heap.release(mark);
  return r2;
}
