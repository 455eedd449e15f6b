// MaxPoolGrad on wasm (the stock tfjs-backend-wasm 4.22 kernel is wrong when a window's maximum is ≤ 0):
// reglab's replacement equals the definition and tfjs-backend-cpu, ties included.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { registerWasmKernels } from '../../src/kernels';
import { registerMaxPoolGrad, restoreStockMaxPoolGrad } from '../../src/kernels/max-pool-grad';
import { useWasm } from './helpers';

before(async () => {
  await useWasm();
  registerWasmKernels();
});

type Pad = 'same' | 'valid';
interface Case { x: [number, number, number, number]; k: [number, number]; s: [number, number]; pad: Pad; relu?: boolean }

/** dx from the definition: each output's dy goes to the first maximum of its window (row-major). */
function reference(x: Float32Array, dy: Float32Array, c: Case): Float64Array {
  const [batch, h, w, ch] = c.x;
  const info = tf.backend_util.computePool2DInfo(c.x, c.k, c.s, 1, c.pad);
  const { outHeight: oh, outWidth: ow } = info;
  const { top: pt, left: pl } = info.padInfo;
  const dx = new Float64Array(x.length);
  for (let b = 0; b < batch; b++) for (let i = 0; i < oh; i++) for (let j = 0; j < ow; j++) for (let q = 0; q < ch; q++) {
    let best = -Infinity;
    let at = -1;
    for (let r = 0; r < c.k[0]; r++) for (let t = 0; t < c.k[1]; t++) {
      const u = i * c.s[0] + r - pt;
      const v = j * c.s[1] + t - pl;
      if (u < 0 || v < 0 || u >= h || v >= w) continue;
      const p = ((b * h + u) * w + v) * ch + q;
      if (x[p] > best) { best = x[p]; at = p; }
    }
    dx[at] += dy[((b * oh + i) * ow + j) * ch + q];
  }
  return dx;
}

/** dx of Σ maxPool(x)·m (m random, so dy is not uniform) on the active backend. */
function poolGrad(c: Case, seed: number): { dx: Float32Array; x: Float32Array; dy: Float32Array } {
  return tf.tidy(() => {
    const raw = tf.randomNormal(c.x, 0, 1, 'float32', seed);
    const x = (c.relu ? tf.relu(raw) : raw) as tf.Tensor4D; // relu: many tied zeros
    const m = tf.randomNormal(tf.maxPool(x, c.k, c.s, c.pad).shape, 0, 1, 'float32', seed + 1);
    const dx = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(a as tf.Tensor4D, c.k, c.s, c.pad), m)))(x);
    return { dx: dx.dataSync() as Float32Array, x: x.dataSync() as Float32Array, dy: m.dataSync() as Float32Array };
  });
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

const cases: Case[] = [
  { x: [2, 8, 8, 3], k: [2, 2], s: [2, 2], pad: 'valid' },
  { x: [3, 9, 9, 2], k: [2, 2], s: [2, 2], pad: 'valid' },
  { x: [2, 9, 7, 3], k: [3, 3], s: [2, 2], pad: 'same' },
  { x: [1, 8, 8, 4], k: [3, 3], s: [1, 1], pad: 'same' },
  { x: [2, 7, 7, 3], k: [2, 2], s: [2, 2], pad: 'same' },
  { x: [2, 10, 9, 2], k: [3, 2], s: [2, 3], pad: 'same' },
  { x: [4, 8, 8, 8], k: [2, 2], s: [2, 2], pad: 'valid', relu: true },
  { x: [2, 6, 6, 3], k: [3, 3], s: [1, 1], pad: 'valid', relu: true },
];

describe('MaxPoolGrad (wasm): dy goes to the first maximum of each window', () => {
  it('equals the definition and the cpu backend (overlapping, padded, tied windows)', () => {
    cases.forEach((c, k) => {
      tf.setBackend('wasm');
      const wasm = poolGrad(c, 10 + 2 * k);
      tf.setBackend('cpu');
      const cpu = poolGrad(c, 10 + 2 * k);
      tf.setBackend('wasm');
      const ref = reference(wasm.x, wasm.dy, c);
      // Each dx is a sum of at most ⌈k/s⌉² dy values: float32 rounding only.
      assert.ok(maxDiff(wasm.dx, ref) <= 1e-5, `${JSON.stringify(c)}: wasm vs definition ${maxDiff(wasm.dx, ref)}`);
      assert.ok(maxDiff(wasm.dx, cpu.dx) <= 1e-5, `${JSON.stringify(c)}: wasm vs cpu ${maxDiff(wasm.dx, cpu.dx)}`);
    });
  });

  it('the stock wasm kernel it replaces is wrong on windows with a negative maximum (why it exists)', () => {
    tf.setBackend('wasm');
    const c = cases[0];
    assert.ok(restoreStockMaxPoolGrad());
    try {
      const stock = poolGrad(c, 10);
      assert.ok(maxDiff(stock.dx, reference(stock.x, stock.dy, c)) > 0.1, 'stock MaxPoolGrad now agrees: the replacement may be dropped');
    } finally {
      assert.ok(registerMaxPoolGrad());
    }
  });

  it('leaves no tensor or wasm buffer behind', () => {
    tf.setBackend('wasm');
    const x = tf.randomNormal([2, 8, 8, 3], 0, 1, 'float32', 99) as tf.Tensor4D;
    const grad = () => tf.tidy(() => tf.grad((a: tf.Tensor) => tf.sum(tf.square(tf.maxPool(a as tf.Tensor4D, 2, 2, 'valid'))))(x));
    grad().dispose();
    const before = tf.memory();
    grad().dispose();
    assert.equal(tf.memory().numTensors, before.numTensors);
    assert.equal(tf.memory().numDataBuffers, before.numDataBuffers);
    x.dispose();
  });
});
