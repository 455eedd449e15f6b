// Child process of threaded-backend.test.ts: trains a small MLP with Adam on the backend that
// rl.backend.ready() selects (REGLAB_WASM_THREADS set by the parent) and prints the detail line
// and every weight after training as JSON to the file named by the first argument, then ends by
// itself (no process.exit: the threaded build's workers must not keep the process alive).
import { writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import * as rl from '../../src';

async function main(): Promise<void> {
  const info = await rl.backend.ready({ quiet: true });
  const xs = tf.randomUniform([512, 300], -1, 1, 'float32', 1);
  const labels = tf.randomUniform([512], 0, 10, 'int32', 2);
  const ys = tf.oneHot(labels, 10);
  const init = (seed: number) => tf.initializers.glorotUniform({ seed });
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [300], units: 128, activation: 'relu', kernelInitializer: init(3) }),
      tf.layers.dense({ units: 10, kernelInitializer: init(4) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: tf.losses.softmaxCrossEntropy });
  await model.fit(xs, ys, { epochs: 2, batchSize: 64, shuffle: false, verbose: 0 });
  const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
  writeFileSync(process.argv[2], JSON.stringify({ detail: info.detail, weights }));
}

main().catch((err) => { console.error(err); process.exitCode = 1; });
