import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as rl from '../../src';

test('summarize: mean, sample sd and standard error by hand', () => {
  const s = rl.stats.summarize([1, 2, 3, 6]);
  // mean 3; deviations -2,-1,0,3 → Σ² = 14; sd = √(14/3); se = sd/2
  assert.equal(s.mean, 3);
  assert.ok(Math.abs(s.sd - Math.sqrt(14 / 3)) < 1e-12);
  assert.ok(Math.abs(s.se - Math.sqrt(14 / 3) / 2) < 1e-12);
  assert.deepEqual([s.min, s.max, s.n], [1, 6, 4]);
  assert.throws(() => rl.stats.summarize([]), /`values` must be a non-empty array/);
  assert.throws(() => rl.stats.summarize([1, NaN]), /`values\[1\]` must be a finite number; received NaN/);
});

test('seeds: base, base + 1, … with 5 in full and 3 in smoke mode', () => {
  const was = rl.config.smoke;
  try {
    rl.config.setSmoke(false);
    assert.deepEqual(rl.stats.seeds(7), [7, 8, 9, 10, 11]);
    rl.config.setSmoke(true);
    assert.deepEqual(rl.stats.seeds(7), [7, 8, 9]);
    assert.deepEqual(rl.stats.seeds(0, { smoke: 2 }), [0, 1]);
  } finally {
    rl.config.setSmoke(was);
  }
  assert.throws(() => rl.stats.seeds(1.5), /`base` must be an integer; received 1.5/);
});

test('overSeeds seeds the global generator before each run and gathers arms', async () => {
  const r = await rl.stats.overSeeds('draw', [3, 4], () => ({ a: Math.random(), b: 1 }));
  rl.config.seed(3);
  const first = Math.random();
  assert.equal(r.arms.a[0], first);
  assert.deepEqual(r.arms.b, [1, 1]);
  await assert.rejects(rl.stats.overSeeds('x', [0, 1], (s): Record<string, number> => (s === 0 ? { a: 1 } : { b: 1 })), /returned arms b/);
});

test('assertEffect: the mean-2SE rule, by hand', () => {
  const r = rl.stats.seedResults('loss', [0, 1, 2], { plain: [1.0, 1.1, 0.9], l2: [0.8, 0.85, 0.75] });
  // gains 0.2, 0.25, 0.15: mean 0.2, sd 0.05, se 0.05/√3 ≈ 0.0289; 0.2 − 2·0.0289 > 0 → holds
  const e = rl.stats.assertEffect(r, { claim: 'l2 helps', better: 'l2', than: 'plain', show: false });
  assert.ok(e.holds);
  assert.ok(Math.abs(e.mean - 0.2) < 1e-12 && Math.abs(e.se - 0.05 / Math.sqrt(3)) < 1e-12);
  // the same data fail with minGain 0.2 (mean − 2SE ≈ 0.142 < 0.2)
  assert.throws(() => rl.stats.assertEffect(r, { claim: 'l2 helps a lot', better: 'l2', than: 'plain', minGain: 0.2, show: false }),
    /the claim does not hold/);
  // noisy gains (+0.3, −0.2, +0.1) fail the rule
  const noisy = rl.stats.seedResults('loss', [0, 1, 2], { plain: [1, 1, 1], l2: [0.7, 1.2, 0.9] });
  assert.equal(rl.stats.effect(noisy, { claim: 'c', better: 'l2', than: 'plain' }).holds, false);
});

test('assertEffect: every-seed rule, higher-is-better and a threshold', () => {
  const r = rl.stats.seedResults('zeros', [0, 1, 2], { lasso: [4, 5, 3] });
  assert.ok(rl.stats.effect(r, { claim: 'c', better: 'lasso', than: 2, lowerIsBetter: false, rule: 'every-seed' }).holds);
  assert.equal(rl.stats.effect(r, { claim: 'c', better: 'lasso', than: 3, lowerIsBetter: false, rule: 'every-seed' }).holds, false);
  assert.throws(() => rl.stats.effect(r, { claim: 'c', better: 'ridge', than: 2 }), /no arm `ridge`/);
});

test('sealTestSet opens once', async () => {
  const t = rl.data.sealTestSet([[1], [2]], [0, 1], 'tiny');
  assert.equal(t.size, 2);
  assert.equal(await t.open((X, y) => X.length + y.length), 4);
  await assert.rejects(t.open(() => 0), /already opened once/);
  assert.equal(t.timesOpened, 2);
});
