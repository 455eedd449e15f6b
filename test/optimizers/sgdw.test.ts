import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import * as rl from '../../src';
import { assertFollowsFixture, assertRelClose, leastSquares, loadFixture } from './helpers';

interface SGDWCase { learningRate: number; momentum: number; weightDecay: number; nesterov: boolean }
const fixture = loadFixture<SGDWCase>('torch-sgdw.json');

before(async () => {
  await tf.setBackend('cpu');
});

describe('sgdw matches PyTorch SGD preceded by θ ← θ(1 − lr·λ) (fixture)', () => {
  for (const c of fixture.cases) {
    it(`lr ${c.learningRate}, momentum ${c.momentum}, weightDecay ${c.weightDecay}${c.nesterov ? ', nesterov' : ''}`, () => {
      assertFollowsFixture(fixture, c.at, rl.optimizers.sgdw({ learningRate: c.learningRate, momentum: c.momentum, weightDecay: c.weightDecay, nesterov: c.nesterov }));
    });
  }
});

describe('decoupled vs coupled decay under SGD (arithmetic)', () => {
  const target = [1, -2, 3];
  const dataLoss = (w: tf.Variable) => tf.mul(0.5, tf.sum(tf.square(tf.sub(w, target)))) as tf.Scalar;
  const penalized = (w: tf.Variable, lambda: number) => tf.add(dataLoss(w), tf.mul(lambda / 2, tf.sum(tf.square(w)))) as tf.Scalar;
  const trajectory = (optimizer: tf.Optimizer, loss: (w: tf.Variable) => tf.Scalar, name: string, steps = 20) => {
    const w = tf.variable(tf.tensor1d([0.5, 0.5, 0.5]), true, name);
    for (let i = 0; i < steps; i++) optimizer.minimize(() => loss(w));
    const out = Array.from(w.dataSync());
    w.dispose();
    optimizer.dispose();
    return out;
  };

  it('without momentum, sgdw(λ) = SGD on loss + (λ/2)‖w‖²', () => {
    const decoupled = trajectory(rl.optimizers.sgdw({ learningRate: 0.1, weightDecay: 0.5 }), dataLoss, 'cpl/a');
    const coupled = trajectory(tf.train.sgd(0.1), (w) => penalized(w, 0.5), 'cpl/b');
    assertRelClose(decoupled, coupled, 1e-6, 'w');
  });

  it('one step by hand: w(1 − lr·λ) − lr·g', () => {
    const [lr, wd] = [0.1, 0.5];
    const got = trajectory(rl.optimizers.sgdw({ learningRate: lr, weightDecay: wd }), dataLoss, 'cpl/c', 1);
    assertRelClose(got, [0.5, 0.5, 0.5].map((w, i) => w * (1 - lr * wd) - lr * (w - target[i])), 1e-6, 'w1');
  });

  it('with momentum they differ (the penalty gradient enters the momentum buffer, the decay does not)', () => {
    const decoupled = trajectory(rl.optimizers.sgdw({ learningRate: 0.1, momentum: 0.9, weightDecay: 0.5 }), dataLoss, 'cpl/d');
    const coupled = trajectory(tf.train.momentum(0.1, 0.9), (w) => penalized(w, 0.5), 'cpl/e');
    const gap = Math.max(...decoupled.map((v, i) => Math.abs(v - coupled[i])));
    assert.ok(gap > 1e-2, `gap ${gap}`);
  });
});

describe('hygiene, options, serialization', () => {
  it('no tensor leaks across 100 steps (nesterov)', () => {
    const problem = leastSquares(fixture);
    const optimizer = rl.optimizers.sgdw({ learningRate: 0.01, momentum: 0.9, nesterov: true });
    optimizer.minimize(problem.loss);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 100; i++) optimizer.minimize(problem.loss);
    assert.equal(tf.memory().numTensors, before);
    optimizer.dispose();
    problem.dispose();
  });

  it('usable in model.compile; getConfig / fromConfig round trip under SGDW', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [5], units: 1 })] });
    const optimizer = rl.optimizers.sgdw({ learningRate: 0.01, momentum: 0.5, weightDecay: 0.1, decayBiasAndNorm: false });
    model.compile({ optimizer, loss: 'meanSquaredError' });
    const history = await model.fit(tf.tensor2d(fixture.X), tf.tensor1d(fixture.y).reshape([-1, 1]), { epochs: 20, batchSize: 32, verbose: 0 });
    const losses = history.history.loss as number[];
    assert.ok(losses[losses.length - 1] < losses[0]);
    const [cls, fromConfig] = tf.serialization.SerializationMap.getMap().classNameMap.SGDW;
    const copy = fromConfig(cls, { ...optimizer.getConfig(), customObjects: {} }) as rl.optimizers.SGDW;
    assert.ok(copy instanceof rl.optimizers.SGDW);
    assert.deepEqual(copy.getConfig(), optimizer.getConfig());
    assert.equal(optimizer.decays('dense_Dense9/bias'), false);
    assert.equal(optimizer.decays('dense_Dense9/kernel'), true);
  });

  it('bad options are rejected with the argument and the value', () => {
    assert.throws(() => rl.optimizers.sgdw('fast' as never), /rl\.optimizers\.sgdw: `options` must be an options object like \{ learningRate: … \}; received 'fast'$/);
    assert.throws(() => rl.optimizers.sgdw({ learningRate: 0 }), /`learningRate` must be a finite number > 0; received 0/);
    assert.throws(() => rl.optimizers.sgdw({ momentum: -0.9 }), /`momentum` must be a finite number ≥ 0; received -0\.9/);
    assert.throws(() => rl.optimizers.sgdw({ nesterov: true }), /`nesterov` needs momentum > 0/);
    assert.throws(() => rl.optimizers.sgdw({ weightDecay: Infinity }), /`weightDecay`.*received Infinity/);
  });
});
