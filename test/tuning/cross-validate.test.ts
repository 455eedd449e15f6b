// rl.tuning.crossValidate and oneStandardError: closed forms and arithmetic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tuning from '../../src/tuning';
import { kFold } from '../../src/data';

const meanModel = (_X: number[][], y: number[]) => {
  const m = y.reduce((s, v) => s + v, 0) / y.length;
  return { predict: (X: number[][]) => X.map(() => m) };
};

test('leave-one-out of the mean predictor: error_i = (n/(n−1))²(y_i − ȳ)²', async () => {
  const y = [1, 4, 2, 8, 5];
  const X = y.map((_, i) => [i]);
  const n = y.length;
  const folds = y.map((_, i) => ({ train: y.map((__, j) => j).filter((j) => j !== i), test: [i] }));
  const cv = await tuning.crossValidate(meanModel, X, y, { folds });
  const ybar = y.reduce((s, v) => s + v, 0) / n;
  const expected = y.map((v) => ((n / (n - 1)) * (v - ybar)) ** 2);
  cv.scores.forEach((s, i) => assert.ok(Math.abs(s - expected[i]) < 1e-12));
  const mean = expected.reduce((s, v) => s + v, 0) / n;
  const std = Math.sqrt(expected.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  assert.ok(Math.abs(cv.mean - mean) < 1e-12);
  assert.ok(Math.abs(cv.std - std) < 1e-12);
  assert.ok(Math.abs(cv.standardError - std / Math.sqrt(n)) < 1e-12);
});

test('fit only ever sees the training rows of its fold; folds follow rl.data.kFold', async () => {
  const X = Array.from({ length: 23 }, (_, i) => [i]);
  const y = X.map(([v]) => 2 * v + 1);
  const received: number[][] = [];
  const cv = await tuning.crossValidate((Xt, yt) => {
    received.push(Xt.map(([v]) => v));
    return { predict: (Xp: number[][]) => Xp.map(([v]) => 2 * v + 1) };
  }, X, y, { k: 4, seed: 7, trainScore: true });
  const folds = kFold(23, { k: 4, seed: 7 });
  assert.deepEqual(cv.folds, folds);
  received.forEach((rows, f) => {
    assert.deepEqual(rows, folds[f].train);
    assert.ok(rows.every((r) => !folds[f].test.includes(r)));
  });
  assert.deepEqual(cv.scores, [0, 0, 0, 0]); // the exact model
  assert.deepEqual(cv.trainScores, [0, 0, 0, 0]);
});

test('async fit and predict, custom score (accuracy)', async () => {
  const X = [[0], [1], [2], [3], [4], [5]];
  const y = [0, 0, 0, 1, 1, 1];
  const cv = await tuning.crossValidate(async () => ({ predict: async (Xp: number[][]) => Xp.map(([v]) => (v >= 3 ? 1 : 0)) }), X, y,
    { k: 3, score: tuning.accuracy });
  assert.deepEqual(cv.scores, [1, 1, 1]);
  assert.equal(tuning.accuracy([1, 2, 3, 4], [1, 0, 3, 0]), 0.5);
  assert.equal(tuning.meanSquaredError([1, 2], [3, 2]), 2);
});

test('errors name the argument', async () => {
  await assert.rejects(tuning.crossValidate('fit' as never, [[1], [2]], [1, 2]), /`fit` must be a function/);
  await assert.rejects(tuning.crossValidate(meanModel, [[1], [2]], [1]), { name: 'RangeError', message: 'rl.tuning.crossValidate: `y` must be an array with one value per row of X (2); received [1]' });
  await assert.rejects(tuning.crossValidate(meanModel, [[1], [2], [3]], [1, 2, 3], { k: 4 }), { name: 'RangeError', message: 'rl.tuning.crossValidate: `k` must be an integer in [2, 3]; received 4' });
  await assert.rejects(tuning.crossValidate((() => ({})) as never, [[1], [2]], [1, 2], { k: 2 }), { name: 'TypeError', message: 'rl.tuning.crossValidate: `fit` must be a function returning an object with predict(X) (fold 0); received {}' });
});

test('one-standard-error rule: the simplest candidate within min + SE', () => {
  const c = [
    { value: 0.01, mean: 10, standardError: 1 },
    { value: 0.1, mean: 9, standardError: 1 },
    { value: 1, mean: 9.8, standardError: 1 },
    { value: 3, mean: 10.1, standardError: 1 },
    { value: 10, mean: 12, standardError: 1 },
  ];
  const r = tuning.oneStandardError(c);
  assert.equal(r.best.value, 0.1);
  assert.equal(r.threshold, 10);
  assert.equal(r.chosen.value, 1); // 10.1 > 9 + 1
  assert.equal(tuning.oneStandardError(c, { simpler: 'smallest' }).chosen.value, 0.01);
  assert.throws(() => tuning.oneStandardError([{ value: 1, mean: NaN, standardError: 0 }]), /`candidates\[0\].mean` must be a finite number; received NaN/);
  assert.throws(() => tuning.oneStandardError([]), /`candidates` must be a non-empty array/);
});
