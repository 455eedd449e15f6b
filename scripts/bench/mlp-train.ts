/**
 * Benchmark workload `mlp-train` (issue 6): 4096 random samples × 784 features, 10 classes;
 * Dense 256 ReLU (L2 1e-4 on its kernel) → Dropout 0.5 → Dense 256 ReLU → Dense 10; softmax
 * cross-entropy on logits; Adam lr 1e-3; batch 128 (shuffled); one warm-up epoch, then two
 * timed epochs, repeated `repeats` times (best kept: the least disturbed by other processes).
 * Its PyTorch twin is scripts/bench/mlp_train.py.
 *
 * Run alone:  npx tsx scripts/bench/mlp-train.ts [--stock] [--profile]
 */
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from './backend';

export interface MlpTrainOptions {
  /** Training samples. Default 4096. */
  samples?: number;
  /** Timed epochs per repeat. Default 2. */
  epochs?: number;
  /** Mini-batch size. Default 128. */
  batchSize?: number;
  /** Timed repeats; the fastest is reported. Default 3. */
  repeats?: number;
  /** 'reglab' (default): the kernels rl.backend.ready() installs; 'stock': tfjs-backend-wasm's own. */
  kernels?: 'reglab' | 'stock';
}

export interface MlpTrainResult {
  name: 'mlp-train';
  backend: string;
  kernels: 'reglab' | 'stock';
  samplesPerSec: number;
  /** Seconds of the fastest repeat of `epochs` epochs. */
  seconds: number;
  /** Samples/s of every repeat, in order. */
  repeats: number[];
  samples: number;
  epochs: number;
  batchSize: number;
}

/** The reference MLP, compiled like a reader's model would be. */
export function buildModel(): tf.Sequential {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [784], units: 256, activation: 'relu', kernelRegularizer: tf.regularizers.l2({ l2: 1e-4 }) }),
      tf.layers.dropout({ rate: 0.5 }),
      tf.layers.dense({ units: 256, activation: 'relu' }),
      tf.layers.dense({ units: 10 }),
    ],
  });
  model.compile({
    optimizer: tf.train.adam(1e-3),
    loss: (yTrue: tf.Tensor, logits: tf.Tensor) => tf.losses.softmaxCrossEntropy(yTrue, logits),
  });
  return model;
}

/** Random inputs in [0, 1) and one-hot labels for 10 classes (seeded). */
export function makeData(samples: number): { xs: tf.Tensor2D; ys: tf.Tensor2D } {
  return tf.tidy(() => ({
    xs: tf.randomUniform([samples, 784], 0, 1, 'float32', 1) as tf.Tensor2D,
    ys: tf.oneHot(tf.randomUniform([samples], 0, 10, 'int32', 2) as tf.Tensor1D, 10) as tf.Tensor2D,
  }));
}

export async function run(options: MlpTrainOptions = {}): Promise<MlpTrainResult> {
  const { samples = 4096, epochs = 2, batchSize = 128, repeats = 3, kernels = 'reglab' } = options;
  const backend = await selectBackend(kernels);
  const { xs, ys } = makeData(samples);
  const model = buildModel();
  try {
    await model.fit(xs, ys, { batchSize, epochs: 1, verbose: 0 }); // warm-up
    const rates: number[] = [];
    let best = Infinity;
    for (let r = 0; r < repeats; r++) {
      const t0 = performance.now();
      await model.fit(xs, ys, { batchSize, epochs, verbose: 0 });
      const seconds = (performance.now() - t0) / 1000;
      best = Math.min(best, seconds);
      rates.push(Math.round((samples * epochs) / seconds));
    }
    return { name: 'mlp-train', backend, kernels, samplesPerSec: Math.round((samples * epochs) / best), seconds: best, repeats: rates, samples, epochs, batchSize };
  } finally {
    model.dispose();
    tf.dispose([xs, ys]);
  }
}

/**
 * Floating-point operations of a (batched) matMul, 2·(output elements)·k. tf.profile does not
 * record the transpose attrs, so k is read off `a` as the dim that is not the output's m.
 */
function matMulFlops(inputShapes: number[][], outputShape: number[]): number {
  const a = inputShapes[0];
  const m = outputShape[outputShape.length - 2];
  const k = a[a.length - 2] === m ? a[a.length - 1] : a[a.length - 2];
  return 2 * outputShape.reduce((p, x) => p * x, 1) * k;
}

export interface KernelRow {
  kernel: string;
  inputShapes: string;
  calls: number;
  totalMs: number;
  msPerCall: number;
  gflops?: number;
}

/**
 * One epoch under tf.profile, aggregated by kernel and input shapes (wasm kernels run
 * synchronously, so kernelTimeMs is their wall time). MatMul rows get GFLOP/s.
 */
export async function profileEpoch(kernels: 'reglab' | 'stock', samples = 4096): Promise<{ rows: KernelRow[]; totalMs: number }> {
  await selectBackend(kernels);
  const { xs, ys } = makeData(samples);
  const model = buildModel();
  await model.fit(xs, ys, { batchSize: 128, epochs: 1, verbose: 0 });
  const info = await tf.profile(async () => {
    await model.fit(xs, ys, { batchSize: 128, epochs: 1, verbose: 0 });
  });
  model.dispose();
  tf.dispose([xs, ys]);
  const byKey = new Map<string, KernelRow & { flops: number }>();
  let totalMs = 0;
  for (const k of info.kernels) {
    const ms = Number(k.kernelTimeMs);
    totalMs += ms;
    const key = `${k.name} ${JSON.stringify(k.inputShapes)}`;
    const row = byKey.get(key) ?? { kernel: k.name, inputShapes: JSON.stringify(k.inputShapes), calls: 0, totalMs: 0, msPerCall: 0, flops: 0 };
    row.calls++;
    row.totalMs += ms;
    if (k.name === 'BatchMatMul' || k.name === '_FusedMatMul') row.flops += matMulFlops(k.inputShapes as number[][], (k.outputShapes as number[][])[0]);
    byKey.set(key, row);
  }
  const rows = [...byKey.values()]
    .sort((x, y) => y.totalMs - x.totalMs)
    .map(({ flops, ...row }) => ({ ...row, msPerCall: row.totalMs / row.calls, gflops: flops > 0 ? flops / (row.totalMs * 1e6) : undefined }));
  return { rows, totalMs };
}

async function main(): Promise<void> {
  const kernels = process.argv.includes('--stock') ? 'stock' : 'reglab';
  if (process.argv.includes('--profile')) {
    const { rows, totalMs } = await profileEpoch(kernels);
    console.log(`kernels: ${kernels}; one epoch, total kernel time ${totalMs.toFixed(1)} ms`);
    const byKernel = new Map<string, number>();
    for (const r of rows) byKernel.set(r.kernel, (byKernel.get(r.kernel) ?? 0) + r.totalMs);
    const shares = [...byKernel].sort((a, b) => b[1] - a[1]).slice(0, 8);
    console.log(shares.map(([k, ms]) => `${k} ${ms.toFixed(0)} ms (${((100 * ms) / totalMs).toFixed(0)}%)`).join(', '));
    console.table(rows.slice(0, 25).map((r) => ({ ...r, totalMs: +r.totalMs.toFixed(2), msPerCall: +r.msPerCall.toFixed(3), gflops: r.gflops === undefined ? '' : +r.gflops.toFixed(1) })));
    return;
  }
  console.log(JSON.stringify(await run({ kernels })));
}

if (require.main === module) void main();
