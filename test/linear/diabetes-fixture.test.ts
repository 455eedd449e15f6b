import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load, standardScaler } from '../../src/data';

// The sklearn fixtures embed standardized diabetes; the notebooks standardize the shipped copy.
// Both must be the same numbers, or the notebooks would not be using what the tests check.
test('shipped diabetes, standardized by rl.data.standardScaler, equals the fixture used against sklearn', async () => {
  const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'reference', 'sklearn-diabetes.json'), 'utf8')) as { X: number[][]; y: number[] };
  const d = await load('diabetes');
  const X = standardScaler().fitTransform(d.X);
  assert.equal(X.length, fixture.X.length);
  let maxDiff = 0;
  X.forEach((row, i) => row.forEach((v, j) => { maxDiff = Math.max(maxDiff, Math.abs(v - fixture.X[i][j])); }));
  assert.ok(maxDiff < 1e-12, `max |ΔX| = ${maxDiff}`);
  assert.deepEqual(d.y, fixture.y);
});
