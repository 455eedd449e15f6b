// mixup: closed-form mixing, labels stay distributions, seeded, λ ~ Beta(α, α) by its moments.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import seedrandom from 'seedrandom';
import * as rl from '../../../src';

before(async () => {
  await tf.setBackend('cpu');
});

describe('mixup', () => {
  const x = [[1, 2], [3, 5], [-4, 0], [10, 20]];
  const labels = [0, 2, 1, 2];

  it('returns λ·x + (1−λ)·x[perm] and λ·y + (1−λ)·y[perm]', () => {
    const xs = tf.tensor2d(x);
    const ys = tf.oneHot(labels, 3).toFloat();
    const m = rl.layers.mixup(xs, ys, { alpha: 1, seed: 3 });
    assert.deepEqual([...m.permutation].sort(), [0, 1, 2, 3]);
    assert.ok(m.lambda > 0 && m.lambda < 1);
    const mixedX = m.xs.arraySync() as number[][];
    const mixedY = m.ys.arraySync() as number[][];
    x.forEach((row, i) => row.forEach((v, j) => {
      const expected = m.lambda * v + (1 - m.lambda) * x[m.permutation[i]][j];
      assert.ok(Math.abs(mixedX[i][j] - expected) < 1e-5, `${mixedX[i][j]} ≠ ${expected}`);
    }));
    mixedY.forEach((row, i) => {
      assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-6, 'mixed labels must sum to 1');
      const expected = [0, 1, 2].map((k) => m.lambda * (labels[i] === k ? 1 : 0) + (1 - m.lambda) * (labels[m.permutation[i]] === k ? 1 : 0));
      row.forEach((v, k) => assert.ok(Math.abs(v - expected[k]) < 1e-6));
    });
    tf.dispose([xs, ys, m.xs, m.ys]);
  });

  it('is reproducible with a seed and leaks nothing but its two results', () => {
    const xs = tf.tensor2d(x);
    const ys = tf.oneHot(labels, 3).toFloat();
    const before = tf.memory().numTensors;
    const a = rl.layers.mixup(xs, ys, { seed: 5 });
    const b = rl.layers.mixup(xs, ys, { seed: 5 });
    const c = rl.layers.mixup(xs, ys, { seed: 6 });
    assert.equal(a.lambda, b.lambda);
    assert.deepEqual(a.permutation, b.permutation);
    assert.deepEqual(a.xs.arraySync(), b.xs.arraySync());
    assert.notEqual(a.lambda, c.lambda);
    tf.dispose([a.xs, a.ys, b.xs, b.ys, c.xs, c.ys]);
    assert.equal(tf.memory().numTensors, before);
    tf.dispose([xs, ys]);
  });

  it('λ has the Beta(α, α) mean ½ and variance 1/(4(2α+1)); sampleBeta(2, 5) has mean 2/7, variance 10/392', () => {
    const u = seedrandom.alea('beta');
    const moments = (a: number, b: number, n = 20000) => {
      const draws = Array.from({ length: n }, () => rl.layers.sampleBeta(a, b, () => u()));
      assert.ok(draws.every((d) => d >= 0 && d <= 1));
      const mean = draws.reduce((s, d) => s + d, 0) / n;
      const variance = draws.reduce((s, d) => s + (d - mean) ** 2, 0) / (n - 1);
      return { mean, variance };
    };
    for (const alpha of [0.2, 1, 4]) {
      const { mean, variance } = moments(alpha, alpha);
      // Standard error of the mean ≤ √(¼/20000) ≈ 0.0035; tolerances are > 3 SE.
      assert.ok(Math.abs(mean - 0.5) < 0.012, `α=${alpha}: mean ${mean}`);
      assert.ok(Math.abs(variance - 1 / (4 * (2 * alpha + 1))) < 0.006, `α=${alpha}: variance ${variance}`);
    }
    const { mean, variance } = moments(2, 5);
    assert.ok(Math.abs(mean - 2 / 7) < 0.005, `mean ${mean}`);
    assert.ok(Math.abs(variance - 10 / 392) < 0.002, `variance ${variance}`);
  });

  it('rejects bad arguments with clear messages', () => {
    const xs = tf.tensor2d(x);
    const ys = tf.oneHot(labels, 3).toFloat();
    const bad: [() => unknown, RegExp][] = [
      [() => rl.layers.mixup(xs, ys, { alpha: 0 }), /`alpha` must be a finite number > 0; received 0/],
      [() => rl.layers.mixup(xs, ys, { alpha: -1 }), /rl\.layers\.mixup: `alpha` must be a finite number > 0; received -1$/],
      [() => rl.layers.mixup(xs, ys, { alpha: NaN }), /`alpha`.*received NaN/],
      [() => rl.layers.mixup(xs, ys, { seed: 1.5 }), /`seed` must be an integer; received 1\.5/],
      [() => rl.layers.mixup(xs, ys, { lambda: 0.5 } as never), /unknown option `lambda`/],
      [() => rl.layers.mixup(xs, tf.oneHot(labels, 3), {}), /rl\.layers\.mixup: `ys` must be float32 \(one-hot or soft labels\), since mixed labels are fractional; received dtype int32$/],
      [() => rl.layers.mixup(xs, tf.zeros([3, 3]), {}), /rl\.layers\.mixup: `ys` must be a tensor with the batch size of `xs` \(4\) on its first axis; received shape \[3,3\]$/],
      [() => rl.layers.mixup([[1]] as never, ys), /`xs` must be a tf\.Tensor; received \[\[1\]\]/],
    ];
    for (const [call, message] of bad) assert.throws(call, message);
    tf.dispose([xs, ys]);
  });
});
