import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import * as rl from '../../src';

before(async () => {
  await tf.setBackend('cpu');
});

/** x → dropout(p) → w·x (no bias): the predictive mean and std have closed forms. */
function linearDropoutModel(w: number[], p: number, seed?: number): tf.Sequential {
  const model = tf.sequential({
    layers: [
      tf.layers.dropout({ rate: p, inputShape: [w.length], seed }),
      tf.layers.dense({ units: 1, useBias: false }),
    ],
  });
  model.layers[1].setWeights([tf.tensor2d(w, [w.length, 1])]);
  return model;
}

// y = Σ w_i x_i m_i / (1 − p), m_i ~ Bernoulli(1 − p) independent:
// E[y] = Σ w_i x_i,  Var[y] = p / (1 − p) · Σ w_i² x_i².
function closedForm(w: number[], x: number[], p: number): { mean: number; std: number } {
  const mean = w.reduce((s, wi, i) => s + wi * x[i], 0);
  const variance = (p / (1 - p)) * w.reduce((s, wi, i) => s + wi * wi * x[i] * x[i], 0);
  return { mean, std: Math.sqrt(variance) };
}

test('MC dropout on a linear model matches the closed-form predictive mean and std', () => {
  const w = [0.5, -1, 2, 0.25, 1.5, -0.75];
  const rows = [[1, 2, 3, 4, 5, 6], [-1, 0.5, 0, 2, -2, 1]];
  const p = 0.3;
  const T = 2000;
  const model = linearDropoutModel(w, p);
  const x = tf.tensor2d(rows);
  const { mean, std } = rl.uncertainty.mcPredict(model, x, { samples: T });
  assert.deepEqual(mean.shape, [2, 1]);
  const means = mean.dataSync();
  const stds = std.dataSync();
  rows.forEach((row, r) => {
    const expected = closedForm(w, row, p);
    // the sample mean has standard error std/√T; allow 4 of them
    assert.ok(Math.abs(means[r] - expected.mean) < 4 * expected.std / Math.sqrt(T),
      `row ${r}: mean ${means[r]} vs ${expected.mean}`);
    assert.ok(Math.abs(stds[r] - expected.std) < 0.06 * expected.std, `row ${r}: std ${stds[r]} vs ${expected.std}`);
  });
  tf.dispose([x, mean, std]);
});

test('a seeded tfjs Dropout still varies across passes, and its seed is restored', () => {
  const w = [1, 1, 1, 1];
  const model = linearDropoutModel(w, 0.5, 42);
  const x = tf.ones([1, 4]);
  const { mean, std } = rl.uncertainty.mcPredict(model, x, { samples: 50 });
  assert.ok(std.dataSync()[0] > 0.5, `std ${std.dataSync()[0]}`); // closed form: √(1·4) = 2
  const dropout = model.layers[0] as tf.layers.Layer & { seed?: number };
  assert.equal(dropout.seed, 42);
  assert.equal(Object.prototype.hasOwnProperty.call(dropout, 'call'), false, 'patch removed');
  const p1 = model.predict(x) as tf.Tensor;
  assert.deepEqual(Array.from(p1.dataSync()), [4]); // inference is deterministic again
  tf.dispose([x, mean, std, p1]);
});

test('batch norm stays in inference mode: its moving statistics are untouched', () => {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: 8, inputShape: [3] }),
      tf.layers.batchNormalization(),
      tf.layers.dropout({ rate: 0.5 }),
      tf.layers.dense({ units: 1 }),
    ],
  });
  const bn = model.layers[1];
  const statsBefore = bn.getWeights().map((t) => Array.from(t.dataSync()));
  const x = tf.randomNormal([16, 3], 5, 3);
  const { mean, std } = rl.uncertainty.mcPredict(model, x, { samples: 10 });
  const statsAfter = bn.getWeights().map((t) => Array.from(t.dataSync()));
  assert.deepEqual(statsAfter, statsBefore);
  assert.ok(std.max().dataSync()[0] > 0);
  tf.dispose([x, mean, std]);
});

test('works with rl.layers.spatialDropout2d and with a plain function', () => {
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [5, 5, 1], filters: 6, kernelSize: 3 }),
      rl.layers.spatialDropout2d({ rate: 0.5, seed: 1 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 2 }),
    ],
  });
  const img = tf.randomNormal([2, 5, 5, 1]);
  const a = rl.uncertainty.mcPredict(model, img, { samples: 20 });
  assert.deepEqual(a.std.shape, [2, 2]);
  assert.ok(a.std.min().dataSync()[0] > 0);

  // function model: sum of inverted-dropout units of a ones vector, p = 0.5 → mean 4, std 2
  const ones = tf.ones([1, 4]);
  const f = (x: tf.Tensor) => tf.sum(rl.layers.invertedDropout(x, { rate: 0.5 }), 1);
  const b = rl.uncertainty.mcPredict(f, ones, { samples: 3000 });
  assert.ok(Math.abs(b.mean.dataSync()[0] - 4) < 4 * 2 / Math.sqrt(3000));
  assert.ok(Math.abs(b.std.dataSync()[0] - 2) < 0.12);
  tf.dispose([img, a.mean, a.std, ones, b.mean, b.std]);
});

test('no leaks: exactly the two returned tensors remain', () => {
  const model = linearDropoutModel([1, 2], 0.2);
  const x = tf.ones([3, 2]);
  rl.uncertainty.mcPredict(model, x, { samples: 2 }).mean.dispose(); // warm-up
  tf.dispose(rl.uncertainty.mcPredict(model, x, { samples: 2 }).std);
  const before = tf.memory().numTensors;
  const { mean, std } = rl.uncertainty.mcPredict(model, x, { samples: 15 });
  assert.equal(tf.memory().numTensors, before + 2);
  tf.dispose([mean, std, x]);
});

test('bad input: clear errors', () => {
  const x = tf.ones([1, 2]);
  const model = linearDropoutModel([1, 2], 0.2);
  assert.throws(() => rl.uncertainty.mcPredict(model, x, { samples: 0 }), /`samples`.*received 0/);
  assert.throws(() => rl.uncertainty.mcPredict(model, x, { samples: 2.5 }), /`samples`.*received 2\.5/);
  const plain = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
  assert.throws(() => rl.uncertainty.mcPredict(plain, x), /no dropout layer.*Dense/);
  assert.throws(() => rl.uncertainty.mcPredict({} as tf.LayersModel, x), /`model`/);
  x.dispose();
});
