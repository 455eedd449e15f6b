// --shard i/n: every run in exactly one shard, the same split whatever the argument order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseShard, shardRuns } from '../../src/runner/shard';

const runs = ['nb/c.ipynb', 'nb/a.ipynb', 'nb/e.ipynb', 'nb/b.ipynb', 'nb/d.ipynb'].map((path) => ({ path }));

test('n shards together hold every run exactly once, by sorted path', () => {
  for (const n of [1, 2, 3, 5, 7]) {
    const shards = Array.from({ length: n }, (_, i) => shardRuns(runs, { index: i + 1, count: n }).map((r) => r.path));
    assert.deepEqual(shards.flat().sort(), runs.map((r) => r.path).sort(), `n = ${n}`);
  }
  // sorted: a b c d e → shard 1/2 gets a, c, e (kept in the given order)
  assert.deepEqual(shardRuns(runs, { index: 1, count: 2 }).map((r) => r.path), ['nb/c.ipynb', 'nb/a.ipynb', 'nb/e.ipynb']);
  assert.deepEqual(shardRuns([...runs].reverse(), { index: 2, count: 2 }).map((r) => r.path).sort(), ['nb/b.ipynb', 'nb/d.ipynb']);
});

test('with seeds each notebook × seed run lands in one shard', () => {
  const seeded = runs.flatMap((r) => [0, 1, 2].map((seed) => ({ ...r, seed })));
  const all = [1, 2, 3, 4].flatMap((i) => shardRuns(seeded, { index: i, count: 4 }).map((r) => `${r.path}#${r.seed}`));
  assert.equal(all.length, 15);
  assert.equal(new Set(all).size, 15);
});

test('--shard values are checked', () => {
  assert.deepEqual(parseShard('2/3'), { index: 2, count: 3 });
  for (const bad of ['0/2', '3/2', '1/0', 'a/b', '1', '1/2/3', '-1/2']) {
    assert.throws(() => parseShard(bad), new RegExp(`--shard must be i/n with integers 1 ≤ i ≤ n \\(e\\.g\\. 2/4\\); received "${bad}"`));
  }
});
