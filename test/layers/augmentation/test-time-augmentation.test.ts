// testTimeAugmentation: the mean of the model's outputs over the views (and the original), one
// forward pass per view, views made by layers in training mode, nothing left behind.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import * as rl from '../../../src';
import { assertClose } from './helpers';

before(async () => {
  await tf.setBackend('cpu');
});

/** Softmax of [s, 2s, −s] with s the sum of an image's pixels: an easy closed form per image. */
function softmaxOfSum(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const s = tf.sum(x, [1, 2, 3]).reshape([-1, 1]);
    return tf.softmax(tf.concat([s, tf.mul(s, 2), tf.neg(s)], 1));
  });
}
const softmax = (z: number[]) => {
  const e = z.map((v) => Math.exp(v - Math.max(...z)));
  return e.map((v) => v / e.reduce((a, b) => a + b, 0));
};
const closedForm = (s: number) => softmax([s, 2 * s, -s]);

describe('testTimeAugmentation', () => {
  // Two 2×2 images with pixel sums 0.4 and −0.2.
  const images = [[[[0.1], [0.1]], [[0.1], [0.1]]], [[[-0.2], [0.1]], [[0.0], [-0.1]]]];
  const sums = [0.4, -0.2];

  it('averages f over the views and the original: (f(x) + Σ_v f(T_v x)) / (V + 1)', () => {
    const x = tf.tensor4d(images);
    const scales = [0.5, 2, -1];
    const views = (t: tf.Tensor, v: number) => tf.mul(t, scales[v]);
    const withOriginal = rl.layers.testTimeAugmentation(softmaxOfSum, x, { augment: views, views: 3 });
    const expected = sums.map((s) => {
      const rows = [closedForm(s), ...scales.map((k) => closedForm(k * s))];
      return [0, 1, 2].map((c) => rows.reduce((a, r) => a + r[c], 0) / rows.length);
    });
    assertClose(withOriginal.arraySync(), expected, 1e-6);
    const viewsOnly = rl.layers.testTimeAugmentation(softmaxOfSum, x, { augment: views, views: 2, includeOriginal: false });
    assertClose(viewsOnly.arraySync(), sums.map((s) => [0, 1, 2].map((c) => (closedForm(0.5 * s)[c] + closedForm(2 * s)[c]) / 2)), 1e-6);
    tf.dispose([x, withOriginal, viewsOnly]);
  });

  it('runs one forward pass per view, each on a new view index, and leaks no tensor', () => {
    const x = tf.tensor4d(images);
    const seen: number[] = [];
    let passes = 0;
    const model = (t: tf.Tensor) => { passes += 1; return softmaxOfSum(t); };
    const before = tf.memory().numTensors;
    const mean = rl.layers.testTimeAugmentation(model, x, { augment: (t, v) => { seen.push(v); return tf.add(t, v); }, views: 5 });
    assert.equal(passes, 6);
    assert.deepEqual(seen, [0, 1, 2, 3, 4]);
    assert.equal(tf.memory().numTensors, before + 1);
    mean.dispose();
    assert.equal(tf.memory().numTensors, before);
    tf.dispose(x);
  });

  it('with a LayersModel and augmentation layers: the views are the layers in training mode', () => {
    // A model that reads one pixel: softmax([10·x₀₀, 0]). A pinned one-pixel shift down and right
    // moves pixel (0, 0) out (zero fill) and the view reads 0; the original reads x₀₀.
    const model = tf.sequential({ layers: [
      tf.layers.flatten({ inputShape: [2, 2, 1] }),
      tf.layers.dense({ units: 2, activation: 'softmax', weights: [tf.tensor2d([[10, 0], [0, 0], [0, 0], [0, 0]]), tf.zeros([2])] }),
    ] });
    const shift = rl.layers.randomTranslation({ heightFactor: [0.5, 0.5], widthFactor: [0.5, 0.5], fillMode: 'constant' });
    const x = tf.tensor4d([[[[0.3], [0]], [[0], [0]]]]);
    const mean = rl.layers.testTimeAugmentation(model, x, { augment: [shift], views: 3 });
    const original = softmax([3, 0]);
    assertClose(mean.arraySync(), [[0, 1].map((c) => (original[c] + 3 * 0.5) / 4)], 1e-6);
    // Identity views give back model.predict exactly.
    const identity = rl.layers.testTimeAugmentation(model, x, { augment: (t) => t, views: 4 });
    const predicted = model.predict(x) as tf.Tensor;
    assertClose(identity.arraySync(), predicted.arraySync(), 1e-7);
    tf.dispose([x, mean, identity, predicted]);
    model.dispose();
  });

  it('rejects bad arguments with clear messages', () => {
    const x = tf.zeros([1, 2, 2, 1]);
    const augment = (t: tf.Tensor) => t;
    const tta = rl.layers.testTimeAugmentation;
    const bad: [() => unknown, RegExp][] = [
      [() => tta(softmaxOfSum, x, { augment, views: 0 }), /^RangeError: rl\.layers\.testTimeAugmentation: `views` must be an integer in \[1, 10000\]; received 0$/],
      [() => tta(softmaxOfSum, x, { augment, views: 2.5 }), /`views` must be an integer in \[1, 10000\]; received 2\.5/],
      [() => tta(softmaxOfSum, x, { augment, includeOriginal: 'yes' } as never), /`includeOriginal` must be true or false; received 'yes'/],
      [() => tta(softmaxOfSum, x, {} as never), /`augment` must be an array of augmentation layers or a function \(x, view\) => tensor; received undefined/],
      [() => tta(softmaxOfSum, x, { augment: [] }), /`augment` must be an array of augmentation layers.*; received \[\]/],
      [() => tta(softmaxOfSum, x, { augment: [1] } as never), /`augment\[0\]` must be a tf\.layers\.Layer; received 1/],
      [() => tta(softmaxOfSum, x, { augment, view: 3 } as never), /unknown option `view` \(did you mean `views`\?\)/],
      [() => tta(null as never, x, { augment }), /`model` must be a tf\.LayersModel or a function \(x\) => probabilities; received null/],
      [() => tta(softmaxOfSum, [[1]] as never, { augment }), /`x` must be a tf\.Tensor; received \[\[1\]\]/],
      [() => tta(softmaxOfSum, x, undefined as never), /`augment` must be/],
    ];
    for (const [call, message] of bad) assert.throws(call, message);
    x.dispose();
  });
});
