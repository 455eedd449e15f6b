import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import * as rl from '../../src';

before(async () => {
  await tf.setBackend('cpu');
});

/** 20 noisy examples, 30 features, a wide MLP: the validation loss falls, then rises. */
function overfittingProblem() {
  rl.config.seed(3);
  const nFeatures = 30;
  const wTrue = Array.from({ length: nFeatures }, (_, j) => (j < 3 ? 1 : 0));
  const sample = (n: number) => {
    const X = Array.from({ length: n }, () => Array.from({ length: nFeatures }, () => rl.config.randomNormal()));
    const y = X.map((row) => [row.reduce((s, v, j) => s + v * wTrue[j], 0) + 0.5 * rl.config.randomNormal()]);
    return { x: tf.tensor2d(X), y: tf.tensor2d(y) };
  };
  const train = sample(20);
  const val = sample(200);
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: 128, activation: 'relu', inputShape: [nFeatures] }),
      tf.layers.dense({ units: 1 }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
  return { model, train, val };
}

const firstArgMin = (xs: number[]) => xs.reduce((best, v, i) => (v < xs[best] ? i : best), 0);

test('in a real model.fit: stops at best epoch + patience and restores the best weights', async () => {
  const { model, train, val } = overfittingProblem();
  const patience = 8;
  const epochs = 300;
  const stop = rl.callbacks.earlyStopping({ monitor: 'val_loss', patience, restoreBestWeights: true });
  const history = await model.fit(train.x, train.y, {
    epochs, batchSize: 20, validationData: [val.x, val.y], callbacks: [stop], verbose: 0,
  });
  const valLoss = history.history['val_loss'] as number[];
  assert.ok(valLoss.length < epochs, `it stopped early (ran ${valLoss.length} epochs)`);
  const best = firstArgMin(valLoss);
  assert.equal(stop.bestEpoch, best);
  assert.equal(stop.stoppedEpoch, best + patience);
  assert.equal(valLoss.length, best + patience + 1);
  assert.ok(valLoss[valLoss.length - 1] > valLoss[best], 'the last epoch is worse than the best');
  const evaluated = model.evaluate(val.x, val.y) as tf.Scalar;
  const after = evaluated.dataSync()[0];
  assert.ok(Math.abs(after - valLoss[best]) <= 1e-5, `evaluate ${after} vs best ${valLoss[best]}`);

  // Reuse the same instance for a second fit: it resets, and no tensors are left behind.
  const tensorsBefore = tf.memory().numTensors;
  const history2 = await model.fit(train.x, train.y, {
    epochs: 40, batchSize: 20, validationData: [val.x, val.y], callbacks: [stop], verbose: 0,
  });
  const valLoss2 = history2.history['val_loss'] as number[];
  assert.equal(stop.bestEpoch, firstArgMin(valLoss2));
  assert.equal(tf.memory().numTensors, tensorsBefore);
  tf.dispose([evaluated, train.x, train.y, val.x, val.y]);
});

test('without restoreBestWeights the model keeps the last epoch weights', async () => {
  const { model, train, val } = overfittingProblem();
  const stop = rl.callbacks.earlyStopping({ patience: 5 });
  const history = await model.fit(train.x, train.y, {
    epochs: 300, batchSize: 20, validationData: [val.x, val.y], callbacks: [stop], verbose: 0,
  });
  const valLoss = history.history['val_loss'] as number[];
  assert.equal(stop.stoppedEpoch, stop.bestEpoch + 5);
  const evaluated = model.evaluate(val.x, val.y) as tf.Scalar;
  assert.ok(Math.abs(evaluated.dataSync()[0] - valLoss[valLoss.length - 1]) <= 1e-5);
  tf.dispose([evaluated, train.x, train.y, val.x, val.y]);
});
