// Bad input to rl.tuning (issue 16): overlapping folds, NaN scores, absurd grids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as rl from '../../src';

const meanModel = (_X: number[][], y: number[]) => {
  const m = y.reduce((s, v) => s + v, 0) / y.length;
  return { predict: (X: number[][]) => X.map(() => m) };
};
const X = [[1], [2], [3], [4]];
const y = [1, 2, 3, 4];

test('crossValidate refuses folds whose train and test rows overlap', async () => {
  const folds = [{ train: [0, 1, 2], test: [2, 3] }, { train: [2, 3], test: [0, 1] }];
  await assert.rejects(rl.tuning.crossValidate(meanModel, X, y, { folds }), {
    name: 'RangeError', message: 'rl.tuning.crossValidate: `folds[0]` must be a fold whose train and test rows are disjoint; received 1 shared rows ([2])',
  });
  await assert.rejects(rl.tuning.crossValidate(meanModel, X, y, { folds: [{ train: [0, 1], test: [9] }, { train: [2], test: [3] }] }), {
    name: 'RangeError', message: 'rl.tuning.crossValidate: `folds[0].test[0]` must be an integer in [0, 3]; received 9',
  });
});

test('crossValidate: a NaN score is an error naming the fold, not mean NaN', async () => {
  await assert.rejects(rl.tuning.crossValidate(meanModel, X, y, { k: 2, score: () => NaN }), {
    name: 'RangeError', message: 'rl.tuning.crossValidate: `score` must be a function returning a number, not NaN (held-out fold 0); received NaN',
  });
  await assert.rejects(rl.tuning.crossValidate(meanModel, X, y, { k: 2, shufle: false } as never), /unknown option `shufle` \(did you mean `shuffle`\?\)/);
});

test('absurd grids are refused up front', async () => {
  const big = Array.from({ length: 1000 }, (_, i) => i);
  await assert.rejects(rl.tuning.gridSearch({ a: big, b: big }, () => 0), {
    name: 'RangeError', message: 'rl.tuning.gridSearch: `space` must be a grid of at most 100000 settings (1000 × 1000 = 1000000); received { a: [0, 1, 2, 3, 4, 5, … (length 1000)], b: [0, 1, 2, 3, 4, 5, … (length 1000)] }',
  });
  assert.throws(() => rl.tuning.logGrid(1e-3, 1, 1e9), { name: 'RangeError', message: 'rl.tuning.logGrid: `count` must be an integer in [2, 100000]; received 1000000000' });
  await assert.rejects(rl.tuning.randomSearch({ a: [1] }, () => 0, { trials: 1e7 }), {
    name: 'RangeError', message: 'rl.tuning.randomSearch: `trials` must be an integer in [1, 100000]; received 10000000',
  });
});
