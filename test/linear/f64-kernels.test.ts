import { test } from 'node:test';
import assert from 'node:assert/strict';
import { f64Heap } from '../../src/linear/f64-kernels';

// Each SIMD kernel against a plain float64 loop written here, on awkward sizes (a SIMD heap even
// when the suite runs with REGLAB_LINEAR_SIMD=0).
const simdSetting = process.env.REGLAB_LINEAR_SIMD;
delete process.env.REGLAB_LINEAR_SIMD;
const heap = f64Heap(1 << 16);
if (simdSetting !== undefined) process.env.REGLAB_LINEAR_SIMD = simdSetting;
const shared = heap.shared;
const fill = (at: number, count: number, seed: number): void => {
  for (let k = 0; k < count; k++) heap.f64[at + k] = Math.sin(seed + 0.7 * k) * (1 + (k % 5));
};

test('the module compiles where WebAssembly SIMD exists (Node ≥ 16)', () => {
  assert.ok(shared, 'no SIMD heap');
});

test('pack: 4-column groups interleaved in 2-row steps', () => {
  const mark = heap.mark();
  const [len, cols] = [12, 8];
  const a = heap.alloc(len * cols);
  const out = heap.alloc(len * cols);
  fill(a, len * cols, 1);
  shared!.pack(a * 8, len * 8, out * 8, len * 8, cols / 4);
  const f = heap.f64;
  for (let c = 0; c < cols; c++) {
    for (let i = 0; i < len; i++) {
      assert.equal(f[out + (c >> 2) * len * 4 + (i >> 1) * 8 + (c & 3) * 2 + (i & 1)], f[a + c * len + i], `(${i}, ${c})`);
    }
  }
  heap.release(mark);
});

test('panel: count 2×4 blocks equal the naive dot products, accumulated onto out', () => {
  const mark = heap.mark();
  const [rows, cols] = [20, 12];
  const a = heap.alloc(rows * cols);
  const packed = heap.alloc(rows * cols);
  const out = heap.alloc(8 * 3);
  fill(a, rows * cols, 2);
  fill(out, 24, 9); // accumulated onto, not overwritten
  const before = heap.f64.slice(out, out + 24);
  shared!.pack(a * 8, rows * 8, packed * 8, rows * 8, cols / 4);
  // row pair (2, 3): lanes 2–3 of group 0; blocks of columns 0–3, 4–7, 8–11
  shared!.panel(packed * 8, (packed + 4) * 8, rows * 32, out * 8, 3);
  const f = heap.f64;
  for (let k = 0; k < 3; k++) {
    for (let r = 0; r < 2; r++) {
      for (let c = 0; c < 4; c++) {
        let s = 0;
        for (let i = 0; i < rows; i++) s += f[a + (2 + r) * rows + i] * f[a + (4 * k + c) * rows + i];
        const got = f[out + k * 8 + r * 4 + c] - before[k * 8 + r * 4 + c];
        assert.ok(Math.abs(got - s) <= 1e-13 * (1 + Math.abs(s)), `block ${k} (${r}, ${c}): ${got} vs ${s}`);
      }
    }
  }
  heap.release(mark);
});

test('transpose: row-major (row stride > cols) to column-major, 4×2 blocks and edges', () => {
  for (const [rows, cols, stride, ld] of [[4, 2, 2, 4], [8, 10, 12, 8], [12, 2, 4, 16]]) {
    const mark = heap.mark();
    const src = heap.alloc(rows * stride);
    const dst = heap.alloc(cols * ld);
    fill(src, rows * stride, rows + cols);
    heap.transpose(src, stride, rows, cols, dst, ld);
    const f = heap.f64;
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) assert.equal(f[dst + j * ld + i], f[src + i * stride + j], `${rows}×${cols} (${i}, ${j})`);
    heap.release(mark);
  }
});

test('dot and axpy: any length (64-byte steps, a 32-byte step, the JavaScript tail)', () => {
  // 4–7: one 32-byte step; 12: a 64-byte step then a 32-byte one; 33: 64-byte steps and a tail
  for (const n of [1, 3, 4, 7, 8, 12, 33, 200]) {
    const mark = heap.mark();
    const x = heap.alloc(n);
    const y = heap.alloc(n);
    fill(x, n, 3);
    fill(y, n, 4);
    let s = 0;
    for (let i = 0; i < n; i++) s += heap.f64[x + i] * heap.f64[y + i];
    assert.ok(Math.abs(heap.dot(x, y, n) - s) <= 1e-14 * (1 + Math.abs(s)), `dot n=${n}`);
    const want = Array.from({ length: n }, (_, i) => heap.f64[y + i] - 0.5 * heap.f64[x + i]);
    heap.axpy(-0.5, x, y, n);
    want.forEach((v, i) => assert.equal(heap.f64[y + i], v, `axpy n=${n} [${i}]`));
    heap.release(mark);
  }
});
