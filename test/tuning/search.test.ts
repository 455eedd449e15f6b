// rl.tuning search spaces, gridSearch and randomSearch: expectations by arithmetic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tuning from '../../src/tuning';

test('logGrid and linearGrid: geometric and arithmetic spacing with exact ends', () => {
  const g = tuning.logGrid(1e-3, 1e2, 6);
  [1e-3, 1e-2, 1e-1, 1, 10, 100].forEach((v, i) => assert.ok(Math.abs(g[i] - v) < 1e-12 * v, `${g[i]} vs ${v}`));
  assert.equal(g[0], 1e-3);
  assert.equal(g[5], 1e2);
  assert.deepEqual(tuning.linearGrid(0, 1, 5), [0, 0.25, 0.5, 0.75, 1]);
  assert.throws(() => tuning.logGrid(0, 1, 3), /`low` must be a finite number > 0; received 0/);
  assert.throws(() => tuning.logGrid(1, 10, 1), { name: 'RangeError', message: 'rl.tuning.logGrid: `count` must be an integer in [2, 100000]; received 1' });
  assert.throws(() => tuning.linearGrid(2, 1, 3), { name: 'RangeError', message: 'rl.tuning.linearGrid: `high` must be > `low` (2); received 1' });
});

test('distributions map a uniform draw u as their formulas say', () => {
  const at = (u: number) => () => u;
  assert.equal(tuning.uniform(2, 4).sample(at(0.25)), 2.5);
  assert.ok(Math.abs(tuning.logUniform(1e-4, 1).sample(at(0.5)) - 1e-2) < 1e-15); // low·(high/low)^u
  assert.equal(tuning.logUniform(1e-4, 1).sample(at(0)), 1e-4);
  assert.equal(tuning.intUniform(1, 3).sample(at(0)), 1);
  assert.equal(tuning.intUniform(1, 3).sample(at(0.999)), 3);
  assert.equal(tuning.choice(['a', 'b', 'c', 'd']).sample(at(0.5)), 'c');
  assert.throws(() => tuning.intUniform(1.5, 3), { name: 'RangeError', message: 'rl.tuning.intUniform: `low` must be an integer; received 1.5' });
  assert.throws(() => tuning.choice([]), /`values` must be a non-empty array/);
  assert.throws(() => tuning.uniform(0, Infinity), /`high` must be a finite number; received Infinity/);
});

test('gridSearch tries the Cartesian product, last key fastest, and finds the minimum', async () => {
  const seen: string[] = [];
  const r = await tuning.gridSearch({ x: [0, 1, 2, 3], y: ['a', 'b'] }, ({ x, y }) => {
    seen.push(`${x}${y}`);
    return (x - 2) ** 2 + (y === 'a' ? 0 : 1);
  });
  assert.deepEqual(seen, ['0a', '0b', '1a', '1b', '2a', '2b', '3a', '3b']);
  assert.equal(r.trials.length, 8);
  assert.deepEqual(r.best.params, { x: 2, y: 'a' });
  assert.equal(r.best.score, 0);
  assert.equal(r.mode, 'min');
  const max = await tuning.gridSearch({ x: [1, 5, 3] }, ({ x }) => x, { mode: 'max' });
  assert.equal(max.best.params.x, 5);
});

test('non-finite scores are recorded but never best; all non-finite is an error', async () => {
  const r = await tuning.gridSearch({ lr: [1, 0.1, 0.01] }, ({ lr }) => (lr === 1 ? NaN : lr));
  assert.ok(Number.isNaN(r.trials[0].score));
  assert.equal(r.best.params.lr, 0.01);
  await assert.rejects(tuning.gridSearch({ lr: [1] }, () => NaN), /every one of the 1 trials returned a non-finite score/);
  await assert.rejects(tuning.gridSearch({ lr: [1] }, () => 'x' as unknown as number), { name: 'TypeError', message: "rl.tuning.gridSearch: `objective` must be a function returning a number (for { lr: 1 }); received 'x'" });
});

test('randomSearch: the budget, the seed, and independence from Math.random', async () => {
  const space = { lr: tuning.logUniform(1e-4, 1e-1), p: tuning.uniform(0, 0.5), act: ['relu', 'tanh'] };
  const objective = ({ lr, p }: { lr: number; p: number }) => Math.abs(Math.log10(lr) + 2.5) + p;
  const a = await tuning.randomSearch(space, objective, { trials: 9, seed: 3 });
  const native = Math.random;
  Math.random = () => 0.5; // the sampler must not draw from Math.random
  const b = await tuning.randomSearch(space, objective, { trials: 9, seed: 3 });
  Math.random = native;
  const c = await tuning.randomSearch(space, objective, { trials: 9, seed: 4 });
  assert.equal(a.trials.length, 9);
  assert.deepEqual(a.trials.map((t) => t.params), b.trials.map((t) => t.params));
  assert.notDeepEqual(a.trials.map((t) => t.params), c.trials.map((t) => t.params));
  for (const t of a.trials) {
    assert.ok(t.params.lr >= 1e-4 && t.params.lr < 1e-1);
    assert.ok(t.params.p >= 0 && t.params.p < 0.5);
    assert.ok(t.params.act === 'relu' || t.params.act === 'tanh');
  }
  assert.equal(a.best.score, Math.min(...a.trials.map((t) => t.score)));
});

test('same budget: a 3×3 grid tries 3 values per hyperparameter, 9 random trials try 9', async () => {
  const grid = await tuning.gridSearch({ lr: tuning.logGrid(1e-4, 1e-1, 3), p: [0, 0.25, 0.5] }, () => 0);
  const random = await tuning.randomSearch({ lr: tuning.logUniform(1e-4, 1e-1), p: tuning.uniform(0, 0.5) }, () => 0, { trials: 9 });
  const distinct = (r: { trials: { params: { lr: number } }[] }) => new Set(r.trials.map((t) => t.params.lr)).size;
  assert.equal(grid.trials.length, random.trials.length);
  assert.equal(distinct(grid), 3);
  assert.equal(distinct(random), 9);
});

test('bad arguments name themselves', async () => {
  await assert.rejects(tuning.gridSearch({}, () => 0), { name: 'RangeError', message: 'rl.tuning.gridSearch: `space` must be an object naming at least one hyperparameter; received {}' });
  await assert.rejects(tuning.gridSearch({ x: [] }, () => 0), /`space.x` must be a non-empty array/);
  await assert.rejects(tuning.randomSearch({ x: [1] }, () => 0, { trials: 0 }), { name: 'RangeError', message: 'rl.tuning.randomSearch: `trials` must be an integer in [1, 100000]; received 0' });
  await assert.rejects(tuning.gridSearch({ x: [1] }, () => 0, { mode: 'best' as 'min' }), { name: 'RangeError', message: "rl.tuning.gridSearch: `mode` must be one of 'min', 'max'; received 'best'" });
  await assert.rejects(tuning.gridSearch({ x: [1] }, () => 0, { trails: 3 } as object), /trails/);
});
