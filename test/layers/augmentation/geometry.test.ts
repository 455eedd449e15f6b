// Closed-form checks of the geometric layers: expected pixels come from index arithmetic
// (np.rot90, shifted indices, reflected indices), on cpu and on wasm.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import * as rl from '../../../src';
import { assertClose, batchOf, image, trainingOutput, useBackend } from './helpers';

// Pixel (i, j, c) = 10·i + j + 100·c: every pixel distinct, linear in i and j.
const linear = (h: number, w: number, c = 2) => image(h, w, c, (i, j, k) => 10 * i + j + 100 * k);
/** TF's 'reflect' index (d c b a | a b c d | d c b a) for integer k. */
const reflect = (k: number, n: number) => (k < 0 ? -k - 1 : k >= n ? 2 * n - 1 - k : k);
const clamp = (k: number, n: number) => Math.min(n - 1, Math.max(0, k));
const wrap = (k: number, n: number) => ((k % n) + n) % n;

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`geometry on ${backend}`, () => {
    let available = false;
    before(async () => {
      available = await useBackend(backend);
    });
    const run = (name: string, fn: () => void) => it(name, (t) => (available ? fn() : t.skip(`${backend} unavailable`)));

    run('randomFlip horizontal: a flipped image has each row reversed; both outcomes occur', () => {
      const known = [[[1], [2], [3]], [[4], [5], [6]]];
      const flipped = [[[3], [2], [1]], [[6], [5], [4]]];
      const x = batchOf(...Array.from({ length: 64 }, () => known));
      const out = trainingOutput(rl.layers.randomFlip({ mode: 'horizontal', seed: 3 }), x);
      let count = 0;
      for (const img of out) {
        const isFlipped = JSON.stringify(img) === JSON.stringify(flipped);
        assert.ok(isFlipped || JSON.stringify(img) === JSON.stringify(known), `unexpected image ${JSON.stringify(img)}`);
        count += isFlipped ? 1 : 0;
      }
      // Binomial(64, ½): mean 32, sd 4; [20, 44] is ±3 sd.
      assert.ok(count >= 20 && count <= 44, `flipped ${count} of 64`);
      x.dispose();
    });

    run('randomFlip vertical reverses the rows; horizontal_and_vertical flips both axes or none (one draw, as Keras 3)', () => {
      const known = linear(2, 3, 1);
      const variants = {
        none: known,
        h: known.map((row) => [...row].reverse()),
        v: [...known].reverse(),
        hv: [...known].reverse().map((row) => [...row].reverse()),
      };
      const x = batchOf(...Array.from({ length: 64 }, () => known));
      for (const img of trainingOutput(rl.layers.randomFlip({ mode: 'vertical', seed: 1 }), x)) {
        assert.ok([variants.none, variants.v].some((v) => JSON.stringify(v) === JSON.stringify(img)));
      }
      const seen = new Map<string, number>();
      for (const img of trainingOutput(rl.layers.randomFlip({ seed: 2 }), x)) {
        const name = Object.entries(variants).find(([, v]) => JSON.stringify(v) === JSON.stringify(img))?.[0];
        assert.ok(name, `unexpected image ${JSON.stringify(img)}`);
        seen.set(name, (seen.get(name) ?? 0) + 1);
      }
      // Keras 3 draws once per image: a single-axis flip never happens in this mode.
      assert.deepEqual([...seen.keys()].sort(), ['hv', 'none']);
      // Binomial(64, ½) flipped: ±3 sd around 32.
      assert.ok(seen.get('hv')! >= 20 && seen.get('hv')! <= 44, `rotated ${seen.get('hv')} of 64`);
      x.dispose();
    });

    run('randomRotation factor [¼, ¼] = 90° counter-clockwise = np.rot90: y[i][j] = x[j][n−1−i]', () => {
      const n = 5;
      const x = batchOf(linear(n, n), linear(n, n));
      const expected = image(n, n, 2, (i, j, c) => 10 * j + (n - 1 - i) + 100 * c);
      for (const interpolation of ['bilinear', 'nearest'] as const) {
        const out = trainingOutput(rl.layers.randomRotation({ factor: [0.25, 0.25], interpolation, fillMode: 'constant', fillValue: -1 }), x);
        assertClose(out, [expected, expected], 1e-4);
      }
      x.dispose();
    });

    run('randomRotation −90° is clockwise (y[i][j] = x[n−1−j][i]); 180° on a 3×4 image reverses both axes', () => {
      const n = 4;
      const square = batchOf(linear(n, n));
      const cw = image(n, n, 2, (i, j, c) => 10 * (n - 1 - j) + i + 100 * c);
      assertClose(trainingOutput(rl.layers.randomRotation({ factor: [-0.25, -0.25] }), square), [cw], 1e-4);
      const wide = batchOf(linear(3, 4));
      const half = image(3, 4, 2, (i, j, c) => 10 * (2 - i) + (3 - j) + 100 * c);
      assertClose(trainingOutput(rl.layers.randomRotation({ factor: [0.5, 0.5] }), wide), [half], 1e-4);
      tf.dispose([square, wide]);
    });

    run('randomTranslation by whole pixels shifts them: y[i][j] = x[i − dy][j − dx] (dx = 2, dy = −1)', () => {
      const [h, w] = [8, 8];
      const x = batchOf(linear(h, w), linear(h, w));
      const shift = (map: (k: number, n: number) => number | undefined) => image(h, w, 2, (i, j, c) => {
        const si = map(i + 1, h);
        const sj = map(j - 2, w);
        return si === undefined || sj === undefined ? -1 : 10 * si + sj + 100 * c;
      });
      const inside = (k: number, n: number) => (k >= 0 && k < n ? k : undefined);
      const cases = [
        ['constant', inside],
        ['reflect', reflect],
        ['nearest', clamp],
        ['wrap', wrap],
      ] as const;
      for (const [fillMode, map] of cases) {
        const layer = rl.layers.randomTranslation({ heightFactor: [-0.125, -0.125], widthFactor: [0.25, 0.25], fillMode, fillValue: -1 });
        const expected = shift(map);
        assertClose(trainingOutput(layer, x), [expected, expected], 1e-4, fillMode);
      }
      x.dispose();
    });

    run('randomZoom: factor −½ samples at (½i + 1, ½j + 1) (2× zoom in); +1 samples at (2i − 2, 2j − 2) (zoom out)', () => {
      const n = 5;
      const x = batchOf(linear(n, n));
      // Bilinear interpolation of a linear image is exact: value = 10·row + col + 100·c.
      const zoomIn = image(n, n, 2, (i, j, c) => 10 * (0.5 * i + 1) + (0.5 * j + 1) + 100 * c);
      assertClose(trainingOutput(rl.layers.randomZoom({ heightFactor: [-0.5, -0.5] }), x), [zoomIn], 1e-4);
      const zoomOut = image(n, n, 2, (i, j, c) => {
        const [si, sj] = [2 * i - 2, 2 * j - 2];
        return si < 0 || si >= n || sj < 0 || sj >= n ? -1 : 10 * si + sj + 100 * c;
      });
      assertClose(trainingOutput(rl.layers.randomZoom({ heightFactor: [1, 1], fillMode: 'constant', fillValue: -1 }), x), [zoomOut], 1e-4);
      const widthOnly = image(n, n, 2, (i, j, c) => 10 * i + (0.5 * j + 1) + 100 * c);
      assertClose(trainingOutput(rl.layers.randomZoom({ heightFactor: 0, widthFactor: [-0.5, -0.5] }), x), [widthOnly], 1e-4);
      x.dispose();
    });

    run('every image of a batch gets its own transform (tfjs cpu kernel only transforms image 0)', () => {
      const x = batchOf(...Array.from({ length: 6 }, () => linear(4, 4, 1)));
      const out = trainingOutput(rl.layers.randomTranslation({ heightFactor: 0, widthFactor: [0.25, 0.25], fillMode: 'constant', fillValue: -1 }), x);
      const expected = image(4, 4, 1, (i, j) => (j < 1 ? -1 : 10 * i + j - 1));
      assertClose(out, Array.from({ length: 6 }, () => expected), 1e-4);
      x.dispose();
    });
  });
}
