import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import * as rl from '../../src';

before(async () => {
  await tf.setBackend('cpu');
});

function convModel(seed?: number): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [6, 6, 2], filters: 8, kernelSize: 3, padding: 'same' }),
      rl.layers.spatialDropout2d({ rate: 0.5, seed }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 2 }),
    ],
  });
}

test('in training, each (example, channel) map is dropped whole or scaled by 1/(1 − rate)', () => {
  const layer = rl.layers.spatialDropout2d({ rate: 0.5, seed: 1 });
  const x = tf.randomUniform([4, 5, 5, 16], 1, 2, 'float32', 2);
  const y = layer.apply(x, { training: true }) as tf.Tensor;
  const xs = x.arraySync() as number[][][][];
  const ys = y.arraySync() as number[][][][];
  let dropped = 0;
  for (let b = 0; b < 4; b += 1) {
    for (let c = 0; c < 16; c += 1) {
      const kept = ys[b][0][0][c] !== 0;
      if (!kept) dropped += 1;
      for (let h = 0; h < 5; h += 1) {
        for (let w = 0; w < 5; w += 1) {
          const expected = kept ? xs[b][h][w][c] * 2 : 0;
          assert.ok(Math.abs(ys[b][h][w][c] - expected) < 1e-6, `b${b} h${h} w${w} c${c}`);
        }
      }
    }
  }
  assert.ok(dropped > 0 && dropped < 64, `dropped ${dropped} of 64 maps`);
  tf.dispose([x, y]);
});

test('channelsFirst drops along axis 1', () => {
  const layer = rl.layers.spatialDropout2d({ rate: 0.5, seed: 3, dataFormat: 'channelsFirst' });
  const x = tf.ones([2, 10, 3, 3]);
  const ys = (layer.apply(x, { training: true }) as tf.Tensor).arraySync() as number[][][][];
  for (const example of ys) for (const map of example) assert.ok(map.flat().every((v) => v === map[0][0]));
  x.dispose();
});

test('identity at inference (predict and apply without training)', () => {
  const layer = rl.layers.spatialDropout2d({ rate: 0.7 });
  const x = tf.randomNormal([2, 3, 3, 4]);
  const y = layer.apply(x) as tf.Tensor;
  assert.deepEqual(y.arraySync(), x.arraySync());
  const model = convModel();
  const img = tf.randomNormal([2, 6, 6, 2]);
  const p1 = model.predict(img) as tf.Tensor;
  // the same network with the dropout layer skipped
  const [conv, , flatten, dense] = model.layers;
  const p2 = dense.apply(flatten.apply(conv.apply(img))) as tf.Tensor;
  assert.deepEqual(p1.arraySync(), p2.arraySync());
  img.dispose();
  tf.dispose([x, y, p1, p2]);
});

test('bad arguments are rejected with the argument name', () => {
  assert.throws(() => rl.layers.spatialDropout2d({ rate: 1 }), /`rate`.*received 1/);
  assert.throws(() => rl.layers.spatialDropout2d({ rate: 0.1, dataFormat: 'nhwc' as 'channelsLast' }), /`dataFormat`.*nhwc/);
  const layer = rl.layers.spatialDropout2d({ rate: 0.1 });
  const x = tf.ones([2, 3]);
  assert.throws(() => layer.apply(x, { training: true }), /rank-4.*\[2,3\]/);
  x.dispose();
});

test('a seeded layer reproduces its sequence of masks in a fresh instance', () => {
  const x = tf.ones([3, 2, 2, 6]);
  const run = () => {
    const layer = rl.layers.spatialDropout2d({ rate: 0.5, seed: 9 });
    return [0, 1].map(() => (layer.apply(x, { training: true }) as tf.Tensor).arraySync());
  };
  const [a, b] = [run(), run()];
  assert.deepEqual(a, b);
  assert.notDeepEqual(a[0], a[1]); // successive calls draw new masks
  x.dispose();
});

test('serialization round trip: config and inference output survive save/load', async () => {
  const model = convModel(5);
  const x = tf.randomNormal([3, 6, 6, 2], 0, 1, 'float32', 4);
  const before = model.predict(x) as tf.Tensor;
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (a) => {
    artifacts = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts!));
  const layer = loaded.layers[1] as rl.layers.SpatialDropout2D;
  assert.equal(layer.getClassName(), 'SpatialDropout2D');
  assert.ok(layer instanceof rl.layers.SpatialDropout2D);
  assert.equal(layer.rate, 0.5);
  assert.equal(layer.seed, 5);
  assert.equal(layer.dataFormat, 'channelsLast');
  const after = loaded.predict(x) as tf.Tensor;
  assert.deepEqual(after.arraySync(), before.arraySync());
  tf.dispose([x, before, after]);
});

test('no tensor leaks across training steps of a model with the layer', async () => {
  const model = convModel();
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  const x = tf.randomNormal([8, 6, 6, 2]);
  const y = tf.randomNormal([8, 2]);
  await model.trainOnBatch(x, y);
  const before = tf.memory().numTensors;
  for (let i = 0; i < 5; i += 1) await model.trainOnBatch(x, y);
  assert.equal(tf.memory().numTensors, before);
  tf.dispose([x, y]);
});
