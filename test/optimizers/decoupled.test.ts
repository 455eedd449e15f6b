// The shared decoupled-decay base of AdamW and SGDW: state per variable, no momentum state when
// momentum is 0, serializable decay exclusion, and state saved before the refactor still loads.
process.env.REGLAB_BACKEND ??= 'cpu';
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as rl from '../../src';
import { assertRelClose, saveToMemory } from './helpers';

before(async () => {
  await rl.backend.ready({ quiet: true });
});

/** Adam on one scalar, written from the formulas of Kingma & Ba (2015) in double precision. */
function scalarAdam(lr: number, beta1 = 0.9, beta2 = 0.999, eps = 1e-8) {
  let m = 0;
  let v = 0;
  let t = 0;
  return (theta: number, g: number): number => {
    t += 1;
    m = beta1 * m + (1 - beta1) * g;
    v = beta2 * v + (1 - beta2) * g * g;
    return theta - (lr * (m / (1 - beta1 ** t))) / (Math.sqrt(v / (1 - beta2 ** t)) + eps);
  };
}

let counter = 0;
const scalarVariable = (value: number, name: string) => tf.variable(tf.scalar(value), true, `alt${++counter}/${name}`);

describe('state per variable', () => {
  it('one AdamW over alternating varLists: each variable moves as with its own Adam', () => {
    const a = scalarVariable(1, 'a');
    const b = scalarVariable(-5, 'b');
    const optimizer = rl.optimizers.adamw({ learningRate: 0.1, weightDecay: 0 });
    const lossA = () => tf.square(tf.sub(a, 3)) as tf.Scalar; // gradient 2(a − 3)
    const lossB = () => tf.square(b) as tf.Scalar; // gradient 2b
    const [refA, refB] = [scalarAdam(0.1), scalarAdam(0.1)];
    let [ea, eb] = [1, -5];
    for (let round = 0; round < 4; round++) {
      optimizer.minimize(lossA, false, [a]);
      optimizer.minimize(lossB, false, [b]);
      ea = refA(ea, 2 * (ea - 3));
      eb = refB(eb, 2 * eb);
      if (round === 0) {
        // Adam's first step has length lr whatever the gradient: m̂ = g, √v̂ = |g|, so b = −5 + 0.1.
        assert.ok(Math.abs(b.dataSync()[0] - -4.9) < 1e-6, `b after its first step: ${b.dataSync()[0]}, expected -4.9`);
      }
      assertRelClose(a.dataSync(), [ea], 1e-5, `a, round ${round}`);
      assertRelClose(b.dataSync(), [eb], 1e-5, `b, round ${round}`);
    }
    optimizer.dispose();
    tf.dispose([a, b]);
  });

  it('SGDW momentum state follows the variable too', () => {
    const a = scalarVariable(2, 'a');
    const b = scalarVariable(-1, 'b');
    const optimizer = rl.optimizers.sgdw({ learningRate: 0.1, momentum: 0.5, weightDecay: 0 });
    // loss a²: g = 2a; buffer b₁ = g₁, then b ← 0.5·b + g. a: 2 → 1.6 → (g 3.2, buf 0.5·4 + 3.2 = 5.2) 1.08
    optimizer.minimize(() => tf.square(a) as tf.Scalar, false, [a]);
    optimizer.minimize(() => tf.square(b) as tf.Scalar, false, [b]); // b: −1 → −0.8
    optimizer.minimize(() => tf.square(a) as tf.Scalar, false, [a]);
    assertRelClose(a.dataSync(), [1.08], 1e-6, 'a');
    assertRelClose(b.dataSync(), [-0.8], 1e-6, 'b');
    optimizer.dispose();
    tf.dispose([a, b]);
  });
});

describe('SGDW without momentum keeps no state (as PyTorch)', () => {
  it('no buffer variable is allocated and none is saved', async () => {
    const w = scalarVariable(1, 'w');
    const optimizer = rl.optimizers.sgdw({ learningRate: 0.1, weightDecay: 0 });
    optimizer.minimize(() => tf.square(w) as tf.Scalar); // creates whatever state it keeps
    const before = tf.memory().numTensors;
    optimizer.minimize(() => tf.square(w) as tf.Scalar);
    assert.equal(tf.memory().numTensors, before);
    const weights = await optimizer.getWeights();
    assert.deepEqual(weights.map((x) => x.name), ['iter']);
    assertRelClose(w.dataSync(), [0.64], 1e-6, 'w after two steps of w ← 0.8·w');
    optimizer.dispose();
    w.dispose();
  });
});

describe('decay exclusion', () => {
  it('a list of name patterns excludes matching variables, as Keras exclude_from_weight_decay', () => {
    const optimizer = rl.optimizers.adamw({ excludeFromWeightDecay: ['embedding', 'norm'] });
    assert.equal(optimizer.decays('emb/embeddings'), false);
    assert.equal(optimizer.decays('layer_norm/gamma'), false);
    assert.equal(optimizer.decays('dense/kernel'), true);
  });

  it('the list survives getConfig/fromConfig and a model save/load', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1, name: 'excl_dense' })] });
    model.compile({ optimizer: rl.optimizers.sgdw({ learningRate: 0.1, weightDecay: 0.5, excludeFromWeightDecay: ['bias'] }), loss: 'meanSquaredError' });
    const saved = await saveToMemory(model);
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved));
    const copy = loaded.optimizer as rl.optimizers.SGDW;
    assert.deepEqual(copy.excludeFromWeightDecay, ['bias']);
    assert.equal(copy.decays('excl_dense/bias'), false);
    assert.equal(copy.decays('excl_dense/kernel'), true);
    model.dispose();
    loaded.dispose();
  });

  it('a function is used but cannot be saved: getConfig warns once', (t) => {
    const warn = t.mock.method(console, 'warn', () => undefined);
    const optimizer = rl.optimizers.adamw({ excludeFromWeightDecay: (n) => n.endsWith('bias') });
    assert.equal(optimizer.decays('d/bias'), false);
    assert.equal(optimizer.getConfig().excludeFromWeightDecay, undefined);
    optimizer.getConfig();
    assert.equal(warn.mock.callCount(), 1);
    assert.match(String(warn.mock.calls[0].arguments[0]), /rl\.optimizers\.adamw: `excludeFromWeightDecay` is a function, which cannot be saved/);
  });

  it('bad exclusions are named', () => {
    assert.throws(() => rl.optimizers.adamw({ excludeFromWeightDecay: 'bias' as never }), {
      name: 'TypeError',
      message: "rl.optimizers.adamw: `excludeFromWeightDecay` must be a list of variable-name patterns (strings) or a function (variableName) => boolean; received 'bias'",
    });
    assert.throws(() => rl.optimizers.sgdw({ excludeFromWeightDecay: ['bias', 3] as never }), {
      name: 'TypeError',
      message: 'rl.optimizers.sgdw: `excludeFromWeightDecay[1]` must be a non-empty string; received 3',
    });
  });
});

interface SavedState {
  modelTopology: tf.io.ModelArtifacts['modelTopology'];
  trainingConfig: tf.io.TrainingConfig;
  weightSpecs: tf.io.WeightsManifestEntry[];
  weightData: string;
  X: number[][];
  y: number[];
  fitOptions: tf.ModelFitArgs;
  optimizerWeights: string[];
  afterThreeMoreEpochs: number[][];
}

function loadSaved(name: string): SavedState {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'optimizers', `${name}.json`), 'utf8')) as SavedState;
}

describe('state saved by the code before the shared base (test/fixtures/optimizers)', () => {
  for (const [name, className] of [['adamw', 'AdamW'], ['sgdw', 'SGDW'], ['sgdw-no-momentum', 'SGDW']] as const) {
    it(`${name}: loads under class ${className}, same slot layout, training resumes as it did then`, async () => {
      const saved = loadSaved(name);
      const bytes = Buffer.from(saved.weightData, 'base64');
      const artifacts: tf.io.ModelArtifacts = {
        modelTopology: saved.modelTopology,
        trainingConfig: saved.trainingConfig,
        weightSpecs: saved.weightSpecs,
        weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
      };
      const model = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
      const optimizer = model.optimizer as rl.optimizers.AdamW | rl.optimizers.SGDW;
      assert.equal(optimizer.getClassName(), className);
      const names = (await optimizer.getWeights()).map((w) => w.name);
      // Momentum 0 used to save a (zero) buffer per variable; now there is none to save.
      const expected = name === 'sgdw-no-momentum' ? ['iter'] : saved.optimizerWeights;
      assert.deepEqual(names, expected);
      const xs = tf.tensor2d(saved.X);
      const ys = tf.tensor2d(saved.y, [saved.y.length, 1]);
      await model.fit(xs, ys, saved.fitOptions);
      model.getWeights().forEach((w, i) => assertRelClose(w.dataSync(), saved.afterThreeMoreEpochs[i], 1e-5, `${name} weight ${i}`));
      tf.dispose([xs, ys]);
      optimizer.dispose();
      model.dispose();
    });
  }
});
