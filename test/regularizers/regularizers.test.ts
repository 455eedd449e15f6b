import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import * as rl from '../../src';

const close = (actual: number, expected: number, tol = 1e-6) =>
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `${actual} ≠ ${expected}`);

const value = (r: rl.regularizers.Regularizer, x: tf.Tensor): number => {
  const penalty = r.apply(x);
  const v = penalty.dataSync()[0];
  penalty.dispose();
  return v;
};

before(async () => {
  await tf.setBackend('cpu');
});

describe('penalty values (arithmetic)', () => {
  const w = tf.tensor2d([[1, -2], [3, -4]]);

  it('l1 = λ·Σ|w|', () => close(value(rl.regularizers.l1({ l1: 0.01 }), w), 0.01 * (1 + 2 + 3 + 4)));
  it('l2 = λ·Σw² (no ½)', () => close(value(rl.regularizers.l2({ l2: 0.01 }), w), 0.01 * (1 + 4 + 9 + 16)));
  it('defaults are 0.01 like tfjs and Keras', () => {
    close(value(rl.regularizers.l1(), w), 0.1);
    close(value(rl.regularizers.l2(), w), 0.3);
  });
  it("elasticNet = α·r·Σ|w| + (α/2)(1−r)·Σw² (scikit-learn's convention)", () => {
    close(value(rl.regularizers.elasticNet({ alpha: 0.1, l1Ratio: 0.25 }), w), 0.1 * 0.25 * 10 + 0.05 * 0.75 * 30);
    close(value(rl.regularizers.elasticNet({ alpha: 0.1, l1Ratio: 1 }), w), 0.1 * 10);
    close(value(rl.regularizers.elasticNet({ alpha: 0.1, l1Ratio: 0 }), w), 0.05 * 30);
  });
  it('elasticNet equals tfjs l1l2 with l1 = α·r, l2 = α(1−r)/2', () => {
    const ours = value(rl.regularizers.elasticNet({ alpha: 0.3, l1Ratio: 0.6 }), w);
    const theirs = tf.regularizers.l1l2({ l1: 0.3 * 0.6, l2: 0.15 * 0.4 }).apply(w).dataSync()[0];
    close(ours, theirs, 1e-6);
  });
  it('orthogonal, rows: mean |cosine| between distinct rows', () => {
    const m = tf.tensor2d([[1, 0], [0, 1], [1, 1]]);
    // rows (1,0), (0,1), (1,1)/√2: cosines 0, 1/√2, 1/√2; mean over the 6 ordered pairs = √2/3
    close(value(rl.regularizers.orthogonal({ factor: 0.1 }), m), (0.1 * Math.SQRT2) / 3);
    close(value(rl.regularizers.orthogonal({ factor: 1, mode: 'rows' }), tf.tensor2d([[1, 0], [1, 1]])), Math.SQRT1_2);
  });
  it('orthogonal, columns: columns (1,0,1)/√2 and (0,1,1)/√2 have cosine ½', () => {
    close(value(rl.regularizers.orthogonal({ factor: 0.1, mode: 'columns' }), tf.tensor2d([[1, 0], [0, 1], [1, 1]])), 0.05);
  });
  it('orthogonal is 0 for orthogonal rows (whatever their scale) and factor for parallel rows', () => {
    close(value(rl.regularizers.orthogonal({ factor: 0.5 }), tf.tensor2d([[3, 0, 0], [0, -2, 0]])), 0);
    close(value(rl.regularizers.orthogonal({ factor: 0.5 }), tf.tensor2d([[1, 2], [2, 4], [-3, -6]])), 0.5);
  });
  it('orthogonal rejects non-matrices', () => {
    assert.throws(() => rl.regularizers.orthogonal().apply(tf.tensor1d([1, 2])), /rl\.regularizers\.orthogonal: `weight` must be a matrix \(rank 2\); received shape \[2\]$/);
  });
  it('apply() leaves no tensor behind but its result', () => {
    const before = tf.memory().numTensors;
    for (const r of [rl.regularizers.l1(), rl.regularizers.l2(), rl.regularizers.elasticNet(), rl.regularizers.orthogonal()]) {
      r.apply(w).dispose();
    }
    assert.equal(tf.memory().numTensors, before);
  });
});

describe('argument validation', () => {
  const bad: [() => unknown, RegExp][] = [
    [() => rl.regularizers.l1(0.1 as never), /options object.*received 0\.1/],
    [() => rl.regularizers.l2('0.1' as never), /rl\.regularizers\.l2: `options` must be an options object like \{ l2: … \}; received '0\.1'$/],
    [() => rl.regularizers.l2([0.1] as never), /received \[0\.1\]/],
    [() => rl.regularizers.l1({ l1: -1 }), /`l1` must be a finite number ≥ 0; received -1/],
    [() => rl.regularizers.l2({ l2: NaN }), /`l2` must be a finite number ≥ 0; received NaN/],
    [() => rl.regularizers.l2({ l2: Infinity }), /received Infinity/],
    [() => rl.regularizers.l2({ l1: 0.1 } as never), /unknown option `l1`/],
    [() => rl.regularizers.elasticNet({ l1Ratio: 1.5 }), /`l1Ratio` must be a number in \[0, 1\]; received 1\.5/],
    [() => rl.regularizers.elasticNet({ alpha: '1' as never }), /rl\.regularizers\.elasticNet: `alpha` must be a finite number ≥ 0; received '1'$/],
    [() => rl.regularizers.orthogonal({ mode: 'diag' as never }), /rl\.regularizers\.orthogonal: `mode` must be one of 'rows', 'columns'; received 'diag'$/],
    [() => rl.regularizers.orthogonal({ factor: -0.5 }), /`factor`.*received -0\.5/],
  ];
  for (const [make, message] of bad) {
    it(`rejects with ${message}`, () => assert.throws(make, message));
  }
});

describe('serialization', () => {
  const registry = () => tf.serialization.SerializationMap.getMap().classNameMap;

  it('registers under Keras class names and round-trips through getConfig/fromConfig', () => {
    const cases: [rl.regularizers.Regularizer, string][] = [
      [rl.regularizers.l1({ l1: 0.2 }), 'L1'],
      [rl.regularizers.l2({ l2: 0.3 }), 'L2'],
      [rl.regularizers.elasticNet({ alpha: 0.4, l1Ratio: 0.7 }), 'ElasticNet'],
      [rl.regularizers.orthogonal({ factor: 0.5, mode: 'columns' }), 'OrthogonalRegularizer'],
    ];
    for (const [r, name] of cases) {
      assert.equal(r.getClassName(), name);
      const [cls, fromConfig] = registry()[name];
      const copy = fromConfig(cls, r.getConfig()) as rl.regularizers.Regularizer;
      assert.deepEqual(copy.getConfig(), r.getConfig());
      assert.equal(copy.constructor, r.constructor);
    }
  });

  it('a model using them saves and loads back with identical predictions and regularizers', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.dense({
          inputShape: [4], units: 3, activation: 'tanh',
          kernelRegularizer: rl.regularizers.elasticNet({ alpha: 0.02, l1Ratio: 0.3 }),
          biasRegularizer: rl.regularizers.l2({ l2: 0.05 }),
        }),
        tf.layers.dense({ units: 3, kernelRegularizer: rl.regularizers.orthogonal({ factor: 0.1, mode: 'columns' }) }),
        tf.layers.dense({ units: 1, kernelRegularizer: rl.regularizers.l1({ l1: 0.03 }) }),
      ],
    });
    let saved: tf.io.ModelArtifacts | undefined;
    await model.save(tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    assert.ok(saved);
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved));
    const x = tf.tensor2d([[0.1, -0.2, 0.3, 0.4], [1, 2, -3, 0.5], [0, 0, 0, 0]]);
    assert.deepEqual(Array.from((loaded.predict(x) as tf.Tensor).dataSync()), Array.from((model.predict(x) as tf.Tensor).dataSync()));

    const regularizersOf = (m: tf.LayersModel) => m.layers.map((layer) => {
      const config = layer.getConfig();
      return [config.kernelRegularizer, config.biasRegularizer];
    });
    assert.deepEqual(regularizersOf(loaded), regularizersOf(model));
    assert.deepEqual(regularizersOf(loaded)[0], [
      { className: 'ElasticNet', config: { alpha: 0.02, l1Ratio: 0.3 } },
      { className: 'L2', config: { l2: 0.05 } },
    ]);
  });
});

describe('inside model.fit', () => {
  it('the reported loss is the data loss plus the penalties', async () => {
    const alpha = 0.1;
    const l1Ratio = 0.4;
    const layer = tf.layers.dense({
      inputShape: [2], units: 1, kernelInitializer: 'zeros', biasInitializer: 'zeros',
      kernelRegularizer: rl.regularizers.elasticNet({ alpha, l1Ratio }),
    });
    const model = tf.sequential({ layers: [layer] });
    layer.setWeights([tf.tensor2d([[0.5], [-1.5]]), tf.tensor1d([0.25])]);
    model.compile({ optimizer: tf.train.sgd(0), loss: 'meanSquaredError' });
    const xs = tf.tensor2d([[1, 2], [3, -1]]);
    const ys = tf.tensor2d([[0], [1]]);
    const history = await model.fit(xs, ys, { epochs: 1, batchSize: 2, verbose: 0 });
    // predictions 0.5 − 3 + 0.25 = −2.25 and 1.5 + 1.5 + 0.25 = 3.25; MSE = (2.25² + 2.25²)/2
    const mse = 2.25 ** 2;
    const penalty = alpha * l1Ratio * 2 + (alpha / 2) * (1 - l1Ratio) * (0.25 + 2.25);
    close(history.history.loss[0] as number, mse + penalty, 1e-6);
  });
});
