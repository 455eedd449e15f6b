// What every augmentation layer promises: identity at inference, random only in training (and
// model.fit does pass training), reproducible with a seed, shapes kept, no tensor leaks, and a
// model containing them saves and loads with identical inference output.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import * as rl from '../../../src';

before(async () => {
  await tf.setBackend('cpu');
});

type Make = (seed?: number) => tf.layers.Layer;
const LAYERS: [string, Make][] = [
  ['randomFlip', (seed) => rl.layers.randomFlip({ seed })],
  ['randomTranslation', (seed) => rl.layers.randomTranslation({ heightFactor: 0.2, widthFactor: [-0.3, 0.1], seed })],
  ['randomRotation', (seed) => rl.layers.randomRotation({ factor: 0.1, fillMode: 'constant', seed })],
  ['randomZoom', (seed) => rl.layers.randomZoom({ heightFactor: [-0.3, 0.2], widthFactor: 0.1, fillMode: 'nearest', seed })],
  ['randomErasing', (seed) => rl.layers.randomErasing({ probability: 0.9, value: 'random', seed })],
];

const images = (shape: number[], seed = 1) => tf.randomUniform(shape, 0, 1, 'float32', seed);
const run = (layer: tf.layers.Layer, x: tf.Tensor, kwargs?: Record<string, unknown>) => {
  const y = layer.apply(x, kwargs) as tf.Tensor;
  const values = Array.from(y.dataSync());
  const shape = y.shape;
  y.dispose();
  return { values, shape };
};
const same = (a: number[], b: number[]) => a.length === b.length && a.every((v, k) => Object.is(v, b[k]));

for (const [name, make] of LAYERS) {
  describe(name, () => {
    it('is the exact identity at inference (no kwargs, training: false, rank 3 and 4)', () => {
      for (const shape of [[4, 6, 5, 3], [6, 5, 3]]) {
        const x = images(shape);
        const expected = Array.from(x.dataSync());
        for (const kwargs of [undefined, {}, { training: false }]) {
          const out = run(make(0), x, kwargs);
          assert.deepEqual(out.shape, shape);
          assert.ok(same(out.values, expected), `${JSON.stringify(kwargs)} changed the input`);
        }
        x.dispose();
      }
    });

    it('changes images in training and keeps the shape (rank 4 and unbatched rank 3)', () => {
      for (const shape of [[8, 6, 5, 3], [6, 5, 3]]) {
        const x = images(shape);
        const layer = make(5);
        // One draw of a flip or erasing can be the identity; over a few calls it must not be.
        const changed = [0, 1, 2, 3, 4, 5].some(() => {
          const out = run(layer, x, { training: true });
          assert.deepEqual(out.shape, shape);
          return !same(out.values, Array.from(x.dataSync()));
        });
        assert.ok(changed, 'training output never differed from the input');
        x.dispose();
      }
    });

    it('is reproducible with a seed: same sequence from a fresh layer, new draws on each call', () => {
      const x = images([8, 6, 5, 2]);
      const [a, b, c] = [make(11), make(11), make(12)];
      const a1 = run(a, x, { training: true }).values;
      const a2 = run(a, x, { training: true }).values;
      assert.ok(same(run(b, x, { training: true }).values, a1));
      assert.ok(same(run(b, x, { training: true }).values, a2));
      assert.ok(!same(a1, a2), 'two calls drew the same transformation');
      assert.ok(!same(run(c, x, { training: true }).values, a1), 'another seed drew the same transformation');
      x.dispose();
    });

    it('leaks no tensors, in training or at inference', () => {
      const x = images([4, 6, 5, 1]);
      const layer = make(3);
      run(layer, x, { training: true });
      const before = tf.memory().numTensors;
      for (let k = 0; k < 5; k++) {
        run(layer, x, { training: true });
        run(layer, x, { training: false });
      }
      assert.equal(tf.memory().numTensors, before);
      x.dispose();
    });

    it('getConfig → fromConfig rebuilds the same layer', () => {
      const layer = make(9);
      const config = layer.getConfig();
      // What tfjs's deserializer does: the registered class's static fromConfig(cls, config).
      const [Cls, fromConfig] = tf.serialization.SerializationMap.getMap().classNameMap[layer.getClassName()];
      const copy = fromConfig(Cls, config) as tf.layers.Layer;
      assert.deepEqual({ ...copy.getConfig(), name: undefined }, { ...config, name: undefined });
      const x = images([3, 6, 5, 1]);
      assert.ok(same(run(copy, x, { training: true }).values, run(make(9), x, { training: true }).values));
      x.dispose();
    });
  });
}

describe('inside a model', () => {
  const build = () => {
    const model = tf.sequential({
      layers: [
        rl.layers.randomFlip({ inputShape: [8, 8, 1], mode: 'horizontal', seed: 1 }),
        rl.layers.randomTranslation({ heightFactor: 0.125, widthFactor: 0.125, fillMode: 'constant', seed: 2 }),
        rl.layers.randomRotation({ factor: 0.05, seed: 3 }),
        rl.layers.randomZoom({ heightFactor: 0.1, seed: 4 }),
        rl.layers.randomErasing({ probability: 0.5, scale: [0.05, 0.2], seed: 5 }),
        tf.layers.conv2d({ filters: 3, kernelSize: 3, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 6 }) }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 2, kernelInitializer: tf.initializers.glorotUniform({ seed: 7 }) }),
      ],
    });
    model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
    return model;
  };

  it('model.fit calls the layers with training: true; predict and evaluate with training false', async () => {
    const model = build();
    const seen: unknown[] = [];
    const layer = model.layers[2];
    const call = layer.call.bind(layer);
    layer.call = (inputs, kwargs) => {
      seen.push(kwargs?.['training']);
      return call(inputs, kwargs);
    };
    const x = images([6, 8, 8, 1]);
    const y = tf.zeros([6, 2]);
    await model.fit(x, y, { epochs: 1, batchSize: 3, verbose: 0 });
    assert.deepEqual(seen, [true, true]);
    seen.length = 0;
    tf.dispose(model.predict(x) as tf.Tensor);
    tf.dispose(model.evaluate(x, y) as tf.Scalar);
    assert.ok(seen.length >= 2 && seen.every((t) => t !== true), `inference saw training = ${JSON.stringify(seen)}`);
    tf.dispose([x, y]);
  });

  it('trains through model.fit without leaking tensors across epochs', async () => {
    const model = build();
    const x = images([12, 8, 8, 1]);
    const y = tf.randomNormal([12, 2], 0, 1, 'float32', 2);
    await model.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0 });
    const before = tf.memory().numTensors;
    const history = await model.fit(x, y, { epochs: 3, batchSize: 4, verbose: 0 });
    assert.equal(tf.memory().numTensors, before);
    assert.ok(history.history['loss'].every((l) => Number.isFinite(l as number)));
    tf.dispose([x, y]);
  });

  it('saves and loads: same configs, identical inference output, same seeded training draws', async () => {
    const model = build();
    let artifacts: tf.io.ModelArtifacts | undefined;
    await model.save(tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts!));
    assert.deepEqual(loaded.layers.slice(0, 5).map((l) => l.getClassName()),
      ['RandomFlip', 'RandomTranslation', 'RandomRotation', 'RandomZoom', 'RandomErasing']);
    for (let k = 0; k < 5; k++) assert.deepEqual(loaded.layers[k].getConfig(), model.layers[k].getConfig());
    const x = images([5, 8, 8, 1], 9);
    const [p, q] = [model.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor];
    assert.ok(same(Array.from(p.dataSync()), Array.from(q.dataSync())), 'inference output changed after save/load');
    // Seeded layers restart their stream: the loaded pipeline replays a fresh model's draws.
    const pipeline = (m: tf.LayersModel) => m.layers.slice(0, 5).reduce<tf.Tensor>((t, l) => l.apply(t, { training: true }) as tf.Tensor, x);
    const fresh = build();
    const [r, s] = [pipeline(fresh), pipeline(loaded)];
    assert.ok(same(Array.from(r.dataSync()), Array.from(s.dataSync())));
    tf.dispose([x, p, q, r, s]);
  });
});
