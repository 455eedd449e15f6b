// Bad input to rl.layers (issue 16), noiseShape with null entries (Keras's None), zero-area erasing.
process.env.REGLAB_BACKEND ??= 'cpu';
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import * as rl from '../../src';

before(async () => {
  await rl.backend.ready({ quiet: true });
});

describe('invertedDropout', () => {
  const x = () => tf.ones([2, 3, 4]);
  it('names bad options: seed NaN, training not a boolean, a typo of training, bad noiseShape', () => {
    const t = x();
    assert.throws(() => rl.layers.invertedDropout(t, { rate: 0.5, seed: NaN }), { name: 'RangeError', message: 'rl.layers.invertedDropout: `seed` must be a finite number; received NaN' });
    assert.throws(() => rl.layers.invertedDropout(t, { rate: 0.5, training: 'yes' as never }), { name: 'TypeError', message: "rl.layers.invertedDropout: `training` must be true or false; received 'yes'" });
    assert.throws(() => rl.layers.invertedDropout(t, { rate: 0.5, trainig: false } as never), {
      name: 'TypeError', message: 'rl.layers.invertedDropout: unknown option `trainig` (did you mean `training`?); known options: rate, training, seed, noiseShape',
    });
    assert.throws(() => rl.layers.invertedDropout(t, { rate: 0.5, noiseShape: 3 as never }), {
      name: 'TypeError', message: 'rl.layers.invertedDropout: `noiseShape` must be an array of 3 entries (rank of `x`), each null, 1 or the size of its axis of [2,3,4]; received 3',
    });
    assert.throws(() => rl.layers.invertedDropout(t, { rate: 0.5, noiseShape: [2, 3] }), { name: 'RangeError', message: 'rl.layers.invertedDropout: `noiseShape` must be an array of 3 entries (rank of `x`), each null, 1 or the size of its axis of [2,3,4]; received [2, 3]' });
    assert.throws(() => rl.layers.invertedDropout(t, { rate: 0.5, noiseShape: [2, 5, 4] }), { name: 'RangeError', message: 'rl.layers.invertedDropout: `noiseShape[1]` must be null, 1 or 3 (axis 1 of [2,3,4]); received 5' });
    assert.throws(() => rl.layers.invertedDropout(t, { rate: 1 }), { name: 'RangeError', message: 'rl.layers.invertedDropout: `rate` must be a number in [0, 1); received 1' });
    t.dispose();
  });

  it('null entries of noiseShape take the axis size from x (Keras None): one draw per (batch, channel)', () => {
    const t = x();
    const out = rl.layers.invertedDropout(t, { rate: 0.5, seed: 3, noiseShape: [null, 1, null] });
    const values = out.arraySync() as number[][][];
    // Each (b, c) column is all 0 or all 2 along axis 1 (the shared draw), and both occur.
    const seen = new Set<number>();
    for (let b = 0; b < 2; b++) {
      for (let c = 0; c < 4; c++) {
        const column = [0, 1, 2].map((i) => values[b][i][c]);
        assert.ok(column.every((v) => v === column[0]) && (column[0] === 0 || column[0] === 2), `column ${b},${c}: ${column}`);
        seen.add(column[0]);
      }
    }
    tf.dispose([t, out]);
  });
});

describe('augmentation', () => {
  it('reversed ranges are refused, as Keras raises, instead of silently swapped', () => {
    const must = (name: string, min: number, max: number) =>
      `\`${name}\` must be a number or a [lower, upper] pair of numbers in [${min}, ${max}] with lower ≤ upper; received [0.3, -0.1]`;
    assert.throws(() => rl.layers.randomRotation({ factor: [0.3, -0.1] }), { name: 'RangeError', message: `rl.layers.randomRotation: ${must('factor', -1, 1)}` });
    assert.throws(() => rl.layers.randomZoom({ heightFactor: [0.3, -0.1] }), { name: 'RangeError', message: `rl.layers.randomZoom: ${must('heightFactor', -1, 1)}` });
    assert.throws(() => rl.layers.randomTranslation({ heightFactor: 0, widthFactor: [0.3, -0.1] }), { name: 'RangeError', message: `rl.layers.randomTranslation: ${must('widthFactor', -1, 1)}` });
    assert.throws(() => rl.layers.randomErasing({ scale: [0.3, 0.1] }), { name: 'RangeError', message: 'rl.layers.randomErasing: `scale` must be a [low, high] pair with low ≤ high, each a number in [0, 1]; received [0.3, 0.1]' });
  });

  it('randomErasing with scale 0 is a no-op (as Keras), not an error', () => {
    const layer = rl.layers.randomErasing({ probability: 1, scale: [0, 0], seed: 1 });
    const x = tf.randomUniform([4, 6, 6, 1], 0, 1, 'float32', 5);
    const y = layer.apply(x, { training: true }) as tf.Tensor;
    assert.deepEqual(y.arraySync(), x.arraySync());
    tf.dispose([x, y]);
  });

  it('unknown options get a hint; the Keras spelling is named', () => {
    assert.throws(() => rl.layers.randomFlip({ mod: 'vertical' } as never), /rl\.layers\.randomFlip: unknown option `mod` \(did you mean `mode`\?\)/);
  });
});

describe('spatialDropout2d', () => {
  it('checks its options in the one shape', () => {
    assert.throws(() => rl.layers.spatialDropout2d({ rate: 0.5, dataFormat: 'nhwc' as never }), {
      name: 'RangeError', message: "rl.layers.spatialDropout2d: `dataFormat` must be one of 'channelsLast', 'channelsFirst'; received 'nhwc'",
    });
    assert.throws(() => rl.layers.spatialDropout2d({ rate: 0.5, seed: 'a' as never }), { name: 'TypeError', message: "rl.layers.spatialDropout2d: `seed` must be a finite number; received 'a'" });
  });
});
