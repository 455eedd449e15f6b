import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { l1, l2, elasticNet, softThreshold } from '../../src/penalties';

tf.setBackend('cpu');

const close = (a: number, b: number, eps = 1e-12): void => assert.ok(Math.abs(a - b) <= eps * Math.max(1, Math.abs(b)), `${a} ≠ ${b}`);
const closeAll = (a: ArrayLike<number>, b: number[], eps = 1e-12): void => {
  assert.equal(a.length, b.length);
  b.forEach((v, i) => close(a[i], v, eps));
};

test('l1: value α·Σ|w|, subgradient α·sign(w) with 0 at 0, prox = soft-threshold at t·α', () => {
  const g = l1({ alpha: 0.5 });
  close(g.value([1, -2, 0]), 0.5 * (1 + 2 + 0));
  assert.deepEqual(g.gradient([1, -2, 0]), [0.5, -0.5, 0]);
  // S_{1·0.5}: 1 → 0.5, −0.2 → 0, 0.3 → 0, −4 → −3.5
  assert.deepEqual(g.prox([1, -0.2, 0.3, -4], 1), [0.5, 0, 0, -3.5]);
  // step 2 → threshold 1
  assert.deepEqual(g.prox([1, -0.99, 1.5], 2), [0, 0, 0.5]);
});

test('soft-threshold zeroes every |w| ≤ τ whatever the sign (ERRATA #14), shifts the rest by τ', () => {
  assert.deepEqual(softThreshold([3, -0.5, 0.2, -2, 1, -1], 1), [2, 0, 0, -1, 0, 0]);
  assert.deepEqual(softThreshold([-5, 5], 0), [-5, 5]);
  // prox definition: argmin_z ½(z − w)² + τ|z| checked by brute force on a grid
  for (const w of [-2.3, -0.7, 0, 0.4, 1.9]) {
    let best = Infinity;
    let arg = 0;
    for (let z = -3; z <= 3; z += 1e-4) {
      const f = 0.5 * (z - w) ** 2 + 0.8 * Math.abs(z);
      if (f < best) {
        best = f;
        arg = z;
      }
    }
    assert.ok(Math.abs(softThreshold([w], 0.8)[0] - arg) < 2e-4, `w=${w}`);
  }
});

test('l2: value (α/2)Σw², gradient α·w, prox w/(1 + tα) never zeroes', () => {
  const g = l2({ alpha: 2 });
  close(g.value([1, -2]), (2 / 2) * 5);
  assert.deepEqual(g.gradient([1, -2]), [2, -4]);
  assert.deepEqual(g.prox([3, -6], 1), [1, -2]);
  assert.deepEqual(g.prox([0.001], 10), [0.001 / 21]);
});

test('elasticNet: α·r·‖w‖₁ + (α/2)(1 − r)‖w‖², prox S_{tαr}(w)/(1 + tα(1 − r))', () => {
  const g = elasticNet({ alpha: 2, l1Ratio: 0.5 });
  close(g.value([1, -2]), 2 * 0.5 * 3 + (2 / 2) * 0.5 * 5);
  assert.deepEqual(g.gradient([1, -2]), [2 * 0.5 + 2 * 0.5 * 1, -(2 * 0.5) + 2 * 0.5 * -2]);
  assert.deepEqual(g.prox([3, -0.5], 1), [(3 - 1) / 2, 0]);
  // r = 1 is l1, r = 0 is l2
  const a = elasticNet({ alpha: 0.3, l1Ratio: 1 });
  const b = l1({ alpha: 0.3 });
  assert.deepEqual(a.prox([0.5, -1, 0.1], 1), b.prox([0.5, -1, 0.1], 1));
  const c = elasticNet({ alpha: 0.3, l1Ratio: 0 });
  closeAll(c.prox([0.5, -1], 2), l2({ alpha: 0.3 }).prox([0.5, -1], 2));
  // defaults: alpha 1, l1Ratio 0.5
  const d = elasticNet();
  assert.equal(d.alpha, 1);
  assert.equal(d.l1Ratio, 0.5);
});

test('tensors give the same numbers as arrays and leak nothing', () => {
  const w = [1.5, -0.2, 0, -3, 0.7];
  for (const g of [l1({ alpha: 0.4 }), l2({ alpha: 0.4 }), elasticNet({ alpha: 0.4, l1Ratio: 0.3 })]) {
    const before = tf.memory().numTensors;
    const t = tf.tensor1d(w);
    const v = g.value(t);
    const gr = g.gradient(t);
    const pr = g.prox(t, 1.5);
    close(v.dataSync()[0], g.value(w), 1e-6);
    closeAll(gr.dataSync(), g.gradient(w), 1e-6);
    closeAll(pr.dataSync(), g.prox(w, 1.5), 1e-6);
    const st = softThreshold(t, 0.5);
    closeAll(st.dataSync(), softThreshold(w, 0.5), 1e-6);
    tf.dispose([t, v, gr, pr, st]);
    assert.equal(tf.memory().numTensors, before);
  }
});

test('prox of l1 on a tensor keeps shape and gives exact zeros', () => {
  const t = tf.tensor2d([[0.3, -2], [1, -0.9]]);
  const z = l1({ alpha: 1 }).prox(t, 1);
  assert.deepEqual(z.shape, [2, 2]);
  assert.deepEqual(Array.from(z.dataSync(), (v) => v + 0), [0, -1, 0, 0]);
  tf.dispose([t, z]);
});

test('bad arguments are rejected with the argument and the value', () => {
  assert.throws(() => l1({ alpha: -1 }), /`alpha` must be a finite number ≥ 0; received -1/);
  assert.throws(() => l2({ alpha: NaN }), /`alpha`.*received NaN/);
  assert.throws(() => elasticNet({ l1Ratio: 1.5 }), /`l1Ratio` must be a number in \[0, 1\]; received 1.5/);
  assert.throws(() => elasticNet({ alpha: 1, l1Ratio: -0.1 }), /`l1Ratio`.*received -0.1/);
  assert.throws(() => l1({ alpha: '1' as unknown as number }), { name: 'TypeError', message: "rl.penalties.l1: `alpha` must be a finite number ≥ 0; received '1'" });
  assert.throws(() => l1(0.1 as unknown as { alpha: number }), { name: 'TypeError', message: 'rl.penalties.l1: `options` must be an options object like { alpha: … }; received 0.1' });
  assert.throws(() => l1({ lambda: 1 } as unknown as { alpha: number }), /unknown option `lambda`/);
  assert.throws(() => l1().prox([1, NaN], 1), { name: 'RangeError', message: 'rl.penalties.l1(…).prox: `w[1]` must be a finite number; received NaN' });
  assert.throws(() => l1().prox([1], -1), /`step`.*received -1/);
  assert.throws(() => softThreshold([1], -0.5), /`threshold`.*received -0.5/);
});
