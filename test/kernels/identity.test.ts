import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { registerWasmKernels, restoreWasmKernels } from '../../src/kernels';
import { seeded, useWasm } from './helpers';

before(async () => {
  await useWasm();
  registerWasmKernels();
});

describe('Identity (wasm): shares the buffer like tfjs-backend-cpu', () => {
  it('tf.clone has the same values and survives disposal of its source', () => {
    const x = seeded([30, 7], 1);
    const expected = Array.from(x.dataSync());
    const y = tf.clone(x);
    x.dispose();
    assert.deepEqual(Array.from(y.dataSync()), expected);
    assert.deepEqual(y.shape, [30, 7]);
    y.dispose();
  });

  it('allocates no new buffer; the shared one is freed with the last reference', () => {
    const x = seeded([100], 2);
    const buffers = tf.memory().numDataBuffers;
    const y = tf.clone(x);
    assert.equal(tf.memory().numDataBuffers, buffers, 'no copy');
    x.dispose();
    y.dispose();
    assert.equal(tf.memory().numDataBuffers, buffers - 1, 'freed');
  });

  it('int32 and bool clones keep their dtype and values', () => {
    for (const x of [tf.tensor1d([1, -2, 3], 'int32'), tf.tensor1d([1, 0, 1], 'bool')]) {
      const y = tf.clone(x);
      assert.equal(y.dtype, x.dtype);
      assert.deepEqual(Array.from(y.dataSync()), Array.from(x.dataSync()));
      tf.dispose([x, y]);
    }
  });

  it('a variable assigned after cloning keeps the clone unchanged', () => {
    const v = tf.variable(tf.tensor1d([1, 2, 3]));
    const snapshot = tf.clone(v);
    v.assign(tf.tensor1d([7, 8, 9]));
    assert.deepEqual(Array.from(snapshot.dataSync()), [1, 2, 3]);
    assert.deepEqual(Array.from(v.dataSync()), [7, 8, 9]);
    tf.dispose([v, snapshot]);
  });

  it('gradients through saved tensors equal the stock (copying) kernel', () => {
    const f = (x: tf.Tensor) => tf.sum(tf.mul(tf.relu(x), tf.exp(tf.tanh(x))));
    const x = seeded([50, 20], 3);
    restoreWasmKernels();
    const stock = tf.tidy(() => Array.from(tf.grad(f)(x).dataSync()));
    registerWasmKernels();
    const shared = tf.tidy(() => Array.from(tf.grad(f)(x).dataSync()));
    assert.deepEqual(shared, stock);
    x.dispose();
  });

  it('Cast to the same dtype shares the buffer; real conversions match the stock kernel', () => {
    const x = tf.tensor1d([1.5, -2.25, 0, 3]);
    const buffers = tf.memory().numDataBuffers;
    const same = tf.cast(x, 'float32');
    assert.equal(tf.memory().numDataBuffers, buffers, 'no copy');
    assert.deepEqual(Array.from(same.dataSync()), [1.5, -2.25, 0, 3]);
    const convert = () => tf.tidy(() => [Array.from(tf.cast(x, 'int32').dataSync()), Array.from(tf.cast(tf.tensor1d([3, -1], 'int32'), 'float32').dataSync())]);
    restoreWasmKernels();
    const stock = convert();
    registerWasmKernels();
    assert.deepEqual(convert(), stock);
    assert.equal(tf.cast(x, 'int32').dtype, 'int32');
    tf.dispose([x, same]);
  });
});
