import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import * as rl from '../../src';

before(async () => {
  await tf.setBackend('cpu'); // exact float32 arithmetic, independent of the wasm build
});

const N = 1_000_000;

for (const rate of [0.5, 0.3]) {
  test(`inverted dropout on 10⁶ elements keeps the mean and drops a fraction ${rate}`, () => {
    const x = tf.randomUniform([1000, 1000], 1, 3, 'float32', 7);
    const y = rl.layers.invertedDropout(x, { rate, seed: 11 });
    const xs = x.dataSync();
    const ys = y.dataSync();
    let zeros = 0;
    let sumX = 0;
    let sumY = 0;
    for (let i = 0; i < N; i += 1) {
      sumX += xs[i];
      sumY += ys[i];
      if (ys[i] === 0) zeros += 1;
      // every kept unit is scaled by exactly 1 / (1 − rate)
      else assert.ok(Math.abs(ys[i] - xs[i] / (1 - rate)) <= 1e-6 * ys[i], `element ${i}`);
    }
    const meanX = sumX / N;
    const meanY = sumY / N;
    assert.ok(Math.abs(meanY - meanX) <= 0.005 * meanX, `mean ${meanY} vs input ${meanX}`);
    assert.ok(Math.abs(zeros / N - rate) <= 0.005 * rate, `zero fraction ${zeros / N} vs rate ${rate}`);
    tf.dispose([x, y]);
  });
}

test('not training: the very same tensor, bit for bit', () => {
  const x = tf.tensor2d([[1.5, -2], [3, 4e-8]]);
  const y = rl.layers.invertedDropout(x, { rate: 0.9, training: false });
  assert.equal(y, x);
  assert.deepEqual(Array.from(y.dataSync()), Array.from(x.dataSync()));
  x.dispose();
});

test('rate 0 is the identity', () => {
  const x = tf.tensor1d([1, 2, 3]);
  assert.equal(rl.layers.invertedDropout(x, { rate: 0 }), x);
  x.dispose();
});

test('a rate outside [0, 1) is rejected with a message naming it and the value', () => {
  const x = tf.ones([3]);
  for (const rate of [-0.1, 1, 1.5, NaN, Infinity]) {
    assert.throws(() => rl.layers.invertedDropout(x, { rate }),
      (e: Error) => e instanceof RangeError && e.message.includes('`rate`') && e.message.includes(String(rate)));
  }
  assert.throws(() => rl.layers.invertedDropout(x, { rate: '0.5' as unknown as number }), /rl\.layers\.invertedDropout: `rate` must be a number in \[0, 1\); received '0\.5'$/);
  assert.throws(() => rl.layers.invertedDropout(x, undefined as unknown as { rate: number }), /`options`/);
  x.dispose();
});

test('a seed reproduces the mask; different seeds differ', () => {
  const x = tf.ones([200]);
  const a = rl.layers.invertedDropout(x, { rate: 0.5, seed: 3 }).arraySync() as number[];
  const b = rl.layers.invertedDropout(x, { rate: 0.5, seed: 3 }).arraySync() as number[];
  const c = rl.layers.invertedDropout(x, { rate: 0.5, seed: 4 }).arraySync() as number[];
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  assert.ok(a.every((v) => v === 0 || v === 2));
  tf.disposeVariables();
});

test('noiseShape shares one draw along broadcast axes', () => {
  const x = tf.ones([50, 8]);
  const y = rl.layers.invertedDropout(x, { rate: 0.5, seed: 5, noiseShape: [50, 1] }).arraySync() as number[][];
  for (const row of y) assert.ok(row.every((v) => v === row[0]), `row ${row}`);
  assert.ok(y.some((r) => r[0] === 0) && y.some((r) => r[0] === 2));
  x.dispose();
});

test('no tensor leaks across steps', () => {
  const x = tf.randomNormal([64, 32]);
  const step = () => rl.layers.invertedDropout(x, { rate: 0.25 }).dispose();
  step();
  const before = tf.memory().numTensors;
  for (let i = 0; i < 20; i += 1) step();
  assert.equal(tf.memory().numTensors, before);
  x.dispose();
});
