import { test } from 'node:test';
import assert from 'node:assert/strict';
import { f64Heap, pad4 } from '../../src/linear/f64-kernels';
import { BLOCKED_MIN, cholesky, choleskySolve, NB } from '../../src/linear/cholesky';

/** A = BᵀB/k + δI, symmetric positive definite, from a deterministic B (k × m). */
function spd(m: number, k = m + 3, delta = 0.1): number[][] {
  const B = Array.from({ length: k }, (_, i) => Array.from({ length: m }, (_, j) => Math.sin(0.9 * i + 0.31 * j + 0.02 * i * j)));
  return Array.from({ length: m }, (_, i) =>
    Array.from({ length: m }, (_, j) => B.reduce((s, r) => s + r[i] * r[j], 0) / k + (i === j ? delta : 0)));
}

/** Textbook Cholesky–Banachiewicz in plain arrays (the reference). */
function naiveCholesky(A: number[][]): number[][] {
  const m = A.length;
  const L = A.map(() => new Array<number>(m).fill(0));
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i][j];
      for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k];
      L[i][j] = i === j ? Math.sqrt(s) : s / L[j][j];
    }
  }
  return L;
}

function onHeap(A: number[][], stride: number): { heap: ReturnType<typeof f64Heap>; a: number } {
  const m = A.length;
  const heap = f64Heap(pad4(m) * stride + 64);
  const a = heap.alloc(pad4(m) * stride);
  A.forEach((row, i) => heap.f64.set(row, a + i * stride));
  return { heap, a };
}

test('factor L (lower triangle) equals the textbook loop, by rows and by blocks, on awkward orders', () => {
  // below the blocked threshold, at it, one past a block, and a partial last block not a multiple of 4
  for (const [m, extra] of [[1, 0], [7, 1], [BLOCKED_MIN - 1, 0], [BLOCKED_MIN, 0], [BLOCKED_MIN + 1, 4], [3 * NB + 37, 0]]) {
    const A = spd(m);
    const want = naiveCholesky(A);
    const stride = pad4(m) + extra;
    const { heap, a } = onHeap(A, stride);
    assert.equal(cholesky(heap, a, stride, m), true, `m=${m}`);
    const f = heap.f64;
    let worst = 0;
    for (let i = 0; i < m; i++) for (let j = 0; j <= i; j++) worst = Math.max(worst, Math.abs(f[a + i * stride + j] - want[i][j]) / (Math.abs(want[i][i]) + 1e-300));
    assert.ok(worst <= 1e-12, `m=${m}: max relative difference ${worst}`);
    heap.dispose();
  }
});

test('the solve gives A x = rhs to rounding (blocked factor)', () => {
  const m = 3 * NB + 5;
  const A = spd(m);
  const rhs = Array.from({ length: m }, (_, i) => Math.cos(i));
  const stride = pad4(m);
  const { heap, a } = onHeap(A, stride);
  assert.ok(cholesky(heap, a, stride, m));
  const x = heap.alloc(stride);
  choleskySolve(heap, a, stride, m, rhs, x);
  const f = heap.f64;
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let j = 0; j < m; j++) s += A[i][j] * f[x + j];
    assert.ok(Math.abs(s - rhs[i]) <= 1e-9, `row ${i}: ${s} vs ${rhs[i]}`);
  }
  heap.dispose();
});

test('singular or indefinite: false, by rows and by blocks (the pivot test fires inside a later block)', () => {
  for (const m of [40, 3 * NB + 2]) {
    const A = spd(m, Math.floor(m / 2), 0); // rank m/2 < m: a zero pivot past the first block
    const stride = pad4(m);
    const { heap, a } = onHeap(A, stride);
    assert.equal(cholesky(heap, a, stride, m), false, `m=${m} rank-deficient`);
    heap.dispose();
    const B = spd(m);
    B[m - 1][m - 1] = -1; // indefinite in the last pivot
    const h2 = onHeap(B, stride);
    assert.equal(cholesky(h2.heap, h2.a, stride, m), false, `m=${m} indefinite`);
    h2.heap.dispose();
  }
});
