import { test, before, mock } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import * as rl from '../../src';
import type { EarlyStoppingCallback, EarlyStoppingOptions } from '../../src/callbacks';

before(async () => {
  await tf.setBackend('cpu');
});

/** A stand-in model for a custom loop: one weight, set to the epoch number before each epoch end. */
class FakeModel {
  stopTraining = false;
  weight = tf.variable(tf.scalar(-1));
  setWeightsCalls = 0;
  getWeights(): tf.Tensor[] {
    return [this.weight];
  }
  setWeights(ws: tf.Tensor[]): void {
    this.setWeightsCalls += 1;
    this.weight.assign(ws[0] as tf.Scalar);
  }
}

/** Drives the hooks like a training loop; returns the epochs run. */
async function drive(cb: EarlyStoppingCallback, model: FakeModel, values: number[], key = 'val_loss'): Promise<number> {
  cb.setModel(model);
  model.stopTraining = false;
  await cb.onTrainBegin();
  let epochs = 0;
  for (let epoch = 0; epoch < values.length; epoch += 1) {
    tf.tidy(() => model.weight.assign(tf.scalar(epoch)));
    await cb.onEpochEnd(epoch, { loss: 0, [key]: values[epoch] });
    epochs += 1;
    if (model.stopTraining) break;
  }
  await cb.onTrainEnd();
  return epochs;
}

const make = (o: EarlyStoppingOptions) => rl.callbacks.earlyStopping(o);

test('patience 2: best at epoch 2, two epochs without improvement, stop at epoch 4', async () => {
  // wait: e0 0 (best 5), e1 0 (4), e2 0 (3), e3 1 (3.5 ≥ 3), e4 2 (3.2 ≥ 3) → 2 ≥ 2: stop
  const cb = make({ patience: 2 });
  const epochs = await drive(cb, new FakeModel(), [5, 4, 3, 3.5, 3.2, 1, 1]);
  assert.equal(epochs, 5);
  assert.equal(cb.stoppedEpoch, 4);
  assert.equal(cb.bestEpoch, 2);
  assert.equal(cb.best, 3);
});

test('patience 0 stops at the first epoch without improvement; epoch 0 never stops', async () => {
  const cb = make({ patience: 0 });
  assert.equal(await drive(cb, new FakeModel(), [1, 2, 0]), 2);
  assert.equal(cb.stoppedEpoch, 1);
});

test('minDelta: an improvement must exceed minDelta', async () => {
  // minDelta 0.05: e0 best 1; e1 0.9 + 0.05 < 1 → best 0.9; e2 0.86 + 0.05 = 0.91 ≥ 0.9 → wait 1 → stop
  const cb = make({ patience: 1, minDelta: 0.05 });
  assert.equal(await drive(cb, new FakeModel(), [1, 0.9, 0.86, 0.5]), 3);
  assert.equal(cb.stoppedEpoch, 2);
  assert.equal(cb.bestEpoch, 1);
  // a negative minDelta is taken by absolute value, as in Keras
  assert.equal(make({ minDelta: -0.05 }).minDelta, 0.05);
});

test("mode 'auto' maximizes accuracy-like metrics and minimizes losses", async () => {
  assert.equal(make({ monitor: 'val_acc' }).mode, 'max');
  assert.equal(make({ monitor: 'val_accuracy' }).mode, 'max');
  assert.equal(make({ monitor: 'binaryAccuracy' }).mode, 'max');
  assert.equal(make({ monitor: 'val_loss' }).mode, 'min');
  assert.equal(make({ monitor: 'val_mse' }).mode, 'min');
  assert.equal(make({ monitor: 'meanAbsoluteError' }).mode, 'min');
  assert.throws(() => make({ monitor: 'val_widgets' }), { name: 'RangeError', message: "rl.callbacks.earlyStopping: cannot tell whether `monitor` 'val_widgets' should be minimized or maximized; pass mode: 'min' or mode: 'max'" });
  const cb = make({ monitor: 'val_acc', patience: 1 });
  assert.equal(await drive(cb, new FakeModel(), [0.5, 0.7, 0.6, 0.9], 'val_acc'), 3);
  assert.equal(cb.bestEpoch, 1);
  assert.equal(cb.best, 0.7);
});

test('baseline: wait only resets when the epoch also beats the baseline (Keras 3)', async () => {
  // baseline 0.5, patience 2: e0 wait 1 (best 1, not < 0.5), e1 wait 2 (best 0.9, improvement → no
  // stop check), e2 wait 3, no improvement, 3 ≥ 2 → stop at 2.
  const withBaseline = make({ patience: 2, baseline: 0.5 });
  assert.equal(await drive(withBaseline, new FakeModel(), [1, 0.9, 0.95, 0.97, 0.99]), 3);
  assert.equal(withBaseline.stoppedEpoch, 2);
  // without it: e2 wait 1, e3 wait 2 → stop at 3
  const without = make({ patience: 2 });
  assert.equal(await drive(without, new FakeModel(), [1, 0.9, 0.95, 0.97, 0.99]), 4);
  assert.equal(without.stoppedEpoch, 3);
  // beating the baseline resets wait as usual
  const beaten = make({ patience: 1, baseline: 0.5 });
  assert.equal(await drive(beaten, new FakeModel(), [0.4, 0.3, 0.35]), 3);
  assert.equal(beaten.stoppedEpoch, 2);
});

test('startFromEpoch: epochs before it are ignored', async () => {
  const cb = make({ patience: 1, startFromEpoch: 2 });
  assert.equal(await drive(cb, new FakeModel(), [0.1, 0.2, 1, 2, 3]), 4);
  assert.equal(cb.bestEpoch, 2);
  assert.equal(cb.stoppedEpoch, 3);
});

test('restoreBestWeights puts back the weights of the best epoch, and keeps no tensors', async () => {
  const model = new FakeModel();
  const cb = make({ patience: 2, restoreBestWeights: true });
  const before = tf.memory().numTensors;
  await drive(cb, model, [5, 4, 3, 3.5, 3.2, 1]);
  assert.equal(cb.bestEpoch, 2);
  assert.equal(model.weight.dataSync()[0], 2); // the weight held the epoch number
  assert.ok(model.setWeightsCalls >= 1);
  // the only change in tensor count comes from the model's own weight value
  assert.equal(tf.memory().numTensors, before);
});

test('without restoreBestWeights the last weights stay', async () => {
  const model = new FakeModel();
  await drive(make({ patience: 2 }), model, [5, 4, 3, 3.5, 3.2, 1]);
  assert.equal(model.weight.dataSync()[0], 4);
  assert.equal(model.setWeightsCalls, 0);
});

test('one instance is reusable: state resets at train begin', async () => {
  const cb = make({ patience: 1, restoreBestWeights: true });
  const model = new FakeModel();
  await drive(cb, model, [1, 0.5, 0.6]);
  assert.deepEqual([cb.bestEpoch, cb.stoppedEpoch, cb.best], [1, 2, 0.5]);
  // second run: values all above the first run's best — a stale `best` would stop at once
  await drive(cb, model, [3, 2, 1, 1.5]);
  assert.deepEqual([cb.bestEpoch, cb.stoppedEpoch, cb.best], [2, 3, 1]);
  assert.equal(model.weight.dataSync()[0], 2);
});

test('an unknown monitor warns, listing the available keys, and never stops', async () => {
  const warn = mock.method(console, 'warn', () => undefined);
  try {
    const cb = make({ monitor: 'val_mse' });
    const model = new FakeModel();
    assert.equal(await drive(cb, model, [1, 2, 3]), 3);
    assert.equal(warn.mock.callCount(), 3);
    const message = String(warn.mock.calls[0].arguments[0]);
    assert.match(message, /`val_mse`/);
    assert.match(message, /loss,val_loss/);
  } finally {
    warn.mock.restore();
  }
});

test('tf.Scalar log values are read and disposed', async () => {
  const cb = make({ patience: 0 });
  const model = new FakeModel();
  cb.setModel(model);
  await cb.onTrainBegin();
  const s = tf.scalar(1.5);
  await cb.onEpochEnd(0, { val_loss: s as unknown as number });
  assert.equal(cb.best, 1.5);
  assert.ok(s.isDisposed);
});

test('bad options are rejected with the argument name and value', () => {
  assert.throws(() => make({ patience: -1 }), /`patience`.*received -1/);
  assert.throws(() => make({ patience: 1.5 }), /`patience`.*received 1\.5/);
  assert.throws(() => make({ startFromEpoch: -2 }), /`startFromEpoch`.*received -2/);
  assert.throws(() => make({ minDelta: NaN }), /`minDelta`.*NaN/);
  assert.throws(() => make({ mode: 'up' as 'min' }), { name: 'RangeError', message: "rl.callbacks.earlyStopping: `mode` must be one of 'auto', 'min', 'max'; received 'up'" });
  assert.throws(() => make({ baseline: Infinity }), /`baseline`.*Infinity/);
  assert.throws(() => make({ monitor: '' }), /`monitor`/);
});
