/**
 * Per-kernel evidence for issue 6: the reference MLP's matrix products (forward and backward,
 * with the transposes the gradients use) and its Adam update, timed with tfjs-backend-wasm's
 * stock kernels and with reglab's, interleaved in one process so both see the same machine load.
 * Every call gets operands with a fresh data id, as in training (weights change every step, so
 * XNNPACK's per-weights operator cache never hits).
 *
 * Run: npx tsx scripts/bench/kernels.ts [--reps N] [--json]
 */
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from './backend';

interface MatMulCase {
  role: string;
  a: number[];
  b: number[];
  transposeA: boolean;
  transposeB: boolean;
}

/** Batch 128 through Dense 784→256 → Dense 256→256 → Dense 256→10. */
const cases: MatMulCase[] = [
  { role: 'layer 1 forward  X·W', a: [128, 784], b: [784, 256], transposeA: false, transposeB: false },
  { role: 'layer 1 dW = Xᵀ·dY', a: [128, 784], b: [128, 256], transposeA: true, transposeB: false },
  { role: 'layer 2 forward  H·W', a: [128, 256], b: [256, 256], transposeA: false, transposeB: false },
  { role: 'layer 2 dH = dY·Wᵀ', a: [128, 256], b: [256, 256], transposeA: false, transposeB: true },
  { role: 'layer 2 dW = Hᵀ·dY', a: [128, 256], b: [128, 256], transposeA: true, transposeB: false },
  { role: 'layer 3 dH = dY·Wᵀ', a: [128, 10], b: [256, 10], transposeA: false, transposeB: true },
  { role: 'layer 3 dW = Hᵀ·dY', a: [128, 256], b: [128, 10], transposeA: true, transposeB: false },
  { role: 'batched 8×(64·64ᵀ)', a: [8, 64, 64], b: [8, 64, 64], transposeA: false, transposeB: true },
];

export interface KernelTiming {
  role: string;
  shapes: string;
  gflop: number;
  stockMs: number;
  reglabMs: number;
  stockGflops: number;
  reglabGflops: number;
  speedup: number;
}

function flops(c: MatMulCase): number {
  const ra = c.a.length;
  const m = c.transposeA ? c.a[ra - 1] : c.a[ra - 2];
  const k = c.transposeA ? c.a[ra - 2] : c.a[ra - 1];
  const n = c.transposeB ? c.b[c.b.length - 2] : c.b[c.b.length - 1];
  const batch = c.a.slice(0, -2).reduce((p, x) => p * x, 1);
  return 2 * batch * m * n * k;
}

/** Median ms of `reps` calls of `f` on fresh operands. */
function medianMs(reps: number, make: () => tf.Tensor[], f: (t: tf.Tensor[]) => tf.Tensor | void): number {
  const times: number[] = [];
  for (let r = 0; r < reps + 2; r++) {
    const operands = make();
    const t0 = performance.now();
    const out = f(operands);
    const ms = performance.now() - t0;
    if (r >= 2) times.push(ms); // two warm-up calls
    tf.dispose(operands);
    if (out) out.dispose();
  }
  times.sort((x, y) => x - y);
  return times[Math.floor(times.length / 2)];
}

export async function timeMatMuls(reps = 30): Promise<KernelTiming[]> {
  const rows: KernelTiming[] = [];
  for (const c of cases) {
    const aData = tf.randomNormal(c.a, 0, 1, 'float32', 1).dataSync();
    const bData = tf.randomNormal(c.b, 0, 1, 'float32', 2).dataSync();
    const make = () => [tf.tensor(aData, c.a), tf.tensor(bData, c.b)];
    const run = (t: tf.Tensor[]) => tf.matMul(t[0], t[1], c.transposeA, c.transposeB);
    let stockMs = Infinity;
    let reglabMs = Infinity;
    for (let round = 0; round < 3; round++) {
      await selectBackend('stock');
      stockMs = Math.min(stockMs, medianMs(reps, make, run));
      await selectBackend('reglab');
      reglabMs = Math.min(reglabMs, medianMs(reps, make, run));
    }
    const gflop = flops(c) / 1e9;
    rows.push({
      role: c.role,
      shapes: `${JSON.stringify(c.a)}${c.transposeA ? 'ᵀ' : ''} · ${JSON.stringify(c.b)}${c.transposeB ? 'ᵀ' : ''}`,
      gflop,
      stockMs,
      reglabMs,
      stockGflops: gflop / (stockMs / 1000),
      reglabGflops: gflop / (reglabMs / 1000),
      speedup: stockMs / reglabMs,
    });
  }
  return rows;
}

/** One Adam step over the MLP's six variables, stock tfjs code vs the fused kernel. */
export async function timeAdam(reps = 30): Promise<{ stockMs: number; reglabMs: number; speedup: number }> {
  const shapes = [[784, 256], [256], [256, 256], [256], [256, 10], [10]];
  const result = { stockMs: Infinity, reglabMs: Infinity, speedup: 0 };
  for (let round = 0; round < 3; round++) {
    for (const kernels of ['stock', 'reglab'] as const) {
      await selectBackend(kernels);
      const vars = shapes.map((s, i) => tf.variable(tf.randomNormal(s, 0, 1, 'float32', i + 1)));
      const grads: Record<string, tf.Tensor> = {}; // applyGradients is typed for Variables but takes tensors
      vars.forEach((v, i) => (grads[v.name] = tf.randomNormal(shapes[i], 0, 1, 'float32', i + 11)));
      const opt = tf.train.adam(1e-3);
      const ms = medianMs(reps, () => [], () => opt.applyGradients(grads as unknown as tf.NamedTensorMap as never));
      const key = kernels === 'stock' ? 'stockMs' : 'reglabMs';
      result[key] = Math.min(result[key], ms);
      opt.dispose();
      tf.dispose([...vars, ...Object.values(grads)]);
    }
  }
  result.speedup = result.stockMs / result.reglabMs;
  return result;
}

async function main(): Promise<void> {
  const repsArg = process.argv.indexOf('--reps');
  const reps = repsArg > 0 ? Number(process.argv[repsArg + 1]) : 30;
  const matmuls = await timeMatMuls(reps);
  const adam = await timeAdam(reps);
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ matmuls, adam }));
    return;
  }
  const f = (x: number, d = 2) => x.toFixed(d);
  console.log('| product (batch 128) | shapes | stock ms | stock GFLOP/s | reglab ms | reglab GFLOP/s | speed-up |');
  console.log('|---|---|---:|---:|---:|---:|---:|');
  for (const r of matmuls) {
    console.log(`| ${r.role} | ${r.shapes} | ${f(r.stockMs)} | ${f(r.stockGflops, 1)} | ${f(r.reglabMs)} | ${f(r.reglabGflops, 1)} | ${f(r.speedup, 1)}× |`);
  }
  console.log(`| Adam step, 6 variables (269,322 weights) | | ${f(adam.stockMs)} | | ${f(adam.reglabMs)} | | ${f(adam.speedup, 1)}× |`);
}

if (require.main === module) void main();
