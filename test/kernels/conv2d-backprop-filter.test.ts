// Conv2DBackpropFilter on wasm (missing in tfjs-backend-wasm 4.22; added by reglab): the filter
// gradient of tf.conv2d equals tfjs-backend-cpu's and a plain-loop reference, and CNNs train.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import * as rl from '../../src';
import { registerWasmKernels } from '../../src/kernels';
import { setMaxPatchElements } from '../../src/kernels/conv2d-backprop-filter';
import { useWasm } from './helpers';

before(async () => {
  await useWasm();
  registerWasmKernels();
});

/** Deterministic integers in [lo, hi] (a small LCG: shapes must not depend on Math.random). */
function integers(seed: number): (lo: number, hi: number) => number {
  let state = seed;
  return (lo, hi) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return lo + (state % (hi - lo + 1));
  };
}

/**
 * dW[r, s, ci, co] = Σ_{b,i,j} x[b, i·sh + r − pt, j·sw + s − pl, ci] · dy[b, i, j, co], straight
 * from the definition (NHWC, terms in the padding are zero).
 */
function referenceFilterGradient(
  x: Float32Array, xShape: number[], dy: Float32Array, dyShape: number[],
  filter: [number, number], strides: [number, number], padTop: number, padLeft: number,
): Float64Array {
  const [batch, h, w, inC] = xShape;
  const [, oh, ow, outC] = dyShape;
  const [fh, fw] = filter;
  const dW = new Float64Array(fh * fw * inC * outC);
  for (let r = 0; r < fh; r++) for (let s = 0; s < fw; s++) for (let b = 0; b < batch; b++) {
    for (let i = 0; i < oh; i++) for (let j = 0; j < ow; j++) {
      const u = i * strides[0] + r - padTop;
      const v = j * strides[1] + s - padLeft;
      if (u < 0 || v < 0 || u >= h || v >= w) continue;
      for (let ci = 0; ci < inC; ci++) {
        const xv = x[((b * h + u) * w + v) * inC + ci];
        for (let co = 0; co < outC; co++) dW[((r * fw + s) * inC + ci) * outC + co] += xv * dy[((b * oh + i) * ow + j) * outC + co];
      }
    }
  }
  return dW;
}

/** max |a − b| ≤ 1e-4 · max(1, max |b|): float32 agreement for these sums. */
function assertRelClose(actual: ArrayLike<number>, expected: ArrayLike<number>, label: string): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  let scale = 1;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  assert.ok(worst <= 1e-4 * scale, `${label}: max |diff| = ${worst} > 1e-4 × ${scale}`);
}

type Pad = 'same' | 'valid' | number | [[number, number], [number, number], [number, number], [number, number]];

interface Case { x: number[]; filter: number[]; strides: [number, number]; pad: Pad }

/** tf.grad of Σ conv2d(x, w)·m w.r.t. w (m fixed random, so dy is not all ones) on `backendName`. */
function filterGradOn(backendName: string, c: Case, seed: number): { grad: Float32Array; x: Float32Array; dy: Float32Array; dyShape: number[] } {
  tf.setBackend(backendName);
  return tf.tidy(() => {
    const x = tf.randomNormal(c.x, 0, 1, 'float32', seed) as tf.Tensor as tf.Tensor4D;
    const w = tf.randomNormal(c.filter, 0, 1, 'float32', seed + 1) as tf.Tensor as tf.Tensor4D;
    const y = tf.conv2d(x, w, c.strides, c.pad);
    const m = tf.randomNormal(y.shape, 0, 1, 'float32', seed + 2);
    const grad = tf.grad((f: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(x, f as tf.Tensor4D, c.strides, c.pad), m)))(w);
    return { grad: grad.dataSync() as Float32Array, x: x.dataSync() as Float32Array, dy: m.dataSync() as Float32Array, dyShape: m.shape };
  });
}

function padTopLeft(c: Case, dyShape: number[]): [number, number] {
  if (c.pad === 'valid') return [0, 0];
  if (typeof c.pad === 'number') return [c.pad, c.pad];
  if (Array.isArray(c.pad)) return [c.pad[1][0], c.pad[2][0]];
  const total = (n: number, out: number, k: number, s: number) => Math.max((out - 1) * s + k - n, 0);
  return [Math.floor(total(c.x[1], dyShape[1], c.filter[0], c.strides[0]) / 2), Math.floor(total(c.x[2], dyShape[2], c.filter[1], c.strides[1]) / 2)];
}

function checkCase(c: Case, seed: number): void {
  const label = JSON.stringify(c);
  const wasm = filterGradOn('wasm', c, seed);
  const cpu = filterGradOn('cpu', c, seed);
  tf.setBackend('wasm');
  assertRelClose(wasm.grad, cpu.grad, `${label} wasm vs cpu`);
  const [pt, pl] = padTopLeft(c, cpu.dyShape);
  const ref = referenceFilterGradient(cpu.x, c.x, cpu.dy, cpu.dyShape, [c.filter[0], c.filter[1]], c.strides, pt, pl);
  assertRelClose(wasm.grad, ref, `${label} wasm vs definition`);
}

describe('Conv2DBackpropFilter (wasm): filter gradient of conv2d = cpu backend = definition', () => {
  it('is registered by registerWasmKernels()', () => {
    assert.ok(registerWasmKernels().includes('Conv2DBackpropFilter'));
    assert.ok(tf.getKernel('Conv2DBackpropFilter', 'wasm') !== undefined);
  });

  it('random shapes: batch 1–4, kernel 1–5, stride 1–2, padding same/valid, channels 1–8', () => {
    const next = integers(7);
    for (let k = 0; k < 40; k++) {
      const fh = next(1, 5);
      const fw = next(1, 5);
      const c: Case = {
        x: [next(1, 4), next(fh, 12), next(fw, 12), next(1, 8)],
        filter: [fh, fw, 0, next(1, 8)],
        strides: [next(1, 2), next(1, 2)],
        pad: k % 2 === 0 ? 'same' : 'valid',
      };
      c.filter[2] = c.x[3];
      checkCase(c, 11 + 3 * k);
    }
  });

  it('numeric and explicit (asymmetric) padding, non-square strides', () => {
    checkCase({ x: [2, 7, 9, 3], filter: [3, 3, 3, 4], strides: [2, 2], pad: 1 }, 201);
    checkCase({ x: [1, 6, 5, 2], filter: [2, 3, 2, 5], strides: [1, 1], pad: [[0, 0], [1, 2], [0, 1], [0, 0]] }, 202);
    checkCase({ x: [2, 8, 9, 2], filter: [3, 2, 2, 3], strides: [2, 1], pad: [[0, 0], [2, 0], [1, 1], [0, 0]] }, 203);
    checkCase({ x: [3, 11, 10, 4], filter: [5, 4, 4, 2], strides: [1, 2], pad: 'same' }, 204);
  });

  it('large batches in chunks of images give the same sum (chunk of 1 and of 3 images)', () => {
    for (const limit of [1, 3 * 4 * 4 * 9 * 3]) {
      const previous = setMaxPatchElements(limit);
      try {
        checkCase({ x: [4, 7, 8, 3], filter: [3, 3, 3, 5], strides: [2, 2], pad: 'same' }, 251);
        checkCase({ x: [5, 6, 6, 2], filter: [2, 2, 2, 3], strides: [1, 1], pad: 'valid' }, 252);
      } finally {
        setMaxPatchElements(previous);
      }
    }
  });

  it('NCHW gives the NHWC gradient (transposed inputs, same filter layout)', () => {
    const attrs = { strides: [2, 2], pad: 'same', filterShape: [3, 3, 3, 4] };
    const [nhwc, nchw] = tf.tidy(() => {
      const x = tf.randomNormal([2, 7, 6, 3], 0, 1, 'float32', 301);
      const dy = tf.randomNormal([2, 4, 3, 4], 0, 1, 'float32', 302);
      const a = tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { ...attrs, dataFormat: 'NHWC' }) as tf.Tensor;
      const b = tf.engine().runKernel('Conv2DBackpropFilter', { x: x.transpose([0, 3, 1, 2]), dy: dy.transpose([0, 3, 1, 2]) }, { ...attrs, dataFormat: 'NCHW' }) as tf.Tensor;
      return [a.dataSync(), b.dataSync()];
    });
    assertRelClose(nchw, nhwc, 'NCHW vs NHWC');
  });

  it('errors name the argument: dilations ≠ 1, int32 input', () => {
    const x = tf.ones([1, 4, 4, 1]);
    const dy = tf.ones([1, 4, 4, 1]);
    const attrs = { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 1, 1] };
    assert.throws(() => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { ...attrs, dilations: 2 }), /`dilations` must be 1; received 2/);
    const xi = tf.ones([1, 4, 4, 1], 'int32');
    assert.throws(() => tf.engine().runKernel('Conv2DBackpropFilter', { x: xi, dy }, attrs), /`x` must be float32; received int32/);
    tf.dispose([x, dy, xi]);
  });

  it('leaves no tensor or wasm buffer behind (strided path makes a temporary)', () => {
    const x = tf.randomNormal([2, 9, 9, 3], 0, 1, 'float32', 401);
    const w = tf.randomNormal([3, 3, 3, 4], 0, 1, 'float32', 402);
    const grad = () => tf.tidy(() => tf.grad((f: tf.Tensor) => tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, 2, 'same').sum())(w));
    grad().dispose();
    const before = tf.memory();
    for (let i = 0; i < 3; i++) grad().dispose();
    const after = tf.memory();
    assert.equal(after.numTensors, before.numTensors);
    assert.equal(after.numDataBuffers, before.numDataBuffers);
    tf.dispose([x, w]);
  });
});

/** rl.data digits as [n, 8, 8, 1] images in [0, 1] and one-hot labels. */
async function digits(n: number): Promise<{ xs: tf.Tensor4D; ys: tf.Tensor2D }> {
  const data = await rl.data.load('digits');
  const X = data.X.slice(0, n);
  const y = data.y.slice(0, n);
  return tf.tidy(() => ({
    xs: tf.div(tf.tensor(X), 16).reshape([X.length, 8, 8, 1]) as tf.Tensor4D,
    ys: tf.oneHot(tf.tensor1d(y, 'int32'), 10).toFloat() as tf.Tensor2D,
  }));
}

async function trainOnWasm(model: tf.LayersModel, epochs: number, n: number): Promise<{ losses: number[]; counts: number[] }> {
  tf.setBackend('wasm');
  const { xs, ys } = await digits(n);
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
  const losses: number[] = [];
  const counts: number[] = [];
  await model.fit(xs, ys, {
    epochs, batchSize: 32, shuffle: false, verbose: 0,
    callbacks: { onEpochEnd: async (_epoch, logs) => { losses.push(logs?.loss as number); counts.push(tf.memory().numTensors); } },
  });
  tf.dispose([xs, ys]);
  return { losses, counts };
}

/** Gradients of a CNN's loss w.r.t. its 7 weights, in order, on `backendName` (same seeds → same weights, data). */
function cnnGradients(backendName: string): Float32Array[] {
  tf.setBackend(backendName);
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 6, kernelSize: 3, padding: 'same', useBias: false, kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
      tf.layers.batchNormalization({ gammaInitializer: tf.initializers.randomUniform({ minval: 0.5, maxval: 1.5, seed: 8 }) }),
      // Pooling before an activation whose gradient is not 0 below 0: windows with a negative
      // maximum matter (stock wasm MaxPoolGrad gets them wrong: 27% error on conv 1's gradient).
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.activation({ activation: 'elu' }),
      tf.layers.conv2d({ filters: 8, kernelSize: 3, strides: 2, padding: 'same', activation: 'elu', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }), biasInitializer: tf.initializers.randomNormal({ seed: 7 }) }),
      tf.layers.averagePooling2d({ poolSize: 2, padding: 'same' }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 10, kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }),
    ],
  });
  const out = tf.tidy(() => {
    const x = tf.randomUniform([16, 8, 8, 1], 0, 1, 'float32', 4);
    const y = tf.oneHot(tf.randomUniform([16], 0, 10, 'int32', 5) as tf.Tensor1D, 10);
    const weights = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const loss = () => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar;
    const { grads } = tf.variableGrads(loss, weights);
    return weights.map((w) => grads[w.name].dataSync() as Float32Array);
  });
  model.dispose();
  return out;
}

describe('CNNs train on wasm (digits 8×8×1)', () => {
  it('every weight gradient of a CNN (conv same/strided, batch norm, max/avg pool, dense) equals cpu', () => {
    const wasm = cnnGradients('wasm');
    const cpu = cnnGradients('cpu');
    tf.setBackend('wasm');
    assert.equal(wasm.length, 7);
    wasm.forEach((g, i) => assertRelClose(g, cpu[i], `weight ${i}`));
  });

  it('conv2d 8@3×3 relu → maxPool → flatten → dense softmax: loss falls, no tensor leaks per epoch', async () => {
    tf.setBackend('wasm');
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 8, kernelSize: 3, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
      ],
    });
    const { losses, counts } = await trainOnWasm(model, 5, 512);
    assert.ok(losses.every(Number.isFinite), `losses ${losses}`);
    assert.ok(losses[4] < 0.5 * losses[0], `loss should fall by half: ${losses.join(', ')}`);
    assert.deepEqual(counts.slice(1), counts.slice(1).map(() => counts[0]), `numTensors per epoch ${counts}`);
    model.dispose();
  });

  it('strided same-padded conv, batch norm, spatial dropout, average pooling, two conv layers', async () => {
    tf.setBackend('wasm');
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 8, kernelSize: 3, padding: 'same', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }),
        tf.layers.batchNormalization(),
        tf.layers.activation({ activation: 'relu' }),
        tf.layers.conv2d({ filters: 16, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }),
        tf.layers.dropout({ rate: 0.2, noiseShape: [null, 1, 1, 16] as unknown as number[], seed: 5 }), // spatial dropout: whole feature maps
        tf.layers.averagePooling2d({ poolSize: 2 }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 6 }) }),
      ],
    });
    const { losses, counts } = await trainOnWasm(model, 5, 512);
    assert.ok(losses.every(Number.isFinite), `losses ${losses}`);
    assert.ok(losses[4] < 0.5 * losses[0], `loss should fall by half: ${losses.join(', ')}`);
    assert.deepEqual(counts.slice(1), counts.slice(1).map(() => counts[0]), `numTensors per epoch ${counts}`);
    model.dispose();
  });
});
