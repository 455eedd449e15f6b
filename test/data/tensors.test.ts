// rl.data.toTensors: shapes, one-hot, validation, no leaked tensors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import * as data from '../../src/data';
import * as backend from '../../src/backend';

test('xs is float32 [n, d]; ys is [n, 1] or one-hot [n, k]', async () => {
  await backend.ready({ prefer: 'cpu', quiet: true });
  const before = tf.memory().numTensors;
  const { xs, ys } = data.toTensors([[1, 2], [3, 4], [5, 6]], [2, 0, 1], { oneHot: 3 });
  assert.deepEqual(xs.shape, [3, 2]);
  assert.equal(xs.dtype, 'float32');
  assert.deepEqual(ys!.shape, [3, 3]);
  assert.deepEqual(Array.from(ys!.dataSync()), [0, 0, 1, 1, 0, 0, 0, 1, 0]);
  tf.dispose([xs, ys!]);
  const plain = data.toTensors([[1], [2]], [0.5, 1.5]);
  assert.deepEqual(plain.ys!.shape, [2, 1]);
  assert.deepEqual(Array.from(plain.ys!.dataSync()), [0.5, 1.5]);
  tf.dispose([plain.xs, plain.ys!]);
  const onlyX = data.toTensors([[1, 2]]);
  assert.equal(onlyX.ys, undefined);
  onlyX.xs.dispose();
  assert.equal(tf.memory().numTensors, before, 'no tensor leaked');
});

test('bad labels for oneHot are named', () => {
  assert.throws(() => data.toTensors([[1], [2]], [0, 3], { oneHot: 3 }), { name: 'RangeError', message: 'rl.data.toTensors: `y[1]` must be an integer in [0, 2]; received 3' });
  assert.throws(() => data.toTensors([[1], [2]], [0, 1], { oneHot: 1 }), { name: 'RangeError', message: 'rl.data.toTensors: `oneHot` must be an integer in [2, 100000]; received 1' });
  assert.throws(() => data.toTensors([[1], [2]], [0]), { name: 'RangeError', message: 'rl.data.toTensors: `y` must be an array with one entry per row of X (2); received length 1' });
});
