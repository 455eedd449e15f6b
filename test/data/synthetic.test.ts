// rl.data synthetic sets: their defining formulas, seeds, and argument checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as data from '../../src/data';

const reference = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'reference', 'sklearn-data.json'), 'utf8'));
const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
const sd = (v: number[]) => Math.sqrt(mean(v.map((x) => (x - mean(v)) ** 2)));

test('polynomialData: x sorted in xRange, y − fn(x) has sd ≈ noise, seeded', () => {
  const d = data.polynomialData({ n: 4000, noise: 0.3, seed: 1 });
  assert.ok(d.x.every((v, i) => v >= 0 && v <= 1 && (i === 0 || d.x[i - 1] <= v)));
  d.x.forEach((v, i) => assert.equal(d.yTrue[i], Math.sin(2 * Math.PI * v)));
  const residual = d.y.map((v, i) => v - d.yTrue[i]);
  assert.ok(Math.abs(sd(residual) - 0.3) < 0.02, `sd ${sd(residual)}`); // se of sd ≈ 0.3/√8000
  assert.deepEqual(data.polynomialData({ n: 5, noise: 0.3, seed: 1 }), data.polynomialData({ n: 5, noise: 0.3, seed: 1 }));
  const cubic = data.polynomialData({ n: 3, noise: 0, seed: 2, xRange: [-2, 2], fn: (x) => x ** 3 });
  cubic.x.forEach((v, i) => assert.equal(cubic.y[i], v ** 3));
  assert.deepEqual(cubic.X, cubic.x.map((v) => [v]));
});

test("sparseLinear is d2l's: y = 0.05 + Σ 0.01·x_i + ε", () => {
  const d = data.sparseLinear({ seed: 0 });
  assert.equal(d.XTrain.length, 20);
  assert.equal(d.XTest.length, 100);
  assert.equal(d.XTrain[0].length, 200);
  assert.ok(d.trueWeights.every((w) => w === 0.01));
  const residual = d.XTest.map((row, i) => d.yTest[i] - (0.05 + row.reduce((s, v) => s + 0.01 * v, 0)));
  assert.ok(residual.every((r) => Math.abs(r) < 0.05), 'noise 0.01: residuals within 5σ');
  const noiseless = data.sparseLinear({ seed: 1, noise: 0, nFeatures: 3, nTrain: 2, nTest: 1 });
  noiseless.XTrain.forEach((row, i) => assert.ok(Math.abs(noiseless.yTrain[i] - (0.05 + 0.01 * (row[0] + row[1] + row[2]))) < 1e-15));
});

test("twoMoons without noise is scikit-learn's make_moons (as a set of labelled points)", () => {
  const d = data.twoMoons({ n: 7, noise: 0, seed: 0 });
  const key = (p: number[], label: number) => `${p.map((v) => v.toFixed(12)).join(',')}:${label}`;
  const ours = d.X.map((p, i) => key(p, d.y[i])).sort();
  const theirs = reference.moons.X.map((p: number[], i: number) => key(p, reference.moons.y[i])).sort();
  assert.deepEqual(ours, theirs);
});

test('spirals: points on arms of radius ≤ 1, classes balanced, seeded', () => {
  const d = data.spirals({ n: 301, classes: 3, noise: 0.2, seed: 4 });
  assert.equal(d.X.length, 301);
  assert.deepEqual([0, 1, 2].map((c) => d.y.filter((v) => v === c).length), [101, 100, 100]);
  assert.ok(d.X.every(([a, b]) => Math.hypot(a, b) <= 1 + 1e-12));
  assert.deepEqual(data.spirals({ n: 30, seed: 4 }), data.spirals({ n: 30, seed: 4 }));
  // Noise-free arm k at radius r has angle 4k + 4r.
  const clean = data.spirals({ n: 30, classes: 3, noise: 0, seed: 0 });
  clean.X.forEach(([a, b], i) => {
    const r = Math.hypot(a, b);
    if (r < 1e-9) return;
    const expected = 4 * clean.y[i] + 4 * r;
    assert.ok(Math.abs(Math.sin(expected) * r - a) < 1e-12 && Math.abs(Math.cos(expected) * r - b) < 1e-12);
  });
});

test('bad options are named', () => {
  assert.throws(() => data.polynomialData({ n: 0, noise: 0.1 }), { name: 'RangeError', message: 'rl.data.polynomialData: `n` must be an integer in [1, 10000000]; received 0' });
  assert.throws(() => data.polynomialData({ n: 3, noise: -1 }), /`noise` must be a finite number ≥ 0; received -1/);
  assert.throws(() => data.twoMoons({ n: 10, seed: Number.NaN }), /`seed` must be a finite number; received NaN/);
  assert.throws(() => data.spirals({ n: 10, classes: 1 }), { name: 'RangeError', message: 'rl.data.spirals: `classes` must be an integer in [2, 1000]; received 1' });
  assert.throws(() => data.sparseLinear({ nFeatures: 2.5 }), { name: 'RangeError', message: 'rl.data.sparseLinear: `nFeatures` must be an integer in [1, 10000000]; received 2.5' });
});
