// rl.data scalers against scikit-learn, and proof that nothing of the test rows leaks into them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as data from '../../src/data';

const reference = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'reference', 'sklearn-data.json'), 'utf8'));
const { train, other } = reference.standard;
const near = (a: number[][], b: number[][]) =>
  a.forEach((row, i) => row.forEach((v, j) => assert.ok(Math.abs(v - b[i][j]) < 1e-12, `[${i}][${j}] ${v} vs ${b[i][j]}`)));

test("standardScaler equals scikit-learn's StandardScaler (ddof 0, constant column → scale 1)", () => {
  const s = data.standardScaler().fit(train);
  near([s.mean!], [reference.standard.mean]);
  near([s.scale!], [reference.standard.scale]);
  near(s.transform(other), reference.standard.transformOther);
  near(s.inverseTransform(s.transform(other)), other);
});

test("minMaxScaler equals scikit-learn's MinMaxScaler(feature_range=(-1, 2))", () => {
  const m = data.minMaxScaler({ featureRange: [-1, 2] }).fit(train);
  assert.deepEqual(m.dataMin, reference.minmax.dataMin);
  assert.deepEqual(m.dataMax, reference.minmax.dataMax);
  near(m.transform(other), reference.minmax.transformOther);
  near(m.inverseTransform(m.transform(other)), other);
});

test('scalers fitted on the training part carry nothing of the test rows', async () => {
  const { X, y } = await data.load('wine');
  const split = data.trainTestSplit(X, y, { testSize: 0.3, seed: 2 });
  // Parameters computed by hand from the training rows alone.
  const d = X[0].length;
  const n = split.XTrain.length;
  const mean = Array.from({ length: d }, (_, j) => split.XTrain.reduce((s, r) => s + r[j], 0) / n);
  const min = Array.from({ length: d }, (_, j) => Math.min(...split.XTrain.map((r) => r[j])));
  const max = Array.from({ length: d }, (_, j) => Math.max(...split.XTrain.map((r) => r[j])));
  const standard = data.standardScaler().fit(split.XTrain);
  const minmax = data.minMaxScaler().fit(split.XTrain);
  standard.mean!.forEach((m, j) => assert.ok(Math.abs(m - mean[j]) < 1e-9 * Math.abs(mean[j])));
  assert.deepEqual(minmax.dataMin, min);
  assert.deepEqual(minmax.dataMax, max);
  // Transforming the test rows (even wildly changed ones) never moves the fitted parameters.
  const before = JSON.stringify([standard.mean, standard.scale, minmax.dataMin, minmax.dataMax]);
  const poisoned = split.XTest.map((r) => r.map((v) => v * 1000 + 1e6));
  standard.transform(poisoned);
  minmax.transform(poisoned);
  assert.equal(JSON.stringify([standard.mean, standard.scale, minmax.dataMin, minmax.dataMax]), before);
  // And the training rows scale exactly as if the test rows never existed.
  const alone = data.standardScaler().fit(split.XTrain.map((r) => r.slice()));
  assert.deepEqual(standard.transform(split.XTrain), alone.transform(split.XTrain));
  // Test rows beyond the training range map outside [0, 1]: proof the test max was not used.
  assert.ok(minmax.transform(poisoned).some((r) => r.some((v) => v > 1)));
});

test('misuse is explained', () => {
  assert.throws(() => data.standardScaler().transform([[1]]), /standardScaler: call fit\(XTrain\) before transform\(\)/);
  assert.throws(() => data.minMaxScaler().fit([[1, 2]]).transform([[1]]), { name: 'RangeError', message: 'rl.data.minMaxScaler().transform: `X` must be a matrix of 2 columns, as fitted; received 1 columns' });
  assert.throws(() => data.minMaxScaler({ featureRange: [1, 0] }), { name: 'RangeError', message: 'rl.data.minMaxScaler: `featureRange` must be a [low, high] pair with low ≤ high, each a finite number; received [1, 0]' });
});
