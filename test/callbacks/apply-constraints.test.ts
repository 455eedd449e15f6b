import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import * as rl from '../../src';

/** Column norms ‖W[:, j]‖₂ of a dense kernel (the incoming weights of unit j). */
function columnNorms(model: tf.LayersModel): number[] {
  return tf.tidy(() => Array.from(tf.norm(model.layers[0].getWeights()[0], 2, 0).dataSync()));
}

async function train(withCallback: boolean): Promise<number[]> {
  rl.config.seed(1);
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [2], useBias: false,
    kernelConstraint: tf.constraints.maxNorm({ maxValue: 0.5, axis: 0 }) })] });
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
  // Targets 10·(x1 + x2) on every output: unconstrained, each column grows towards (10, 10).
  const xs = tf.tensor2d([[1, 0], [0, 1], [1, 1], [2, 1]]);
  const ys = tf.tensor2d([[10, 10, 10], [10, 10, 10], [20, 20, 20], [30, 30, 30]]);
  await model.fit(xs, ys, { epochs: 20, batchSize: 2, verbose: 0,
    callbacks: withCallback ? [rl.callbacks.applyConstraints()] : [] });
  const norms = columnNorms(model);
  tf.dispose([xs, ys]);
  model.optimizer.dispose();
  model.dispose();
  return norms;
}

test('tfjs model.fit ignores kernelConstraint; applyConstraints enforces max-norm after each batch', async () => {
  await rl.backend.ready();
  const before = tf.memory().numTensors;
  const ignored = await train(false);
  assert.ok(Math.max(...ignored) > 2, `without the callback tfjs leaves the norms unconstrained: ${ignored}`);
  const enforced = await train(true);
  for (const n of enforced) assert.ok(n <= 0.5 + 1e-6, `column norm ${n} exceeds maxValue 0.5`);
  // The constraint binds: the fit pushes every column to the bound.
  for (const n of enforced) assert.ok(n > 0.45, `column norm ${n} should sit at the bound`);
  assert.equal(tf.memory().numTensors, before, 'no tensors leak');
});
