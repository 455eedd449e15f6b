// rl.config: smoke mode, budgets, and seeds that make tfjs training reproducible.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as config from '../src/config';
import * as backend from '../src/backend';

const root = join(__dirname, '..');

/** Runs a snippet in a fresh Node process (tsx) with the given environment; returns stdout. */
function runSnippet(code: string, env: Record<string, string | undefined>): string {
  const result = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], {
    cwd: root, env: { ...process.env, ...env }, encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim();
}

test('smoke is read from REGLAB_SMOKE when reglab loads', () => {
  const code = "const c = require('./src/config'); console.log(String(c.smoke))";
  assert.equal(runSnippet(code, { REGLAB_SMOKE: '1' }), 'true');
  assert.equal(runSnippet(code, { REGLAB_SMOKE: 'true' }), 'true');
  assert.equal(runSnippet(code, { REGLAB_SMOKE: '0' }), 'false');
  assert.equal(runSnippet(code, { REGLAB_SMOKE: undefined }), 'false');
});

test('setSmoke switches the mode and budget follows it', () => {
  const before = config.smoke;
  try {
    config.setSmoke(true);
    assert.equal(config.smoke, true);
    assert.equal(config.budget({ full: 200, smoke: 20 }), 20);
    config.setSmoke(false);
    assert.equal(config.smoke, false);
    assert.equal(config.budget({ full: 200, smoke: 20 }), 200);
    assert.deepEqual(config.budget({ full: [1, 2], smoke: [1] }), [1, 2]);
  } finally {
    config.setSmoke(before);
  }
});

test('bad arguments are named with the value received', () => {
  assert.throws(() => config.setSmoke('yes' as unknown as boolean), { name: 'TypeError', message: "rl.config.setSmoke: `on` must be true or false; received 'yes'" });
  assert.throws(() => config.budget({ full: 1 } as unknown as config.Budget<number>), /`sizes` must be an object \{ full, smoke \}/);
  assert.throws(() => config.seed(Number.NaN), /`n` must be a finite number; received NaN/);
  assert.throws(() => config.seed('7' as unknown as number), /received '7'/);
  assert.throws(() => config.prng(1).int(0), { name: 'RangeError', message: 'rl.config.prng().int: `n` must be an integer ≥ 1; received 0' });
});

test("prng is seedrandom's Alea: the documented first draw for seed 'hello.'", () => {
  // seedrandom's README: new alea('hello.')() is always 0.4783254903741181.
  assert.equal(config.prng('hello.').random(), 0.4783254903741181);
});

test('seed makes random, randomNormal and Math.random repeat; other seeds differ', () => {
  const draw = () => [config.random(), config.randomNormal(), Math.random(), config.randomNormal()];
  config.seed(42);
  const a = draw();
  config.seed(42);
  const b = draw();
  config.seed(43);
  const c = draw();
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  assert.equal(config.currentSeed(), 43);
  config.unseed();
  assert.equal(config.currentSeed(), undefined);
});

test('a local prng does not disturb the global stream', () => {
  config.seed(5);
  const expected = [config.random(), config.random()];
  config.seed(5);
  const first = config.random();
  config.prng(99).shuffle([1, 2, 3, 4]);
  assert.deepEqual([first, config.random()], expected);
});

test('random is uniform on [0,1) and randomNormal is N(0,1) (moments of 20000 draws)', () => {
  config.seed(2024);
  const n = 20000;
  const u = Array.from({ length: n }, config.random);
  const z = Array.from({ length: n }, config.randomNormal);
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const variance = (v: number[]) => { const m = mean(v); return mean(v.map((x) => (x - m) ** 2)); };
  assert.ok(u.every((x) => x >= 0 && x < 1));
  // Standard errors: uniform mean 0.5 ± 0.002, var 1/12 ± 0.0005; normal mean 0 ± 0.007, var 1 ± 0.01.
  assert.ok(Math.abs(mean(u) - 0.5) < 0.01, `uniform mean ${mean(u)}`);
  assert.ok(Math.abs(variance(u) - 1 / 12) < 0.003, `uniform variance ${variance(u)}`);
  assert.ok(Math.abs(mean(z)) < 0.03, `normal mean ${mean(z)}`);
  assert.ok(Math.abs(variance(z) - 1) < 0.05, `normal variance ${variance(z)}`);
  config.unseed();
});

test('prng.shuffle is a permutation', () => {
  const items = Array.from({ length: 50 }, (_, i) => i);
  const shuffled = config.prng(3).shuffle(items);
  assert.notDeepEqual(shuffled, items);
  assert.deepEqual([...shuffled].sort((p, q) => p - q), items);
});

/** Seeds, builds and fits a small model with dropout and shuffled batches; returns all weights. */
async function trainedWeights(seedValue: number): Promise<number[]> {
  config.seed(seedValue);
  const xs = tf.randomNormal([64, 4]);
  const ys = tf.randomUniform([64, 1]);
  const model = tf.sequential({ layers: [
    tf.layers.dense({ units: 8, activation: 'relu', inputShape: [4] }),
    tf.layers.dropout({ rate: 0.5 }),
    tf.layers.dense({ units: 1 }),
  ] });
  model.compile({ optimizer: tf.train.sgd(0.05), loss: 'meanSquaredError' });
  await model.fit(xs, ys, { epochs: 3, batchSize: 8, shuffle: true, verbose: 0 });
  const weights = model.getWeights().flatMap((w) => Array.from(w.dataSync()));
  model.dispose();
  tf.dispose([xs, ys]);
  return weights;
}

for (const name of ['cpu', 'wasm'] as const) {
  test(`two runs seeded alike train identical weights on ${name} (initializers, dropout, shuffling)`, async () => {
    await backend.ready({ prefer: name, quiet: true });
    assert.equal(tf.getBackend(), name);
    const a = await trainedWeights(7);
    const b = await trainedWeights(7);
    const c = await trainedWeights(8);
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
    config.unseed();
  });
}

test('the seed reaches each source of randomness: dropout masks and fit shuffling alone', async () => {
  await backend.ready({ prefer: 'cpu', quiet: true });
  config.seed(11);
  const mask1 = Array.from(tf.tidy(() => tf.dropout(tf.ones([100]), 0.5)).dataSync());
  const order1 = tf.util.createShuffledIndices(20);
  config.seed(11);
  const mask2 = Array.from(tf.tidy(() => tf.dropout(tf.ones([100]), 0.5)).dataSync());
  const order2 = tf.util.createShuffledIndices(20);
  assert.deepEqual(mask1, mask2);
  assert.deepEqual(Array.from(order1), Array.from(order2));
  // Inverted dropout: kept units are scaled by 1/(1-0.5) = 2.
  assert.ok(mask1.every((v) => v === 0 || v === 2));
  config.unseed();
});
