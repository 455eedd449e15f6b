import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { registerWasmKernels, restoreWasmKernels } from '../../src/kernels';
import { seeded, useWasm } from './helpers';

before(useWasm);

/** Gather with the stock kernel and with reglab's; both results as plain arrays + shapes. */
function both(x: tf.Tensor, indices: number[] | number[][], axis: number) {
  const run = () => {
    const idx = tf.tensor(indices, undefined, 'int32');
    const out = tf.gather(x, idx, axis);
    const result = { shape: out.shape, values: Array.from(out.dataSync()) };
    tf.dispose([idx, out]);
    return result;
  };
  restoreWasmKernels();
  const stock = run();
  registerWasmKernels();
  return { stock, patched: run() };
}

describe('GatherV2 (wasm): reglab kernel = stock kernel, bit for bit', () => {
  const cases: { name: string; shape: number[]; indices: number[] | number[][]; axis: number; dtype?: 'int32' | 'bool' }[] = [
    { name: 'mini-batch rows (model.fit)', shape: [300, 784], indices: [5, 299, 0, 5, 17], axis: 0 },
    { name: 'short rows (element copy)', shape: [50, 3], indices: [49, 1, 1], axis: 0 },
    { name: 'columns (axis 1)', shape: [7, 40], indices: [39, 0, 2], axis: 1 },
    { name: 'middle axis of a 3-D tensor', shape: [3, 20, 24], indices: [19, 4], axis: 1 },
    { name: '2-D indices', shape: [30, 20], indices: [[1, 2], [29, 0]], axis: 0 },
    { name: 'int32 values', shape: [100, 32], indices: [3, 99], axis: 0, dtype: 'int32' },
    { name: 'bool values', shape: [10, 20], indices: [9, 3], axis: 0, dtype: 'bool' },
    { name: 'negative axis', shape: [6, 30], indices: [29, 1], axis: -1 },
    { name: 'empty indices', shape: [10, 20], indices: [], axis: 0 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const base = seeded(c.shape, c.shape[0]);
      const x = c.dtype === 'bool' ? tf.greater(base, 0) : c.dtype === 'int32' ? tf.cast(tf.mul(base, 100), 'int32') : base;
      const { stock, patched } = both(x, c.indices, c.axis);
      assert.deepEqual(patched.shape, stock.shape);
      assert.deepEqual(patched.values, stock.values);
      tf.dispose([base, x]);
    });
  }

  it('rejects out-of-range indices with the stock message', () => {
    registerWasmKernels();
    const x = tf.zeros([4, 20]);
    const idx = tf.tensor1d([4], 'int32');
    assert.throws(() => tf.gather(x, idx), /GatherV2: the index value 4 is not in \[0, 3\]/);
    tf.dispose([x, idx]);
  });

  it('keeps batchDims > 0 on the stock kernel', () => {
    const x = seeded([2, 5, 20], 3);
    const run = () => tf.tidy(() => Array.from(tf.gather(x, tf.tensor2d([[1, 4], [0, 0]], [2, 2], 'int32'), 2, 1).dataSync()));
    restoreWasmKernels();
    const stock = run();
    registerWasmKernels();
    assert.deepEqual(run(), stock);
    x.dispose();
  });
});
