import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitLinear } from '../../src/linear';
import { makeDesign, gram } from '../../src/linear/design';
import { blockOffset } from '../../src/linear/gram-blocks';

// A design big enough (n·p²/2 ≥ 2e7 multiply-adds) for the Gram pass to use the worker thread.
const n = 1200;
const p = 190; // not a multiple of 4: padding columns in play
const X = Array.from({ length: n }, (_, i) => Array.from({ length: p }, (_, j) => Math.sin(0.37 * i + 1.3 * j) + ((i * j) % 7) / 7));
const y = X.map((r, i) => r[0] - 2 * r[5] + 0.5 * r[100] + Math.cos(i));

function withEnv<T>(name: string, value: string, run: () => T): T {
  const before = process.env[name];
  process.env[name] = value;
  try {
    return run();
  } finally {
    if (before === undefined) delete process.env[name];
    else process.env[name] = before;
  }
}

test('Gram XᵀX on two threads equals one thread bit for bit, and the direct sums', () => {
  const two = makeDesign('t', X, y, true);
  const g2 = gram(two);
  const Q2 = two.heap.f64.slice(g2.Q, g2.Q + g2.stride * g2.stride);
  const Q1 = withEnv('REGLAB_LINEAR_THREADS', '1', () => {
    const one = makeDesign('t', X, y, true);
    const g1 = gram(one);
    return one.heap.f64.slice(g1.Q, g1.Q + g1.stride * g1.stride);
  });
  assert.deepEqual(Q2, Q1);
  // a few entries against Σ_i (x_ia − x̄_a)(x_ib − x̄_b) summed plainly
  const mean = (j: number): number => X.reduce((s, r) => s + r[j], 0) / n;
  for (const [a, b] of [[0, 0], [3, 150], [189, 2], [100, 189]]) {
    const ma = mean(a);
    const mb = mean(b);
    const direct = X.reduce((s, r) => s + (r[a] - ma) * (r[b] - mb), 0);
    assert.ok(Math.abs(Q2[a * g2.stride + b] - direct) <= 1e-10 * Math.abs(Q2[a * g2.stride + a]), `Q[${a}][${b}]`);
  }
  two.heap.dispose();
});

test('ridge on the threaded Gram matches the single-thread and plain-JavaScript solutions', () => {
  const threaded = fitLinear(X, y, { penalty: 'l2', alpha: 0.01 }).coef;
  const single = withEnv('REGLAB_LINEAR_THREADS', '1', () => fitLinear(X, y, { penalty: 'l2', alpha: 0.01 }).coef);
  const js = withEnv('REGLAB_LINEAR_SIMD', '0', () => fitLinear(X, y, { penalty: 'l2', alpha: 0.01 }).coef);
  assert.deepEqual(threaded, single);
  const scale = Math.max(...js.map(Math.abs));
  threaded.forEach((w, j) => assert.ok(Math.abs(w - js[j]) <= 1e-10 * scale, `coef[${j}]`));
});

test('block layout: row pair b starts after Σ_{b′<b} (cols − (b′ & ~3))/4 blocks of 8', () => {
  assert.equal(blockOffset(8, 0), 0);
  assert.equal(blockOffset(8, 2), 2 * 8); // row pair 0: c = 0, 4
  assert.equal(blockOffset(8, 4), 4 * 8); // row pair 2: c = 0, 4
  assert.equal(blockOffset(8, 8), 6 * 8); // row pairs 4, 6: c = 4
});
