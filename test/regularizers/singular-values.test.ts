// rl.regularizers.singularValues against closed forms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import * as rl from '../../src';

test('diagonal, rotated and rectangular matrices', () => {
  const close = (a: number[], b: number[], tol = 1e-9) =>
    a.forEach((v, i) => assert.ok(Math.abs(v - b[i]) < tol, `${a} vs ${b}`));
  close(rl.regularizers.singularValues([[3, 0], [0, -2]]), [3, 2]);
  // R(30°)·diag(5, 0.5): singular values 5 and 0.5.
  const [c, s] = [Math.cos(Math.PI / 6), Math.sin(Math.PI / 6)];
  close(rl.regularizers.singularValues([[5 * c, -0.5 * s], [5 * s, 0.5 * c]]), [5, 0.5]);
  // [[1, 1], [1, 1], [1, 1]]: rank 1, σ₁ = √6; σ₂ read as the floor 1e-8·σ₁.
  const rankOne = rl.regularizers.singularValues([[1, 1], [1, 1], [1, 1]]);
  close([rankOne[0]], [Math.sqrt(6)]);
  assert.ok(rankOne[1] <= 1e-7 * Math.sqrt(6));
  const t = tf.tensor2d([[0, 2], [1, 0]]);
  close(rl.regularizers.singularValues(t), [2, 1], 1e-6);
  t.dispose();
  assert.throws(() => rl.regularizers.singularValues([[1, 2], [3]]), /`matrix` must be/);
  const v = tf.ones([3]);
  assert.throws(() => rl.regularizers.singularValues(v), /rank-2 tensor.*shape \[3\]/);
  v.dispose();
});
