// rl.data.trainTestSplit and kFold: sizes, seeds, stratification, and no leakage between parts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as data from '../../src/data';

const reference = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'reference', 'sklearn-data.json'), 'utf8'));
const rows = (n: number) => Array.from({ length: n }, (_, i) => [i, 10 * i]);
const labels = (n: number, k: number) => Array.from({ length: n }, (_, i) => i % k);

test('test part has ceil(testSize·n) rows; parts are disjoint and cover every row exactly once', () => {
  const X = rows(10);
  const s = data.trainTestSplit(X, labels(10, 2), { testSize: 0.25 });
  assert.equal(s.XTest.length, 3); // ceil(2.5), as scikit-learn
  assert.equal(s.XTrain.length, 7);
  assert.deepEqual([...s.trainIndex, ...s.testIndex].sort((a, b) => a - b), [...Array(10).keys()]);
  assert.equal(new Set(s.trainIndex.filter((i) => s.testIndex.includes(i))).size, 0, 'no row in both parts');
  s.XTest.forEach((row, i) => assert.deepEqual(row, X[s.testIndex[i]]));
  s.XTrain.forEach((row, i) => assert.equal(s.yTrain[i], labels(10, 2)[s.trainIndex[i]]));
  assert.notEqual(s.XTrain[0], X[s.trainIndex[0]], 'rows are copies');
  assert.equal(data.trainTestSplit(X, labels(10, 2), { testSize: 4 }).XTest.length, 4);
});

test('the same seed gives the same split, another seed another; shuffle: false keeps order', () => {
  const X = rows(40);
  const y = labels(40, 2);
  assert.deepEqual(data.trainTestSplit(X, y, { seed: 3 }).testIndex, data.trainTestSplit(X, y, { seed: 3 }).testIndex);
  assert.notDeepEqual(data.trainTestSplit(X, y, { seed: 3 }).testIndex, data.trainTestSplit(X, y, { seed: 4 }).testIndex);
  assert.deepEqual(data.trainTestSplit(X, y, { shuffle: false, testSize: 0.25 }).testIndex, [30, 31, 32, 33, 34, 35, 36, 37, 38, 39]);
});

test('stratify keeps each class share in both parts (breast cancer: 212 malignant / 357 benign)', async () => {
  const { X, y } = await data.load('breast-cancer');
  const s = data.trainTestSplit(X, y, { testSize: 0.2, stratify: true, seed: 1 });
  assert.equal(s.XTest.length, Math.ceil(0.2 * 569)); // 114
  const malignantTest = s.yTest.filter((v) => v === 0).length;
  // exact shares: 114·212/569 = 42.47 → 42 or 43; the rest of the 114 are benign
  assert.ok(malignantTest === 42 || malignantTest === 43, `malignant in test: ${malignantTest}`);
  assert.equal(s.yTrain.filter((v) => v === 0).length, 212 - malignantTest);
});

test('bad arguments name the argument and the value', () => {
  assert.throws(() => data.trainTestSplit(rows(4), [0, 1, 0], {}), { name: 'RangeError', message: 'rl.data.trainTestSplit: `y` must be an array with one entry per row of X (4); received length 3' });
  assert.throws(() => data.trainTestSplit(rows(4), labels(4, 2), { testSize: 1.5 }), /`testSize` must be a fraction in \(0, 1\) or a row count in \[1, 3\]; received 1\.5/);
  assert.throws(() => data.trainTestSplit([[1], [2, 3]], [0, 1]), { name: 'RangeError', message: 'rl.data.trainTestSplit: `X[1]` must be a row of 1 numbers like row 0 (rectangular); received [2, 3]' });
  assert.throws(() => data.trainTestSplit([[1], [Number.NaN]], [0, 1]), /`X\[1\]\[0\]` must be a finite number; received NaN/);
  assert.throws(() => data.trainTestSplit(rows(4), labels(4, 2), { stratify: true, shuffle: false }), { name: 'RangeError', message: 'rl.data.trainTestSplit: `shuffle` must be true when `stratify` is true (as in scikit-learn); received false' });
  assert.throws(() => data.kFold(10, { k: 11 }), /rl\.data\.kFold: `k` must be an integer in \[2, 10\]; received 11$/);
  assert.throws(() => data.kFold(1.5), { name: 'RangeError', message: 'rl.data.kFold: `n` must be an integer in [2, 10000000]; received 1.5' });
});

test("kFold without shuffle equals scikit-learn's KFold(3) over 10 rows", () => {
  assert.deepEqual(data.kFold(10, { k: 3, shuffle: false }), reference.kfold);
});

test('kFold with shuffle: each row held out exactly once, never in its own training part', () => {
  const folds = data.kFold(23, { k: 5, seed: 9 });
  assert.deepEqual(folds.map((f) => f.test.length), [5, 5, 5, 4, 4]);
  const held = folds.flatMap((f) => f.test).sort((a, b) => a - b);
  assert.deepEqual(held, [...Array(23).keys()]);
  for (const f of folds) {
    assert.equal(f.train.length + f.test.length, 23);
    assert.ok(f.test.every((i) => !f.train.includes(i)));
  }
  assert.deepEqual(data.kFold(23, { k: 5, seed: 9 }), folds, 'seeded');
});
