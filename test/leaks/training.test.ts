// Tensor hygiene across epochs: after the first epoch (which creates optimizer slots and
// cached constants), tf.memory().numTensors must not grow, whatever trains the model.
// Runs on the backend rl.backend.ready() picks (wasm with reglab's kernels here), where the
// replaced kernels (matMul, gather, identity, Adam) would show any leak.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import * as rl from '../../src';

before(async () => {
  await rl.backend.ready({ quiet: true });
});

/** Tensor counts after each epoch must all equal the count after the first. */
function assertFlat(counts: number[], label: string): void {
  assert.ok(counts.length >= 3, `${label}: needs ≥ 3 epochs`);
  assert.deepEqual(counts.slice(1), counts.slice(1).map(() => counts[0]), `${label}: numTensors per epoch ${counts.join(', ')}`);
}

function data(n: number, features: number, classes: number): { xs: tf.Tensor2D; ys: tf.Tensor2D } {
  return tf.tidy(() => ({
    xs: tf.randomNormal([n, features], 0, 1, 'float32', 1) as tf.Tensor2D,
    ys: tf.oneHot(tf.randomUniform([n], 0, classes, 'int32', 2) as tf.Tensor1D, classes) as tf.Tensor2D,
  }));
}

function mlp(features: number, classes: number, optimizer: tf.Optimizer | string): tf.Sequential {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [features], units: 32, activation: 'relu', kernelRegularizer: rl.regularizers.l2({ l2: 1e-4 }) }),
      tf.layers.dropout({ rate: 0.5 }),
      tf.layers.dense({ units: 16, activation: 'relu' }),
      tf.layers.dense({ units: classes }),
    ],
  });
  model.compile({ optimizer, loss: (y: tf.Tensor, logits: tf.Tensor) => tf.losses.softmaxCrossEntropy(y, logits), metrics: ['accuracy'] });
  return model;
}

describe('no tensors leak per epoch', () => {
  it('model.fit with L2, dropout, Adam, validation split and shuffling', async () => {
    const { xs, ys } = data(200, 20, 4);
    const model = mlp(20, 4, tf.train.adam(1e-3));
    const counts: number[] = [];
    await model.fit(xs, ys, {
      epochs: 4,
      batchSize: 32,
      validationSplit: 0.2,
      verbose: 0,
      callbacks: { onEpochEnd: async () => void counts.push(tf.memory().numTensors) },
    });
    assertFlat(counts, 'fit');
    const before = tf.memory().numTensors;
    await model.fit(xs, ys, { epochs: 2, batchSize: 32, verbose: 0 });
    assert.equal(tf.memory().numTensors, before, 'a second fit call');
    model.dispose();
    tf.dispose([xs, ys]);
  });

  it('model.evaluate and model.predict in a loop', () => {
    const { xs, ys } = data(64, 10, 3);
    const model = mlp(10, 3, 'sgd');
    const counts: number[] = [];
    for (let epoch = 0; epoch < 4; epoch++) {
      tf.dispose(model.evaluate(xs, ys, { batchSize: 16 }) as tf.Scalar[]);
      tf.dispose(model.predict(xs) as tf.Tensor);
      counts.push(tf.memory().numTensors);
    }
    assertFlat(counts, 'evaluate/predict');
    model.dispose();
    tf.dispose([xs, ys]);
  });

  it('custom loop: optimizer.minimize on hand-made variables', () => {
    const { xs, ys } = data(96, 12, 3);
    const w1 = tf.variable(tf.randomNormal([12, 24], 0, 0.1, 'float32', 3));
    const b1 = tf.variable(tf.zeros([24]));
    const w2 = tf.variable(tf.randomNormal([24, 3], 0, 0.1, 'float32', 4));
    const optimizer = tf.train.adam(1e-2);
    const loss = (x: tf.Tensor, y: tf.Tensor) => () =>
      tf.tidy(() => {
        const hidden = tf.dropout(tf.relu(tf.add(tf.matMul(x, w1), b1)), 0.3);
        const logits = tf.matMul(hidden, w2);
        return tf.add(tf.losses.softmaxCrossEntropy(y, logits), tf.mul(1e-4, tf.sum(tf.square(w1)))) as tf.Scalar;
      });
    const counts: number[] = [];
    for (let epoch = 0; epoch < 4; epoch++) {
      for (let start = 0; start < 96; start += 32) {
        const [x, y] = [xs.slice(start, 32), ys.slice(start, 32)];
        const value = optimizer.minimize(loss(x, y), true);
        value?.dispose();
        tf.dispose([x, y]);
      }
      counts.push(tf.memory().numTensors);
    }
    assertFlat(counts, 'custom loop');
    optimizer.dispose();
    tf.dispose([xs, ys, w1, b1, w2]);
  });

  it('custom loop: tf.variableGrads + applyGradients', () => {
    const w = tf.variable(tf.randomNormal([8, 2], 0, 1, 'float32', 5));
    const x = tf.randomNormal([16, 8], 0, 1, 'float32', 6);
    const optimizer = tf.train.rmsprop(1e-2);
    const counts: number[] = [];
    for (let epoch = 0; epoch < 4; epoch++) {
      const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(tf.matMul(x, w))) as tf.Scalar);
      optimizer.applyGradients(grads);
      tf.dispose([value, ...Object.values(grads)]);
      counts.push(tf.memory().numTensors);
    }
    assertFlat(counts, 'variableGrads');
    optimizer.dispose();
    tf.dispose([w, x]);
  });

  const optimizers: [string, () => tf.Optimizer][] = [
    ['tf.train.sgd', () => tf.train.sgd(0.01)],
    ['tf.train.momentum', () => tf.train.momentum(0.01, 0.9)],
    ['tf.train.momentum (Nesterov)', () => tf.train.momentum(0.01, 0.9, true)],
    ['tf.train.adagrad', () => tf.train.adagrad(0.01)],
    ['tf.train.adadelta', () => tf.train.adadelta(0.01)],
    ['tf.train.adam', () => tf.train.adam(0.01)],
    ['tf.train.adamax', () => tf.train.adamax(0.01)],
    ['tf.train.rmsprop', () => tf.train.rmsprop(0.01)],
    ['tf.train.rmsprop (centered, momentum)', () => tf.train.rmsprop(0.01, 0.9, 0.5, 1e-7, true)],
    ['rl.optimizers.adamw', () => rl.optimizers.adamw({ learningRate: 0.01 })],
    ['rl.optimizers.sgdw', () => rl.optimizers.sgdw({ learningRate: 0.01 })],
  ];
  for (const [name, make] of optimizers) {
    it(`${name} in model.fit`, async () => {
      const { xs, ys } = data(64, 10, 3);
      const model = mlp(10, 3, make());
      const counts: number[] = [];
      await model.fit(xs, ys, { epochs: 3, batchSize: 16, verbose: 0, callbacks: { onEpochEnd: async () => void counts.push(tf.memory().numTensors) } });
      assertFlat(counts, name);
      model.dispose();
      tf.dispose([xs, ys]);
    });
  }
});
