// Shared helpers for the wasm kernel tests: run the same computation with reglab's kernels and
// with the stock tfjs-backend-wasm kernels, and compare to float32 tolerance.
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmKernels, restoreWasmKernels } from '../../src/kernels';

export async function useWasm(): Promise<void> {
  await tf.setBackend('wasm');
  await tf.ready();
  assert.equal(tf.getBackend(), 'wasm');
}

/** Runs `f` with the stock kernels, then with reglab's; returns both results as flat arrays. */
export function stockAndPatched(f: () => tf.Tensor): { stock: Float32Array; patched: Float32Array; shapes: [number[], number[]] } {
  restoreWasmKernels();
  const s = tf.tidy(f);
  registerWasmKernels();
  const p = tf.tidy(f);
  const out = { stock: s.dataSync() as Float32Array, patched: p.dataSync() as Float32Array, shapes: [s.shape, p.shape] as [number[], number[]] };
  tf.dispose([s, p]);
  return out;
}

/**
 * Float32 agreement for sums of `k` products: the two kernels add in different orders, so
 * each may be off by ~√k·2⁻²⁴ relative to the largest magnitude (random-walk rounding); a
 * wrong index or a missing term is off by O(1) instead.
 */
export function assertClose(stock: ArrayLike<number>, patched: ArrayLike<number>, k: number, label: string): void {
  assert.equal(patched.length, stock.length, `${label}: length`);
  let scale = 1;
  for (let i = 0; i < stock.length; i++) scale = Math.max(scale, Math.abs(stock[i]));
  const tol = 8 * Math.sqrt(k) * 2 ** -24 * scale * 4;
  let worst = 0;
  for (let i = 0; i < stock.length; i++) worst = Math.max(worst, Math.abs(stock[i] - patched[i]));
  assert.ok(worst <= tol, `${label}: max |stock − patched| = ${worst} > ${tol}`);
}

/** Deterministic pseudo-random tensor (independent of Math.random); `seed` must be ≠ 0 (tfjs treats 0 as "unseeded"). */
export function seeded(shape: number[], seed: number): tf.Tensor {
  return tf.randomNormal(shape, 0, 1, 'float32', seed);
}
