// randomErasing: each erased region is one axis-aligned rectangle through all channels, of an
// admissible size; erasing happens with the stated probability; nothing else changes.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import * as rl from '../../../src';
import { drawEraseBox } from '../../../src/layers/augmentation/random-erasing';
import seedrandom from 'seedrandom';

before(async () => {
  await tf.setBackend('cpu');
});

/** The bounding box and pixel count of the cells where mask is true. */
function extent(mask: boolean[][]) {
  let [top, bottom, left, right, count] = [Infinity, -1, Infinity, -1, 0];
  mask.forEach((row, i) => row.forEach((m, j) => {
    if (!m) return;
    count += 1;
    [top, bottom, left, right] = [Math.min(top, i), Math.max(bottom, i), Math.min(left, j), Math.max(right, j)];
  }));
  return { count, height: bottom - top + 1, width: right - left + 1 };
}

describe('randomErasing', () => {
  const [n, h, w, c] = [200, 10, 12, 3];

  it('probability 1: every image has one rectangle of `value`, all channels, area within scale (±rounding)', () => {
    const x = tf.zeros([n, h, w, c]);
    const out = rl.layers.randomErasing({ probability: 1, value: 7, seed: 4 }).apply(x, { training: true }) as tf.Tensor;
    const images = out.arraySync() as number[][][][];
    let erased = 0;
    for (const img of images) {
      for (const row of img) for (const px of row) assert.ok(px.every((v) => v === px[0]) && (px[0] === 0 || px[0] === 7));
      const box = extent(img.map((row) => row.map((px) => px[0] === 7)));
      if (box.count === 0) continue; // ten rejected draws: nothing erased (rare)
      erased += 1;
      assert.equal(box.count, box.height * box.width, 'the erased pixels are not a filled rectangle');
      assert.ok(box.height < h && box.width < w);
      // h·w = round(√(sHWr))·round(√(sHW/r)) with s ≤ 0.33: at most (√(0.33HWr)+½)(√(0.33HW/r)+½).
      assert.ok(box.count <= 0.33 * h * w + 0.5 * (h + w) + 0.25 + 1e-9, `area ${box.count}`);
    }
    assert.ok(erased >= 0.95 * n, `only ${erased} of ${n} erased`);
    tf.dispose([x, out]);
  });

  it('erases about `probability` of the images (0.5 → 200 ± 32 of 400)', () => {
    const x = tf.zeros([400, h, w, 1]);
    const out = rl.layers.randomErasing({ probability: 0.5, value: 1, scale: [0.1, 0.3], seed: 8 }).apply(x, { training: true }) as tf.Tensor;
    const perImage = tf.tidy(() => tf.sum(out, [1, 2, 3]).greater(0).sum().dataSync()[0]);
    // Binomial(400, ½): sd 10; ±32 > 3 sd (and boxes with scale ≥ 0.1 never round to empty).
    assert.ok(Math.abs(perImage - 200) <= 32, `${perImage} erased`);
    tf.dispose([x, out]);
  });

  it("probability 0 is the identity even in training; value 'random' fills only the box with noise", () => {
    const x = tf.randomUniform([20, h, w, c], 1, 2, 'float32', 3);
    const y0 = rl.layers.randomErasing({ probability: 0, seed: 1 }).apply(x, { training: true }) as tf.Tensor;
    assert.deepEqual(Array.from(y0.dataSync()), Array.from(x.dataSync()));
    const y = rl.layers.randomErasing({ probability: 1, value: 'random', scale: [0.2, 0.3], seed: 1 }).apply(x, { training: true }) as tf.Tensor;
    const [xs, ys] = [x.arraySync() as number[][][][], y.arraySync() as number[][][][]];
    let noisy = 0;
    xs.forEach((img, b) => img.forEach((row, i) => row.forEach((px, j) => px.forEach((v, k) => {
      const out = ys[b][i][j][k];
      if (out !== v) noisy += 1;
    }))));
    // x ∈ [1, 2); N(0, 1) noise lands there with probability ≈ 0.14, so most erased pixels change.
    assert.ok(noisy > 0.1 * 20 * h * w * c, `${noisy} pixels changed`);
    tf.dispose([x, y0, y]);
  });

  it('drawEraseBox keeps the box inside the image, with aspect and area from the ranges', () => {
    const u = seedrandom.alea('boxes');
    for (let k = 0; k < 2000; k++) {
      const box = drawEraseBox(() => u(), 40, 30, [0.02, 0.33], [0.3, 3.3]);
      if (box.height === 0) continue;
      assert.ok(box.top >= 0 && box.left >= 0 && box.top + box.height <= 40 && box.left + box.width <= 30, JSON.stringify(box));
      // Before rounding, area ∈ [0.02, 0.33]·1200 = [24, 396]; rounding each side by ≤ ½.
      const [hi, wi] = [box.height, box.width];
      assert.ok((hi + 0.5) * (wi + 0.5) >= 24 && (hi - 0.5) * (wi - 0.5) <= 396, JSON.stringify(box));
    }
  });
});
