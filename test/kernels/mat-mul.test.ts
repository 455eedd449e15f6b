import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { activeWasmKernels, registerWasmKernels, restoreWasmKernels } from '../../src/kernels';
import { assertClose, seeded, stockAndPatched, useWasm } from './helpers';

before(useWasm);

type Case = { a: number[]; b: number[]; ta: boolean; tb: boolean };

/** [m, k, n] triples around the fast-path threshold and the MLP's shapes. */
const dims: [number, number, number][] = [
  [2, 3, 4], // tiny: stays on the stock kernel
  [16, 16, 16], // exactly at the threshold
  [17, 33, 9], // odd sizes
  [128, 784, 256], // dense-layer forward / backward
  [128, 256, 10],
  [5, 300, 1], // matrix · vector
];

function shapeOf(rows: number, cols: number, transposed: boolean, outer: number[]): number[] {
  return [...outer, ...(transposed ? [cols, rows] : [rows, cols])];
}

function cases(outerA: number[], outerB: number[]): Case[] {
  const out: Case[] = [];
  for (const [m, k, n] of dims) {
    for (const ta of [false, true]) {
      for (const tb of [false, true]) {
        out.push({ a: shapeOf(m, k, ta, outerA), b: shapeOf(k, n, tb, outerB), ta, tb });
      }
    }
  }
  return out;
}

function check(c: Case, seed: number): void {
  const k = c.ta ? c.a[c.a.length - 2] : c.a[c.a.length - 1];
  const { stock, patched, shapes } = stockAndPatched(() => tf.matMul(seeded(c.a, seed), seeded(c.b, seed + 1), c.ta, c.tb));
  assert.deepEqual(shapes[1], shapes[0], 'output shape');
  assertClose(stock, patched, k, `a=${c.a} b=${c.b} ta=${c.ta} tb=${c.tb}`);
}

describe('BatchMatMul (wasm): reglab kernel = stock kernel to float32 rounding', () => {
  it('registers and restores', () => {
    // Replacements of stock kernels (restorable); kernels missing upstream are added, and removed again.
    const names = ['BatchMatMul', 'Cast', 'GatherV2', 'Identity', '_FusedMatMul'];
    const first = registerWasmKernels();
    for (const name of names) assert.ok(first.includes(name), `${name} in ${first}`);
    assert.deepEqual(registerWasmKernels(), first, 'idempotent');
    assert.deepEqual(restoreWasmKernels().sort(), [...first].sort());
    assert.deepEqual(activeWasmKernels(), []);
    registerWasmKernels();
  });

  it('2-D, all four transpose combinations', () => cases([], []).forEach((c, i) => check(c, 10 + i)));
  it('batched, same batch (3-D)', () => cases([3], [3]).forEach((c, i) => check(c, 100 + i)));
  it('batched a, shared b (folded into rows)', () => cases([4], [1]).forEach((c, i) => check(c, 200 + i)));
  it('batched a, 2-D b (rank 3 × rank 2)', () => cases([2], []).forEach((c, i) => check(c, 300 + i)));
  it('shared a, batched b', () => cases([1], [3]).forEach((c, i) => check(c, 400 + i)));
  it('rank 4 with broadcasting outer dims [2,1]·[1,3] = explicitly tiled product', () => {
    // Stock tfjs pairs flattened batches (3 batches out for outer shapes [2,1]·[1,3]); reglab
    // broadcasts like numpy (6 batches), which the tiled operands compute unambiguously.
    cases([2, 1], [1, 3]).forEach((c, i) => {
      const a = seeded(c.a, 500 + i);
      const b = seeded(c.b, 600 + i);
      const k = c.ta ? c.a[c.a.length - 2] : c.a[c.a.length - 1];
      restoreWasmKernels();
      const reference = tf.tidy(() => tf.matMul(tf.tile(a, [1, 3, 1, 1]), tf.tile(b, [2, 1, 1, 1]), c.ta, c.tb));
      registerWasmKernels();
      const patched = tf.matMul(a, b, c.ta, c.tb);
      assert.deepEqual(patched.shape, reference.shape);
      assertClose(reference.dataSync(), patched.dataSync(), k, `a=${c.a} b=${c.b} ta=${c.ta} tb=${c.tb}`);
      tf.dispose([a, b, reference, patched]);
    });
  });

  it('gradients of a dense layer (the backward-pass transposes) agree', () => {
    const x = seeded([64, 100], 1);
    const w = seeded([100, 32], 2);
    const dy = seeded([64, 32], 3);
    const grads = (): tf.Tensor[] => tf.grads((xx: tf.Tensor, ww: tf.Tensor) => tf.sum(tf.mul(tf.matMul(xx, ww), dy)))([x, w]);
    restoreWasmKernels();
    const stock = tf.tidy(() => grads().map((g) => g.dataSync()));
    registerWasmKernels();
    const patched = tf.tidy(() => grads().map((g) => g.dataSync()));
    assertClose(stock[0], patched[0], 32, 'dx');
    assertClose(stock[1], patched[1], 64, 'dw');
  });

  it('does not leak tensors or wasm buffers', () => {
    const a = seeded([3, 40, 50], 7);
    const b = seeded([3, 60, 50], 8);
    tf.matMul(a, b, false, true).dispose();
    const before = { tensors: tf.memory().numTensors, buffers: tf.memory().numDataBuffers };
    for (let i = 0; i < 5; i++) tf.matMul(a, b, false, true).dispose();
    assert.deepEqual({ tensors: tf.memory().numTensors, buffers: tf.memory().numDataBuffers }, before);
    tf.dispose([a, b]);
  });
});

/** bias + activation applied with separate stock kernels: the reference for the fused kernel. */
function unfusedReference(config: Parameters<typeof tf.fused.matMul>[0]): tf.Tensor {
  return tf.tidy(() => {
    const { a, b, transposeA, transposeB, bias, activation, preluActivationWeights, leakyreluAlpha } = config;
    const y = tf.add(tf.matMul(a as tf.Tensor, b as tf.Tensor, transposeA, transposeB), bias as tf.Tensor);
    switch (activation) {
      case 'relu':
        return tf.relu(y);
      case 'relu6':
        return tf.relu6(y);
      case 'elu':
        return tf.elu(y);
      case 'sigmoid':
        return tf.sigmoid(y);
      case 'leakyrelu':
        return tf.leakyRelu(y, leakyreluAlpha);
      case 'prelu':
        return tf.prelu(y, preluActivationWeights as tf.Tensor);
      default:
        return y;
    }
  });
}

/** Runs the fused op with reglab's kernels and the unfused reference with the stock kernels. */
function fusedVsReference(config: Parameters<typeof tf.fused.matMul>[0], k: number, label: string): void {
  restoreWasmKernels();
  const reference = unfusedReference(config);
  registerWasmKernels();
  const patched = tf.fused.matMul(config);
  assert.deepEqual(patched.shape, reference.shape, `${label}: shape`);
  assertClose(reference.dataSync(), patched.dataSync(), k, label);
  tf.dispose([reference, patched]);
}

describe('_FusedMatMul (wasm): reglab kernel = stock matMul + bias + activation', () => {
  const activations = ['linear', 'relu', 'elu', 'relu6', 'sigmoid', 'leakyrelu', 'prelu'] as const;
  for (const [m, k, n] of [[20, 30, 40], [128, 256, 10], [3, 5, 7], [9, 100, 6]] as [number, number, number][]) {
    it(`m=${m} k=${k} n=${n}: every activation, with bias, all transposes`, () => {
      for (const activation of activations) {
        for (const ta of [false, true]) {
          for (const tb of [false, true]) {
            const tensors = [
              seeded(ta ? [k, m] : [m, k], m + k),
              seeded(tb ? [n, k] : [k, n], k + n),
              seeded([n], n),
              seeded([n], 99),
            ];
            fusedVsReference(
              {
                a: tensors[0],
                b: tensors[1],
                transposeA: ta,
                transposeB: tb,
                bias: tensors[2],
                activation,
                preluActivationWeights: activation === 'prelu' ? tensors[3] : undefined,
                leakyreluAlpha: 0.3,
              },
              k,
              `${activation} ta=${ta} tb=${tb}`,
            );
            tf.dispose(tensors);
          }
        }
      }
    });
  }

  it('batched a with shared weights, transposed (folded into rows)', () => {
    const t = [seeded([4, 50, 30], 1), seeded([1, 20, 50], 2), seeded([20], 3)];
    fusedVsReference({ a: t[0], b: t[1], transposeA: true, transposeB: true, bias: t[2], activation: 'relu' }, 50, 'batched fused');
    tf.dispose(t);
  });

  it('batched weights (unfused fallback)', () => {
    const t = [seeded([3, 40, 30], 4), seeded([3, 30, 20], 5), seeded([20], 6)];
    fusedVsReference({ a: t[0], b: t[1], bias: t[2], activation: 'elu' }, 30, 'batched weights');
    tf.dispose(t);
  });

  it('documents the stock bug it fixes: transposed fused product with bias', () => {
    // Stock 4.22 adds the bias once per 48-wide k block, at index min(i·n + j, n − 1).
    const a = seeded([100, 3], 1); // used transposed: m = 3, k = 100
    const b = seeded([100, 4], 2);
    const bias = tf.tensor1d([100, 200, 300, 400]);
    const config = { a, b, transposeA: true, bias };
    restoreWasmKernels();
    const stock = tf.fused.matMul(config);
    const reference = unfusedReference(config);
    registerWasmKernels();
    const patched = tf.fused.matMul(config);
    const maxDiff = (x: tf.Tensor, y: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(x, y))).dataSync()[0]);
    assert.ok(maxDiff(stock, reference) > 100, 'the stock kernel is wrong here (if this fails, upstream fixed it)');
    assert.ok(maxDiff(patched, reference) < 1e-3, 'reglab is right');
    tf.dispose([a, b, bias, stock, reference, patched]);
  });

  it('gradients through tf.layers.dense agree', () => {
    const run = (): Float32Array[] =>
      tf.tidy(() => {
        const layer = tf.layers.dense({ units: 24, activation: 'relu', kernelInitializer: tf.initializers.glorotNormal({ seed: 1 }) });
        const x = seeded([32, 48], 4);
        layer.apply(x);
        const vars = layer.trainableWeights.map((w) => w.read() as tf.Variable);
        const { grads } = tf.variableGrads(() => tf.sum(tf.square(layer.apply(x) as tf.Tensor)) as tf.Scalar, vars);
        const out = Object.values(grads).map((g) => g.dataSync() as Float32Array);
        layer.dispose();
        return out;
      });
    restoreWasmKernels();
    const stock = run();
    registerWasmKernels();
    const patched = run();
    stock.forEach((s, i) => assertClose(s, patched[i], 32, `grad ${i}`));
  });
});
