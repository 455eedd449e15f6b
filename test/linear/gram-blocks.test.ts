import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitLinear } from '../../src/linear';
import { availableParallelism } from 'node:os';
import { makeDesign, gram, kernelMatrix } from '../../src/linear/design';
import { blockOffset, chunkRows, gramBlocks, lastPass, pairsPerTask } from '../../src/linear/gram-blocks';
import { pad4 } from '../../src/linear/f64-kernels';

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

/** Σ_i (x_ia − x̄_a)(x_ib − x̄_b) (or without centring), summed plainly. */
function naiveGram(rows: number[][], a: number, b: number, centre: boolean): number {
  const mean = (j: number): number => (centre ? rows.reduce((s, r) => s + r[j], 0) / rows.length : 0);
  const [ma, mb] = [mean(a), mean(b)];
  return rows.reduce((s, r) => s + (r[a] - ma) * (r[b] - mb), 0);
}

const data = (n: number, p: number): number[][] =>
  Array.from({ length: n }, (_, i) => Array.from({ length: p }, (_, j) => Math.sin(0.61 * i + 0.23 * j * j) + ((i + 3 * j) % 5) / 5));

test('XᵀX on edge shapes: p = 1, n = 1, odd sizes, several packed row chunks, every entry', () => {
  // [n, p, centre]: 2101 rows of 33 columns (36 padded) span packed chunks of 1820 and 284 rows
  for (const [n, p, centre] of [[1, 1, false], [5, 1, true], [1, 7, false], [37, 13, true], [2101, 33, true], [64, 9, false]] as const) {
    const X = data(n, p);
    const d = makeDesign('t', X, X.map((r) => r[0]), centre);
    const g = gram(d);
    const f = d.heap.f64;
    for (let a = 0; a < p; a++) {
      for (let b = 0; b < p; b++) {
        const want = naiveGram(X, a, b, centre);
        const got = f[g.Q + a * g.stride + b];
        assert.ok(Math.abs(got - want) <= 1e-12 * (1 + Math.abs(want)), `${n}×${p} Q[${a}][${b}]: ${got} vs ${want}`);
      }
    }
    d.heap.dispose();
  }
});

test('XXᵀ (the dual kernel matrix) on odd shapes and a feature count spanning two packed chunks', () => {
  // 13 samples (ld 16) × 4099 features (pp 4100): chunks of 4096 and 4 features
  for (const [n, p] of [[1, 3], [13, 37], [13, 4099], [6, 200]]) {
    const X = data(n, p);
    const d = makeDesign('t', X, X.map((r) => r[1 % p]), false);
    const K = kernelMatrix(d);
    const f = d.heap.f64;
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < n; k++) {
        let want = 0;
        for (let j = 0; j < p; j++) want += X[i][j] * X[k][j];
        const got = f[K + i * d.ld + k];
        assert.ok(Math.abs(got - want) <= 1e-12 * (1 + Math.abs(want)), `${n}×${p} K[${i}][${k}]: ${got} vs ${want}`);
      }
    }
    d.heap.dispose();
  }
});

test('the worker thread computes its tasks right: same bits as one thread, and it did take tasks', { skip: availableParallelism() < 2 ? 'one core' : false }, () => {
  const [n, p] = [300, 520]; // 300·520²/2 ≈ 4e7 multiply-adds: threaded
  const Xw = data(n, p);
  const d = withEnv('REGLAB_LINEAR_SIMD', '1', () => makeDesign('t', Xw, Xw.map((r) => r[0]), true));
  const { heap, ld, xOff } = d;
  const cols = pad4(p);
  const run = (waitForWorker: boolean): Float64Array => {
    const mark = heap.mark();
    const scratch = heap.alloc(blockOffset(cols, cols));
    const panel = heap.alloc(ld * cols);
    gramBlocks(heap, xOff, ld, cols, scratch, panel, { waitForWorker });
    const out = heap.f64.slice(scratch, scratch + blockOffset(cols, cols));
    heap.release(mark);
    return out;
  };
  const threaded = withEnv('REGLAB_LINEAR_THREADS', '2', () => run(true));
  assert.equal(lastPass.threads, 2);
  assert.ok(lastPass.workerTasks >= 1, `worker took ${lastPass.workerTasks} of ${lastPass.tasks} tasks`);
  const single = withEnv('REGLAB_LINEAR_THREADS', '1', () => run(false));
  assert.equal(lastPass.threads, 1);
  assert.deepEqual(threaded, single);
  // block (row pair 10, column group 3) against the plain sums
  const at = blockOffset(cols, 10) + (12 - 8) / 4 * 8;
  for (let r = 0; r < 2; r++) for (let c = 0; c < 4; c++) {
    const want = naiveGram(Xw, 10 + r, 12 + c, true);
    assert.ok(Math.abs(threaded[at + r * 4 + c] - want) <= 1e-11 * (1 + Math.abs(want)), `G[${10 + r}][${12 + c}]`);
  }
  d.heap.dispose();
});

test('chunk rows and tasks depend on the shape only (so the summation order does)', () => {
  assert.equal(chunkRows(5000, 800), 80);
  assert.equal(chunkRows(40, 800), 40);
  assert.equal(chunkRows(10_000, 100_000), 32);
  assert.equal(chunkRows(8, 4) % 4, 0);
  assert.equal(pairsPerTask(800), 17); // ⌈400/24⌉
  assert.equal(pairsPerTask(4), 1);
});
