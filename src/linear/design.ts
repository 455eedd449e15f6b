// Validated, centred, column-major copy of (X, y) shared by every solver.
import { describe } from '../penalties/validate';

/** Training data as the solvers see it: centred when an intercept is fitted, column-major. */
export interface Design {
  /** Number of samples n. */
  readonly n: number;
  /** Number of features p. */
  readonly p: number;
  /** X (centred if fitIntercept), column-major: X[j·n + i]. */
  readonly X: Float64Array;
  /** y (centred if fitIntercept). */
  readonly y: Float64Array;
  /** Column means of the original X (zeros without intercept). */
  readonly xMean: Float64Array;
  /** Mean of the original y (0 without intercept). */
  readonly yMean: number;
  /** ‖X_j‖² per column. */
  readonly colNorm2: Float64Array;
  /** ‖y‖². */
  readonly yNorm2: number;
}

/** Checks X (n×p, rectangular, finite, non-empty) and y (length n, finite) and builds a {@link Design}. */
export function makeDesign(where: string, X: unknown, y: unknown, fitIntercept: boolean): Design {
  if (!Array.isArray(X)) throw new TypeError(`${where}: \`X\` must be an array of rows (number[][]); received ${describe(X)}`);
  const n = X.length;
  if (n === 0) throw new RangeError(`${where}: \`X\` is empty (0 rows); at least one sample is needed`);
  const first: unknown = X[0];
  if (!(Array.isArray(first) || ArrayBuffer.isView(first))) {
    throw new TypeError(`${where}: \`X\` must be an array of rows (number[][]); row 0 is ${describe(first)}`);
  }
  const p = (first as ArrayLike<number>).length;
  if (p === 0) throw new RangeError(`${where}: \`X\` has 0 columns; at least one feature is needed`);
  if (!(Array.isArray(y) || ArrayBuffer.isView(y))) throw new TypeError(`${where}: \`y\` must be an array of numbers; received ${describe(y)}`);
  const yv = y as ArrayLike<unknown>;
  if (yv.length !== n) {
    throw new RangeError(`${where}: \`X\` has ${n} rows but \`y\` has ${yv.length} values; they must match`);
  }
  const Xc = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const row: unknown = X[i];
    if (!(Array.isArray(row) || ArrayBuffer.isView(row))) throw new TypeError(`${where}: \`X\` row ${i} must be an array of numbers; received ${describe(row)}`);
    const r = row as ArrayLike<unknown>;
    if (r.length !== p) throw new RangeError(`${where}: \`X\` is ragged: row ${i} has ${r.length} values, row 0 has ${p}`);
    for (let j = 0; j < p; j++) {
      const v = r[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new RangeError(`${where}: \`X\` must contain finite numbers only; received ${describe(v)} at X[${i}][${j}]`);
      }
      Xc[j * n + i] = v;
    }
  }
  const yc = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = yv[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new RangeError(`${where}: \`y\` must contain finite numbers only; received ${describe(v)} at y[${i}]`);
    }
    yc[i] = v;
  }
  const xMean = new Float64Array(p);
  let yMean = 0;
  if (fitIntercept) {
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += Xc[j * n + i];
      const m = s / n;
      xMean[j] = m;
      for (let i = 0; i < n; i++) Xc[j * n + i] -= m;
    }
    let s = 0;
    for (let i = 0; i < n; i++) s += yc[i];
    yMean = s / n;
    for (let i = 0; i < n; i++) yc[i] -= yMean;
  }
  const colNorm2 = new Float64Array(p);
  for (let j = 0; j < p; j++) colNorm2[j] = dotColumn(Xc, n, j, Xc, j);
  let yNorm2 = 0;
  for (let i = 0; i < n; i++) yNorm2 += yc[i] * yc[i];
  return { n, p, X: Xc, y: yc, xMean, yMean, colNorm2, yNorm2 };
}

/** Σ_i A[a·n + i]·B[b·n + i] — dot product of column a of A with column b of B. */
export function dotColumn(A: Float64Array, n: number, a: number, B: Float64Array, b: number): number {
  let s = 0;
  const oa = a * n;
  const ob = b * n;
  for (let i = 0; i < n; i++) s += A[oa + i] * B[ob + i];
  return s;
}

/** Xᵀv (length p). */
export function xtv(d: Design, v: Float64Array, out = new Float64Array(d.p)): Float64Array {
  const { n, p, X } = d;
  for (let j = 0; j < p; j++) {
    let s = 0;
    const o = j * n;
    for (let i = 0; i < n; i++) s += X[o + i] * v[i];
    out[j] = s;
  }
  return out;
}

/** Residual y − Xw (length n). */
export function residual(d: Design, w: Float64Array, out = new Float64Array(d.n)): Float64Array {
  const { n, p, X, y } = d;
  out.set(y);
  for (let j = 0; j < p; j++) {
    const wj = w[j];
    if (wj === 0) continue;
    const o = j * n;
    for (let i = 0; i < n; i++) out[i] -= wj * X[o + i];
  }
  return out;
}

/** The Gram matrix XᵀX (p×p, row-major) and Xᵀy. */
export function gram(d: Design): { Q: Float64Array; q: Float64Array } {
  const { n, p, X, y } = d;
  const Q = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      const v = dotColumn(X, n, a, X, b);
      Q[a * p + b] = v;
      Q[b * p + a] = v;
    }
  }
  return { Q, q: xtv(d, y) };
}
