// Tensor hygiene for the stochastic parts of reglab: augmentation layers inside model.fit,
// mixup in a custom loop, and Monte-Carlo dropout prediction called repeatedly.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import * as rl from '../../src';

before(async () => {
  await rl.backend.ready({ quiet: true });
});

function assertFlat(counts: number[], label: string): void {
  assert.deepEqual(counts.slice(1), counts.slice(1).map(() => counts[0]), `${label}: numTensors per epoch ${counts.join(', ')}`);
}

function images(n: number): { xs: tf.Tensor4D; ys: tf.Tensor2D } {
  return tf.tidy(() => ({
    xs: tf.randomUniform([n, 8, 8, 1], 0, 1, 'float32', 1) as tf.Tensor4D,
    ys: tf.cast(tf.oneHot(tf.randomUniform([n], 0, 2, 'int32', 2) as tf.Tensor1D, 2), 'float32') as tf.Tensor2D,
  }));
}

describe('no tensors leak per epoch (augmentation, mixup, MC dropout)', () => {
  it('augmentation layers in model.fit', async () => {
    const { xs, ys } = images(48);
    const model = tf.sequential({
      layers: [
        rl.layers.randomFlip({ inputShape: [8, 8, 1], seed: 1 }),
        rl.layers.randomRotation({ factor: 0.1, seed: 2 }),
        rl.layers.randomErasing({ seed: 3 }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 2 }),
      ],
    });
    model.compile({ optimizer: tf.train.adam(1e-3), loss: (y: tf.Tensor, logits: tf.Tensor) => tf.losses.softmaxCrossEntropy(y, logits) });
    const counts: number[] = [];
    await model.fit(xs, ys, { epochs: 3, batchSize: 16, verbose: 0, callbacks: { onEpochEnd: async () => void counts.push(tf.memory().numTensors) } });
    assertFlat(counts, 'augmentation fit');
    model.dispose();
    tf.dispose([xs, ys]);
  });

  it('mixup in a custom training loop', () => {
    const { xs, ys } = images(32);
    const flat = xs.reshape([32, 64]);
    const w = tf.variable(tf.zeros([64, 2]));
    const optimizer = tf.train.sgd(0.1);
    const counts: number[] = [];
    for (let epoch = 0; epoch < 4; epoch++) {
      const mixed = rl.layers.mixup(flat, ys, { alpha: 0.2 });
      optimizer.minimize(() => tf.losses.softmaxCrossEntropy(mixed.ys, tf.matMul(mixed.xs, w)) as tf.Scalar);
      tf.dispose([mixed.xs, mixed.ys]);
      counts.push(tf.memory().numTensors);
    }
    assertFlat(counts, 'mixup loop');
    optimizer.dispose();
    tf.dispose([xs, ys, flat, w]);
  });

  it('rl.uncertainty.mcPredict called repeatedly', () => {
    const model = tf.sequential({
      layers: [tf.layers.dense({ inputShape: [6], units: 12, activation: 'relu' }), tf.layers.dropout({ rate: 0.5 }), tf.layers.dense({ units: 1 })],
    });
    const x = tf.randomNormal([10, 6], 0, 1, 'float32', 3);
    const counts: number[] = [];
    for (let round = 0; round < 4; round++) {
      const { mean, std } = rl.uncertainty.mcPredict(model, x, { samples: 8 });
      tf.dispose([mean, std]);
      counts.push(tf.memory().numTensors);
    }
    assertFlat(counts, 'mcPredict');
    model.dispose();
    x.dispose();
  });
});
