// Conv2DBackpropInput on wasm through the forward Conv2D: equals the stock wasm kernel, the cpu
// backend and the definition of the input gradient on random shapes, strides and paddings.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { registerWasmKernels } from '../../src/kernels';
import { conv2DBackpropInput, registerConv2DBackpropInput, restoreStockConv2DBackpropInput } from '../../src/kernels/conv2d-backprop-input';
import { useWasm } from './helpers';

before(async () => {
  await useWasm();
  registerWasmKernels();
});

type Pad = 'same' | 'valid' | number | [[number, number], [number, number], [number, number], [number, number]];
interface Case { x: [number, number, number, number]; filter: [number, number, number, number]; strides: [number, number]; pad: Pad }

/** dx[b,u,v,ci] = Σ_{i,j,r,s: i·sh+r−pt = u, j·sw+s−pl = v} dy[b,i,j,co]·W[r,s,ci,co], from the definition. */
function reference(dy: Float32Array, dyShape: number[], w: Float32Array, c: Case, pt: number, pl: number): Float64Array {
  const [batch, h, wd, inC] = c.x;
  const [fh, fw, , outC] = c.filter;
  const [, oh, ow] = dyShape;
  const dx = new Float64Array(batch * h * wd * inC);
  for (let b = 0; b < batch; b++) for (let i = 0; i < oh; i++) for (let j = 0; j < ow; j++) for (let r = 0; r < fh; r++) for (let s = 0; s < fw; s++) {
    const u = i * c.strides[0] + r - pt;
    const v = j * c.strides[1] + s - pl;
    if (u < 0 || v < 0 || u >= h || v >= wd) continue;
    for (let ci = 0; ci < inC; ci++) for (let co = 0; co < outC; co++) {
      dx[((b * h + u) * wd + v) * inC + ci] += dy[((b * oh + i) * ow + j) * outC + co] * w[((r * fw + s) * inC + ci) * outC + co];
    }
  }
  return dx;
}

function inputGrad(c: Case, seed: number): { dx: Float32Array; dy: Float32Array; dyShape: number[]; w: Float32Array } {
  return tf.tidy(() => {
    const x = tf.randomNormal(c.x, 0, 1, 'float32', seed) as tf.Tensor as tf.Tensor4D;
    const w = tf.randomNormal(c.filter, 0, 1, 'float32', seed + 1) as tf.Tensor as tf.Tensor4D;
    const m = tf.randomNormal(tf.conv2d(x, w, c.strides, c.pad).shape, 0, 1, 'float32', seed + 2);
    const dx = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, w, c.strides, c.pad), m)))(x);
    return { dx: dx.dataSync() as Float32Array, dy: m.dataSync() as Float32Array, dyShape: m.shape, w: w.dataSync() as Float32Array };
  });
}

function assertRelClose(actual: ArrayLike<number>, expected: ArrayLike<number>, label: string): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  let scale = 1;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  assert.ok(worst <= 1e-4 * scale, `${label}: max |diff| = ${worst} > 1e-4 × ${scale}`);
}

function padTopLeft(c: Case): [number, number] {
  const info = tf.backend_util.computeConv2DInfo(c.x, c.filter, c.strides, 1, c.pad);
  return [info.padInfo.top, info.padInfo.left];
}

function integers(seed: number): (lo: number, hi: number) => number {
  let state = seed;
  return (lo, hi) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return lo + (state % (hi - lo + 1));
  };
}

function check(c: Case, seed: number): void {
  const label = JSON.stringify(c);
  tf.setBackend('wasm');
  assert.ok(registerConv2DBackpropInput());
  const ours = inputGrad(c, seed);
  restoreStockConv2DBackpropInput();
  const stock = inputGrad(c, seed);
  registerConv2DBackpropInput();
  tf.setBackend('cpu');
  const cpu = inputGrad(c, seed);
  tf.setBackend('wasm');
  const [pt, pl] = padTopLeft(c);
  assertRelClose(ours.dx, reference(ours.dy, ours.dyShape, ours.w, c, pt, pl), `${label} vs definition`);
  assertRelClose(ours.dx, stock.dx, `${label} vs stock wasm`);
  assertRelClose(ours.dx, cpu.dx, `${label} vs cpu`);
}

describe('Conv2DBackpropInput (wasm): input gradient through XNNPACK Conv2D', () => {
  it('is registered by registerWasmKernels() in place of the stock kernel', () => {
    assert.ok(registerWasmKernels().includes('Conv2DBackpropInput'));
    assert.equal(tf.getKernel('Conv2DBackpropInput', 'wasm')?.kernelFunc, conv2DBackpropInput);
  });

  it('random shapes: batch 1–4, kernel 1–5, stride 1–2, padding same/valid, channels 1–8', () => {
    const next = integers(17);
    for (let k = 0; k < 30; k++) {
      const fh = next(1, 5);
      const fw = next(1, 5);
      const inC = next(1, 8);
      check({
        x: [next(1, 4), next(fh, 12), next(fw, 12), inC],
        filter: [fh, fw, inC, next(1, 8)],
        strides: [next(1, 2), next(1, 2)],
        pad: k % 2 === 0 ? 'same' : 'valid',
      }, 31 + 3 * k);
    }
  });

  it('numeric and explicit padding, stride 3', () => {
    check({ x: [2, 7, 9, 3], filter: [3, 3, 3, 4], strides: [2, 2], pad: 1 }, 501);
    check({ x: [1, 6, 5, 2], filter: [2, 3, 2, 5], strides: [1, 1], pad: [[0, 0], [1, 2], [0, 1], [0, 0]] }, 502);
    check({ x: [2, 10, 11, 2], filter: [3, 3, 2, 3], strides: [3, 3], pad: 'same' }, 503);
    check({ x: [2, 10, 11, 2], filter: [2, 2, 2, 3], strides: [3, 2], pad: 'valid' }, 504);
  });

  it('leaves no tensor or wasm buffer behind', () => {
    tf.setBackend('wasm');
    const x = tf.randomNormal([2, 9, 9, 3], 0, 1, 'float32', 601) as tf.Tensor4D;
    const w = tf.randomNormal([3, 3, 3, 4], 0, 1, 'float32', 602) as tf.Tensor4D;
    const grad = () => tf.tidy(() => tf.grad((a: tf.Tensor) => tf.sum(tf.conv2d(a as tf.Tensor4D, w, 2, 'same')))(x));
    grad().dispose();
    const before = tf.memory();
    for (let i = 0; i < 3; i++) grad().dispose();
    assert.equal(tf.memory().numTensors, before.numTensors);
    assert.equal(tf.memory().numDataBuffers, before.numDataBuffers);
    tf.dispose([x, w]);
  });
});
