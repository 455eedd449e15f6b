// specAugment: each example's masked cells are whole frames (rows) and whole bins (columns), in
// at most T and F bands of bounded width, set to `value`; everything else is untouched.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import * as rl from '../../../src';
import { useBackend } from './helpers';

before(async () => {
  await tf.setBackend('cpu');
});

/** Maximal runs of consecutive true entries: their lengths. */
function runs(flags: boolean[]): number[] {
  const out: number[] = [];
  let length = 0;
  for (const f of [...flags, false]) {
    if (f) length += 1;
    else if (length > 0) [out[out.length], length] = [length, 0];
  }
  return out;
}

/** One example's masked frames and bins, read off an output whose input had no `value` cells. */
function maskedLines(example: number[][][], value: number) {
  const isMasked = (px: number[]) => px.every((v) => v === value);
  const frames = example.map((row) => row.every(isMasked));
  const bins = example[0].map((_, b) => example.every((row) => isMasked(row[b])));
  return { frames, bins, isMasked };
}

describe('specAugment', () => {
  const [n, frames, bins, channels] = [300, 20, 16, 2];

  it('one mask per axis: a masked band is contiguous, of width ≤ the bound, through all channels', () => {
    const x = tf.randomUniform([n, frames, bins, channels], 1, 2, 'float32', 5);
    const layer = rl.layers.specAugment({ frequencyMasks: 1, frequencyMaskWidth: 5, timeMasks: 1,
      timeMaskWidth: 7, timeMaskFraction: 0.25, value: -3, seed: 1 });
    const out = layer.apply(x, { training: true }) as tf.Tensor;
    const [input, output] = [x.arraySync() as number[][][][], out.arraySync() as number[][][][]];
    const widths = { frequency: [] as number[], time: [] as number[] };
    output.forEach((example, i) => {
      const { frames: f, bins: b } = maskedLines(example, -3);
      const [timeRuns, binRuns] = [runs(f), runs(b)];
      assert.ok(timeRuns.length <= 1 && binRuns.length <= 1, `example ${i}: more than one band`);
      widths.time.push(timeRuns[0] ?? 0);
      widths.frequency.push(binRuns[0] ?? 0);
      // Every cell is either on a masked line (= value, all channels) or equal to the input.
      example.forEach((row, t) => row.forEach((px, k) => px.forEach((v, c) => {
        if (f[t] || b[k]) assert.equal(v, -3);
        else assert.equal(v, input[i][t][k][c], `example ${i} cell (${t}, ${k}, ${c}) changed`);
      })));
    });
    // Width bounds: f ≤ 5; t ≤ min(7, ⌊0.25 · 20⌋) = 5.
    assert.ok(Math.max(...widths.frequency) <= 5 && Math.max(...widths.time) <= 5);
    // Widths are uniform on {0, …, 5}: mean 2.5, sd √(35/12) ≈ 1.71, se over 300 ≈ 0.1.
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    assert.ok(Math.abs(mean(widths.frequency) - 2.5) < 0.4, `mean f ${mean(widths.frequency)}`);
    assert.ok(Math.abs(mean(widths.time) - 2.5) < 0.4, `mean t ${mean(widths.time)}`);
    assert.ok(widths.frequency.includes(5) && widths.time.includes(5), 'the bound is reachable');
    tf.dispose([x, out]);
  });

  it('F and T masks: at most F bands covering at most F·f bins (T, T·t frames); default value 0', () => {
    const x = tf.ones([n, frames, bins, 1]);
    const out = rl.layers.specAugment({ frequencyMasks: 3, frequencyMaskWidth: 2, timeMasks: 2,
      timeMaskWidth: 3, seed: 2 }).apply(x, { training: true }) as tf.Tensor;
    let anyMasked = 0;
    for (const example of out.arraySync() as number[][][][]) {
      const { frames: f, bins: b } = maskedLines(example, 0);
      assert.ok(runs(b).length <= 3 && b.filter(Boolean).length <= 6);
      assert.ok(runs(f).length <= 2 && f.filter(Boolean).length <= 6);
      example.forEach((row, t) => row.forEach((px, k) => assert.equal(px[0], f[t] || b[k] ? 0 : 1)));
      if (f.some(Boolean) || b.some(Boolean)) anyMasked += 1;
    }
    // P(no mask at all) = (1/3)^3 · (1/4)^2 ≈ 0.0023: nearly every example is masked.
    assert.ok(anyMasked >= 0.98 * n, `${anyMasked} masked`);
    tf.dispose([x, out]);
  });

  it('identity at inference (apply without training, predict), and with zero masks in training', () => {
    const x = tf.randomNormal([4, frames, bins, 1], 0, 1, 'float32', 3);
    const layer = rl.layers.specAugment({ seed: 0, inputShape: [frames, bins, 1] });
    const model = tf.sequential({ layers: [layer] });
    const inferred = [layer.apply(x) as tf.Tensor, model.predict(x) as tf.Tensor];
    for (const y of inferred) assert.deepEqual(Array.from(y.dataSync()), Array.from(x.dataSync()));
    const none = rl.layers.specAugment({ frequencyMasks: 0, timeMasks: 0 }).apply(x, { training: true }) as tf.Tensor;
    assert.deepEqual(Array.from(none.dataSync()), Array.from(x.dataSync()));
    tf.dispose([x, none, ...inferred]);
  });

  it('rank-3 input (one spectrogram) keeps its shape', () => {
    const x = tf.ones([frames, bins, 1]);
    const y = rl.layers.specAugment({ seed: 4, frequencyMaskWidth: 3, timeMaskWidth: 3 }).apply(x, { training: true }) as tf.Tensor;
    assert.deepEqual(y.shape, [frames, bins, 1]);
    tf.dispose([x, y]);
  });

  it('deterministic under a seed: fresh layers replay the same masks; other seeds differ', () => {
    const x = tf.ones([50, frames, bins, 1]);
    const draw = (seed: number) => {
      const layer = rl.layers.specAugment({ seed, frequencyMaskWidth: 4, timeMaskWidth: 4 });
      const ys = [0, 1].map(() => layer.apply(x, { training: true }) as tf.Tensor);
      const values = ys.map((y) => Array.from(y.dataSync()));
      tf.dispose(ys);
      return values;
    };
    const [a, b, c] = [draw(7), draw(7), draw(8)];
    assert.deepEqual(a, b);
    assert.notDeepEqual(a[0], a[1], 'each call draws new masks');
    assert.notDeepEqual(a[0], c[0]);
    x.dispose();
  });

  it('leaks no tensors, per call and over model.fit epochs', async () => {
    const x = tf.ones([8, frames, bins, 1]);
    const layer = rl.layers.specAugment({ seed: 1 });
    const before = tf.memory().numTensors;
    for (let k = 0; k < 3; k++) (layer.apply(x, { training: true }) as tf.Tensor).dispose();
    assert.equal(tf.memory().numTensors, before);
    const model = tf.sequential({ layers: [
      rl.layers.specAugment({ seed: 2, inputShape: [frames, bins, 1] }),
      tf.layers.flatten(), tf.layers.dense({ units: 1 })] });
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const y = tf.zeros([8, 1]);
    const counts: number[] = [];
    await model.fit(x, y, { epochs: 4, batchSize: 4, verbose: 0,
      callbacks: { onEpochEnd: async () => { counts.push(tf.memory().numTensors); } } });
    assert.ok(counts.every((c) => c === counts[0]), `tensors per epoch: ${counts}`);
    model.dispose();
    tf.dispose([x, y]);
  });

  it('wasm (the notebooks\' backend) masks the same cells as cpu for the same seed', async () => {
    const x = tf.randomUniform([6, frames, bins, 1], 1, 2, 'float32', 9);
    const values = x.arraySync() as number[][][][];
    const masked = () => {
      const input = tf.tensor4d(values);
      const y = rl.layers.specAugment({ seed: 3, frequencyMaskWidth: 5, timeMaskWidth: 5 })
        .apply(input, { training: true }) as tf.Tensor;
      const out = Array.from(y.dataSync());
      tf.dispose([input, y]);
      return out;
    };
    const onCpu = masked();
    if (await useBackend('wasm')) {
      assert.deepEqual(masked(), onCpu);
      await tf.setBackend('cpu');
    }
    x.dispose();
  });

  it('serializes its options; rejects bad arguments by name', () => {
    const layer = rl.layers.specAugment({ frequencyMasks: 1, frequencyMaskWidth: 3, timeMaskFraction: 0.2, seed: 5 });
    const config = layer.getConfig();
    assert.equal(config.frequencyMasks, 1);
    assert.equal(config.frequencyMaskWidth, 3);
    assert.equal(config.timeMasks, 2);
    assert.equal(config.timeMaskWidth, 100);
    assert.equal(config.timeMaskFraction, 0.2);
    assert.equal(config.seed, 5);
    assert.throws(() => rl.layers.specAugment({ frequencyMasks: -1 }),
      /rl\.layers\.specAugment: `frequencyMasks` must be .*; received -1/);
    assert.throws(() => rl.layers.specAugment({ timeMaskWidth: 2.5 }), /`timeMaskWidth`.*received 2\.5/);
    assert.throws(() => rl.layers.specAugment({ timeMaskFraction: 1.5 }), /`timeMaskFraction`.*received 1\.5/);
    assert.throws(() => rl.layers.specAugment({ frequencyMask: 1 } as never), /did you mean `frequencyMasks`/);
    const x = tf.ones([2, 3]);
    assert.throws(() => rl.layers.specAugment().apply(x, { training: true }), /rank 4/);
    x.dispose();
  });
});
