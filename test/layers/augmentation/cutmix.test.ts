// cutmix: the pasted pixels form one rectangle taken from the partner at the same place, nothing
// else changes, the label weight is the pasted area fraction, and the box follows Yun et al.'s
// rand_bbox arithmetic.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import * as rl from '../../../src';

before(async () => {
  await tf.setBackend('cpu');
});

/** Pixel (b, i, j, c) = 1000·b + 100·c + 10·i + j: every pixel of the batch is distinct. */
function distinctImages(batch: number, height: number, width: number, channels: number): number[][][][] {
  return Array.from({ length: batch }, (_, b) => Array.from({ length: height }, (_, i) =>
    Array.from({ length: width }, (_, j) => Array.from({ length: channels }, (_, c) => 1000 * b + 100 * c + 10 * i + j))));
}

describe('cutmix', () => {
  const [n, h, w, c] = [6, 8, 9, 2];
  const labels = [0, 1, 2, 3, 4, 5];

  it('pastes one rectangle of the partner (all channels), leaves the rest, and weights labels by area', () => {
    const source = distinctImages(n, h, w, c);
    const xs = tf.tensor4d(source);
    const ys = tf.oneHot(labels, 6).toFloat();
    let checked = 0;
    for (let seed = 0; seed < 40; seed++) {
      const m = rl.layers.cutmix(xs, ys, { seed });
      const out = m.xs.arraySync();
      const mixedY = m.ys.arraySync() as number[][];
      for (let b = 0; b < n; b++) {
        const partner = m.permutation[b];
        // Count, from the pixels alone, which came from the partner and which stayed.
        let [fromPartner, kept, top, bottom, left, right] = [0, 0, Infinity, -1, Infinity, -1];
        for (let i = 0; i < h; i++) {
          for (let j = 0; j < w; j++) {
            for (let k = 0; k < c; k++) {
              const v = out[b][i][j][k];
              if (v === source[b][i][j][k]) { kept += 1; continue; }
              assert.equal(v, source[partner][i][j][k], `image ${b} pixel (${i}, ${j}, ${k}) is neither its own nor its partner's`);
              fromPartner += 1;
              [top, bottom, left, right] = [Math.min(top, i), Math.max(bottom, i), Math.min(left, j), Math.max(right, j)];
            }
          }
        }
        assert.equal(kept + fromPartner, h * w * c);
        if (partner === b) {
          assert.equal(fromPartner, 0);
          assert.deepEqual(mixedY[b], labels.map((l) => (l === b ? 1 : 0)));
          continue;
        }
        const area = fromPartner / c; // the same pixels in every channel
        if (area > 0) {
          // The pasted pixels fill a rectangle, and it is the box the result reports.
          assert.equal(area, (bottom - top + 1) * (right - left + 1), 'the pasted pixels are not a filled rectangle');
          assert.deepEqual(m.box, { top, left, height: bottom - top + 1, width: right - left + 1 });
        } else {
          assert.equal(m.box.height * m.box.width, 0);
        }
        const fraction = area / (h * w);
        assert.ok(Math.abs(m.lambda - (1 - fraction)) < 1e-12, `λ ${m.lambda} ≠ 1 − ${area}/${h * w}`);
        labels.forEach((l, k) => {
          const expected = (k === b ? 1 - fraction : 0) + (k === partner ? fraction : 0);
          assert.ok(Math.abs(mixedY[b][k] - expected) < 1e-6, `label ${k} of image ${b}: ${mixedY[b][k]} ≠ ${expected}`);
        });
        checked += 1;
      }
      tf.dispose([m.xs, m.ys]);
    }
    assert.ok(checked > 100, `only ${checked} images had a partner other than themselves`);
    tf.dispose([xs, ys]);
  });

  it("draws the box as rand_bbox: half-sides ⌊⌊H·√(1−λ)⌋/2⌋ around a grid centre, clipped", () => {
    const at = (...values: number[]) => { let k = 0; return () => values[k++]; };
    // λ = 0.75 on 8×8: √(1−λ) = ½, half-side ⌊4/2⌋ = 2; centre (4, 4) → rows and columns 2…5.
    assert.deepEqual(rl.layers.cutmixBox(0.75, 8, 8, at(0.5, 0.5)), { top: 2, left: 2, height: 4, width: 4 });
    // Centre (0, 7) on 8×8: rows −2…1 clip to 0…1, columns 5…8 clip to 5…7.
    assert.deepEqual(rl.layers.cutmixBox(0.75, 8, 8, at(0, 7.5 / 8)), { top: 0, left: 5, height: 2, width: 3 });
    // λ = 0.19 on 10×20: √0.81 = 0.9, half-sides ⌊9/2⌋ = 4 and ⌊18/2⌋ = 9; centre (5, 10).
    assert.deepEqual(rl.layers.cutmixBox(0.19, 10, 20, at(0.5, 0.5)), { top: 1, left: 1, height: 8, width: 18 });
    // λ = 1: nothing is cut; λ = 0 with a centre in the middle: the whole image.
    assert.equal(rl.layers.cutmixBox(1, 8, 8, at(0.5, 0.5)).height, 0);
    assert.deepEqual(rl.layers.cutmixBox(0, 8, 8, at(0.5, 0.5)), { top: 0, left: 0, height: 8, width: 8 });
  });

  it('α = 1: the mean pasted fraction matches λ₀ ~ U(0, 1) and a uniform centre (numerical integral)', () => {
    // E[fraction] = ∫₀¹ E[clipped rows]·E[clipped columns] / (H·W) dλ₀: for a given λ₀ the two
    // sides are independent (centre row and column are drawn independently). Midpoint rule.
    const [H, W] = [16, 12];
    const clippedMean = (size: number, half: number) => {
      let total = 0;
      for (let centre = 0; centre < size; centre++) total += Math.min(centre + half, size) - Math.max(centre - half, 0);
      return total / size;
    };
    let expected = 0;
    const steps = 20000;
    for (let k = 0; k < steps; k++) {
      const cut = Math.sqrt(1 - (k + 0.5) / steps);
      expected += clippedMean(H, Math.floor(Math.floor(H * cut) / 2)) * clippedMean(W, Math.floor(Math.floor(W * cut) / 2));
    }
    expected /= steps * H * W;
    const xs = tf.zeros([2, H, W, 1]);
    const ys = tf.tensor2d([[1, 0], [0, 1]]);
    const fractions: number[] = [];
    for (let seed = 0; seed < 2000; seed++) {
      const m = rl.layers.cutmix(xs, ys, { seed });
      fractions.push(1 - m.lambda);
      tf.dispose([m.xs, m.ys]);
    }
    const mean = fractions.reduce((a, b) => a + b, 0) / fractions.length;
    const sd = Math.sqrt(fractions.reduce((a, f) => a + (f - mean) ** 2, 0) / (fractions.length - 1));
    assert.ok(fractions.every((f) => f >= 0 && f <= 1));
    // Four standard errors of the Monte-Carlo mean.
    assert.ok(Math.abs(mean - expected) < 4 * sd / Math.sqrt(fractions.length), `mean ${mean}, expected ${expected}`);
    // Small α concentrates λ₀ near 0 or 1: more boxes that are (almost) empty or (almost) whole.
    const extreme = (alpha: number) => {
      let count = 0;
      for (let seed = 0; seed < 400; seed++) {
        const m = rl.layers.cutmix(xs, ys, { alpha, seed });
        if (m.lambda > 0.95) count += 1;
        tf.dispose([m.xs, m.ys]);
      }
      return count;
    };
    assert.ok(extreme(0.1) > extreme(4) + 50, 'α = 0.1 should leave many more images nearly untouched than α = 4');
    tf.dispose([xs, ys]);
  });

  it('is reproducible with a seed and leaks nothing but its two results', () => {
    const xs = tf.tensor4d(distinctImages(4, 8, 8, 1));
    const ys = tf.oneHot([0, 1, 2, 3], 4).toFloat();
    const before = tf.memory().numTensors;
    const a = rl.layers.cutmix(xs, ys, { seed: 11 });
    const b = rl.layers.cutmix(xs, ys, { seed: 11 });
    assert.deepEqual([a.lambda, a.box, a.permutation], [b.lambda, b.box, b.permutation]);
    assert.deepEqual(a.xs.arraySync(), b.xs.arraySync());
    assert.equal(tf.memory().numTensors, before + 4);
    tf.dispose([a.xs, a.ys, b.xs, b.ys]);
    assert.equal(tf.memory().numTensors, before);
    tf.dispose([xs, ys]);
  });

  it('rejects bad arguments with clear messages', () => {
    const xs = tf.zeros([4, 8, 8, 1]);
    const ys = tf.oneHot([0, 1, 2, 3], 4).toFloat();
    const bad: [() => unknown, RegExp][] = [
      [() => rl.layers.cutmix(xs, ys, { alpha: 0 }), /^RangeError: rl\.layers\.cutmix: `alpha` must be a finite number > 0; received 0$/],
      [() => rl.layers.cutmix(xs, ys, { alpha: '1' } as never), /`alpha` must be a finite number > 0; received '1'/],
      [() => rl.layers.cutmix(xs, ys, { seed: 1.5 }), /`seed` must be an integer; received 1\.5/],
      [() => rl.layers.cutmix(xs, ys, { alhpa: 1 } as never), /unknown option `alhpa` \(did you mean `alpha`\?\)/],
      [() => rl.layers.cutmix(tf.zeros([4, 64]), ys), /`xs` must be NHWC images of rank 4 \[batch, height, width, channels\]; received shape \[4,64\]$/],
      [() => rl.layers.cutmix(xs, tf.oneHot([0, 1, 2, 3], 4)), /`ys` must be float32 \(one-hot or soft labels\), since mixed labels are fractional; received dtype int32$/],
      [() => rl.layers.cutmix(xs, tf.zeros([3, 4])), /`ys` must be a tensor with the batch size of `xs` \(4\) on its first axis; received shape \[3,4\]$/],
      [() => rl.layers.cutmix([[1]] as never, ys), /`xs` must be a tf\.Tensor; received \[\[1\]\]/],
    ];
    for (const [call, message] of bad) assert.throws(call, message);
    tf.dispose([xs, ys]);
  });
});
