import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import * as rl from '../../src';
import { assertFollowsFixture, assertRelClose, leastSquares, loadFixture, maxRelError, saveToMemory } from './helpers';

interface AdamWCase { learningRate: number; beta1: number; beta2: number; epsilon: number; weightDecay: number; amsgrad: boolean }
const fixture = loadFixture<AdamWCase>('torch-adamw.json');
const optionsOf = (c: AdamWCase) => ({
  learningRate: c.learningRate, beta1: c.beta1, beta2: c.beta2, epsilon: c.epsilon, weightDecay: c.weightDecay, amsgrad: c.amsgrad,
});

before(async () => {
  await tf.setBackend('cpu');
});

describe('adamw matches torch.optim.AdamW (fixture, float64 reference)', () => {
  for (const c of fixture.cases) {
    it(`lr ${c.learningRate}, weightDecay ${c.weightDecay}${c.amsgrad ? ', amsgrad' : ''}: ≤ 1e-4 relative at steps 1, 2, 10, 100`, () => {
      assertFollowsFixture(fixture, c.at, rl.optimizers.adamw(optionsOf(c)));
    });
  }

  it('through model.compile + model.fit (Dense layer, full batch) as well', async () => {
    for (const c of fixture.cases.filter((k) => k.weightDecay > 0)) {
      const layer = tf.layers.dense({ inputShape: [fixture.kernel0.length], units: 1 });
      const model = tf.sequential({ layers: [layer] });
      layer.setWeights([tf.tensor2d(fixture.kernel0, [fixture.kernel0.length, 1]), tf.tensor1d(fixture.bias0)]);
      model.compile({ optimizer: rl.optimizers.adamw(optionsOf(c)), loss: 'meanSquaredError' });
      const xs = tf.tensor2d(fixture.X);
      const ys = tf.tensor2d(fixture.y, [fixture.y.length, 1]);
      await model.fit(xs, ys, { epochs: fixture.steps, batchSize: fixture.y.length, shuffle: false, verbose: 0 });
      const [kernel, bias] = layer.getWeights().map((w) => w.dataSync());
      assert.ok(maxRelError({ kernel, bias }, c.at['100']) <= 1e-4, `lr ${c.learningRate} wd ${c.weightDecay}`);
      model.dispose();
      tf.dispose([xs, ys]);
    }
  });
});

describe('the update rule by arithmetic', () => {
  it('step 1: θ(1 − lr·λ) − lr·g/(|g| + ε), since m̂ = g and v̂ = g²', () => {
    const theta = tf.variable(tf.tensor1d([2, -1, 0.5]), true, 'arith_adamw/w');
    const target = [1, 1, 1];
    const lr = 0.1;
    const wd = 0.3;
    const eps = 1e-8;
    const optimizer = rl.optimizers.adamw({ learningRate: lr, weightDecay: wd, epsilon: eps });
    // loss = ½‖θ − target‖², gradient θ − target = [1, −2, −0.5]
    optimizer.minimize(() => tf.mul(0.5, tf.sum(tf.square(tf.sub(theta, target)))) as tf.Scalar);
    const g = [1, -2, -0.5];
    const expected = [2, -1, 0.5].map((t, i) => t * (1 - lr * wd) - (lr * g[i]) / (Math.abs(g[i]) + eps));
    assertRelClose(theta.dataSync(), expected, 1e-6, 'θ1');
    optimizer.dispose();
    theta.dispose();
  });

  it('with weightDecay 0 it is Adam: agrees with tf.train.adam given the same ε', () => {
    const run = (optimizer: tf.Optimizer, name: string) => {
      const w = tf.variable(tf.tensor1d([0.3, -0.7, 1.1]), true, name);
      for (let i = 0; i < 50; i++) {
        optimizer.minimize(() => tf.sum(tf.mul(tf.square(tf.sub(w, [1, 2, 3])), [1, 10, 100])) as tf.Scalar);
      }
      const out = Array.from(w.dataSync());
      w.dispose();
      optimizer.dispose();
      return out;
    };
    const ours = run(rl.optimizers.adamw({ learningRate: 0.05, weightDecay: 0 }), 'adam_cmp/a');
    const theirs = run(tf.train.adam(0.05, 0.9, 0.999, 1e-8), 'adam_cmp/b');
    assertRelClose(ours, theirs, 1e-5, 'w');
  });

  it('zero gradient: decayed variables shrink by exactly (1 − lr·λ); decayBiasAndNorm: false spares bias, gamma, beta', () => {
    const names = ['dense/kernel', 'dense/bias', 'bn/gamma', 'bn/beta', 'dense/kernel_1', 'dense/bias_1'];
    for (const decayBiasAndNorm of [true, false]) {
      const vars = names.map((n) => tf.variable(tf.ones([2]), true, `dec_${decayBiasAndNorm}/${n}`));
      const optimizer = rl.optimizers.adamw({ learningRate: 0.1, weightDecay: 0.5, decayBiasAndNorm });
      optimizer.applyGradients(Object.fromEntries(vars.map((v) => [v.name, tf.zeros([2])])));
      const values = vars.map((v) => v.dataSync()[0]);
      const expected = names.map((n) => (decayBiasAndNorm || /kernel/.test(n) ? 0.95 : 1));
      assertRelClose(values, expected, 1e-7, `decayBiasAndNorm ${decayBiasAndNorm}`);
      optimizer.dispose();
      tf.dispose(vars);
    }
  });

  it('excludeFromWeightDecay(name) leaves chosen variables alone', () => {
    const a = tf.variable(tf.ones([1]), true, 'excl/embedding');
    const b = tf.variable(tf.ones([1]), true, 'excl/kernel');
    const optimizer = rl.optimizers.adamw({ learningRate: 0.1, weightDecay: 0.5, excludeFromWeightDecay: (n) => n.endsWith('embedding') });
    optimizer.applyGradients({ [a.name]: tf.zeros([1]), [b.name]: tf.zeros([1]) });
    assert.deepEqual([a.dataSync()[0], b.dataSync()[0]], [1, Math.fround(0.95)]);
    optimizer.dispose();
    tf.dispose([a, b]);
  });
});

describe('hygiene and serialization', () => {
  it('no tensor leaks across 100 steps', () => {
    const problem = leastSquares(fixture);
    const optimizer = rl.optimizers.adamw({ learningRate: 0.01, amsgrad: true });
    optimizer.minimize(problem.loss); // creates the moment variables
    const before = tf.memory().numTensors;
    for (let i = 0; i < 100; i++) optimizer.minimize(problem.loss);
    assert.equal(tf.memory().numTensors, before);
    optimizer.dispose();
    problem.dispose();
  });

  it('getConfig / fromConfig round trip under class name AdamW (not tfjs\'s Adam)', () => {
    const optimizer = rl.optimizers.adamw({ learningRate: 0.02, beta1: 0.8, beta2: 0.99, epsilon: 1e-6, weightDecay: 0.1, amsgrad: true, decayBiasAndNorm: false });
    assert.equal(optimizer.getClassName(), 'AdamW');
    const [cls, fromConfig] = tf.serialization.SerializationMap.getMap().classNameMap.AdamW;
    const copy = fromConfig(cls, optimizer.getConfig()) as rl.optimizers.AdamW;
    assert.ok(copy instanceof rl.optimizers.AdamW);
    assert.deepEqual(copy.getConfig(), optimizer.getConfig());
  });

  it('model.save with includeOptimizer, then load: training continues identically', async () => {
    const xs = tf.tensor2d(fixture.X);
    const ys = tf.tensor2d(fixture.y, [fixture.y.length, 1]);
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [5], units: 3, activation: 'tanh' }), tf.layers.dense({ units: 1 })] });
    model.compile({ optimizer: rl.optimizers.adamw({ learningRate: 0.01, weightDecay: 0.1, amsgrad: true }), loss: 'meanSquaredError' });
    const fitOptions = { epochs: 3, batchSize: 32, shuffle: false, verbose: 0 as const };
    await model.fit(xs, ys, fitOptions);
    const saved = await saveToMemory(model);
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved));
    assert.ok(loaded.optimizer instanceof rl.optimizers.AdamW);
    assert.deepEqual((loaded.optimizer as rl.optimizers.AdamW).getConfig(), (model.optimizer as rl.optimizers.AdamW).getConfig());
    await model.fit(xs, ys, fitOptions);
    await loaded.fit(xs, ys, fitOptions);
    const weights = (m: tf.LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));
    const [a, b] = [weights(model), weights(loaded)];
    a.forEach((w, i) => assertRelClose(b[i], w, 1e-6, `weight ${i}`));
  });

  it('bad options are rejected with the argument and the value', () => {
    assert.throws(() => rl.optimizers.adamw(0.001 as never), /options object.*received 0\.001/);
    assert.throws(() => rl.optimizers.adamw({ learningRate: -1 }), /`learningRate` must be a finite number > 0; received -1/);
    assert.throws(() => rl.optimizers.adamw({ beta1: 1 }), /`beta1` must be a number in \[0, 1\); received 1/);
    assert.throws(() => rl.optimizers.adamw({ beta2: NaN }), /`beta2`.*received NaN/);
    assert.throws(() => rl.optimizers.adamw({ weightDecay: -0.1 }), /`weightDecay` must be a finite number ≥ 0; received -0\.1/);
    assert.throws(() => rl.optimizers.adamw({ amsgrad: 'yes' as never }), /rl\.optimizers\.adamw: `amsgrad` must be true or false; received 'yes'$/);
    assert.throws(() => rl.optimizers.adamw({ lr: 0.1 } as never), /unknown option `lr`/);
    assert.throws(() => rl.optimizers.adamw({ excludeFromWeightDecay: 'bias' as never }), /`excludeFromWeightDecay` must be a list of variable-name patterns \(strings\) or a function/);
  });
});
