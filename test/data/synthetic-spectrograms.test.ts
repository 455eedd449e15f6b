// rl.data.syntheticSpectrograms: its defining formula (noise-free cells), balance, seeds, checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as data from '../../src/data';

const cell = (d: data.SpectrogramData, i: number, t: number, b: number) =>
  d.x[(i * d.frames + t) * d.bins + b];

test('shapes, balanced shuffled labels, seeded; wordSeed fixes the words across seeds', () => {
  const d = data.syntheticSpectrograms({ perClass: 7, classes: 4, frames: 20, bins: 12, seed: 3 });
  assert.equal(d.n, 28);
  assert.equal(d.x.length, 28 * 20 * 12);
  for (let k = 0; k < 4; k++) assert.equal(d.y.filter((y) => y === k).length, 7);
  assert.notDeepEqual(d.y, [...d.y].sort((a, b) => a - b), 'examples are shuffled');
  assert.deepEqual(data.syntheticSpectrograms({ perClass: 7, classes: 4, frames: 20, bins: 12, seed: 3 }), d);
  assert.notDeepEqual(data.syntheticSpectrograms({ perClass: 7, classes: 4, frames: 20, bins: 12, seed: 4 }).x, d.x);
});

test('noise 0: every cell is a sum of at most two unit Gaussian bumps; the word fills ¼·(1±r) … of the frames', () => {
  const d = data.syntheticSpectrograms({ perClass: 20, noise: 0, rateJitter: 0.2, seed: 1 });
  for (let i = 0; i < d.n; i++) {
    let active = 0;
    for (let t = 0; t < d.frames; t++) {
      let energy = 0;
      for (let b = 0; b < d.bins; b++) {
        const v = cell(d, i, t, b);
        assert.ok(v >= 0 && v <= 2 + 1e-6, `cell ${v}`); // two bumps of height ≤ 1
        energy += v;
      }
      // Two bumps of σ = 0.9 bins sum to ≤ 2·√(2π)·0.9 ≈ 4.51 over the bins.
      assert.ok(energy <= 2 * Math.sqrt(2 * Math.PI) * 0.9 + 1e-3);
      if (energy > 0.5) active += 1;
    }
    // Duration D = 16·ρ with ρ ∈ [0.8, 1.2]: the word covers D frames (±1 for the frame grid).
    assert.ok(active >= Math.floor(16 * 0.8) - 1 && active <= Math.ceil(16 * 1.2) + 1, `active ${active}`);
  }
});

test('noise σ: cells far from any formant have sd ≈ σ', () => {
  const clean = data.syntheticSpectrograms({ perClass: 30, noise: 0, seed: 2 });
  const noisy = data.syntheticSpectrograms({ perClass: 30, noise: 0.3, seed: 2 });
  // Same seed: same words, onsets, rates and pitches (drawn before the noise), so noisy − clean = noise.
  const residual = Array.from(noisy.x, (v, c) => v - clean.x[c]);
  const mean = residual.reduce((a, b) => a + b, 0) / residual.length;
  const sd = Math.sqrt(residual.reduce((a, b) => a + (b - mean) ** 2, 0) / residual.length);
  assert.ok(Math.abs(sd - 0.3) < 0.005 && Math.abs(mean) < 0.005, `sd ${sd}, mean ${mean}`);
});

test('argument checks name the option', () => {
  assert.throws(() => data.syntheticSpectrograms({ classes: 1 }), /`classes` must be .*received 1/);
  assert.throws(() => data.syntheticSpectrograms({ rateJitter: 1 }), /`rateJitter` must be .*received 1/);
  assert.throws(() => data.syntheticSpectrograms({ perclass: 3 } as never), /did you mean `perClass`/);
  assert.throws(() => data.syntheticSpectrograms({ noise: -1 }), /`noise`.*received -1/);
});
